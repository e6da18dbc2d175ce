//! Developer hours (10 h per plan year, 5 h after a late upgrade), purchases (developer
//! calls, screen sharing) and session bookings.

use chrono::{Datelike, Duration, Months, NaiveDate};
use tierline_core::{
    Budget, Customer, Denial, EntitlementPolicy, Explanation, Minutes, PurchaseItem, Quote, RuleId,
    SessionGrant, SessionKind, SessionRequest,
};

use crate::catalog::{
    self, DEVELOPER_CALL_LENGTH, DEVELOPER_CALL_PRICE, PLATINUM_DEVELOPER_TIME,
    PRORATED_DEVELOPER_TIME,
};
use crate::{rules, Connex};

/// `anchor` moved by `years` whole years; Feb 29 becomes Feb 28 in common years. Always
/// computed from the anchor, so a Feb 29 renewal comes back to Feb 29 in leap years.
fn anniversary(anchor: NaiveDate, years: i32) -> Option<NaiveDate> {
    let months = Months::new(years.unsigned_abs().checked_mul(12)?);
    if years >= 0 {
        anchor.checked_add_months(months)
    } else {
        anchor.checked_sub_months(months)
    }
}

/// The plan year `[start, end)` containing `on`, on the anniversaries of `anchor`.
fn plan_year(anchor: NaiveDate, on: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let mut k = on.year() - anchor.year();
    // The estimate is off by at most one; a few steps settle it.
    for _ in 0..4 {
        let end = anniversary(anchor, k)?;
        let start = anniversary(anchor, k - 1)?;
        if on < start {
            k -= 1;
        } else if on >= end {
            k += 1;
        } else {
            return Some((start, end));
        }
    }
    None
}

impl Connex {
    fn denial(&self, rule: RuleId, args: &[(&str, &str)], offer: bool) -> Denial {
        Denial {
            rule,
            reason: self.say(rule, args),
            offer: offer.then(|| self.offer().clone()),
        }
    }
}

impl EntitlementPolicy for Connex {
    /// Platinum only. The plan year ends at the renewal (`renews_on`, rolled by whole years to
    /// contain `on`); without one it runs on the anniversaries of `upgraded_on`, and without
    /// either it is the calendar year. The year in which the upgrade happened gets 5 h when
    /// the upgrade came less than 6 months before that year's end; every other year 10 h.
    /// What is left is [`Budget::remaining`] (never below zero, `connex.hours.never_negative`).
    ///
    /// Denied:
    /// - any other plan (or one not in the catalog): `connex.hours.platinum_only`, with the
    ///   Platinum annual offer;
    /// - a plan year that ends on or before the upgrade (the customer was not on Platinum
    ///   then): `connex.hours.before_upgrade`;
    /// - a day whose plan year cannot be computed (dates at the edge of the calendar's
    ///   range): `connex.hours.plan_year_out_of_range`.
    fn developer_budget(&self, customer: &Customer, on: NaiveDate) -> Result<Budget, Denial> {
        let plan = self.plan(&customer.plan).ok();
        if plan.is_none_or(|p| p.developer_minutes_per_year.is_none()) {
            let name = plan.map_or(customer.plan.as_str(), |p| p.name.as_str());
            let mut denial = self.denial(rules::HOURS_PLATINUM_ONLY, &[("plan", name)], false);
            denial.offer = Some(self.offer_for(customer, on));
            return Err(denial);
        }
        let out_of_range = || self.denial(rules::HOURS_PLAN_YEAR_OUT_OF_RANGE, &[], false);
        let mut explanation = Explanation::new();
        explanation.push(
            rules::HOURS_ANNUAL_ALLOWANCE,
            self.say(rules::HOURS_ANNUAL_ALLOWANCE, &[]),
        );
        let anchor = match (customer.renews_on, customer.upgraded_on) {
            (Some(renewal), _) => renewal,
            (None, fallback) => {
                explanation.push(
                    rules::HOURS_NO_RENEWAL_DATE,
                    self.say(rules::HOURS_NO_RENEWAL_DATE, &[]),
                );
                fallback
                    .or_else(|| NaiveDate::from_ymd_opt(on.year(), 1, 1))
                    .ok_or_else(out_of_range)?
            }
        };
        let (start, end) = plan_year(anchor, on).ok_or_else(out_of_range)?;
        let (start_s, end_s) = (start.to_string(), end.to_string());
        explanation.push(
            rules::HOURS_RESET_AT_RENEWAL,
            self.say(
                rules::HOURS_RESET_AT_RENEWAL,
                &[("start", &start_s), ("end", &end_s)],
            ),
        );
        let mut included = PLATINUM_DEVELOPER_TIME;
        if let Some(upgraded) = customer.upgraded_on {
            let upgraded_s = upgraded.to_string();
            if end <= upgraded {
                return Err(self.denial(
                    rules::HOURS_BEFORE_UPGRADE,
                    &[
                        ("upgraded_on", &upgraded_s),
                        ("start", &start_s),
                        ("end", &end_s),
                    ],
                    false,
                ));
            }
            let late = upgraded >= start
                && upgraded
                    .checked_add_months(Months::new(6))
                    .is_none_or(|u| u > end);
            if late {
                included = PRORATED_DEVELOPER_TIME;
                explanation.push(
                    rules::HOURS_PRORATED_UPGRADE,
                    self.say(
                        rules::HOURS_PRORATED_UPGRADE,
                        &[("upgraded_on", &upgraded_s), ("renews_on", &end_s)],
                    ),
                );
            }
        }
        Ok(Budget {
            period_start: start,
            period_end: end,
            included,
            explanation,
        })
    }

    /// - Quantity 0: denied.
    /// - `DeveloperCall`: USD 250 per 30-minute call (adds 30 min each), only on Platinum
    ///   (otherwise denied with the Platinum annual offer) and only with no included time
    ///   left (`remaining <= 0`; a negative balance counts as zero).
    /// - `ScreenShare`: anyone whose plan does not include it, without upgrading; the price
    ///   is the configured one, or `None` (priced on request).
    fn purchase(
        &self,
        customer: &Customer,
        item: PurchaseItem,
        quantity: u32,
        remaining: Minutes,
    ) -> Result<Quote, Denial> {
        if quantity == 0 {
            return Err(self.denial(rules::PURCHASE_QUANTITY, &[], false));
        }
        let plan = self.plan(&customer.plan).ok();
        let mut explanation = Explanation::new();
        match item {
            PurchaseItem::DeveloperCall => {
                if !catalog::is_platinum(&customer.plan) {
                    return Err(self.denial(rules::PURCHASE_PLATINUM_ONLY, &[], true));
                }
                if remaining.0 > 0 {
                    let left = remaining.to_string();
                    return Err(self.denial(
                        rules::PURCHASE_HOURS_LEFT,
                        &[("remaining", &left)],
                        false,
                    ));
                }
                if remaining.0 < 0 {
                    explanation.push(
                        rules::HOURS_NEVER_NEGATIVE,
                        self.say(rules::HOURS_NEVER_NEGATIVE, &[]),
                    );
                }
                let price = DEVELOPER_CALL_PRICE.to_string();
                explanation.push(
                    rules::PURCHASE_DEVELOPER_CALL,
                    self.say(rules::PURCHASE_DEVELOPER_CALL, &[("price", &price)]),
                );
                let total = DEVELOPER_CALL_PRICE
                    .times(quantity)
                    .ok_or_else(|| self.denial(rules::PURCHASE_QUANTITY, &[], false))?;
                let adds = DEVELOPER_CALL_LENGTH
                    .0
                    .checked_mul(i64::from(quantity))
                    .ok_or_else(|| self.denial(rules::PURCHASE_QUANTITY, &[], false))?;
                Ok(Quote {
                    item,
                    quantity,
                    unit_price: Some(DEVELOPER_CALL_PRICE),
                    total: Some(total),
                    adds_minutes: Minutes(adds),
                    explanation,
                })
            }
            PurchaseItem::ScreenShare => {
                if let Some(plan) = plan.filter(|p| p.includes_screen_sharing) {
                    return Err(self.denial(
                        rules::PURCHASE_SCREEN_SHARE_INCLUDED,
                        &[("plan", &plan.name)],
                        false,
                    ));
                }
                explanation.push(
                    rules::PURCHASE_SCREEN_SHARE,
                    self.say(rules::PURCHASE_SCREEN_SHARE, &[]),
                );
                let unit = self.config().screen_share_price;
                let total = match unit {
                    Some(u) => Some(
                        u.times(quantity)
                            .ok_or_else(|| self.denial(rules::PURCHASE_QUANTITY, &[], false))?,
                    ),
                    None => None,
                };
                Ok(Quote {
                    item,
                    quantity,
                    unit_price: unit,
                    total,
                    adds_minutes: Minutes(0),
                    explanation,
                })
            }
        }
    }

    /// Onboarding must be booked at least `onboarding_lead_hours` (24) hours ahead; every
    /// session must have a positive length and lie entirely inside one open period of the
    /// calendar (so it cannot run past closing, over lunch-less limited days, or across a
    /// night).
    fn book_session(
        &self,
        customer: &Customer,
        request: &SessionRequest,
    ) -> Result<SessionGrant, Denial> {
        if request.kind == SessionKind::Onboarding {
            let lead = Duration::hours(i64::from(self.config().onboarding_lead_hours));
            if request.starts_at - request.booked_at < lead {
                let hours = self.config().onboarding_lead_hours.to_string();
                return Err(self.denial(rules::SESSION_LEAD_TIME, &[("hours", &hours)], false));
            }
        }
        let outside = || self.denial(rules::SESSION_SUPPORT_HOURS, &[], false);
        if request.minutes.0 <= 0 {
            return Err(outside());
        }
        let end = Duration::try_minutes(request.minutes.0)
            .and_then(|d| request.starts_at.checked_add_signed(d))
            .ok_or_else(outside)?;
        let intervals = self
            .calendar
            .open_intervals(request.starts_at, end)
            .map_err(|_| outside())?;
        if !matches!(intervals.as_slice(),
            [only] if only.start == request.starts_at && only.end == end)
        {
            return Err(outside());
        }
        if request.kind != SessionKind::ScreenShare {
            return Ok(SessionGrant::Included);
        }
        let plan = self.plan(&customer.plan).ok();
        if plan.is_some_and(|p| p.includes_screen_sharing) {
            return Ok(SessionGrant::Included);
        }
        if request.screen_shares_bought > 0 {
            return Ok(SessionGrant::UsesPurchase);
        }
        let name = plan.map_or(customer.plan.as_str(), |p| p.name.as_str());
        Err(self.denial(
            rules::SESSION_SCREEN_SHARE_NOT_INCLUDED,
            &[("plan", name)],
            false,
        ))
    }
}
