//! Fast RFC 3339 output for UTC instants, byte for byte what chrono's `Serialize` writes
//! (`to_rfc3339_opts(SecondsFormat::AutoSi, true)`: no fraction, or 3, 6 or 9 digits, and
//! `Z`). chrono formats through `fmt::Display` one piece at a time; on a page of tickets
//! (eight instants each) that was a tenth of the server's CPU. Years outside 0–9999 and
//! leap seconds go to chrono.
//!
//! Use on fields: `#[serde(serialize_with = "rfc3339::instant")]` or `"rfc3339::optional"`.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Serialize, Serializer};

/// Serializes an instant.
pub fn instant<S: Serializer>(t: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; 30];
    match format(t, &mut buf) {
        Some(text) => serializer.serialize_str(text),
        None => t.serialize(serializer),
    }
}

/// Serializes an optional instant (`null` when absent).
pub fn optional<S: Serializer>(
    t: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => instant(t, serializer),
        None => serializer.serialize_none(),
    }
}

/// Writes `t` into `buf`; `None` for what chrono writes differently (years outside 0–9999,
/// leap seconds).
fn format<'a>(t: &DateTime<Utc>, buf: &'a mut [u8; 30]) -> Option<&'a str> {
    let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
    let nanos = t.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    let mut w = Writer { buf, len: 0 };
    w.digits(year, 4);
    w.byte(b'-');
    w.digits(t.month(), 2);
    w.byte(b'-');
    w.digits(t.day(), 2);
    w.byte(b'T');
    w.digits(t.hour(), 2);
    w.byte(b':');
    w.digits(t.minute(), 2);
    w.byte(b':');
    w.digits(t.second(), 2);
    if nanos > 0 && nanos.is_multiple_of(1_000_000) {
        w.byte(b'.');
        w.digits(nanos / 1_000_000, 3);
    } else if nanos > 0 && nanos.is_multiple_of(1_000) {
        w.byte(b'.');
        w.digits(nanos / 1_000, 6);
    } else if nanos > 0 {
        w.byte(b'.');
        w.digits(nanos, 9);
    }
    w.byte(b'Z');
    let Writer { buf, len } = w;
    std::str::from_utf8(&buf[..len]).ok()
}

/// Appends ASCII to a fixed buffer (30 bytes hold the longest form).
struct Writer<'a> {
    buf: &'a mut [u8; 30],
    len: usize,
}

impl Writer<'_> {
    fn byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// `value`'s last `count` decimal digits, zero-padded.
    fn digits(&mut self, value: u32, count: u32) {
        for i in (0..count).rev() {
            let digit = u8::try_from(value / 10u32.pow(i) % 10).unwrap_or(0);
            self.byte(b'0' + digit);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;

    fn ours(t: &DateTime<Utc>) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::new(&mut out);
        super::instant(t, &mut ser).expect("serialize");
        String::from_utf8(out).expect("utf-8")
    }

    fn chronos(t: &DateTime<Utc>) -> String {
        serde_json::to_string(t).expect("serialize")
    }

    #[test]
    fn known_instants() {
        let t = Utc
            .with_ymd_and_hms(2026, 11, 25, 2, 50, 41)
            .single()
            .expect("valid");
        assert_eq!(ours(&t), r#""2026-11-25T02:50:41Z""#);
        let micros = t + chrono::Duration::microseconds(658_783);
        assert_eq!(ours(&micros), r#""2026-11-25T02:50:41.658783Z""#);
        let far = Utc
            .with_ymd_and_hms(12_000, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(
            ours(&far),
            chronos(&far),
            "chrono's own form for years past 9999"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn same_text_as_chrono(
            secs in -62_167_219_200i64..253_402_300_800i64,
            nanos in prop_oneof![
                Just(0u32),
                (0u32..1000).prop_map(|ms| ms * 1_000_000),
                (0u32..1_000_000).prop_map(|us| us * 1_000),
                0u32..1_000_000_000,
            ],
        ) {
            let t = DateTime::<Utc>::from_timestamp(secs, nanos).expect("in range");
            prop_assert_eq!(ours(&t), chronos(&t));
        }
    }
}
