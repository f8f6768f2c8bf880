//! CSV and JSON exports of what the inbox's filters select: the same rows from the inbox's
//! buttons and from `careform export`, built here once.
//!
//! Columns, in this order and never renamed: `reference`, `form`, `form_version`, `received_at`,
//! `verdict`, `status`, then one column per answer, named `answers.` and the answer's path in
//! the submitted data (members joined with `.`, list items by their position from 0, e.g.
//! `answers.workers.0.name`), sorted by name. JSON gives the same names and values:
//! `{"submissions":[{"reference":…,"answers":{"answers.name":…}}]}` (answers keep their JSON
//! type there; CSV writes `true`/`false`, numbers as sent and null as an empty cell).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::store::Record;
use crate::store::inbox::Item;

/// The fixed columns, before the answers.
pub const COLUMNS: [&str; 6] = ["reference", "form", "form_version", "received_at", "verdict", "status"];

/// One exported submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `reference`, `form`, `form_version`, `received_at`, `verdict`, `status`.
    pub fixed: [String; 6],
    /// `answers.PATH` to its value.
    pub answers: BTreeMap<String, Value>,
}

/// The row of a stored submission: its inbox state and its answers from the signed payload.
pub fn row(item: &Item, record: &Record) -> Row {
    let mut answers = BTreeMap::new();
    flatten("answers", &data(record), &mut answers);
    Row {
        fixed: [
            item.reference.clone(),
            item.form_id.clone(),
            item.form_version.clone(),
            item.received_at.clone(),
            item.verdict.clone(),
            item.status.clone(),
        ],
        answers,
    }
}

/// The submitted `data` of a stored envelope. Its signature was verified when it arrived (and
/// the submission page verifies it again on the spot); an export only reads it, as verifying
/// thousands of signatures would make a daily batch slow for nothing.
pub fn data(record: &Record) -> Value {
    let payload = careform_seal::Envelope::from_json(record.envelope.as_bytes())
        .ok()
        .and_then(|e| careform_seal::b64u_decode(&e.payload, careform_seal::Part::Payload).ok())
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok());
    payload.map_or(Value::Null, |mut p| p["data"].take())
}

/// Every scalar under `value`, by its dotted path.
pub fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| flatten(&format!("{prefix}.{k}"), v, out)),
        Value::Array(list) => list.iter().enumerate().for_each(|(i, v)| flatten(&format!("{prefix}.{i}"), v, out)),
        scalar => {
            out.insert(prefix.to_owned(), scalar.clone());
        }
    }
}

/// `{"submissions":[...]}`.
pub fn json(rows: &[Row]) -> Value {
    let list: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut o = Map::new();
            for (name, value) in COLUMNS.iter().zip(&r.fixed) {
                o.insert((*name).to_owned(), json!(value));
            }
            o.insert("answers".into(), json!(r.answers));
            Value::Object(o)
        })
        .collect();
    json!({ "submissions": list })
}

/// A CSV with a header row: the fixed columns, then every answer name any row has, sorted.
pub fn csv(rows: &[Row]) -> String {
    let names: BTreeSet<&String> = rows.iter().flat_map(|r| r.answers.keys()).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = COLUMNS.iter().copied().chain(names.iter().map(|n| n.as_str())).collect();
    w.write_record(&header).expect("writing to memory");
    for r in rows {
        let answers = names.iter().map(|n| r.answers.get(*n).map_or(String::new(), cell));
        let record: Vec<String> = r.fixed.iter().map(|f| guard(f)).chain(answers).collect();
        w.write_record(&record).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => guard(s),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first)
/// gets a leading `'`, as OWASP advises for CSV files opened in spreadsheets.
pub(crate) fn guard(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}
