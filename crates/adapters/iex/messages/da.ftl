# IEX-beskeder, dansk (standardsprog). Kundebeskeder har nøgler `iex-*`; hver regel-id har
# en forklaring til helpdesken under sin egen nøgle. Samme nøgler og pladsholdere som en.ftl.

## Kundebeskeder

iex-partner-contact = {partner} varetager al support på denne gratis integration. Kontakt venligst {partner}s support for at få svar på dit spørgsmål.
iex-reseller-contact = Din IEX-integration er købt igennem {reseller}. Kontakt venligst {reseller} med dit support-spørgsmål: {contact}
iex-trial-pointer = Du har netop startet en prøveperiode på din integration. Gennemgå venligst vores hjælpesektion "Hvordan virker integrationen?", inden du kontakter supporten.
iex-scope-referral = IEX svarer kun på spørgsmål, der direkte vedrører integrationen. Ved spørgsmål om, hvordan opsætninger laves i de enkelte systemer (webshop, regnskab, plugins), henviser vi til, at du søger support hos systempartneren, din forhandler af systemet, din webudvikler eller din bogholder eller revisor.
iex-scope-referral-pointer = Systempartneren, din forhandler af systemet, din webudvikler eller din bogholder eller revisor.
iex-installation-setup-order = IEX varetager mindre installationer eller implementering af integrationen i dine anvendte systemer, når der er bestilt opsætning. Bestil opsætning hos IEX, eller bed din webudvikler eller systempartner om at installere den.
iex-readiness = Du har selv ansvar for, at dine systemer er færdigt opsat og klar til integration. Mangler der f.eks. varenumre på dine varer i webshoppen, hvilket ofte er et krav for at ordrer og varer kan oprettes i regnskabet, skal du sikre, at alle varer har et varenummer.
iex-phone-billable = Telefonsupport er forbeholdt akutte sager og faktureres efter timetakst (vores gældende timetakster). Skriv så vidt muligt altid til os via e-mail eller chat.
iex-phone-billable-rate = Telefonsupport er forbeholdt akutte sager og faktureres efter timetakst ({rate} kr. i timen). Skriv så vidt muligt altid til os via e-mail eller chat.
iex-phone-reference = Har du tidligere skrevet til os, så henvis venligst til et sagsnummer eller den e-mailadresse, du har skrevet fra.
iex-needs-examples = Send os venligst eksempler på ordrer, produkter eller andet, som henvendelsen drejer sig om (f.eks. ordrenumre eller varenumre), så vi kan hjælpe dig.
iex-fifo-notice = Vi betragter alle indmeldte supportsager som vigtige og behandler dem i den rækkefølge, de kommer ind. Sager opprioriteres ikke foran andre sager blot fordi de er markeret som hastende.
iex-response-time = Vi bestræber os på at besvare alle nye henvendelser inden for {days} hverdage.
iex-second-line-written = Din sag er overdraget til vores 2nd line-support, der kigger dybere ind i maskineriet. Du skal derfor forvente en længere svartid (op til {days} hverdage). Al kommunikation med 2nd line-supporten foregår skriftligt.

## Forklaringer af regler

iex.catalog.standard_plan = IEX har én betalt plan, Standard, hvis sager kan nå 2nd line; prøveperioder og gratis integrationer er egenskaber ved kunden, ikke planer.
iex.messages.language = Kundebeskeder er på dansk eller engelsk: sagens sprog, ellers kundens, ellers klientens foretrukne sprog (Accept-Language), ellers dansk.
iex.routing.iex_support = Sagen behandles af IEX' support, først i 1st line.
iex.routing.free_integration_partner = Gratis integration: {partner} yder supporten, ikke IEX; ingen IEX-svarfrist løber.
iex.routing.reseller = Kunden har købt igennem forhandleren {reseller}, som varetager supporten; ingen IEX-svarfrist løber.
iex.scope.integration_only = IEX svarer kun på spørgsmål om integrationen; denne sag handler om integrationen.
iex.scope.system_setup_referral = Uden for IEX' ansvarsområde: et spørgsmål om opsætning af et enkelt system (webshop, regnskab, plugin) henvises til systempartneren, forhandleren, webudvikleren eller bogholderen/revisoren.
iex.scope.installation_needs_setup_order = Uden for IEX' ansvarsområde: installation eller implementering af integrationen i kundens egne systemer varetages kun, når der er bestilt opsætning.
iex.triage.intake_fact = Afgjort af oplysningen {fact} = {value} fra sagens oprettelse.
iex.triage.ruling = Afgjort af en supporters vurdering af sagen.
iex.scope.customer_readiness = Kunden har selv ansvar for, at systemerne er klar til integration (f.eks. varenumre på alle varer).
iex.channel.written = Kontakt foregår skriftligt (e-mail, chat eller portal); skriftlige sager faktureres ikke.
iex.channel.phone_billable = Telefonsupport er forbeholdt akutte sager og faktureres efter timetakst.
iex.channel.phone_reference = En telefonisk henvendelse bør henvise til et sagsnummer eller den e-mailadresse, der er skrevet fra; denne gør ingen af delene, så kunden bliver bedt om det.
iex.intake.needs_examples = Sagen har ingen eksempler (ordrenumre, varenumre eller andre id'er); den modtages, men mangler oplysninger.
iex.intake.trial_pointer = Kunde i prøveperiode: henvist til "Hvordan virker integrationen?" før support.
iex.queue.fifo = Sager behandles strengt i den rækkefølge, de kommer ind: IEX-sager har ingen prioritet, så den ønskede prioritet eller ord som "haster" blev ignoreret.
iex.sla.first_response = Første svar inden for {days} hverdage, med advarsel efter {warn} hverdag(e); ingen løsningsfrist.
iex.sla.second_line = I 2nd line er svarfristen {days} hverdage.
iex.sla.second_line_retarget = 1st line har endnu ikke svaret: den løbende svarfrist får 2nd line-fristen på {days} hverdage, regnet fra modtagelsen.
iex.sla.second_line_starts = 1st line har allerede svaret: en ny 2nd line-svarfrist på {days} hverdage løber fra eskaleringen.
iex.escalation.second_line = 1st line må overdrage sagen til 2nd line.
iex.escalation.written = Al kommunikation med 2nd line-supporten foregår skriftligt.
iex.escalation.out_of_scope = Sagen ligger uden for IEX' ansvarsområde: den henvises med begrundelsen og eskaleres ikke (medmindre en vurdering bringer den tilbage inden for området).
iex.escalation.path = Den eneste eskalering hos IEX er fra 1st line til 2nd line.
iex.escalation.lines_only = IEX har 1st og 2nd line-support, ikke tiers eller teams.
iex.entitlement.no_developer_time = IEX' planer indeholder ingen udviklertid, og der kan ikke købes udviklertid.
iex.entitlement.no_purchases = IEX sælger ingen supporttilkøb via Tierline.
iex.entitlement.no_sessions = IEX tilbyder ingen bookbare supportsessioner; kontakt foregår skriftligt.
