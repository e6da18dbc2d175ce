//! Webhooks, the outbox, the delivery worker, the SLA monitor and several instances on one
//! database, against a real PostgreSQL (started by the tests) and a real HTTP receiver (an
//! actix server on 127.0.0.1, port 0). Retry schedules are shortened so every test runs in
//! seconds; loops are bounded and nothing asserts on timing.
#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../common/clock.rs"]
mod test_clock;

mod support;

mod api;
mod delivery;
mod destinations;
mod fairness;
mod instances;
mod lifecycle;
mod manage;
mod monitor;
