//! The StoreConnect triage corpus: realistic tickets labelled by the published policy,
//! scored by the shared corpus gates (right-or-abstained >= 95 %, abstained <= 15 %, no
//! unflagged harmful decision). `--nocapture` prints the tables.

use tierline_core::corpus;

fn run(name: &str, text: &str) {
    let adapter = tierline_storeconnect::adapter_with_defaults();
    let report = match corpus::run(&adapter, name, text) {
        Ok(report) => report,
        Err(e) => panic!("{name}: {e}"),
    };
    println!("{report}");
    let failures = report.gate();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn train_part_passes_the_gates() {
    run("storeconnect train", include_str!("corpus/train.jsonl"));
}

#[test]
fn holdout_part_passes_the_gates() {
    run("storeconnect holdout", include_str!("corpus/holdout.jsonl"));
}

#[test]
fn second_holdout_part_passes_the_gates() {
    run(
        "storeconnect holdout 2",
        include_str!("corpus/holdout2.jsonl"),
    );
}

/// Written by a second engineer before reading the reading code, committed before its first
/// run (its history says when it was tuned on).
#[test]
fn blind_part_passes_the_gates() {
    run("storeconnect blind", include_str!("corpus/blind.jsonl"));
}

/// Written after tuning on the blind part (its author had read the reading code), committed
/// before its first run, never tuned on: a measurement. Gated on the hard rule only (no
/// unflagged harmful decision); its full table is in the triage docs.
#[test]
fn fresh_part_has_no_unflagged_harm() {
    let adapter = tierline_storeconnect::adapter_with_defaults();
    let report = match corpus::run(
        &adapter,
        "storeconnect fresh",
        include_str!("corpus/fresh.jsonl"),
    ) {
        Ok(report) => report,
        Err(e) => panic!("storeconnect fresh: {e}"),
    };
    println!("{report}");
    assert!(report.cases.len() >= 20, "{} cases", report.cases.len());
    assert_eq!(report.harmful_unflagged(), 0, "{report}");
}
