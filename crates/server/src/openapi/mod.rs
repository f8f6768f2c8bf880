//! The OpenAPI 3.1 description of the public HTTP API, served at `GET /v1/openapi.json`.
//!
//! Written here rather than derived from annotations on the handlers, so that it lives in one
//! place; `tests/openapi.rs` holds it to the code: every route the server has is documented (or
//! named there as not part of the API) and every documented one is routed, and the answers the
//! tests get (status, body) validate against the schemas below. The forms' data schemas come
//! from [`crate::forms::data_schema`], the same ones `GET /v1/forms/{id}` serves.
//!
//! To document a new route: add one entry to [`paths`] (an operation built with [`op`], its
//! answers with [`ok`] and [`error`]) and, if its bodies are new, a schema in [`components`].

mod components;

use serde_json::{Map, Value, json};

pub use components::{components, rebase_refs};

/// The document, with `public_url` as its one server.
pub fn document(public_url: &str) -> Value {
    json!({
        "openapi": "3.1.1",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Careform",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "Signed JSON submissions of English adult social care forms, checked and receipted by the council's server.",
            "description": "Submissions are Ed25519 JWS (flattened JSON) over RFC 8785 canonical JSON: \
                see the README's \"Signed JSON v1 in brief\". Every error is JSON: \
                {\"error\": CODE, \"detail\": \"what to do\"}, with the codes each answer lists. \
                Every /v1/ route answers 429 rateLimited past the configured requests per minute \
                from one address.",
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" }
        },
        "servers": [{ "url": public_url }],
        "paths": paths(),
        "components": components(),
    })
}

/// Every documented route: path, then one operation per method.
pub fn paths() -> Value {
    json!({
        "/v1/nonce": { "get": op("nonce", &format!("A single-use nonce for the embedding page's origin, valid {} minutes.", crate::receive::NONCE_TTL_SECS / 60),
            json!([
                param("origin", "query", false, "The page's origin, for same-origin requests (which carry no Origin header)."),
                origin_header(),
            ]),
            None,
            json!({
                "200": ok("The nonce.", "Nonce"),
                "400": error("No origin given, or not an origin.", &[(&["originRequired", "badOrigin"], json!({}))]),
                "403": error("This origin may not submit forms here.", &[(&["originNotAllowed"], json!({}))]),
                "429": rate_limited(),
                "500": internal(),
            })) },
        "/v1/submissions": { "post": op("submit", "Submit one signed form: verified, re-checked, stored, receipted.",
            json!([origin_header()]),
            Some(json!({ "required": true, "content": { "application/jose+json": { "schema": schema_ref("Envelope") } } })),
            json!({
                "201": ok("Stored now; the receipt and the nonce for the next submission.", "ReceiptResponse"),
                "200": ok("A retry of a stored submission (same sid, device key and payload): its stored receipt.", "ReceiptResponse"),
                "400": error("The envelope is malformed, signed for another server or origin, or its nonce is spent.", &[
                    (&malformed(), json!({})),
                    (&["badUrl", "badAudience", "originMismatch", "badIat", "badOrigin"], json!({})),
                    (&["badNonce"], json!({ "nonce": { "type": "string", "description": "A fresh nonce: sign the header again with it." } })),
                ]),
                "403": error("This origin may not submit this form.", &[(&["originNotAllowed"], json!({}))]),
                "413": error(&format!("The body is over {} bytes.", crate::http::MAX_BODY_BYTES), &[(&["tooLarge"], json!({}))]),
                "408": body_timeout(),
                "415": error("Not application/jose+json.", &[(&["unsupportedMediaType"], json!({}))]),
                "422": error("The server's re-check refused it; nothing was stored.", &[
                    (&["sidReused"], json!({})),
                    (&["unknownForm", "unknownFormVersion", "formMismatch", "invalidData", "evidenceInvalid",
                       "requestInvalid", "requestMismatch", "agreementNotFound", "agreementReturned", "agreementMismatch"],
                     json!({ "problems": schema_ref("Problems") })),
                    (&["rulesFailed"], json!({ "findings": { "type": "array", "items": schema_ref("Finding") } })),
                ]),
                "429": rate_limited(),
                "500": internal(),
            })) },
        "/v1/forms": { "get": op("listForms", "Every form this server accepts, with the form.sha256 a submission must carry.",
            json!([]), None,
            json!({ "200": ok("The forms.", "FormList"), "429": rate_limited() })) },
        "/v1/forms/{id}": { "get": op("getForm",
            "One form: its definition, the JSON Schema of its data (also in components/schemas as FormData.{id}) and of its check's report.",
            json!([param("id", "path", true, "The form's id, as GET /v1/forms lists it.")]), None,
            json!({
                "200": ok("The form.", "FormDetail"),
                "404": error("No form has this id.", &[(&["unknownForm"], json!({}))]),
                "429": rate_limited(),
            })) },
        "/v1/files": { "post": op("uploadFile", "Upload one evidence file (its raw bytes) before the submission that lists it.",
            json!([param("form", "query", true, "The form the file is for (selects the origins allowed)."), origin_header()]),
            Some(json!({ "required": true, "content": { "*/*": { "schema": { "type": "string", "contentMediaType": "application/octet-stream",
                "description": format!("A {} of at most {} bytes; the type is read from the bytes.",
                    careform_rules::files::allowed_types_text(), careform_rules::files::MAX_FILE_BYTES) } } } })),
            json!({
                "201": ok("Stored now.", "StoredFile"),
                "200": ok("Already held (an upload is idempotent).", "StoredFile"),
                "400": error("No form named, or no form has that id.", &[(&["formRequired", "unknownForm", "badOrigin"], json!({}))]),
                "403": error("This origin may not upload files for this form.", &[(&["originNotAllowed"], json!({}))]),
                "408": body_timeout(),
                "413": error("Over 10 MiB.", &[(&["fileTooLarge"], json!({ "limit": { "type": "integer", "const": careform_rules::files::MAX_FILE_BYTES } }))]),
                "415": error("Not a PDF, JPEG, PNG, DOCX or ODT by its bytes.",
                    &[(&["unsupportedFileType"], json!({ "accepted": { "type": "array", "items": { "type": "string" } } }))]),
                "429": rate_limited(),
                "500": internal(),
                "503": error("Other uploads are being read; try again after Retry-After seconds.", &[(&["busy"], json!({}))]),
            })) },
        "/v1/files/{sha256}": { "head": op("fileHeld", "Whether the server holds this file (an outbox uploads what is missing).",
            json!([param("sha256", "path", true, "The file's SHA-256, 64 lowercase hex digits.")]), None,
            json!({
                "200": { "description": "Held." },
                "404": { "description": "Not held." },
                "400": { "description": "Not 64 lowercase hex digits (badHash; a HEAD answer has no body)." },
                "429": { "description": "Too many requests from this address (rateLimited)." },
                "500": { "description": "The server could not look the file up." },
            })) },
        "/v1/checkpoint": { "get": op("checkpoint", "A signed note of the receipt chain's size and head (C2SP tlog-checkpoint, docs/receipts.md): a council that keeps the latest detects a truncated chain with careform audit --checkpoint.",
            json!([]), None,
            json!({
                "200": { "description": "The signed note.", "content": { "text/plain": { "schema": { "type": "string" } } } },
                "429": rate_limited(),
                "500": internal(),
            })) },
        "/v1/openapi.json": { "get": op("openapi", "This document.", json!([]), None,
            json!({ "200": { "description": "The OpenAPI 3.1 document.", "content": { "application/json": { "schema": { "type": "object", "required": ["openapi", "paths"] } } } } })) },
        "/.well-known/jwks.json": { "get": op("jwks", "The server's public key, to verify receipts (any origin may read it).",
            json!([]), None, json!({ "200": ok("The JWK set.", "Jwks") })) },
        "/healthz": { "get": op("health", "Whether the server is up.", json!([]), None,
            json!({ "200": { "description": "Up.", "content": { "text/plain": { "schema": { "const": "ok" } } } } })) },
    })
}

/// The body paused longer than `--body-timeout`.
fn body_timeout() -> Value {
    error(
        "The body paused longer than the server's body timeout; nothing was stored.",
        &[(&["bodyTimeout"], json!({}))],
    )
}

/// The codes of a submission envelope that fails verification (`unknownKid` is a receipt's).
fn malformed() -> Vec<&'static str> {
    careform_seal::SealError::CODES.iter().copied().filter(|c| *c != "unknownKid").collect()
}

/// An operation.
pub fn op(id: &str, summary: &str, parameters: Value, body: Option<Value>, responses: Value) -> Value {
    let mut op = json!({ "operationId": id, "summary": summary, "parameters": parameters, "responses": responses });
    if let Some(body) = body {
        op["requestBody"] = body;
    }
    op
}

/// A plain string parameter.
pub fn param(name: &str, place: &str, required: bool, description: &str) -> Value {
    json!({ "name": name, "in": place, "required": required, "description": description, "schema": { "type": "string" } })
}

fn origin_header() -> Value {
    param("Origin", "header", false, "Sent by browsers cross-origin; must be the payload's origin.")
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A JSON answer whose body is the named component schema.
pub fn ok(description: &str, schema: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema_ref(schema) } } })
}

/// An error answer: `{"error", "detail"}` with one of `codes`, and for each group of codes the
/// members it adds (all present). Closed, so a member added in code and not here fails the tests.
pub fn error(description: &str, variants: &[(&[&str], Value)]) -> Value {
    let variants: Vec<Value> = variants
        .iter()
        .map(|(codes, extra)| {
            let mut properties = Map::new();
            properties.insert("error".into(), json!({ "type": "string", "enum": codes }));
            properties.insert(
                "detail".into(),
                json!({ "type": "string", "description": "What is wrong and what to do, for people." }),
            );
            let mut required = vec![json!("error"), json!("detail")];
            for (name, schema) in extra.as_object().into_iter().flatten() {
                properties.insert(name.clone(), schema.clone());
                required.push(json!(name));
            }
            json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
        })
        .collect();
    let schema = if variants.len() == 1 { variants[0].clone() } else { json!({ "oneOf": variants }) };
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn rate_limited() -> Value {
    let mut r = error(
        "Too many requests from this address; try again after Retry-After seconds.",
        &[(&["rateLimited"], json!({}))],
    );
    r["headers"] = json!({ "Retry-After": { "schema": { "type": "integer" } } });
    r
}

fn internal() -> Value {
    error("The server failed; nothing was recorded, try again.", &[(&["internal"], json!({}))])
}
