//! `GET /v1/forms`, `GET /v1/forms/{id}` and `careform forms`: a client outside the project signs
//! a valid submission from these answers alone.

mod common;

use careform_seal::{FormRef, SubmissionPayload};
use common::*;
use serde_json::{Value, json};

fn get(base: &str, path: &str) -> (u16, Value) {
    let r = http().get(format!("{base}{path}")).header("Origin", ORIGIN).send().unwrap();
    (r.status().as_u16(), r.json().unwrap_or(Value::Null))
}

#[test]
fn the_forms_list_gives_what_a_submission_must_carry_and_one_built_from_it_lands() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let (status, list) = get(&server.base, "/v1/forms");
    assert_eq!(status, 200, "{list}");
    let ids: Vec<&str> = list["forms"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["careform-demo", "pa-acknowledgement", "task-scope", "dbs-insurance"]);
    let demo = list["forms"].as_array().unwrap().iter().find(|f| f["id"] == "careform-demo").unwrap();
    assert!(demo["title"].as_str().is_some_and(|t| !t.is_empty()));

    // Built from the listing alone, not from the rules crate.
    let form = FormRef {
        id: demo["id"].as_str().unwrap().into(),
        version: demo["version"].as_str().unwrap().into(),
        sha256: demo["sha256"].as_str().unwrap().into(),
    };
    let key = careform_seal::generate_key();
    let payload = SubmissionPayload { form, ..payload(&server.base, &new_sid(), hello()) };
    let (status, body) =
        post(&server.base, &sign(&key, &server.base, &nonce(&server.base, ORIGIN), &payload).to_json());
    assert_eq!(status, 201, "{body}");

    // Any other sha256 is refused: the listing is the one that counts.
    let mut wrong = payload.clone();
    wrong.sid = new_sid();
    wrong.form.sha256 = careform_seal::sha256_b64u(b"another definition");
    let (status, body) = post(&server.base, &sign(&key, &server.base, &nonce(&server.base, ORIGIN), &wrong).to_json());
    assert_eq!((status, body["error"].as_str()), (422, Some("formMismatch")), "{body}");

    // The command prints the same list.
    let (code, printed, stderr) = careform(&["forms"]);
    assert_eq!((code, printed), (0, list), "{stderr}");
}

#[test]
fn one_form_adds_its_definition_and_a_json_schema_of_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let (status, pa) = get(&server.base, "/v1/forms/pa-acknowledgement");
    assert_eq!(status, 200, "{pa}");
    let fields: Vec<&str> =
        pa["definition"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    let schema = &pa["data_schema"];
    let properties: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = fields.clone();
    sorted.sort_unstable();
    assert_eq!(properties, sorted, "one property per field");
    assert_eq!(schema["additionalProperties"], json!(false));
    assert!(schema["required"].as_array().unwrap().contains(&json!("pa_name")));
    assert!(!schema["required"].as_array().unwrap().contains(&json!("employer_name")), "asked only sometimes");
    assert_eq!(schema["properties"]["kitchen_cleared"]["enum"], json!(["yes", "no"]));
    assert_eq!(schema["properties"]["employer"]["enum"], json!(["client", "agency", "other"]));
    assert_eq!(schema["properties"]["pa_name"]["maxLength"], json!(200));
    let (_, list) = get(&server.base, "/v1/forms");
    let listed = list["forms"].as_array().unwrap().iter().find(|f| f["id"] == "pa-acknowledgement").unwrap().clone();
    assert_eq!(pa["sha256"], listed["sha256"]);

    let (status, body) = get(&server.base, "/v1/forms/no-such-form");
    assert_eq!((status, body["error"].as_str()), (404, Some("unknownForm")), "{body}");
}
