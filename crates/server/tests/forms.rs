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
    assert_eq!(
        ids,
        [
            "careform-demo",
            "pa-acknowledgement",
            "task-scope",
            "dbs-insurance",
            "gift-register",
            "key-holding",
            "provider-application"
        ]
    );
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

/// The schemas are real: a JSON Schema validator (as a client in any language would use) accepts
/// the data the rules accept, refuses data the rules refuse for its shape, and accepts the
/// report the check returns.
#[test]
fn the_schemas_accept_what_the_rules_accept_and_describe_the_report() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dbs: Value = serde_json::from_str(DBS_SUBMISSION).unwrap();
    let mut dbs_bad = dbs.clone();
    dbs_bad["workers"][0]["dbs"]["colour"] = json!("blue");
    let gift = json!({"provider": {"name": "Acme Care"}, "offers": [{"offered_on": "2026-11-02", "worker": "Alex Rowe",
        "client": "C-104", "offered_by": "client", "kind": "gift", "description": "Box of chocolates",
        "estimated_value_pence": 800, "solicited": false, "outcome": "accepted", "reported_on": "2026-11-02",
        "commissioner_notified_on": null, "safeguarding_concern": false}]});
    let cases = [
        (
            "task-scope",
            json!({"profile": "bexley-homecare", "plan": {"tasks": [{"description": "help with shopping"}], "visits": ["08:00"]}}),
            json!({"profile": "bexley-homecare", "plan": {"tasks": [{"description": "help with shopping", "colour": "red"}]}}),
        ),
        (
            "dbs-insurance",
            json!({"profile": "somerset-micro-provider", "submission": dbs}),
            json!({"profile": "somerset-micro-provider", "submission": dbs_bad}),
        ),
        ("careform-demo", json!({"name": "Jo", "date": "2026-11-01"}), json!({"name": "Jo", "date": 20261101})),
        (
            "gift-register",
            json!({"profile": "somerset-micro-provider", "register": gift.clone()}),
            json!({"profile": "somerset-micro-provider", "register": {"provider": gift["provider"], "offers": [{"kind": "gadget"}]}}),
        ),
    ];
    for (id, good, bad) in cases {
        let detail = careform_server::forms::detail(id).unwrap();
        let data = jsonschema::validator_for(&detail["data_schema"]).unwrap_or_else(|e| panic!("{id}: {e}"));
        let report_schema = jsonschema::validator_for(&detail["report_schema"]).unwrap_or_else(|e| panic!("{id}: {e}"));

        let errors: Vec<String> = data.iter_errors(&good).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{id}: the schema refuses good data: {errors:?}");
        let report = careform_rules::check(id, "1", good.as_object().unwrap(), &[], today)
            .unwrap_or_else(|e| panic!("{id}: the rules refuse good data: {e}"));
        let report = serde_json::to_value(&report).unwrap();
        let errors: Vec<String> =
            report_schema.iter_errors(&report).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{id}: the report schema refuses the report: {errors:?}\n{report}");

        assert!(!data.is_valid(&bad), "{id}: the schema accepts {bad}");
        assert!(
            careform_rules::check(id, "1", bad.as_object().unwrap(), &[], today).is_err(),
            "{id}: the rules accept {bad}"
        );
    }
}

const DBS_SUBMISSION: &str = r#"{"applicant":{"legal_name":"Sam Patel"},"employee_count":0,"workers":[{"name":"Sam Patel","role":"owner","dbs":{"certificate_number":"001234567890","level":"enhanced_adults_barred","workforce":"adult","issue_date":"2024-05-01"}}],"insurance":{"public_liability":{"insurer":"Acme","insured_name":"Sam Patel","limit_pence":500000000,"start_date":"2026-04-01","expiry_date":"2027-03-31"},"employers_liability":null}}"#;
