//! The phrases StoreConnect's priority rules turn on (the policy in code).
//!
//! Phrase language: see [`super::text`]. Each set is one kind of cue or qualifier; the reader in `super`
//! decides what the cues together mean.

use super::text::SetId;

pub(crate) const STORE_DOWN: SetId = 0;
pub(crate) const STORE_DOWN_HINT: SetId = 1;
pub(crate) const PURCHASE_BLOCKED: SetId = 2;
pub(crate) const PAYMENT_FAILURE: SetId = 3;
pub(crate) const MAJORITY: SetId = 4;
pub(crate) const PARTIAL: SetId = 5;
pub(crate) const WORKAROUND: SetId = 6;
pub(crate) const WORKAROUND_HINT: SetId = 7;
pub(crate) const INTERMITTENT: SetId = 8;
pub(crate) const RECOVERED: SetId = 9;
pub(crate) const NOT_PRODUCTION: SetId = 10;
pub(crate) const PRODUCTION_FINE: SetId = 11;
pub(crate) const PRODUCTION: SetId = 12;
pub(crate) const NO_URGENCY: SetId = 13;
pub(crate) const WRONG_PRICES: SetId = 14;
pub(crate) const LEGAL: SetId = 15;
pub(crate) const DISRUPTION: SetId = 16;
pub(crate) const DISRUPTION_HINT: SetId = 17;
pub(crate) const STALE_DATA: SetId = 18;
pub(crate) const TRAINING: SetId = 19;
pub(crate) const PROVISIONING: SetId = 20;
pub(crate) const GUIDANCE: SetId = 21;
pub(crate) const FEATURE_REQUEST: SetId = 22;
pub(crate) const WORKAROUND_WANTED: SetId = 23;
pub(crate) const FAULT_AREA: SetId = 24;
pub(crate) const FAULT: SetId = 25;
pub(crate) const RECURRING: SetId = 26;
pub(crate) const VENDOR_TEXT: SetId = 27;

/// Every set, indexed by the constants above.
pub(crate) const SETS: &[&[&str]] = &[
    STORE_DOWN_P,
    STORE_DOWN_HINT_P,
    PURCHASE_BLOCKED_P,
    PAYMENT_FAILURE_P,
    MAJORITY_P,
    PARTIAL_P,
    WORKAROUND_P,
    WORKAROUND_HINT_P,
    INTERMITTENT_P,
    RECOVERED_P,
    NOT_PRODUCTION_P,
    PRODUCTION_FINE_P,
    PRODUCTION_P,
    NO_URGENCY_P,
    WRONG_PRICES_P,
    LEGAL_P,
    DISRUPTION_P,
    DISRUPTION_HINT_P,
    STALE_DATA_P,
    TRAINING_P,
    PROVISIONING_P,
    GUIDANCE_P,
    FEATURE_REQUEST_P,
    WORKAROUND_WANTED_P,
    FAULT_AREA_P,
    FAULT_P,
    RECURRING_P,
    VENDOR_TEXT_P,
];

/// Words the clause analysis and the negation check use.
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
    "has", "have", "am", "any", "isn", "aren", "doesn", "shall", "might", "may",
];
pub(crate) const SUBJECTS: &[&str] = &[
    "the", "our", "my", "it", "there", "you", "we", "i", "this", "that", "your", "these", "those",
    "they", "he", "she", "someone", "anyone", "a", "an", "all", "some", "prices", "price", "store",
    "site", "website", "shop", "checkout",
];
pub(crate) const QUESTION_WORDS: &[&str] = &["why", "how", "what", "when", "where", "which", "who"];
pub(crate) const OPENERS: &[&str] = &[
    "hi", "hello", "hey", "so", "also", "and", "but", "quick", "question", "just", "please",
    "team", "guys", "ok", "okay", "um", "sorry",
];
pub(crate) const NEGATORS: &[&str] = &[
    "not", "no", "never", "t", "without", "isnt", "arent", "wasnt", "dont", "doesnt", "didnt",
    "hasnt", "havent", "nothing",
];
pub(crate) const CONDITIONALS: &[&str] = &["if", "whether", "unless", "case", "should"];

/// Every grammar word (interned before the phrases).
pub(crate) const GRAMMAR: &[&[&str]] = &[
    AUXILIARIES,
    SUBJECTS,
    QUESTION_WORDS,
    OPENERS,
    NEGATORS,
    CONDITIONALS,
];

// Site nouns as one slot and an optional second word.
// store|site|website|webstore|webshop|shop|storefront|checkout|homepage|cart

const STORE_DOWN_P: &[&str] = &[
    "store|site|website|webstore|webshop|shop|storefront|homepage|checkout s ?completely|totally|still|now|just|gone down|offline|unavailable|unreachable|dead",
    "homepage|home|site|store|website|shop|checkout ?page gives|giving|shows|showing|returns|returning|throws ?a|an ?http ?error 404|500|502|503|504",
    "showing|shows|stuck ?on ?the|your|a maintenance page|mode|screen",
    "store|site|website|webstore|webshop|shop|storefront|homepage is|was|are|isn|isnt ?not|t open|opening|reachable|accessible",
    "customers|customer|shoppers|visitors|people cannot|cant|unable ?to enter|access|reach|visit|open ?the|our ?site|store|shop|website",
    "store|site|website|webstore|webshop|shop|storefront|checkout|homepage|web|front|everything ?page|site|store|shop|end ?is|was|has|have|went|are|seems|appears|looks ?to ?be ?been|gone ?completely|totally|entirely|fully|still|now|currently|again|just down|offline|unavailable|unreachable|inaccessible|dead",
    "store|site|website|webstore|webshop|shop|storefront|homepage ?is|was|are ?completely|totally|still ?not reachable|accessible|available|loading|responding",
    "store|site|website|webstore|webshop|shop|storefront|homepage ?is|has ?completely gone",
    "complete|total|full|major|entire|whole ?site|store outage|outage|blackout|downtime",
    "whole|entire ?site|store|website|shop is|was down|dead|offline|gone",
    "cannot|cant|unable ?to load|reach|access|open ?the|our|my store|site|website|webstore|webshop|shop|storefront",
    "can|could|couldn t|not load|reach|access|open ?the|our|my store|site|website|webstore|webshop|shop|storefront",
    "store|site|website|webstore|webshop|shop|storefront|homepage won|doesn|wont|doesnt|isn|will|does ?t|not load|open|respond",
    "cannot|cant|unable ?to take|accept|receive ?any|new orders|sales|payments",
    "can|could|couldn t|not take|accept|receive ?any|new orders|sales|payments",
    "can t be reached",
    "cannot be reached",
    "service|server unavailable",
    "returned|returns|returning|gives|giving|give|shows|showing|show|get|getting|throws|throwing ?a|an ?http|error 500|502|503|504",
    "500|502|503|504 ?internal ?server error",
    "down|offline|unavailable for everyone|everybody|all",
    "none|nobody ?of ?our ?customers can|could access|reach|open|load",
    "blank|white page|screen",
];

const STORE_DOWN_HINT_P: &[&str] = &[
    "it|its ?s|is ?completely|totally|entirely|now|still down|offline ?again|now",
    "nobody|noone|customers|customer can|could|cannot|cant ?t log|login|sign",
    "store|site|website|webstore|webshop|shop|storefront|homepage ?is|isn ?not|t working",
    "site|store|website|shop|webshop down",
    "is|are the|our store|site|website|shop down",
    "pages|page|site|store|website fail|fails|failing|failed to show|load",
    "outage|outages|downtime|crashes|crashing",
    "store|site|website|webstore|webshop|shop|storefront|homepage keeps|kept ?on going|coming down|offline",
    "going|goes|went|gone up and down",
];

const PURCHASE_BLOCKED_P: &[&str] = &[
    "nobody|noone|none has|have|had ?been able to buy|purchase|order|checkout|check|pay|complete|place",
    "no one has|have|had ?been able to buy|purchase|order|checkout|check|pay|complete|place",
    "not getting|receiving any|new orders|sales",
    "cart|checkout|pay|buy|purchase button|buttons ?does|do|is|are nothing|broken|dead|unresponsive",
    "cart|checkout|pay|buy|purchase button|buttons doesn|don|isn|aren ?t work|working",
    "cannot|cant|unable ?t ?to take|accept|receive|place|process ?any|new|an orders|order|sales|payments",
    "not able to take|accept|receive|place|process ?any|new|an orders|order|sales|payments",
    "can|could t|not take|accept|receive|place|process ?any|new|an orders|order|sales|payments",
    "nobody|noone|none got|gets|has|have|could|can ?got|get through",
    "nobody|noone|none ?customer|customers|of ?our ?customers ?is|are|can|could ?able ?to buy|purchase|order|checkout|check|pay|complete|get",
    "no one|customer ?is|are|can|could ?able ?to buy|purchase|order|checkout|check|pay|complete",
    "customers|shoppers|buyers|users|people|members|visitors cannot|cant|unable ?to buy|purchase|order|checkout|check|pay|complete|place",
    "customers|shoppers|buyers|users|people|members|visitors can|could|couldn|are|aren t|not ?able ?to buy|purchase|order|checkout|check|pay|complete|place",
    "customers|shoppers|buyers|users|people|members|visitors are ?completely|totally unable to buy|purchase|order|checkout|check|pay|complete|place",
    "cannot|cant|unable ?to process ?any payments|transactions|orders",
    "can|could|couldn t|not process ?any payments|transactions|orders",
    "no|zero orders|sales since|today|all|this|in|for",
    "haven|hasn t had|got|received|seen ?a|one|any ?single successful order|orders|sale|sales|payment|payments",
    "not|no a|one|any ?single successful order|sale|payment",
    "cannot|cant checkout|pay|purchase",
    "can|could t checkout|pay|purchase",
    "checkout|cart is|was broken|dead for everyone|everybody|all",
    "checkout|cart broken|down for everyone|everybody|all",
    "no|zero orders ?are|have coming|come|came through",
];

const PAYMENT_FAILURE_P: &[&str] = &[
    "payment|payments|checkout|checkouts|gateway|gateways|stripe|paypal|braintree|adyen|afterpay|eway|windcave|zip|transaction|transactions|card|cards ?gateway|gateways|processing|processor|provider|payments ?is|are|was|were|has|have|keeps|keep ?being|been|started ?completely|totally|constantly|randomly|intermittently|sometimes|occasionally|now|still|all fail|fails|failing|failed|failure|failures|error|errors|erroring|declined|declining|declines|rejected|rejecting|broken|down|timing|timeout|timeouts",
    "fail|fails|failing|failed|failure|failures|error|errors|declines|timeouts with|on|in|at|from|during|when ?the|our|some|all|every|a|taking|processing ?the|our payment|payments|checkout|checkouts|gateway|gateways|card|cards|transaction|transactions",
    "payment|payments|transaction|transactions|checkout ?gateway|processing ?is|are|was|were|isn|aren|wasn|weren|has|have|haven|hasn not|t ?been working|going|processing|completing|succeeding",
    "payment|payments|checkout ?gateway|processing not working|going|processing|completing",
    "payment|payments|transaction|transactions failed|declined|rejected",
    "declining|rejecting|failing all|every|most ?of ?the ?visa|mastercard|amex|card|credit payments|transactions|cards|orders",
    "payment|payments|checkout not|isnt|isn ?t working",
    "payments|checkout are|is not|isnt|isn ?t working",
];

const MAJORITY_P: &[&str] = &[
    "all|most|every|majority ?of ?our|the|my customers|customer|shoppers|buyers|users|orders|transactions|payments|cards|checkouts|members|visitors",
    "majority",
    "everyone|everybody",
    "every|each ?single order|transaction|payment|customer|checkout",
    "nobody|noone",
    "no one",
    "none of ?our customers|the",
    "zero orders|sales",
    "not one|a ?single order|sale",
    "all ?credit|debit ?card|visa|mastercard|amex payments|transactions|cards",
];

const PARTIAL_P: &[&str] = &[
    "couple ?of ?our customers|customer|shoppers|buyers|users|people",
    "for|to one|a|single customer|shopper|buyer|user",
    "some|few|certain|particular|specific|handful ?of ?our|the|my customers|customer|shoppers|buyers|users|orders|transactions|payments|people|members|visitors",
    "not all",
    "others|everyone ?else ?are|is|seem ?paying|buying|ordering fine|ok|okay",
    "one|a|single customer|shopper|user|buyer says|said|reports|reported|has|had|gets|got|can|cannot|cant|is",
    "works|working fine|ok|okay for me|us|others|some",
    "it works|worked for me|us",
    "most orders|payments|customers|transactions go|are|work|get ?through|fine|ok",
    "only ?on|with|for|the amex|mastercard|visa|diners|some|one|afterpay|paypal|apple|google|iphones|safari|android",
    "some iphones|browsers|devices|phones|android",
    "visa|mastercard|amex|card|credit|paypal|afterpay ?card ?payments ?are|is ?still work|works|working|fine|ok|okay",
    "a few of our customers|users",
];

const WORKAROUND_P: &[&str] = &["workaround|workarounds", "work around|arounds"];

const WORKAROUND_HINT_P: &[&str] = &[
    "in the meantime",
    "for now",
    "temporarily|temporary",
    "which works|worked",
    "pay|paying by card|credit|paypal instead",
    "manually refund|refunding|fix|fixing|process|processing|adjust|adjusting",
];

const WORKAROUND_WANTED_P: &[&str] =
    &["need|want|give|provide|suggest|any|is|there|know|find ?a|any|us ?a workaround|work"];

const INTERMITTENT_P: &[&str] = &[
    "intermittent|intermittently|sporadic|sporadically|occasional|occasionally|periodic|periodically|random|randomly|sometimes|flaky|flakey|intermitted",
    "on and off",
    "off and on",
    "up and down",
    "from time to time",
    "now and again|then",
    "every few hours|minutes|days",
    "a few|couple|several|number ?of times",
    "several|many|multiple times",
    "comes|came back after",
    "keeps|kept ?on going|coming down|offline",
    "store|site|website|webstore|webshop|shop|storefront|homepage keeps|kept ?on ?going down|crashing|failing|dropping|timing|going",
    "comes|came back ?up|online ?by itself|on its own",
    "at peak times",
];

const RECOVERED_P: &[&str] = &[
    "it|its|site|store|shop|website ?s|is back now|again|up|online",
    "back up|online",
    "back to normal",
    "working|running again",
    "works|working|loads|fine|ok now|again",
    "resolved|fixed itself|now",
    "thanks|thank ?you for ?the|a ?quick fixing|fix|resolving|sorting",
];

const NOT_PRODUCTION_P: &[&str] = &[
    "staging|sandbox|uat|test|testing|dev|development|preview|demo ?site|store|shop|website|environment|org|server|instance|checkout",
    "on|in ?the|our staging|sandbox|uat",
    "staging|sandbox|uat is|was|are|has|keeps",
    "staging|uat down",
    "test card|cards",
];

const PRODUCTION_FINE_P: &[&str] = &[
    "production|live ?site|store|website|shop ?is|are|seems|looks ?fine|ok|okay|unaffected|working|good",
];

const PRODUCTION_P: &[&str] = &["production|live site|store|website|shop", "production"];

const NO_URGENCY_P: &[&str] = &[
    "when|whenever you ?guys have|get ?a time|chance|moment",
    "no rush|hurry",
    "not urgent",
    "not in a hurry|rush",
    "low priority",
    "whenever you can",
];

const WRONG_PRICES_P: &[&str] = &[
    "usd|aud|nzd|eur|gbp|dollars instead of",
    "wrong currency",
    "gst|tax|vat|shipping|freight ?is|are|was|were ?being added|charged|applied|calculated twice",
    "charged|charging|billed # for ?a|an|the ?# item|items|product|products",
    "decimal|decimals|cents ?point ?is|are|was|were wrong|incorrect|missing|off",
    "see|sees|seeing|get|gets|getting|charged|pay|pays|paying the|a normal|full|regular|retail|standard|rrp|non ?member price|prices|pricing",
    "price|prices|pricing ?on|in ?the|our ?site|website|store|shop went|dropped|changed|reset|jumped|fell|set ?to|down ?to 0|zero|nothing",
    "shows|showing|show|displays|displaying|displayed|listed|priced ?as|at # on|in ?the|our site|website|store|shop|storefront|frontend but|while|whereas",
    "prices|price are|is ?being shown|showing|displayed|listed without|excluding|ex gst|tax|vat",
    "misleading ?prices|price|pricing",
    "incorrect|incorrectly|wrong|wrongly|bad|invalid|mismatched|mismatching|old|previous ?product|sale|retail|list|unit|member|shipping price|prices|pricing|priced",
    "price|prices|pricing ?are|is|were|was|have|has|got ?being|been|all ?shown|showing|displayed|displaying|listed|calculated|calculating|charged|set|changed|coming ?up|through ?as|at incorrect|incorrectly|wrong|wrongly",
    "calculating|calculates|calculated|showing|shows|charging the wrong|incorrect price|prices|amount|total",
    "mispriced|mispricing|misprice",
    "price|prices|priced|showing|shows|show|listed|at|for|of ?a ?price ?of|at 0|zero",
    "ordering|buying|getting|get them|it|products|items for free",
    "price|prices|pricing _ ?_ ?_ ?_ are|is|were|was wrong|incorrect",
    "# instead of",
    "price|prices instead",
    "prices|price ?have|has doubled|halved|tripled|changed",
    "overcharged|overcharging|undercharged|undercharging",
    "charged twice",
    "double charged|charging",
    "charged|paying ?the full|retail|wrong ?price",
];

const LEGAL_P: &[&str] = &[
    "going|sent|sending|goes|go to the wrong customer|customers|person|people|recipient|recipients",
    "full|credit ?card numbers|number|details ?are|is|were ?visible|exposed|shown|showing|stored|logged|saved|in",
    "someone|somebody else s|elses invoice|invoices|order|orders|details|address|addresses|data|information|account",
    "another customer|customers ?s invoice|invoices|order|orders|details|address|addresses|data|information|account",
    "lawyer|lawyers|solicitor|solicitors|attorney|attorneys says|said|told|advised|advises",
    "legally required|obliged|obligated|bound",
    "required|mandatory by law",
    "against the law",
    "legal liability|liabilities|risk|risks|exposure|issue|issues|problem|problems|action|breach|trouble|requirement|requirements",
    "liability|liable|lawsuit|lawsuits|litigation|sued|illegal|unlawful",
    "privacy|data|gdpr|pci|compliance|security breach|breaches|violation|violations|leak|leaks|incident|issue",
    "consumer|privacy law|laws|act",
    "non|not ?gdpr|pci|ato|legally|fully|tax compliant|compliance",
    "noncompliant|noncompliance",
    "breaching|breach|breaches|violating|violate the|our|of",
    "spam act",
    "lose|losing our ?liquor licence|license",
    "visible|exposed|shown to other|another customers|customer|shoppers|users",
    "see another|other customer|customers|user|users",
    "personal|customer|customers ?personal data|details|information|info|addresses|names ?are|is visible|exposed|public|leaked|leaking",
    "exposed|leaked|leaking ?other ?customers|customer ?personal data|details|information|addresses|names|emails|phone",
    "showing|shows other customers|customer ?personal data|details|information|addresses|names|emails|phone",
];

const DISRUPTION_P: &[&str] = &[
    "can|cannot|cant|unable ?t ?to pick|pack|ship|dispatch ?or ?pick|pack|ship|dispatch anything|orders",
    "can|cannot|cant ?t really|even|simply|basically sell|trade|operate",
    "whole|entire operation|operations|business|warehouse ?has|is|was stopped|halted|down|frozen|paralysed|paralyzed",
    "severely|seriously|significantly|massively disrupting|disrupted|impacting|affecting|hurting",
    "severe|major|significant|serious disruption",
    "business ?has|is ?come|ground ?to ?a standstill|halt",
    "stopped|stop shipping|trading",
    "cannot|cant|can t fulfil|fulfill|ship ?any orders",
];

const DISRUPTION_HINT_P: &[&str] = &[
    "loose|loosing money|sales|revenue|orders|customers",
    "losing|lose|lost money|sales|revenue|thousands|orders|customers",
    "top|highest priority",
];

const STALE_DATA_P: &[&str] = &[
    "returns|returning|shows|showing|gives|giving nothing|0|zero|no results|result",
    "stale|outdated|obsolete",
    "out of date",
    "incorrect|wrong|old|inconsistent data|information|info|stock|inventory|content|details|descriptions|images|categories|availability|totals|counts|count|text",
    "stock|inventory|counts|count|levels|descriptions|availability ?are|is|on ?the|category ?pages ?are|is wrong|incorrect",
    "not|t|stopped ?been updating|syncing|synching|synchronising|synchronizing|synced|synchronised|synchronized|refreshing|reflecting|appear|appearing",
    "sync|syncing|synching|synchronisation|synchronization|synchronising|synchronizing issue|issues|error|errors|problem|problems|failure|failures|failing|failed|delay|delays|delayed|broken|stopped|stuck|lag",
    "delayed|taking by|hours|a",
    "still show|shows|showing the old|previous",
    "to sync",
];

const TRAINING_P: &[&str] = &[
    "training|trainings|tutorial|tutorials|onboarding|walkthrough",
    "train ?our|my|the|new|a staff|team|users|people|admins|admin|colleagues|employees|member",
    "walk us through",
    "show them|us how",
    "new starters|staff|team",
];

const PROVISIONING_P: &[&str] = &[
    "provision|provisioning|provisioned",
    "sandbox|sandboxes",
    "new|another|additional|second|extra store|stores|storefront|environment|environments|sandbox|sandboxes|instance|service|services|domain",
    "set|setting|spin|spinning up ?a|an|the|our ?new store|site|sandbox|environment|instance|service",
    "create|add an|a ?new admin|user|login|account",
    "reset ?my|the|our password",
    "new domain",
];

const GUIDANCE_P: &[&str] = &[
    "guidance|advice|advise|recommendations|guide",
    "best practice|practices|approach|way",
    "how should|do|can|would|could we|i implement|configure|set|setup|use|build|approach|structure|design|model|handle|change|add",
    "how to implement|configure|set|setup|use|build|approach|structure|design",
    "what do|does we|i need",
    "what are the steps",
    "do you support",
    "can|could you explain|tell",
    "where do|can i|we",
    "trying to understand",
];

const FEATURE_REQUEST_P: &[&str] = &[
    "accelerated development",
    "co develop|developing|development|develops",
    "feature|enhancement|improvement request|requests|suggestion|suggestions|idea|ideas",
    "new feature|features",
    "enhancement|enhancements|wishlist",
    "wish list",
    "nice to have",
    "would be nice|great|good|helpful|useful|handy|awesome if|to",
    "would love ?the|a|to ability|option|feature|see|have",
    "could|can|would you ?please add|consider|build|implement|introduce|support|show|display|include",
    "please add",
    "any plans to support|add|offer|introduce",
    "be great to have",
];

/// Where a fault can be critical: the store itself, buying and paying, prices, customer data.
const FAULT_AREA_P: &[&str] = &[
    "store|site|website|webstore|webshop|shop|storefront|homepage|checkout|cart|basket",
    "payment|payments|pay|transaction|transactions|card|cards|gateway",
    "price|prices|pricing|priced|discount|discounts|tax|gst|shipping",
    "personal|customer|customers data|details|information|info|addresses|names|emails",
];

/// A fault, stated: in a critical area (same sentence, within six words) it is a critical
/// hint when no phrase graded it.
const FAULT_P: &[&str] = &[
    "error|errors|broken|fail|fails|failing|failed|failure|wrong|incorrect|exposed|leak|leaking|leaked|dead|crash|crashing|crashed|declined|declining|reloads|hangs|freezes|spins|stuck|gone|missing|disappeared|vanished",
    "not|isn|doesn|won|wont|isnt|doesnt|aren|arent|t working|work|loading|load|showing|applying|displaying|appearing",
    "stopped working",
    "does|do|did nothing",
    "keeps|kept loading|spinning|reloading|timing",
];

/// An outage counted ("twice", "the third time this week"): it recurs, but the text does not
/// say it is over, so it lowers a critical cue only unsurely (a Moderate *intermittent*).
const RECURRING_P: &[&str] = &[
    "twice",
    "two|three|four|five|# times",
    "second|third|fourth|fifth time",
    "happened|happens|happening again",
    "again and again",
];

/// The customer cites StoreConnect's own documents ("your SLA says 'Store is completely
/// unavailable or down' is critical"): what that sentence quotes is the policy, not a report.
const VENDOR_TEXT_P: &[&str] = &[
    "your|the|storeconnect sla|slas|policy|policies|documentation|docs|terms|agreement|contract says|states|defines|lists|reads|mentions|describes",
    "according to your|the sla|policy|documentation|docs|terms|agreement|contract",
];
