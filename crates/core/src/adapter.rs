//! The traits a vendor adapter implements.
//!
//! An adapter is pure: no HTTP, no SQL, no clock reads. Everything it needs (the customer,
//! the ticket, "now") is passed in, so the same input always gives the same answer, and
//! every answer carries the rules that produced it.

use chrono::NaiveDate;
use tierline_calendar::Calendar;

use crate::domain::Minutes;
use crate::domain::{Customer, Locale, Plan, VendorId};
use crate::messages::MessageCatalog;
use crate::policy::{
    Budget, Decision, Denial, EscalationDecision, EscalationRequest, PolicyError, PurchaseItem,
    QueueEntry, QueueKey, Quote, SessionGrant, SessionRequest, SlaTargets,
};
use crate::preview::SlaQuery;

/// The vendor's plans.
///
/// # Behavior
/// - Plan ids are unique and lower case; every alias resolves to exactly one plan.
/// - Every plan has a tier ceiling.
pub trait PlanCatalog {
    /// All plans, smallest first.
    fn plans(&self) -> &[Plan];

    /// Finds a plan by id, display name or legacy alias (case-insensitive).
    fn resolve_plan(&self, name: &str) -> Option<&Plan> {
        self.plans().iter().find(|p| p.answers_to(name))
    }
}

/// Intake: what happens to a new ticket.
///
/// # Behavior
/// - Deterministic: the same customer and intake give the same decision.
/// - Every decision's explanation names at least one rule.
/// - Messages exist in the customer's (or requested) locale when the vendor speaks it,
///   otherwise in the vendor's default locale.
pub trait TicketPolicy {
    /// Decides routing, scope, priority, billing, information needs, messages and clocks.
    fn evaluate(
        &self,
        customer: &Customer,
        intake: &crate::domain::TicketIntake,
    ) -> Result<Decision, PolicyError>;

    /// The structured questions the vendor's policy needs answered at intake (published as
    /// JSON Schema; [`crate::triage::validate_facts`] checks a ticket's facts against them).
    fn intake_facts(&self) -> &[crate::triage::FactSpec] {
        &[]
    }

    /// Whether the vendor lets its helpdesks re-triage tickets (a human [`Ruling`]); by
    /// default only the vendor's agents may.
    ///
    /// [`Ruling`]: crate::triage::Ruling
    fn helpdesk_may_triage(&self) -> bool {
        false
    }
}

/// Clocks and queues.
///
/// # Behavior
/// - Targets are positive.
/// - Due times are computed on [`SlaPolicy::calendar`], and are never before receipt.
pub trait SlaPolicy {
    /// The vendor's business calendar.
    fn calendar(&self) -> &Calendar;

    /// Minutes in one standard business day of this vendor ("1 bd").
    fn business_day(&self) -> tierline_calendar::BusinessMinutes;

    /// The vendor's clocks for a ticket of this shape, before any routing away.
    fn sla_targets(&self, query: &SlaQuery) -> Result<SlaTargets, PolicyError>;

    /// The sort key of an open ticket in the vendor's working queue.
    fn queue_key(&self, entry: &QueueEntry<'_>) -> QueueKey;
}

/// Escalations between tiers, lines or teams.
///
/// # Behavior
/// - Deterministic: the same customer and request give the same answer.
/// - A level the vendor does not use may be answered with [`PolicyError::NotApplicable`]
///   or with a denial; either way, the same every time.
/// - A denial's rule, and every rule in either outcome's explanation, is one of
///   [`VendorAdapter::rules`].
/// - `Allowed::messages` are the customer-facing messages that go with the move (rendered
///   in the customer's locale when the vendor speaks it, else the default locale); empty
///   when there is nothing to tell the customer.
pub trait EscalationPolicy {
    /// Whether the escalation may proceed, with the reason, any offer and any customer
    /// messages.
    fn escalate(
        &self,
        customer: &Customer,
        request: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError>;
}

/// What a customer's plan entitles it to.
///
/// # Behavior
/// - A budget's period contains the day asked about, lasts at most about a year, and its
///   included time is not negative; what is left is [`Budget::remaining`].
/// - "No budget" is a [`Denial`] whose rule (one of [`VendorAdapter::rules`]) says why:
///   the plan includes no developer time, the day is before the customer was on such a
///   plan, and so on.
/// - Purchase and booking denials cite declared rules too.
pub trait EntitlementPolicy {
    /// The developer-time budget of the plan year containing `on`, or the reason there is
    /// none (with an offer, when an upgrade would give one).
    fn developer_budget(&self, customer: &Customer, on: NaiveDate) -> Result<Budget, Denial>;

    /// Prices a purchase, or says why it is not allowed. `remaining` is the developer time
    /// left in the current period.
    fn purchase(
        &self,
        customer: &Customer,
        item: PurchaseItem,
        quantity: u32,
        remaining: Minutes,
    ) -> Result<Quote, Denial>;

    /// Checks a session booking (lead time, support hours, and for screen sharing that the
    /// plan includes it or the customer bought one, which the booking then uses up).
    fn book_session(
        &self,
        customer: &Customer,
        request: &SessionRequest,
    ) -> Result<SessionGrant, Denial>;
}

/// A vendor adapter: all the policies of one vendor.
pub trait VendorAdapter:
    PlanCatalog + TicketPolicy + SlaPolicy + EscalationPolicy + EntitlementPolicy + Send + Sync
{
    /// The vendor's id, e.g. `connex`.
    fn id(&self) -> &VendorId;

    /// The vendor's display name.
    fn name(&self) -> &str;

    /// The vendor's customer-facing and explanation messages.
    fn messages(&self) -> &MessageCatalog;

    /// Locales the vendor speaks, default first.
    fn locales(&self) -> &[Locale] {
        self.messages().locales()
    }

    /// Every rule id the adapter can cite, for the conformance suite and documentation.
    fn rules(&self) -> &[crate::domain::RuleId];
}
