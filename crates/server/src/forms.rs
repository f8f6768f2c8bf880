//! What a client needs to sign a valid submission without reading Rust: every form the server
//! accepts, the `form.sha256` a submission must carry, the definition, and a JSON Schema of its
//! `data`. Served at `GET /v1/forms` and `GET /v1/forms/{id}`, printed by `careform forms`.

use careform_rules::{FieldKind, FormDefinition, forms};
use careform_seal::{canonicalize_serializable, sha256_b64u};
use serde_json::{Map, Value, json};

/// The SHA-256 (base64url) of the form's canonical definition: what `form.sha256` must be.
pub fn sha256(def: &FormDefinition) -> String {
    sha256_b64u(&canonicalize_serializable(def))
}

/// `{"forms":[{"id","version","sha256","title"}]}`.
pub fn list() -> Value {
    let forms: Vec<Value> = forms()
        .iter()
        .map(|def| json!({ "id": def.id, "version": def.version, "sha256": sha256(def), "title": def.title }))
        .collect();
    json!({ "forms": forms })
}

/// One form: the list's entry plus its definition and the JSON Schema of its `data`; `None` for
/// an id no form has.
pub fn detail(id: &str) -> Option<Value> {
    let def = forms().iter().find(|f| f.id == id)?;
    Some(json!({
        "id": def.id,
        "version": def.version,
        "sha256": sha256(def),
        "title": def.title,
        "definition": def,
        "data_schema": data_schema(def),
    }))
}

/// A JSON Schema (2020-12) of the `data` the form accepts, made from its definition: the same
/// field list the server's shape check reads, so the two cannot drift. Structured fields (a plan,
/// a set of workers and policies) are checked strictly by the form's own rules; the README
/// documents their shape.
pub fn data_schema(def: &FormDefinition) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in def.fields {
        let schema = match &field.kind {
            FieldKind::Text { max_chars } => json!({ "type": "string", "maxLength": max_chars }),
            FieldKind::Date => json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
            FieldKind::Choice { options } => json!({ "type": "string", "enum": options }),
            FieldKind::YesNo => json!({ "type": "string", "enum": ["yes", "no"] }),
            FieldKind::Structured { schema } => json!({ "type": ["object", "array"], "description": schema }),
        };
        let mut schema = schema;
        schema["title"] = json!(field.label);
        properties.insert(field.name.to_owned(), schema);
        if field.required {
            required.push(field.name);
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{} ({} version {}): data", def.title, def.id, def.version),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}
