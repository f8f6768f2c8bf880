//! Holds the answers the tests get to `/v1/openapi.json`: the status must be documented for that
//! operation and the JSON body must validate against the schema the document gives for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};

/// The document's base URI while validating: its `#/components/...` references resolve in it.
const BASE: &str = "urn:careform:openapi";

/// The document this build serves (the server URL does not matter to any schema).
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| careform_server::openapi::document("http://127.0.0.1"))
}

/// A JSON pointer token (RFC 6901).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A validator for the schema at `pointer` in the document.
pub fn validator(pointer: &str) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().unwrap().get(pointer) {
        return v.clone();
    }
    // The whole document as the root schema, pointing at the part wanted: OpenAPI's own members
    // are unknown keywords to JSON Schema and ignored, and every reference resolves in place.
    let mut root = document().clone();
    // A URI fragment: `{` and `}` (of path templates) must be percent-encoded.
    root["$ref"] = json!(format!("#{}", pointer.replace('{', "%7B").replace('}', "%7D")));
    root["$id"] = json!(BASE);
    let v = Arc::new(
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&root)
            .unwrap_or_else(|e| panic!("the schema at {pointer} does not compile: {e}")),
    );
    cache.lock().unwrap().insert(pointer.to_owned(), v.clone());
    v
}

/// Panics unless `value` validates against the schema at `pointer`.
pub fn assert_valid(pointer: &str, value: &Value) {
    let errors: Vec<String> =
        validator(pointer).iter_errors(value).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{pointer}: {errors:?}\n{value}");
}

/// The documented path (e.g. `/v1/forms/{id}`) a request path or URI falls under, if any.
pub fn template(uri: &str) -> Option<String> {
    let path = uri.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_prefix("http://").map_or(path, |rest| &rest[rest.find('/').unwrap_or(rest.len())..]);
    let wanted: Vec<&str> = path.split('/').collect();
    document()["paths"]
        .as_object()?
        .keys()
        .find(|t| {
            let parts: Vec<&str> = t.split('/').collect();
            parts.len() == wanted.len()
                && parts
                    .iter()
                    .zip(&wanted)
                    .all(|(p, w)| p == w || (p.starts_with('{') && p.ends_with('}') && !w.is_empty()))
        })
        .cloned()
}

/// Panics unless `status` is documented for `method` on `uri` (a request URI, or a documented
/// path such as `/v1/forms/{id}`) and, when the document gives a JSON body, `body` validates
/// against it. Routes the document does not describe (staff pages, widgets) are not checked.
pub fn check(method: &str, uri: &str, status: u16, body: &Value) {
    let Some(path) = template(uri) else { return };
    let op = format!("/paths/{}/{}", escape(&path), method.to_ascii_lowercase());
    let response = document().pointer(&format!("{op}/responses/{status}")).unwrap_or_else(|| {
        panic!("{method} {uri} answered {status}, which the OpenAPI document does not list: {body}")
    });
    if response.pointer("/content/application~1json/schema").is_some() {
        assert_valid(&format!("{op}/responses/{status}/content/application~1json/schema"), body);
    }
}

/// Sends `request` through the router in process, checks the answer with [`check`], and gives
/// back its status and JSON body (`null` when it has none).
pub async fn answer(app: axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    use tower::ServiceExt as _;
    let (method, uri) = (request.method().to_string(), request.uri().to_string());
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    check(&method, &uri, status.as_u16(), &body);
    (status, body)
}
