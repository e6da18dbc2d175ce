//! Old idempotency keys are forgotten in bounded batches; recent ones are kept.
#![allow(missing_docs)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use tierline_store::idempotency::{claim, purge_created_before, Claim, KeyedRequest};
use tierline_store::testdb::TestDatabase;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

async fn count(conn: &mut AsyncPgConnection) -> Result<i64, diesel::result::Error> {
    let c: Count = diesel::sql_query("SELECT count(*) AS n FROM idempotency_keys")
        .get_result(conn)
        .await?;
    Ok(c.n)
}

/// The instant the test runs at (keys carry the server clock's time, not the database's).
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, 6, 15, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

#[tokio::test]
async fn old_keys_are_purged_in_batches_and_recent_ones_kept(
) -> Result<(), Box<dyn std::error::Error>> {
    let db = TestDatabase::new()?;
    let mut conn = AsyncPgConnection::establish(db.url()).await?;
    // Three keys are two days old, two are fresh.
    for i in 0..5 {
        let key = format!("k{i}");
        let age = if i < 3 {
            Duration::days(2)
        } else {
            Duration::minutes(5)
        };
        let req = KeyedRequest {
            principal: "p",
            key: &key,
            request_hash: "h",
            method: "POST",
            path: "/api/v1/tickets",
            created_at: now() - age,
        };
        assert_eq!(claim(&mut conn, &req).await?, Claim::New);
    }
    let cutoff = now() - Duration::hours(24);
    assert_eq!(purge_created_before(&mut conn, cutoff, 2).await?, 2);
    assert_eq!(count(&mut conn).await?, 3);
    assert_eq!(purge_created_before(&mut conn, cutoff, 100).await?, 1);
    assert_eq!(purge_created_before(&mut conn, cutoff, 100).await?, 0);
    assert_eq!(count(&mut conn).await?, 2, "fresh keys must be kept");
    // A purged key can be used again: it is a new request.
    let again = KeyedRequest {
        principal: "p",
        key: "k0",
        request_hash: "other",
        method: "POST",
        path: "/api/v1/tickets",
        created_at: now(),
    };
    assert_eq!(claim(&mut conn, &again).await?, Claim::New);
    Ok(())
}
