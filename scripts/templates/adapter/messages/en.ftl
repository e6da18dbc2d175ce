# __TYPE__: customer messages and rule explanations, English (the default locale).
# Keys `__ID__.<area>.<name>` are rule ids (their explanation sentence for the helpdesk);
# keys `__ID__-*` are sent to customers. Another locale is another file with the same keys
# and the same {placeholders}; load it in `__TYPE__::new`.

## Customer messages
__ID__-received = Thank you, we have your ticket. We answer within {days} business day(s), Monday to Friday 09:00–17:00 UK time.

## Rule explanations
__ID__.catalog.standard_plan = __TYPE__ has one plan, Standard (formerly Basic), whose tickets can reach Tier 2.
__ID__.routing.vendor = Every ticket goes to __TYPE__ support at Tier 1; it is in scope and not billed.
__ID__.sla.first_response = The first response is due within {days} business day(s) ({minutes} business minutes); there is no resolution target.
__ID__.queue.fifo = Tickets are worked strictly in the order they were received.
__ID__.escalation.within_ceiling = Tier {tier} is within the {plan} plan's ceiling (Tier {ceiling}).
__ID__.escalation.above_ceiling = Tier {tier} is above the {plan} plan's ceiling (Tier {ceiling}).
__ID__.escalation.tiers_only = __TYPE__ counts support tiers 1 to 3, not lines or teams.
__ID__.entitlement.no_developer_time = No __TYPE__ plan includes developer time, and none can be bought.
__ID__.entitlement.no_purchases = __TYPE__ sells no support extras through Tierline.
__ID__.entitlement.no_sessions = __TYPE__ offers no bookable support sessions.
