//! Every rule id the StoreConnect adapter cites. Each has an explanation sentence under the
//! same key in `messages/en.ftl` and at least one test in `tests/rules.rs` (the priority
//! ladder and triage rules in `tests/triage.rs`).

use tierline_core::RuleId;

/// The ticket was opened by StoreConnect's monitoring (source: monitoring), not by the
/// customer; the customer is told to raise a case via the portal if they see a problem.
pub const INTAKE_MONITORING: RuleId = RuleId::new("storeconnect.intake.monitoring");

/// The reporter or agent set the priority; it is kept as given.
pub const PRIORITY_REPORTER_SET: RuleId = RuleId::new("storeconnect.priority.reporter_set");
/// The text suggests another priority than the one set; it is reported, not applied.
pub const PRIORITY_SUGGESTION_DIFFERS: RuleId =
    RuleId::new("storeconnect.priority.suggestion_differs");
/// No priority was set; the one suggested from the text is used.
pub const PRIORITY_SUGGESTED: RuleId = RuleId::new("storeconnect.priority.suggested");
/// No priority was set and the text suggests none; medium is used.
pub const PRIORITY_DEFAULT_MEDIUM: RuleId = RuleId::new("storeconnect.priority.default_medium");
/// An agent re-triaged the ticket: the ruling's priority outranks facts, text and the
/// reporter's priority.
pub const PRIORITY_RULING: RuleId = RuleId::new("storeconnect.priority.ruling");
/// No priority was set; the intake facts (named in the explanation) decide it.
pub const PRIORITY_FROM_FACTS: RuleId = RuleId::new("storeconnect.priority.from_facts");
/// The text hints at a more urgent reading than it states plainly: the more urgent
/// plausible priority is kept and the ticket is flagged for triage.
pub const PRIORITY_UNSURE: RuleId = RuleId::new("storeconnect.priority.unsure");
/// The reporter set a priority below a critical signal the text states plainly: the
/// reporter's priority is kept and the ticket is flagged for triage.
pub const PRIORITY_CRITICAL_BELOW_REPORTED: RuleId =
    RuleId::new("storeconnect.priority.critical_below_reported");

/// The ticket goes to StoreConnect's support team.
pub const ROUTING_SUPPORT: RuleId = RuleId::new("storeconnect.routing.support");
/// A low-priority ticket asking for Accelerated Development is recorded and routed to the
/// development team, with no SLA.
pub const ROUTING_ACCELERATED_DEVELOPMENT: RuleId =
    RuleId::new("storeconnect.routing.accelerated_development");
/// Accelerated Development was asked for on a ticket that is not a customer's
/// low-priority ticket; the request is not applied and support handles the ticket.
pub const ROUTING_ACCELERATED_DEVELOPMENT_INELIGIBLE: RuleId =
    RuleId::new("storeconnect.routing.accelerated_development_ineligible");

/// Business days: the vendor calendar, one business day = the configured minutes (480).
pub const SLA_BUSINESS_DAY: RuleId = RuleId::new("storeconnect.sla.business_day");
/// The resolve-or-mitigate matrix (priority x plan, configurable): critical 3 / 2 / 1 / 1
/// and high 10 / 5 / 5 / 5 business days on small / medium / large / enterprise.
pub const SLA_RESOLUTION: RuleId = RuleId::new("storeconnect.sla.resolution");
/// No resolution target for the priority on the plan (published: medium and low).
pub const SLA_NO_RESOLUTION_TARGET: RuleId = RuleId::new("storeconnect.sla.no_resolution_target");
/// StoreConnect publishes no first-response target.
pub const SLA_NO_FIRST_RESPONSE: RuleId = RuleId::new("storeconnect.sla.no_first_response");
/// The resolution clock warns under the configured rule (default: at 75 % of the target).
pub const SLA_WARNING: RuleId = RuleId::new("storeconnect.sla.warning");

/// Queue: critical before everything, then high, then the rest; by resolution due time.
pub const QUEUE_CRITICAL_FIRST: RuleId = RuleId::new("storeconnect.queue.critical_first");

/// Escalation between the support and development teams is allowed on every plan and
/// draws on no entitlement.
pub const ESCALATION_ALLOWED: RuleId = RuleId::new("storeconnect.escalation.allowed");
/// StoreConnect has no tiers or lines: only its teams are escalation targets.
pub const ESCALATION_TEAMS_ONLY: RuleId = RuleId::new("storeconnect.escalation.teams_only");

/// No StoreConnect plan includes developer time (the seed publishes none): no budget.
pub const ENTITLEMENT_NO_DEVELOPER_TIME: RuleId =
    RuleId::new("storeconnect.entitlement.no_developer_time");
/// StoreConnect sells no extras through Tierline (no developer calls, no screen sharing).
pub const ENTITLEMENT_NO_PURCHASES: RuleId = RuleId::new("storeconnect.entitlement.no_purchases");
/// StoreConnect publishes no bookable sessions; training is a medium-priority ticket.
pub const ENTITLEMENT_NO_SESSIONS: RuleId = RuleId::new("storeconnect.entitlement.no_sessions");

/// Every rule id, in the order of the crate docs.
pub const ALL: &[RuleId] = &[
    INTAKE_MONITORING,
    PRIORITY_REPORTER_SET,
    PRIORITY_SUGGESTION_DIFFERS,
    PRIORITY_SUGGESTED,
    PRIORITY_DEFAULT_MEDIUM,
    PRIORITY_RULING,
    PRIORITY_FROM_FACTS,
    PRIORITY_UNSURE,
    PRIORITY_CRITICAL_BELOW_REPORTED,
    ROUTING_SUPPORT,
    ROUTING_ACCELERATED_DEVELOPMENT,
    ROUTING_ACCELERATED_DEVELOPMENT_INELIGIBLE,
    SLA_BUSINESS_DAY,
    SLA_RESOLUTION,
    SLA_NO_RESOLUTION_TARGET,
    SLA_NO_FIRST_RESPONSE,
    SLA_WARNING,
    QUEUE_CRITICAL_FIRST,
    ESCALATION_ALLOWED,
    ESCALATION_TEAMS_ONLY,
    ENTITLEMENT_NO_DEVELOPER_TIME,
    ENTITLEMENT_NO_PURCHASES,
    ENTITLEMENT_NO_SESSIONS,
];
