//! The SLA monitor: warnings and breaches once per clock cycle, nothing from paused or
//! stopped clocks, re-arming after a resume, several monitors at once.

use chrono::{DateTime, Duration, Utc};
use diesel::sql_types::{Nullable, Timestamptz, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use tierline_store::{outbox, sla};
use uuid::Uuid;

use crate::support::*;

#[derive(diesel::QueryableByName, Debug)]
struct Instants {
    #[diesel(sql_type = Nullable<Timestamptz>)]
    first_response_warn_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    first_response_due_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    resolution_warn_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    resolution_due_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    next_deadline_at: Option<DateTime<Utc>>,
}

async fn instants(env: &Env, id: Uuid) -> Instants {
    let mut conn = env.pool.get().await.unwrap();
    diesel::sql_query(
        "SELECT first_response_warn_at, first_response_due_at, resolution_warn_at,
                resolution_due_at, next_deadline_at FROM tickets WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .get_result(&mut conn)
    .await
    .unwrap()
}

async fn sla_events(env: &Env, id: Uuid) -> Vec<(String, String)> {
    let mut conn = env.pool.get().await.unwrap();
    outbox::ticket_events(&mut conn, "connex", id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind.starts_with("sla."))
        .map(|e| {
            (
                e.kind,
                e.payload["clock"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

async fn pass(env: &Env, now: DateTime<Utc>) -> sla::MonitorReport {
    let mut conn = env.pool.get().await.unwrap();
    sla::process_due(&mut conn, now, 100).await.unwrap()
}

#[tokio::test]
async fn each_crossing_is_recorded_once_and_the_index_advances() {
    let env = env().await;
    let customer = env.customer("c-mon").await;
    let id: Uuid = env
        .ticket(&customer, &env.now_rfc3339())
        .await
        .parse()
        .unwrap();
    let t = instants(&env, id).await;
    let fr_warn = t.first_response_warn_at.expect("a first-response warning");
    let fr_due = t.first_response_due_at.expect("a first-response due time");
    assert!(fr_warn <= fr_due);
    assert_eq!(
        t.next_deadline_at,
        Some(fr_warn.min(t.resolution_warn_at.unwrap_or(fr_warn)))
    );

    // Before the first instant: nothing.
    let r = pass(&env, fr_warn - Duration::seconds(1)).await;
    assert_eq!((r.warnings, r.breaches), (0, 0));
    assert!(sla_events(&env, id).await.is_empty());

    // At the warning instant: one warning; the index moves to the next instant.
    let r = pass(&env, fr_warn).await;
    assert_eq!((r.warnings, r.breaches), (1, 0));
    assert_eq!(
        sla_events(&env, id).await,
        [("sla.warning".to_owned(), "first_response".to_owned())]
    );
    let next = instants(&env, id).await.next_deadline_at.unwrap();
    assert!(next > fr_warn);

    // Passes at the same instant again, and concurrently: nothing new.
    let (a, b) = tokio::join!(pass(&env, fr_warn), pass(&env, fr_warn));
    assert_eq!(a.warnings + a.breaches + b.warnings + b.breaches, 0);

    // Long after everything: the rest, each once, whatever the number of monitors.
    let late = env.now() + Duration::days(400);
    let (a, b, c) = tokio::join!(pass(&env, late), pass(&env, late), pass(&env, late));
    let expected = [
        t.first_response_due_at,
        t.resolution_warn_at,
        t.resolution_due_at,
    ]
    .iter()
    .filter(|i| i.is_some())
    .count();
    assert_eq!(
        a.warnings + a.breaches + b.warnings + b.breaches + c.warnings + c.breaches,
        expected
    );
    let r = pass(&env, late).await;
    assert_eq!((r.tickets, r.warnings, r.breaches), (0, 0, 0));
    assert_eq!(instants(&env, id).await.next_deadline_at, None);
    let events = sla_events(&env, id).await;
    assert_eq!(events.len(), 1 + expected);
    let mut unique = events.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), events.len(), "{events:?}");
}

#[tokio::test]
async fn paused_and_stopped_clocks_produce_nothing_and_a_resumed_clock_rearms() {
    let env = env().await;
    let customer = env.customer("c-pause").await;
    let id: Uuid = env
        .ticket(&customer, &env.now_rfc3339())
        .await
        .parse()
        .unwrap();
    let t = instants(&env, id).await;
    let fr_warn = t.first_response_warn_at.unwrap();
    let fr_due = t.first_response_due_at.unwrap();

    // The warning fires, then the ticket waits on the customer: the lifecycle path clears
    // the paused clock's instants and re-arms (the store contract). The resolution clock
    // is stopped (cleared) too.
    pass(&env, fr_warn).await;
    let mut conn = env.pool.get().await.unwrap();
    diesel::sql_query(
        "UPDATE tickets SET first_response_warn_at = NULL, first_response_due_at = NULL,
                resolution_warn_at = NULL, resolution_due_at = NULL WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .execute(&mut conn)
    .await
    .unwrap();
    sla::rearm(&mut conn, "connex", id).await.unwrap();
    assert_eq!(instants(&env, id).await.next_deadline_at, None);
    let late = env.now() + Duration::days(400);
    let r = pass(&env, late).await;
    assert_eq!((r.warnings, r.breaches), (0, 0));

    // Resumed two hours later: the due time moved; the warning (same cycle) is not sent
    // again, the breach is watched at the new due time.
    let new_due = fr_due + Duration::hours(2);
    diesel::sql_query(
        "UPDATE tickets SET first_response_warn_at = $2, first_response_due_at = $3
         WHERE id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Timestamptz, _>(fr_warn)
    .bind::<Timestamptz, _>(new_due)
    .execute(&mut conn)
    .await
    .unwrap();
    sla::rearm(&mut conn, "connex", id).await.unwrap();
    assert_eq!(instants(&env, id).await.next_deadline_at, Some(new_due));
    assert_eq!(pass(&env, new_due - Duration::seconds(1)).await.breaches, 0);
    let r = pass(&env, new_due).await;
    assert_eq!((r.warnings, r.breaches), (0, 1));
    assert_eq!(pass(&env, late).await.breaches, 0);
    assert_eq!(
        sla_events(&env, id).await,
        [
            ("sla.warning".to_owned(), "first_response".to_owned()),
            ("sla.breached".to_owned(), "first_response".to_owned())
        ]
    );

    // sla.met for a stopped clock is recorded once per cycle.
    let cycle = env.now() - Duration::minutes(5);
    let first = sla::record_met(
        &mut conn,
        "connex",
        id,
        sla::RESOLUTION,
        cycle,
        env.now(),
        None,
        serde_json::json!({}),
    )
    .await
    .unwrap();
    let again = sla::record_met(
        &mut conn,
        "connex",
        id,
        sla::RESOLUTION,
        cycle,
        env.now(),
        None,
        serde_json::json!({}),
    )
    .await
    .unwrap();
    assert!(first.is_some());
    assert!(again.is_none());
}

#[tokio::test]
async fn the_monitor_worker_records_breaches_of_old_tickets_and_they_are_delivered() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let hook = env.webhook(&rx.url, &["sla.warning", "sla.breached"]).await;
    let customer = env.customer("c-old").await;
    // Received days ago: every instant has passed.
    let received = (env.now() - Duration::days(5)).to_rfc3339();
    let id: Uuid = env.ticket(&customer, &received).await.parse().unwrap();
    let t = instants(&env, id).await;
    let expected = [
        t.first_response_warn_at,
        t.first_response_due_at,
        t.resolution_warn_at,
        t.resolution_due_at,
    ]
    .iter()
    .filter(|i| i.is_some())
    .count();
    assert!(expected >= 2);
    // Two worker sets (two processes' worth) run the monitor and deliveries.
    let w1 = env.workers(fast_workers());
    let w2 = env.workers(fast_workers());
    env.wait_deliveries(&hook, expected, &["delivered"]).await;
    w1.shutdown().await;
    w2.shutdown().await;
    assert_eq!(sla_events(&env, id).await.len(), expected);
    let per_event = rx.per_event();
    assert_eq!(per_event.len(), expected);
    assert!(per_event.values().all(|n| *n == 1), "{per_event:?}");
    assert_eq!(instants(&env, id).await.next_deadline_at, None);
}
