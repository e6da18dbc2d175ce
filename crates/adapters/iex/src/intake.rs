//! Intake ([`TicketPolicy`]): routing, scope, channel, information needs, trial pointer,
//! queue and clocks of a new ticket, each step citing its rule.
//!
//! Scope, readiness and information needs follow the evidence ladder of [`crate::triage`]
//! (ruling, then intake facts, then the text); the explanation names the fact or ruling
//! that decided. Routing follows the customer's data, or a ruling.

use tierline_core::{
    Boundary, Channel, Customer, Decision, Explanation, FactSpec, Line, PolicyError, RoutingKind,
    Ruling, Scope, SlaPolicy, SlaQuery, SlaTargets, TicketIntake, TicketPolicy, Triage,
};

use crate::facts::{Facts, EXAMPLES_ATTACHED};
use crate::reading::Reading;
use crate::routing::Route;
use crate::rules;
use crate::text::Text;
use crate::triage::{self, DecidedBy};
use crate::Iex;

impl Iex {
    /// Cites the fact or ruling that decided a step (nothing for the text: the step's own
    /// rule says it).
    fn cite_decider(
        &self,
        explanation: &mut Explanation,
        by: &DecidedBy,
    ) -> Result<(), PolicyError> {
        match by {
            DecidedBy::Ruling => self.cite(explanation, rules::TRIAGE_RULING, &[]),
            DecidedBy::Fact(name, value) => self.cite(
                explanation,
                rules::TRIAGE_FACT,
                &[("fact", name), ("value", value)],
            ),
            DecidedBy::Text => Ok(()),
        }
    }
}

/// The route after a ruling: `Vendor` takes a partner's or reseller's ticket into IEX's
/// queue; `Partner`/`Reseller` must match the customer's data.
fn ruled_route<'a>(
    route: Route<'a>,
    ruling: Option<&Ruling>,
) -> Result<(Route<'a>, bool), PolicyError> {
    let Some(kind) = ruling.and_then(|r| r.routing) else {
        return Ok((route, false));
    };
    match (kind, route) {
        (RoutingKind::Vendor, _) => Ok((Route::Iex, true)),
        (RoutingKind::Partner, Route::Partner(_)) | (RoutingKind::Reseller, Route::Reseller(_)) => {
            Ok((route, true))
        }
        (RoutingKind::Partner, _) => Err(PolicyError::NotApplicable(
            "the customer has no free partner integration to route to".into(),
        )),
        (RoutingKind::Reseller, _) => Err(PolicyError::NotApplicable(
            "the customer bought through no reseller".into(),
        )),
        (RoutingKind::ThirdParty, _) => Err(PolicyError::NotApplicable(
            "IEX routes no tickets to third parties".into(),
        )),
    }
}

impl TicketPolicy for Iex {
    /// # Behavior
    /// Rules apply in this order: routing (partner, reseller or IEX; a ruling may move it),
    /// language; then, for IEX tickets only: trial pointer, scope (ruling, then intake
    /// facts, then the text: system-setup referral, installation without a setup order,
    /// or integration), customer readiness, channel (written, or phone: billable and
    /// reference), examples, queue (urgency ignored) and the first-response clock. The
    /// decision's `triage` carries every scope and readiness candidate and why a human
    /// should look, if one should. A ruling IEX cannot follow (a priority, a third party,
    /// a boundary that is not IEX's) is refused as [`PolicyError::NotApplicable`].
    fn evaluate(
        &self,
        customer: &Customer,
        intake: &TicketIntake,
    ) -> Result<Decision, PolicyError> {
        self.check_plan(customer)?;
        let locale = self.messages.pick(intake.message_locale(customer));
        let mut explanation = Explanation::new();
        let mut messages = Vec::new();
        let ruling = intake.ruling.as_ref();
        if ruling.is_some_and(|r| r.priority.is_some()) {
            return Err(PolicyError::NotApplicable(
                "IEX tickets carry no priority: strictly first come, first served".into(),
            ));
        }
        let (route, route_ruled) = ruled_route(Route::of(customer), ruling)?;
        let routing = route.routing();
        if route_ruled {
            self.cite(&mut explanation, rules::TRIAGE_RULING, &[])?;
        }

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
        let reading = Reading::of(&text);
        let facts = Facts::of(&intake.facts);
        let mut triage = Triage::default();

        // "If you've just started a trial period ... go through How does the integration
        // work? before you contact our support team."
        if customer.trial {
            self.cite(&mut explanation, rules::INTAKE_TRIAL, &[])?;
            messages.push(self.message(locale, "iex-trial-pointer", &[])?);
        }

        let call = triage::scope(ruling, &facts, &reading, &mut triage)?;
        self.cite_decider(&mut explanation, &call.by)?;
        let scope = match call.out {
            Some(boundary) => {
                self.cite(&mut explanation, boundary, &[])?;
                let (message, pointer) = if boundary == rules::SCOPE_INSTALLATION {
                    (
                        "iex-installation-setup-order",
                        "iex-installation-setup-order",
                    )
                } else {
                    ("iex-scope-referral", "iex-scope-referral-pointer")
                };
                messages.push(self.message(locale, message, &[])?);
                Scope {
                    in_scope: false,
                    boundary: Some(Boundary {
                        rule: boundary,
                        text: self.rule_text(boundary),
                        pointer: Some(self.message(locale, pointer, &[])?.text),
                    }),
                }
            }
            None => {
                self.cite(&mut explanation, rules::SCOPE_INTEGRATION, &[])?;
                Scope::IN
            }
        };

        if let Some(by) = triage::readiness(&facts, &reading, &mut triage) {
            self.cite_decider(&mut explanation, &by)?;
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
                || reading.ticket_reference
                || reading.email;
            if !cites_reference {
                self.cite(&mut explanation, rules::CHANNEL_PHONE_REFERENCE, &[])?;
                messages.push(self.message(locale, "iex-phone-reference", &[])?);
            }
        } else {
            self.cite(&mut explanation, rules::CHANNEL_WRITTEN, &[])?;
        }

        // Examples matter for integration questions; a referral needs none. A ticket that
        // continues an earlier case (its number cited) has its examples on that case.
        let attached = facts.examples_attached == Some(true);
        let needs_info =
            scope.in_scope && !attached && !reading.examples && !reading.ticket_reference;
        if attached && scope.in_scope && !reading.examples {
            self.cite_decider(
                &mut explanation,
                &DecidedBy::Fact(EXAMPLES_ATTACHED, "true".into()),
            )?;
        }
        if needs_info {
            self.cite(&mut explanation, rules::INTAKE_NEEDS_EXAMPLES, &[])?;
            messages.push(self.message(locale, "iex-needs-examples", &[])?);
        }

        if intake.priority.is_some() || reading.urgency.is_some() {
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
            triage,
        })
    }

    fn intake_facts(&self) -> &[FactSpec] {
        crate::facts::SPECS
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
