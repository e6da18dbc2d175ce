//! Words, clauses and phrase matches of a ticket, with byte offsets into the original text.
//!
//! # Tokens
//! Subject and description are split into words at every character that is not a letter or
//! digit (`can't` is `can t`, `work-around` is `work around`), lower-cased. A word is looked
//! up once in the lexicon (every word any phrase uses, plus the grammar words); words no
//! phrase uses get id 0, numbers the id of `#`.
//!
//! # Sentences and clauses
//! `.`, `!`, `?`, `;` and a new line end a sentence (a `.` directly followed by a letter or
//! digit does not: `0.00`, `shop.example.com`); a comma or colon also ends a clause. The
//! subject is its own sentence. A phrase matches whole, consecutive words inside one
//! sentence. A clause is a *question* when it ends with `?` or starts with an auxiliary verb
//! followed by a subject (`is the`, `are our`, `will the`), so a question without its `?`
//! still counts; it is *polar* (yes/no: "is the price wrong?") unless it starts with a
//! question word (`why`, `how`...), which presupposes what it asks about ("why are the
//! prices wrong?" reports wrong prices).
//!
//! # Quoted history
//! Words on a line that starts with `>`, or after a reply or forward header ("-----Original
//! Message-----", "On ... wrote:", a "From:" line), are marked quoted: the reader does not
//! lower a critical cue on what the quoted history says.
//!
//! # Phrase language
//! Slots separated by spaces; `a|b` alternatives; a leading `?` makes a slot optional; `#`
//! is any number; `_` any one word. Every phrase is compiled once; a single pass over the
//! words tries only the phrases whose first slot can match the word at hand.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tierline_core::{Evidence, TextField};

/// A phrase set's index in [`super::phrases::SETS`].
pub(crate) type SetId = usize;

/// One word of the ticket.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Lexicon id (0: a word no phrase uses).
    pub id: u16,
    /// All digits (matches `#`).
    pub number: bool,
    /// Subject (false) or description (true).
    pub in_description: bool,
    /// Byte range in the original field.
    pub start: u32,
    pub end: u32,
    /// Clause and sentence indexes (sentences never span fields).
    pub clause: u16,
    pub sentence: u16,
    /// Quoted history: on a `>` line, or after a reply or forward header.
    pub quoted: bool,
}

/// What kind of clause a word is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mood {
    /// A statement (or a request).
    Statement,
    /// A yes/no question: it asks whether, it does not report.
    Polar,
    /// A question-word question: it presupposes what it asks about.
    Wh,
}

/// A match of a phrase set: tokens `first..end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub set: SetId,
    pub first: usize,
    pub end: usize,
}

/// FNV-1a: the lexicon's keys are short words, and SipHash would be a third of the budget.
#[derive(Default)]
pub(crate) struct Fnv(u64);

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

#[derive(Debug, Clone)]
enum Alt {
    Word(u16),
    Number,
    Any,
}

#[derive(Debug, Clone)]
struct Slot {
    optional: bool,
    alts: Vec<Alt>,
}

impl Slot {
    fn accepts(&self, tok: &Tok) -> bool {
        self.alts.iter().any(|a| match a {
            Alt::Word(w) => *w == tok.id,
            Alt::Number => tok.number,
            Alt::Any => true,
        })
    }
}

#[derive(Debug)]
struct Phrase {
    set: SetId,
    slots: Vec<Slot>,
}

/// The compiled phrase sets.
#[derive(Debug)]
pub(crate) struct Lexicon {
    words: HashMap<&'static str, u16, BuildHasherDefault<Fnv>>,
    phrases: Vec<Phrase>,
    /// Phrases (indexes) that can start at a word, by word id.
    starts: Vec<Vec<u32>>,
    /// Phrases whose first slot can be any word or skipped entirely (tried everywhere).
    anywhere: Vec<u32>,
    number: u16,
}

impl Lexicon {
    pub(crate) fn build(sets: &[&[&'static str]], grammar: &[&'static str]) -> Lexicon {
        let mut words: HashMap<&'static str, u16, BuildHasherDefault<Fnv>> = HashMap::default();
        let intern = |w: &'static str, words: &mut HashMap<_, u16, _>| -> u16 {
            let next = u16::try_from(words.len() + 1).unwrap_or(u16::MAX);
            *words.entry(w).or_insert(next)
        };
        let number = intern("#", &mut words);
        for w in grammar {
            intern(w, &mut words);
        }
        let mut phrases = Vec::new();
        for (set, patterns) in sets.iter().enumerate() {
            for pattern in *patterns {
                let slots = pattern
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(|slot| {
                        let (optional, alts) = match slot.strip_prefix('?') {
                            Some(rest) => (true, rest),
                            None => (false, slot),
                        };
                        let alts = alts
                            .split('|')
                            .map(|a| match a {
                                "#" => Alt::Number,
                                "_" => Alt::Any,
                                w => Alt::Word(intern(w, &mut words)),
                            })
                            .collect();
                        Slot { optional, alts }
                    })
                    .collect();
                phrases.push(Phrase { set, slots });
            }
        }
        let mut starts = vec![Vec::new(); words.len() + 1];
        let mut anywhere = Vec::new();
        for (i, phrase) in phrases.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let mut everywhere = false;
            let mut first: Vec<u16> = Vec::new();
            for slot in &phrase.slots {
                for alt in &slot.alts {
                    match alt {
                        Alt::Word(w) => first.push(*w),
                        Alt::Number => first.push(number),
                        Alt::Any => everywhere = true,
                    }
                }
                if !slot.optional {
                    break;
                }
            }
            if everywhere {
                anywhere.push(i);
            } else {
                first.sort_unstable();
                first.dedup();
                for w in first {
                    starts[usize::from(w)].push(i);
                }
            }
        }
        Lexicon {
            words,
            phrases,
            starts,
            anywhere,
            number,
        }
    }

    /// The id of a grammar word (0 if it is not in the lexicon).
    pub(crate) fn id(&self, word: &str) -> u16 {
        self.words.get(word).copied().unwrap_or(0)
    }
}

/// A tokenised ticket and every phrase match in it.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub subject: &'a str,
    pub description: &'a str,
    pub toks: Vec<Tok>,
    /// Per clause: its mood.
    pub moods: Vec<Mood>,
    /// Every phrase match, in word order.
    pub hits: Vec<Hit>,
    /// Per clause: whether it ends with `?`.
    asks: Vec<bool>,
    pub lex: &'static Lexicon,
}

/// Grammar word lists the clause analysis needs (ids resolved once per doc).
pub(crate) struct Grammar {
    pub auxiliaries: &'static [&'static str],
    pub subjects: &'static [&'static str],
    pub question_words: &'static [&'static str],
    pub openers: &'static [&'static str],
}

impl<'a> Doc<'a> {
    /// Reads `subject` and `description`.
    pub(crate) fn read(
        lex: &'static Lexicon,
        grammar: &Grammar,
        subject: &'a str,
        description: &'a str,
    ) -> Doc<'a> {
        let mut doc = Doc {
            subject,
            description,
            toks: Vec::with_capacity((subject.len() + description.len()) / 5 + 4),
            moods: Vec::new(),
            hits: Vec::new(),
            asks: Vec::new(),
            lex,
        };
        let mut clause_ends_question: Vec<bool> = Vec::new();
        let mut clause: u16 = 0;
        let mut sentence: u16 = 0;
        for (in_description, text) in [(false, subject), (true, description)] {
            tokenize(
                lex,
                text,
                in_description,
                &mut doc.toks,
                &mut clause,
                &mut sentence,
                &mut clause_ends_question,
            );
            // A field always ends a sentence.
            clause_ends_question.push(false);
            clause = clause.saturating_add(1);
            sentence = sentence.saturating_add(1);
        }
        doc.moods = moods(lex, grammar, &doc.toks, &clause_ends_question);
        doc.hits = match_all(lex, &doc.toks);
        doc.asks = clause_ends_question;
        doc
    }

    /// Whether the clause of token `tok` ends with `?` ("Workaround?").
    pub(crate) fn asked(&self, tok: usize) -> bool {
        self.toks
            .get(tok)
            .and_then(|t| self.asks.get(usize::from(t.clause)))
            .copied()
            .unwrap_or(false)
    }

    /// Whether one of `words` follows token `end - 1` within `window` words, in its sentence
    /// ("workaround: none").
    pub(crate) fn followed_by(&self, end: usize, window: usize, words: &[u16]) -> bool {
        (end..end + window).any(|i| {
            self.toks.get(i).is_some_and(|t| words.contains(&t.id))
                && self.same_sentence(end.saturating_sub(1), i)
        })
    }

    /// The evidence for tokens `first..end`.
    pub(crate) fn evidence(&self, first: usize, end: usize) -> Option<Evidence> {
        let a = self.toks.get(first)?;
        let b = self.toks.get(end.checked_sub(1)?)?;
        let (field, source) = if a.in_description {
            (TextField::Description, self.description)
        } else {
            (TextField::Subject, self.subject)
        };
        Evidence::from_byte_range(field, source, a.start as usize..b.end as usize)
    }

    /// The hits of one set.
    pub(crate) fn hits_of(&self, set: SetId) -> impl Iterator<Item = &Hit> + '_ {
        self.hits.iter().filter(move |h| h.set == set)
    }

    /// The mood of the clause a token is in.
    pub(crate) fn mood(&self, tok: usize) -> Mood {
        self.toks
            .get(tok)
            .and_then(|t| self.moods.get(usize::from(t.clause)))
            .copied()
            .unwrap_or(Mood::Statement)
    }

    /// Whether any of `words` occurs in the `window` words before token `first`, inside
    /// its clause.
    pub(crate) fn preceded_by(&self, first: usize, window: usize, words: &[u16]) -> bool {
        let Some(at) = self.toks.get(first) else {
            return false;
        };
        self.toks[first.saturating_sub(window)..first]
            .iter()
            .filter(|t| t.clause == at.clause)
            .any(|t| words.contains(&t.id))
    }

    /// Whether two tokens are in the same sentence.
    /// Whether token `tok` is quoted history.
    pub(crate) fn quoted(&self, tok: usize) -> bool {
        self.toks.get(tok).is_some_and(|t| t.quoted)
    }

    pub(crate) fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence && x.in_description == y.in_description,
            _ => false,
        }
    }
}

fn tokenize(
    lex: &Lexicon,
    text: &str,
    in_description: bool,
    toks: &mut Vec<Tok>,
    clause: &mut u16,
    sentence: &mut u16,
    clause_ends_question: &mut Vec<bool>,
) {
    let mut word = String::with_capacity(24);
    let mut start = 0usize;
    let mut digits = true;
    let mut clause_has_words = false;
    let bytes = text.as_bytes();
    let first_tok = toks.len();
    let quote_from = quote_start(text);
    let mut push_word = |word: &mut String, start: usize, end: usize, digits: bool| {
        let quoted = quote_from.is_some_and(|q| start >= q) || on_quoted_line(text, start);
        let id = lex.words.get(word.as_str()).copied().unwrap_or(0);
        toks.push(Tok {
            id,
            number: digits,
            in_description,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
            clause: 0,
            sentence: 0,
            quoted,
        });
        word.clear();
    };
    let mut tok_clause: Vec<(u16, u16)> = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if word.is_empty() {
                start = i;
                digits = true;
            }
            digits &= c.is_ascii_digit();
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
            continue;
        }
        if !word.is_empty() {
            push_word(&mut word, start, i, digits);
            tok_clause.push((*clause, *sentence));
            clause_has_words = true;
        }
        let next_is_word = bytes
            .get(i + c.len_utf8())
            .is_some_and(|b| b.is_ascii_alphanumeric());
        let (ends_clause, ends_sentence, question) = match c {
            '?' => (true, true, true),
            '!' | ';' | '\n' => (true, true, false),
            '.' if !next_is_word => (true, true, false),
            ',' | ':' | '(' | ')' => (true, false, false),
            '-' if !next_is_word => (true, false, false),
            _ => (false, false, false),
        };
        if ends_clause && clause_has_words {
            clause_ends_question.push(question);
            *clause = clause.saturating_add(1);
            clause_has_words = false;
        } else if question {
            if let Some(last) = clause_ends_question.last_mut() {
                *last = true;
            }
        }
        if ends_sentence {
            *sentence = sentence.saturating_add(1);
        }
    }
    if !word.is_empty() {
        push_word(&mut word, start, text.len(), digits);
        tok_clause.push((*clause, *sentence));
        clause_has_words = true;
    }
    if clause_has_words {
        clause_ends_question.push(false);
        *clause = clause.saturating_add(1);
    }
    for (tok, (c, s)) in toks[first_tok..].iter_mut().zip(tok_clause) {
        tok.clause = c;
        tok.sentence = s;
    }
}

/// Where quoted history starts: the first reply or forward header ("-----Original
/// Message-----", "Forwarded message", a line "On ... wrote:", or a "From:" line after the
/// first line).
fn quote_start(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim().to_ascii_lowercase();
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

/// Whether the line holding byte `at` starts with `>`.
fn on_quoted_line(text: &str, at: usize) -> bool {
    let line_start = text
        .get(..at)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |n| n + 1);
    text.get(line_start..at)
        .is_some_and(|l| l.trim_start().starts_with('>'))
}

fn moods(lex: &Lexicon, grammar: &Grammar, toks: &[Tok], ends_question: &[bool]) -> Vec<Mood> {
    let ids = |words: &[&str]| -> Vec<u16> { words.iter().map(|w| lex.id(w)).collect() };
    let aux = ids(grammar.auxiliaries);
    let subj = ids(grammar.subjects);
    let wh = ids(grammar.question_words);
    let openers = ids(grammar.openers);
    let mut out = vec![Mood::Statement; ends_question.len()];
    let mut i = 0;
    while i < toks.len() {
        let clause = toks[i].clause;
        let mut j = i;
        while j < toks.len() && toks[j].clause == clause {
            j += 1;
        }
        let mut words = toks[i..j]
            .iter()
            .map(|t| t.id)
            .skip_while(|id| openers.contains(id));
        let first = words.next().unwrap_or(0);
        let second = words.next().unwrap_or(0);
        let question = ends_question.get(usize::from(clause)).copied() == Some(true);
        let mood = if first != 0 && wh.contains(&first) && (question || aux.contains(&second)) {
            Mood::Wh
        } else if first != 0 && aux.contains(&first) && (question || subj.contains(&second)) {
            Mood::Polar
        } else {
            Mood::Statement
        };
        if let Some(m) = out.get_mut(usize::from(clause)) {
            *m = mood;
        }
        i = j;
    }
    out
}

fn match_all(lex: &Lexicon, toks: &[Tok]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for start in 0..toks.len() {
        let tok = toks[start];
        let slice = |id: u16| {
            if id == 0 {
                &[][..]
            } else {
                lex.starts
                    .get(usize::from(id))
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
            }
        };
        let numbers = if tok.number {
            slice(lex.number)
        } else {
            &[][..]
        };
        for &p in slice(tok.id)
            .iter()
            .chain(numbers)
            .chain(lex.anywhere.iter())
        {
            let Some(phrase) = lex.phrases.get(p as usize) else {
                continue;
            };
            if let Some(end) = match_at(toks, start, toks[start].sentence, &phrase.slots) {
                if end > start {
                    hits.push(Hit {
                        set: phrase.set,
                        first: start,
                        end,
                    });
                }
            }
        }
    }
    hits
}

/// Matches `slots` at `start` inside `sentence`; the index after the match.
fn match_at(toks: &[Tok], start: usize, sentence: u16, slots: &[Slot]) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some(start);
    };
    if let Some(tok) = toks.get(start) {
        if tok.sentence == sentence && slot.accepts(tok) {
            if let Some(end) = match_at(toks, start + 1, sentence, rest) {
                return Some(end);
            }
        }
    }
    if slot.optional {
        return match_at(toks, start, sentence, rest);
    }
    None
}

/// The byte range of a hit's evidence (for tests).
#[cfg(test)]
pub(crate) fn span(doc: &Doc<'_>, hit: &Hit) -> std::ops::Range<usize> {
    let a = doc.toks[hit.first];
    let b = doc.toks[hit.end - 1];
    a.start as usize..b.end as usize
}
