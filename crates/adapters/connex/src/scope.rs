//! The Connex scope policy in words: the phrases that signal each of the 16 out-of-scope
//! boundaries of the Connex support policy, a QuickBooks Web Connector / QuickBooks Desktop fault (routed to
//! Intuit), and the phrases that tell who acts, whether it already happened, whether it is a
//! question, and whether a recent Connex update is blamed. How the phrases are found and
//! weighed is in [`crate::reading`].
//!
//! # Phrases and cues
//! Every phrase is lower-case words (letters and digits) separated by single spaces; text is
//! split into words the same way, so `plug-in` reads `plug in` and `don't` reads `don t`,
//! and phrases match whole words only (`log` never matches inside `blog`). A phrase belongs
//! to a [`Cue`]; a boundary is a list of alternatives, each a set of cues that must all occur
//! in one sentence, plus the checks of its [`Kind`].
//!
//! # Kinds of boundary
//! - [`Kind::HandsOn`] (2, 3, 4, 5, 6, 9, 10, 14, 15): work Connex does not do on the
//!   customer's computer, website or QuickBooks. Strong only when the customer asks Connex to
//!   do it; not a boundary at all when the customer did it already, says it did not happen,
//!   or asks how to do it (Tier 1 answers questions and points to the knowledge base).
//! - [`Kind::IntuitFault`] (11, 12): QuickBooks Desktop or the Web Connector itself crashes,
//!   freezes or will not open. The program must be the subject of the fault (not "the sync
//!   to QuickBooks stopped working"), QuickBooks must be Desktop (named, or the ticket is
//!   about the Web Connector, a server, a company file...), and these tickets are also
//!   routed to Intuit.
//! - [`Kind::Subject`] (1, 7, 8, 16): the ticket is about something Connex does not support
//!   (a discontinued integration, a third-party plug-in, plug-in compatibility, a rule
//!   written outside the guides). "Discontinued" and "integration" apart in a sentence
//!   ("you discontinued the Magento 1 integration", but also "the eBay integration will be
//!   discontinued") are at most Moderate.
//!
//! # Precedence
//! When several boundaries are read strongly, the first in [`BOUNDARIES`] answers: first the
//! explicit requests for hands-on work on the customer's machine (2, 3, 9, 10), then
//! QuickBooks crashes (12, 11), then the rest in the policy's order (1, 4–8, 14–16). Boundary 13
//! (expediting to developers) is the escalation rule and is handled by intake and
//! escalation, not here.

use tierline_core::RuleId;

use crate::rules;

/// A family of phrases the reading looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Cue {
    /// Uninstall / reinstall.
    Reinstall,
    /// The QuickBooks Web Connector.
    WebConnector,
    /// QuickBooks Desktop, by name.
    QbDesktop,
    /// QuickBooks Online.
    QbOnline,
    /// QuickBooks, either edition.
    QbAny,
    /// A program crashing, freezing or not opening.
    Crash,
    /// Words that say something stopped, which may be a crash or may be a sync.
    CrashVague,
    /// Words that place QuickBooks on a computer (so it is Desktop).
    DesktopContext,
    /// A plug-in.
    Plugin,
    /// A selling channel.
    Channel,
    /// The system registry, named plainly.
    Registry,
    /// The bare word registry.
    RegistryWord,
    /// What is done to the registry.
    RegistryUse,
    /// QB SDK / QBXML logs.
    SdkLog,
    /// A discontinued integration.
    Discontinued,
    /// Firewall or antivirus software.
    Firewall,
    /// Changing firewall or antivirus software.
    FirewallChange,
    /// Changing code.
    CodeChange,
    /// Source code.
    SourceCode,
    /// The customer's website.
    Website,
    /// Security and caching plug-ins, by kind or name.
    SecurityPlugin,
    /// Changing a plug-in.
    PluginChange,
    /// Changing website settings.
    SiteChange,
    /// Website settings.
    SiteSettings,
    /// A third-party app or plug-in of a selling channel.
    ThirdPartyApp,
    /// Compatibility or conflict.
    Compat,
    /// A plug-in, extension or add-on.
    PluginAny,
    /// Connex's own app or plug-in.
    ConnexApp,
    /// Changing records.
    RecordChange,
    /// Customers or products.
    Records,
    /// Making them match.
    Match,
    /// Mapping (Tier 1 work).
    Mapping,
    /// Changing QuickBooks settings.
    SettingChange,
    /// QuickBooks settings, by name.
    QbSettings,
    /// Settings or preferences.
    Settings,
    /// Connex's own settings.
    ConnexSettings,
    /// Configuring QuickBooks.
    ConfigureQb,
    /// A rule written outside the guides.
    CustomRule,
    /// The knowledge base, a guide, an article.
    Guide,
    /// Something is broken or needs troubleshooting.
    Trouble,
    /// The customer asks someone (Connex) to act.
    Request,
    /// The customer did it already.
    Done,
    /// A recent Connex update is blamed.
    Regression,
    /// Asking for an escalation.
    Expedite,
    /// The developers.
    Developers,
    /// Connex's side of things: the sync, the dashboard, orders (a subject that is not an
    /// Intuit program).
    ConnexSide,
    /// Codes that are not source code (discount codes, error codes).
    NotSourceCode,
    /// A word saying something was withdrawn ("discontinued", "deprecated").
    WithdrawnWord,
    /// An integration or connector, by that word.
    IntegrationWord,
    /// A request for information, not for work ("tell me how", "send me the link").
    InfoRequest,
    /// A fault told as over ("that's fixed", "works now").
    Resolved,
    /// The ticket announces more than one issue ("two things", "another issue").
    AnotherIssue,
}

impl Cue {
    /// The cue's bit in a sentence's cue set.
    pub const fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

/// The phrases of every cue. A phrase may serve several cues.
pub const LEXICON: &[(Cue, &[&str])] = &[
    (
        Cue::Reinstall,
        &[
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
            "re installed",
            "remove and install",
            "install it again",
            "install again",
            "clean install",
        ],
    ),
    (
        Cue::WebConnector,
        &["web connector", "webconnector", "qbwc", "qb web connector"],
    ),
    (
        Cue::QbDesktop,
        &[
            "quickbooks desktop",
            "qb desktop",
            "qbd",
            "quickbooks pro",
            "quickbooks premier",
            "quickbooks enterprise",
            "qb enterprise",
            "qb pro",
            "qb premier",
        ],
    ),
    (
        Cue::QbOnline,
        &[
            "quickbooks online",
            "qb online",
            "qbo",
            "quickbooks online s",
        ],
    ),
    (
        Cue::QbAny,
        &["quickbooks", "qb", "quickbook", "quick books", "qbs"],
    ),
    (
        Cue::Crash,
        &[
            "crash",
            "crashes",
            "crashed",
            "crashing",
            "freeze",
            "freezes",
            "freezing",
            "froze",
            "frozen",
            "hangs",
            "hanging",
            "shuts down",
            "shutting down",
            "shut down",
            "closes by itself",
            "keeps closing",
            "won t open",
            "will not open",
            "doesn t open",
            "does not open",
            "wont open",
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
        ],
    ),
    (
        Cue::CrashVague,
        &[
            "closes",
            "closing",
            "not responding",
            "stopped working",
            "stops working",
            "quit working",
            "isn t working",
            "is not working",
            "not working",
        ],
    ),
    (
        Cue::DesktopContext,
        &[
            "desktop",
            "server",
            "computer",
            "pc",
            "windows",
            "company file",
            "task manager",
            "terminal server",
            "remote desktop",
            "unrecoverable error",
            "has encountered a problem",
            "needs to close",
        ],
    ),
    (Cue::Plugin, &["plugin", "plugins", "plug in", "plug ins"]),
    (
        Cue::Channel,
        &[
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
        ],
    ),
    (
        Cue::Registry,
        &[
            "windows registry",
            "system registry",
            "regedit",
            "registry key",
            "registry keys",
            "registry entry",
            "registry setting",
            "registry settings",
            "registry editor",
        ],
    ),
    (Cue::RegistryWord, &["registry"]),
    (
        Cue::RegistryUse,
        &["log", "logs", "logging", "edit", "change", "modify"],
    ),
    (
        Cue::SdkLog,
        &[
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
        ],
    ),
    (
        Cue::Discontinued,
        &[
            "discontinued integration",
            "discontinued integrations",
            "discontinued connector",
            "integration was discontinued",
            "integration has been discontinued",
            "integration is discontinued",
            "integration that was discontinued",
            "integration which was discontinued",
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
        ],
    ),
    (
        Cue::Firewall,
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
    ),
    (
        Cue::FirewallChange,
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
    ),
    (
        Cue::CodeChange,
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
            "add",
        ],
    ),
    (
        Cue::SourceCode,
        &[
            "source code",
            "website code",
            "site code",
            "store code",
            "theme code",
            "theme files",
            "code",
            "html",
            "php",
            "javascript",
            "css",
            "liquid",
            "functions php",
        ],
    ),
    (
        Cue::Website,
        &[
            "website",
            "web site",
            "site",
            "store",
            "shop",
            "theme",
            "storefront",
            "wordpress",
        ],
    ),
    (
        Cue::SecurityPlugin,
        &[
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
        ],
    ),
    (
        Cue::PluginChange,
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
    ),
    (
        Cue::SiteChange,
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
    ),
    (
        Cue::SiteSettings,
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
    ),
    (
        Cue::ThirdPartyApp,
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
    ),
    (
        Cue::Compat,
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
        ],
    ),
    (
        Cue::PluginAny,
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
    ),
    (
        Cue::ConnexApp,
        &[
            "connex app",
            "connex plugin",
            "connex plug in",
            "your app",
            "your plugin",
            "your plug in",
            "your extension",
            "connex extension",
            "connex woocommerce plugin",
            "connex web app",
        ],
    ),
    (
        Cue::RecordChange,
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
            "correct",
            "correcting",
            "alter",
        ],
    ),
    (
        Cue::Records,
        &[
            "customer",
            "customers",
            "customer names",
            "product",
            "products",
            "item",
            "items",
            "sku",
            "skus",
        ],
    ),
    (
        Cue::Match,
        &["match", "matches", "matching", "mismatch", "mismatched"],
    ),
    (
        Cue::Mapping,
        &[
            "map",
            "maps",
            "mapping",
            "mappings",
            "mapped",
            "product mapping tool",
            "mapping tool",
        ],
    ),
    (
        Cue::SettingChange,
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
            "switch on",
            "switch off",
        ],
    ),
    (
        Cue::QbSettings,
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
    ),
    (
        Cue::Settings,
        &["settings", "setting", "preferences", "preference"],
    ),
    (
        Cue::ConnexSettings,
        &[
            "connex settings",
            "connex setting",
            "settings in connex",
            "setting in connex",
            "your settings",
            "account settings",
        ],
    ),
    (
        Cue::ConfigureQb,
        &[
            "configure quickbooks",
            "configuring quickbooks",
            "configure my quickbooks",
            "configure our quickbooks",
            "set up quickbooks",
            "setting up quickbooks",
            "set up my quickbooks",
            "set up our quickbooks",
        ],
    ),
    (
        Cue::CustomRule,
        &[
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
        ],
    ),
    (
        Cue::Guide,
        &[
            "knowledge base",
            "knowledgebase",
            "kb",
            "guide",
            "guides",
            "article",
            "articles",
            "help center",
            "help centre",
            "documentation",
            "docs",
            "tutorial",
            "video",
            "instructions",
        ],
    ),
    (
        Cue::Trouble,
        &[
            "not working",
            "isn t working",
            "doesn t work",
            "does not work",
            "stopped",
            "does nothing",
            "broken",
            "debug",
            "troubleshoot",
            "fix",
            "wrong",
            "fails",
            "failing",
            "error",
        ],
    ),
    (
        Cue::Request,
        &[
            "can you",
            "could you",
            "would you",
            "will you",
            "can u",
            "could u",
            "can someone",
            "could someone",
            "can somebody",
            "can your",
            "could your",
            "can connex",
            "can you guys",
            "please",
            "pls",
            "plz",
            "kindly",
            "need you to",
            "want you to",
            "like you to",
            "for me",
            "for us",
            "do it for",
            "are you able to",
            "help me",
            "help us",
            "remotely",
            "remote access",
            "teamviewer",
            "anydesk",
            "log in and",
            "log into our",
            "log into my",
            "go into our",
            "go into my",
        ],
    ),
    (
        Cue::Done,
        &[
            "already",
            "i ve",
            "we ve",
            "i have",
            "we have",
            "i had",
            "we had",
            "i did",
            "we did",
            "i tried",
            "we tried",
            "as your article",
            "as the article",
            "per your instructions",
            "as instructed",
            "as suggested",
            "ourselves",
            "myself",
        ],
    ),
    (
        Cue::Regression,
        &[
            "your update",
            "your last update",
            "your latest update",
            "your recent update",
            "your new update",
            "connex update",
            "the connex update",
            "your release",
            "your latest release",
            "your last release",
            "your new release",
            "your new version",
            "you pushed",
            "you guys pushed",
            "you updated",
            "your changes",
            "you changed something",
            "your update broke",
        ],
    ),
    (
        Cue::Expedite,
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
    ),
    (
        Cue::Developers,
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
    ),
    (
        Cue::ConnexSide,
        &[
            "connex",
            "dashboard",
            "app",
            "sync",
            "syncing",
            "order previewer",
            "order",
            "orders",
            "invoice",
            "invoices",
            "log",
            "page",
            "website",
            "site",
            "store",
        ],
    ),
    (
        Cue::NotSourceCode,
        &[
            "discount code",
            "discount codes",
            "promo code",
            "coupon code",
            "error code",
            "tax code",
            "zip code",
            "postal code",
            "status code",
            "class code",
            "gift code",
        ],
    ),
    (
        Cue::WithdrawnWord,
        &[
            "discontinued",
            "deprecated",
            "retired",
            "sunset",
            "end of life",
            "no longer supported",
            "no longer support",
        ],
    ),
    (
        Cue::IntegrationWord,
        &["integration", "integrations", "connector", "connectors"],
    ),
    (
        Cue::InfoRequest,
        &[
            "tell me how",
            "tell us how",
            "tell me which",
            "tell us which",
            "tell me what",
            "tell us what",
            "tell me where",
            "explain how",
            "explain to me how",
            "show me how",
            "show us how",
            "walk me through",
            "walk us through",
            "send me the link",
            "send me a link",
            "send us the link",
            "send me the article",
            "send me the instructions",
            "point me to",
            "let me know how",
            "let me know which",
            "let me know what",
            "let me know where",
            "let us know how",
            "let us know which",
            "let us know what",
        ],
    ),
    (
        Cue::Resolved,
        &[
            "that s fixed",
            "that is fixed",
            "is fixed",
            "was fixed",
            "got fixed",
            "been fixed",
            "fixed now",
            "resolved",
            "works now",
            "working now",
            "works again",
            "working again",
            "back to normal",
            "works fine",
            "syncs fine",
            "runs fine",
            "then syncs",
            "then works",
            "no longer crashes",
            "stopped crashing",
        ],
    ),
    (
        Cue::AnotherIssue,
        &[
            "two things",
            "2 things",
            "couple of things",
            "few things",
            "two issues",
            "2 issues",
            "two problems",
            "2 problems",
            "two questions",
            "another issue",
            "another problem",
            "separate issue",
            "second issue",
            "secondly",
            "while you are at it",
            "while you re at it",
            "by the way",
            "btw",
        ],
    ),
];

/// What kind of boundary it is, which decides how strong a match is (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Hands-on work on the customer's computer, website or QuickBooks.
    HandsOn,
    /// A QuickBooks Desktop or Web Connector fault (also routed to Intuit).
    IntuitFault,
    /// Something Connex does not support.
    Subject,
}

/// A boundary and the cues that signal it.
#[derive(Debug)]
pub struct BoundaryDef {
    /// The boundary's rule id.
    pub rule: RuleId,
    /// How its matches are weighed.
    pub kind: Kind,
    /// Any one of these alternatives matches: every cue of it in one sentence.
    pub alternatives: &'static [&'static [Cue]],
    /// No cue of these may be in that sentence (`Cue::bit`s).
    pub unless: u64,
}

/// The boundaries in precedence order (see the module docs). Boundary 13 is not here.
pub const BOUNDARIES: &[BoundaryDef] = &[
    BoundaryDef {
        rule: rules::SCOPE_REINSTALL_WEB_CONNECTOR,
        kind: Kind::HandsOn,
        alternatives: &[&[Cue::Reinstall, Cue::WebConnector]],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_REINSTALL_QUICKBOOKS_DESKTOP,
        kind: Kind::HandsOn,
        // QuickBooks itself must be what is reinstalled: checked by the reading.
        alternatives: &[&[Cue::Reinstall, Cue::QbAny]],
        unless: Cue::QbOnline.bit() | Cue::ConnexApp.bit() | Cue::WebConnector.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_REGISTRY_LOGS,
        kind: Kind::HandsOn,
        alternatives: &[&[Cue::Registry], &[Cue::RegistryWord, Cue::RegistryUse]],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_SDK_LOGS,
        kind: Kind::HandsOn,
        alternatives: &[&[Cue::SdkLog]],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_WEB_CONNECTOR_CRASHES,
        kind: Kind::IntuitFault,
        alternatives: &[&[Cue::WebConnector, Cue::Crash]],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
        kind: Kind::IntuitFault,
        alternatives: &[&[Cue::QbAny, Cue::Crash], &[Cue::QbDesktop, Cue::Crash]],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_DISCONTINUED_INTEGRATION,
        kind: Kind::Subject,
        // The second alternative (the words apart) is never Strong: see the reading.
        alternatives: &[
            &[Cue::Discontinued],
            &[Cue::WithdrawnWord, Cue::IntegrationWord],
        ],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_FIREWALL_ANTIVIRUS,
        kind: Kind::HandsOn,
        alternatives: &[&[Cue::Firewall, Cue::FirewallChange]],
        // "the antivirus check in Connex settings" is Connex's own setting.
        unless: Cue::ConnexSettings.bit() | Cue::ConnexApp.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_WEBSITE_SOURCE_CODE,
        kind: Kind::HandsOn,
        alternatives: &[&[Cue::CodeChange, Cue::SourceCode, Cue::Website]],
        unless: Cue::QbAny.bit() | Cue::NotSourceCode.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_WEBSITE_PLUGINS,
        kind: Kind::HandsOn,
        alternatives: &[
            &[Cue::SecurityPlugin],
            &[Cue::PluginChange, Cue::Plugin],
            &[Cue::SiteChange, Cue::SiteSettings],
        ],
        unless: Cue::ConnexApp.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_CHANNEL_PLUGINS,
        kind: Kind::Subject,
        alternatives: &[&[Cue::ThirdPartyApp, Cue::Channel]],
        unless: Cue::ConnexApp.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_PLUGIN_COMPATIBILITY,
        kind: Kind::Subject,
        // A plug-in that is not Connex's own: checked by the reading.
        alternatives: &[&[Cue::Compat, Cue::PluginAny]],
        unless: 0,
    },
    BoundaryDef {
        rule: rules::SCOPE_MATCH_RECORDS,
        kind: Kind::HandsOn,
        alternatives: &[&[Cue::RecordChange, Cue::Records, Cue::Match]],
        unless: Cue::Mapping.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_QUICKBOOKS_SETTINGS,
        kind: Kind::HandsOn,
        alternatives: &[
            &[Cue::SettingChange, Cue::QbSettings],
            &[Cue::SettingChange, Cue::Settings, Cue::QbAny],
            &[Cue::ConfigureQb],
        ],
        unless: Cue::ConnexSettings.bit() | Cue::Mapping.bit(),
    },
    BoundaryDef {
        rule: rules::SCOPE_CUSTOM_RULES,
        kind: Kind::Subject,
        alternatives: &[&[Cue::CustomRule]],
        unless: Cue::Guide.bit(),
    },
];

/// Whether `rule` is one of the boundaries a ticket can be answered with.
pub fn is_boundary(rule: RuleId) -> bool {
    BOUNDARIES.iter().any(|b| b.rule == rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_already_normalised() {
        for (cue, phrases) in LEXICON {
            for phrase in *phrases {
                let normal: Vec<String> = phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                assert_eq!(normal.join(" "), *phrase, "{cue:?} phrase {phrase:?}");
            }
        }
    }

    #[test]
    fn cues_fit_in_a_sentence_set() {
        assert!((Cue::AnotherIssue as u8) < 64);
    }

    #[test]
    fn every_boundary_but_13_is_listed_once() {
        let mut seen: Vec<RuleId> = BOUNDARIES.iter().map(|b| b.rule).collect();
        seen.sort_by_key(|r| r.as_str());
        seen.dedup();
        assert_eq!(seen.len(), 15);
        assert!(!seen.contains(&rules::SCOPE_DEVELOPER_ESCALATION));
    }
}
