use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Locale, PlanId, VendorId};

/// How often a customer pays for its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum BillingCycle {
    /// Billed monthly.
    Monthly,
    /// Billed annually.
    Annual,
}

/// The reseller a customer bought through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Reseller {
    /// The reseller's id (tokens of role `reseller` carry it).
    pub id: String,
    /// The reseller's name, shown to the customer.
    pub name: String,
    /// How to reach the reseller's support (e-mail, phone or URL).
    pub contact: String,
}

/// A vendor's customer account, as the policies see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The vendor whose customer this is.
    pub vendor: VendorId,
    /// The customer's id in the vendor's or helpdesk's system.
    pub external_id: String,
    /// Display name.
    pub name: String,
    /// Current plan (canonical id).
    pub plan: PlanId,
    /// Billing cycle of the current plan.
    pub billing_cycle: BillingCycle,
    /// Next renewal date of an annual plan.
    pub renews_on: Option<NaiveDate>,
    /// When the customer last upgraded to the current plan.
    pub upgraded_on: Option<NaiveDate>,
    /// The reseller the customer bought through, if any.
    pub reseller: Option<Reseller>,
    /// The integration or product variant the customer uses (e.g. `dandomain-free`).
    pub integration: Option<String>,
    /// Whether the customer is in a trial period.
    pub trial: bool,
    /// Preferred language, when known.
    pub locale: Option<Locale>,
}
