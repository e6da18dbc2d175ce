//! Intake ([`TicketPolicy`]): every ticket goes to the vendor at Tier 1 with its clocks.

use tierline_core::{
    Customer, Decision, Explanation, PolicyError, Routing, RoutingKind, Scope, SlaPolicy,
    SlaQuery, SupportLevel, TicketIntake, TicketPolicy, Tier, Triage,
};

use crate::{rules, __TYPE__};

impl TicketPolicy for __TYPE__ {
    /// # Behavior
    /// Routed to __TYPE__ support at Tier 1, in scope, not billable, needing no more
    /// information (`__ID__.routing.vendor`); a given priority is kept and changes nothing
    /// (`__ID__.queue.fifo`); the first-response clock starts
    /// (`__ID__.sla.first_response`). The customer gets the "received" message in its
    /// locale (or the ticket's, or the default).
    fn evaluate(
        &self,
        customer: &Customer,
        intake: &TicketIntake,
    ) -> Result<Decision, PolicyError> {
        self.plan(&customer.plan)?;
        let mut explanation = Explanation::new();
        self.cite(&mut explanation, rules::ROUTING_VENDOR, &[]);
        let sla = self.sla_targets(&SlaQuery {
            plan: customer.plan.clone(),
            priority: intake.priority,
            channel: Some(intake.channel),
            line: None,
        })?;
        let days = self.config().first_response_business_days.to_string();
        let minutes = Self::business_days(self.config().first_response_business_days).to_string();
        self.cite(
            &mut explanation,
            rules::SLA_FIRST_RESPONSE,
            &[("days", &days), ("minutes", &minutes)],
        );
        self.cite(&mut explanation, rules::QUEUE_FIFO, &[]);
        let received = self.message(
            intake.message_locale(customer),
            "__ID__-received",
            &[("days", &days)],
        )?;
        Ok(Decision {
            routing: Routing {
                kind: RoutingKind::Vendor,
                handled_by: "__TYPE__".into(),
                contact: None,
                reseller_id: None,
                level: Some(SupportLevel::Tier(Tier::One)),
                in_vendor_queue: true,
            },
            scope: Scope::IN,
            priority: intake.priority,
            suggested_priority: None,
            billable: false,
            needs_info: false,
            messages: vec![received],
            sla,
            explanation,
            // Nothing is read from the text yet, so nothing is flagged; a reading that
            // takes support away must adopt a strong candidate (see tierline_core::triage).
            triage: Triage::default(),
        })
    }
}
