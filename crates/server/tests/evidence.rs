//! Signed provider applications whose `data.evidence` lists uploaded files, posted to a real
//! `careform serve`: stored with their files when the server holds each exactly as listed;
//! refused, naming the item, when a file is missing, of another size or type, damaged on disk, or
//! the files together are over 50 MiB; a retried upload stores one file.

mod common;

use common::*;
use serde_json::{Value, json};

fn start(dir: &std::path::Path) -> Server {
    Server::start(dir, &["--allow-origin", &format!("provider-application={ORIGIN}")])
}

/// The files recorded with each stored submission, in chain order.
fn recorded_files(dir: &std::path::Path) -> Vec<(i64, String)> {
    let c = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    let mut stmt = c.prepare("SELECT seq, sha256 FROM submission_files ORDER BY seq, sha256").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

fn stored_path(dir: &std::path::Path, sha256: &str) -> std::path::PathBuf {
    dir.join("files").join(&sha256[..2]).join(&sha256[2..])
}

#[test]
fn an_application_is_stored_with_the_files_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let key = careform_seal::generate_key();
    let application = with_real_evidence(&server.base, &application_example());
    let (status, body) = post_application(&server.base, &key, &new_sid(), &application);
    assert_eq!(status, 201, "{body}");
    let mut listed: Vec<(i64, String)> = application["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (1, e["sha256"].as_str().unwrap().to_owned()))
        .collect();
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), 8, "every kind of evidence, each its own file");
    assert_eq!(recorded_files(dir.path()), listed);
}

#[test]
fn an_upload_retried_and_a_file_listed_twice_are_one_stored_file() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let mut application = with_real_evidence(&server.base, &application_example());
    // One document is both the terms of service and the price list, uploaded twice (a retry).
    let both = samples::docx();
    assert_eq!(upload_file(&server.base, "provider-application", both.clone()).0, 201);
    let (status, stored) = upload_file(&server.base, "provider-application", both);
    assert_eq!(status, 200, "{stored}");
    for item in application["evidence"].as_array_mut().unwrap() {
        if item["kind"] == "terms_of_service" || item["kind"] == "price_list" {
            for key in ["sha256", "media_type", "bytes"] {
                item[key] = stored[key].clone();
            }
            item["name"] = json!("terms-and-prices.docx");
        }
    }
    let (status, body) = post_application(&server.base, &careform_seal::generate_key(), &new_sid(), &application);
    assert_eq!(status, 201, "{body}");
    let sha256 = stored["sha256"].as_str().unwrap();
    assert_eq!(recorded_files(dir.path()).iter().filter(|(_, s)| s == sha256).count(), 1);
    let folder = stored_path(dir.path(), sha256).parent().unwrap().to_owned();
    assert_eq!(std::fs::read_dir(folder).unwrap().count(), 1, "one file, no leftovers");
}

#[test]
fn a_file_missing_mismatched_or_damaged_is_refused_naming_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let key = careform_seal::generate_key();
    let application = with_real_evidence(&server.base, &application_example());
    let never_uploaded = samples::pdf("never uploaded");
    let with_item = |i: usize, change: &dyn Fn(&mut Value)| {
        let mut a = application.clone();
        change(&mut a["evidence"][i]);
        a
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "a file the server does not hold",
            with_item(2, &|e| {
                e["sha256"] = json!(careform_rules::files::sha256_hex(&never_uploaded));
                e["bytes"] = json!(never_uploaded.len());
            }),
            "does not hold",
        ),
        ("another size", with_item(2, &|e| e["bytes"] = json!(e["bytes"].as_u64().unwrap() + 1)), "bytes"),
        ("another type", with_item(2, &|e| e["media_type"] = json!("image/png")), "application/pdf"),
    ];
    for (what, a, needle) in cases {
        let (status, body) = post_application(&server.base, &key, &new_sid(), &a);
        assert_eq!((status, body["error"].as_str()), (422, Some("evidenceInvalid")), "{what}: {body}");
        let problem = &body["problems"][0];
        assert_eq!(problem["field"], "evidence[2]", "{what}: {body}");
        assert!(problem["message"].as_str().unwrap().contains(needle), "{what}: {body}");
    }

    // The stored bytes of evidence[3] changed on disk: they no longer hash to the name.
    let damaged = application["evidence"][3]["sha256"].as_str().unwrap();
    let path = stored_path(dir.path(), damaged);
    let mut bytes = std::fs::read(&path).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    std::fs::write(&path, bytes).unwrap();
    let (status, body) = post_application(&server.base, &key, &new_sid(), &application);
    assert_eq!((status, body["error"].as_str()), (422, Some("evidenceInvalid")), "{body}");
    assert_eq!(body["problems"][0]["field"], "evidence[3]");
    assert!(body["problems"][0]["message"].as_str().unwrap().contains("no longer matches"), "{body}");
    assert_eq!(count_rows(dir.path()), 0);
    assert_eq!(recorded_files(dir.path()), vec![]);
}

#[test]
fn files_adding_up_to_more_than_50_mib_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path());
    let mut application = with_real_evidence(&server.base, &application_example());
    // Six real PDFs of just under 10 MiB each (padded after %%EOF, as scanners do).
    let big: Vec<Value> = (0..6)
        .map(|n| {
            let mut pdf = samples::pdf(&format!("scan {n}"));
            pdf.resize(careform_rules::files::MAX_FILE_BYTES as usize - 1, b'\n');
            let (status, stored) = upload_file(&server.base, "provider-application", pdf);
            assert_eq!(status, 201, "{stored}");
            json!({"kind": "dbs_checks", "name": format!("scan-{n}.pdf"), "media_type": stored["media_type"],
                   "bytes": stored["bytes"], "sha256": stored["sha256"]})
        })
        .collect();
    application["evidence"].as_array_mut().unwrap().extend(big);
    let (status, body) = post_application(&server.base, &careform_seal::generate_key(), &new_sid(), &application);
    assert_eq!(status, 422, "{body}");
    let problem = body["problems"].as_array().unwrap().iter().find(|p| p["field"] == "evidence");
    let problem = problem.unwrap_or_else(|| panic!("no problem with the evidence as a whole: {body}"));
    assert!(problem["message"].as_str().unwrap().contains("50 MiB"), "{body}");
    assert_eq!(count_rows(dir.path()), 0);
}
