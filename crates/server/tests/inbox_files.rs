//! Evidence files in the council inbox: listed on the submission's page, downloaded only by
//! officers given its form (direct URLs included), with safe headers, each download audited.

mod common;

use common::inbox::*;
use common::*;

const PW: &str = "a long enough password";

/// The reference in a stored submission's receipt.
fn reference_of(base: &str, body: &serde_json::Value) -> String {
    let jwks: careform_seal::Jwks = serde_json::from_value(jwks(base)).unwrap();
    careform_seal::verify_receipt(body["receipt"].to_string().as_bytes(), &jwks).unwrap().payload.reference
}

#[test]
fn officers_given_the_form_download_its_evidence_and_each_download_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "pia", PW, &["--form", "provider-application"]).0, 0);
    assert_eq!(staff_add(dir.path(), "dev", PW, &["--form", "careform-demo"]).0, 0);
    let server = Server::start(dir.path(), &["--allow-origin", &format!("provider-application={ORIGIN}")]);
    let base = &server.base;
    let application = with_real_evidence(base, &application_example());
    let (status, body) = post_application(base, &careform_seal::generate_key(), &new_sid(), &application);
    assert_eq!(status, 201, "{body}");
    let reference = reference_of(base, &body);

    let pia = Session::sign_in(base, "pia", PW);
    let page = pia.text(&format!("/staff/inbox/submissions/{reference}"));
    let table = &page[page.find("id=\"evidence\"").expect("an evidence table")..];
    let table = &table[..table.find("</table>").unwrap()];
    let items = application["evidence"].as_array().unwrap();
    for item in items {
        for key in ["kind", "name", "media_type", "sha256"] {
            assert!(table.contains(item[key].as_str().unwrap()), "{key} of {item} in {table}");
        }
        assert!(table.contains(&format!(">{}<", item["bytes"])), "size of {item}");
        let link = format!("/staff/inbox/submissions/{reference}/files/{}", item["sha256"].as_str().unwrap());
        assert!(table.contains(&link), "{link}");
    }

    let item = &items[0];
    let sha256 = item["sha256"].as_str().unwrap();
    let path = format!("/staff/inbox/submissions/{reference}/files/{sha256}");
    let r = pia.get(&path);
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    let disposition = h["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\""), "{disposition}");
    let bytes = r.bytes().unwrap();
    assert_eq!(careform_rules::files::sha256_hex(&bytes), sha256, "the stored bytes, whole");
    assert_eq!(bytes.as_ref(), samples::pdf(item["name"].as_str().unwrap()).as_slice());
    // The address issue 13 named answers the same.
    let short = pia.get(&format!("/staff/inbox/{reference}/files/{sha256}"));
    assert_eq!(short.status(), 200);
    assert_eq!(short.bytes().unwrap(), bytes);

    // A file this submission does not list, though the server holds it: not found.
    let (_, stray) = upload_file(base, "provider-application", samples::pdf("someone else's document"));
    let stray = stray["sha256"].as_str().unwrap();
    assert_eq!(pia.get(&format!("/staff/inbox/submissions/{reference}/files/{stray}")).status(), 404);
    assert_eq!(pia.get(&format!("/staff/inbox/submissions/{reference}/files/..%2F..%2Fcareform.db")).status(), 404);

    // An officer of another form, and nobody at all, get nothing, by either address.
    let dev = Session::sign_in(base, "dev", PW);
    assert_eq!(dev.get(&path).status(), 404);
    assert_eq!(dev.get(&format!("/staff/inbox/{reference}/files/{sha256}")).status(), 404);
    let anonymous = no_redirects().get(format!("{base}{path}")).send().unwrap();
    assert_eq!(anonymous.status(), 303, "sign in first");

    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let mut stmt = db.prepare("SELECT actor, reference, detail FROM inbox_audit WHERE action = 'downloaded'").unwrap();
    let rows: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let detail = format!("{sha256} {}", item["name"].as_str().unwrap());
    assert_eq!(rows, vec![("pia".into(), reference.clone(), detail.clone()), ("pia".into(), reference, detail)]);
}

#[test]
fn a_file_damaged_on_disk_is_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "pia", PW, &["--form", "provider-application"]).0, 0);
    let server = Server::start(dir.path(), &["--allow-origin", &format!("provider-application={ORIGIN}")]);
    let base = &server.base;
    let application = with_real_evidence(base, &application_example());
    let (status, body) = post_application(base, &careform_seal::generate_key(), &new_sid(), &application);
    assert_eq!(status, 201, "{body}");
    let reference = reference_of(base, &body);
    let sha256 = application["evidence"][1]["sha256"].as_str().unwrap();
    let stored = dir.path().join("files").join(&sha256[..2]).join(&sha256[2..]);
    let mut bytes = std::fs::read(&stored).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    std::fs::write(&stored, bytes).unwrap();
    let pia = Session::sign_in(base, "pia", PW);
    let r = pia.get(&format!("/staff/inbox/submissions/{reference}/files/{sha256}"));
    assert_eq!(r.status(), 500);
    assert!(r.text().unwrap().contains("no longer matches"));
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let n: i64 =
        db.query_row("SELECT COUNT(*) FROM inbox_audit WHERE action = 'downloaded'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "nothing was downloaded");
}
