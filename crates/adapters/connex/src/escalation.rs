//! Escalation between tiers: annual plan and tier ceiling, the regression exception, and
//! developer-hour charging.

use tierline_core::{
    BillingCycle, Customer, Denial, EscalationDecision, EscalationPolicy, EscalationRequest,
    Explanation, PolicyError, SupportLevel, Tier,
};

use crate::{catalog, rules, Connex};

fn tier_of(level: &SupportLevel) -> Result<Tier, PolicyError> {
    match level {
        SupportLevel::Tier(t) => Ok(*t),
        other => Err(PolicyError::NotApplicable(format!(
            "Connex counts support tiers 1 to 3; {other} is not a Connex level"
        ))),
    }
}

impl EscalationPolicy for Connex {
    /// # Behavior
    /// - Lines and teams are not Connex levels: `PolicyError::NotApplicable`.
    /// - A ticket without a level (routed to Intuit at intake) escalates from Tier 1, where
    ///   every Connex ticket starts, under the same checks (`from_tier_one`).
    /// - A ticket out of scope (as its scope stands now, after any triage) is not
    ///   escalated, to any tier: denied with the boundary as the reason (`out_of_scope`),
    ///   no offer (no plan escalates what Connex does not support).
    /// - To Tier 1, or to a tier not above the current one: allowed, never denied
    ///   (`not_upward`); developer work at Tier 2+ is still charged on Platinum.
    /// - Up to Tier 2 with `regression`: allowed on any plan and cycle, uncharged, with the
    ///   `connex.customer.regression` message for the customer (other outcomes have none).
    /// - Otherwise up to Tier 2/3 needs an annual plan and a tier within the ceiling; every
    ///   failed condition is explained (annual first), the first one is the denial's rule,
    ///   and the offer is Platinum annual (none for a customer already on it).
    /// - Tier 3 handles what Tier 2 is unable to help with: a ticket below Tier 2 goes to
    ///   Tier 2 first (`through_tier_two`; configurable, default on), checked after the
    ///   plan's conditions.
    /// - A regression is never charged to developer hours, whatever the tier.
    fn escalate(
        &self,
        customer: &Customer,
        request: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError> {
        let plan = self.plan(&customer.plan)?;
        let to = tier_of(&request.to)?;
        let platinum = catalog::is_platinum(&plan.id);
        let to_level = SupportLevel::Tier(to);
        let mut explanation = Explanation::new();
        let from = match &request.from {
            Some(level) => tier_of(level)?,
            None => {
                explanation.push(
                    rules::ESCALATION_FROM_TIER_ONE,
                    self.say(rules::ESCALATION_FROM_TIER_ONE, &[]),
                );
                Tier::One
            }
        };
        if let Some(boundary) = &request.out_of_scope {
            explanation.push(boundary.rule, boundary.text.clone());
            explanation.push(
                rules::ESCALATION_OUT_OF_SCOPE,
                self.say(rules::ESCALATION_OUT_OF_SCOPE, &[]),
            );
            return Ok(EscalationDecision::Denied {
                denial: Denial {
                    rule: rules::ESCALATION_OUT_OF_SCOPE,
                    reason: boundary.text.clone(),
                    offer: None,
                },
                explanation,
            });
        }
        let charge = |explanation: &mut Explanation| -> bool {
            let charged = platinum && to >= Tier::Two && !request.regression;
            if charged {
                explanation.push(
                    rules::ESCALATION_CHARGES_HOURS,
                    self.say(rules::ESCALATION_CHARGES_HOURS, &[]),
                );
            }
            charged
        };

        if to == Tier::One || to <= from {
            explanation.push(
                rules::ESCALATION_NOT_UPWARD,
                self.say(rules::ESCALATION_NOT_UPWARD, &[]),
            );
            let charges_developer_time = charge(&mut explanation);
            return Ok(EscalationDecision::Allowed {
                to: to_level,
                charges_developer_time,
                first_response: None,
                messages: Vec::new(),
                explanation,
            });
        }

        let ceiling = match &plan.tier_ceiling {
            SupportLevel::Tier(t) => *t,
            _ => Tier::One,
        };
        let tier = to.number().to_string();
        let ceiling_n = ceiling.number().to_string();
        let args = [
            ("plan", plan.name.as_str()),
            ("tier", tier.as_str()),
            ("ceiling", ceiling_n.as_str()),
        ];
        explanation.push(
            rules::CATALOG_TIER_CEILING,
            self.say(rules::CATALOG_TIER_CEILING, &args),
        );
        if plan.id.as_str() == catalog::GOLD {
            explanation.push(
                rules::CATALOG_GOLD_CEILING,
                self.say(rules::CATALOG_GOLD_CEILING, &args),
            );
        }

        if request.regression && to == Tier::Two {
            explanation.push(
                rules::ESCALATION_REGRESSION,
                self.say(rules::ESCALATION_REGRESSION, &[]),
            );
            return Ok(EscalationDecision::Allowed {
                to: to_level,
                charges_developer_time: false,
                first_response: None,
                messages: vec![self.message("connex.customer.regression", &[])],
                explanation,
            });
        }

        let mut failed = Vec::new();
        if customer.billing_cycle != BillingCycle::Annual {
            failed.push(rules::ESCALATION_ANNUAL_REQUIRED);
        }
        if to > ceiling {
            failed.push(rules::ESCALATION_ABOVE_CEILING);
        }
        if to == Tier::Three && from < Tier::Two && self.config().tier_three_through_tier_two {
            failed.push(rules::ESCALATION_THROUGH_TIER_TWO);
        }
        if let Some(&rule) = failed.first() {
            for &r in &failed {
                explanation.push(r, self.say(r, &args));
            }
            let already_platinum_annual =
                platinum && customer.billing_cycle == BillingCycle::Annual;
            return Ok(EscalationDecision::Denied {
                denial: Denial {
                    rule,
                    reason: self.say(rule, &args),
                    offer: (!already_platinum_annual).then(|| {
                        let today = request.at.with_timezone(&self.calendar.zone()).date_naive();
                        self.offer_for(customer, today)
                    }),
                },
                explanation,
            });
        }

        explanation.push(
            rules::ESCALATION_WITHIN_CEILING,
            self.say(rules::ESCALATION_WITHIN_CEILING, &args),
        );
        if request.regression {
            explanation.push(
                rules::ESCALATION_REGRESSION,
                self.say(rules::ESCALATION_REGRESSION, &[]),
            );
        }
        let charges_developer_time = charge(&mut explanation);
        Ok(EscalationDecision::Allowed {
            to: to_level,
            charges_developer_time,
            first_response: None,
            messages: Vec::new(),
            explanation,
        })
    }
}
