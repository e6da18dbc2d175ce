//! Keyword matching for the 16 out-of-scope boundaries of seed 000 and for QuickBooks
//! faults that go to Intuit.
//!
//! # How text is matched
//! Subject and description are lower-cased and split into sentences (at `.`, `!`, `?`,
//! `;` and line breaks). Within a sentence every character that is not a letter or digit
//! becomes a space, so `plug-in` reads `plug in` and `don't` reads `don t`, and phrases
//! match on word boundaries only (`log` never matches inside `blog`). A boundary lists
//! alternatives; an alternative is a list of groups; it matches when **every group has a
//! phrase in the same sentence**. Phrases are chosen so that ordinary in-scope tickets
//! ("orders are not syncing", "what does this error in the Connex log mean", "help me map
//! products") do not match; see `tests/rules.rs` for positive and negative texts.
//!
//! # Precedence
//! Boundaries are tried in [`BOUNDARIES`] order and the first match answers the ticket:
//! first the explicit requests for hands-on work on the customer's machine (2, 3: reinstall
//! the Web Connector / QuickBooks Desktop; 9, 10: registry and SDK/QBXML logs), then
//! QuickBooks crashes (11, 12), then the rest in seed order (1, 4–8, 14–16). Boundary 13
//! (expediting to developers) is the escalation rule and is handled by intake and
//! escalation, not here. Independently of which boundary answers, a ticket that reports a
//! QuickBooks Web Connector or QuickBooks Desktop fault (crash, freeze, will not open) is
//! routed to Intuit ([`is_quickbooks_fault`]): "the Web Connector crashed, please
//! reinstall it" is answered with boundary 2 *and* Connex helps open a case with Intuit.

use tierline_core::RuleId;

use crate::rules;

/// One alternative: every group must have a phrase in the same sentence.
type Alternative = &'static [&'static [&'static str]];

/// A boundary and the texts that match it.
pub struct BoundaryMatcher {
    /// The boundary's rule id.
    pub rule: RuleId,
    /// Any one of these alternatives matches.
    pub alternatives: &'static [Alternative],
}

const REINSTALL: &[&str] = &[
    "uninstall",
    "uninstalling",
    "uninstalled",
    "un install",
    "reinstall",
    "reinstalling",
    "reinstalled",
    "reinstallation",
    "re install",
    "re installing",
    "remove and install",
    "install it again",
    "install again",
    "clean install",
];
const WEB_CONNECTOR: &[&str] = &["web connector", "webconnector", "qbwc"];
const QB_DESKTOP: &[&str] = &[
    "quickbooks desktop",
    "qb desktop",
    "qbd",
    "quickbooks pro",
    "quickbooks premier",
    "quickbooks enterprise",
];
const QB_ONLINE: &[&str] = &["quickbooks online", "qb online", "qbo"];
const QB_ANY: &[&str] = &["quickbooks", "qb"];
const CRASH: &[&str] = &[
    "crash",
    "crashes",
    "crashed",
    "crashing",
    "freeze",
    "freezes",
    "freezing",
    "frozen",
    "hangs",
    "not responding",
    "stopped working",
    "stops working",
    "won t open",
    "will not open",
    "doesn t open",
    "does not open",
    "won t start",
    "will not start",
    "won t launch",
    "will not launch",
    "fails to open",
    "fails to start",
    "fails to launch",
    "closes unexpectedly",
    "unrecoverable error",
    "has encountered a problem",
    "needs to close",
];
const PLUGIN: &[&str] = &["plugin", "plugins", "plug in", "plug ins"];
const CHANNEL: &[&str] = &[
    "shopify",
    "woocommerce",
    "bigcommerce",
    "magento",
    "amazon",
    "ebay",
    "etsy",
    "walmart",
    "wix",
    "squarespace",
    "selling channel",
    "sales channel",
    "store",
    "shop",
];

/// The boundaries in precedence order (see the module docs). Boundary 13 is not here.
pub const BOUNDARIES: &[BoundaryMatcher] = &[
    BoundaryMatcher {
        rule: rules::SCOPE_REINSTALL_WEB_CONNECTOR,
        alternatives: &[&[REINSTALL, WEB_CONNECTOR]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_REINSTALL_QUICKBOOKS_DESKTOP,
        alternatives: &[&[REINSTALL, QB_ANY]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_REGISTRY_LOGS,
        alternatives: &[
            &[&[
                "windows registry",
                "system registry",
                "regedit",
                "registry key",
                "registry keys",
                "registry entry",
                "registry setting",
                "registry settings",
                "registry editor",
            ]],
            &[
                &["registry"],
                &["log", "logs", "logging", "edit", "change", "modify"],
            ],
        ],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_SDK_LOGS,
        alternatives: &[&[&[
            "qbsdklog",
            "qbsdk log",
            "qbsdk logs",
            "qb sdk log",
            "qb sdk logs",
            "sdk log",
            "sdk logs",
            "qbxml log",
            "qbxml logs",
            "qb xml log",
            "qb xml logs",
            "xml log",
            "xml logs",
        ]]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_WEB_CONNECTOR_CRASHES,
        alternatives: &[&[WEB_CONNECTOR, CRASH]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
        // Bare "quickbooks" only counts when the sentence is not about QuickBooks Online:
        // checked by `matches_boundary` below.
        alternatives: &[&[QB_DESKTOP, CRASH], &[QB_ANY, CRASH]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_DISCONTINUED_INTEGRATION,
        alternatives: &[&[&[
            "discontinued integration",
            "discontinued integrations",
            "discontinued connector",
            "integration was discontinued",
            "integration has been discontinued",
            "integration is discontinued",
            "integration that was discontinued",
            "integration you discontinued",
            "discontinued the integration",
            "discontinued your integration",
            "discontinued this integration",
            "integration is no longer supported",
            "integration no longer supported",
            "no longer support the integration",
            "no longer support this integration",
            "deprecated integration",
            "retired integration",
            "integration was retired",
        ]]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_FIREWALL_ANTIVIRUS,
        alternatives: &[&[
            &[
                "firewall",
                "firewalls",
                "antivirus",
                "anti virus",
                "virus scanner",
                "virus protection",
                "windows defender",
                "norton",
                "mcafee",
                "avast",
                "bitdefender",
                "malwarebytes",
                "kaspersky",
                "webroot",
            ],
            &[
                "change",
                "changing",
                "configure",
                "configuring",
                "disable",
                "disabling",
                "whitelist",
                "whitelisting",
                "allowlist",
                "allow",
                "unblock",
                "exception",
                "exclusion",
                "turn off",
                "adjust",
                "open port",
                "open a port",
                "open the port",
                "settings",
                "set up",
                "setup",
                "add",
            ],
        ]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_WEBSITE_SOURCE_CODE,
        alternatives: &[&[
            &[
                "alter",
                "altering",
                "change",
                "changing",
                "modify",
                "modifying",
                "edit",
                "editing",
                "customize",
                "customise",
                "rewrite",
                "tweak",
                "update",
                "updating",
                "add code",
                "write code",
            ],
            &[
                "source code",
                "website code",
                "site code",
                "store code",
                "theme code",
                "theme files",
                "html",
                "php",
                "javascript",
                "css",
                "liquid",
                "functions php",
            ],
            &[
                "my website",
                "our website",
                "the website",
                "my web site",
                "our web site",
                "my site",
                "our site",
                "the site",
                "my store",
                "our store",
                "my shop",
                "our shop",
                "my theme",
                "our theme",
                "my storefront",
                "our storefront",
                "website s",
            ],
        ]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_WEBSITE_PLUGINS,
        alternatives: &[
            &[&[
                "security plugin",
                "security plugins",
                "security plug in",
                "caching plugin",
                "caching plugins",
                "caching plug in",
                "cache plugin",
                "cache plugins",
                "wordfence",
                "wp rocket",
                "w3 total cache",
                "litespeed cache",
                "sucuri",
            ]],
            &[
                &[
                    "update",
                    "updating",
                    "upgrade",
                    "upgrading",
                    "downgrade",
                    "downgrading",
                    "change",
                    "changing",
                    "install",
                    "installing",
                    "disable",
                    "disabling",
                    "deactivate",
                    "deactivating",
                    "configure",
                    "configuring",
                    "roll back",
                ],
                PLUGIN,
            ],
            &[
                &[
                    "change",
                    "changing",
                    "alter",
                    "altering",
                    "adjust",
                    "adjusting",
                    "configure",
                    "configuring",
                    "update",
                    "updating",
                    "modify",
                    "modifying",
                ],
                &[
                    "website settings",
                    "website setting",
                    "site settings",
                    "site setting",
                    "store settings",
                    "wordpress settings",
                    "woocommerce settings",
                    "shopify settings",
                    "settings on my website",
                    "settings on our website",
                    "settings on the website",
                    "settings of my website",
                    "settings of our website",
                ],
            ],
        ],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_CHANNEL_PLUGINS,
        alternatives: &[&[
            &[
                "third party plugin",
                "third party plugins",
                "3rd party plugin",
                "3rd party plugins",
                "third party plug in",
                "3rd party plug in",
                "third party app",
                "third party apps",
                "3rd party app",
                "3rd party apps",
                "third party extension",
                "third party extensions",
                "discount plugin",
                "discount app",
                "discounts app",
                "subscription plugin",
                "subscription app",
                "subscriptions app",
                "bundle app",
                "bundles app",
                "loyalty app",
                "gift card app",
                "upsell app",
            ],
            CHANNEL,
        ]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_PLUGIN_COMPATIBILITY,
        alternatives: &[&[
            &[
                "compatible",
                "compatibility",
                "incompatible",
                "conflict",
                "conflicts",
                "conflicting",
                "interfere",
                "interferes",
                "interfering",
                "prevent",
                "prevents",
                "preventing",
                "blocking",
                "blocks",
            ],
            &[
                "plugin",
                "plugins",
                "plug in",
                "plug ins",
                "third party app",
                "third party apps",
                "3rd party app",
                "3rd party apps",
                "extension",
                "extensions",
                "add on",
                "add ons",
                "addon",
                "addons",
            ],
        ]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_MATCH_RECORDS,
        alternatives: &[&[
            &[
                "change",
                "changing",
                "rename",
                "renaming",
                "edit",
                "editing",
                "update",
                "updating",
                "modify",
                "modifying",
                "merge",
                "merging",
                "fix",
                "fixing",
                "correct",
                "correcting",
                "alter",
            ],
            &[
                "customer",
                "customers",
                "product",
                "products",
                "item",
                "items",
                "sku",
                "skus",
            ],
            &[
                "match",
                "matches",
                "to match",
                "matching",
                "mismatch",
                "mismatched",
            ],
        ]],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_QUICKBOOKS_SETTINGS,
        alternatives: &[
            &[
                &[
                    "change",
                    "changing",
                    "alter",
                    "altering",
                    "adjust",
                    "adjusting",
                    "configure",
                    "configuring",
                    "modify",
                    "modifying",
                    "update",
                    "updating",
                    "set",
                    "turn on",
                    "turn off",
                    "enable",
                    "disable",
                ],
                &[
                    "quickbooks settings",
                    "quickbooks setting",
                    "settings in quickbooks",
                    "setting in quickbooks",
                    "quickbooks preferences",
                    "preferences in quickbooks",
                    "qb settings",
                    "settings in qb",
                    "company preferences",
                    "accounting preferences",
                ],
            ],
            &[&[
                "configure quickbooks",
                "configuring quickbooks",
                "configure my quickbooks",
                "configure our quickbooks",
                "set up quickbooks",
                "setting up quickbooks",
                "set up my quickbooks",
                "set up our quickbooks",
            ]],
        ],
    },
    BoundaryMatcher {
        rule: rules::SCOPE_CUSTOM_RULES,
        alternatives: &[&[&[
            "custom rule",
            "custom rules",
            "my own rule",
            "my own rules",
            "our own rule",
            "our own rules",
            "rule i wrote",
            "rules i wrote",
            "rule we wrote",
            "rules we wrote",
            "i wrote a rule",
            "we wrote a rule",
            "written a rule",
            "rule i created",
            "rules i created",
            "rule we created",
            "rules we created",
            "custom script",
        ]]],
    },
];

/// Phrases of a request to hand the ticket to the developers (boundary 13).
const EXPEDITE: Alternative = &[
    &[
        "expedite",
        "expedited",
        "expediting",
        "escalate",
        "escalated",
        "escalating",
        "escalation",
        "forward this to",
        "forward it to",
        "send this to",
        "send it to",
        "pass this to",
        "pass it to",
        "speak to a",
        "speak with a",
        "talk to a",
        "talk with a",
        "speak to your",
        "talk to your",
        "speak to the",
        "talk to the",
    ],
    &[
        "developer",
        "developers",
        "dev team",
        "development team",
        "software developer",
        "engineering team",
        "engineers",
        "tier 2",
        "tier 3",
        "tier two",
        "tier three",
    ],
];

/// A ticket's text, prepared for phrase matching.
pub struct Text {
    sentences: Vec<String>,
}

impl Text {
    /// Lower-cases, splits into sentences and normalises `subject` and `description`.
    pub fn new(subject: &str, description: &str) -> Self {
        let mut sentences = Vec::new();
        for part in [subject, description] {
            for raw in part.split(['.', '!', '?', ';', '\n', '\r']) {
                let normal = normalize(raw);
                if normal.len() > 2 {
                    sentences.push(normal);
                }
            }
        }
        Self { sentences }
    }

    fn any_sentence(&self, alternative: Alternative) -> bool {
        self.sentences
            .iter()
            .any(|s| alternative.iter().all(|group| has_any(s, group)))
    }
}

/// Lower-case, letters and digits only, single spaces, padded with one space each side.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 2);
    out.push(' ');
    for c in raw.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn has_any(sentence: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has_phrase(sentence, p))
}

fn has_phrase(sentence: &str, phrase: &str) -> bool {
    // `sentence` is padded with spaces, so " phrase " matches whole words only.
    let mut needle = String::with_capacity(phrase.len() + 2);
    needle.push(' ');
    needle.push_str(phrase);
    needle.push(' ');
    sentence.contains(&needle)
}

fn about_quickbooks_online(sentence: &str) -> bool {
    has_any(sentence, QB_ONLINE)
}

fn matches_boundary(text: &Text, boundary: &BoundaryMatcher) -> bool {
    if boundary.rule == rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES {
        return text.sentences.iter().any(|s| {
            (has_any(s, QB_DESKTOP) || (has_any(s, QB_ANY) && !about_quickbooks_online(s)))
                && has_any(s, CRASH)
        });
    }
    boundary
        .alternatives
        .iter()
        .any(|alternative| text.any_sentence(alternative))
}

/// The first boundary (in precedence order) the text matches.
pub fn match_boundary(text: &Text) -> Option<RuleId> {
    BOUNDARIES
        .iter()
        .find(|b| matches_boundary(text, b))
        .map(|b| b.rule)
}

/// Whether the text reports a QuickBooks Web Connector or QuickBooks Desktop fault (a
/// crash, freeze, or failure to open), which Connex helps take to Intuit.
pub fn is_quickbooks_fault(text: &Text) -> bool {
    BOUNDARIES
        .iter()
        .filter(|b| {
            b.rule == rules::SCOPE_WEB_CONNECTOR_CRASHES
                || b.rule == rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES
        })
        .any(|b| matches_boundary(text, b))
}

/// Whether the text asks to hand the ticket to the developers (boundary 13).
pub fn asks_for_developers(text: &Text) -> bool {
    text.any_sentence(EXPEDITE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_already_normalised() {
        let mut groups: Vec<&[&str]> = BOUNDARIES
            .iter()
            .flat_map(|b| b.alternatives.iter().flat_map(|a| a.iter().copied()))
            .collect();
        groups.extend(EXPEDITE.iter().copied());
        groups.extend([QB_ONLINE, CRASH]);
        for phrase in groups.into_iter().flatten() {
            assert_eq!(normalize(phrase).trim(), *phrase, "phrase {phrase:?}");
        }
    }

    #[test]
    fn words_match_on_boundaries_only() {
        let text = Text::new("Blog", "Our catalog of productsets");
        assert!(!text.any_sentence(&[&["log"]]));
        assert!(!text.any_sentence(&[&["products"]]));
        let text = Text::new("", "Please re-install the Web-Connector!");
        assert!(text.any_sentence(&[REINSTALL, WEB_CONNECTOR]));
    }

    #[test]
    fn groups_must_meet_in_one_sentence() {
        let text = Text::new("", "We reinstalled Windows. The web connector is fine.");
        assert!(!text.any_sentence(&[REINSTALL, WEB_CONNECTOR]));
    }
}
