//! What a client needs to sign a valid submission without reading Rust: every form the server
//! accepts, the `form.sha256` a submission must carry, the definition, and a JSON Schema of its
//! `data`. Served at `GET /v1/forms` and `GET /v1/forms/{id}`, printed by `careform forms`.

use careform_rules::entry::Form;
use careform_rules::{FORMS, FieldKind, FormDefinition};
use careform_seal::{canonicalize_serializable, sha256_b64u};
use serde_json::{Map, Value, json};

/// The SHA-256 (base64url) of the form's canonical definition: what `form.sha256` must be.
pub fn sha256(def: &FormDefinition) -> String {
    sha256_b64u(&canonicalize_serializable(def))
}

/// `{"forms":[{"id","version","sha256","title"}]}`.
pub fn list() -> Value {
    let forms: Vec<Value> = careform_rules::forms()
        .map(|def| json!({ "id": def.id, "version": def.version, "sha256": sha256(def), "title": def.title }))
        .collect();
    json!({ "forms": forms })
}

/// One form: the list's entry plus its definition, the JSON Schema of its `data` and of the
/// report its check returns; `None` for an id no form has.
pub fn detail(id: &str) -> Option<Value> {
    let form = FORMS.iter().find(|f| f.definition.id == id)?;
    let def = form.definition;
    Some(json!({
        "id": def.id,
        "version": def.version,
        "sha256": sha256(def),
        "title": def.title,
        "definition": def,
        "data_schema": data_schema(form),
        "report_schema": (form.schemas)().report,
    }))
}

/// A JSON Schema (2020-12) of the `data` the form accepts, made from its definition (the same
/// field list the server's shape check reads, so the two cannot drift) and, for structured fields
/// (a plan, a set of workers and policies), the schema derived from the very types the form's
/// rules parse them into.
pub fn data_schema(form: &Form) -> Value {
    let def = form.definition;
    let structured = (form.schemas)().fields;
    let mut properties = Map::new();
    let mut defs = Map::new();
    let mut required = Vec::new();
    for field in def.fields {
        let schema = match &field.kind {
            FieldKind::Text { max_chars } => json!({ "type": "string", "maxLength": max_chars }),
            FieldKind::Date => json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
            FieldKind::Choice { options } => json!({ "type": "string", "enum": options }),
            FieldKind::YesNo => json!({ "type": "string", "enum": ["yes", "no"] }),
            FieldKind::Structured { schema } => {
                let mut own = structured
                    .iter()
                    .find(|(name, _)| *name == field.name)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_else(|| json!({ "type": ["object", "array"] }));
                // A derived schema is a whole document whose `$ref`s point at its own root's
                // `$defs`; nested here, they must move to this document's root.
                if let Some(obj) = own.as_object_mut() {
                    obj.remove("$schema");
                    if let Some(Value::Object(d)) = obj.remove("$defs") {
                        defs.extend(d);
                    }
                }
                own["description"] = json!(schema);
                own
            }
        };
        let mut schema = schema;
        schema["title"] = json!(field.label);
        properties.insert(field.name.to_owned(), schema);
        if field.required {
            required.push(field.name);
        }
    }
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{} ({} version {}): data", def.title, def.id, def.version),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if !defs.is_empty() {
        schema["$defs"] = Value::Object(defs);
    }
    schema
}
