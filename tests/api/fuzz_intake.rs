//! Property-based fuzzing of the JSON intake through the real server: the actix extractors,
//! the handlers' parsing and validation, and the database behind them. Bodies are valid
//! ticket, customer and SLA-preview bodies with fields dropped, replaced by arbitrary JSON,
//! or set to edge values (huge and odd numbers, far dates, long and odd Unicode strings),
//! plus arbitrary JSON and arbitrary bytes. Every answer must be a success or a 4xx
//! problem+json document with a `code`; never a 5xx, never a dropped connection.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use reqwest::Method;
use serde_json::{json, Map, Value};

use crate::helpers::{spawn_app, TestApp};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        edge_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn edge_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{feff}x\u{202e}".to_owned()),
        Just("x".repeat(1001)),
        Just("é".repeat(700)),
        prop::sample::select(vec![
            "connex",
            "storeconnect",
            "iex",
            "CONNEX",
            "gold",
            "platinum",
            "Ultra Plus",
            "critical",
            "urgent",
            "email",
            "phone",
            "annual",
            "monthly",
            "en",
            "de-CH",
            "2026-11-24T01:00:00Z",
            "2026-11-24",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "+275760-09-13T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "2026-02-30",
            "1999-12-31T23:59:59Z",
            "2026-11-24T01:00:00+14:00",
            "00000000-0000-0000-0000-000000000000",
            "not-a-uuid",
        ])
        .prop_map(str::to_owned),
    ]
}

/// One field change: drop it, or set it to an edge or arbitrary value.
fn mutation() -> impl Strategy<Value = (usize, Option<Value>)> {
    (
        any::<usize>(),
        prop_oneof![
            1 => Just(None),
            3 => edge_string().prop_map(|s| Some(Value::String(s))),
            2 => any_json().prop_map(Some),
            1 => prop::sample::select(vec![
                json!(i64::MAX), json!(i64::MIN), json!(u64::MAX), json!(-1), json!(0),
                json!(1e308), json!(-0.0), json!(true), json!([]), json!({}),
            ]).prop_map(Some),
        ],
    )
}

fn mutate(base: &Value, changes: &[(usize, Option<Value>)], extra: &[(String, Value)]) -> Value {
    let mut obj: Map<String, Value> = base.as_object().cloned().unwrap_or_default();
    let keys: Vec<String> = obj.keys().cloned().collect();
    for (i, v) in changes {
        let k = &keys[i % keys.len()];
        match v {
            None => {
                obj.remove(k);
            }
            Some(v) => {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
    for (k, v) in extra {
        obj.insert(k.clone(), v.clone());
    }
    Value::Object(obj)
}

#[derive(Debug, Clone)]
enum Case {
    Json { endpoint: usize, body: Value },
    Bytes { endpoint: usize, bytes: Vec<u8> },
}

const ENDPOINTS: [&str; 4] = [
    "/api/v1/tickets",
    "/api/v1/customers",
    "/api/v1/sla/preview",
    "PATCH /api/v1/customers/{id}",
];

fn case(bases: Vec<Value>) -> impl Strategy<Value = Case> {
    let n = bases.len();
    prop_oneof![
        6 => (
            0..n,
            prop::collection::vec(mutation(), 0..4),
            prop::collection::vec(("[a-z_]{1,12}", any_json()), 0..2),
        )
            .prop_map(move |(endpoint, changes, extra)| Case::Json {
                endpoint,
                body: mutate(&bases[endpoint], &changes, &extra),
            }),
        1 => (0..n, any_json()).prop_map(|(endpoint, body)| Case::Json { endpoint, body }),
        1 => (0..n, prop::collection::vec(any::<u8>(), 0..200))
            .prop_map(|(endpoint, bytes)| Case::Bytes { endpoint, bytes }),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intake_never_answers_5xx() {
    let app = spawn_app().await;
    let connex = app.connex_customer("fuzz-1", "gold").await;
    // Valid dates by the server's clock: renewing in 6 months, upgraded 11 months ago.
    let renews_on = (app.today() + chrono::Months::new(6)).to_string();
    let upgraded_on = (app.today() - chrono::Months::new(11)).to_string();
    let bases = vec![
        TestApp::ticket_body("connex", &connex, "Orders not syncing"),
        json!({
            "vendor": "connex", "external_id": "fuzz-new", "name": "Fuzz Inc.",
            "plan": "gold", "billing_cycle": "annual", "renews_on": renews_on,
            "upgraded_on": upgraded_on, "integration": "QuickBooks Online", "trial": false,
            "locale": "en",
            "reseller": {"id": "r-1", "name": "Reseller", "contact": "help@reseller.example"}
        }),
        json!({
            "vendor": "storeconnect", "plan": "small", "priority": "critical",
            "received_at": "2026-11-24T01:00:00Z"
        }),
        json!({"name": "Renamed", "plan": "platinum", "billing_cycle": "monthly",
               "renews_on": null, "trial": true}),
    ];
    let strategy = case(bases);
    let cases: usize = std::env::var("TIERLINE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let mut runner = TestRunner::new(Config {
        cases: cases as u32,
        ..Config::default()
    });
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for _ in 0..cases {
        let c = strategy
            .new_tree(&mut runner)
            .expect("a generated case")
            .current();
        let (endpoint, payload) = match &c {
            Case::Json { endpoint, body } => (*endpoint, serde_json::to_vec(body).unwrap()),
            Case::Bytes { endpoint, bytes } => (*endpoint, bytes.clone()),
        };
        let (method, path) = match ENDPOINTS[endpoint] {
            p if p.starts_with("PATCH ") => (
                Method::PATCH,
                p.trim_start_matches("PATCH ").replace("{id}", &connex),
            ),
            p => (Method::POST, p.to_owned()),
        };
        let res = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .bearer_auth(&app.admin)
            .header("content-type", "application/json")
            .body(payload)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: no answer ({e}) for {c:?}"));
        let reply = TestApp::reply(res).await;
        let status = reply.status.as_u16();
        *statuses.entry(status).or_default() += 1;
        assert!(
            status < 500,
            "{method} {path} answered {status} {} for {c:?}",
            reply.body
        );
        if status >= 400 {
            assert!(
                reply.content_type.starts_with("application/problem+json")
                    && reply.body["code"].is_string(),
                "{method} {path} answered {status} without a problem document: {} for {c:?}",
                reply.body
            );
        }
    }
    // Some cases must get through validation, or the fuzzing only tests the rejections.
    let ok: usize = statuses
        .iter()
        .filter(|(s, _)| **s < 300)
        .map(|(_, n)| n)
        .sum();
    assert!(ok > 0, "no case was accepted: {statuses:?}");
}

#[tokio::test]
async fn nul_in_a_query_is_400_not_500() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/tickets?vendor=a%00b",
        "/api/v1/queue?vendor=connex%00",
        "/api/v1/webhooks?vendor=%00",
    ] {
        app.get(path, &app.admin)
            .await
            .assert_problem(400, "invalid_query");
    }
}
