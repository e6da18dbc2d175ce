//! Every rule the __TYPE__ adapter can cite. Each id has an explanation sentence under the
//! same key in `messages/en.ftl`, and at least one test in `tests/rules.rs`.

use tierline_core::RuleId;

/// One plan, `standard` (formerly Basic), reaching Tier 2.
pub const CATALOG_STANDARD: RuleId = RuleId::new("__ID__.catalog.standard_plan");
/// Every ticket goes to the vendor's support at Tier 1, in scope, not billable.
pub const ROUTING_VENDOR: RuleId = RuleId::new("__ID__.routing.vendor");
/// First response within 1 business day (configurable); no resolution target.
pub const SLA_FIRST_RESPONSE: RuleId = RuleId::new("__ID__.sla.first_response");
/// First come, first served.
pub const QUEUE_FIFO: RuleId = RuleId::new("__ID__.queue.fifo");
/// An escalation to a tier within the plan's ceiling is allowed.
pub const ESCALATION_WITHIN_CEILING: RuleId = RuleId::new("__ID__.escalation.within_ceiling");
/// An escalation above the plan's ceiling is denied.
pub const ESCALATION_ABOVE_CEILING: RuleId = RuleId::new("__ID__.escalation.above_ceiling");
/// Only tiers are support levels here: lines and teams are denied.
pub const ESCALATION_TIERS_ONLY: RuleId = RuleId::new("__ID__.escalation.tiers_only");
/// No plan includes developer time, and none is sold.
pub const ENTITLEMENT_NO_DEVELOPER_TIME: RuleId =
    RuleId::new("__ID__.entitlement.no_developer_time");
/// No support extras (screen sharing) are sold.
pub const ENTITLEMENT_NO_PURCHASES: RuleId = RuleId::new("__ID__.entitlement.no_purchases");
/// No sessions are bookable.
pub const ENTITLEMENT_NO_SESSIONS: RuleId = RuleId::new("__ID__.entitlement.no_sessions");

/// Every rule id of the adapter.
pub const ALL: &[RuleId] = &[
    CATALOG_STANDARD,
    ROUTING_VENDOR,
    SLA_FIRST_RESPONSE,
    QUEUE_FIFO,
    ESCALATION_WITHIN_CEILING,
    ESCALATION_ABOVE_CEILING,
    ESCALATION_TIERS_ONLY,
    ENTITLEMENT_NO_DEVELOPER_TIME,
    ENTITLEMENT_NO_PURCHASES,
    ENTITLEMENT_NO_SESSIONS,
];
