//! `intake::record` writes a ticket, its history and its outbox events (with deliveries) in
//! one prepared statement, all or nothing.
#![allow(missing_docs)]

use chrono::{SubsecRound, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use tierline_store::intake::{record, IntakeEvent, NewTicket, Recorded};
use tierline_store::models::{NewCustomer, NewTicketEvent, TicketRow};
use tierline_store::schema::{outbox_events, ticket_events, tickets, webhook_deliveries};
use tierline_store::testdb::TestDatabase;
use tierline_store::webhooks::{self, WebhookRow};
use tierline_store::{customers, tickets as ticket_queries, JsonText, Visibility};
use uuid::Uuid;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn ticket(customer_id: Uuid) -> TicketRow {
    let now = Utc::now().trunc_subsecs(6);
    TicketRow {
        vendor: "connex".into(),
        id: Uuid::now_v7(),
        customer_id,
        subject: "Orders not syncing".into(),
        description: "since this morning".into(),
        channel: "email".into(),
        priority: Some("high".into()),
        requested_priority: None,
        status: "open".into(),
        received_at: now,
        refs: JsonText::from(&json!(["INC-1"])),
        routing_kind: "vendor".into(),
        reseller_id: None,
        decision: JsonText::from(&json!({"routing": {"kind": "vendor"}})),
        first_response_clock: Some(JsonText::from(&json!({"clock": {"started_at": now}}))),
        resolution_clock: None,
        first_response_due_at: Some(now + chrono::Duration::hours(4)),
        first_response_warn_at: None,
        resolution_due_at: None,
        resolution_warn_at: None,
        next_deadline_at: Some(now + chrono::Duration::hours(4)),
        queue_class: 2,
        queue_at: now,
        version: 1,
        created_by: "test".into(),
        created_at: now,
        updated_at: now,
        needs_triage: true,
        external_ref: None,
    }
}

fn history(row: &TicketRow) -> Vec<NewTicketEvent> {
    ["created", "routed"]
        .into_iter()
        .map(|kind| NewTicketEvent {
            vendor: row.vendor.clone(),
            ticket_id: row.id,
            kind: kind.into(),
            at: row.received_at,
            actor: "test".into(),
            data: json!({ "kind": kind }),
            explanation: json!([]),
        })
        .collect()
}

async fn customer(conn: &mut AsyncPgConnection) -> Result<Uuid, diesel::result::Error> {
    let new = NewCustomer {
        vendor: "connex".into(),
        id: Uuid::now_v7(),
        external_id: "c-1".into(),
        name: "Acme".into(),
        plan: "connex.gold".into(),
        billing_cycle: "monthly".into(),
        renews_on: None,
        upgraded_on: None,
        reseller_id: None,
        reseller_name: None,
        reseller_contact: None,
        integration: None,
        trial: false,
        locale: None,
    };
    Ok(customers::insert(conn, &new, "test").await?.id)
}

async fn subscribe(conn: &mut AsyncPgConnection, events: &[&str]) -> TestResult {
    webhooks::insert(
        conn,
        &WebhookRow {
            vendor: "connex".into(),
            id: Uuid::now_v7(),
            url: "http://127.0.0.1:9/hook".into(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
            secret: "s".repeat(32),
            description: None,
            created_by: "test".into(),
            created_at: Utc::now(),
            deleted_at: None,
            active: true,
            previous_secret: None,
            previous_secret_expires_at: None,
            updated_at: Utc::now(),
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn records_everything_in_order_with_one_prepared_statement() -> TestResult {
    let db = TestDatabase::new()?;
    let mut conn = AsyncPgConnection::establish(db.url()).await?;
    let customer_id = customer(&mut conn).await?;
    subscribe(&mut conn, &["ticket.created"]).await?;
    let created = json!({"id": 1});
    let routed = json!({"routing": "vendor"});
    let mut ids = Vec::new();
    for _ in 0..2 {
        let row = ticket(customer_id);
        let events = history(&row);
        let outbox = [
            IntakeEvent {
                id: Uuid::now_v7(),
                kind: "ticket.created",
                payload: &created,
            },
            IntakeEvent {
                id: Uuid::now_v7(),
                kind: "ticket.routed",
                payload: &routed,
            },
        ];
        record(
            &mut conn,
            &NewTicket {
                ticket: &row,
                history: &events,
                events: &outbox,
            },
        )
        .await?;
        let stored = ticket_queries::find(&mut conn, row.id, &Visibility::default())
            .await?
            .ok_or("ticket not stored")?;
        assert_eq!(
            stored, row,
            "the stored row is the row given, to the microsecond"
        );
        ids.push(row.id);
    }
    let kinds: Vec<String> = ticket_events::table
        .filter(ticket_events::ticket_id.eq(ids[1]))
        .order(ticket_events::seq)
        .select(ticket_events::kind)
        .load(&mut conn)
        .await?;
    assert_eq!(kinds, ["created", "routed"]);
    let events: Vec<(String, serde_json::Value)> = outbox_events::table
        .filter(outbox_events::ticket_id.eq(ids[1]))
        .order(outbox_events::id)
        .select((outbox_events::kind, outbox_events::payload))
        .load(&mut conn)
        .await?;
    assert_eq!(
        events,
        [
            ("ticket.created".to_owned(), created.clone()),
            ("ticket.routed".to_owned(), routed.clone())
        ]
    );
    // One delivery per ticket: only `ticket.created` is subscribed to.
    let deliveries: i64 = webhook_deliveries::table
        .count()
        .get_result(&mut conn)
        .await?;
    assert_eq!(deliveries, 2);
    // Prepared once on this connection, re-used for the second ticket.
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let prepared: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE 'WITH ticket AS%'",
    )
    .get_result(&mut conn)
    .await?;
    assert_eq!(prepared.n, 1);
    Ok(())
}

#[tokio::test]
async fn a_failing_part_leaves_nothing_behind() -> TestResult {
    let db = TestDatabase::new()?;
    let mut conn = AsyncPgConnection::establish(db.url()).await?;
    subscribe(&mut conn, &["ticket.created"]).await?;
    // No such customer: the foreign key fails at the end of the statement.
    let row = ticket(Uuid::now_v7());
    let events = history(&row);
    let payload = json!({});
    let outbox = [IntakeEvent {
        id: Uuid::now_v7(),
        kind: "ticket.created",
        payload: &payload,
    }];
    let err = record(
        &mut conn,
        &NewTicket {
            ticket: &row,
            history: &events,
            events: &outbox,
        },
    )
    .await
    .expect_err("an unknown customer must be refused");
    assert!(
        matches!(
            err,
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                _
            )
        ),
        "{err:?}"
    );
    for (table, n) in [
        (
            "tickets",
            tickets::table.count().get_result::<i64>(&mut conn).await?,
        ),
        (
            "ticket_events",
            ticket_events::table.count().get_result(&mut conn).await?,
        ),
        (
            "outbox_events",
            outbox_events::table.count().get_result(&mut conn).await?,
        ),
        (
            "webhook_deliveries",
            webhook_deliveries::table
                .count()
                .get_result(&mut conn)
                .await?,
        ),
    ] {
        assert_eq!(n, 0, "{table} kept a row of the failed intake");
    }
    Ok(())
}

#[tokio::test]
async fn a_taken_external_ref_writes_nothing() -> TestResult {
    let db = TestDatabase::new()?;
    let mut conn = AsyncPgConnection::establish(db.url()).await?;
    let customer_id = customer(&mut conn).await?;
    subscribe(&mut conn, &["ticket.created"]).await?;
    let payload = json!({});
    let mut answers = Vec::new();
    let mut ids = Vec::new();
    for _ in 0..2 {
        let mut row = ticket(customer_id);
        row.external_ref = Some("ZD-4711".into());
        let events = history(&row);
        let outbox = [IntakeEvent {
            id: Uuid::now_v7(),
            kind: "ticket.created",
            payload: &payload,
        }];
        let answer = record(
            &mut conn,
            &NewTicket {
                ticket: &row,
                history: &events,
                events: &outbox,
            },
        )
        .await?;
        answers.push(answer);
        ids.push(row.id);
    }
    assert_eq!(answers, [Recorded::Stored, Recorded::ExternalRefTaken]);
    let found =
        ticket_queries::find_external(&mut conn, "connex", "ZD-4711", &Visibility::default())
            .await?
            .ok_or("the first ticket")?;
    assert_eq!(found.id, ids[0]);
    let second_events: i64 = ticket_events::table
        .filter(ticket_events::ticket_id.eq(ids[1]))
        .count()
        .get_result(&mut conn)
        .await?;
    assert_eq!(second_events, 0, "no history for the refused ticket");
    let deliveries: i64 = webhook_deliveries::table
        .count()
        .get_result(&mut conn)
        .await?;
    assert_eq!(deliveries, 1, "one delivery, for the first ticket only");
    Ok(())
}
