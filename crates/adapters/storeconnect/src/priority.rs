//! Priority reading: what a ticket's text (and its intake facts) say about its priority, on
//! what evidence, and how sure (the policy: "the adapter may suggest one").
//!
//! # Words and phrases
//! The `text` module splits subject and description into words, sentences and clauses (with byte
//! offsets into the original text, so evidence quotes the ticket exactly) and finds every
//! phrase of `phrases` in one pass. A phrase matches whole, consecutive words inside one
//! sentence (`downtown` is not `down`). A match is discounted when a negation (`not`, `no`,
//! `n't`, `never`, `without`...) stands in the two words before it in its clause ("no
//! workaround", "the prices are not wrong"), or when a condition (`if`, `whether`) does.
//!
//! # Cues and qualifiers
//! Cues name what is wrong: the store is down (critical), customers cannot buy or payments
//! fail (critical when all or most customers are hit, else unsure), wrong prices (critical),
//! legal liability (critical), severe disruption (critical), and, as a weak hint, any other
//! fault stated in a critical area (an error, "broken", "not working" within six words of
//! the store, checkout, payments, prices or customer data); intermittent outages and stale
//! data (high); training, provisioning, change requests and guidance (medium); feature
//! requests (low). Qualifiers change what a critical cue means, in this order:
//! 1. *not production* ("our staging site", "on UAT", "production is fine"; not in a sentence
//!    that offers a workaround: "we use the staging site as a workaround") → medium;
//! 2. *recovered* ("back up now", "thanks for the quick fix"), told with or after the last
//!    mention of the outage ("thanks for the fix yesterday! it's down again now" is down) → medium (high when it also
//!    happens intermittently);
//! 3. *intermittent* ("a few times", "on and off") → high; a counted recurrence ("twice",
//!    "the third time this week") is only a Moderate intermittent (flagged), unless the
//!    outage is also told as over ("it's back now": then high);
//! 4. *partial* ("some customers", "not all", "works for me", "Visa works"; not "several
//!    devices", which confirms an outage) → high;
//! 5. *workaround* (offered, not asked for, negated or denied: "Workaround? None.") → high.
//!
//! A critical cue inside a yes/no question ("Is the price wrong because of the GST
//! setting?") asks whether, it does not report: the reading is guidance (medium), and the
//! critical cue is kept as a weak candidate. A question-word question ("Why are the prices
//! wrong?") presupposes the fault and counts as a report.
//!
//! A sentence that cites StoreConnect's own documents ("your SLA says 'Store is completely
//! unavailable or down' is critical") quotes the policy and reports nothing.
//!
//! Qualifiers count only in the customer's own words: a quoted earlier reply ("> the store
//! is back online") never lowers a critical cue.
//!
//! # Abstention
//! Lowering a critical cue needs a qualifier stated plainly ([`Confidence::Strong`]): the
//! same sentence for *not production* (or "production is fine"), anywhere for the others,
//! and no contradiction (both "all customers" and "some customers"). A hinted workaround
//! ("for now", "in the meantime"), a staging mention away from the fault, or a critical cue
//! that is itself only a hint (payments failing, scope unknown; "site not working") keeps the
//! ticket critical and flags it ([`TriageReason::UnsurePriority`]); "not urgent" next to a
//! critical cue flags [`TriageReason::ConflictingSignals`].
//!
//! # Facts
//! Intake facts ([`crate::facts`]) replace the text's qualifiers: `environment`,
//! `affected_customers` and `workaround` answer what the text may leave open, and
//! `request_kind` decides outright for questions, change and feature requests. A reading
//! that used a fact names it.

mod phrases;
mod text;

use std::sync::OnceLock;

use tierline_core::{Confidence, Evidence, Priority, TriageReason};

use crate::facts::{self, Affected, Environment, Facts, Named, RequestKind};
use phrases as ph;
use text::{Doc, Grammar, Hit, Lexicon, Mood, SetId};

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
    /// Errors severely disrupting the business.
    SevereDisruption,
    /// Payment errors for some customers but not all.
    PaymentErrorsSome,
    /// Intermittent failures to show the site.
    IntermittentOutage,
    /// Stale or incorrect data that is not critical.
    StaleData,
    /// A critical issue for which there is a workaround.
    CriticalWithWorkaround,
    /// The problem is on a staging or test store, not the live store.
    NotProduction,
    /// The problem is over; the ticket follows it up.
    Recovered,
    /// Training.
    Training,
    /// Provisioning of new stores or services.
    Provisioning,
    /// A request to change the store's setup or content.
    ChangeRequest,
    /// Guidance (a question).
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
            | Signal::LegalLiability
            | Signal::SevereDisruption => Priority::Critical,
            Signal::PaymentErrorsSome
            | Signal::IntermittentOutage
            | Signal::StaleData
            | Signal::CriticalWithWorkaround => Priority::High,
            Signal::NotProduction
            | Signal::Recovered
            | Signal::Training
            | Signal::Provisioning
            | Signal::ChangeRequest
            | Signal::Guidance => Priority::Medium,
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
            Signal::SevereDisruption => "storeconnect.signal.severe_disruption",
            Signal::PaymentErrorsSome => "storeconnect.signal.payment_errors_some",
            Signal::IntermittentOutage => "storeconnect.signal.intermittent_outage",
            Signal::StaleData => "storeconnect.signal.stale_data",
            Signal::CriticalWithWorkaround => "storeconnect.signal.critical_with_workaround",
            Signal::NotProduction => "storeconnect.signal.not_production",
            Signal::Recovered => "storeconnect.signal.recovered",
            Signal::Training => "storeconnect.signal.training",
            Signal::Provisioning => "storeconnect.signal.provisioning",
            Signal::ChangeRequest => "storeconnect.signal.change_request",
            Signal::Guidance => "storeconnect.signal.guidance",
            Signal::FeatureRequest => "storeconnect.signal.feature_request",
        }
    }

    /// Every signal.
    pub const ALL: [Signal; 16] = [
        Signal::StoreDown,
        Signal::PaymentsMajority,
        Signal::WrongPrices,
        Signal::LegalLiability,
        Signal::SevereDisruption,
        Signal::PaymentErrorsSome,
        Signal::IntermittentOutage,
        Signal::StaleData,
        Signal::CriticalWithWorkaround,
        Signal::NotProduction,
        Signal::Recovered,
        Signal::Training,
        Signal::Provisioning,
        Signal::ChangeRequest,
        Signal::Guidance,
        Signal::FeatureRequest,
    ];
}

/// One reading of the ticket's priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it found.
    pub signal: Signal,
    /// How sure.
    pub confidence: Confidence,
    /// The spans of the ticket it rests on.
    pub evidence: Vec<Evidence>,
    /// The intake facts it rests on (`name`, `value`), empty when read from the text alone.
    pub facts: Vec<(&'static str, &'static str)>,
}

impl Finding {
    /// The priority it suggests.
    pub fn priority(&self) -> Priority {
        self.signal.priority()
    }
}

/// What the text and facts say about the priority.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The reading to adopt when no priority was set (`None`: nothing suggests one).
    pub adopted: Option<Finding>,
    /// Readings considered and not adopted.
    pub others: Vec<Finding>,
    /// Why an agent should confirm the adopted reading (empty when it is plain).
    pub reasons: Vec<TriageReason>,
}

impl Reading {
    /// Whether the adopted reading is a plainly stated critical signal.
    pub fn strong_critical(&self) -> Option<&Finding> {
        self.adopted
            .as_ref()
            .filter(|f| f.priority() == Priority::Critical && f.confidence == Confidence::Strong)
    }
}

/// A suggested priority and the signal behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// The suggested priority.
    pub priority: Priority,
    /// Why.
    pub signal: Signal,
    /// How sure.
    pub confidence: Confidence,
}

/// Suggests a priority from a ticket's subject and description alone, or `None` when no
/// signal matches.
pub fn suggest(subject: &str, description: &str) -> Option<Suggestion> {
    read(subject, description, &Facts::default())
        .adopted
        .map(|f| Suggestion {
            priority: f.priority(),
            signal: f.signal,
            confidence: f.confidence,
        })
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

const GRAMMAR: Grammar = Grammar {
    auxiliaries: ph::AUXILIARIES,
    subjects: ph::SUBJECTS,
    question_words: ph::QUESTION_WORDS,
    openers: ph::OPENERS,
};

fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| Lexicon::build(ph::SETS, &ph::GRAMMAR.concat()))
}

/// Reads the priority signals of a ticket, with its intake facts.
pub fn read(subject: &str, description: &str, facts: &Facts) -> Reading {
    let lex = lexicon();
    let doc = Doc::read(lex, &GRAMMAR, subject, description);
    Reader::new(&doc, facts).read()
}

/// A qualifier of a critical cue.
#[derive(Debug, Clone)]
struct Qual {
    confidence: Confidence,
    evidence: Vec<Evidence>,
    fact: Option<Named>,
}

impl Qual {
    fn fact(named: Named) -> Qual {
        Qual {
            confidence: Confidence::Strong,
            evidence: Vec::new(),
            fact: Some(named),
        }
    }
}

/// A critical cue: what it is, how sure, where.
struct Cue {
    signal: Signal,
    confidence: Confidence,
    hit: Hit,
}

struct Reader<'d, 'a> {
    doc: &'d Doc<'a>,
    facts: &'d Facts,
    negators: Vec<u16>,
    conditionals: Vec<u16>,
}

impl<'d, 'a> Reader<'d, 'a> {
    fn new(doc: &'d Doc<'a>, facts: &'d Facts) -> Self {
        let ids = |words: &[&str]| words.iter().map(|w| doc.lex.id(w)).collect::<Vec<_>>();
        Reader {
            doc,
            facts,
            negators: ids(ph::NEGATORS),
            conditionals: ids(ph::CONDITIONALS),
        }
    }

    fn negated(&self, hit: &Hit) -> bool {
        self.doc.preceded_by(hit.first, 2, &self.negators)
            || self.doc.preceded_by(hit.first, 4, &self.conditionals)
    }

    /// Hits of `set` that state something: not negated, not inside a yes/no question, not
    /// in a sentence that cites StoreConnect's own documents.
    fn asserted(&self, set: SetId) -> impl Iterator<Item = &'d Hit> + '_ {
        self.doc.hits_of(set).filter(move |h| {
            !self.negated(h) && self.doc.mood(h.first) != Mood::Polar && !self.cites_vendor(h)
        })
    }

    /// Whether `hit` stands in a sentence that cites StoreConnect's own documents.
    fn cites_vendor(&self, hit: &Hit) -> bool {
        hit.set != ph::VENDOR_TEXT
            && self
                .doc
                .hits_of(ph::VENDOR_TEXT)
                .any(|v| self.doc.same_sentence(v.first, hit.first))
    }

    /// Hits of `set` inside a yes/no question (not negated).
    fn questioned(&self, set: SetId) -> Option<&'d Hit> {
        self.doc
            .hits_of(set)
            .find(|h| !self.negated(h) && self.doc.mood(h.first) == Mood::Polar)
    }

    fn evidence(&self, hit: &Hit) -> Vec<Evidence> {
        self.doc.evidence(hit.first, hit.end).into_iter().collect()
    }

    /// Hits of `set` stated in the customer's own words (not quoted history): only these
    /// may lower a critical cue.
    fn own(&self, set: SetId) -> impl Iterator<Item = &'d Hit> + '_ {
        self.asserted(set)
            .filter(move |h| !self.doc.quoted(h.first))
    }

    fn text_qual(&self, set: SetId, confidence: Confidence) -> Option<Qual> {
        self.own(set).next().map(|h| Qual {
            confidence,
            evidence: self.evidence(h),
            fact: None,
        })
    }

    fn finding(&self, signal: Signal, confidence: Confidence, hit: &Hit) -> Finding {
        Finding {
            signal,
            confidence,
            evidence: self.evidence(hit),
            facts: Vec::new(),
        }
    }

    fn read(&self) -> Reading {
        let mut reading = Reading::default();
        let texts = self.text_findings();

        // Facts that decide outright.
        let decided = match (self.facts.kind, self.facts.environment) {
            (Some(RequestKind::Question), _) => {
                Some((Signal::Guidance, RequestKind::Question.named()))
            }
            (Some(RequestKind::FeatureRequest), _) => {
                Some((Signal::FeatureRequest, RequestKind::FeatureRequest.named()))
            }
            (Some(RequestKind::ChangeRequest), _) => {
                Some((Signal::ChangeRequest, RequestKind::ChangeRequest.named()))
            }
            (_, Some(Environment::Staging)) => {
                Some((Signal::NotProduction, Environment::Staging.named()))
            }
            _ => None,
        };
        if let Some((signal, named)) = decided {
            reading.adopted = Some(Finding {
                signal,
                confidence: Confidence::Strong,
                evidence: Vec::new(),
                facts: vec![named],
            });
            reading.others = texts.into_iter().flat_map(|o| o.findings()).collect();
            return reading;
        }

        // The most urgent outcome wins; among equals, the surest.
        let mut outcomes = texts;
        outcomes.sort_by_key(|o| {
            (
                o.adopted.priority(),
                std::cmp::Reverse(o.adopted.confidence),
            )
        });
        let mut outcomes = outcomes.into_iter();
        if let Some(first) = outcomes.next() {
            reading.reasons = first.reasons.clone();
            reading.others.extend(first.alternatives.iter().cloned());
            reading.adopted = Some(first.adopted);
        }
        for o in outcomes {
            reading.others.extend(o.findings());
        }
        // "error" decides nothing by itself; it is named beside the facts that did decide.
        if let (Some(adopted), Some(kind @ RequestKind::Error)) =
            (&mut reading.adopted, self.facts.kind)
        {
            if !adopted.facts.is_empty() {
                adopted.facts.push(kind.named());
            }
        }
        reading
    }

    /// Every outcome the text supports (each graded with the qualifiers and facts).
    fn text_findings(&self) -> Vec<Outcome> {
        let mut out = Vec::new();
        for cue in self.critical_cues() {
            out.push(self.grade(cue));
        }
        // A critical cue only asked about: guidance, the cue kept as a weak candidate.
        if out.is_empty() {
            for (set, signal) in [
                (ph::STORE_DOWN, Signal::StoreDown),
                (ph::STORE_DOWN_HINT, Signal::StoreDown),
                (ph::WRONG_PRICES, Signal::WrongPrices),
                (ph::PAYMENT_FAILURE, Signal::PaymentsMajority),
                (ph::PURCHASE_BLOCKED, Signal::PaymentsMajority),
                (ph::LEGAL, Signal::LegalLiability),
            ] {
                if let Some(hit) = self.questioned(set) {
                    out.push(Outcome {
                        adopted: self.finding(Signal::Guidance, Confidence::Moderate, hit),
                        alternatives: vec![self.finding(signal, Confidence::Weak, hit)],
                        reasons: Vec::new(),
                    });
                    break;
                }
            }
        }
        let simple = [
            (ph::STALE_DATA, Signal::StaleData),
            (ph::TRAINING, Signal::Training),
            (ph::PROVISIONING, Signal::Provisioning),
            (ph::GUIDANCE, Signal::Guidance),
            (ph::FEATURE_REQUEST, Signal::FeatureRequest),
        ];
        for (set, signal) in simple {
            // Requests and questions are natural here: only negation discounts them.
            if let Some(hit) = self.doc.hits_of(set).find(|h| !self.negated(h)) {
                out.push(Outcome::plain(self.finding(
                    signal,
                    Confidence::Strong,
                    hit,
                )));
            }
        }
        // Intermittent trouble without a critical cue (the cue was "pages fail to show").
        if !out.iter().any(|o| o.adopted.priority() <= Priority::High) {
            let hint = self.asserted(ph::STORE_DOWN_HINT).next();
            let intermittent = self.asserted(ph::INTERMITTENT).next();
            if let (Some(hint), Some(int)) = (hint, intermittent) {
                let mut f = self.finding(Signal::IntermittentOutage, Confidence::Strong, hint);
                f.evidence.extend(self.evidence(int));
                out.push(Outcome::plain(f));
            }
        }
        out
    }

    fn cue(&self, set: SetId, signal: Signal, confidence: Confidence) -> Option<Cue> {
        self.asserted(set).next().map(|hit| Cue {
            signal,
            confidence,
            hit: *hit,
        })
    }

    fn critical_cues(&self) -> Vec<Cue> {
        let mut cues = Vec::new();
        cues.extend(
            self.cue(ph::STORE_DOWN, Signal::StoreDown, Confidence::Strong)
                .or_else(|| self.cue(ph::STORE_DOWN_HINT, Signal::StoreDown, Confidence::Moderate)),
        );
        let majority = self
            .majority()
            .is_some_and(|q| q.confidence == Confidence::Strong);
        let payment = if majority {
            Confidence::Strong
        } else {
            Confidence::Moderate
        };
        cues.extend(
            self.cue(
                ph::PURCHASE_BLOCKED,
                Signal::PaymentsMajority,
                Confidence::Strong,
            )
            .or_else(|| self.cue(ph::PAYMENT_FAILURE, Signal::PaymentsMajority, payment)),
        );
        cues.extend(self.cue(ph::WRONG_PRICES, Signal::WrongPrices, Confidence::Strong));
        cues.extend(self.cue(ph::LEGAL, Signal::LegalLiability, Confidence::Strong));
        if cues.is_empty() {
            if let Some(hit) = self.fault_in_critical_area() {
                cues.push(Cue {
                    signal: Signal::SevereDisruption,
                    confidence: Confidence::Weak,
                    hit,
                });
            }
        }
        match self.cue(ph::DISRUPTION, Signal::SevereDisruption, Confidence::Strong) {
            Some(cue) => cues.push(cue),
            None if self.asserted(ph::DISRUPTION_HINT).next().is_some() => {
                // The business impact stated: a critical cue that was only a hint is plain.
                for cue in &mut cues {
                    cue.confidence = Confidence::Strong;
                }
            }
            None => {}
        }
        cues
    }

    /// A fault stated in a critical area (same sentence, at most six words apart) that no
    /// phrase graded: the span from the first to the last of the two.
    fn fault_in_critical_area(&self) -> Option<Hit> {
        self.asserted(ph::FAULT).find_map(|fault| {
            self.asserted(ph::FAULT_AREA)
                .find(|area| {
                    self.doc.same_sentence(area.first, fault.first)
                        && area.first.abs_diff(fault.first) <= 6
                })
                .map(|area| Hit {
                    set: ph::FAULT,
                    first: area.first.min(fault.first),
                    end: area.end.max(fault.end),
                })
        })
    }

    fn majority(&self) -> Option<Qual> {
        match self.facts.affected {
            Some(a @ Affected::AllOrMost) => Some(Qual::fact(a.named())),
            Some(Affected::Some) => None,
            None => self.text_qual(ph::MAJORITY, Confidence::Strong),
        }
    }

    fn partial(&self) -> (Option<Qual>, bool) {
        match self.facts.affected {
            Some(a @ Affected::Some) => (Some(Qual::fact(a.named())), false),
            Some(Affected::AllOrMost) => (None, false),
            None => {
                let partial = self.text_qual(ph::PARTIAL, Confidence::Strong);
                let majority = self.text_qual(ph::MAJORITY, Confidence::Strong);
                match (partial, majority) {
                    (Some(mut p), Some(_)) => {
                        p.confidence = Confidence::Moderate;
                        (Some(p), true)
                    }
                    (p, _) => (p, false),
                }
            }
        }
    }

    fn workaround(&self) -> Option<Qual> {
        match self.facts.workaround {
            Some(true) => return Some(Qual::fact(facts::workaround_named(true))),
            Some(false) => return None,
            None => {}
        }
        let wanted: Vec<&Hit> = self.doc.hits_of(ph::WORKAROUND_WANTED).collect();
        // Offered: not asked for ("any workaround?", "Workaround?") and not denied after
        // ("workaround: none").
        let none = [
            self.doc.lex.id("none"),
            self.doc.lex.id("no"),
            self.doc.lex.id("nothing"),
        ];
        let offered = self.own(ph::WORKAROUND).find(|h| {
            !wanted.iter().any(|w| w.first <= h.first && h.first < w.end)
                && !self.doc.asked(h.first)
                && !self.doc.followed_by(h.end, 2, &none)
        });
        if let Some(h) = offered {
            return Some(Qual {
                confidence: Confidence::Strong,
                evidence: self.evidence(h),
                fact: None,
            });
        }
        self.text_qual(ph::WORKAROUND_HINT, Confidence::Moderate)
    }

    fn not_production(&self, cue: &Cue) -> (Option<Qual>, bool) {
        match self.facts.environment {
            Some(Environment::Production) => return (None, false),
            Some(e @ Environment::Staging) => return (Some(Qual::fact(e.named())), false),
            None => {}
        }
        // "we are using the staging site as a workaround": staging is the workaround there,
        // not the store at fault.
        let workaround_sentence = |h: &Hit| {
            self.doc
                .hits_of(ph::WORKAROUND)
                .chain(self.doc.hits_of(ph::WORKAROUND_HINT))
                .any(|w| self.doc.same_sentence(w.first, h.first))
        };
        let Some(hit) = self
            .own(ph::NOT_PRODUCTION)
            .find(|h| !workaround_sentence(h))
        else {
            return (None, false);
        };
        let fine = self.own(ph::PRODUCTION_FINE).next();
        let production = self
            .asserted(ph::PRODUCTION)
            .any(|p| fine.is_none_or(|f| !(f.first <= p.first && p.first < f.end)));
        let near = self
            .doc
            .hits_of(ph::NOT_PRODUCTION)
            .any(|h| self.doc.same_sentence(h.first, cue.hit.first));
        let mut evidence = self.evidence(hit);
        if let Some(f) = fine {
            evidence.extend(self.evidence(f));
        }
        let confidence = if production {
            Confidence::Weak
        } else if near || fine.is_some() {
            Confidence::Strong
        } else {
            Confidence::Moderate
        };
        (
            Some(Qual {
                confidence,
                evidence,
                fact: None,
            }),
            production,
        )
    }

    /// Grades one critical cue with the qualifiers, in the documented order.
    fn grade(&self, cue: Cue) -> Outcome {
        let outage = matches!(cue.signal, Signal::StoreDown | Signal::PaymentsMajority);
        let lowered_outage = match cue.signal {
            Signal::StoreDown => Signal::IntermittentOutage,
            _ => Signal::PaymentErrorsSome,
        };
        // A counted recurrence ("twice", "third time") is intermittent only unsurely.
        let intermittent = self
            .text_qual(ph::INTERMITTENT, Confidence::Strong)
            .or_else(|| self.text_qual(ph::RECURRING, Confidence::Moderate));
        let mut conflict = false;
        let mut downgrades: Vec<(Signal, Qual)> = Vec::new();
        let (np, np_conflict) = self.not_production(&cue);
        conflict |= np_conflict;
        if let Some(q) = np {
            downgrades.push((Signal::NotProduction, q));
        }
        if outage {
            // Over only when told after (or with) the customer's last mention of the outage:
            // "thanks for the quick fix yesterday! it's down again now" is down.
            let last = [
                ph::STORE_DOWN,
                ph::STORE_DOWN_HINT,
                ph::PURCHASE_BLOCKED,
                ph::PAYMENT_FAILURE,
            ]
            .into_iter()
            .flat_map(|set| self.own(set))
            .map(|h| h.first)
            .max()
            .unwrap_or(cue.hit.first);
            let recovered = self
                .own(ph::RECOVERED)
                .find(|h| h.first >= last || self.doc.same_sentence(h.first, last))
                .map(|h| Qual {
                    confidence: Confidence::Strong,
                    evidence: self.evidence(h),
                    fact: None,
                });
            if let Some(q) = recovered {
                let signal = if intermittent.is_some() {
                    Signal::IntermittentOutage
                } else {
                    Signal::Recovered
                };
                downgrades.push((signal, q));
            }
            if let Some(q) = intermittent.clone() {
                downgrades.push((lowered_outage, q));
            }
            let (partial, partial_conflict) = self.partial();
            conflict |= partial_conflict;
            if let Some(q) = partial {
                downgrades.push((lowered_outage, q));
            }
        }
        if let Some(q) = self.workaround() {
            downgrades.push((Signal::CriticalWithWorkaround, q));
        }

        let critical = Finding {
            signal: cue.signal,
            confidence: cue.confidence,
            evidence: self.evidence(&cue.hit),
            facts: self
                .majority()
                .and_then(|q| q.fact)
                .filter(|_| cue.signal == Signal::PaymentsMajority)
                .into_iter()
                .collect(),
        };
        let lowered = |(signal, q): &(Signal, Qual)| {
            let mut evidence = q.evidence.clone();
            evidence.extend(critical.evidence.iter().cloned());
            Finding {
                signal: *signal,
                confidence: q.confidence,
                evidence,
                facts: q.fact.into_iter().collect(),
            }
        };
        if let Some(strong) = downgrades
            .iter()
            .find(|(_, q)| q.confidence == Confidence::Strong)
        {
            let mut alternatives = vec![critical.clone()];
            alternatives.extend(
                downgrades
                    .iter()
                    .filter(|d| !std::ptr::eq(*d, strong))
                    .map(lowered),
            );
            return Outcome {
                adopted: lowered(strong),
                alternatives,
                reasons: if conflict {
                    vec![TriageReason::ConflictingSignals]
                } else {
                    Vec::new()
                },
            };
        }
        let mut reasons = Vec::new();
        if !downgrades.is_empty() || critical.confidence != Confidence::Strong {
            reasons.push(TriageReason::UnsurePriority);
        }
        if conflict || self.asserted(ph::NO_URGENCY).next().is_some() {
            reasons.push(TriageReason::ConflictingSignals);
        }
        Outcome {
            alternatives: downgrades.iter().map(lowered).collect(),
            adopted: critical,
            reasons,
        }
    }
}

/// One graded reading and what it displaced.
struct Outcome {
    adopted: Finding,
    alternatives: Vec<Finding>,
    reasons: Vec<TriageReason>,
}

impl Outcome {
    fn plain(adopted: Finding) -> Outcome {
        Outcome {
            adopted,
            alternatives: Vec::new(),
            reasons: Vec::new(),
        }
    }

    fn findings(self) -> impl Iterator<Item = Finding> {
        std::iter::once(self.adopted).chain(self.alternatives)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<Priority> {
        suggest(text, "").map(|s| s.priority)
    }

    #[test]
    fn words_match_whole() {
        assert_eq!(p("The store is downtown"), None);
        assert_eq!(p("Our store is down"), Some(Priority::Critical));
    }

    #[test]
    fn evidence_quotes_the_original_text() {
        let subject = "ÆØÅ Shop";
        let description = "Hi, the WEBSITE is completely down - I checked on several devices";
        let r = read(subject, description, &Facts::default());
        let f = r.adopted.expect("a reading");
        assert_eq!(f.signal, Signal::StoreDown);
        assert_eq!(f.confidence, Confidence::Strong);
        let e = &f.evidence[0];
        assert!(e.quotes(subject, description), "{e:?}");
        assert_eq!(e.text, "WEBSITE is completely down");
    }

    #[test]
    fn sentences_and_questions_are_found() {
        let lex = lexicon();
        let doc = Doc::read(
            lex,
            &GRAMMAR,
            "Prices",
            "It costs $0.00 now. Is the price wrong?",
        );
        let wrong = doc.hits_of(ph::WRONG_PRICES).next().expect("a price hit");
        assert_eq!(&doc.description[text::span(&doc, wrong)], "price wrong");
        assert_eq!(doc.mood(wrong.first), Mood::Polar);
        // "$0.00" is one sentence: the dot between digits ends nothing.
        assert_eq!(doc.toks[2].sentence, doc.toks[4].sentence);
    }

    fn adopted(subject: &str, description: &str) -> (Option<Signal>, Vec<TriageReason>) {
        let r = read(subject, description, &Facts::default());
        (r.adopted.map(|f| f.signal), r.reasons)
    }

    #[test]
    fn a_quoted_reply_never_lowers_a_critical_cue() {
        let mail = "The site is down AGAIN!!\n\nOn Mon, StoreConnect Support wrote:\n\
                    > We've applied a fix and the store is back online now.";
        assert_eq!(
            adopted("Re: case 4411", mail),
            (Some(Signal::StoreDown), vec![])
        );
        // The same words in the customer's own text do lower it.
        let own = "The site was down this morning. We've applied a fix and the store is back \
                   online now.";
        assert_eq!(adopted("", own).0, Some(Signal::Recovered));
    }

    #[test]
    fn citing_the_policy_reports_nothing() {
        let cited = "Your SLA says 'Store is completely unavailable or down' is critical.";
        assert_eq!(adopted("", cited).0, None);
        // An error page the customer quotes is still a report.
        let page = "The website says 'Service unavailable' to every visitor.";
        assert_eq!(adopted("", page).0, Some(Signal::StoreDown));
    }

    #[test]
    fn critical_wordings_a_second_engineer_found() {
        for (text, signal) in [
            (
                "All the prices on the site went to zero after the import",
                Signal::WrongPrices,
            ),
            (
                "It shows $29 on the site but it's $299 in Salesforce.",
                Signal::WrongPrices,
            ),
            (
                "The terms checkbox is gone. Our lawyer says we must have it.",
                Signal::LegalLiability,
            ),
            (
                "The warehouse can't pick or ship anything.",
                Signal::SevereDisruption,
            ),
            (
                "our web shop is not open since this morning",
                Signal::StoreDown,
            ),
        ] {
            assert_eq!(adopted("", text).0, Some(signal), "{text}");
        }
    }

    #[test]
    fn a_counted_recurrence_is_flagged_unless_told_as_over() {
        let again = "The store is down, third time this week!";
        assert_eq!(
            adopted("", again),
            (Some(Signal::StoreDown), vec![TriageReason::UnsurePriority])
        );
        let over = "The site went down twice this morning, it's back now.";
        assert_eq!(
            adopted("", over),
            (Some(Signal::IntermittentOutage), vec![])
        );
    }

    #[test]
    fn a_workaround_asked_for_or_denied_lowers_nothing() {
        assert_eq!(
            adopted("Urgent", "Store down. Workaround? None."),
            (Some(Signal::StoreDown), vec![])
        );
        assert_eq!(
            adopted("", "Store down. Workaround: none."),
            (Some(Signal::StoreDown), vec![])
        );
        let offered = "The store is down; as a workaround we take orders by phone.";
        assert_eq!(adopted("", offered).0, Some(Signal::CriticalWithWorkaround));
    }

    #[test]
    fn staging_used_as_a_workaround_is_not_the_store_at_fault() {
        let text = "The site is down, we are using the staging site url as a workaround for now";
        assert_eq!(adopted("", text).0, Some(Signal::CriticalWithWorkaround));
        assert_eq!(
            adopted("", "Our staging site is down").0,
            Some(Signal::NotProduction)
        );
    }

    #[test]
    fn a_fix_thanked_for_before_the_outage_is_back_is_not_over() {
        let again = "Thanks for the quick fix yesterday! Unfortunately it's down again now.";
        let (signal, reasons) = adopted("Re: outage", again);
        assert_eq!(signal, Some(Signal::StoreDown));
        assert_eq!(reasons, vec![TriageReason::UnsurePriority]);
    }

    #[test]
    fn terse_outages_are_critical() {
        for text in [
            "Site's down",
            "cant place orders!!!",
            "We are not able to take any orders",
            "homepage gives a 404",
            "The site is showing your maintenance page since 8am",
            "nobody got through checkout in the last 2 hours",
            "A customer received someone else's invoice with their address",
            "Members see the normal retail price instead of their member price",
            "no one has been able to buy anything since lunch",
            "Prices are showing in USD instead of AUD",
            "GST is being added twice at checkout on every order",
            "Confirmation emails are going to the wrong customers",
            "We found full card numbers in the order notes",
            "Add to cart button does nothing on all products",
            "I was charged $450 for a $45 item",
        ] {
            let r = read("", text, &Facts::default());
            assert_eq!(
                r.adopted.map(|f| f.priority()),
                Some(Priority::Critical),
                "{text}"
            );
        }
    }

    #[test]
    fn every_phrase_is_well_formed() {
        for set in ph::SETS {
            for pattern in *set {
                assert!(!pattern.contains("  "), "double space in {pattern:?}");
                assert!(!pattern.is_empty());
                assert!(
                    !pattern.starts_with('?'),
                    "a phrase must start with a word: {pattern:?}"
                );
            }
        }
    }
}
