//! Entitlements: none. No plan includes developer time, nothing is for sale through
//! Tierline, and no sessions are bookable (the seed publishes none of these).

use tierline_core::{
    Budget, Customer, Denial, Minutes, PurchaseItem, Quote, RuleId, SessionGrant, SessionRequest,
};

use crate::rules;
use crate::StoreConnect;

/// No developer-time budget on any plan ([`rules::ENTITLEMENT_NO_DEVELOPER_TIME`]).
pub(crate) fn developer_budget(sc: &StoreConnect, _customer: &Customer) -> Result<Budget, Denial> {
    Err(deny(sc, rules::ENTITLEMENT_NO_DEVELOPER_TIME))
}

fn deny(sc: &StoreConnect, rule: RuleId) -> Denial {
    Denial {
        rule,
        reason: sc
            .text(rule.as_str(), &[])
            .unwrap_or_else(|_| rule.as_str().to_owned()),
        offer: None,
    }
}

/// Every purchase is denied ([`rules::ENTITLEMENT_NO_PURCHASES`]).
pub(crate) fn purchase(
    sc: &StoreConnect,
    _item: PurchaseItem,
    _quantity: u32,
    _remaining: Minutes,
) -> Result<Quote, Denial> {
    Err(deny(sc, rules::ENTITLEMENT_NO_PURCHASES))
}

/// Every booking is denied ([`rules::ENTITLEMENT_NO_SESSIONS`]).
pub(crate) fn book_session(
    sc: &StoreConnect,
    _request: &SessionRequest,
) -> Result<SessionGrant, Denial> {
    Err(deny(sc, rules::ENTITLEMENT_NO_SESSIONS))
}
