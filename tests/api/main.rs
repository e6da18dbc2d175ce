//! Integration tests of the REST API against a real PostgreSQL that the tests start
//! themselves (one throwaway cluster per test run, one fresh database per test).
#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../common/clock.rs"]
mod test_clock;

mod helpers;

mod api_keys;
mod auth;
mod auth_hardening;
mod bad_input;
mod clock;
mod customers;
mod customers_external;
mod fuzz_intake;
mod hardening;
mod idempotency;
mod idempotency_tenants;
mod lifecycle_entitlements;
mod lifecycle_escalations;
mod lifecycle_events;
mod lifecycle_helpers;
mod lifecycle_queue;
mod meta;
mod openapi;
mod policy_rules;
mod rate_limits;
mod roles_matrix;
mod tickets;
mod tickets_external;
mod triage;
mod vendors;
