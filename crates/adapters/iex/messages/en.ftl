# IEX messages, English. Customer-facing messages use `iex-*` keys; every rule id has an
# explanation sentence for the helpdesk under its own key. Same keys and placeholders as
# da.ftl (the default locale).

## Customer messages

iex-partner-contact = {partner} handles all support for this free integration. Please contact {partner} support to get an answer to your question.
iex-reseller-contact = Your IEX integration was bought through {reseller}. Please contact {reseller} with your support question: {contact}
iex-trial-pointer = You have just started a trial period on your integration. Please go through the section "How does the integration work?" before you contact our support team.
iex-scope-referral = IEX answers questions about the integration only. For questions specifically about setting up your webshop, accounting system or plugins, please seek support from your system partner, your system vendor, your web developer or your accountant.
iex-scope-referral-pointer = Your system partner, system vendor, web developer or accountant.
iex-installation-setup-order = IEX carries out minor installation or implementation of the integration in your own systems only when setup has been ordered. Please order setup from IEX, or ask your web developer or system partner to install it.
iex-readiness = You are responsible for setting up your systems to be ready for the integration. For example, if your webshop products lack product numbers, which are often required for products and orders to be created in the accounting system, please make sure all products have a product number.
iex-phone-billable = Phone support is billable and will be charged at IEX's current hourly rates. Please contact us in writing by e-mail or chat whenever possible.
iex-phone-billable-rate = Phone support is billable and will be charged at DKK {rate} per hour. Please contact us in writing by e-mail or chat whenever possible.
iex-phone-reference = If you have already written to us, please give the ticket number or the e-mail address you wrote from.
iex-needs-examples = Please send us examples related to your question, such as order numbers, product numbers or other relevant details, so we can help you.
iex-fifo-notice = We consider all reported cases important and handle them in the order they are received. Marking a case as urgent does not move it ahead of other cases.
iex-response-time = We strive to answer all new inquiries within {days} business days.
iex-second-line-written = Your ticket has been handed over to our 2nd line support, who look deeper into the machinery. Please expect a longer response time (up to {days} business days). All communication with 2nd line support is in writing.

## Rule explanations

iex.catalog.standard_plan = IEX has one paid plan, Standard, whose tickets can reach 2nd line; trials and free integrations are customer properties, not plans.
iex.messages.language = Customer messages are in Danish or English: the ticket's language, else the customer's, else the client's preferred language (Accept-Language), else Danish.
iex.routing.iex_support = The ticket is handled by IEX support, starting in 1st line.
iex.routing.free_integration_partner = Free integration: {partner} supports it, not IEX; no IEX SLA clock runs.
iex.routing.reseller = The customer bought through the reseller {reseller}, who handles its support; no IEX SLA clock runs.
iex.scope.integration_only = IEX answers integration questions only; this ticket is about the integration.
iex.scope.system_setup_referral = Out of scope: a question about setting up one system (webshop, accounting system, plugin) is referred to the system partner, system vendor, web developer or accountant.
iex.scope.installation_needs_setup_order = Out of scope: installation or implementation of the integration in the customer's own systems is done only when setup has been ordered.
iex.triage.intake_fact = Decided by the intake fact {fact} = {value}.
iex.triage.ruling = Decided by an agent's triage ruling.
iex.scope.customer_readiness = The customer is responsible for its systems being ready for the integration (e.g. product numbers on all products).
iex.channel.written = Contact is in writing (e-mail, chat or portal); written tickets are not billed.
iex.channel.phone_billable = Phone support is reserved for urgent cases and is billable at the hourly rate.
iex.channel.phone_reference = A phone ticket should cite an earlier ticket number or the e-mail address used; this one cites neither, so the customer is asked for it.
iex.intake.needs_examples = The ticket gives no examples (order numbers, product numbers or other ids); it is accepted but needs information.
iex.intake.trial_pointer = Trial customer: pointed to "How does the integration work?" before support.
iex.queue.fifo = Strictly first come, first served: IEX tickets carry no priority, so the requested priority or urgency words were ignored.
iex.sla.first_response = First response within {days} business days, with a warning after {warn} business day(s); no resolution target.
iex.sla.second_line = At 2nd line the response target is {days} business days.
iex.sla.second_line_retarget = 1st line has not responded yet: the running response clock now has the 2nd-line target of {days} business days, counted from receipt.
iex.sla.second_line_starts = 1st line has already responded: a 2nd-line response clock of {days} business days starts at the escalation.
iex.escalation.second_line = 1st line may hand the ticket over to 2nd line.
iex.escalation.written = All communication with 2nd line support is in writing.
iex.escalation.out_of_scope = The ticket is outside IEX's area of responsibility: it is referred with the boundary and not escalated (unless triage puts it back in scope).
iex.escalation.path = The only escalation at IEX is from 1st line to 2nd line.
iex.escalation.lines_only = IEX has 1st and 2nd line support, not tiers or teams.
iex.entitlement.no_developer_time = IEX plans include no developer time, and none can be bought.
iex.entitlement.no_purchases = IEX sells no support extras through Tierline.
iex.entitlement.no_sessions = IEX offers no bookable support sessions; contact is in writing.
