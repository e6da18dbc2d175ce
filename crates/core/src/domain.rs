//! Domain value types. Everything that arrives from outside is parsed into one of these
//! at the edge; policy code never sees a raw string where a type exists.

mod customer;
mod ids;
mod locale;
mod money;
mod plan;
mod support;
mod ticket;

pub use customer::{BillingCycle, Customer, Reseller};
pub use ids::{IdError, PlanId, RuleId, VendorId};
pub use locale::{Locale, LocaleError};
pub use money::{Currency, Money};
pub use plan::{Plan, PlanPrice};
pub use support::{Line, SupportLevel, Tier};
pub use ticket::{Channel, Minutes, Priority, TicketIntake, TicketStatus};
