# StoreConnect messages (English only). Keys equal to a rule id are that rule's
# explanation sentence; `storeconnect.customer.*` are sent to customers.

## Rule explanations

storeconnect.intake.monitoring = StoreConnect's monitoring opened this ticket (source: monitoring); it is accepted like a ticket raised by the customer.
storeconnect.priority.reporter_set = The reporter or agent set the priority to {priority}; StoreConnect keeps the priority as given.
storeconnect.priority.suggestion_differs = The ticket text suggests {suggested} priority ({signal}); this is reported as a suggestion and not applied.
storeconnect.priority.suggested = No priority was set; the ticket text suggests {priority} priority ({signal}), so the ticket is {priority}.
storeconnect.priority.default_medium = No priority was set and the ticket text matches no priority signal, so the ticket is medium priority.
storeconnect.priority.ruling = An agent re-triaged the ticket and set the priority to {priority}; a ruling outranks the intake answers, the ticket text and the priority first reported.
storeconnect.priority.from_facts = No priority was set; the intake answers ({facts}) make the ticket {priority} priority ({signal}).
storeconnect.priority.unsure = The ticket text does not settle the priority plainly (it reads {signal}, {priority} priority); the more urgent plausible priority is kept and the ticket is flagged for an agent to confirm.
storeconnect.priority.critical_below_reported = The ticket text plainly states a critical problem ({signal}) while the reporter set {priority} priority; the reporter's priority is kept and the ticket is flagged for an agent to confirm.
storeconnect.routing.support = The ticket goes to StoreConnect's support team.
storeconnect.routing.accelerated_development = A low priority ticket that asks for Accelerated Development is recorded and routed to StoreConnect's development team for co-development, with no service level clock.
storeconnect.routing.accelerated_development_ineligible = Accelerated Development applies only to low priority tickets raised by the customer; this {priority} priority ticket stays with the support team.
storeconnect.sla.business_day = Business days follow StoreConnect's calendar ({zone}); one business day is {minutes} business minutes.
storeconnect.sla.resolution = StoreConnect aims to resolve or mitigate {priority} priority tickets on the {plan} plan within {days} business day(s) ({minutes} business minutes).
storeconnect.sla.no_resolution_target = StoreConnect has no explicit service level target for {priority} priority tickets on the {plan} plan.
storeconnect.sla.no_first_response = StoreConnect publishes no first-response target, so no first-response clock runs.
storeconnect.sla.warning = The resolution clock warns {when}.
storeconnect.queue.critical_first = Critical tickets are worked before every other ticket, then high priority tickets, then the rest; within each group by resolution due time (receipt time when no clock runs).
storeconnect.escalation.allowed = StoreConnect moves tickets between its support and development teams on every plan; no entitlement is drawn and the clocks are unchanged.
storeconnect.escalation.teams_only = StoreConnect has no support tiers or lines: escalate to its support team or its development team.
storeconnect.entitlement.no_developer_time = No StoreConnect plan includes developer hours (the published policy names none), so there is no developer-time budget.
storeconnect.entitlement.no_purchases = StoreConnect sells no developer calls or screen-sharing sessions, and no plan includes developer hours.
storeconnect.entitlement.no_sessions = StoreConnect publishes no bookable sessions; raise a ticket instead (training and provisioning are medium priority tickets).

## Pieces of explanations

storeconnect.warning.fraction = once {percent}% of the target has elapsed
storeconnect.warning.before_due = {minutes} business minutes before the due time
storeconnect.warning.after_elapsed = after {minutes} business minutes

storeconnect.signal.store_down = the store is down or unavailable
storeconnect.signal.payments_majority = payments fail for all or most customers
storeconnect.signal.wrong_prices = products are listed with incorrect prices
storeconnect.signal.legal_liability = the problem could create a legal liability
storeconnect.signal.severe_disruption = the problem severely disrupts the business
storeconnect.signal.payment_errors_some = payments fail for some customers but not all
storeconnect.signal.intermittent_outage = the site fails intermittently
storeconnect.signal.stale_data = the site shows stale or incorrect data
storeconnect.signal.critical_with_workaround = a critical problem for which there is a workaround
storeconnect.signal.not_production = the problem is on a staging or test store, not the live store
storeconnect.signal.recovered = the problem is over and the ticket follows it up
storeconnect.signal.change_request = a request to change the store's setup or content
storeconnect.signal.training = a request for training
storeconnect.signal.provisioning = provisioning of a new store or service
storeconnect.signal.guidance = a request for guidance
storeconnect.signal.feature_request = a feature request

storeconnect.team.support = StoreConnect support
storeconnect.team.development = StoreConnect development team

storeconnect.error.priority_required = StoreConnect's resolution targets depend on the priority: give one of critical, high, medium or low.
storeconnect.error.no_lines = StoreConnect has no support lines; its targets depend on plan and priority only.

## Customer messages

storeconnect.customer.resolution_target = Thank you for your case. We aim to resolve or mitigate {priority} priority cases on your {plan} plan within {days} business day(s).
storeconnect.customer.no_target = Thank you for your case. We do not have an explicit service level target for {priority} priority cases, and we will work on it as soon as we can.
storeconnect.customer.accelerated_development = Your request for Accelerated Development has been recorded and passed to our development team, who will contact you about co-developing the solution with you. Low priority cases have no service level target.
storeconnect.customer.accelerated_development_ineligible = Accelerated Development is available for low priority cases and feature requests; this case is handled by our support team as a {priority} priority case.
storeconnect.customer.monitoring = Our monitoring opened this case about your store. Monitoring is never 100% accurate, so if you see a problem on your store, please also raise a case via your support portal so you can be sure we know about it.
