//! Reading a ticket: `evaluate` (the whole intake decision, clocks included) and the text
//! reading alone, on a ~2 kB realistic description.
//!
//! `cargo bench -p tierline-connex --bench triage -- --measurement-time 3 --warm-up-time 1`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use tierline_connex::reading::{read, Text};
use tierline_core::{
    BillingCycle, Channel, Customer, PlanId, TicketIntake, TicketPolicy, VendorId,
};

const SUBJECT: &str = "RE: Orders missing in QuickBooks since last week (ticket #55120)";

/// A long, realistic ticket: a forwarded thread, a signature, a disclaimer.
const DESCRIPTION: &str = "Hi Connex team,

Following up on my email from Monday. Since around last Wednesday a good number of our \
Shopify and Amazon orders are not showing up in QuickBooks Desktop. For example orders \
#10231, #10244, #10260 and 112-4433921-7765 are all missing, while others from the same day \
came through fine. The Web Connector runs every 15 minutes on our accounting PC and the log \
shows green most of the time, but now and then it says 'QuickBooks found an error when \
parsing the provided XML text stream' and then skips to the next order.

I already uninstalled and reinstalled the Web Connector as your article said, and I added \
the .qwc file from the dashboard again, but the same orders still fail. Our IT person also \
checked the firewall and says nothing is blocked. We did not change any QuickBooks settings \
on our side and we have not installed any new apps on the store, except the shipping app \
that Shopify recommended.

Could you please look at our account and tell us what is wrong with these orders? If it is \
something in the product mapping we are happy to fix it ourselves, we just need to know \
which items. Our bookkeeper is closing the month on Friday so this is getting urgent. \
She also noticed that two refunds from Amazon came in as sales receipts instead of refund \
receipts, and that the sales tax on the Canadian orders looks doubled on a few invoices. \
I attached screenshots of the order previewer for #10231 and of the log page showing the \
error, in case that helps your team.

Thanks a lot,

Dana Whitfield
Operations Manager
Acme Outdoor Supply Co.
1200 Harbor Blvd, Suite 4, Portland OR 97209
Phone (503) 555-0148 | dana@acme-outdoor.example

-----Original Message-----
From: Dana Whitfield
Sent: Monday 2:14 PM
To: support
Subject: Orders missing in QuickBooks

Hello, some orders are missing in QuickBooks since last week. Can you check?

CONFIDENTIALITY NOTICE: This e-mail and any attachments are for the exclusive use of the \
intended recipient and may contain confidential information.";

fn bench(c: &mut Criterion) {
    assert!(
        DESCRIPTION.len() > 1900 && DESCRIPTION.len() < 2300,
        "{}",
        DESCRIPTION.len()
    );
    let adapter = tierline_connex::adapter_with_defaults();
    let customer = Customer {
        vendor: VendorId::parse("connex").unwrap(),
        external_id: "bench".into(),
        name: "Acme Outdoor Supply Co.".into(),
        plan: PlanId::parse("gold").unwrap(),
        billing_cycle: BillingCycle::Annual,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: None,
        trial: false,
        locale: None,
    };
    let intake = TicketIntake {
        subject: SUBJECT.into(),
        description: DESCRIPTION.into(),
        channel: Channel::Email,
        priority: None,
        received_at: Utc.with_ymd_and_hms(2026, 3, 3, 14, 0, 0).unwrap(),
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: Default::default(),
        ruling: None,
    };
    let decision = adapter.evaluate(&customer, &intake).unwrap();
    assert!(decision.scope.in_scope, "{:?}", decision.scope.boundary);
    c.bench_function("connex evaluate 2 kB", |b| {
        b.iter(|| adapter.evaluate(black_box(&customer), black_box(&intake)))
    });
    c.bench_function("connex read 2 kB", |b| {
        b.iter(|| read(&Text::new(black_box(SUBJECT), black_box(DESCRIPTION))))
    });
    // The same work timed in this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so a machine
    // shared with other builds does not count their time slices as ours.
    if on_cpu().is_some() {
        c.bench_function("connex evaluate 2 kB (on-CPU time)", |b| {
            b.iter_custom(|iters| {
                let start = on_cpu().unwrap_or_default();
                for _ in 0..iters {
                    black_box(
                        adapter
                            .evaluate(black_box(&customer), black_box(&intake))
                            .ok(),
                    );
                }
                on_cpu().unwrap_or_default().saturating_sub(start)
            })
        });
    }
}

/// CPU time this thread has used.
fn on_cpu() -> Option<Duration> {
    use nix::time::{clock_gettime, ClockId};
    let ts = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID).ok()?;
    Some(Duration::new(
        u64::try_from(ts.tv_sec()).ok()?,
        u32::try_from(ts.tv_nsec()).ok()?,
    ))
}

criterion_group!(benches, bench);
criterion_main!(benches);
