//! Old idempotency keys are forgotten in bounded batches; recent ones are kept.
#![allow(missing_docs)]

use chrono::{Duration, Utc};
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

#[tokio::test]
async fn old_keys_are_purged_in_batches_and_recent_ones_kept(
) -> Result<(), Box<dyn std::error::Error>> {
    let db = TestDatabase::new()?;
    let mut conn = AsyncPgConnection::establish(db.url()).await?;
    for i in 0..5 {
        let key = format!("k{i}");
        let req = KeyedRequest {
            principal: "p",
            key: &key,
            request_hash: "h",
            method: "POST",
            path: "/api/v1/tickets",
        };
        assert_eq!(claim(&mut conn, &req).await?, Claim::New);
    }
    // Three keys are two days old, two are fresh.
    diesel::sql_query(
        "UPDATE idempotency_keys SET created_at = now() - interval '2 days' \
         WHERE key IN ('k0', 'k1', 'k2')",
    )
    .execute(&mut conn)
    .await?;
    let cutoff = Utc::now() - Duration::hours(24);
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
    };
    assert_eq!(claim(&mut conn, &again).await?, Claim::New);
    Ok(())
}
