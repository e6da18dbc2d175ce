//! Intake ([`TicketPolicy`]): routing, scope, channel, information needs, trial pointer,
//! queue and clocks of a new ticket, each step citing its rule.

use tierline_core::{
    Boundary, Channel, Customer, Decision, Explanation, Line, PolicyError, Scope, SlaPolicy,
    SlaQuery, SlaTargets, TicketIntake, TicketPolicy,
};

use crate::routing::Route;
use crate::rules;
use crate::text::Text;
use crate::Iex;

impl TicketPolicy for Iex {
    /// # Behavior
    /// Rules apply in this order: routing (partner, reseller or IEX), language; then, for
    /// IEX tickets only: trial pointer, scope (system-setup referral or integration),
    /// customer readiness, channel (written, or phone: billable and reference),
    /// examples, queue (urgency ignored) and the first-response clock.
    fn evaluate(
        &self,
        customer: &Customer,
        intake: &TicketIntake,
    ) -> Result<Decision, PolicyError> {
        self.check_plan(customer)?;
        let locale = self.locale_for(customer, intake.locale);
        let mut explanation = Explanation::new();
        let mut messages = Vec::new();
        let route = Route::of(customer);
        let routing = route.routing();

        match route {
            Route::Partner(free) => {
                let args = [("partner", free.partner)];
                self.cite(&mut explanation, rules::ROUTING_FREE_PARTNER, &args)?;
                self.cite(&mut explanation, rules::LANGUAGE, &[])?;
                messages.push(self.message(locale, "iex-partner-contact", &args)?);
                return Ok(referred(routing, messages, explanation));
            }
            Route::Reseller(reseller) => {
                self.cite(
                    &mut explanation,
                    rules::ROUTING_RESELLER,
                    &[("reseller", &reseller.name)],
                )?;
                self.cite(&mut explanation, rules::LANGUAGE, &[])?;
                messages.push(self.message(
                    locale,
                    "iex-reseller-contact",
                    &[("reseller", &reseller.name), ("contact", &reseller.contact)],
                )?);
                return Ok(referred(routing, messages, explanation));
            }
            Route::Iex => {
                self.cite(&mut explanation, rules::ROUTING_IEX, &[])?;
                self.cite(&mut explanation, rules::LANGUAGE, &[])?;
            }
        }

        let text = Text::new(&intake.subject, &intake.description);

        // "If you've just started a trial period ... go through How does the integration
        // work? before you contact our support team."
        if customer.trial {
            self.cite(&mut explanation, rules::INTAKE_TRIAL, &[])?;
            messages.push(self.message(locale, "iex-trial-pointer", &[])?);
        }

        let scope = if text.asks_system_setup() {
            self.cite(&mut explanation, rules::SCOPE_SYSTEM_SETUP, &[])?;
            messages.push(self.message(locale, "iex-scope-referral", &[])?);
            Scope {
                in_scope: false,
                boundary: Some(Boundary {
                    rule: rules::SCOPE_SYSTEM_SETUP,
                    text: self.rule_text(rules::SCOPE_SYSTEM_SETUP),
                    pointer: Some(
                        self.message(locale, "iex-scope-referral-pointer", &[])?
                            .text,
                    ),
                }),
            }
        } else {
            self.cite(&mut explanation, rules::SCOPE_INTEGRATION, &[])?;
            Scope::IN
        };

        if text.mentions_missing_product_numbers() {
            self.cite(&mut explanation, rules::SCOPE_READINESS, &[])?;
            messages.push(self.message(locale, "iex-readiness", &[])?);
        }

        let billable = intake.channel == Channel::Phone;
        if billable {
            self.cite(&mut explanation, rules::CHANNEL_PHONE_BILLABLE, &[])?;
            messages.push(match self.config().phone_hourly_rate {
                Some(rate) => self.message(
                    locale,
                    "iex-phone-billable-rate",
                    &[("rate", &rate.to_string())],
                )?,
                None => self.message(locale, "iex-phone-billable", &[])?,
            });
            let cites_reference = intake.references.iter().any(|r| !r.trim().is_empty())
                || text.has_ticket_or_email_reference();
            if !cites_reference {
                self.cite(&mut explanation, rules::CHANNEL_PHONE_REFERENCE, &[])?;
                messages.push(self.message(locale, "iex-phone-reference", &[])?);
            }
        } else {
            self.cite(&mut explanation, rules::CHANNEL_WRITTEN, &[])?;
        }

        // Examples matter for integration questions; a referral needs none.
        let needs_info = scope.in_scope && !text.has_example_ids();
        if needs_info {
            self.cite(&mut explanation, rules::INTAKE_NEEDS_EXAMPLES, &[])?;
            messages.push(self.message(locale, "iex-needs-examples", &[])?);
        }

        if intake.priority.is_some() || text.asks_for_urgency() {
            self.cite(&mut explanation, rules::QUEUE_FIFO, &[])?;
            messages.push(self.message(locale, "iex-fifo-notice", &[])?);
        }

        let sla = self.sla_targets(&SlaQuery {
            plan: customer.plan.clone(),
            priority: None,
            channel: Some(intake.channel),
            line: Some(Line::First),
        })?;
        let days = self.config().first_response_business_days.to_string();
        let warn = self
            .config()
            .first_response_warning_business_days
            .to_string();
        self.cite(
            &mut explanation,
            rules::SLA_FIRST_RESPONSE,
            &[("days", &days), ("warn", &warn)],
        )?;
        messages.push(self.message(locale, "iex-response-time", &[("days", &days)])?);

        Ok(Decision {
            routing,
            scope,
            priority: None,
            suggested_priority: None,
            billable,
            needs_info,
            messages,
            sla,
            explanation,
            triage: Default::default(),
        })
    }
}

/// A ticket handled outside IEX: no priority, no billing, no IEX clock.
fn referred(
    routing: tierline_core::Routing,
    messages: Vec<tierline_core::CustomerMessage>,
    explanation: Explanation,
) -> Decision {
    Decision {
        routing,
        scope: Scope::IN,
        priority: None,
        suggested_priority: None,
        billable: false,
        needs_info: false,
        messages,
        sla: SlaTargets::NONE,
        explanation,
        triage: Default::default(),
    }
}
