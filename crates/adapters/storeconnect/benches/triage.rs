//! `evaluate` on a realistic ~2 kB StoreConnect ticket (a forwarded customer mail with a
//! signature): the text reading, the evidence ladder, explanations, messages and clocks.
//! Target: median <= 20 us.
//!
//! `cargo bench -p tierline-storeconnect --bench triage -- --measurement-time 3 --warm-up-time 1`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use tierline_core::{
    BillingCycle, Channel, Customer, IntakeFacts, PlanId, TicketIntake, TicketPolicy, VendorId,
};

const DESCRIPTION: &str = "Hi StoreConnect team,

Forwarding this from our operations manager, see below. We have not changed anything on our side since last week as far as I know.

---------- Forwarded message ---------
From: Sarah Nguyen <sarah@example.com.au>
Date: Tue, 3 Mar 2026 at 09:12
Subject: checkout problems this morning
To: Online Team <online@example.com.au>

Hey all,

Since about 7:30 this morning customers are ringing the store saying they cannot complete their orders online. They get to the payment step, enter their card details, press Pay and the page just reloads with no error message. I tried it myself on my laptop and on my phone (both Chrome and Safari) with my own Visa card and got the same thing. Nothing came through in the admin and no confirmation email either.

We did have a similar problem back in January but that one was only for Afterpay and it fixed itself after an hour or so. This time it looks like every payment method is affected, Afterpay, PayPal and cards. Our Facebook ad campaign for the Autumn range started at 6am so traffic is high and we are losing sales every minute this goes on.

For what it is worth, the product pages, the search and the cart all load fine and quickly, and the stock levels look right, so it seems to be only the last step of the checkout. I also cleared my cache and tried a private window, same result. Could someone please look at this as a priority? If you need access to our Stripe dashboard or want me to run any tests just let me know, I am at my desk all day. Our developer Tom is also around if you need anything on the theme side (tom@example.com.au, 0412 555 019).

Thanks so much,
Sarah

--
Sarah Nguyen | Operations Manager
Example Outdoor Co. | 12 Example Street, Surry Hills NSW 2010
P: 02 9000 0000 | W: www.example.com.au
This email and any attachments are confidential and may be legally privileged. If you are not the intended recipient, please delete it and notify the sender.";

fn bench(c: &mut Criterion) {
    assert!(
        (1800..2400).contains(&DESCRIPTION.len()),
        "{}",
        DESCRIPTION.len()
    );
    let adapter = tierline_storeconnect::adapter_with_defaults();
    let customer = Customer {
        vendor: VendorId::parse("storeconnect").unwrap(),
        external_id: "acme-1".into(),
        name: "Example Outdoor Co.".into(),
        plan: PlanId::parse("medium").unwrap(),
        billing_cycle: BillingCycle::Annual,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: None,
        trial: false,
        locale: None,
    };
    let intake = TicketIntake {
        subject: "FW: checkout problems this morning - URGENT".into(),
        description: DESCRIPTION.into(),
        channel: Channel::Email,
        priority: None,
        received_at: Utc.with_ymd_and_hms(2026, 3, 2, 23, 0, 0).unwrap(),
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: IntakeFacts::new(),
        ruling: None,
    };
    let d = adapter.evaluate(&customer, &intake).unwrap();
    assert_eq!(d.priority, Some(tierline_core::Priority::Critical));
    c.bench_function("storeconnect evaluate 2 kB", |b| {
        b.iter(|| adapter.evaluate(black_box(&customer), black_box(&intake)))
    });
    c.bench_function("storeconnect read 2 kB", |b| {
        let facts = tierline_storeconnect::facts::Facts::default();
        b.iter(|| {
            tierline_storeconnect::priority::read(
                black_box(&intake.subject),
                black_box(&intake.description),
                &facts,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
