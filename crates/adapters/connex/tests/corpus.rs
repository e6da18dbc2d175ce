//! The Connex text reading scored on its labelled corpus (`--nocapture` prints the tables).
//! The holdout part was written and committed before the reading was tuned, and is never
//! tuned on; the train part is. The blind part was written by a second engineer before reading
//! the reading code and committed before its first run (its history says when it was tuned on).

use tierline_core::corpus::{run, CorpusReport};

fn score(name: &str, text: &str) -> CorpusReport {
    let adapter = tierline_connex::adapter_with_defaults();
    match run(&adapter, name, text) {
        Ok(report) => report,
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn train_part_passes_the_gates() {
    let report = score("connex train", include_str!("corpus/train.jsonl"));
    println!("{report}");
    assert!(report.cases.len() >= 100, "{} cases", report.cases.len());
    let failures = report.gate();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn holdout_part_passes_the_gates() {
    let report = score("connex holdout", include_str!("corpus/holdout.jsonl"));
    println!("{report}");
    assert!(report.cases.len() >= 50, "{} cases", report.cases.len());
    let failures = report.gate();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn blind_part_passes_the_gates() {
    let report = score("connex blind", include_str!("corpus/blind.jsonl"));
    println!("{report}");
    assert!(report.cases.len() >= 50, "{} cases", report.cases.len());
    let failures = report.gate();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Written after tuning on the blind part (its author had read the reading code), committed
/// before its first run, never tuned on: a measurement. Gated on the hard rule only (no
/// unflagged harmful decision); its full table is in the triage docs.
#[test]
fn fresh_part_has_no_unflagged_harm() {
    let report = score("connex fresh", include_str!("corpus/fresh.jsonl"));
    println!("{report}");
    assert!(report.cases.len() >= 20, "{} cases", report.cases.len());
    assert_eq!(report.harmful_unflagged(), 0, "{report}");
}
