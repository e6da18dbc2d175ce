//! Priority suggestion from realistic ticket texts: positives and near-miss negatives.
#![allow(clippy::unwrap_used)]

use tierline_core::Priority;
use tierline_storeconnect::priority::{suggest, Signal};

fn check(cases: &[(&str, &str, Option<Signal>)]) {
    let mut failures = Vec::new();
    for (subject, body, expected) in cases {
        let got = suggest(subject, body).map(|s| s.signal);
        if got != *expected {
            failures.push(format!(
                "{subject:?} / {body:?}: expected {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn critical_texts() {
    use Signal::*;
    check(&[
        (
            "URGENT: our store is down",
            "Customers get a blank page since 9am.",
            Some(StoreDown),
        ),
        ("Website completely unavailable", "", Some(StoreDown)),
        (
            "Shop appears to be offline",
            "Nothing loads for anyone",
            Some(StoreDown),
        ),
        ("Site has been down since this morning", "", Some(StoreDown)),
        (
            "Help",
            "We can't load the store at all from any device.",
            Some(StoreDown),
        ),
        (
            "Outage",
            "Complete outage of our storefront after your release",
            Some(StoreDown),
        ),
        (
            "Payments",
            "Payment processing is failing for all customers.",
            Some(PaymentsMajority),
        ),
        (
            "Checkout broken",
            "No one can check out, every payment is declined",
            Some(PaymentsMajority),
        ),
        (
            "Customers cannot pay",
            "Since 10am customers can't complete purchases",
            Some(PaymentsMajority),
        ),
        (
            "Pricing",
            "All products in the winter range show incorrect prices",
            Some(WrongPrices),
        ),
        ("Prices are wrong on the site", "", Some(WrongPrices)),
        (
            "Products mispriced",
            "The sale prices were listed at $0",
            Some(WrongPrices),
        ),
        (
            "Privacy",
            "Customer addresses are visible to other shoppers, this is a privacy breach",
            Some(LegalLiability),
        ),
        (
            "Terms",
            "The GST is not shown, which creates a legal liability for us",
            Some(LegalLiability),
        ),
    ]);
    for (s, b) in [("our store is down", ""), ("wrong prices", "")] {
        assert_eq!(suggest(s, b).unwrap().priority, Priority::Critical);
    }
}

#[test]
fn high_texts() {
    use Signal::*;
    check(&[
        (
            "Payment errors",
            "Some customers get a gateway error at checkout, others are fine.",
            Some(PaymentErrorsSome),
        ),
        (
            "Stripe declines",
            "Stripe payments are failing for a few customers",
            Some(PaymentErrorsSome),
        ),
        (
            "Payments failing",
            "Not all customers are affected, only Amex cards fail",
            Some(PaymentErrorsSome),
        ),
        (
            "Site down intermittently",
            "The store is down every few hours for 5 minutes",
            Some(IntermittentOutage),
        ),
        (
            "Flaky site",
            "The site keeps going down overnight",
            Some(IntermittentOutage),
        ),
        (
            "Intermittent outages",
            "Pages fail to show from time to time",
            Some(IntermittentOutage),
        ),
        (
            "Stock levels",
            "The site shows stale stock levels from last week",
            Some(StaleData),
        ),
        (
            "Salesforce sync",
            "Products are not syncing from Salesforce since Monday",
            Some(StaleData),
        ),
        (
            "Sync errors",
            "We see sync errors for the product catalogue",
            Some(StaleData),
        ),
        (
            "Store down",
            "The store is down but we have a workaround: the old domain still works",
            Some(CriticalWithWorkaround),
        ),
        (
            "Wrong prices",
            "Incorrect prices on bundles; as a work-around we disabled bundles",
            Some(CriticalWithWorkaround),
        ),
    ]);
}

#[test]
fn medium_and_low_texts() {
    use Signal::*;
    check(&[
        (
            "Training",
            "Can we book training for two new staff members?",
            Some(Training),
        ),
        (
            "New store",
            "Please provision a new store for our NZ brand",
            Some(Provisioning),
        ),
        (
            "Staging",
            "We need a sandbox environment for testing",
            Some(Provisioning),
        ),
        (
            "Bundles",
            "We would like guidance on implementing product bundles",
            Some(Guidance),
        ),
        (
            "Question",
            "How should we structure our categories for 5000 products",
            Some(Guidance),
        ),
        (
            "Feature request: wishlist sharing",
            "",
            Some(FeatureRequest),
        ),
        (
            "Idea",
            "It would be great if the order email could include the SKU",
            Some(FeatureRequest),
        ),
        (
            "Suggestion",
            "Could you add Apple Pay as a payment option",
            Some(FeatureRequest),
        ),
    ]);
}

#[test]
fn near_misses_are_not_critical() {
    use Signal::*;
    check(&[
        // "down" inside other words or with other meanings.
        (
            "Downtown store opening hours",
            "Please update the downtown location page",
            None,
        ),
        // Questions are guidance (medium), not faults.
        (
            "Download",
            "Where can I download my invoices",
            Some(Guidance),
        ),
        (
            "Scheduled maintenance",
            "Will the store be down during tonight's maintenance window",
            Some(Guidance),
        ),
        // Negations.
        (
            "Store is not down",
            "Just slow product images on the home page",
            None,
        ),
        (
            "Prices",
            "The prices are not wrong, but the currency symbol is missing",
            None,
        ),
        // Questions about prices and payments without a failure.
        (
            "Price rules",
            "How do I change the price of a product?",
            Some(Guidance),
        ),
        (
            "Payment options",
            "Which payment gateways do you support?",
            Some(Guidance),
        ),
        // A workaround asked for, not offered.
        (
            "Store down",
            "Our store is down. Is there a workaround?",
            Some(StoreDown),
        ),
        (
            "Store down",
            "Our store is down and there is no workaround",
            Some(StoreDown),
        ),
        // Legal words in ordinary content work.
        (
            "Legal pages",
            "Please help us update the legal pages and terms",
            None,
        ),
        ("Contact", "Sue from accounts will be the new contact", None),
        // Across sentences: "store" and "down" in different sentences.
        (
            "Store",
            "New banner uploaded. Down arrows look odd on mobile",
            None,
        ),
    ]);
}

#[test]
fn subject_and_description_do_not_join_into_a_phrase() {
    assert_eq!(
        suggest("Our store", "down payment plans are not shown"),
        None
    );
}

#[test]
fn payment_errors_of_unknown_reach_are_critical_and_unsure() {
    // Errors for some customers are high, for most critical; when the text does not say,
    // the more urgent plausible priority is suggested, without the confidence to be final.
    let s = suggest("Checkout", "Errors at checkout since yesterday").unwrap();
    assert_eq!(s.signal, Signal::PaymentsMajority);
    assert_eq!(s.confidence, tierline_core::Confidence::Moderate);
    let s = suggest(
        "Checkout",
        "Errors at checkout for some customers since yesterday",
    )
    .unwrap();
    assert_eq!(s.signal, Signal::PaymentErrorsSome);
    assert_eq!(s.confidence, tierline_core::Confidence::Strong);
}
