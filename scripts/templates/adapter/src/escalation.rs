//! Escalation ([`EscalationPolicy`]) between tiers, up to the plan's ceiling.

use tierline_core::{
    Customer, EscalationDecision, EscalationPolicy, EscalationRequest, Explanation,
    PolicyError, SupportLevel, Tier,
};

use crate::{rules, __TYPE__};

impl EscalationPolicy for __TYPE__ {
    /// # Behavior
    /// - Between tiers, the plan's ceiling is cited (`__ID__.catalog.standard_plan`).
    /// - Between tiers, to a tier within the plan's ceiling: allowed
    ///   (`__ID__.escalation.within_ceiling`), no developer time charged, no new clock, no
    ///   customer message.
    /// - Above the ceiling: denied (`__ID__.escalation.above_ceiling`), no offer.
    /// - Lines or teams: denied (`__ID__.escalation.tiers_only`).
    fn escalate(
        &self,
        customer: &Customer,
        request: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError> {
        let plan = self.plan(&customer.plan)?;
        let mut explanation = Explanation::new();
        // A ticket without a level starts where every ticket starts: Tier 1.
        let from = request.from.clone().unwrap_or(SupportLevel::Tier(Tier::One));
        let (SupportLevel::Tier(_), SupportLevel::Tier(to)) = (&from, &request.to) else {
            let denial = self.denial(rules::ESCALATION_TIERS_ONLY, &[]);
            self.cite(&mut explanation, rules::ESCALATION_TIERS_ONLY, &[]);
            return Ok(EscalationDecision::Denied {
                denial,
                explanation,
            });
        };
        let ceiling = match plan.tier_ceiling {
            SupportLevel::Tier(t) => t,
            _ => Tier::One,
        };
        let tier = to.number().to_string();
        let ceiling_n = ceiling.number().to_string();
        let args = [
            ("plan", plan.name.as_str()),
            ("tier", tier.as_str()),
            ("ceiling", ceiling_n.as_str()),
        ];
        self.cite(&mut explanation, rules::CATALOG_STANDARD, &[]);
        if *to > ceiling {
            self.cite(&mut explanation, rules::ESCALATION_ABOVE_CEILING, &args);
            return Ok(EscalationDecision::Denied {
                denial: self.denial(rules::ESCALATION_ABOVE_CEILING, &args),
                explanation,
            });
        }
        self.cite(&mut explanation, rules::ESCALATION_WITHIN_CEILING, &args);
        Ok(EscalationDecision::Allowed {
            to: SupportLevel::Tier(*to),
            charges_developer_time: false,
            first_response: None,
            messages: Vec::new(),
            explanation,
        })
    }
}
