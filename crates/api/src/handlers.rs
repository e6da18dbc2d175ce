//! HTTP handlers, thin: parse at the edge, call the store and the adapters, shape the answer.

pub mod customers;
pub mod entitlements;
pub mod lifecycle;
pub mod meta;
pub mod metrics;
pub mod queue;
pub mod sla;
pub mod tickets;
pub mod vendors;
pub mod webhooks;
