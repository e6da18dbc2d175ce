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

/// Inserts a customer unless the vendor has one with the same `external_id`; then answers
/// that customer's id instead (`Err`). Safe under concurrent inserts of the same id.
#[tracing::instrument(skip_all, fields(vendor = %new.vendor))]
pub async fn insert_or_existing(
    conn: &mut AsyncPgConnection,
    new: &NewCustomer,
    actor: &str,
) -> QueryResult<Result<CustomerRow, Uuid>> {
    let inserted: Option<CustomerRow> = diesel::insert_into(customers::table)
        .values(new)
        .on_conflict((customers::vendor, customers::external_id))
        .do_nothing()
        .returning(CustomerRow::as_returning())
        .get_result(conn)
        .await
        .optional()?;
    match inserted {
        Some(row) => {
            record_plan(conn, &row, actor).await?;
            Ok(Ok(row))
        }
        None => {
            let id = customers::table
                .filter(customers::vendor.eq(&new.vendor))
                .filter(customers::external_id.eq(&new.external_id))
                .select(customers::id)
                .first(conn)
                .await?;
            Ok(Err(id))
        }
    }
}

/// Finds a vendor's customer by its external id, locking the row for the rest of the
/// transaction.
pub async fn find_external_for_update(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    external_id: &str,
) -> QueryResult<Option<CustomerRow>> {
    customers::table
        .filter(customers::vendor.eq(vendor))
        .filter(customers::external_id.eq(external_id))
        .select(CustomerRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// What `list` selects.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Only this vendor.
    pub vendor: Option<String>,
    /// Only this external id.
    pub external_id: Option<String>,
    /// Only ids after this one (the page cursor).
    pub after: Option<Uuid>,
    /// At most this many rows.
    pub limit: i64,
}

/// Customers among the visible vendors, in id (creation) order.
#[tracing::instrument(skip(conn, visibility))]
pub async fn list(
    conn: &mut AsyncPgConnection,
    visibility: &Visibility,
    filter: &CustomerFilter,
) -> QueryResult<Vec<CustomerRow>> {
    let mut query = customers::table
        .select(CustomerRow::as_select())
        .order(customers::id.asc())
        .limit(filter.limit)
        .into_boxed();
    if let Some(vendors) = &visibility.vendors {
        query = query.filter(customers::vendor.eq_any(vendors));
    }
    if let Some(vendor) = &filter.vendor {
        query = query.filter(customers::vendor.eq(vendor));
    }
    if let Some(external_id) = &filter.external_id {
        query = query.filter(customers::external_id.eq(external_id));
    }
    if let Some(after) = filter.after {
        query = query.filter(customers::id.gt(after));
    }
    query.load(conn).await
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
