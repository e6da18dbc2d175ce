//! Every rule the IEX adapter can cite. Each id has an explanation sentence in
//! `messages/da.ftl` and `messages/en.ftl` under the same key.

use tierline_core::RuleId;

/// One paid plan, `standard`, reaching at most 2nd line.
pub const CATALOG_STANDARD: RuleId = RuleId::new("iex.catalog.standard_plan");
/// Customer messages are in Danish or English: the ticket's requested language, else the
/// customer's, else Danish.
pub const LANGUAGE: RuleId = RuleId::new("iex.messages.language");

/// Tickets are handled by IEX's own support, starting in 1st line.
pub const ROUTING_IEX: RuleId = RuleId::new("iex.routing.iex_support");
/// Free integrations (DanDomain Free, Billy Free) are supported by the partner; no IEX clock.
pub const ROUTING_FREE_PARTNER: RuleId = RuleId::new("iex.routing.free_integration_partner");
/// A customer who bought through a reseller is served by that reseller; no IEX clock.
pub const ROUTING_RESELLER: RuleId = RuleId::new("iex.routing.reseller");

/// IEX answers integration questions only (cited when a ticket is in scope).
pub const SCOPE_INTEGRATION: RuleId = RuleId::new("iex.scope.integration_only");
/// Questions about setting up one system are referred to the system partner, vendor, web
/// developer or accountant.
pub const SCOPE_SYSTEM_SETUP: RuleId = RuleId::new("iex.scope.system_setup_referral");
/// The customer is responsible for its systems' readiness (e.g. product numbers).
pub const SCOPE_READINESS: RuleId = RuleId::new("iex.scope.customer_readiness");
/// Installation or implementation of the integration in the customer's own systems is done
/// only when setup has been ordered.
pub const SCOPE_INSTALLATION: RuleId = RuleId::new("iex.scope.installation_needs_setup_order");

/// A part of the decision was made by an intake fact the helpdesk sent.
pub const TRIAGE_FACT: RuleId = RuleId::new("iex.triage.intake_fact");
/// A part of the decision was made by an agent's triage ruling.
pub const TRIAGE_RULING: RuleId = RuleId::new("iex.triage.ruling");

/// Contact is in writing (e-mail, chat, portal).
pub const CHANNEL_WRITTEN: RuleId = RuleId::new("iex.channel.written");
/// Phone is for urgent cases and is billable at the hourly rate.
pub const CHANNEL_PHONE_BILLABLE: RuleId = RuleId::new("iex.channel.phone_billable");
/// A phone ticket should cite an earlier ticket number or the e-mail address used.
pub const CHANNEL_PHONE_REFERENCE: RuleId = RuleId::new("iex.channel.phone_reference");

/// A ticket should include examples (order numbers, product numbers); without them it is
/// accepted but needs information.
pub const INTAKE_NEEDS_EXAMPLES: RuleId = RuleId::new("iex.intake.needs_examples");
/// Trial customers are pointed to "How does the integration work?" first.
pub const INTAKE_TRIAL: RuleId = RuleId::new("iex.intake.trial_pointer");

/// Strictly first come, first served: no priorities, "urgent"/"haster"/"akut" ignored.
pub const QUEUE_FIFO: RuleId = RuleId::new("iex.queue.fifo");

/// First response within 1–3 business days: warning after 1 bd, breach at 3 bd.
pub const SLA_FIRST_RESPONSE: RuleId = RuleId::new("iex.sla.first_response");
/// Tickets at 2nd line have a longer response target (default 10 bd).
pub const SLA_SECOND_LINE: RuleId = RuleId::new("iex.sla.second_line");
/// Escalated before any response: the running response clock gets the 2nd-line target.
pub const SLA_SECOND_LINE_RETARGET: RuleId = RuleId::new("iex.sla.second_line_retarget");
/// Escalated after 1st line responded: a 2nd-line response clock starts at the escalation.
pub const SLA_SECOND_LINE_STARTS: RuleId = RuleId::new("iex.sla.second_line_starts");

/// 1st line may hand a ticket to 2nd line.
pub const ESCALATION_SECOND_LINE: RuleId = RuleId::new("iex.escalation.second_line");
/// All communication with 2nd line is in writing.
pub const ESCALATION_WRITTEN: RuleId = RuleId::new("iex.escalation.written");
/// An out-of-scope ticket is referred with its boundary, not escalated.
pub const ESCALATION_OUT_OF_SCOPE: RuleId = RuleId::new("iex.escalation.out_of_scope");
/// The only escalation is 1st line → 2nd line.
pub const ESCALATION_PATH: RuleId = RuleId::new("iex.escalation.path");
/// IEX counts lines, not tiers or teams.
pub const ESCALATION_LINES_ONLY: RuleId = RuleId::new("iex.escalation.lines_only");

/// IEX includes no developer time and sells none.
pub const ENTITLEMENT_NO_DEVELOPER_TIME: RuleId = RuleId::new("iex.entitlement.no_developer_time");
/// IEX sells no support extras (screen sharing) through Tierline.
pub const ENTITLEMENT_NO_PURCHASES: RuleId = RuleId::new("iex.entitlement.no_purchases");
/// IEX offers no bookable sessions.
pub const ENTITLEMENT_NO_SESSIONS: RuleId = RuleId::new("iex.entitlement.no_sessions");

/// Every rule id of the adapter.
pub const ALL: &[RuleId] = &[
    CATALOG_STANDARD,
    LANGUAGE,
    ROUTING_IEX,
    ROUTING_FREE_PARTNER,
    ROUTING_RESELLER,
    SCOPE_INTEGRATION,
    SCOPE_SYSTEM_SETUP,
    SCOPE_READINESS,
    SCOPE_INSTALLATION,
    TRIAGE_FACT,
    TRIAGE_RULING,
    CHANNEL_WRITTEN,
    CHANNEL_PHONE_BILLABLE,
    CHANNEL_PHONE_REFERENCE,
    INTAKE_NEEDS_EXAMPLES,
    INTAKE_TRIAL,
    QUEUE_FIFO,
    SLA_FIRST_RESPONSE,
    SLA_SECOND_LINE,
    SLA_SECOND_LINE_RETARGET,
    SLA_SECOND_LINE_STARTS,
    ESCALATION_SECOND_LINE,
    ESCALATION_WRITTEN,
    ESCALATION_PATH,
    ESCALATION_OUT_OF_SCOPE,
    ESCALATION_LINES_ONLY,
    ENTITLEMENT_NO_DEVELOPER_TIME,
    ENTITLEMENT_NO_PURCHASES,
    ENTITLEMENT_NO_SESSIONS,
];
