//! Reading a ticket's text into boundary findings, each with a [`Confidence`] and the spans
//! of text it rests on.
//!
//! # Technique
//! A small rule-based reader, no model. Subject and description are split into sentences
//! (at `.`, `!`, `?`, `;` and line breaks; not at a dot between two letters or digits, as in
//! `functions.php` or `8.3`) and words (runs of letters and digits, ASCII
//! lower-cased in place so byte offsets stay those of the original text). One pass looks
//! every word up in a dictionary of the phrases of [`crate::scope::LEXICON`] (keyed by a
//! phrase's first word) and records a hit per cue. Each sentence gets its set of cues, and:
//! - **who acts**: a request to Connex ("can you", "please", "for us", "remote access"), or
//!   the customer as the one who did it ("already", "I have", "we reinstalled", "as your
//!   article said");
//! - **question**: ends with `?` or opens like one ("how", "do I", "which") without a
//!   request, or asks for information ("could you tell me how", "send me the link", "let me
//!   know which"): the customer asks how, which Tier 1 answers;
//! - **over**: a ticket that says a fault is over ("that's fixed", "works now") never routes a
//!   crash to Intuit on its text alone (at most Moderate);
//! - **negation**: "not", "never", "didn't"... within three words before the action;
//! - **proximity**: a boundary's cues must fall within [`WINDOW`] words of each other;
//! - **quoted history**: sentences on `>` lines or after a reply or forward header ("-----Original
//!   Message-----", "On ... wrote:", "From:") count only when the customer's own words name
//!   no such boundary, and then at most Moderate (the quote may be the agent's own reply);
//! - **Connex's own things elsewhere**: a boundary that Connex's app, settings, guides or
//!   mapping rule out in its sentence is at most Moderate when one of them is named in another
//!   sentence ("Can you update the plugin? I mean your Connex plugin");
//! - **several issues**: a ticket that announces more than one ("two things", "another
//!   issue", "btw") is never answered out of scope on its text alone (at most Moderate);
//! - **subject of a fault**: a crash belongs to the nearest program named before it that is
//!   not the object of a preposition ("the sync *to QuickBooks* stopped working" is the
//!   sync's fault, "QuickBooks keeps shutting down" is QuickBooks').
//!
//! How these make a finding Strong, Moderate or Weak is written on [`read`]; what is adopted
//! is decided in [`crate::triage`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use tierline_core::triage::{Confidence, Evidence, TextField};
use tierline_core::RuleId;

use crate::scope::{BoundaryDef, Cue, Kind, BOUNDARIES, LEXICON};

/// How many words apart the cues of one boundary may be.
pub const WINDOW: usize = 8;

/// A dictionary entry: the rest of a phrase after its first word, and its cue.
struct Entry {
    rest: Vec<&'static str>,
    cue: Cue,
}

/// FNV-1a: the dictionary's keys are short words, for which SipHash's setup dominates.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Dictionary = HashMap<&'static str, Vec<Entry>, BuildHasherDefault<Fnv>>;

static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    let mut map = Dictionary::default();
    for (cue, phrases) in LEXICON {
        for phrase in *phrases {
            let mut words = phrase.split(' ');
            if let Some(first) = words.next() {
                map.entry(first).or_default().push(Entry {
                    rest: words.collect(),
                    cue: *cue,
                });
            }
        }
    }
    map
});

/// Words that negate the action after them.
const NEGATORS: &[&str] = &[
    "not", "never", "no", "without", "didn", "don", "doesn", "isn", "wasn", "aren", "weren",
    "haven", "hasn", "dont", "didnt", "doesnt", "isnt", "wasnt", "nothing",
];
/// Words that open a question.
const QUESTION_OPENERS: &[&str] = &[
    "how", "what", "which", "where", "when", "why", "do", "does", "did", "should", "is", "are",
    "can", "could", "may", "will", "would", "whats", "any",
];
/// Prepositions that make the program after them an object, not the subject of a fault.
const PREPOSITIONS: &[&str] = &["to", "into", "in", "from", "with", "on", "for", "at", "of"];
/// Words skipped between a preposition and its object.
const DETERMINERS: &[&str] = &["the", "my", "our", "a", "an", "your", "their", "this"];
/// Subject pronouns for "we reinstalled".
const PRONOUNS: &[&str] = &["i", "we", "they", "it"];
/// Words ending in "ed" that are not past tense.
const NOT_PAST: &[&str] = &["need", "feed", "speed", "seed", "proceed", "exceed"];

/// One word of the ticket.
#[derive(Debug, Clone, Copy)]
struct Token {
    field: TextField,
    start: usize,
    end: usize,
}

/// One phrase found: its cue and its words `first..end`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    cue: Cue,
    first: usize,
    end: usize,
}

/// One sentence: its words, its hits and its cue set.
#[derive(Debug, Clone)]
struct Sentence {
    tokens: std::ops::Range<usize>,
    hits: std::ops::Range<usize>,
    cues: u64,
    question: bool,
    done: bool,
    /// Quoted history: a `>` line, or after a reply or forward header.
    quoted: bool,
}

/// A ticket's text, split and looked up.
pub struct Text<'a> {
    subject: &'a str,
    description: &'a str,
    lower: [String; 2],
    tokens: Vec<Token>,
    hits: Vec<Hit>,
    sentences: Vec<Sentence>,
    cues: u64,
}

impl<'a> Text<'a> {
    /// Splits and looks up `subject` and `description`.
    pub fn new(subject: &'a str, description: &'a str) -> Self {
        let mut text = Text {
            subject,
            description,
            lower: [
                subject.to_ascii_lowercase(),
                description.to_ascii_lowercase(),
            ],
            tokens: Vec::new(),
            hits: Vec::new(),
            sentences: Vec::new(),
            cues: 0,
        };
        text.split(TextField::Subject);
        text.split(TextField::Description);
        for i in 0..text.sentences.len() {
            text.look_up(i);
        }
        text.cues = text.sentences.iter().fold(0, |acc, s| acc | s.cues);
        text
    }

    fn source(&self, field: TextField) -> &str {
        match field {
            TextField::Subject => &self.lower[0],
            TextField::Description => &self.lower[1],
        }
    }

    fn word(&self, token: usize) -> &str {
        let t = self.tokens[token];
        self.source(t.field).get(t.start..t.end).unwrap_or("")
    }

    fn split(&mut self, field: TextField) {
        let source = match field {
            TextField::Subject => &self.lower[0],
            TextField::Description => &self.lower[1],
        };
        // Words as byte ranges, and sentence ends as (words so far, ends with '?'). ASCII
        // bytes are classified directly; other characters are decoded.
        let quote_from = quote_start(source);
        let mut words: Vec<(usize, usize)> = Vec::with_capacity(source.len() / 5 + 1);
        let mut ends: Vec<(usize, bool)> = Vec::with_capacity(source.len() / 40 + 1);
        let mut word_start: Option<usize> = None;
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (is_word, width, c) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1, b as char)
            } else {
                let c = source
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8().max(1), c)
            };
            if is_word {
                word_start.get_or_insert(i);
            } else {
                if let Some(start) = word_start.take() {
                    words.push((start, i));
                }
                // A dot inside a word ("functions.php", "8.3", "e.g") ends no sentence.
                let inner_dot = c == '.'
                    && word_start.is_none()
                    && i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                if !inner_dot && matches!(c, '.' | '!' | '?' | ';' | '\n' | '\r') {
                    ends.push((words.len(), c == '?'));
                }
            }
            i += width;
        }
        if let Some(start) = word_start {
            words.push((start, source.len()));
        }
        ends.push((words.len(), false));
        let base = self.tokens.len();
        let first_sentence = self.sentences.len();
        let mut from = 0;
        for (to, question) in ends {
            if to > from {
                self.tokens
                    .extend(words[from..to].iter().map(|&(start, end)| Token {
                        field,
                        start,
                        end,
                    }));
                self.sentences.push(Sentence {
                    tokens: base + from..base + to,
                    hits: 0..0,
                    cues: 0,
                    question,
                    done: false,
                    quoted: words
                        .get(from)
                        .is_some_and(|&(start, _)| quoted_at(source, start, quote_from)),
                });
                from = to;
            } else if question && self.sentences.len() > first_sentence {
                // "!?": the question mark still makes the sentence before a question.
                if let Some(last) = self.sentences.last_mut() {
                    last.question = true;
                }
            }
        }
    }

    fn look_up(&mut self, index: usize) {
        let range = self.sentences[index].tokens.clone();
        let first_hit = self.hits.len();
        let mut cues = 0u64;
        for i in range.clone() {
            let Some(entries) = DICTIONARY.get(self.word(i)) else {
                continue;
            };
            for entry in entries {
                let end = i + 1 + entry.rest.len();
                if end > range.end {
                    continue;
                }
                let rest_matches = entry
                    .rest
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.word(i + 1 + k) == *w);
                if rest_matches {
                    self.hits.push(Hit {
                        cue: entry.cue,
                        first: i,
                        end,
                    });
                    cues |= entry.cue.bit();
                }
            }
        }
        let question = self.sentences[index].question
            || range
                .clone()
                .next()
                .is_some_and(|t| QUESTION_OPENERS.contains(&self.word(t)));
        let done = cues & Cue::Done.bit() != 0 || self.pronoun_past(range.clone());
        let sentence = &mut self.sentences[index];
        sentence.hits = first_hit..self.hits.len();
        sentence.cues = cues;
        sentence.question = question;
        sentence.done = done;
    }

    /// "we reinstalled", "I just pulled": a subject pronoun, then within two words a verb in
    /// the past tense.
    fn pronoun_past(&self, range: std::ops::Range<usize>) -> bool {
        range.clone().any(|i| {
            PRONOUNS.contains(&self.word(i))
                && (i + 1..(i + 3).min(range.end)).any(|j| {
                    let w = self.word(j);
                    w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w)
                })
        })
    }

    /// Whether a sentence is (part of) the subject line.
    fn in_subject(&self, sentence: &Sentence) -> bool {
        self.tokens
            .get(sentence.tokens.start)
            .is_some_and(|t| t.field == TextField::Subject)
    }

    /// Whether a hit is a verb in the past tense ("reinstalled", "changed").
    fn past_action(&self, hit: &Hit) -> bool {
        hit.end == hit.first + 1 && {
            let w = self.word(hit.first);
            w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w)
        }
    }

    fn hits_of(&self, sentence: &Sentence, cue: Cue) -> impl Iterator<Item = &Hit> + '_ {
        self.hits[sentence.hits.clone()]
            .iter()
            .filter(move |h| h.cue == cue)
    }

    /// Whether some sentence names one of `cues` plainly (not negated, not "outside").
    fn names_elsewhere(&self, cues: u64) -> bool {
        cues != 0
            && self.sentences.iter().any(|s| {
                s.cues & cues != 0
                    && self.hits[s.hits.clone()]
                        .iter()
                        .any(|h| h.cue.bit() & cues != 0 && !self.negated_or_outside(s, h))
            })
    }

    /// Negated, or placed outside ("outside your guides", "beyond the knowledge base").
    fn negated_or_outside(&self, sentence: &Sentence, hit: &Hit) -> bool {
        let from = hit.first.saturating_sub(3).max(sentence.tokens.start);
        self.negated(sentence, hit)
            || (from..hit.first).any(|i| matches!(self.word(i), "outside" | "beyond"))
    }

    fn negated(&self, sentence: &Sentence, hit: &Hit) -> bool {
        let from = hit.first.saturating_sub(3).max(sentence.tokens.start);
        (from..hit.first).any(|i| NEGATORS.contains(&self.word(i)))
    }

    /// The evidence for a hit: the original text of its words.
    fn evidence(&self, hit: &Hit) -> Option<Evidence> {
        let first = self.tokens[hit.first];
        let last = self.tokens[hit.end - 1];
        let source = match first.field {
            TextField::Subject => self.subject,
            TextField::Description => self.description,
        };
        Evidence::from_byte_range(first.field, source, first.start..last.end)
    }

    fn evidence_of(&self, hits: &[Hit]) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = hits.iter().filter_map(|h| self.evidence(h)).collect();
        out.sort_by_key(|e| (e.field == TextField::Description, e.start));
        out.dedup();
        out
    }

    /// Whether the ticket has a cue anywhere.
    pub fn has(&self, cue: Cue) -> bool {
        self.cues & cue.bit() != 0
    }

    /// Whether some sentence asks to hand the ticket to the developers (boundary 13).
    pub fn asks_for_developers(&self) -> bool {
        let both = Cue::Expedite.bit() | Cue::Developers.bit();
        self.sentences.iter().any(|s| s.cues & both == both)
    }
}

/// Where quoted history starts in lower-cased text: the first reply or forward header
/// ("-----original message-----", "forwarded message", a line "on ... wrote:", or a "from:"
/// header line after the first line).
fn quote_start(source: &str) -> Option<usize> {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let t = line.trim();
        let header = t.contains("original message")
            || t.contains("forwarded message")
            || (t.starts_with("on ") && t.ends_with("wrote:"))
            || (at > 0 && t.starts_with("from:"));
        if header {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Whether the byte at `start` is quoted history: at or after `quote_from`, or on a line
/// that starts with `>`.
fn quoted_at(source: &str, start: usize, quote_from: Option<usize>) -> bool {
    if quote_from.is_some_and(|q| start >= q) {
        return true;
    }
    let line_start = source
        .get(..start)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |n| n + 1);
    source
        .get(line_start..start)
        .is_some_and(|l| l.trim_start().starts_with('>'))
}

/// Why a boundary's words do not make it a boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotARequest {
    /// The customer did it already.
    Done,
    /// The customer asks how (a question).
    Question,
    /// The text says it did not happen.
    Negated,
    /// A rule from the guides, or Connex's own app.
    Guide,
}

/// One boundary the text points at.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The boundary.
    pub rule: RuleId,
    /// Its kind.
    pub kind: Kind,
    /// How plainly the text states it.
    pub confidence: Confidence,
    /// The spans it rests on.
    pub evidence: Vec<Evidence>,
    /// When Weak: what the text says instead.
    pub not_a_request: Option<NotARequest>,
}

/// What the text says.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Boundary findings, in [`BOUNDARIES`] order, at most one per boundary (the strongest).
    pub findings: Vec<Finding>,
    /// Where the text blames a recent Connex update.
    pub regression: Vec<Evidence>,
    /// Whether the text asks for the developers.
    pub asks_for_developers: bool,
}

/// Reads the text.
///
/// - **Hands-on** boundaries (2–6, 9, 10, 14, 15): Strong when a sentence has the
///   boundary's cues and a request to Connex and does not tell the action as done
///   ("already", "I have", "reinstalled"); Weak (with the reason) when it is negated, asks for
///   information ("tell me how"), told as done by the customer without a request, a question
///   without a request, or a subject
///   line without a request (it names the topic); Moderate otherwise (a statement, a
///   request for something told as done, or "reinstall QuickBooks" with no sign of
///   Desktop).
/// - **Intuit faults** (11, 12): Strong when a crash word belongs to the Web Connector or to
///   QuickBooks Desktop (named, or QuickBooks with Desktop context and no QuickBooks Online
///   in the ticket) and is not negated; Moderate for vague words ("stopped working"),
///   QuickBooks without Desktop context, or a ticket that says a fault is over.
/// - **Subjects** (1, 7, 8, 16): Strong when named outside a question (compatibility also in
///   a question); boundary 16 needs trouble or a request, else Moderate; Weak for a
///   question about a discontinued integration or a custom rule.
pub fn read(text: &Text<'_>) -> Reading {
    let mut findings = Vec::new();
    let several_issues = text.has(Cue::AnotherIssue);
    for def in BOUNDARIES {
        let best_of = |quoted: bool| {
            text.sentences
                .iter()
                .filter(|s| s.quoted == quoted)
                .filter_map(|s| match def.kind {
                    Kind::HandsOn => hands_on(text, s, def),
                    Kind::IntuitFault => intuit_fault(text, s, def),
                    Kind::Subject => subject(text, s, def),
                })
                .max_by_key(|f| (f.confidence, std::cmp::Reverse(f.evidence.len())))
        };
        // The customer's own words outrank the quoted history; quoted words alone are never
        // plain enough (they may be the agent's earlier reply).
        let best = best_of(false).or_else(|| best_of(true).map(at_most_moderate));
        if let Some(mut f) = best {
            if text.names_elsewhere(def.unless & CONNEX_OWN) {
                // "Can you update the plugin? I mean your Connex plugin": Connex's own thing,
                // named in another sentence, may be what the boundary's words are about.
                f = at_most_moderate(f);
            }
            if several_issues {
                // "Two things: ... also could you reinstall ...": the boundary may answer only
                // one of the issues.
                f = at_most_moderate(f);
            }
            findings.push(f);
        }
    }
    let regression = text
        .hits
        .iter()
        .filter(|h| h.cue == Cue::Regression)
        .filter_map(|h| text.evidence(h))
        .collect();
    Reading {
        findings,
        regression,
        asks_for_developers: text.asks_for_developers(),
    }
}

/// Connex's own things (its app, its settings, its guides, its mapping): named anywhere in the
/// ticket, they make a boundary that they rule out in a sentence unsure in the others.
const CONNEX_OWN: u64 =
    Cue::ConnexApp.bit() | Cue::ConnexSettings.bit() | Cue::Guide.bit() | Cue::Mapping.bit();

fn at_most_moderate(mut f: Finding) -> Finding {
    f.confidence = f.confidence.min(Confidence::Moderate);
    f
}

/// The hits of the first alternative of `def` that is fully present in `sentence` with its
/// cues within [`WINDOW`] words of each other.
fn cluster(text: &Text<'_>, sentence: &Sentence, def: &BoundaryDef) -> Option<Vec<Hit>> {
    // A cue that rules the boundary out counts only when it is not negated ("a rule that is
    // not in your guides" is no guide rule).
    if sentence.cues & def.unless != 0
        && text.hits[sentence.hits.clone()]
            .iter()
            .any(|h| h.cue.bit() & def.unless != 0 && !text.negated_or_outside(sentence, h))
    {
        return None;
    }
    def.alternatives.iter().find_map(|alternative| {
        let mask = alternative.iter().fold(0, |m, c| m | c.bit());
        if sentence.cues & mask != mask {
            return None;
        }
        let (anchor_cue, others) = alternative.split_first()?;
        text.hits_of(sentence, *anchor_cue).find_map(|anchor| {
            let mut hits = vec![*anchor];
            for cue in others {
                let near = text
                    .hits_of(sentence, *cue)
                    .find(|h| h.first.abs_diff(anchor.first) <= WINDOW && !overlaps(h, anchor))?;
                hits.push(*near);
            }
            Some(hits)
        })
    })
}

/// Whether two hits share a word.
fn overlaps(a: &Hit, b: &Hit) -> bool {
    a.first < b.end && b.first < a.end
}

fn finding(
    text: &Text<'_>,
    def: &BoundaryDef,
    confidence: Confidence,
    hits: &[Hit],
    not_a_request: Option<NotARequest>,
) -> Finding {
    Finding {
        rule: def.rule,
        kind: def.kind,
        confidence,
        evidence: text.evidence_of(hits),
        not_a_request,
    }
}

fn hands_on(text: &Text<'_>, s: &Sentence, def: &BoundaryDef) -> Option<Finding> {
    let mut hits = cluster(text, s, def)?;
    let weak = |hits: &[Hit], why| Some(finding(text, def, Confidence::Weak, hits, Some(why)));
    if hits.iter().any(|h| text.negated(s, h)) {
        return weak(&hits, NotARequest::Negated);
    }
    if let Some(info) = text.hits_of(s, Cue::InfoRequest).next() {
        // "Could you tell me how to reinstall the web connector?": the customer asks how.
        hits.push(*info);
        return weak(&hits, NotARequest::Question);
    }
    let request: Option<Hit> = text.hits_of(s, Cue::Request).next().copied();
    let Some(request) = request else {
        if s.done || (!text.has(Cue::Request) && text.sentences.iter().any(|o| o.done)) {
            // "we reinstalled it"; or "Reinstalled QB" in the subject, "I reinstalled..." in
            // the body.
            return weak(&hits, NotARequest::Done);
        }
        if s.question || guidance_only(text) {
            return weak(&hits, NotARequest::Question);
        }
        if text.in_subject(s) {
            // A subject line names the topic ("Plugin update"); the body says who acts.
            return Some(finding(text, def, Confidence::Weak, &hits, None));
        }
        return Some(finding(text, def, Confidence::Moderate, &hits, None));
    };
    hits.push(request);
    // With a request, only the action itself in the past ("I already reinstalled it, can
    // you...") makes it unsure; "it crashed, can you reinstall it" is still a request.
    let did_it = s.cues & Cue::Done.bit() != 0 || hits.iter().any(|h| text.past_action(h));
    let confidence = if did_it {
        Confidence::Moderate
    } else if def.rule == crate::rules::SCOPE_REINSTALL_QUICKBOOKS_DESKTOP && !desktop_context(text)
    {
        // "reinstall QuickBooks" with no sign of Desktop: not plainly boundary 3.
        Confidence::Moderate
    } else {
        Confidence::Strong
    };
    Some(finding(text, def, confidence, &hits, None))
}

/// The ticket asks a question and asks Connex to do nothing.
fn guidance_only(text: &Text<'_>) -> bool {
    !text.has(Cue::Request) && text.sentences.iter().any(|s| s.question)
}

/// QuickBooks here is Desktop: named, the Web Connector, a computer or server, and no
/// QuickBooks Online anywhere in the ticket.
fn desktop_context(text: &Text<'_>) -> bool {
    !text.has(Cue::QbOnline)
        && (text.has(Cue::QbDesktop)
            || text.has(Cue::WebConnector)
            || text.has(Cue::DesktopContext))
}

/// Which program a crash word belongs to: the nearest one named before it (within
/// [`WINDOW`] words) that is not the object of a preposition.
fn fault_subject(text: &Text<'_>, s: &Sentence, crash: &Hit) -> Option<Hit> {
    const NOUNS: [Cue; 6] = [
        Cue::QbOnline,
        Cue::QbDesktop,
        Cue::WebConnector,
        Cue::QbAny,
        Cue::ConnexApp,
        Cue::ConnexSide,
    ];
    let from = crash.first.saturating_sub(WINDOW).max(s.tokens.start);
    for last in (from..crash.first).rev() {
        let ending: Vec<&Hit> = text.hits[s.hits.clone()]
            .iter()
            .filter(|h| h.end == last + 1 && NOUNS.contains(&h.cue))
            .collect();
        // The longest phrase ending here, ranked by NOUNS order on ties.
        let Some(noun) = ending
            .iter()
            .min_by_key(|h| (h.first, NOUNS.iter().position(|c| *c == h.cue)))
        else {
            continue;
        };
        if is_object(text, s, noun) {
            continue;
        }
        return Some(**noun);
    }
    None
}

fn is_object(text: &Text<'_>, s: &Sentence, noun: &Hit) -> bool {
    let mut i = noun.first;
    while i > s.tokens.start {
        i -= 1;
        let w = text.word(i);
        if DETERMINERS.contains(&w) {
            continue;
        }
        return PREPOSITIONS.contains(&w);
    }
    false
}

fn intuit_fault(text: &Text<'_>, s: &Sentence, def: &BoundaryDef) -> Option<Finding> {
    let wants_web_connector = def.rule == crate::rules::SCOPE_WEB_CONNECTOR_CRASHES;
    let mut best: Option<Finding> = None;
    for crash in text.hits[s.hits.clone()]
        .iter()
        .filter(|h| matches!(h.cue, Cue::Crash | Cue::CrashVague))
    {
        let Some(noun) = fault_subject(text, s, crash) else {
            continue;
        };
        let desktop_named = match noun.cue {
            Cue::WebConnector if wants_web_connector => true,
            Cue::QbDesktop if !wants_web_connector => true,
            Cue::QbAny if !wants_web_connector => false,
            _ => continue,
        };
        let hits = [noun, *crash];
        let confidence = if text.negated(s, crash) {
            Confidence::Weak
        } else if crash.cue == Cue::CrashVague || text.has(Cue::Resolved) {
            // Vague, or the ticket says a fault is over ("it froze once, that's fixed").
            Confidence::Moderate
        } else if desktop_named || desktop_context(text) {
            Confidence::Strong
        } else if text.has(Cue::QbOnline) {
            Confidence::Weak
        } else {
            Confidence::Moderate
        };
        let not_a_request = (confidence == Confidence::Weak).then_some(NotARequest::Negated);
        let f = finding(text, def, confidence, &hits, not_a_request);
        if best.as_ref().is_none_or(|b| f.confidence > b.confidence) {
            best = Some(f);
        }
    }
    best
}

fn subject(text: &Text<'_>, s: &Sentence, def: &BoundaryDef) -> Option<Finding> {
    use crate::rules;
    let hits = cluster(text, s, def)?;
    if hits.iter().any(|h| text.negated(s, h)) {
        return Some(finding(
            text,
            def,
            Confidence::Weak,
            &hits,
            Some(NotARequest::Negated),
        ));
    }
    if def.rule == rules::SCOPE_PLUGIN_COMPATIBILITY {
        // A plug-in that is not Connex's own.
        let connex: Vec<&Hit> = text.hits_of(s, Cue::ConnexApp).collect();
        let foreign = text
            .hits_of(s, Cue::PluginAny)
            .any(|p| !connex.iter().any(|c| c.first <= p.first && p.end <= c.end));
        if !foreign {
            return Some(finding(
                text,
                def,
                Confidence::Weak,
                &hits,
                Some(NotARequest::Guide),
            ));
        }
        return Some(finding(text, def, Confidence::Strong, &hits, None));
    }
    let confidence = if s.question && !text.has(Cue::Trouble) {
        return Some(finding(
            text,
            def,
            Confidence::Weak,
            &hits,
            Some(NotARequest::Question),
        ));
    } else if def.rule == rules::SCOPE_CUSTOM_RULES
        && !(text.has(Cue::Trouble) || text.has(Cue::Request))
    {
        Confidence::Moderate
    } else if def.rule == rules::SCOPE_DISCONTINUED_INTEGRATION
        && !hits.iter().any(|h| h.cue == Cue::Discontinued)
    {
        // "discontinued" and "integration" apart: the tense and the subject are unread.
        Confidence::Moderate
    } else {
        Confidence::Strong
    };
    Some(finding(text, def, confidence, &hits, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(text: &'a Text<'a>) -> Vec<&'a str> {
        (0..text.tokens.len()).map(|i| text.word(i)).collect()
    }

    #[test]
    fn words_match_on_boundaries_only() {
        let text = Text::new("Blog", "Our catalog of productsets");
        assert!(!text.has(Cue::RegistryUse));
        assert!(!text.has(Cue::Records));
        let text = Text::new("", "Please re-install the Web-Connector!");
        assert!(text.has(Cue::Reinstall) && text.has(Cue::WebConnector));
        assert_eq!(words(&text)[1..3], ["re", "install"]);
    }

    #[test]
    fn evidence_quotes_the_original_text() {
        let subject = "Ærgerligt: QuickBooks Desktop CRASHED";
        let text = Text::new(subject, "");
        let hit = text
            .hits
            .iter()
            .find(|h| h.cue == Cue::Crash)
            .copied()
            .expect("a crash hit");
        let e = text.evidence(&hit).expect("evidence");
        assert_eq!(e.text, "CRASHED");
        assert!(e.quotes(subject, ""));
    }

    #[test]
    fn sentences_know_questions_and_done() {
        let text = Text::new("", "We reinstalled it. How do I map items? It fails");
        let flags: Vec<(bool, bool)> = text
            .sentences
            .iter()
            .map(|s| (s.question, s.done))
            .collect();
        assert_eq!(flags, [(false, true), (true, false), (false, false)]);
    }

    fn strongest(subject: &str, description: &str) -> Option<Confidence> {
        let text = Text::new(subject, description);
        read(&text).findings.iter().map(|f| f.confidence).max()
    }

    #[test]
    fn the_agents_quoted_request_is_not_the_customers() {
        let mail = "Did what you said, I uninstalled the web connector and reinstalled it. \
                    Order 1001 still fails.\n\n-----Original Message-----\nFrom: Support\n\
                    Hi, please uninstall and reinstall the web connector, then try again.\n";
        assert_eq!(strongest("RE: order 1001", mail), Some(Confidence::Weak));
        let only_quoted = "Any news?\n\nOn Mon, Peter wrote:\n> Can you reinstall the web \
                           connector for us?";
        assert_eq!(strongest("", only_quoted), Some(Confidence::Moderate));
    }

    #[test]
    fn a_ticket_with_two_issues_is_never_plainly_out_of_scope() {
        let one = "Could you reinstall the web connector for us?";
        assert_eq!(strongest("", one), Some(Confidence::Strong));
        let two = "Two things: orders are stuck in your dashboard, and could you reinstall \
                   the web connector for us?";
        assert_eq!(strongest("", two), Some(Confidence::Moderate));
    }

    #[test]
    fn a_dot_inside_a_file_name_ends_no_sentence() {
        let text = Text::new(
            "",
            "Can you edit our theme's functions.php file for us? Thanks.",
        );
        assert_eq!(text.sentences.len(), 2);
        assert_eq!(
            strongest("", "Can you edit our theme's functions.php for us?"),
            Some(Confidence::Strong)
        );
    }

    #[test]
    fn a_rule_not_in_the_guides_is_a_custom_rule() {
        let text = "I wrote my own rule that is not in your guides and it doesn't work.";
        let reading = read(&Text::new("", text));
        assert_eq!(reading.findings.len(), 1);
        assert_eq!(reading.findings[0].rule, crate::rules::SCOPE_CUSTOM_RULES);
        let guided = "I set up a custom rule from your guide and it doesn't work.";
        assert!(read(&Text::new("", guided))
            .findings
            .iter()
            .all(|f| f.confidence == Confidence::Weak));
    }

    #[test]
    fn asking_to_be_told_how_is_not_asking_for_the_work() {
        for text in [
            "Could you tell me how to reinstall the web connector?",
            "Can you send me the link to reinstall the web connector?",
            "Please let me know which settings in QuickBooks I should change.",
        ] {
            assert_eq!(strongest("", text), Some(Confidence::Weak), "{text}");
        }
        let work = "Could you reinstall the web connector for us?";
        assert_eq!(strongest("", work), Some(Confidence::Strong));
    }

    #[test]
    fn a_crash_told_as_over_is_not_plainly_intuits() {
        let over = "The web connector froze once last week, but that's fixed. Now order 555 fails.";
        assert_eq!(strongest("", over), Some(Confidence::Moderate));
        let now = "The web connector freezes every time I press update.";
        assert_eq!(strongest("", now), Some(Confidence::Strong));
    }

    #[test]
    fn connex_own_things_keep_their_boundaries_unsure() {
        let own_setting = "Please turn off the antivirus check in Connex settings.";
        assert!(read(&Text::new("", own_setting)).findings.is_empty());
        let own_plugin = "Can you update the plugin? I mean your Connex plugin on our WooCommerce.";
        assert_eq!(strongest("", own_plugin), Some(Confidence::Moderate));
        let foreign = "Can you update the plugins on our WooCommerce site for us?";
        assert_eq!(strongest("", foreign), Some(Confidence::Strong));
    }

    #[test]
    fn a_freeze_that_then_syncs_fine_is_not_plainly_a_crash() {
        let blip = "The web connector window freezes for a second but then syncs fine.";
        assert_eq!(strongest("", blip), Some(Confidence::Moderate));
    }

    #[test]
    fn discontinued_apart_from_integration_is_unsure() {
        let future = "Saw on a forum that the eBay integration will be discontinued.";
        assert_eq!(strongest("", future), Some(Confidence::Moderate));
    }

    #[test]
    fn a_crash_belongs_to_the_program_that_is_its_subject() {
        let text = Text::new("", "the sync to QuickBooks stopped working");
        assert!(read(&text).findings.is_empty());
        let text = Text::new(
            "",
            "QuickBooks keeps shutting down whenever the Web Connector runs",
        );
        let reading = read(&text);
        assert_eq!(reading.findings.len(), 1);
        assert_eq!(
            reading.findings[0].rule,
            crate::rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES
        );
        assert_eq!(reading.findings[0].confidence, Confidence::Strong);
    }
}
