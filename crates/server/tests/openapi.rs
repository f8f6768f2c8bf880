//! `GET /v1/openapi.json` is kept in step with the code: every route in the server's source is
//! documented (or named below as not part of the API) and every documented operation is routed;
//! the answers a real server gives for each operation, successes and refusals, validate against
//! the document's schemas; and the forms' data schemas are the ones `GET /v1/forms/{id}` serves.
//! (The other tests' answers are checked too, through `common::openapi`.)

mod common;

use std::path::Path;

use common::openapi::{assert_valid, check, document};
use common::*;
use serde_json::{Value, json};

/// Routes in the source that are not the HTTP API: officers' HTML pages, static files, the
/// index page. Anything else routed must be in the document.
/// (`/embed/{widget}` is an HTML page for an iframe, described in README, not an API.)
const NOT_API: &[&str] = &["/staff", "/widgets", "/demo", "/", "/favicon.ico", "/embed"];
/// `staff.rs`'s staff router, written relative to the `/staff` it is nested under.
const STAFF_RELATIVE: &[&str] = &["/requests", "/logout", "/login"];

/// Every path literal given to `.route(` or `.nest_service(` in the server's source.
fn routes_in_source() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for call in [".route(", ".nest_service(", ".route_service("] {
                    for (at, _) in text.match_indices(call) {
                        let rest = text[at + call.len()..].trim_start();
                        if let Some(literal) = rest.strip_prefix('"') {
                            let end = literal.find('"').unwrap();
                            out.push((literal[..end].to_owned(), path.display().to_string()));
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

fn documented_paths() -> Vec<String> {
    document()["paths"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn every_route_in_the_source_is_documented_and_every_documented_path_is_in_the_source() {
    let routes = routes_in_source();
    assert!(routes.iter().any(|(p, _)| p == "/v1/submissions"), "the scan finds the routes: {routes:?}");
    let documented = documented_paths();
    for (route, file) in &routes {
        let not_api = NOT_API.iter().any(|p| route == p || route.starts_with(&format!("{p}/")))
            || (file.ends_with("staff.rs") && STAFF_RELATIVE.contains(&route.as_str()));
        assert!(
            not_api || documented.contains(route),
            "{route} (routed in {file}) is not in the OpenAPI document: add it to openapi::paths()"
        );
    }
    for path in &documented {
        assert!(routes.iter().any(|(r, _)| r == path), "{path} is documented but no route has it");
    }
}

/// A value for each path parameter, to probe the routes.
fn example(path: &str) -> String {
    path.replace("{id}", "careform-demo").replace("{sha256}", &"0".repeat(64))
}

#[test]
fn every_documented_operation_is_routed_and_no_other_method_is() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let client = http();
    for path in documented_paths() {
        let operations = document()["paths"][&path].as_object().unwrap();
        for method in ["get", "head", "post", "put", "delete", "patch"] {
            let r = client
                .request(method.to_uppercase().parse().unwrap(), format!("{}{}", server.base, example(&path)))
                .send()
                .unwrap();
            let status = r.status().as_u16();
            // axum answers HEAD for every GET route.
            let documented = operations.contains_key(method) || (method == "head" && operations.contains_key("get"));
            if documented {
                assert_ne!(status, 405, "{method} {path} is documented but not routed");
                let body = r.json::<Value>().unwrap_or(Value::Null);
                if method != "head" {
                    check(method, &path, status, &body);
                }
            } else {
                assert_eq!(status, 405, "{method} {path} is routed but not documented");
            }
        }
    }
}

#[test]
fn the_served_document_is_this_build_s_with_every_form_s_data_schema() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let r = http()
        .get(format!("{}/v1/openapi.json", server.base))
        .header("Origin", "https://elsewhere.example")
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], "*", "any tool may read it");
    let served: Value = r.json().unwrap();
    assert_eq!(served, careform_server::openapi::document(&server.base));
    assert_eq!(served["openapi"].as_str().map(|v| &v[..4]), Some("3.1."));
    assert_eq!(served["servers"][0]["url"], json!(server.base));

    // Operation ids are unique, and every schema in the document compiles with its references.
    let mut ids = Vec::new();
    for (path, item) in served["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ids.push(op["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId")));
            assert!(!op["responses"].as_object().unwrap().is_empty());
        }
    }
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "operationIds repeat: {ids:?}");
    for name in served["components"]["schemas"].as_object().unwrap().keys() {
        common::openapi::validator(&format!("/components/schemas/{name}"));
    }

    // Each form's data schema is the one GET /v1/forms/{id} serves.
    let list: Value = http().get(format!("{}/v1/forms", server.base)).send().unwrap().json().unwrap();
    for form in list["forms"].as_array().unwrap() {
        let id = form["id"].as_str().unwrap();
        let detail: Value = http().get(format!("{}/v1/forms/{id}", server.base)).send().unwrap().json().unwrap();
        let mut served_schema = detail["data_schema"].clone();
        careform_server::openapi::rebase_refs(&mut served_schema, &format!("#/components/schemas/FormData.{id}/"));
        assert_eq!(served["components"]["schemas"][format!("FormData.{id}")], served_schema, "{id}");
    }
}

/// A submission's decoded payload validates against `SubmissionPayload`, whose `data` is
/// checked against its own form's schema: the references inside a form's schema resolve.
#[test]
fn decoded_payloads_are_described_form_by_form() {
    let base = "http://127.0.0.1:8080";
    let good = payload(base, &new_sid(), hello());
    assert_valid("/components/schemas/SubmissionPayload", &serde_json::to_value(&good).unwrap());
    let mut bad = serde_json::to_value(&good).unwrap();
    bad["data"]["colour"] = json!("red");
    assert!(!common::openapi::validator("/components/schemas/SubmissionPayload").is_valid(&bad));

    let plan = json!({ "profile": "bexley-homecare", "plan": { "tasks": [{ "description": "help with shopping" }], "visits": ["08:00"] } });
    let mut task_scope = serde_json::to_value(&good).unwrap();
    let def = careform_rules::form("task-scope", "1").unwrap();
    task_scope["form"] = json!({ "id": def.id, "version": def.version, "sha256": careform_server::forms::sha256(def) });
    task_scope["data"] = plan;
    assert_valid("/components/schemas/SubmissionPayload", &task_scope);
    task_scope["data"]["plan"]["tasks"][0]["colour"] = json!("red");
    assert!(!common::openapi::validator("/components/schemas/SubmissionPayload").is_valid(&task_scope));
}
