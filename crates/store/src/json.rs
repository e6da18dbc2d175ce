//! [`JsonText`]: a `jsonb` or `json` column kept as its JSON text.
//!
//! diesel reads JSONB into a `serde_json::Value`, a tree of maps and strings that is then
//! walked again to build the typed structure the API needs: two allocations per string and
//! a map per object. A ticket page spent most of its time doing that. `JsonText` keeps the
//! text PostgreSQL sends and parses it straight into the type asked for.

use std::io::Write;

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Json, Jsonb};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The only JSONB binary format version PostgreSQL has (a version byte, then the text).
const JSONB_VERSION: u8 = 1;

/// A JSON document as text, stored as `jsonb` or `json`.
///
/// Equality compares documents, not texts: PostgreSQL gives JSONB back with its own
/// spacing and key order.
#[derive(Debug, Clone, AsExpression, FromSqlRow)]
#[diesel(sql_type = Jsonb)]
#[diesel(sql_type = Json)]
pub struct JsonText(String);

impl JsonText {
    /// The JSON text of `value`.
    pub fn new<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Self> {
        serde_json::to_string(value).map(Self)
    }

    /// Parses the document as a `T`.
    pub fn parse<'a, T: Deserialize<'a>>(&'a self) -> serde_json::Result<T> {
        serde_json::from_str(&self.0)
    }

    /// The document as a `serde_json::Value` (for code that navigates it).
    pub fn to_value(&self) -> serde_json::Result<Value> {
        self.parse()
    }
}

impl From<&Value> for JsonText {
    fn from(value: &Value) -> Self {
        Self(value.to_string())
    }
}

impl PartialEq for JsonText {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || matches!((self.to_value(), other.to_value()), (Ok(a), Ok(b)) if a == b)
    }
}

impl FromSql<Jsonb, Pg> for JsonText {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        match value.as_bytes().split_first() {
            Some((&JSONB_VERSION, text)) => Ok(Self(std::str::from_utf8(text)?.to_owned())),
            Some((version, _)) => Err(format!("unsupported JSONB version {version}").into()),
            None => Err("empty JSONB value".into()),
        }
    }
}

impl FromSql<Json, Pg> for JsonText {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        Ok(Self(std::str::from_utf8(value.as_bytes())?.to_owned()))
    }
}

impl ToSql<Json, Pg> for JsonText {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.0.as_bytes())?;
        Ok(IsNull::No)
    }
}

impl ToSql<Jsonb, Pg> for JsonText {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(&[JSONB_VERSION])?;
        out.write_all(self.0.as_bytes())?;
        Ok(IsNull::No)
    }
}

#[cfg(test)]
mod tests {
    use super::JsonText;
    use serde_json::json;

    #[test]
    fn equal_documents_are_equal_whatever_their_spacing_and_key_order() {
        let ours = JsonText::new(&json!({"a": 1, "b": [true, null]})).expect("json");
        let theirs = JsonText(r#"{"b": [true, null], "a": 1}"#.to_owned());
        assert_eq!(ours, theirs);
        assert_ne!(ours, JsonText::new(&json!({"a": 2})).expect("json"));
        let parsed: std::collections::BTreeMap<String, serde_json::Value> =
            theirs.parse().expect("parse");
        assert_eq!(parsed["a"], 1);
    }
}
