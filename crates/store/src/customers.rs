//! Customer queries.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::models::{CustomerChanges, CustomerRow, NewCustomer, PlanHistoryRow};
use crate::schema::{customer_plans, customers};
use crate::Visibility;

/// Inserts a customer and the first entry of its plan history.
#[tracing::instrument(skip_all, fields(vendor = %new.vendor))]
pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewCustomer,
    actor: &str,
) -> QueryResult<CustomerRow> {
    let row: CustomerRow = diesel::insert_into(customers::table)
        .values(new)
        .returning(CustomerRow::as_returning())
        .get_result(conn)
        .await?;
    record_plan(conn, &row, actor).await?;
    Ok(row)
}

async fn record_plan(
    conn: &mut AsyncPgConnection,
    row: &CustomerRow,
    actor: &str,
) -> QueryResult<()> {
    diesel::insert_into(customer_plans::table)
        .values((
            customer_plans::vendor.eq(&row.vendor),
            customer_plans::customer_id.eq(row.id),
            customer_plans::plan.eq(&row.plan),
            customer_plans::billing_cycle.eq(&row.billing_cycle),
            customer_plans::renews_on.eq(row.renews_on),
            customer_plans::upgraded_on.eq(row.upgraded_on),
            customer_plans::changed_by.eq(actor),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Finds a customer by id among the visible vendors.
#[tracing::instrument(skip(conn, visibility))]
pub async fn find(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    visibility: &Visibility,
) -> QueryResult<Option<CustomerRow>> {
    let mut query = customers::table
        .filter(customers::id.eq(id))
        .select(CustomerRow::as_select())
        .into_boxed();
    if let Some(vendors) = &visibility.vendors {
        query = query.filter(customers::vendor.eq_any(vendors));
    }
    query.first(conn).await.optional()
}

/// Finds a customer of a vendor, locking the row for the rest of the transaction.
pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
) -> QueryResult<Option<CustomerRow>> {
    customers::table
        .find((vendor, id))
        .select(CustomerRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Applies changes; records a plan-history entry when plan, cycle or dates changed.
#[tracing::instrument(skip(conn, changes))]
pub async fn update(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
    changes: &CustomerChanges,
    actor: &str,
) -> QueryResult<CustomerRow> {
    let before = customers::table
        .find((vendor, id))
        .select(CustomerRow::as_select())
        .for_update()
        .first(conn)
        .await?;
    let row: CustomerRow = diesel::update(customers::table.find((vendor, id)))
        .set((
            changes,
            customers::version.eq(customers::version + 1),
            customers::updated_at.eq(diesel::dsl::now),
        ))
        .returning(CustomerRow::as_returning())
        .get_result(conn)
        .await?;
    let plan_changed = before.plan != row.plan
        || before.billing_cycle != row.billing_cycle
        || before.renews_on != row.renews_on
        || before.upgraded_on != row.upgraded_on;
    if plan_changed {
        record_plan(conn, &row, actor).await?;
    }
    Ok(row)
}

/// A customer's plan history, oldest first.
pub async fn plan_history(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
) -> QueryResult<Vec<PlanHistoryRow>> {
    customer_plans::table
        .filter(customer_plans::vendor.eq(vendor))
        .filter(customer_plans::customer_id.eq(id))
        .order(customer_plans::seq.asc())
        .select(PlanHistoryRow::as_select())
        .load(conn)
        .await
}
