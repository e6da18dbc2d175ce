//! Per-customer ledgers: developer time, purchases and sessions. Append-only.
//!
//! Writers lock the customer row first (`customers::find_for_update`), read the balance with
//! [`charged_minutes`] and [`purchased_minutes`], and insert in the same transaction, so two
//! agents logging time at once never overspend.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::schema::{developer_time, purchases, sessions};

/// A developer-time entry to record.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = developer_time)]
pub struct NewDeveloperTime {
    /// Vendor id.
    pub vendor: String,
    /// Customer id.
    pub customer_id: Uuid,
    /// Minutes worked (> 0).
    pub minutes: i64,
    /// Whether it draws down the budget.
    pub charged: bool,
    /// The plan year it is drawn from (when charged).
    pub period_start: Option<NaiveDate>,
    /// The ticket worked on.
    pub ticket_id: Option<Uuid>,
    /// When the work was done.
    pub at: DateTime<Utc>,
    /// Who logged it.
    pub actor: String,
    /// Why charged or not.
    pub explanation: Value,
}

/// A stored developer-time entry.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = developer_time, check_for_backend(diesel::pg::Pg))]
pub struct DeveloperTimeRow {
    /// Order within the customer.
    pub seq: i64,
    /// Minutes.
    pub minutes: i64,
    /// Drawn from the budget.
    pub charged: bool,
    /// Plan year.
    pub period_start: Option<NaiveDate>,
    /// Ticket.
    pub ticket_id: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// Why.
    pub explanation: Value,
}

/// A purchase to record.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = purchases)]
pub struct NewPurchase {
    /// Vendor id.
    pub vendor: String,
    /// Customer id.
    pub customer_id: Uuid,
    /// `developer_call` or `screen_share`.
    pub item: String,
    /// How many.
    pub quantity: i32,
    /// Developer minutes added to the plan year.
    pub adds_minutes: i64,
    /// The plan year the minutes belong to.
    pub period_start: Option<NaiveDate>,
    /// The adapter's quote.
    pub quote: Value,
    /// Who bought it.
    pub actor: String,
}

/// A session to record.
#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg))]
pub struct NewSession {
    /// Vendor id.
    pub vendor: String,
    /// Customer id.
    pub customer_id: Uuid,
    /// Session id.
    pub id: Uuid,
    /// `onboarding` or `screen_share`.
    pub kind: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// Length.
    pub minutes: i64,
    /// When booked.
    pub booked_at: DateTime<Utc>,
    /// Who booked it.
    pub actor: String,
    /// Whether it used up a bought screen-sharing session.
    pub uses_purchase: bool,
}

/// Charged developer minutes of the plan year starting `period_start`.
pub async fn charged_minutes(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    customer_id: Uuid,
    period_start: NaiveDate,
) -> QueryResult<i64> {
    developer_time::table
        .filter(developer_time::vendor.eq(vendor))
        .filter(developer_time::customer_id.eq(customer_id))
        .filter(developer_time::charged)
        .filter(developer_time::period_start.eq(period_start))
        .select(sql::<BigInt>("COALESCE(SUM(minutes), 0)::BIGINT"))
        .first(conn)
        .await
}

/// Developer minutes bought for the plan year starting `period_start`.
pub async fn purchased_minutes(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    customer_id: Uuid,
    period_start: NaiveDate,
) -> QueryResult<i64> {
    purchases::table
        .filter(purchases::vendor.eq(vendor))
        .filter(purchases::customer_id.eq(customer_id))
        .filter(purchases::period_start.eq(period_start))
        .select(sql::<BigInt>("COALESCE(SUM(adds_minutes), 0)::BIGINT"))
        .first(conn)
        .await
}

/// Screen-sharing sessions a customer bought and has not used up by a booking yet.
pub async fn unused_screen_shares(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    customer_id: Uuid,
) -> QueryResult<i64> {
    let bought: i64 = purchases::table
        .filter(purchases::vendor.eq(vendor))
        .filter(purchases::customer_id.eq(customer_id))
        .filter(purchases::item.eq("screen_share"))
        .select(sql::<BigInt>("COALESCE(SUM(quantity), 0)::BIGINT"))
        .first(conn)
        .await?;
    let used: i64 = sessions::table
        .filter(sessions::vendor.eq(vendor))
        .filter(sessions::customer_id.eq(customer_id))
        .filter(sessions::uses_purchase)
        .count()
        .get_result(conn)
        .await?;
    Ok(bought.saturating_sub(used).max(0))
}

/// Records developer time.
pub async fn insert_developer_time(
    conn: &mut AsyncPgConnection,
    entry: &NewDeveloperTime,
) -> QueryResult<DeveloperTimeRow> {
    diesel::insert_into(developer_time::table)
        .values(entry)
        .returning(DeveloperTimeRow::as_returning())
        .get_result(conn)
        .await
}

/// Records a purchase; returns its sequence number.
pub async fn insert_purchase(
    conn: &mut AsyncPgConnection,
    entry: &NewPurchase,
) -> QueryResult<i64> {
    diesel::insert_into(purchases::table)
        .values(entry)
        .returning(purchases::seq)
        .get_result(conn)
        .await
}

/// Records a session.
pub async fn insert_session(conn: &mut AsyncPgConnection, entry: &NewSession) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(entry)
        .execute(conn)
        .await?;
    Ok(())
}

/// A customer's developer-time entries, oldest first.
pub async fn developer_time(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    customer_id: Uuid,
) -> QueryResult<Vec<DeveloperTimeRow>> {
    developer_time::table
        .filter(developer_time::vendor.eq(vendor))
        .filter(developer_time::customer_id.eq(customer_id))
        .order(developer_time::seq.asc())
        .select(DeveloperTimeRow::as_select())
        .load(conn)
        .await
}
