//! The document's schemas: the bodies the API sends and takes, the decoded parts of the signed
//! envelopes (`crates/seal`), and each form's data schema from the rules.

use careform_rules::FORMS;
use serde_json::{Map, Value, json};

/// base64url without padding (RFC 4648 §5), as every signed part is encoded.
const B64U: &str = "^[A-Za-z0-9_-]*$";

fn b64u(bytes: Option<usize>, description: &str) -> Value {
    // n bytes are ceil(4n/3) characters without padding.
    let pattern = match bytes {
        Some(n) => format!("^[A-Za-z0-9_-]{{{}}}$", (4 * n).div_ceil(3)),
        None => B64U.to_owned(),
    };
    json!({ "type": "string", "pattern": pattern, "description": description })
}

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties, "additionalProperties": false })
}

/// The `components` object.
pub fn components() -> Value {
    let mut schemas = Map::new();
    let mut add = |name: &str, schema: Value| schemas.insert(name.to_owned(), schema);
    add(
        "Nonce",
        object(
            &["nonce"],
            json!({ "nonce": b64u(Some(16), &format!("Single use, valid {} minutes, bound to the origin.", crate::receive::NONCE_TTL_SECS / 60)) }),
        ),
    );
    add(
        "Envelope",
        json!({
            "description": "A JWS in flattened JSON serialization (RFC 7515 §7.2.2) over RFC 8785 canonical JSON; \
                exactly these three members.",
            "type": "object",
            "required": ["protected", "payload", "signature"],
            "additionalProperties": false,
            "properties": {
                "protected": b64u(None, "base64url of the canonical protected header (SubmissionHeader or ReceiptHeader)."),
                "payload": b64u(None, "base64url of the canonical payload (SubmissionPayload or ReceiptPayload)."),
                "signature": b64u(Some(64), "base64url of the Ed25519 signature over the ASCII of protected + \".\" + payload."),
            }
        }),
    );
    add(
        "ReceiptResponse",
        object(
            &["receipt", "next_nonce"],
            json!({
                "receipt": { "$ref": "#/components/schemas/Envelope", "description": "Signed by the server key in /.well-known/jwks.json; its payload is a ReceiptPayload." },
                "next_nonce": b64u(Some(16), "The nonce for this origin's next submission."),
                "checkpoint": { "type": "string", "description": "A signed note (C2SP tlog-checkpoint) of the chain up to this receipt; keep the latest for `careform audit --checkpoint` (docs/receipts.md)." },
                "refers_to": object(&["reference"], json!({ "reference": { "type": "string", "description": "The key-holding agreement a return closes." } })),
            }),
        ),
    );
    add(
        "PublicJwk",
        object(
            &["crv", "kty", "x"],
            json!({ "crv": { "const": "Ed25519" }, "kty": { "const": "OKP" }, "x": b64u(Some(32), "The public key.") }),
        ),
    );
    add(
        "SubmissionHeader",
        object(
            &["alg", "jwk", "nonce", "typ", "url"],
            json!({
                "alg": { "const": "Ed25519" },
                "jwk": { "$ref": "#/components/schemas/PublicJwk" },
                "nonce": { "type": "string", "description": "From GET /v1/nonce." },
                "typ": { "const": "careform-submission+jws" },
                "url": { "type": "string", "description": "{server}/v1/submissions" },
            }),
        ),
    );
    add("FormRef", form_ref(None));
    add("SubmissionPayload", submission_payload());
    add(
        "Attestation",
        object(
            &["id", "version", "text_sha256", "accepted"],
            json!({
                "id": { "type": "string" }, "version": { "type": "string" },
                "text_sha256": b64u(Some(32), "SHA-256 of the exact UTF-8 text shown."),
                "accepted": { "const": true },
            }),
        ),
    );
    add(
        "ReceiptHeader",
        object(
            &["alg", "kid", "typ"],
            json!({ "alg": { "const": "Ed25519" }, "kid": b64u(Some(32), "RFC 7638 thumbprint of the server key."), "typ": { "const": "careform-receipt+jws" } }),
        ),
    );
    add("ReceiptPayload", receipt_payload());
    add(
        "Problems",
        json!({ "type": "array", "items": object(&["field", "message"], json!({ "field": { "type": "string" }, "message": { "type": "string" } })) }),
    );
    add(
        "Finding",
        json!({
            "type": "object", "required": ["rule", "outcome", "message", "source"],
            "properties": {
                "rule": { "type": "string", "description": "The rule's id, e.g. DI-07." },
                "outcome": { "enum": ["pass", "fail", "warn", "info"] },
                "message": { "type": "string" }, "source": { "type": "string" }, "field": { "type": "string" },
            },
            "additionalProperties": false,
        }),
    );
    let listed = json!({
        "id": { "type": "string" }, "version": { "type": "string" },
        "sha256": b64u(Some(32), "SHA-256 of the form's RFC 8785 canonical definition: what form.sha256 must be."),
        "title": { "type": "string" },
    });
    add(
        "FormList",
        object(
            &["forms"],
            json!({ "forms": { "type": "array", "items": object(&["id", "version", "sha256", "title"], listed.clone()) } }),
        ),
    );
    let mut detail = listed.as_object().cloned().unwrap_or_default();
    detail.insert("definition".into(), json!({ "type": "object", "required": ["id", "version", "title", "fields", "refuse_on_fail"], "description": "The form's fields in the order they are asked." }));
    detail.insert("data_schema".into(), json!({ "type": "object", "description": "JSON Schema 2020-12 of the form's data; the same as components/schemas/FormData.{id}." }));
    detail.insert(
        "report_schema".into(),
        json!({ "type": "object", "description": "JSON Schema 2020-12 of the report the form's check returns." }),
    );
    add(
        "FormDetail",
        object(
            &["id", "version", "sha256", "title", "definition", "data_schema", "report_schema"],
            Value::Object(detail),
        ),
    );
    add(
        "StoredFile",
        object(
            &["sha256", "media_type", "bytes"],
            json!({
                "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$", "description": "As sha256sum prints it." },
                "media_type": { "enum": careform_rules::files::MEDIA_TYPES.map(|(t, _)| t) },
                "bytes": { "type": "integer", "minimum": 0, "maximum": careform_rules::files::MAX_FILE_BYTES },
            }),
        ),
    );
    add(
        "Jwks",
        object(
            &["keys"],
            json!({ "keys": { "type": "array", "items": {
                "type": "object", "required": ["kty", "crv", "x"],
                "properties": {
                    "kty": { "const": "OKP" }, "crv": { "const": "Ed25519" }, "x": b64u(Some(32), "The public key."),
                    "kid": b64u(Some(32), "The key's RFC 7638 thumbprint: a receipt header's kid."),
                    "alg": { "const": "Ed25519" }, "use": { "const": "sig" },
                },
                "additionalProperties": false,
            } } }),
        ),
    );
    for form in FORMS {
        let def = form.definition;
        let name = format!("FormData.{}", def.id);
        let mut schema = crate::forms::data_schema(form);
        // Its `#/$defs/...` references are relative to its own root; here they resolve against
        // the document's, so they are rewritten to where the schema sits (rather than giving it
        // an `$id`, which not every OpenAPI tool follows).
        rebase_refs(&mut schema, &format!("#/components/schemas/{name}/"));
        add(&name, schema);
    }
    json!({ "schemas": schemas })
}

/// The prefix a standalone schema's local references (`#/...`) get where it is embedded.
pub const LOCAL: &str = "#/";

/// Rewrites every local `$ref` (`#/...`) in `schema` to start with `prefix` instead.
pub fn rebase_refs(schema: &mut Value, prefix: &str) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(r) if key == "$ref" && r.starts_with(LOCAL) => {
                        *r = format!("{prefix}{}", &r[LOCAL.len()..]);
                    }
                    _ => rebase_refs(value, prefix),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rebase_refs(v, prefix)),
        _ => {}
    }
}

fn form_ref(id: Option<&str>) -> Value {
    let id = id.map_or_else(|| json!({ "type": "string" }), |id| json!({ "const": id }));
    object(
        &["id", "version", "sha256"],
        json!({ "id": id, "version": { "type": "string" }, "sha256": b64u(Some(32), "As GET /v1/forms lists it.") }),
    )
}

/// One branch per form, so the payload's `data` is checked against its own form's schema.
fn submission_payload() -> Value {
    let per_form: Vec<Value> = FORMS
        .iter()
        .map(|form| {
            let id = form.definition.id;
            json!({
                "properties": {
                    "form": form_ref(Some(id)),
                    "data": { "$ref": format!("#/components/schemas/FormData.{id}") },
                }
            })
        })
        .collect();
    let mut schema = object(
        &["v", "form", "origin", "aud", "iat", "sid", "data", "attestations"],
        json!({
            "v": { "const": 1 },
            "form": { "$ref": "#/components/schemas/FormRef" },
            "origin": { "type": "string", "description": "The embedding page's origin." },
            "aud": { "type": "string", "description": "The server's public URL." },
            "iat": { "type": "integer", "minimum": 0, "maximum": 9007199254740991_i64 },
            "sid": b64u(Some(16), "Submission id; retries reuse it."),
            "data": { "type": "object", "description": "No floats: money in pence, dates YYYY-MM-DD." },
            "attestations": { "type": "array", "items": { "$ref": "#/components/schemas/Attestation" } },
        }),
    );
    schema["oneOf"] = json!(per_form);
    schema
}

fn receipt_payload() -> Value {
    object(
        &["v", "iss", "ref", "seq", "prev", "received_at", "submission"],
        json!({
            "v": { "const": 1 },
            "iss": { "type": "string" },
            "ref": { "type": "string", "pattern": "^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$", "description": "e.g. CF-7K3M-Q9XD" },
            "seq": { "type": "integer", "minimum": 1 },
            "prev": { "oneOf": [b64u(Some(32), "SHA-256 of the previous receipt's JWS."), { "type": "null" }] },
            "received_at": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$" },
            "report_sha256": b64u(Some(32), "SHA-256 of the server's stored verdict (its report), so editing it is detected; absent in older receipts."),
            "submission": object(
                &["sid", "jkt", "form", "payload_sha256", "jws_sha256"],
                json!({
                    "sid": b64u(Some(16), "The submission id."),
                    "jkt": b64u(Some(32), "Thumbprint of the device key."),
                    "form": { "$ref": "#/components/schemas/FormRef" },
                    "payload_sha256": b64u(Some(32), "SHA-256 of the decoded payload."),
                    "jws_sha256": b64u(Some(32), "SHA-256 of protected.payload.signature."),
                    "origin": { "type": "string", "description": "The embedding page's origin; absent in older receipts." },
                }),
            ),
        }),
    )
}
