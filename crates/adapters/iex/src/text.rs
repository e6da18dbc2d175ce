//! Keyword rules over a ticket's subject and body, in Danish and English.
//!
//! Text is lower-cased and split into words at every character that is not a letter, a
//! digit or `-` (so `e-conomic` and `plug-in` stay one word, and `haster!` is `haster`).
//! Matching is on whole words or word prefixes, never on raw substrings, so `hastighed`
//! ("speed") is not `haster` and `shopify` is not `shop`.

/// A ticket's text, lower-cased and tokenised once.
#[derive(Debug, Clone)]
pub(crate) struct Text {
    /// Words: letters, digits and inner `-`.
    words: Vec<String>,
    /// Raw white-space separated pieces with surrounding punctuation trimmed (keeps `#`,
    /// `@`, `.` inside), for ids and e-mail addresses.
    pieces: Vec<String>,
}

impl Text {
    /// Tokenises subject and body.
    pub(crate) fn new(subject: &str, body: &str) -> Self {
        let lower = format!("{}\n{}", subject.to_lowercase(), body.to_lowercase());
        let words = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|w| w.trim_matches('-'))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let pieces = lower
            .split(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ',' | ';' | '(' | ')' | '"' | '\'' | '!' | '?' | '[' | ']' | '<' | '>'
                    )
            })
            .map(|p| p.trim_matches(|c: char| matches!(c, '.' | ':' | '-' | '*' | '/')))
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        Self { words, pieces }
    }

    fn has_word(&self, words: &[&str]) -> bool {
        self.words.iter().any(|w| words.contains(&w.as_str()))
    }

    fn has_prefix(&self, prefixes: &[&str]) -> bool {
        self.words
            .iter()
            .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
    }

    /// Whether the words contain `phrase` (already lower case, words separated by spaces)
    /// as consecutive words.
    fn has_phrase(&self, phrase: &str) -> bool {
        let parts: Vec<&str> = phrase.split(' ').collect();
        !parts.is_empty()
            && self
                .words
                .windows(parts.len())
                .any(|win| win.iter().zip(&parts).all(|(w, p)| w == p))
    }

    /// A Danish particle verb: one of `verbs` followed by `particle` within `window` words
    /// ("sætter jeg kontoplanen op").
    fn has_particle_verb(&self, verbs: &[&str], particle: &str, window: usize) -> bool {
        self.words.iter().enumerate().any(|(i, w)| {
            verbs.contains(&w.as_str())
                && self.words[i + 1..]
                    .iter()
                    .take(window)
                    .any(|n| n == particle)
        })
    }

    fn has_any_phrase(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.has_phrase(p))
    }

    /// The text asks for urgency: "urgent", "haster", "akut" and their inflections.
    pub(crate) fn asks_for_urgency(&self) -> bool {
        self.has_prefix(&["urgent", "akut"])
            || self.has_word(&["urgency"])
            || self.has_word(&[
                "haster",
                "hastesag",
                "hastesager",
                "hastende",
                "asap",
                "emergency",
            ])
    }

    /// The text names a concrete example: an order, product, invoice or other id.
    ///
    /// Counted as an id: `#` followed by digits (`#5531`); a number of five or more digits
    /// (`10023`); a letter-led token mixing letters and digits with a separator or at least
    /// two digits (`AB-12`, `SKU-5`, `INV2024`, but not `B2B`, `24h` or `v2`); any number
    /// right after an id word (`ordre 12`, `varenr. 7`, `order no. 55`).
    pub(crate) fn has_example_ids(&self) -> bool {
        let mut after_id_word = 0u8;
        for piece in &self.pieces {
            if is_id_token(piece) {
                return true;
            }
            if after_id_word > 0 && piece.chars().all(|c| c.is_ascii_digit()) {
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

    /// The text cites an earlier ticket (`sag 4411`, `ticket #88`, `sagsnr. 12`) or an
    /// e-mail address.
    pub(crate) fn has_ticket_or_email_reference(&self) -> bool {
        let mut after_ticket_word = 0u8;
        for piece in &self.pieces {
            if is_email(piece) {
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

    /// The text is about the integration itself (which keeps a ticket in scope).
    pub(crate) fn mentions_integration(&self) -> bool {
        self.has_prefix(&[
            "integr",
            "iex",
            "sync",
            "synkron",
            "overfør",
            "overfor",
            "transfer",
            "mapping",
            "kobling",
            "forbindelsen",
        ]) || self.has_any_phrase(&["not transferred", "ikke overført", "api-nøgle", "api key"])
    }

    /// The text asks how to set up, install or choose something in one system (webshop,
    /// accounting system, plugin) rather than the integration.
    pub(crate) fn asks_system_setup(&self) -> bool {
        let setup = self.has_prefix(&[
            "install",
            "configur",
            "opsæt",
            "installer",
            "konfigur",
            "indstil",
        ]) || self.has_word(&["setup", "set-up", "anbefale", "anbefaler", "recommend"])
            || self.has_particle_verb(&["sætte", "sætter", "sat", "stille", "stiller"], "op", 3)
            || self.has_any_phrase(&[
                "set up",
                "setting up",
                "which plugin",
                "what plugin",
                "hvilket plugin",
                "hvilken plugin",
                "how do i create",
                "how do i add",
                "hvordan opretter jeg",
            ]);
        let system = self.has_prefix(&[
            "webshop",
            "web-shop",
            "plugin",
            "plug-in",
            "regnskab",
            "bogfør",
            "bogholderi",
            "momskode",
            "kontoplan",
            "økonomisystem",
            "e-conomic",
            "economic",
            "dinero",
            "uniconta",
            "shopify",
            "woocommerce",
            "wordpress",
            "magento",
            "shopware",
            "prestashop",
            "dandomain",
            "visma",
            "navision",
            "theme",
            "tema",
        ]) || self.has_word(&[
            "moms",
            "momsen",
            "vat",
            "accounting",
            "bookkeeping",
            "extension",
            "modul",
            "module",
            "billy",
            "dynamics",
        ]) || self.has_any_phrase(&[
            "web shop",
            "online store",
            "chart of accounts",
            "accounting system",
        ]);
        setup && system && !self.mentions_integration()
    }

    /// The text is about products lacking product numbers (customer readiness).
    pub(crate) fn mentions_missing_product_numbers(&self) -> bool {
        let w = &self.words;
        for i in 0..w.len() {
            let len = product_number_at(w, i);
            if len == 0 {
                continue;
            }
            // "mangler varenumre", "missing product numbers", "products lack product numbers"
            let before = &w[i.saturating_sub(2)..i];
            if before.iter().any(|b| MISSING_BEFORE.contains(&b.as_str())) {
                return true;
            }
            // "varenumre mangler", "product numbers are missing" (no id in between)
            let end = (i + len + 2).min(w.len());
            for after in &w[i + len..end] {
                if after.chars().any(|c| c.is_ascii_digit()) {
                    break;
                }
                if MISSING_AFTER.contains(&after.as_str()) {
                    return true;
                }
            }
        }
        false
    }
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

const MISSING_BEFORE: &[&str] = &[
    "missing",
    "lack",
    "lacks",
    "lacking",
    "without",
    "no",
    "mangler",
    "manglende",
    "uden",
    "ingen",
];

const MISSING_AFTER: &[&str] = &["missing", "mangler", "absent", "empty", "tomme", "tomt"];

/// Length in words of a "product number" noun starting at `i`, or 0.
fn product_number_at(w: &[String], i: usize) -> usize {
    let one = [
        "varenummer",
        "varenumre",
        "varenumrene",
        "varenummeret",
        "varenr",
        "produktnummer",
        "produktnumre",
        "sku",
        "skus",
        "sku-numre",
        "sku-nummer",
    ];
    if one.contains(&w[i].as_str()) {
        return 1;
    }
    let next = w.get(i + 1).map(String::as_str);
    match (w[i].as_str(), next) {
        ("product" | "item" | "article", Some("number" | "numbers" | "no" | "nos")) => 2,
        _ => 0,
    }
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
    let separated = piece.contains(['-', '_', '/']);
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

    fn t(s: &str) -> Text {
        Text::new(s, "")
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
            assert!(t(s).asks_for_urgency(), "{s}");
        }
        for s in [
            "Hastigheden er lav",
            "speed of the sync",
            "hastighed",
            "Orders not syncing",
        ] {
            assert!(!t(s).asks_for_urgency(), "{s}");
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
            "I wrote from anna@shop.dk",
        ] {
            assert!(t(s).has_ticket_or_email_reference(), "{s}");
        }
        for s in [
            "order #5531",
            "ordre 10023",
            "Ring mig op",
            "email me at anna@",
        ] {
            assert!(!t(s).has_ticket_or_email_reference(), "{s}");
        }
    }

    #[test]
    fn system_setup_questions() {
        for s in [
            "How do I install a B2B plugin in my webshop?",
            "hvordan opsætter jeg moms i e-conomic",
            "Which plugin should I use for VAT numbers in WooCommerce?",
            "Hvordan sætter jeg kontoplanen op i Dinero?",
            "Kan I anbefale et plugin til CVR-felter i webshoppen?",
        ] {
            assert!(t(s).asks_system_setup(), "{s}");
        }
        for s in [
            "The integration does not transfer orders from my webshop to e-conomic",
            "Hvordan opsætter jeg integrationen til min webshop?",
            "Ordre 10023 fra webshoppen er ikke overført til Dinero",
            "How do I set up the sync of VAT codes?",
            "Install the IEX plugin in Shopify",
            "My webshop orders have wrong VAT",
        ] {
            assert!(!t(s).asks_system_setup(), "{s}");
        }
    }

    #[test]
    fn missing_product_numbers() {
        for s in [
            "Mange varer mangler varenumre",
            "products without product numbers are not created",
            "Our products lack product numbers",
            "varenumrene mangler i webshoppen",
            "product numbers are missing",
        ] {
            assert!(t(s).mentions_missing_product_numbers(), "{s}");
        }
        for s in [
            "Ordre 10023 med varenummer AB-12 blev ikke overført",
            "varenummer AB-12 mangler i e-conomic",
            "product number 5531 is wrong",
            "missing orders",
        ] {
            assert!(!t(s).mentions_missing_product_numbers(), "{s}");
        }
    }
}
