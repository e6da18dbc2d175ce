//! The database schema (hand-written; keep in step with `migrations/`).
#![allow(missing_docs)]

diesel::table! {
    customers (vendor, id) {
        vendor -> Text,
        id -> Uuid,
        external_id -> Text,
        name -> Text,
        plan -> Text,
        billing_cycle -> Text,
        renews_on -> Nullable<Date>,
        upgraded_on -> Nullable<Date>,
        reseller_id -> Nullable<Text>,
        reseller_name -> Nullable<Text>,
        reseller_contact -> Nullable<Text>,
        integration -> Nullable<Text>,
        trial -> Bool,
        locale -> Nullable<Text>,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    customer_plans (vendor, customer_id, seq) {
        vendor -> Text,
        customer_id -> Uuid,
        seq -> Int8,
        plan -> Text,
        billing_cycle -> Text,
        renews_on -> Nullable<Date>,
        upgraded_on -> Nullable<Date>,
        valid_from -> Timestamptz,
        changed_by -> Text,
    }
}

diesel::table! {
    tickets (vendor, id) {
        vendor -> Text,
        id -> Uuid,
        customer_id -> Uuid,
        subject -> Text,
        description -> Text,
        channel -> Text,
        priority -> Nullable<Text>,
        requested_priority -> Nullable<Text>,
        status -> Text,
        received_at -> Timestamptz,
        refs -> Jsonb,
        routing_kind -> Text,
        reseller_id -> Nullable<Text>,
        decision -> Json,
        first_response_clock -> Nullable<Jsonb>,
        resolution_clock -> Nullable<Jsonb>,
        first_response_due_at -> Nullable<Timestamptz>,
        first_response_warn_at -> Nullable<Timestamptz>,
        resolution_due_at -> Nullable<Timestamptz>,
        resolution_warn_at -> Nullable<Timestamptz>,
        next_deadline_at -> Nullable<Timestamptz>,
        queue_class -> Int2,
        queue_at -> Timestamptz,
        version -> Int8,
        created_by -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        level -> Nullable<Jsonb>,
        escalation -> Nullable<Jsonb>,
        sla_breached -> Bool,
        responded_at -> Nullable<Timestamptz>,
        needs_triage -> Bool,
        external_ref -> Nullable<Text>,
    }
}

diesel::table! {
    ticket_events (vendor, ticket_id, seq) {
        vendor -> Text,
        ticket_id -> Uuid,
        seq -> Int8,
        kind -> Text,
        at -> Timestamptz,
        actor -> Text,
        data -> Jsonb,
        explanation -> Json,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    idempotency_keys (principal, key) {
        principal -> Text,
        key -> Text,
        request_hash -> Text,
        method -> Text,
        path -> Text,
        status -> Nullable<Int2>,
        response -> Nullable<Jsonb>,
        location -> Nullable<Text>,
        created_at -> Timestamptz,
        resource_kind -> Nullable<Text>,
        resource_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    developer_time (vendor, customer_id, seq) {
        vendor -> Text,
        customer_id -> Uuid,
        seq -> Int8,
        minutes -> Int8,
        charged -> Bool,
        period_start -> Nullable<Date>,
        ticket_id -> Nullable<Uuid>,
        at -> Timestamptz,
        actor -> Text,
        explanation -> Jsonb,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    purchases (vendor, customer_id, seq) {
        vendor -> Text,
        customer_id -> Uuid,
        seq -> Int8,
        item -> Text,
        quantity -> Int4,
        adds_minutes -> Int8,
        period_start -> Nullable<Date>,
        quote -> Jsonb,
        actor -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (vendor, customer_id, id) {
        vendor -> Text,
        customer_id -> Uuid,
        id -> Uuid,
        kind -> Text,
        starts_at -> Timestamptz,
        minutes -> Int8,
        booked_at -> Timestamptz,
        actor -> Text,
        created_at -> Timestamptz,
        uses_purchase -> Bool,
    }
}

diesel::table! {
    webhooks (vendor, id) {
        vendor -> Text,
        id -> Uuid,
        url -> Text,
        events -> Array<Text>,
        secret -> Text,
        description -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        active -> Bool,
        previous_secret -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamptz>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    outbox_events (vendor, id) {
        vendor -> Text,
        id -> Uuid,
        kind -> Text,
        ticket_id -> Nullable<Uuid>,
        payload -> Json,
        occurred_at -> Timestamptz,
    }
}

diesel::table! {
    webhook_deliveries (vendor, id) {
        vendor -> Text,
        id -> Uuid,
        webhook_id -> Uuid,
        event_id -> Uuid,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        retry_from -> Timestamptz,
        lease_token -> Nullable<Uuid>,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamptz>,
        last_status_code -> Nullable<Int2>,
        last_error -> Nullable<Text>,
        delivered_at -> Nullable<Timestamptz>,
        dead_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    webhook_attempts (vendor, delivery_id, seq) {
        vendor -> Text,
        delivery_id -> Uuid,
        seq -> Int8,
        attempt -> Int4,
        worker -> Text,
        started_at -> Timestamptz,
        finished_at -> Timestamptz,
        outcome -> Text,
        status_code -> Nullable<Int2>,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    sla_alerts (vendor, ticket_id, clock, kind, cycle) {
        vendor -> Text,
        ticket_id -> Uuid,
        clock -> Text,
        kind -> Text,
        cycle -> Timestamptz,
        instant -> Timestamptz,
        event_id -> Uuid,
        recorded_at -> Timestamptz,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Uuid,
        name -> Text,
        prefix -> Text,
        key_hash -> Bytea,
        role -> Text,
        vendors -> Array<Text>,
        reseller -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamptz,
        expires_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
        revoked_by -> Nullable<Text>,
        last_used_at -> Nullable<Timestamptz>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    customers,
    customer_plans,
    tickets,
    ticket_events,
    idempotency_keys,
    developer_time,
    purchases,
    sessions,
    webhooks,
    outbox_events,
    webhook_deliveries,
    webhook_attempts,
    sla_alerts,
);
