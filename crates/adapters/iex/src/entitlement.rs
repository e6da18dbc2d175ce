//! Entitlements ([`EntitlementPolicy`]): IEX includes and sells no developer time, sells
//! no extras and offers no bookable sessions.

use chrono::NaiveDate;
use tierline_core::{
    Budget, Customer, Denial, EntitlementPolicy, Minutes, PurchaseItem, Quote, RuleId,
    SessionGrant, SessionRequest,
};

use crate::{rules, Iex};

impl Iex {
    fn denial(&self, rule: RuleId) -> Denial {
        Denial {
            rule,
            reason: self.rule_text(rule),
            offer: None,
        }
    }
}

impl EntitlementPolicy for Iex {
    /// Always denied: no IEX plan includes developer time (`iex.entitlement.no_developer_time`).
    fn developer_budget(&self, _customer: &Customer, _on: NaiveDate) -> Result<Budget, Denial> {
        Err(self.denial(rules::ENTITLEMENT_NO_DEVELOPER_TIME))
    }

    /// Developer calls: denied (`iex.entitlement.no_developer_time`); screen sharing:
    /// denied (`iex.entitlement.no_purchases`). Billable phone support is not a purchase:
    /// it is flagged `billable` on the ticket.
    fn purchase(
        &self,
        _customer: &Customer,
        item: PurchaseItem,
        _quantity: u32,
        _remaining: Minutes,
    ) -> Result<Quote, Denial> {
        Err(match item {
            PurchaseItem::DeveloperCall => self.denial(rules::ENTITLEMENT_NO_DEVELOPER_TIME),
            PurchaseItem::ScreenShare => self.denial(rules::ENTITLEMENT_NO_PURCHASES),
        })
    }

    /// Always denied (`iex.entitlement.no_sessions`).
    fn book_session(
        &self,
        _customer: &Customer,
        _request: &SessionRequest,
    ) -> Result<SessionGrant, Denial> {
        Err(self.denial(rules::ENTITLEMENT_NO_SESSIONS))
    }
}
