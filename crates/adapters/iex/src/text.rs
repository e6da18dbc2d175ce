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
//! # Pieces
//! For ids and e-mail addresses the lower-cased text is also split at white space and a few
//! punctuation marks into *pieces* that keep `#`, `@` and inner `.` (`#5531`,
//! `anna@shop.dk`, `sagsnr.4411`).

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
    /// Lower-cased subject and body (pieces are slices of it).
    lower: String,
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
            lower: String::new(),
        };
        text.scan(TextField::Subject, subject);
        text.scan(TextField::Description, description);
        text.lower = format!("{}\n{}", subject.to_lowercase(), description.to_lowercase());
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
        let mut chars = source.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let inner = matches!(c, '-' | '\'' | '’')
                && word.is_some()
                && next.is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || inner {
                if word.is_none() {
                    word = Some((i, self.folded.len()));
                }
                fold_into(&mut self.folded, c);
                continue;
            }
            if let Some((start, folded_start)) = word.take() {
                self.tokens.push(Token {
                    field,
                    bytes: start..i,
                    folded: folded_start..self.folded.len(),
                    sentence: self.sentences.len(),
                });
            }
            let ends = match c {
                '?' | '!' | '\n' => true,
                '.' => {
                    next.is_none_or(char::is_whitespace)
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
        }
        if let Some((start, folded_start)) = word.take() {
            self.tokens.push(Token {
                field,
                bytes: start..source.len(),
                folded: folded_start..self.folded.len(),
                sentence: self.sentences.len(),
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

    /// Pieces of the lower-cased text for ids and addresses.
    fn pieces(&self) -> impl Iterator<Item = &str> {
        self.lower
            .split(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ',' | ';' | '(' | ')' | '"' | '\'' | '!' | '?' | '[' | ']' | '<' | '>'
                    )
            })
            .map(|p| p.trim_matches(|c: char| matches!(c, '.' | ':' | '-' | '*' | '/')))
            .filter(|p| !p.is_empty())
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

    /// The text names a concrete example: an order, product, invoice or other id.
    ///
    /// Counted as an id: `#` followed by digits (`#5531`); a number of five or more digits
    /// (`10023`); a letter-led token mixing letters and digits with a separator or at least
    /// two digits (`AB-12`, `SKU-5`, `INV2024`, but not `B2B`, `B2B-kunder`, `24h` or `v2`); anything
    /// starting with a digit right after an id word (`ordre 12`, `varenr. 4401-B`,
    /// `faktura 2024-118`), also glued to it (`ordrenr.884`).
    pub(crate) fn has_example_ids(&self) -> bool {
        let mut after_id_word = 0u8;
        for piece in self.pieces() {
            if is_id_token(piece) || glued_number(piece, ID_WORDS) {
                return true;
            }
            let number = piece.strip_prefix('#').unwrap_or(piece);
            if after_id_word > 0 && number.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
            let bare = piece.trim_end_matches('.');
            after_id_word = if ID_WORDS.contains(&bare) {
                2
            } else {
                after_id_word.saturating_sub(1)
            };
        }
        false
    }

    /// The text cites an earlier ticket (`sag 4411`, `ticket #88`, `sagsnr. 12`,
    /// `sagsnr.4411`).
    pub(crate) fn has_ticket_reference(&self) -> bool {
        let mut after_ticket_word = 0u8;
        for piece in self.pieces() {
            if glued_number(piece, TICKET_WORDS) {
                return true;
            }
            let number = piece.strip_prefix('#').unwrap_or(piece);
            if after_ticket_word > 0
                && !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
            {
                return true;
            }
            let bare = piece.trim_end_matches('.');
            after_ticket_word = if TICKET_WORDS.contains(&bare) {
                2
            } else {
                after_ticket_word.saturating_sub(1)
            };
        }
        false
    }

    /// The text gives an e-mail address.
    pub(crate) fn has_email_address(&self) -> bool {
        self.pieces().any(is_email)
    }
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

/// Words after which a number is an example id.
const ID_WORDS: &[&str] = &[
    "order",
    "orders",
    "ordre",
    "ordren",
    "ordrer",
    "ordrenr",
    "ordrenummer",
    "ordrenumre",
    "invoice",
    "faktura",
    "fakturanr",
    "fakturanummer",
    "product",
    "produkt",
    "produktnr",
    "varenr",
    "varenummer",
    "vare",
    "varen",
    "item",
    "sku",
    "nr",
    "no",
    "number",
    "nummer",
    "id",
    "bilag",
    "bilagsnr",
    "kunde",
    "kundenr",
    "customer",
    "linje",
    "line",
];

/// Words after which a number is a ticket number.
const TICKET_WORDS: &[&str] = &[
    "ticket",
    "sag",
    "sagen",
    "sagsnr",
    "sagsnummer",
    "sagsnummeret",
    "case",
    "henvendelse",
    "reference",
    "ref",
];

/// `word.123`, `word:123`, `word#123` with `word` one of `words` (`sagsnr.4411`).
fn glued_number(piece: &str, words: &[&str]) -> bool {
    let Some(split) = piece.find(['.', ':', '#']) else {
        return false;
    };
    let (word, rest) = piece.split_at(split);
    let digits = rest.trim_start_matches(['.', ':', '#']);
    words.contains(&word) && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// A letter-led token mixing letters and digits that looks like an id, or `#digits`, or a
/// bare number of five or more digits.
fn is_id_token(piece: &str) -> bool {
    if let Some(rest) = piece.strip_prefix('#') {
        return !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit());
    }
    if piece.contains('@') {
        return false;
    }
    let digits = piece.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    if piece.chars().all(|c| c.is_ascii_digit()) {
        return digits >= 5;
    }
    let letter_led = piece.chars().next().is_some_and(char::is_alphabetic);
    let id_chars = piece
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'));
    // `AB-12`, `SKU-5`: a separated part that is all digits (not `B2B-kunder`).
    let separated = piece
        .split(['-', '_', '/'])
        .skip(1)
        .any(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    letter_led && id_chars && (separated || digits >= 2)
}

fn is_email(piece: &str) -> bool {
    let Some((local, domain)) = piece.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
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
