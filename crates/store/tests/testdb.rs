//! The throwaway cluster, the migrated template and per-test databases work.
#![allow(missing_docs)]

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use tierline_store::testdb::TestDatabase;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[tokio::test]
async fn fresh_databases_are_migrated_and_separate() -> Result<(), Box<dyn std::error::Error>> {
    let a = TestDatabase::new()?;
    let b = TestDatabase::new()?;
    assert_ne!(a.url(), b.url());
    let mut conn = AsyncPgConnection::establish(a.url()).await?;
    let tables: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM information_schema.tables \
         WHERE table_name IN ('customers','tickets','ticket_events','idempotency_keys')",
    )
    .get_result(&mut conn)
    .await?;
    assert_eq!(tables.n, 4);
    Ok(())
}

#[tokio::test]
async fn ticket_events_are_append_only() -> Result<(), Box<dyn std::error::Error>> {
    let db = TestDatabase::new()?;
    let mut conn = AsyncPgConnection::establish(db.url()).await?;
    diesel::sql_query(
        "WITH c AS (INSERT INTO customers (vendor, id, external_id, name, plan, billing_cycle) \
           VALUES ('v', gen_random_uuid(), 'x', 'X', 'p', 'monthly') RETURNING id), \
         t AS (INSERT INTO tickets (vendor, id, customer_id, subject, description, channel, \
           status, received_at, routing_kind, decision, queue_class, queue_at, created_by) \
           SELECT 'v', gen_random_uuid(), id, 's', 'd', 'email', 'open', now(), 'vendor', \
           '{}', 0, now(), 'test' FROM c RETURNING id) \
         INSERT INTO ticket_events (vendor, ticket_id, kind, at, actor) \
           SELECT 'v', id, 'created', now(), 'test' FROM t",
    )
    .execute(&mut conn)
    .await?;
    let updated = diesel::sql_query("UPDATE ticket_events SET kind = 'x'")
        .execute(&mut conn)
        .await;
    assert!(updated.is_err(), "update must be rejected");
    let deleted = diesel::sql_query("DELETE FROM ticket_events")
        .execute(&mut conn)
        .await;
    assert!(deleted.is_err(), "delete must be rejected");
    Ok(())
}
