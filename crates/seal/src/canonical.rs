//! RFC 8785 canonical JSON, and a strict parser that refuses duplicate member names.
//!
//! Canonicalization itself is `serde_json_canonicalizer`, checked against the RFC author's
//! conformance vectors in `tests/jcs_vectors.rs`.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{Part, SealError};

const DUPLICATE: &str = "duplicate member ";

/// The RFC 8785 canonical bytes of a JSON value.
pub fn canonicalize(value: &Value) -> Vec<u8> {
    // Serializing an in-memory Value cannot fail: it holds no non-finite floats and no
    // non-string keys.
    serde_json_canonicalizer::to_vec(value).expect("a serde_json::Value always canonicalizes")
}

/// The canonical bytes of any serializable value.
pub fn canonicalize_serializable<T: serde::Serialize>(value: &T) -> Vec<u8> {
    canonicalize(&serde_json::to_value(value).expect("plain data types serialize to JSON"))
}

/// Parses JSON, refusing duplicate member names anywhere in the document.
pub fn parse_strict(bytes: &[u8], part: Part) -> Result<Value, SealError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = StrictValue::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match parsed {
        Ok(StrictValue(v)) => Ok(v),
        Err(e) => {
            let msg = e.to_string();
            match msg.strip_prefix(DUPLICATE) {
                Some(rest) => {
                    let key = rest.split(" at line ").next().unwrap_or(rest);
                    let key = serde_json::from_str::<String>(key).unwrap_or_else(|_| key.to_owned());
                    Err(SealError::DuplicateKey { part, key })
                }
                None => Err(SealError::Json { part, detail: msg }),
            }
        }
    }
}

/// Parses bytes that must be the canonical form of themselves.
pub fn parse_canonical(bytes: &[u8], part: Part) -> Result<Value, SealError> {
    let value = parse_strict(bytes, part)?;
    if canonicalize(&value) != bytes {
        return Err(SealError::NonCanonical(part));
    }
    Ok(value)
}

struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Number::from_f64(n).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                let quoted = serde_json::to_string(&key).unwrap_or_default();
                return Err(de::Error::custom(format!("{DUPLICATE}{quoted}")));
            }
            let StrictValue(v) = map.next_value()?;
            members.insert(key, v);
        }
        Ok(Value::Object(members))
    }
}

/// Rejects any number that is not an integer within ±(2^53 - 1); returns the path of the first.
pub fn check_integers_only(value: &Value, path: &mut String) -> Result<(), SealError> {
    const MAX: i64 = (1 << 53) - 1;
    match value {
        Value::Number(n) => {
            let ok = n.as_i64().is_some_and(|i| (-MAX..=MAX).contains(&i));
            if ok { Ok(()) } else { Err(SealError::FloatInData(path.clone())) }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_integers_only(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(members) => {
            for (k, v) in members {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                check_integers_only(v, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
