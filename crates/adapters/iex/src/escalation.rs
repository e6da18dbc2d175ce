//! Escalation ([`EscalationPolicy`]): 1st line → 2nd line only.

use tierline_core::{
    Customer, Denial, EscalationDecision, EscalationPolicy, EscalationRequest, Explanation, Line,
    PolicyError, ResponseClock, RuleId, SupportLevel,
};

use crate::routing::Route;
use crate::{rules, Iex};

impl Iex {
    fn deny(&self, rule: RuleId, args: &[(&str, &str)]) -> Result<EscalationDecision, PolicyError> {
        let mut explanation = Explanation::new();
        self.cite(&mut explanation, rule, args)?;
        let reason = explanation
            .reasons()
            .last()
            .map(|r| r.text.clone())
            .unwrap_or_default();
        Ok(EscalationDecision::Denied {
            denial: Denial {
                rule,
                reason,
                offer: None,
            },
            explanation,
        })
    }
}

impl EscalationPolicy for Iex {
    /// # Behavior
    /// - Customers routed to a partner or reseller: denied, citing the routing rule (their
    ///   tickets are not IEX's, and no IEX clock may start).
    /// - A ticket out of scope (as its scope stands now, after any triage): denied with the
    ///   boundary as the reason (`iex.escalation.out_of_scope`); it is referred, not escalated.
    /// - 1st line → 2nd line: allowed; before 1st line has responded, the response clock
    ///   is re-targeted to the 2nd-line target from receipt (`second_line_retarget`); after
    ///   a response, a 2nd-line response clock starts at the escalation
    ///   (`second_line_starts`); the explanation says communication is in writing, and the decision carries
    ///   the customer notice (`iex-second-line-written`: longer response time, in writing)
    ///   in the customer's language (Danish by default). No developer time is charged.
    /// - Any other line move (2nd → 1st, same line): denied (`iex.escalation.path`).
    /// - Tiers or teams: denied (`iex.escalation.lines_only`).
    fn escalate(
        &self,
        customer: &Customer,
        request: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError> {
        self.check_plan(customer)?;
        match Route::of(customer) {
            Route::Partner(free) => {
                return self.deny(rules::ROUTING_FREE_PARTNER, &[("partner", free.partner)])
            }
            Route::Reseller(reseller) => {
                return self.deny(rules::ROUTING_RESELLER, &[("reseller", &reseller.name)])
            }
            Route::Iex => {}
        }
        if let Some(boundary) = &request.out_of_scope {
            let mut explanation = Explanation::new();
            explanation.push(boundary.rule, boundary.text.clone());
            self.cite(&mut explanation, rules::ESCALATION_OUT_OF_SCOPE, &[])?;
            return Ok(EscalationDecision::Denied {
                denial: Denial {
                    rule: rules::ESCALATION_OUT_OF_SCOPE,
                    reason: boundary.text.clone(),
                    offer: None,
                },
                explanation,
            });
        }
        // A ticket without a line is at 1st line, where every IEX ticket starts.
        let from = request
            .from
            .clone()
            .unwrap_or(SupportLevel::Line(Line::First));
        match (&from, &request.to) {
            (SupportLevel::Line(Line::First), SupportLevel::Line(Line::Second)) => {
                let mut explanation = Explanation::new();
                self.cite(&mut explanation, rules::ESCALATION_SECOND_LINE, &[])?;
                let days = self.config().second_line_response_business_days.to_string();
                self.cite(&mut explanation, rules::SLA_SECOND_LINE, &[("days", &days)])?;
                let clock = self.second_line_clock();
                let first_response = if request.responded {
                    self.cite(
                        &mut explanation,
                        rules::SLA_SECOND_LINE_STARTS,
                        &[("days", &days)],
                    )?;
                    ResponseClock::StartAtEscalation(clock)
                } else {
                    self.cite(
                        &mut explanation,
                        rules::SLA_SECOND_LINE_RETARGET,
                        &[("days", &days)],
                    )?;
                    ResponseClock::Retarget(clock)
                };
                self.cite(&mut explanation, rules::ESCALATION_WRITTEN, &[])?;
                let notice = self.message(
                    self.locale_for(customer, None),
                    "iex-second-line-written",
                    &[("days", &days)],
                )?;
                Ok(EscalationDecision::Allowed {
                    to: SupportLevel::Line(Line::Second),
                    charges_developer_time: false,
                    first_response: Some(first_response),
                    messages: vec![notice],
                    explanation,
                })
            }
            (SupportLevel::Line(_), SupportLevel::Line(_)) => {
                self.deny(rules::ESCALATION_PATH, &[])
            }
            _ => self.deny(rules::ESCALATION_LINES_ONLY, &[]),
        }
    }
}
