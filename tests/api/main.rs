//! Integration tests of the REST API against a real PostgreSQL that the tests start
//! themselves (one throwaway cluster per test run, one fresh database per test).
#![allow(clippy::unwrap_used, missing_docs)]

mod helpers;

mod auth;
mod bad_input;
mod customers;
mod customers_external;
mod fuzz_intake;
mod idempotency;
mod lifecycle_entitlements;
mod lifecycle_escalations;
mod lifecycle_events;
mod lifecycle_helpers;
mod lifecycle_queue;
mod meta;
mod openapi;
mod tickets;
mod triage;
mod vendors;
