"""A helpdesk integration flow through the client that openapi-python-client generates from
api-spec/openapi.json, against a live server: what a Zendesk or Freshdesk bridge does.

Usage: python helpdesk_flow.py BASE_URL HELPDESK_TOKEN AGENT_TOKEN WEBHOOK_URL
(the generated package `client` must be importable). Exits non-zero on the first surprise.
"""

import sys

from client import AuthenticatedClient
from client.api.customers import put_customer
from client.api.tickets import (
    create_escalation,
    create_ticket,
    create_ticket_event,
    get_queue,
    list_ticket_events,
    list_tickets,
)
from client.api.webhooks import create_webhook, list_webhooks, ping_webhook
from client.models import (
    CreateEscalation,
    CreateTicket,
    CreateTicketEvent,
    CreateWebhook,
    PutCustomer,
)

BASE, HELPDESK, AGENT, HOOK_URL = sys.argv[1:5]
helpdesk = AuthenticatedClient(base_url=BASE, token=HELPDESK)
agent = AuthenticatedClient(base_url=BASE, token=AGENT)


def expect(response, status, what):
    """The response's parsed body, after checking its status."""
    if response.status_code != status:
        sys.exit(f"FAIL {what}: expected {status}, got {response.status_code}: {response.content!r}")
    print(f"ok   {what}: {status}")
    return response.parsed


def member(problem, name):
    """A member of a problem document, declared or extra."""
    return problem.to_dict().get(name)


# 1. The helpdesk organisation becomes a customer: one idempotent upsert by its own id.
org = PutCustomer.from_dict(
    {"name": "Acme Outdoor Supply", "plan": "gold", "billing_cycle": "annual"}
)
customer = expect(
    put_customer.sync_detailed("connex", "zd-org-360", client=helpdesk, body=org),
    201,
    "PUT /customers/external/connex/zd-org-360 creates",
)
again = expect(
    put_customer.sync_detailed("connex", "zd-org-360", client=helpdesk, body=org),
    200,
    "the same upsert again updates",
)
assert again.id == customer.id, (again.id, customer.id)

# 2. A helpdesk ticket arrives: intake with the helpdesk's ticket id.
def new_ticket(external_ref, subject):
    return CreateTicket.from_dict(
        {
            "vendor": "connex",
            "customer_id": str(customer.id),
            "subject": subject,
            "description": "Order 1001 is missing in QuickBooks Online.",
            "channel": "email",
            "external_ref": external_ref,
        }
    )


ticket = expect(
    create_ticket.sync_detailed(client=helpdesk, body=new_ticket("ZD-1001", "Orders not syncing")),
    201,
    "POST /tickets with external_ref",
)
assert ticket.external_ref == "ZD-1001"
dup = expect(
    create_ticket.sync_detailed(client=helpdesk, body=new_ticket("ZD-1001", "Orders not syncing")),
    409,
    "the same helpdesk ticket again",
)
assert member(dup, "code") == "ticket_exists", dup.to_dict()
assert member(dup, "existing_id") == str(ticket.id), dup.to_dict()
found = expect(
    list_tickets.sync_detailed(client=helpdesk, external_ref="ZD-1001"),
    200,
    "GET /tickets?external_ref=ZD-1001",
)
assert [t.id for t in found.items] == [ticket.id]

# 3. What happens in the helpdesk: the agent answers, waits on the customer, who answers.
for kind in ["responded", "pending", "resumed"]:
    change = expect(
        create_ticket_event.sync_detailed(
            ticket.id, client=helpdesk, body=CreateTicketEvent.from_dict({"type": kind})
        ),
        201,
        f"POST /tickets/{{id}}/events {kind}",
    )
history = expect(
    list_ticket_events.sync_detailed(ticket.id, client=helpdesk), 200, "the history"
)
kinds = [e.kind for e in history.items]
assert kinds[:2] == ["created", "routed"] and len(kinds) == 5, kinds

# 4. Escalation: not the helpdesk's to make; Tier 3 is beyond Gold's ceiling (refused with
# the rule and the reason), Tier 2 is within it.
tier3 = CreateEscalation.from_dict({"to_tier": 3})
expect(
    create_escalation.sync_detailed(ticket.id, client=helpdesk, body=tier3),
    403,
    "a helpdesk token may not escalate",
)
refused = expect(
    create_escalation.sync_detailed(ticket.id, client=agent, body=tier3),
    409,
    "escalation refused by the policy",
)
assert member(refused, "code") == "escalation_not_allowed", refused.to_dict()
assert member(refused, "rule"), refused.to_dict()
print(f"     rule {member(refused, 'rule')}: {member(refused, 'reason')}")
expect(
    create_escalation.sync_detailed(
        ticket.id,
        client=agent,
        body=CreateEscalation.from_dict({"to_tier": 2}),
    ),
    201,
    "escalation to Tier 2 allowed",
)

# 5. Paging: more tickets, read back two at a time; then "changed since" polling.
for n in range(2, 6):
    expect(
        create_ticket.sync_detailed(
            client=helpdesk, body=new_ticket(f"ZD-100{n}", f"Ticket {n}")
        ),
        201,
        f"POST /tickets ZD-100{n}",
    )
seen, cursor, pages = [], None, 0
while True:
    kwargs = {"cursor": cursor} if cursor else {}
    page = expect(
        list_tickets.sync_detailed(client=helpdesk, vendor="connex", limit=2, **kwargs),
        200,
        f"GET /tickets page {pages + 1}",
    )
    seen += [t.external_ref for t in page.items]
    pages += 1
    cursor = page.next_cursor
    if not cursor:
        break
assert sorted(seen) == [f"ZD-100{n}" for n in range(1, 6)] and pages == 3, (seen, pages)
polled, cursor = [], None
while True:
    kwargs = {"cursor": cursor} if cursor else {}
    page = expect(
        list_tickets.sync_detailed(
            client=helpdesk, updated_since=ticket.created_at, limit=2, **kwargs
        ),
        200,
        "GET /tickets?updated_since= page",
    )
    polled += page.items
    cursor = page.next_cursor
    if not cursor:
        break
positions = [(t.updated_at, str(t.id)) for t in polled]
assert positions == sorted(positions) and len(polled) == 5, positions
assert polled[0].id == ticket.id, "the escalated ticket changed before the others existed"

# 6. The working queue.
queue = expect(get_queue.sync_detailed(client=helpdesk, vendor="connex"), 200, "GET /queue")
assert len(queue.items) == 5, len(queue.items)

# 7. Webhooks back into the helpdesk: subscribe, list, ping.
hook = expect(
    create_webhook.sync_detailed(
        client=agent,
        body=CreateWebhook.from_dict(
            {
                "vendor": "connex",
                "url": HOOK_URL,
                "events": ["ticket.updated", "ticket.escalated", "sla.warning", "sla.breached"],
            }
        ),
    ),
    201,
    "POST /webhooks",
)
assert hook.secret.startswith("whsec_")
hooks = expect(list_webhooks.sync_detailed(client=agent), 200, "GET /webhooks")
assert [h.id for h in hooks.items] == [hook.id]
expect(ping_webhook.sync_detailed(hook.id, client=agent), 202, "POST /webhooks/{id}/ping")
print("the helpdesk flow passed")
