//! `evaluate` on a realistic ~2 kB Danish ticket (forwarded mail, signature, ids, an
//! embedded setup question): the whole IEX intake, text reading included. Target: median
//! at most 20 µs.

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use tierline_core::{Channel, Customer, IntakeFacts, PlanId, TicketIntake, TicketPolicy, VendorId};

const DESCRIPTION: &str = "Hej IEX support\n\n\
Jeg videresender lige nedenstående fra vores bogholder, da vi ikke selv kan finde ud af det. \
Siden fredag er der en del ordrer fra Shopify som ikke er kommet over i e-conomic, bl.a. ordre \
#30120, #30121 og #30122. I loggen i jeres dashboard står der 'Product not found' på nogle af \
dem, men varerne findes i begge systemer, fx varenr. KJ-221 og KJ-222. Vi har ikke ændret noget \
i opsætningen, men vores webbureau har opdateret temaet i webshoppen i sidste uge.\n\n\
Derudover: nogle af vores nye varer har vist ikke noget varenummer endnu, er det derfor? Og \
hvordan opretter jeg egentlig en ny momskode i e-conomic til salg til Norge, eller er det noget \
integrationen klarer? Vi vil gerne have det løst hurtigst muligt, for vi skal lukke måneden \
på mandag og revisoren venter. Det haster!!\n\n\
Vi har prøvet at genstarte integrationen i dashboardet som der stod i jeres hjælpeartikel, men \
det hjalp ikke. Vi har også tjekket at API-nøglen til Shopify stadig er gyldig. Ordrerne fra \
vores fysiske butik via Zettle kommer fint over, det er kun webshoppen der driller. Kan I se \
om der er noget galt med mappingen af betalingsmetoder efter vi tilføjede MobilePay i \
sidste måned? Der er også et par kreditnotaer fra refunderinger der mangler.\n\n\
> Fra: Bogholderiet <bogholderi@mettestoej.dk>\n\
> Sendt: 2. marts 2026 08:14\n\
> Til: Mette\n\
> Emne: Manglende fakturaer\n\
>\n\
> Hej Mette. Der mangler fakturaer i e-conomic for uge 9. Jeg kan se ordrerne i Shopify, men \
> de er ikke bogført. Kan du spørge IEX om de kan se hvad der er galt? Momsen på de fakturaer \
> der er kommet over ser også forkert ud, den står til 0 % på nogle af dem. Kan det have noget \
> med den nye fragtmodul at gøre som webbureauet installerede?\n\
>\n\
> Mvh Bogholderiet\n\n\
Venlig hilsen\n\
Mette Hansen\n\
Indehaver\n\
Mettes Tøj ApS\n\
Strøget 12, 1160 København K\n\
Tlf. 20 30 40 50\n\
www.mettestoej.dk\n\n\
Denne e-mail kan indeholde fortrolige oplysninger. Hvis du ikke er den rette modtager, bedes \
du slette den og give afsender besked.";

fn bench(c: &mut Criterion) {
    let adapter = tierline_iex::adapter_with_defaults();
    let customer = Customer {
        vendor: VendorId::parse("iex").expect("id"),
        external_id: "bench".into(),
        name: "Mettes Tøj ApS".into(),
        plan: PlanId::parse("standard").expect("plan"),
        billing_cycle: tierline_core::BillingCycle::Annual,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: Some("shopify-economic".into()),
        trial: false,
        locale: None,
    };
    let intake = TicketIntake {
        subject: "VS: Manglende fakturaer i e-conomic - HASTER".into(),
        description: DESCRIPTION.into(),
        channel: Channel::Email,
        priority: None,
        received_at: Utc
            .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .expect("instant"),
        references: Vec::new(),
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: IntakeFacts::new(),
        ruling: None,
    };
    assert!(
        (1800..2600).contains(&DESCRIPTION.len()),
        "{}",
        DESCRIPTION.len()
    );
    c.bench_function("iex evaluate 2 kB description", |b| {
        b.iter(|| adapter.evaluate(black_box(&customer), black_box(&intake)))
    });
    // The same policy without text to read: what the reading adds is the difference.
    let short = TicketIntake {
        subject: "Ordre 30120".into(),
        description: String::new(),
        ..intake.clone()
    };
    c.bench_function("iex evaluate, subject only", |b| {
        b.iter(|| adapter.evaluate(black_box(&customer), black_box(&short)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
