//! Who handles a customer's tickets: a free integration's partner, the customer's
//! reseller, or IEX itself (first match wins, in that order).

use tierline_core::{Customer, Line, Reseller, Routing, RoutingKind, SupportLevel};

use crate::catalog::{free_integration, FreeIntegration};

/// Where an IEX customer's tickets go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// A free integration supported by its partner (`iex.routing.free_integration_partner`).
    Partner(&'static FreeIntegration),
    /// The reseller the customer bought through (`iex.routing.reseller`).
    Reseller(&'a Reseller),
    /// IEX support, 1st line (`iex.routing.iex_support`).
    Iex,
}

impl<'a> Route<'a> {
    /// Routes a customer. A free integration wins over a reseller: the partner supports
    /// that product whoever sold it.
    pub fn of(customer: &'a Customer) -> Self {
        if let Some(free) = customer.integration.as_deref().and_then(free_integration) {
            return Route::Partner(free);
        }
        if let Some(reseller) = &customer.reseller {
            return Route::Reseller(reseller);
        }
        Route::Iex
    }

    /// The routing as the decision reports it.
    pub fn routing(&self) -> Routing {
        match self {
            Route::Partner(free) => Routing {
                kind: RoutingKind::Partner,
                handled_by: free.partner.to_owned(),
                contact: None,
                reseller_id: None,
                level: None,
                in_vendor_queue: false,
            },
            Route::Reseller(reseller) => Routing {
                kind: RoutingKind::Reseller,
                handled_by: reseller.name.clone(),
                contact: Some(reseller.contact.clone()),
                reseller_id: Some(reseller.id.clone()),
                level: None,
                in_vendor_queue: false,
            },
            Route::Iex => Routing {
                kind: RoutingKind::Vendor,
                handled_by: "IEX".to_owned(),
                contact: None,
                reseller_id: None,
                level: Some(SupportLevel::Line(Line::First)),
                in_vendor_queue: true,
            },
        }
    }
}
