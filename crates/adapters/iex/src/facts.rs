//! IEX's intake questions: the structured facts a helpdesk can collect so that scope,
//! information needs and the readiness notice do not rest on reading free text.

use tierline_core::{FactKind, FactSpec, IntakeFacts};

/// What the ticket is about: the integration, setting up one system, or installation work
/// in the customer's own systems.
pub const QUESTION_ABOUT: &str = "question_about";
/// The customer has ordered setup from IEX (installation work in its systems is then done).
pub const HAS_SETUP_ORDER: &str = "has_setup_order";
/// Examples (order or product numbers) came with the ticket, e.g. as an attachment.
pub const EXAMPLES_ATTACHED: &str = "examples_attached";
/// Some of the customer's products lack product numbers.
pub const PRODUCTS_LACK_NUMBERS: &str = "products_lack_numbers";

/// The choices of [`QUESTION_ABOUT`].
pub const ABOUT_CHOICES: &[&str] = &["integration", "system_setup", "installation"];

/// The intake questions, in the order a form shows them.
pub const SPECS: &[FactSpec] = &[
    FactSpec {
        name: QUESTION_ABOUT,
        question: "Is the question about the integration, about setting up one system (webshop, accounting system, plugin), or about installing the integration in the customer's systems?",
        help: "integration: in scope. system_setup: referred to the system partner, vendor, web developer or accountant. installation: in scope only when the customer has a setup order.",
        kind: FactKind::Choice(ABOUT_CHOICES),
    },
    FactSpec {
        name: HAS_SETUP_ORDER,
        question: "Has the customer ordered setup from IEX?",
        help: "IEX does minor installation or implementation of the integration in the customer's systems only when setup has been ordered.",
        kind: FactKind::Boolean,
    },
    FactSpec {
        name: EXAMPLES_ATTACHED,
        question: "Did the customer send examples (order or product numbers) outside the text, e.g. as an attachment?",
        help: "A ticket without examples is accepted but asks for them.",
        kind: FactKind::Boolean,
    },
    FactSpec {
        name: PRODUCTS_LACK_NUMBERS,
        question: "Do some of the customer's products lack product numbers?",
        help: "Yes adds the notice that the customer is responsible for its systems' readiness; no suppresses it.",
        kind: FactKind::Boolean,
    },
];

/// What the ticket is about, per [`QUESTION_ABOUT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum About {
    /// The integration.
    Integration,
    /// Setting up one system.
    SystemSetup,
    /// Installation work in the customer's systems.
    Installation,
}

impl About {
    /// The fact's value as sent.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            About::Integration => "integration",
            About::SystemSetup => "system_setup",
            About::Installation => "installation",
        }
    }
}

/// The facts IEX's rules use, typed. Unknown or ill-typed facts are refused before
/// evaluation ([`tierline_core::validate_facts`]); a value that is not one of the
/// choices reads as absent here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    pub(crate) about: Option<About>,
    pub(crate) has_setup_order: Option<bool>,
    pub(crate) examples_attached: Option<bool>,
    pub(crate) products_lack_numbers: Option<bool>,
}

impl Facts {
    /// Reads the facts IEX uses.
    pub(crate) fn of(facts: &IntakeFacts) -> Facts {
        let about = match facts.choice(QUESTION_ABOUT) {
            Some("integration") => Some(About::Integration),
            Some("system_setup") => Some(About::SystemSetup),
            Some("installation") => Some(About::Installation),
            _ => None,
        };
        Facts {
            about,
            has_setup_order: facts.flag(HAS_SETUP_ORDER),
            examples_attached: facts.flag(EXAMPLES_ATTACHED),
            products_lack_numbers: facts.flag(PRODUCTS_LACK_NUMBERS),
        }
    }
}
