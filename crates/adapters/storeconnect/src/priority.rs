//! Priority suggestion from a ticket's text (POLICY.md: "the adapter may suggest one").
//!
//! # Matching
//! The subject and description are lower-cased and split into words at every character
//! that is not a letter or digit (so `can't` is `can t`, `work-around` is `work around`);
//! sentence ends (`.`, `!`, `;`, new line) and `?` are kept as boundary tokens, so a phrase
//! never matches across sentences. Patterns match whole, consecutive words (no substring
//! matches: `downtown` is not `down`, `pricing` only where listed). A match preceded by a
//! negation (`not`, `no`, `never`, `n't`, `without`) within a pattern's window is ignored,
//! so "no workaround" or "not all customers" does not count.
//!
//! # Signals, most urgent first
//! - critical: the store is down or unavailable (incl. "can't take orders"); customers
//!   cannot purchase / payment processing failing for all or most customers; incorrect
//!   prices; legal liability.
//! - high: payment errors not said to hit all or most customers (or said to hit some);
//!   intermittent outages (a "down" phrase with "intermittent", "sometimes", "some
//!   customers"...); stale, outdated, unsynchronised or incorrect non-price data; any
//!   critical signal when the text mentions a workaround (not "no workaround", not a
//!   question "is there a workaround?").
//! - medium: training, provisioning of new stores or services, guidance.
//! - low: feature requests.
//!
//! The suggestion is the most urgent signal found; ties go to the first listed. The
//! adapter only suggests: a priority the reporter or agent set is never changed.

use tierline_core::Priority;

/// Why a priority was suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// The store is completely unavailable or down.
    StoreDown,
    /// Payment processing fails for all or most customers, or customers cannot purchase.
    PaymentsMajority,
    /// Products are listed with incorrect prices.
    WrongPrices,
    /// Errors that could create a legal liability.
    LegalLiability,
    /// Payment errors for some customers but not all.
    PaymentErrorsSome,
    /// Intermittent failures to show the site.
    IntermittentOutage,
    /// Stale or incorrect data that is not critical.
    StaleData,
    /// A critical issue for which there is a workaround.
    CriticalWithWorkaround,
    /// Training.
    Training,
    /// Provisioning of new stores or services.
    Provisioning,
    /// Guidance on feature implementation.
    Guidance,
    /// A feature request.
    FeatureRequest,
}

impl Signal {
    /// The priority this signal suggests.
    pub const fn priority(self) -> Priority {
        match self {
            Signal::StoreDown
            | Signal::PaymentsMajority
            | Signal::WrongPrices
            | Signal::LegalLiability => Priority::Critical,
            Signal::PaymentErrorsSome
            | Signal::IntermittentOutage
            | Signal::StaleData
            | Signal::CriticalWithWorkaround => Priority::High,
            Signal::Training | Signal::Provisioning | Signal::Guidance => Priority::Medium,
            Signal::FeatureRequest => Priority::Low,
        }
    }

    /// The message key of the signal's description (`messages/en.ftl`).
    pub const fn message_key(self) -> &'static str {
        match self {
            Signal::StoreDown => "storeconnect.signal.store_down",
            Signal::PaymentsMajority => "storeconnect.signal.payments_majority",
            Signal::WrongPrices => "storeconnect.signal.wrong_prices",
            Signal::LegalLiability => "storeconnect.signal.legal_liability",
            Signal::PaymentErrorsSome => "storeconnect.signal.payment_errors_some",
            Signal::IntermittentOutage => "storeconnect.signal.intermittent_outage",
            Signal::StaleData => "storeconnect.signal.stale_data",
            Signal::CriticalWithWorkaround => "storeconnect.signal.critical_with_workaround",
            Signal::Training => "storeconnect.signal.training",
            Signal::Provisioning => "storeconnect.signal.provisioning",
            Signal::Guidance => "storeconnect.signal.guidance",
            Signal::FeatureRequest => "storeconnect.signal.feature_request",
        }
    }

    /// Every signal.
    pub const ALL: [Signal; 12] = [
        Signal::StoreDown,
        Signal::PaymentsMajority,
        Signal::WrongPrices,
        Signal::LegalLiability,
        Signal::PaymentErrorsSome,
        Signal::IntermittentOutage,
        Signal::StaleData,
        Signal::CriticalWithWorkaround,
        Signal::Training,
        Signal::Provisioning,
        Signal::Guidance,
        Signal::FeatureRequest,
    ];
}

/// A suggested priority and the signal behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// The suggested priority.
    pub priority: Priority,
    /// Why.
    pub signal: Signal,
}

/// Suggests a priority from a ticket's subject and description, or `None` when no signal
/// matches.
pub fn suggest(subject: &str, description: &str) -> Option<Suggestion> {
    let mut tokens = tokenize(subject);
    tokens.push(".".to_owned());
    tokens.extend(tokenize(description));
    let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let text = Text { words: &words };

    let partial = text.any(PARTIAL, 0);
    let workaround = text.any(WORKAROUND, 3);
    let mut found: Vec<Signal> = Vec::new();

    if text.any(STORE_DOWN, 2) {
        found.push(if partial {
            Signal::IntermittentOutage
        } else {
            Signal::StoreDown
        });
    }
    if text.any(PURCHASE_BLOCKED, 2) {
        found.push(if partial {
            Signal::PaymentErrorsSome
        } else {
            Signal::PaymentsMajority
        });
    }
    if text.any(PAYMENT_FAILURE, 2) {
        let majority = text.any(MAJORITY, 1);
        found.push(if majority && !partial {
            Signal::PaymentsMajority
        } else {
            Signal::PaymentErrorsSome
        });
    }
    if text.any(WRONG_PRICES, 2) {
        found.push(Signal::WrongPrices);
    }
    if text.any(LEGAL, 2) {
        found.push(Signal::LegalLiability);
    }
    if workaround {
        for signal in &mut found {
            if signal.priority() == Priority::Critical {
                *signal = Signal::CriticalWithWorkaround;
            }
        }
    }
    if text.any(INTERMITTENT, 2) {
        found.push(Signal::IntermittentOutage);
    }
    if text.any(STALE_DATA, 2) {
        found.push(Signal::StaleData);
    }
    if text.any(TRAINING, 2) {
        found.push(Signal::Training);
    }
    if text.any(PROVISIONING, 2) {
        found.push(Signal::Provisioning);
    }
    if text.any(GUIDANCE, 2) {
        found.push(Signal::Guidance);
    }
    if text.any(FEATURE_REQUEST, 2) {
        found.push(Signal::FeatureRequest);
    }

    // `Priority` orders Critical < High < Medium < Low; `min_by_key` keeps the first of ties.
    found
        .into_iter()
        .min_by_key(|s| s.priority())
        .map(|signal| Suggestion {
            priority: signal.priority(),
            signal,
        })
}

/// Lower-cased words, with `.` for sentence ends and `?` for questions.
fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        match c {
            '.' | '!' | ';' | '\n' => out.push(".".to_owned()),
            '?' => out.push("?".to_owned()),
            _ => {}
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

const NEGATORS: &[&str] = &["not", "no", "never", "t", "without"];

struct Text<'a> {
    words: &'a [&'a str],
}

impl Text<'_> {
    /// Whether any pattern matches somewhere, not negated within `window` words before it
    /// and (for every pattern) not directly followed by a question mark.
    fn any(&self, patterns: &[&str], window: usize) -> bool {
        patterns.iter().any(|p| self.matches(p, window))
    }

    fn matches(&self, pattern: &str, window: usize) -> bool {
        let slots: Vec<&str> = pattern.split(' ').filter(|s| !s.is_empty()).collect();
        (0..self.words.len()).any(|start| {
            let Some(end) = match_at(self.words, start, &slots) else {
                return false;
            };
            let before = &self.words[start.saturating_sub(window)..start];
            let negated = before
                .iter()
                .rev()
                .take_while(|w| **w != "." && **w != "?")
                .any(|w| NEGATORS.contains(w));
            let question = self.words.get(end) == Some(&"?");
            !negated && !question
        })
    }
}

/// Matches `slots` at `start`; returns the index after the match.
fn match_at(words: &[&str], start: usize, slots: &[&str]) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some(start);
    };
    let (optional, alternatives) = match slot.strip_prefix('?') {
        Some(alts) => (true, alts),
        None => (false, *slot),
    };
    if let Some(word) = words.get(start) {
        if alternatives.split('|').any(|alt| word_matches(word, alt)) {
            if let Some(end) = match_at(words, start + 1, rest) {
                return Some(end);
            }
        }
    }
    if optional {
        return match_at(words, start, rest);
    }
    None
}

fn word_matches(word: &str, alternative: &str) -> bool {
    match alternative.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == alternative,
    }
}

// Pattern language: slots separated by spaces; `a|b` alternatives; `?slot` optional;
// `word*` prefix match. Matching is on whole, consecutive words.

const STORE_DOWN: &[&str] = &[
    "store|site|website|webstore|webshop|shop|storefront|checkout|homepage ?is|was|has|have|went|are ?been|gone ?completely|totally|entirely|fully|still down|unavailable|offline|unreachable|inaccessible",
    "store|site|website|webstore|webshop|shop|storefront|checkout|homepage seems|appears|looks to be ?completely|totally|entirely|fully|still down|unavailable|offline|unreachable|inaccessible",
    "complete|total|full|major outage|blackout",
    "cannot|unable ?to load|reach ?the|our|my store|site|website|webstore|webshop|shop|storefront",
    "can|could|couldn|won|doesn|don t|not load|reach ?the|our|my store|site|website|webstore|webshop|shop|storefront",
    "store|site|website|webstore|webshop|shop|storefront|homepage won|doesn|isn|is|will|does t|not load|loading|respond|responding",
    "cannot|unable ?to take|accept|receive ?any|new orders|sales",
    "can|could|couldn t|not take|accept|receive ?any|new orders|sales",
];

const PURCHASE_BLOCKED: &[&str] = &[
    "nobody|noone ?is|are|can|could ?able ?to buy|purchase|order|checkout|check|pay|complete",
    "no one ?is|are|can|could ?able ?to buy|purchase|order|checkout|check|pay|complete",
    "customers|shoppers|buyers|users|people cannot|unable ?to buy|purchase|order|checkout|check|pay|complete",
    "customers|shoppers|buyers|users|people can|could|couldn|are|aren t|not ?able ?to buy|purchase|order|checkout|check|pay|complete",
    "cannot|unable ?to process ?any payments|transactions|orders",
    "can|could|couldn t|not process ?any payments|transactions|orders",
];

const PAYMENT_FAILURE: &[&str] = &[
    "payment|payments|checkout|checkouts|gateway|gateways|stripe|paypal|braintree|adyen|afterpay|transaction|transactions|card|cards ?gateway|gateways|processing|processor|provider|payments ?is|are|was|were|has|have|keeps|keep ?been|started ?completely|totally|constantly|randomly|intermittently|sometimes|occasionally fail|fails|failing|failed|failure|failures|error|errors|erroring|declin*|reject*|broken|down|timing|timeout|timeouts",
    "fail|fails|failing|failed|failure|failures|error|errors|declines|timeouts with|on|in|at|from|during|when ?the|our|some|all|every|a|taking|processing ?the|our payment|payments|checkout|checkouts|gateway|gateways|card|cards|transaction|transactions",
    "payment|payments|transaction|transactions ?gateway|processing ?is|are|was|were|isn|aren|wasn|weren|has|have|haven|hasn not|t ?been working|going|processing|completing|succeeding",
    "payment|payments ?gateway|processing not working|going|processing|completing",
];

const MAJORITY: &[&str] = &[
    "all|most|every|majority ?of ?our|the|my customers|customer|shoppers|buyers|users|orders|transactions|payments|cards|checkouts",
    "majority",
    "everyone|everybody",
    "every|each ?single order|transaction|payment|customer|checkout|time",
    "nobody|noone",
    "no one|customer|customers",
];

const PARTIAL: &[&str] = &[
    "some|few|certain|several|particular|specific ?of ?our|the|my customers|customer|shoppers|buyers|users|orders|transactions|payments|cards|checkouts|browsers|devices|pages|products|people",
    "not all",
    "intermittent*|sporadic*|sometimes|occasionally|periodically|randomly|flaky|flakey",
    "on and off",
    "off and on",
    "from time to time",
    "now and then|again",
];

const WORKAROUND: &[&str] = &["workaround|workarounds", "work around|arounds"];

const INTERMITTENT: &[&str] = &[
    "intermittent*|sporadic*|occasional|periodic|random ?site|store|website|page|connection|connectivity|gateway outage|outages|downtime|failure|failures|error|errors|timeouts|crashes|crash|issues|problems",
    "store|site|website|webstore|webshop|shop|storefront|homepage keeps|kept ?on ?going down|crashing|failing|dropping|timing|going",
];

const WRONG_PRICES: &[&str] = &[
    "incorrect|incorrectly|wrong|wrongly|bad|invalid|mismatched|mismatching ?product|sale|retail|list|unit price|prices|pricing|priced",
    "price|prices|pricing ?are|is|were|was|have|has|got ?being|been ?shown|showing|displayed|displaying|listed|calculated|charged|set|changed|coming ?up|through ?as|at incorrect|incorrectly|wrong|wrongly",
    "mispriced|mispricing|misprice",
];

const LEGAL: &[&str] = &[
    "legal liability|liabilities|risk|risks|exposure|issue|issues|problem|problems|action|breach|trouble",
    "liability|liable|lawsuit|lawsuits|litigation|sued",
    "privacy|data|gdpr|pci|compliance breach|breaches|violation|violations|leak|leaks|incident",
    "consumer|privacy law|laws|act",
    "non compliant|compliance",
    "noncompliant|noncompliance",
];

const STALE_DATA: &[&str] = &[
    "stale|outdated|obsolete",
    "out of date",
    "incorrect|wrong|old|inconsistent data|information|info|stock|inventory|content|details|descriptions|images|categories|availability|totals",
    "not|t ?been updating|syncing|synching|synchronising|synchronizing|synced|synchronised|synchronized|refreshing|reflecting",
    "sync|syncing|synching|synchronisation|synchronization|synchronising|synchronizing issue|issues|error|errors|problem|problems|failure|failures|failing|failed|delay|delays|delayed|broken|stopped|stuck|lag",
];

const TRAINING: &[&str] = &[
    "training|trainings|tutorial|tutorials|onboarding|walkthrough",
    "train ?our|my|the|new|a staff|team|users|people|admins|admin|colleagues|employees",
];

const PROVISIONING: &[&str] = &[
    "provision|provisioning|provisioned",
    "sandbox|sandboxes",
    "staging|test|uat|development environment|environments|store|site|org",
    "new|another|additional|second|extra store|stores|storefront|environment|environments|sandbox|sandboxes|instance|service|services|domain",
    "set|setting|spin|spinning up ?a|an|the|our ?new store|site|sandbox|environment|instance|service",
];

const GUIDANCE: &[&str] = &[
    "guidance|advice|advise|recommendations",
    "best practice|practices|approach|way",
    "how should|do|can|would|could we|i implement|configure|set|setup|use|build|approach|structure|design|model|handle",
    "how to implement|configure|set|setup|use|build|approach|structure|design",
];

const FEATURE_REQUEST: &[&str] = &[
    "feature|enhancement|improvement request|requests|suggestion|suggestions|idea|ideas",
    "new feature|features",
    "enhancement|enhancements|wishlist",
    "wish list",
    "nice to have",
    "would be nice|great|good|helpful|useful|handy|awesome if|to",
    "could|can|would you ?please add|consider|build|implement|introduce|support",
    "please add",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<Priority> {
        suggest(text, "").map(|s| s.priority)
    }

    #[test]
    fn tokenizer_keeps_sentence_and_question_boundaries() {
        assert_eq!(
            tokenize("Can't pay. Why?"),
            vec!["can", "t", "pay", ".", "why", "?"]
        );
    }

    #[test]
    fn words_match_whole() {
        assert_eq!(p("The store is downtown"), None);
        assert_eq!(p("Our store is down"), Some(Priority::Critical));
    }

    #[test]
    fn every_pattern_parses_and_matches_something_sensible() {
        for set in [
            STORE_DOWN,
            PURCHASE_BLOCKED,
            PAYMENT_FAILURE,
            MAJORITY,
            PARTIAL,
            WORKAROUND,
            INTERMITTENT,
            WRONG_PRICES,
            LEGAL,
            STALE_DATA,
            TRAINING,
            PROVISIONING,
            GUIDANCE,
            FEATURE_REQUEST,
        ] {
            for pattern in set {
                assert!(!pattern.contains("  "), "double space in {pattern:?}");
                assert!(!pattern.is_empty());
            }
        }
    }
}
