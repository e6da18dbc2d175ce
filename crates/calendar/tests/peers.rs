//! Tierline agrees with the peer crates `ule-hours` and `workclock` on the same calendar
//! wherever their semantics agree: for a target > 0 all three return the earliest instant
//! at which the target has elapsed (due at closing); `between` is open time in `[a, b)`.
//! (They differ for a zero target from a closed instant: workclock returns the instant
//! itself, Tierline and ule-hours the next opening; those cases are not compared.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/support/peers.rs"]
mod peers;

use tierline_calendar::BusinessMinutes;

#[test]
fn add_and_between_agree_with_peers() {
    let p = peers::build();
    let inputs = peers::instants(7, 300);
    for (i, (t, jt)) in inputs.iter().enumerate() {
        for m in [1i64, 59, 420, 3 * 420, 10 * 420] {
            let ours = p
                .tierline
                .add_business(*t, BusinessMinutes::new(m))
                .unwrap();
            let ule = peers::to_chrono(p.ule.add(*jt, peers::mins(m)).unwrap());
            let wc = peers::to_chrono(p.workclock.add(*jt, peers::mins(m)).unwrap());
            assert_eq!(ours, ule, "ule-hours, start {t}, {m} min");
            assert_eq!(ours, wc, "workclock, start {t}, {m} min");
        }
        // Pairs of nearby instants (the peers walk day by day).
        let secs = (i as i64 * 7919 * 61) % (40 * 86_400);
        let u = *t + chrono::Duration::seconds(secs);
        let ju = jt
            .checked_add(ule_hours::jiff::SignedDuration::from_secs(secs))
            .unwrap();
        let ours = p.tierline.business_seconds_between(*t, u).unwrap();
        assert_eq!(
            ours,
            p.ule.between(*jt, ju).as_secs(),
            "ule between {t} {u}"
        );
        assert_eq!(
            ours,
            p.workclock.between(*jt, ju).as_secs(),
            "workclock between {t} {u}"
        );
    }
}
