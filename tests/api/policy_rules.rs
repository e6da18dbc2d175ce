//! The policy rules of the lifecycle issue, one test per rule, at the API level: each
//! failed on the code before its rule was implemented.

use serde_json::{json, Value};

use crate::helpers::TestApp;

/// The rule ids of an explanation array.
fn rules_of(explanation: &Value) -> Vec<String> {
    explanation
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["rule"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A Connex customer with the given plan and billing cycle.
async fn connex_customer(app: &TestApp, external: &str, plan: &str, cycle: &str) -> String {
    app.customer(json!({
        "vendor": "connex", "external_id": external, "name": "Acme",
        "plan": plan, "billing_cycle": cycle
    }))
    .await
}

/// A Connex ticket reporting a QuickBooks Web Connector crash: routed to Intuit at intake.
fn intuit_ticket(customer: &str) -> Value {
    json!({
        "vendor": "connex", "customer_id": customer,
        "subject": "Web Connector crashes",
        "description": "The QuickBooks Web Connector crashes every time the sync starts.",
        "channel": "email", "received_at": "2026-11-20T15:00:00Z"
    })
}

mod no_support_level {
    use super::*;
    use crate::helpers::spawn_app;

    /// `connex.escalation.from_tier_one`: a ticket routed to Intuit has no support level;
    /// it used to escalate to any tier on any plan (its `from` fell back to the target and
    /// passed as "not upward"). It escalates from Tier 1 under the normal checks.
    #[tokio::test]
    async fn a_ticket_without_a_level_escalates_from_tier_one() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "intuit-1", "silver", "monthly").await;
        let ticket = app
            .ticket(&app.admin.clone(), &intuit_ticket(&customer))
            .await;
        assert_eq!(ticket["routing"]["kind"], "third_party", "{ticket}");
        let id = ticket["id"].as_str().unwrap();
        let r = app
            .post(
                &format!("/api/v1/tickets/{id}/escalations"),
                &agent,
                &json!({"to_tier": 3}),
            )
            .await;
        r.assert_problem(409, "escalation_not_allowed");
        assert!(
            rules_of(&r.body["explanation"]).contains(&"connex.escalation.from_tier_one".into()),
            "{}",
            r.body
        );
        assert_eq!(app.history(id).await, ["created", "routed"]);
    }
}
