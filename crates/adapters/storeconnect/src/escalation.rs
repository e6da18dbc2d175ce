//! Escalations. The seed defines none; StoreConnect has a support team and a development
//! team and no tiers or lines. Moving a ticket between the two teams is allowed on every
//! plan, for any reason (regression or not), draws on no entitlement and starts no new
//! clock. Tiers and lines do not apply ([`PolicyError::NotApplicable`], text of
//! [`rules::ESCALATION_TEAMS_ONLY`]).

use tierline_core::{
    Customer, EscalationDecision, EscalationRequest, Explanation, PolicyError, SupportLevel,
};

use crate::catalog::{PlanSize, DEVELOPMENT_TEAM, SUPPORT_TEAM};
use crate::rules;
use crate::StoreConnect;

fn is_team(level: &SupportLevel) -> bool {
    matches!(level, SupportLevel::Team(t) if t == SUPPORT_TEAM || t == DEVELOPMENT_TEAM)
}

pub(crate) fn escalate(
    sc: &StoreConnect,
    customer: &Customer,
    request: &EscalationRequest,
) -> Result<EscalationDecision, PolicyError> {
    PlanSize::from_id(&customer.plan)
        .ok_or_else(|| PolicyError::UnknownPlan(customer.plan.to_string()))?;
    // A ticket without a level is with the support team, where every ticket starts.
    if !request.from.as_ref().is_none_or(is_team) || !is_team(&request.to) {
        return Err(PolicyError::NotApplicable(
            sc.text(rules::ESCALATION_TEAMS_ONLY.as_str(), &[])?,
        ));
    }
    let mut why = Explanation::new();
    sc.cite(&mut why, rules::ESCALATION_ALLOWED, &[])?;
    Ok(EscalationDecision::Allowed {
        to: request.to.clone(),
        charges_developer_time: false,
        first_response: None,
        messages: Vec::new(),
        explanation: why,
    })
}
