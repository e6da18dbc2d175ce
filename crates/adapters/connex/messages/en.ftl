# Connex (Sync with Connex): customer messages and rule explanations, English.
# Keys `connex.<area>.<name>` are rule ids (their explanation sentence); keys
# `connex.customer.*` are sent to customers.

## Customer messages
connex.customer.received = Thank you, we have your ticket. Connex answers support tickets within one business day (Monday to Friday, 9 am to 4 pm US Eastern time, closed on major holidays).
connex.customer.out_of_scope = This request is outside the scope of Connex support: {boundary} {pointer}
connex.customer.pointer_knowledge_base = You will find step-by-step help in our knowledge base and video library: {url}
connex.customer.pointer_intuit = The QuickBooks Web Connector and QuickBooks Desktop are Intuit products; we will help you open a support case with Intuit: {url}
connex.customer.developer_escalation = Your plan includes Tier 1 support. To have our Tier 2 developers work on your ticket, upgrade to the Platinum annual plan ({price} per year), which also includes 10 hours of developer time every year.
connex.customer.status_page = Major outages are announced on our status page: {url}
connex.customer.regression = If a recent Connex update has changed how your account works, we will ask our developers to help, at no charge to developer hours.

## Catalog
connex.catalog.tier_ceiling = The {plan} plan reaches up to Tier {ceiling} (Connex's Service Level Agreement: Platinum Tier 3, Gold Tier 2, every other plan Tier 1).
connex.catalog.gold_ceiling = Gold's ceiling is configured as Tier {ceiling} (Connex's Service Level Agreement says Tier 2 and is the default; its Support Policy FAQ says Tier 1).

## Intake
connex.intake.tier_one = All Connex plans include Tier 1 support: the ticket starts at Tier 1 and is not billed.
connex.intake.priority_unused = Connex has no priority scheme: a priority set on the ticket is kept as given and changes no target and no queue position.
connex.routing.third_party_case = Connex keeps the ticket in its working queue as a third-party case: it helps open the case with Intuit and still owes the answer within 1 business day, whose clock keeps running.
connex.intake.status_page = The ticket reports an outage: the answer points to the status page ({url}), where major outages are announced.
connex.routing.intuit = The ticket reports a QuickBooks Web Connector or QuickBooks Desktop fault: Connex helps the customer open a support case with Intuit.

## Triage: what decided scope and routing
connex.triage.ruling = A person re-triaged this ticket ({what}); the ruling outranks the intake answers and the text.
connex.triage.fact = The intake answer {fact} = {value} decided: {what}.
connex.triage.unsure = The ticket hints at work outside Connex support or at a QuickBooks fault ({what}) without stating it plainly: it stays in scope with Connex and is flagged for a person to triage.
connex.triage.regression_conflict = The ticket reports a QuickBooks fault but says a recent Connex update caused it: Connex keeps it (a recent update may go to the developers) and it is flagged for a person to triage.
connex.triage.not_a_request = The ticket mentions work outside Connex support ({what}), but as something the customer did, asks how to do, or says did not happen, not as a request to Connex: it stays in scope.

## Scope: the boundaries of Connex's Support Policy FAQ
connex.scope.discontinued_integration = Support for discontinued integrations goes no further than our knowledge base and video library.
connex.scope.reinstall_web_connector = We do not uninstall and reinstall the QuickBooks Web Connector for desktop users.
connex.scope.reinstall_quickbooks_desktop = We do not uninstall and reinstall QuickBooks Desktop.
connex.scope.firewall_antivirus = We do not change firewall or antivirus software on your computer.
connex.scope.website_source_code = We do not alter the source code of your website to make our sync work differently.
connex.scope.website_plugins = We do not update plug-in versions or change website settings to make our sync work, including security and caching plug-ins that can prevent our software from syncing.
connex.scope.channel_plugins = We do not support third-party plug-ins for selling channels (for example, a discount plug-in for Shopify that fails to sync discounts to QuickBooks).
connex.scope.plugin_compatibility = We make no guarantee that third-party plug-ins are compatible with our software; a plug-in may prevent it from running or from syncing sales accurately.
connex.scope.registry_logs = We do not change your system registry to pull logs.
connex.scope.sdk_logs = We do not pull the QB SDK or QBXML logs from your computer.
connex.scope.quickbooks_desktop_crashes = We do not troubleshoot why QuickBooks Desktop crashes on your computer.
connex.scope.web_connector_crashes = We do not troubleshoot why the QuickBooks Web Connector crashes on your computer.
connex.scope.developer_escalation = Tickets are expedited to our software developers only on the Platinum plan (annual, within the plan's tier ceiling); other plans receive Tier 1 support, unless a recent update has altered how the account works.
connex.scope.match_records = We do not change customers or products in your selling channel or QuickBooks to make them match.
connex.scope.quickbooks_settings = We do not alter settings in QuickBooks to make our sync work differently; our knowledge base has step-by-step instructions.
connex.scope.custom_rules = We do not troubleshoot rules outside our list of common rules; rules written outside our guides must be troubleshot by their author.

## SLA and queue
connex.sla.first_response = The first response is due within 1 business day ({minutes} business minutes; Monday to Friday 09:00–16:00 America/New_York, closed on Connex holidays).
connex.sla.warning = The first-response clock warns before it breaches (configurable; by default at 75 % of the target).
connex.sla.no_resolution_target = Connex publishes no resolution target.
connex.sla.no_pause = The first-response clock does not pause while the ticket waits on the customer: the promise is an answer within one business day of receipt.
connex.sla.out_of_scope_answered = An out-of-scope or Intuit-routed ticket still gets its first response within 1 business day: the answer with the boundary and where to get help.
connex.queue.platinum_first = Platinum tickets are worked first ("first priority").
connex.queue.oldest_first = Within the queue, the oldest ticket is worked first.

## Escalation
connex.escalation.annual_required = Escalation above Tier 1 needs an annual plan; this customer's plan is billed monthly.
connex.escalation.above_ceiling = Tier {tier} is above the {plan} plan's ceiling (Tier {ceiling}).
connex.escalation.within_ceiling = The {plan} plan is annual and Tier {tier} is within its ceiling (Tier {ceiling}).
connex.escalation.regression_exception = A problem caused by a recent Connex update may go to the developers (Tier 2) on any plan, and is not charged to developer hours.
connex.escalation.not_upward = Moving a ticket to Tier 1, or down a tier, needs no entitlement and charges no developer hours.
connex.escalation.from_tier_one = The ticket has no support level yet (it was routed to a third party): it escalates from Tier 1, where every Connex ticket starts, under the same checks.
connex.escalation.out_of_scope = The ticket is outside the scope of Connex support: it is answered with the boundary and where to get help, and not escalated on any plan (unless triage puts it back in scope).
connex.escalation.through_tier_two = Tier 3 handles what Tier 2 is unable to help with: a ticket at Tier 1 is escalated to Tier 2 first.
connex.escalation.charges_hours = Developer work on this Platinum ticket is drawn from the customer's developer hours.

## Developer hours
connex.hours.annual_allowance = Platinum includes 10 hours of Tier 2 developer time per plan year.
connex.hours.prorated_upgrade = The upgrade on {upgraded_on} came less than 6 months before the renewal on {renews_on}: 5 hours for this plan year.
connex.hours.reset_at_renewal = The plan year runs from {start} until the renewal on {end}; hours reset at renewal and unused hours do not roll over.
connex.hours.no_renewal_date = No renewal date is known: the plan year runs from the anniversary of the upgrade, or from January 1 when no upgrade date is known either.
connex.hours.never_negative = Developer time logged never takes the balance below zero.
connex.hours.platinum_only = Developer hours are included only in the Platinum plan; the {plan} plan includes none. Upgrading to Platinum annual adds 10 hours per plan year.
connex.hours.before_upgrade = The plan year {start} to {end} ended before the upgrade to Platinum on {upgraded_on}: the customer had no developer hours then.
connex.hours.plan_year_out_of_range = The plan year containing this day cannot be computed: the date is outside the supported range.

## Offers
connex.offer.prorated = prorated: {left} of {total} months left, {amount} for this period

## Purchases and sessions
connex.purchase.developer_call = Extra developer time costs {price} per 30-minute call.
connex.purchase.platinum_only = Developer time can only be bought on the Platinum plan.
connex.purchase.hours_left = Developer time can only be bought once the included hours are used up; {remaining} left.
connex.purchase.screen_share = Screen sharing is extra on this plan and can be bought without upgrading.
connex.purchase.screen_share_included = Screen sharing is already included in the {plan} plan.
connex.purchase.quantity = A purchase needs a quantity of at least 1.
connex.session.screen_share_not_included = Screen sharing is extra on the {plan} plan: book a session once one has been bought (each booking uses one up), or on a plan that includes it.
connex.session.lead_time = Onboarding sessions must be booked at least {hours} hours ahead.
connex.session.support_hours = A session must start and end within one period of Connex support hours (Monday to Friday 09:00–16:00 America/New_York, outside holidays).
