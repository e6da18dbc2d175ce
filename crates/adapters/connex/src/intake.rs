//! Intake: Tier 1 routing, the out-of-scope boundaries and Intuit routing as the triage
//! ladder decides them ([`crate::triage`]), boundary 13's upgrade offer, the regression
//! note, priority pass-through, queue placement and clocks.

use tierline_core::{
    BillingCycle, Boundary, Customer, CustomerMessage, Decision, Explanation, PolicyError, Routing,
    RoutingKind, RuleId, Scope, SlaTargets, SupportLevel, TicketIntake, TicketPolicy, Tier,
};

use crate::reading::{self, Text};
use crate::{catalog, rules, triage, Connex};

/// The name Connex tickets are handled under.
const CONNEX: &str = "Connex";
/// The third party that QuickBooks Web Connector / Desktop faults go to.
const INTUIT: &str = "Intuit";

impl Connex {
    /// A customer message in the default locale (Connex speaks only English).
    pub(crate) fn message(&self, key: &str, args: &[(&str, &str)]) -> CustomerMessage {
        CustomerMessage {
            key: key.to_owned(),
            locale: self.messages.default_locale(),
            text: self.customer_text(key, args),
        }
    }

    fn cite(&self, explanation: &mut Explanation, rule: RuleId, args: &[(&str, &str)]) {
        explanation.push(rule, self.say(rule, args));
    }
}

impl TicketPolicy for Connex {
    /// # Behavior
    /// - Every ticket starts at Connex Tier 1 and is not billed.
    /// - A ticket the triage ladder puts at a boundary (a ruling, an intake fact, or a Strong
    ///   reading of the text) is out of scope, answered with the boundary and a
    ///   knowledge-base pointer, and not escalated (no boundary-13 offer, no regression
    ///   note); one with a QuickBooks Desktop / Web Connector fault is routed to Intuit
    ///   (third party), with a pointer to Intuit's support instead; it stays in Connex's working queue as a third-party case, its
    ///   first-response clock running (`third_party_case`). Anything less certain
    ///   stays in scope with Connex and is flagged in `triage`.
    /// - A regression (the intake flag, the `after_connex_update` fact, or the text blaming
    ///   a Connex update) cites the exception and adds the regression note.
    /// - A ruling's priority replaces the given one.
    /// - In scope, a request for the developers from a customer whose plan cannot escalate
    ///   (monthly, or a Tier 1 ceiling) cites boundary 13 and carries the Platinum annual
    ///   offer; a regression cites the exception.
    /// - Otherwise the priority is passed through unchanged; every ticket gets the 1 bd first-response
    ///   clock (out-of-scope ones too: the answer is the first response).
    /// - A ticket reporting an outage gets the status-page pointer (`status_page`).
    /// - Connex speaks English only: messages are in English whatever the locale asked.
    fn evaluate(
        &self,
        customer: &Customer,
        intake: &TicketIntake,
    ) -> Result<Decision, PolicyError> {
        let plan = self.plan(&customer.plan)?;
        let text = Text::new(&intake.subject, &intake.description);
        let mut explanation = Explanation::new();
        let mut messages = Vec::new();
        self.cite(&mut explanation, rules::INTAKE_TIER_ONE, &[]);

        let reading = reading::read(&text);
        let verdict = triage::decide(
            &reading,
            &intake.facts,
            intake.ruling.as_ref(),
            intake.regression,
        )?;
        let fault = verdict.intuit.is_some();
        let scope = match verdict.boundary.as_ref().map(|(rule, _)| *rule) {
            None => Scope::IN,
            Some(rule) => {
                self.cite(&mut explanation, rule, &[]);
                let pointer = if fault {
                    self.customer_text(
                        "connex.customer.pointer_intuit",
                        &[("url", &self.config().intuit_support_url)],
                    )
                } else {
                    self.customer_text(
                        "connex.customer.pointer_knowledge_base",
                        &[("url", &self.config().knowledge_base_url)],
                    )
                };
                let boundary_text = self.say(rule, &[]);
                messages.push(self.message(
                    "connex.customer.out_of_scope",
                    &[("boundary", &boundary_text), ("pointer", &pointer)],
                ));
                Scope {
                    in_scope: false,
                    boundary: Some(Boundary {
                        rule,
                        text: boundary_text,
                        pointer: Some(pointer),
                    }),
                }
            }
        };

        let routing = if fault {
            self.cite(&mut explanation, rules::ROUTING_INTUIT, &[]);
            self.cite(&mut explanation, rules::ROUTING_THIRD_PARTY_CASE, &[]);
            Routing {
                kind: RoutingKind::ThirdParty,
                handled_by: INTUIT.to_owned(),
                contact: Some(self.config().intuit_support_url.clone()),
                reseller_id: None,
                level: None,
                // Connex helps open the Intuit case and still owes the answer within 1 bd.
                in_vendor_queue: true,
            }
        } else {
            Routing {
                kind: RoutingKind::Vendor,
                handled_by: CONNEX.to_owned(),
                contact: None,
                reseller_id: None,
                level: Some(SupportLevel::Tier(Tier::One)),
                in_vendor_queue: true,
            }
        };
        for (rule, args) in &verdict.notes {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.cite(&mut explanation, *rule, &args);
        }

        if scope.in_scope {
            messages.push(self.message("connex.customer.received", &[]));
            let can_escalate = customer.billing_cycle == BillingCycle::Annual
                && SupportLevel::Tier(Tier::Two).within(&plan.tier_ceiling);
            if verdict.regression {
                self.cite(&mut explanation, rules::ESCALATION_REGRESSION, &[]);
                messages.push(self.message("connex.customer.regression", &[]));
            } else if !can_escalate && reading.asks_for_developers {
                self.cite(&mut explanation, rules::SCOPE_DEVELOPER_ESCALATION, &[]);
                let price = self.offer().price.to_string();
                messages.push(
                    self.message("connex.customer.developer_escalation", &[("price", &price)]),
                );
            }
        }

        if crate::outage::reports_outage(&intake.text_lowercase()) {
            let url = self.config().status_page_url.as_str();
            self.cite(&mut explanation, rules::INTAKE_STATUS_PAGE, &[("url", url)]);
            messages.push(self.message("connex.customer.status_page", &[("url", url)]));
        }

        self.cite(&mut explanation, rules::INTAKE_PRIORITY_UNUSED, &[]);
        if catalog::is_platinum(&plan.id) {
            self.cite(&mut explanation, rules::QUEUE_PLATINUM_FIRST, &[]);
        }
        self.cite(&mut explanation, rules::QUEUE_OLDEST_FIRST, &[]);

        let clock = self.first_response_clock();
        let minutes = clock.target.get().to_string();
        self.cite(
            &mut explanation,
            rules::SLA_FIRST_RESPONSE,
            &[("minutes", &minutes)],
        );
        if clock.warning.is_some() {
            self.cite(&mut explanation, rules::SLA_WARNING, &[]);
        }
        self.cite(&mut explanation, rules::SLA_NO_PAUSE, &[]);
        self.cite(&mut explanation, rules::SLA_NO_RESOLUTION_TARGET, &[]);
        if !scope.in_scope || fault {
            self.cite(&mut explanation, rules::SLA_OUT_OF_SCOPE_ANSWERED, &[]);
        }

        Ok(Decision {
            routing,
            scope,
            priority: verdict.priority.or(intake.priority),
            suggested_priority: None,
            billable: false,
            needs_info: false,
            messages,
            sla: SlaTargets {
                first_response: Some(clock),
                resolution: None,
            },
            explanation,
            triage: verdict.triage,
        })
    }

    /// The Connex intake questions (see [`crate::triage`]).
    fn intake_facts(&self) -> &[tierline_core::triage::FactSpec] {
        triage::FACTS
    }
}
