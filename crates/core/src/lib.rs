//! Tierline's domain, the policy traits every vendor adapter implements, the adapter
//! registry the API is built from, message catalogs, and the shared conformance suite.
//!
//! # Shape
//! - [`domain`]: value types (vendors, plans, tiers, priorities, channels, customers, tickets,
//!   money, locales). Parse, don't validate: every type that comes from outside has a
//!   constructor that checks it.
//! - [`policy`]: the decision types an adapter returns, each carrying an [`Explanation`].
//! - [`adapter`]: the traits ([`PlanCatalog`], [`TicketPolicy`], [`SlaPolicy`],
//!   [`EscalationPolicy`], [`EntitlementPolicy`]) and [`VendorAdapter`], their sum.
//! - [`registry`]: [`Registry`] of adapters, built from [`AdapterFactory`] values and an
//!   optional configuration file.
//! - [`clock`]: the one source of "now" ([`Clock`]): [`SystemClock`] in production,
//!   [`ManualClock`] (pinned, advanced on demand) in tests.
//! - [`messages`]: per-locale message catalogs; no customer-facing text lives in logic.
//! - [`triage`]: evidence, candidates and abstention for text readings; intake facts and
//!   human rulings, which outrank the text.
//! - [`preview`]: due times for a hypothetical ticket, shared by the CLI and the API.
//! - `conformance` (feature `conformance`): the suite every adapter's tests run.
#![deny(missing_docs)]

pub mod adapter;
pub mod clock;
pub mod config;
pub mod domain;
pub mod messages;
pub mod policy;
pub mod preview;
pub mod registry;
pub mod triage;

#[cfg(any(test, feature = "conformance"))]
pub mod conformance;
#[cfg(any(test, feature = "conformance"))]
pub mod corpus;

pub use adapter::{
    EntitlementPolicy, EscalationPolicy, PlanCatalog, SlaPolicy, TicketPolicy, VendorAdapter,
};
pub use clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use config::{AdapterConfig, ConfigError};
pub use domain::*;
pub use messages::{MessageArgs, MessageCatalog, MessageError};
pub use policy::*;
pub use preview::{preview, ClockPreview, PreviewError, SlaPreview, SlaPreviewRequest, SlaQuery};
pub use registry::{AdapterFactory, BuildAdapter, Registry, RegistryError, SharedAdapter};
pub use triage::{
    Candidate, Confidence, Evidence, FactError, FactKind, FactSpec, FactValue, IntakeFacts,
    Proposal, Ruling, Source, TextField, Triage, TriageReason,
};

pub use tierline_calendar::{BusinessMinutes, Calendar, CalendarDef, WarningRule};
