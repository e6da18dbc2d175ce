//! A ticket's text, tokenised once, with the byte offsets of every word in its field so that
//! every reading can quote its evidence exactly.
//!
//! # Tokens
//! Subject and description are split into words at every character that is not a letter, a
//! digit, or an inner `-` or `'` (so `e-conomic`, `plug-in`, `plugin'et` and `don't` stay one
//! word, and `haster!` is `haster`). Each word keeps its field and byte range in the
//! original text, and a *folded* form: lower case, with `æ`/`ø`/`å` spelled `ae`/`oe`/`aa`
//! (as Danish customers without a Danish keyboard write them) and `é` as `e`; so
//! `overført`, `overfoert` and `OVERFØRT` are one form. Matching is on whole folded words,
//! word prefixes or word suffixes (Danish compounds: `fragtmodul` ends in `modul`), never on
//! raw substrings, so `hastighed` ("speed") is not `haster` and `shopify` is not `shop`.
//!
//! # Sentences
//! A sentence ends at `?`, `!`, a line break, or a `.` followed by white space that does not
//! close a common abbreviation (`fx.`, `nr.`, `vedr.`); `sagsnr.4411` and `f.eks.` do not end
//! one. Each sentence knows whether it asks (`?`). Readings that need words to go together
//! look inside one sentence (or the one before).
//!
//! # Ids and addresses
//! Each word remembers whether a `#` precedes it (`#5531`); the scan notes an e-mail address
//! (a word, `@`, a word, a `.` and a word, without white space).

use std::ops::Range;

use tierline_core::{Evidence, TextField};

/// One word of the ticket.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// The field it is in.
    pub(crate) field: TextField,
    /// Its bytes in that field's original text.
    pub(crate) bytes: Range<usize>,
    /// Its folded form's bytes in [`Text::folded`].
    folded: Range<usize>,
    /// Index of its sentence in [`Text::sentences`].
    pub(crate) sentence: usize,
    /// Whether a `#` comes right before it (`#5531`).
    after_hash: bool,
}

/// One sentence: a run of tokens.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Its tokens, as indices into [`Text::tokens`].
    pub(crate) tokens: Range<usize>,
    /// Whether it ends in (or contains) a question mark.
    pub(crate) asks: bool,
}

/// A ticket's text, tokenised once.
#[derive(Debug, Clone)]
pub(crate) struct Text<'a> {
    subject: &'a str,
    description: &'a str,
    folded: String,
    pub(crate) tokens: Vec<Token>,
    pub(crate) sentences: Vec<Sentence>,
    /// Whether the text gives an e-mail address.
    email: bool,
}

/// Abbreviations (folded, without the dot) after which a `.` does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "fx", "nr", "vedr", "ang", "pr", "kl", "inkl", "ekskl", "bl", "ca", "d", "jf", "mht", "evt",
    "mvh", "eg", "ie", "no", "tlf", "att", "st", "f", "eks", "a",
];

impl<'a> Text<'a> {
    /// Tokenises subject and description.
    pub(crate) fn new(subject: &'a str, description: &'a str) -> Self {
        let mut text = Text {
            subject,
            description,
            folded: String::with_capacity(subject.len() + description.len() + 16),
            tokens: Vec::with_capacity((subject.len() + description.len()) / 5 + 4),
            sentences: Vec::new(),
            email: false,
        };
        text.scan(TextField::Subject, subject);
        text.scan(TextField::Description, description);
        text
    }

    fn close_sentence(&mut self, start: &mut usize, asks: bool) {
        if self.tokens.len() > *start {
            self.sentences.push(Sentence {
                tokens: *start..self.tokens.len(),
                asks,
            });
        } else if asks {
            if let Some(last) = self.sentences.last_mut() {
                last.asks = true;
            }
        }
        *start = self.tokens.len();
    }

    fn scan(&mut self, field: TextField, source: &str) {
        let mut sentence_start = self.tokens.len();
        let mut word: Option<(usize, usize)> = None; // (byte start, folded start)
        let mut at_sign = false;
        let bytes = source.as_bytes();
        let char_at = |i: usize| -> Option<char> {
            match bytes.get(i) {
                Some(&b) if b.is_ascii() => Some(char::from(b)),
                Some(_) => source.get(i..).and_then(|rest| rest.chars().next()),
                None => None,
            }
        };
        let mut i = 0;
        while let Some(c) = char_at(i) {
            let next_at = i + c.len_utf8();
            let alnum = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            let inner = !alnum
                && matches!(c, '-' | '\'' | '’')
                && word.is_some()
                && char_at(next_at).is_some_and(char::is_alphanumeric);
            if alnum || inner {
                if word.is_none() {
                    word = Some((i, self.folded.len()));
                }
                fold_into(&mut self.folded, c);
                i = next_at;
                continue;
            }
            if let Some((start, folded_start)) = word.take() {
                self.tokens.push(Token {
                    field,
                    bytes: start..i,
                    folded: folded_start..self.folded.len(),
                    sentence: self.sentences.len(),
                    after_hash: start > 0 && bytes[start - 1] == b'#',
                });
            }
            // An e-mail address: a word, `@`, a word, and a `.` before a word, with no
            // white space between.
            match c {
                '@' if self
                    .tokens
                    .last()
                    .is_some_and(|t| t.field == field && t.bytes.end == i)
                    && char_at(next_at).is_some_and(char::is_alphanumeric) =>
                {
                    at_sign = true;
                }
                '.' if at_sign && char_at(next_at).is_some_and(char::is_alphanumeric) => {
                    self.email = true;
                }
                c if c.is_whitespace() => at_sign = false,
                _ => {}
            }
            let ends = match c {
                '?' | '!' | '\n' => true,
                '.' => {
                    char_at(next_at).is_none_or(char::is_whitespace)
                        && !self
                            .tokens
                            .last()
                            .filter(|t| t.field == field && t.bytes.end == i)
                            .is_some_and(|t| ABBREVIATIONS.contains(&self.fold(t)))
                }
                _ => false,
            };
            if ends {
                self.close_sentence(&mut sentence_start, c == '?');
            }
            i = next_at;
        }
        if let Some((start, folded_start)) = word.take() {
            self.tokens.push(Token {
                field,
                bytes: start..source.len(),
                folded: folded_start..self.folded.len(),
                sentence: self.sentences.len(),
                after_hash: start > 0 && bytes[start - 1] == b'#',
            });
        }
        self.close_sentence(&mut sentence_start, false);
    }

    /// The folded form of `token`.
    pub(crate) fn fold(&self, token: &Token) -> &str {
        &self.folded[token.folded.clone()]
    }

    /// The folded form of token `i` (empty past the end).
    pub(crate) fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.fold(t))
    }

    /// Token `i` as written in the original text (empty past the end).
    pub(crate) fn original(&self, i: usize) -> &str {
        let Some(t) = self.tokens.get(i) else {
            return "";
        };
        let source = match t.field {
            TextField::Subject => self.subject,
            TextField::Description => self.description,
        };
        source.get(t.bytes.clone()).unwrap_or("")
    }

    /// The evidence for tokens `first..=last` (one field; else only `first`).
    pub(crate) fn evidence(&self, first: usize, last: usize) -> Option<Evidence> {
        let a = self.tokens.get(first)?;
        let b = self
            .tokens
            .get(last)
            .filter(|b| b.field == a.field && b.bytes.start >= a.bytes.start)
            .unwrap_or(a);
        let source = match a.field {
            TextField::Subject => self.subject,
            TextField::Description => self.description,
        };
        Evidence::from_byte_range(a.field, source, a.bytes.start..b.bytes.end)
    }

    /// Token indices of sentence `s`.
    pub(crate) fn sentence_tokens(&self, s: usize) -> Range<usize> {
        self.sentences.get(s).map_or(0..0, |s| s.tokens.clone())
    }

    /// The text asks for urgency: "urgent", "haster", "akut" and their inflections. Returns
    /// the first such word.
    pub(crate) fn urgency(&self) -> Option<usize> {
        self.tokens.iter().position(|t| {
            let w = self.fold(t);
            w.starts_with("urgent")
                || w.starts_with("akut")
                || matches!(
                    w,
                    "urgency"
                        | "haster"
                        | "hastesag"
                        | "hastesager"
                        | "hastende"
                        | "asap"
                        | "emergency"
                )
        })
    }

    /// The ids and addresses the text gives, in one pass over its words.
    ///
    /// An **example** is `#` followed by digits (`#5531`); a number of five or more digits
    /// (`10023`); a letter-led word mixing letters and digits with an all-digit part or at
    /// least two digits (`AB-12`, `SKU-5`, `INV2024`, but not `B2B`, `B2B-kunder`, `24h` or
    /// `v2`); anything starting with a digit up to two words after an id word (`ordre 12`,
    /// `varenr. 4401-B`, `faktura 2024-118`, `ordrenr.884`, `kvittering 1189`, and after "for
    /// example": `fx 1201`).
    ///
    /// A **ticket reference** is a number up to two words after a ticket word (`sag 4411`,
    /// `ticket #88`, `sagsnr. 12`, `sagsnr.4411`, `sag#77`).
    #[cfg(test)]
    pub(crate) fn ids(&self) -> Ids {
        use crate::reading::{ID_WORDS, TICKET_WORDS};
        self.ids_with(|_, word| (ID_WORDS.contains(&word), TICKET_WORDS.contains(&word)))
    }

    /// [`Text::ids`], told by `kind(index, folded word)` whether a word is an id word and
    /// whether it is a ticket word (so a caller that classified the words already does not
    /// compare them again).
    pub(crate) fn ids_with(&self, kind: impl Fn(usize, &str) -> (bool, bool)) -> Ids {
        let mut ids = Ids {
            email: self.email,
            ..Ids::default()
        };
        let mut after_id_word = 0u8;
        let mut after_ticket_word = 0u8;
        for (i, token) in self.tokens.iter().enumerate() {
            let word = self.fold(token);
            if word.starts_with(|c: char| c.is_ascii_digit()) {
                let all_digits = word.bytes().all(|b| b.is_ascii_digit());
                ids.examples |=
                    after_id_word > 0 || (all_digits && (token.after_hash || word.len() >= 5));
                ids.ticket_reference |= after_ticket_word > 0 && all_digits;
            } else {
                ids.examples |= is_id_token(word);
            }
            let (id_word, ticket_word) = kind(i, word);
            after_id_word = if id_word {
                2
            } else {
                after_id_word.saturating_sub(1)
            };
            after_ticket_word = if ticket_word {
                2
            } else {
                after_ticket_word.saturating_sub(1)
            };
            if ids.examples && ids.ticket_reference {
                break;
            }
        }
        ids
    }

    /// The text names a concrete example (see [`Text::ids`]).
    #[cfg(test)]
    pub(crate) fn has_example_ids(&self) -> bool {
        self.ids().examples
    }

    /// The text cites an earlier ticket (see [`Text::ids`]).
    #[cfg(test)]
    pub(crate) fn has_ticket_reference(&self) -> bool {
        self.ids().ticket_reference
    }

    /// The text gives an e-mail address.
    #[cfg(test)]
    pub(crate) fn has_email_address(&self) -> bool {
        self.ids().email
    }
}

/// What [`Text::ids`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ids {
    /// An example id (order, product, invoice number ...).
    pub(crate) examples: bool,
    /// An earlier ticket's number.
    pub(crate) ticket_reference: bool,
    /// An e-mail address.
    pub(crate) email: bool,
}

/// Appends the folded form of `c`.
fn fold_into(out: &mut String, c: char) {
    match c {
        'æ' | 'Æ' => out.push_str("ae"),
        'ø' | 'Ø' => out.push_str("oe"),
        'å' | 'Å' => out.push_str("aa"),
        'é' | 'É' => out.push('e'),
        '’' => out.push('\''),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Folds a whole string (for tests and static word lists).
#[cfg(test)]
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        fold_into(&mut out, c);
    }
    out
}

/// A letter-led word mixing letters and digits that looks like an id (`AB-12`, `SKU-5`,
/// `INV2024`; not `B2B`, `B2B-kunder`, `v2`).
fn is_id_token(word: &str) -> bool {
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    if digits == 0 || !word.starts_with(char::is_alphabetic) {
        return false;
    }
    // `AB-12`, `SKU-5`: a separated part that is all digits (not `B2B-kunder`).
    let separated = word
        .split('-')
        .skip(1)
        .any(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    separated || digits >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Text<'_> {
        Text::new(s, "")
    }

    #[test]
    fn tokens_keep_offsets_and_fold_danish_letters() {
        let text = Text::new("Ordre ikke overført", "Vi har\nINSTALLERET plugin'et. Ok?");
        let words: Vec<&str> = text.tokens.iter().map(|t| text.fold(t)).collect();
        assert_eq!(
            words,
            [
                "ordre",
                "ikke",
                "overfoert",
                "vi",
                "har",
                "installeret",
                "plugin'et",
                "ok"
            ]
        );
        let e = text.evidence(2, 2).expect("span");
        assert_eq!(
            (e.field, e.start, e.end, e.text.as_str()),
            (TextField::Subject, 11, 19, "overført")
        );
        assert_eq!(text.sentences.len(), 4);
        assert!(text.sentences[3].asks);
        assert_eq!(fold("ØLÅÆ"), "oelaaae");
    }

    #[test]
    fn abbreviations_and_glued_dots_do_not_end_sentences() {
        let text = t("Kunden ringede vedr. sagsnr.4411 fx. i går. Ny sætning");
        assert_eq!(text.sentences.len(), 2);
    }

    #[test]
    fn urgency_words() {
        for s in [
            "URGENT: orders stuck",
            "Haster!!",
            "akut fejl",
            "Det er akut",
            "urgently needed",
            "AKUTTE problemer",
        ] {
            assert!(t(s).urgency().is_some(), "{s}");
        }
        for s in [
            "Hastigheden er lav",
            "speed of the sync",
            "hastighed",
            "Orders not syncing",
        ] {
            assert!(t(s).urgency().is_none(), "{s}");
        }
    }

    #[test]
    fn example_ids() {
        for s in [
            "ordre 10023 er ikke overført",
            "order #5531 missing",
            "varenr. AB-12 fejler",
            "Order 1001 did not transfer. Product SKU-5.",
            "Faktura nr. 17 mangler",
            "see INV2024 in the log",
            "ordrenummer: 884",
            "ordrenr.884 fejler",
            "varenr. 4401-B",
            "faktura 2024-118",
        ] {
            assert!(t(s).has_example_ids(), "{s}");
        }
        for s in [
            "Integrationen virker ikke siden i går kl. 10:00",
            "Vi har 3 webshops og et B2B plugin",
            "I 2024 skiftede vi regnskabsprogram",
            "it stopped 24h ago, v2 of the plugin",
            "Orders are not syncing",
            "",
            "my email is anna@shop.dk",
            "fakturaer fra d. 4/2",
            "ordrer fra B2B-kunder",
        ] {
            assert!(!t(s).has_example_ids(), "{s}");
        }
    }

    #[test]
    fn ticket_references() {
        for s in [
            "Jeg ringer om sag 4411",
            "ticket #88",
            "Sagsnr. 12",
            "Kunden ringede vedr. sagsnr.4411",
            "sag#77",
        ] {
            assert!(t(s).has_ticket_reference(), "{s}");
        }
        for s in ["order #5531", "ordre 10023", "Ring mig op", "sagsnr.abc"] {
            assert!(!t(s).has_ticket_reference(), "{s}");
        }
        assert!(t("I wrote from anna@shop.dk").has_email_address());
        assert!(!t("email me at anna@").has_email_address());
    }
}
