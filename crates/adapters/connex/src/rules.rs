//! Every rule the Connex adapter can cite. Each id has an explanation sentence under the
//! same key in `messages/en.ftl`, and at least one test in `tests/rules.rs`.

use tierline_core::RuleId;

// ----- catalog -----

/// Tier ceilings per plan (seed 001): Platinum Tier 3, Gold Tier 2, all others Tier 1.
pub const CATALOG_TIER_CEILING: RuleId = RuleId::new("connex.catalog.tier_ceiling");
/// Gold's ceiling is configurable (seed 000 says Tier 1; the SLA, seed 001, wins by default).
pub const CATALOG_GOLD_CEILING: RuleId = RuleId::new("connex.catalog.gold_ceiling");

// ----- intake -----

/// Every plan includes Tier 1 support: new tickets go to Connex Tier 1, not billed.
pub const INTAKE_TIER_ONE: RuleId = RuleId::new("connex.intake.tier_one");
/// Connex has no priority scheme: a given priority passes through and changes no target.
pub const INTAKE_PRIORITY_UNUSED: RuleId = RuleId::new("connex.intake.priority_unused");
/// A ticket reporting an outage is pointed to the status page (URL configurable).
pub const INTAKE_STATUS_PAGE: RuleId = RuleId::new("connex.intake.status_page");
/// QuickBooks Web Connector / QuickBooks Desktop faults: Connex helps open a case with Intuit.
pub const ROUTING_INTUIT: RuleId = RuleId::new("connex.routing.intuit");
/// An Intuit-routed ticket stays in Connex's working queue as a third-party case.
pub const ROUTING_THIRD_PARTY_CASE: RuleId = RuleId::new("connex.routing.third_party_case");

// ----- triage: what decided the scope and routing -----

/// A person re-triaged the ticket: the ruling outranks intake facts and the text.
pub const TRIAGE_RULING: RuleId = RuleId::new("connex.triage.ruling");
/// An intake fact decided: facts outrank the text.
pub const TRIAGE_FACT: RuleId = RuleId::new("connex.triage.fact");
/// The text hints at a boundary or an Intuit fault without stating it plainly: kept in scope
/// with Connex, flagged for a person.
pub const TRIAGE_UNSURE: RuleId = RuleId::new("connex.triage.unsure");
/// The text reports a QuickBooks fault but blames a recent Connex update: kept, flagged.
pub const TRIAGE_REGRESSION_CONFLICT: RuleId = RuleId::new("connex.triage.regression_conflict");
/// The text names out-of-scope work as done by the customer, asked about, or not happening:
/// not a request to Connex, in scope.
pub const TRIAGE_NOT_A_REQUEST: RuleId = RuleId::new("connex.triage.not_a_request");

// ----- scope: the 16 boundaries of seed 000, in its order -----

/// 1. Discontinued integrations beyond the knowledge base and video library.
pub const SCOPE_DISCONTINUED_INTEGRATION: RuleId =
    RuleId::new("connex.scope.discontinued_integration");
/// 2. Uninstalling and reinstalling the QuickBooks Web Connector.
pub const SCOPE_REINSTALL_WEB_CONNECTOR: RuleId =
    RuleId::new("connex.scope.reinstall_web_connector");
/// 3. Uninstalling and reinstalling QuickBooks Desktop.
pub const SCOPE_REINSTALL_QUICKBOOKS_DESKTOP: RuleId =
    RuleId::new("connex.scope.reinstall_quickbooks_desktop");
/// 4. Changing the customer's firewall or antivirus software.
pub const SCOPE_FIREWALL_ANTIVIRUS: RuleId = RuleId::new("connex.scope.firewall_antivirus");
/// 5. Altering the source code of the customer's website.
pub const SCOPE_WEBSITE_SOURCE_CODE: RuleId = RuleId::new("connex.scope.website_source_code");
/// 6. Updating plug-ins or changing website settings (security and caching plug-ins too).
pub const SCOPE_WEBSITE_PLUGINS: RuleId = RuleId::new("connex.scope.website_plugins");
/// 7. Supporting third-party plug-ins of selling channels.
pub const SCOPE_CHANNEL_PLUGINS: RuleId = RuleId::new("connex.scope.channel_plugins");
/// 8. No guarantee that third-party plug-ins are compatible.
pub const SCOPE_PLUGIN_COMPATIBILITY: RuleId = RuleId::new("connex.scope.plugin_compatibility");
/// 9. Changing the system registry to pull logs.
pub const SCOPE_REGISTRY_LOGS: RuleId = RuleId::new("connex.scope.registry_logs");
/// 10. Pulling QB SDK or QBXML logs from the customer's computer.
pub const SCOPE_SDK_LOGS: RuleId = RuleId::new("connex.scope.sdk_logs");
/// 11. Troubleshooting why QuickBooks Desktop crashes.
pub const SCOPE_QUICKBOOKS_DESKTOP_CRASHES: RuleId =
    RuleId::new("connex.scope.quickbooks_desktop_crashes");
/// 12. Troubleshooting why the QuickBooks Web Connector crashes.
pub const SCOPE_WEB_CONNECTOR_CRASHES: RuleId = RuleId::new("connex.scope.web_connector_crashes");
/// 13. Expediting tickets to the developers unless the plan allows it (the escalation rule).
pub const SCOPE_DEVELOPER_ESCALATION: RuleId = RuleId::new("connex.scope.developer_escalation");
/// 14. Changing customers or products in a selling channel or QuickBooks to match.
pub const SCOPE_MATCH_RECORDS: RuleId = RuleId::new("connex.scope.match_records");
/// 15. Altering QuickBooks settings to make the sync work differently.
pub const SCOPE_QUICKBOOKS_SETTINGS: RuleId = RuleId::new("connex.scope.quickbooks_settings");
/// 16. Troubleshooting rules outside the list of common rules.
pub const SCOPE_CUSTOM_RULES: RuleId = RuleId::new("connex.scope.custom_rules");

// ----- SLA and queue -----

/// First response within 1 business day (420 business minutes); no resolution target.
pub const SLA_FIRST_RESPONSE: RuleId = RuleId::new("connex.sla.first_response");
/// The first-response warning (configurable, default at 75 % of the target).
pub const SLA_WARNING: RuleId = RuleId::new("connex.sla.warning");
/// No resolution target.
pub const SLA_NO_RESOLUTION_TARGET: RuleId = RuleId::new("connex.sla.no_resolution_target");
/// The first-response clock does not pause while the ticket waits on the customer.
pub const SLA_NO_PAUSE: RuleId = RuleId::new("connex.sla.no_pause");
/// Out-of-scope and Intuit-routed tickets still get a first response (the answer).
pub const SLA_OUT_OF_SCOPE_ANSWERED: RuleId = RuleId::new("connex.sla.out_of_scope_answered");
/// Platinum tickets first ("first priority").
pub const QUEUE_PLATINUM_FIRST: RuleId = RuleId::new("connex.queue.platinum_first");
/// Then oldest first.
pub const QUEUE_OLDEST_FIRST: RuleId = RuleId::new("connex.queue.oldest_first");

// ----- escalation -----

/// Escalation above Tier 1 needs an annual plan.
pub const ESCALATION_ANNUAL_REQUIRED: RuleId = RuleId::new("connex.escalation.annual_required");
/// Escalation above the plan's tier ceiling is denied.
pub const ESCALATION_ABOVE_CEILING: RuleId = RuleId::new("connex.escalation.above_ceiling");
/// An annual plan escalating within its ceiling is allowed.
pub const ESCALATION_WITHIN_CEILING: RuleId = RuleId::new("connex.escalation.within_ceiling");
/// A regression from a recent Connex update may go to Tier 2 on any plan, uncharged.
pub const ESCALATION_REGRESSION: RuleId = RuleId::new("connex.escalation.regression_exception");
/// Moving a ticket to Tier 1, or down a tier, needs no entitlement.
pub const ESCALATION_NOT_UPWARD: RuleId = RuleId::new("connex.escalation.not_upward");
/// A ticket without a support level (routed to a third party) escalates from Tier 1.
pub const ESCALATION_FROM_TIER_ONE: RuleId = RuleId::new("connex.escalation.from_tier_one");
/// Tier 3 handles what Tier 2 is unable to help with: a Tier 1 ticket goes to Tier 2 first.
pub const ESCALATION_THROUGH_TIER_TWO: RuleId = RuleId::new("connex.escalation.through_tier_two");
/// An out-of-scope ticket is answered with its boundary and not escalated.
pub const ESCALATION_OUT_OF_SCOPE: RuleId = RuleId::new("connex.escalation.out_of_scope");
/// Developer work on a Platinum ticket is drawn from the developer hours.
pub const ESCALATION_CHARGES_HOURS: RuleId = RuleId::new("connex.escalation.charges_hours");

// ----- developer hours -----

/// Platinum includes 10 h of Tier 2 developer time per plan year.
pub const HOURS_ANNUAL_ALLOWANCE: RuleId = RuleId::new("connex.hours.annual_allowance");
/// 5 h for the plan year of an upgrade made with less than 6 months to renewal.
pub const HOURS_PRORATED_UPGRADE: RuleId = RuleId::new("connex.hours.prorated_upgrade");
/// The plan year runs renewal to renewal; hours reset at renewal and do not roll over.
pub const HOURS_RESET_AT_RENEWAL: RuleId = RuleId::new("connex.hours.reset_at_renewal");
/// Without a renewal date the plan year runs from the upgrade's anniversary (or Jan 1).
pub const HOURS_NO_RENEWAL_DATE: RuleId = RuleId::new("connex.hours.no_renewal_date");
/// The balance never goes below zero.
pub const HOURS_NEVER_NEGATIVE: RuleId = RuleId::new("connex.hours.never_negative");
/// Developer hours are a Platinum entitlement: no budget on any other plan.
pub const HOURS_PLATINUM_ONLY: RuleId = RuleId::new("connex.hours.platinum_only");
/// No budget for a plan year that ends before the upgrade to Platinum.
pub const HOURS_BEFORE_UPGRADE: RuleId = RuleId::new("connex.hours.before_upgrade");
/// No budget when the plan year cannot be computed (a date at the edge of the range).
pub const HOURS_PLAN_YEAR_OUT_OF_RANGE: RuleId = RuleId::new("connex.hours.plan_year_out_of_range");

// ----- purchases and sessions -----

/// Extra developer time: USD 250 per 30-minute call.
pub const PURCHASE_DEVELOPER_CALL: RuleId = RuleId::new("connex.purchase.developer_call");
/// Only Platinum customers can buy developer time.
pub const PURCHASE_PLATINUM_ONLY: RuleId = RuleId::new("connex.purchase.platinum_only");
/// Only once the included hours are exhausted.
pub const PURCHASE_HOURS_LEFT: RuleId = RuleId::new("connex.purchase.hours_left");
/// Screen sharing can be bought without upgrading.
pub const PURCHASE_SCREEN_SHARE: RuleId = RuleId::new("connex.purchase.screen_share");
/// Screen sharing is not sold to a plan that includes it.
pub const PURCHASE_SCREEN_SHARE_INCLUDED: RuleId =
    RuleId::new("connex.purchase.screen_share_included");
/// A purchase needs a positive quantity.
pub const PURCHASE_QUANTITY: RuleId = RuleId::new("connex.purchase.quantity");
/// Onboarding sessions are booked at least 24 hours ahead (configurable).
pub const SESSION_LEAD_TIME: RuleId = RuleId::new("connex.session.lead_time");
/// A screen-sharing session needs a plan that includes it, or one bought (used up by the
/// booking).
pub const SESSION_SCREEN_SHARE_NOT_INCLUDED: RuleId =
    RuleId::new("connex.session.screen_share_not_included");
/// Sessions fall entirely inside support hours.
pub const SESSION_SUPPORT_HOURS: RuleId = RuleId::new("connex.session.support_hours");

// ----- offers -----

/// A customer already on an annual plan is billed for the upgrade on a prorated basis.
pub const OFFER_PRORATED: RuleId = RuleId::new("connex.offer.prorated");

/// Every rule, for [`tierline_core::VendorAdapter::rules`].
pub const ALL: &[RuleId] = &[
    CATALOG_TIER_CEILING,
    CATALOG_GOLD_CEILING,
    INTAKE_TIER_ONE,
    INTAKE_PRIORITY_UNUSED,
    INTAKE_STATUS_PAGE,
    ROUTING_INTUIT,
    TRIAGE_RULING,
    TRIAGE_FACT,
    TRIAGE_UNSURE,
    TRIAGE_REGRESSION_CONFLICT,
    TRIAGE_NOT_A_REQUEST,
    ROUTING_THIRD_PARTY_CASE,
    SCOPE_DISCONTINUED_INTEGRATION,
    SCOPE_REINSTALL_WEB_CONNECTOR,
    SCOPE_REINSTALL_QUICKBOOKS_DESKTOP,
    SCOPE_FIREWALL_ANTIVIRUS,
    SCOPE_WEBSITE_SOURCE_CODE,
    SCOPE_WEBSITE_PLUGINS,
    SCOPE_CHANNEL_PLUGINS,
    SCOPE_PLUGIN_COMPATIBILITY,
    SCOPE_REGISTRY_LOGS,
    SCOPE_SDK_LOGS,
    SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
    SCOPE_WEB_CONNECTOR_CRASHES,
    SCOPE_DEVELOPER_ESCALATION,
    SCOPE_MATCH_RECORDS,
    SCOPE_QUICKBOOKS_SETTINGS,
    SCOPE_CUSTOM_RULES,
    SLA_FIRST_RESPONSE,
    SLA_WARNING,
    SLA_NO_RESOLUTION_TARGET,
    SLA_NO_PAUSE,
    SLA_OUT_OF_SCOPE_ANSWERED,
    QUEUE_PLATINUM_FIRST,
    QUEUE_OLDEST_FIRST,
    ESCALATION_ANNUAL_REQUIRED,
    ESCALATION_ABOVE_CEILING,
    ESCALATION_WITHIN_CEILING,
    ESCALATION_REGRESSION,
    ESCALATION_NOT_UPWARD,
    ESCALATION_FROM_TIER_ONE,
    ESCALATION_OUT_OF_SCOPE,
    ESCALATION_THROUGH_TIER_TWO,
    ESCALATION_CHARGES_HOURS,
    HOURS_ANNUAL_ALLOWANCE,
    HOURS_PRORATED_UPGRADE,
    HOURS_RESET_AT_RENEWAL,
    HOURS_NO_RENEWAL_DATE,
    HOURS_NEVER_NEGATIVE,
    HOURS_PLATINUM_ONLY,
    HOURS_BEFORE_UPGRADE,
    HOURS_PLAN_YEAR_OUT_OF_RANGE,
    PURCHASE_DEVELOPER_CALL,
    PURCHASE_PLATINUM_ONLY,
    PURCHASE_HOURS_LEFT,
    PURCHASE_SCREEN_SHARE,
    PURCHASE_SCREEN_SHARE_INCLUDED,
    PURCHASE_QUANTITY,
    SESSION_LEAD_TIME,
    SESSION_SUPPORT_HOURS,
    SESSION_SCREEN_SHARE_NOT_INCLUDED,
    OFFER_PRORATED,
];
