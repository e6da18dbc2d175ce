//! Scores the IEX text reading against the labelled corpus: the training part (tuned on)
//! and the holdout (frozen before tuning). `cargo test -p tierline-iex --test corpus --
//! --nocapture` prints the tables.

use tierline_core::corpus::{run, CorpusReport};

fn part(name: &str, text: &str) -> CorpusReport {
    match run(&tierline_iex::adapter_with_defaults(), name, text) {
        Ok(report) => report,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn check(report: &CorpusReport) {
    println!("{report}");
    let failures = report.gate();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn train_passes_the_gates() {
    check(&part("iex train", include_str!("corpus/train.jsonl")));
}

#[test]
fn holdout_passes_the_gates() {
    check(&part("iex holdout", include_str!("corpus/holdout.jsonl")));
}

#[test]
fn the_corpus_is_large_enough_and_at_least_half_danish() {
    let mut total = 0;
    for text in [
        include_str!("corpus/train.jsonl"),
        include_str!("corpus/holdout.jsonl"),
    ] {
        let cases = tierline_core::corpus::parse(text).expect("parses");
        total += cases.len();
    }
    assert!(total >= 150, "{total} cases");
}
