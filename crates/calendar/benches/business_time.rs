//! Business-time arithmetic: Tierline's compiled calendar against the peer crates
//! `ule-hours` and `workclock`, same calendar (New York, Mon–Fri 09:00–16:00, US federal
//! holidays), same random inputs, same run.
//!
//! `cargo bench -p tierline-calendar --bench business_time -- --measurement-time 3 --warm-up-time 1`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/peers.rs"]
mod peers;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tierline_calendar::BusinessMinutes;

const N: usize = 1024;
const BD: i64 = 420;

fn check_agreement(
    p: &peers::Peers,
    inputs: &[(chrono::DateTime<chrono::Utc>, ule_hours::jiff::Timestamp)],
) {
    for (t, jt) in inputs.iter().take(256) {
        for m in [BD, 10 * BD] {
            let ours = p
                .tierline
                .add_business(*t, BusinessMinutes::new(m))
                .unwrap();
            assert_eq!(
                ours,
                peers::to_chrono(p.ule.add(*jt, peers::mins(m)).unwrap())
            );
            assert_eq!(
                ours,
                peers::to_chrono(p.workclock.add(*jt, peers::mins(m)).unwrap())
            );
        }
    }
}

fn add_business(c: &mut Criterion) {
    let p = peers::build();
    let inputs = peers::instants(42, N);
    check_agreement(&p, &inputs);
    for (label, m) in [("1bd", BD), ("10bd", 10 * BD)] {
        let mut g = c.benchmark_group(format!("add_business_{label}"));
        g.throughput(Throughput::Elements(N as u64));
        let bm = BusinessMinutes::new(m);
        g.bench_function(BenchmarkId::new("tierline", label), |b| {
            b.iter(|| {
                for (t, _) in &inputs {
                    black_box(p.tierline.add_business(black_box(*t), bm).unwrap());
                }
            })
        });
        let d = peers::mins(m);
        g.bench_function(BenchmarkId::new("ule-hours", label), |b| {
            b.iter(|| {
                for (_, t) in &inputs {
                    black_box(p.ule.add(black_box(*t), d).unwrap());
                }
            })
        });
        g.bench_function(BenchmarkId::new("workclock", label), |b| {
            b.iter(|| {
                for (_, t) in &inputs {
                    black_box(p.workclock.add(black_box(*t), d).unwrap());
                }
            })
        });
        g.finish();
    }
}

fn between(c: &mut Criterion) {
    let p = peers::build();
    // Random pairs anywhere in 2024–2030: spans of up to several years.
    let a = peers::instants(1, N);
    let b = peers::instants(2, N);
    let pairs: Vec<_> = a
        .into_iter()
        .zip(b)
        .map(|(x, y)| if x.0 <= y.0 { (x, y) } else { (y, x) })
        .collect();
    for ((t, jt), (u, ju)) in pairs.iter().take(16) {
        let ours = p.tierline.business_seconds_between(*t, *u).unwrap();
        assert_eq!(ours, p.ule.between(*jt, *ju).as_secs());
        assert_eq!(ours, p.workclock.between(*jt, *ju).as_secs());
    }
    let mut g = c.benchmark_group("between_multi_year");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(10);
    g.bench_function("tierline", |bch| {
        bch.iter(|| {
            for ((t, _), (u, _)) in &pairs {
                black_box(
                    p.tierline
                        .business_seconds_between(black_box(*t), *u)
                        .unwrap(),
                );
            }
        })
    });
    g.bench_function("ule-hours", |bch| {
        bch.iter(|| {
            for ((_, t), (_, u)) in &pairs {
                black_box(p.ule.between(black_box(*t), *u));
            }
        })
    });
    g.bench_function("workclock", |bch| {
        bch.iter(|| {
            for ((_, t), (_, u)) in &pairs {
                black_box(p.workclock.between(black_box(*t), *u));
            }
        })
    });
    g.finish();
}

/// One-off costs: building a `Calendar` from JSON, and the first use of a year (which
/// compiles that year's table).
fn compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile");
    g.bench_function("from_json", |b| {
        b.iter(|| tierline_calendar::Calendar::from_json(black_box(peers::US_FEDERAL_NY)).unwrap())
    });
    let t = chrono::DateTime::parse_from_rfc3339("2026-03-02T15:00:00Z")
        .unwrap()
        .to_utc();
    g.bench_function("from_json_and_first_add", |b| {
        b.iter(|| {
            let cal = tierline_calendar::Calendar::from_json(peers::US_FEDERAL_NY).unwrap();
            cal.add_business(black_box(t), BusinessMinutes::new(BD))
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, add_business, between, compile);
criterion_main!(benches);
