//! Whether a ticket reports an outage of the Connex service (for the status-page pointer).
//!
//! Deliberately narrow: the pointer is added to the answer, it takes nothing away, so a
//! miss costs little and a false match costs one extra sentence.

/// Phrases that report the service itself as down, lower case.
const OUTAGE: &[&str] = &[
    "outage",
    "connex is down",
    "connex down",
    "service is down",
    "dashboard is down",
    "site is down",
    "is not loading",
    "won't load",
    "will not load",
    "service unavailable",
    "down for everyone",
];

/// Whether the lower-cased ticket text reports an outage.
pub fn reports_outage(text_lowercase: &str) -> bool {
    OUTAGE.iter().any(|p| text_lowercase.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outages_are_reported_in_plain_words() {
        assert!(reports_outage("is there an outage? nothing syncs"));
        assert!(reports_outage("the connex dashboard is down since 9 am"));
        assert!(!reports_outage("order 1001 did not sync to quickbooks"));
    }
}
