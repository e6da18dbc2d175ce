//! Entitlements ([`EntitlementPolicy`]): no developer time, no extras, no sessions.

use chrono::NaiveDate;
use tierline_core::{
    Budget, Customer, Denial, EntitlementPolicy, Minutes, PurchaseItem, Quote, SessionGrant, SessionRequest,
};

use crate::{rules, __TYPE__};

impl EntitlementPolicy for __TYPE__ {
    /// Always denied: no plan includes developer time (`__ID__.entitlement.no_developer_time`).
    fn developer_budget(&self, _customer: &Customer, _on: NaiveDate) -> Result<Budget, Denial> {
        Err(self.denial(rules::ENTITLEMENT_NO_DEVELOPER_TIME, &[]))
    }

    /// Developer calls: denied (`__ID__.entitlement.no_developer_time`); screen sharing:
    /// denied (`__ID__.entitlement.no_purchases`).
    fn purchase(
        &self,
        _customer: &Customer,
        item: PurchaseItem,
        _quantity: u32,
        _remaining: Minutes,
    ) -> Result<Quote, Denial> {
        Err(match item {
            PurchaseItem::DeveloperCall => {
                self.denial(rules::ENTITLEMENT_NO_DEVELOPER_TIME, &[])
            }
            PurchaseItem::ScreenShare => self.denial(rules::ENTITLEMENT_NO_PURCHASES, &[]),
        })
    }

    /// Always denied (`__ID__.entitlement.no_sessions`).
    fn book_session(
        &self,
        _customer: &Customer,
        _request: &SessionRequest,
    ) -> Result<SessionGrant, Denial> {
        Err(self.denial(rules::ENTITLEMENT_NO_SESSIONS, &[]))
    }
}
