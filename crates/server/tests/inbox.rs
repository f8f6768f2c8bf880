//! The council inbox: who sees what, decisions with reasons, the audit log, CSRF and headers.

mod common;

use common::inbox::*;
use common::*;
use serde_json::json;

const PW: &str = "a long enough password";

/// Sends a demo submission signed with `key`; returns its reference.
fn send(base: &str, key: &careform_seal::SigningKey, name: &str, date: Option<&str>) -> String {
    let mut data = json!({ "name": name, "message": "Hello, council" });
    if let Some(d) = date {
        data["date"] = json!(d);
    }
    let (status, body) = post(base, &fresh_submission(key, base, data).to_json());
    assert_eq!(status, 201, "{body}");
    let jwks: careform_seal::Jwks = serde_json::from_value(jwks(base)).unwrap();
    careform_seal::verify_receipt(body["receipt"].to_string().as_bytes(), &jwks).unwrap().payload.reference
}

fn audit_rows(dir: &std::path::Path) -> Vec<(String, String, String)> {
    let db = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    let mut stmt = db.prepare("SELECT actor, action, detail FROM inbox_audit ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn officers_see_and_decide_only_the_forms_they_were_given() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "olive", PW, &["--form", "careform-demo"]).0, 0);
    assert_eq!(staff_add(dir.path(), "owen", PW, &["--form", "task-scope"]).0, 0);
    assert_eq!(staff_add(dir.path(), "ada", PW, &["--role", "admin"]).0, 0);
    assert_eq!(staff_add(dir.path(), "x", PW, &["--form", "no-such-form"]).0, 2, "unknown forms are refused");
    let server = Server::start(dir.path(), &[]);
    let base = &server.base;
    let device = careform_seal::generate_key();
    let first = send(base, &device, "Ana One", None);
    let second = send(base, &device, "Ana Two", Some("2999-01-01"));
    let other = send(base, &careform_seal::generate_key(), "Bo Three", None);

    let olive = Session::sign_in(base, "olive", PW);
    let list = olive.text("/staff/inbox");
    let (a, b, c) = (list.find(&other).unwrap(), list.find(&second).unwrap(), list.find(&first).unwrap());
    assert!(a < b && b < c, "newest first");
    let failing = olive.text("/staff/inbox?verdict=fail");
    assert!(failing.contains(&second) && !failing.contains(&first) && !failing.contains(&other), "verdict filter");
    assert!(failing.contains("1 fail, 0 warn, 0 pass"), "{failing}");
    let by_ref = olive.text(&format!("/staff/inbox?reference={}", &first[..7].to_lowercase()));
    assert!(by_ref.contains(&first), "a reference's beginning finds it, in any case");

    // One submission: verified on the spot, with the other submission from the same device key.
    let page = olive.text(&format!("/staff/inbox/submissions/{first}"));
    assert!(page.contains("Valid</strong> signed by device key"), "{page}");
    assert!(page.contains("signed by this server"), "{page}");
    let same = &page[page.find("id=\"same-device\"").unwrap()..];
    assert!(same.contains(&second) && !same[..same.find("</ul>").unwrap()].contains(&other));
    assert!(page.contains("Ana One") && page.contains("DEMO-01"), "answers and findings");

    // Owen was given another form: nothing of careform-demo, not even by direct URL.
    let owen = Session::sign_in(base, "owen", PW);
    let list = owen.text("/staff/inbox");
    assert!(!list.contains(&first) && !list.contains(&other));
    assert_eq!(owen.get(&format!("/staff/inbox/submissions/{first}")).status(), 404);
    assert_eq!(owen.get(&format!("/staff/inbox/submissions/{first}/audit.csv")).status(), 404);
    let csrf = owen.csrf();
    let r = owen.post(&format!("/staff/inbox/submissions/{first}/status"), &[("csrf", &csrf), ("status", "in_review")]);
    assert_eq!(r.status(), 404, "nor decide it");
    assert!(!owen.text("/staff/inbox/export.csv").contains(&first));
    assert_eq!(owen.get("/staff/admin").status(), 403, "officers cannot reach admin pages");
    let r = owen.post("/staff/admin/access", &[("csrf", &csrf), ("username", "owen"), ("role", "admin")]);
    assert_eq!(r.status(), 403);

    // Decisions: CSRF and origin checked, reasons required, and each step audited.
    let path = format!("/staff/inbox/submissions/{first}/status");
    let token = olive.csrf();
    assert_eq!(olive.post(&path, &[("status", "in_review")]).status(), 403, "no CSRF token");
    assert_eq!(olive.post(&path, &[("csrf", &csrf), ("status", "in_review")]).status(), 403, "another session's token");
    let forged = olive.post_from("https://evil.example", &path, &[("csrf", &token), ("status", "in_review")]);
    assert_eq!(forged.status(), 403, "another site's page");
    assert_eq!(olive.post(&path, &[("csrf", &token), ("status", "approved")]).status(), 422, "review comes first");
    assert_eq!(olive.post(&path, &[("csrf", &token), ("status", "in_review")]).status(), 303);
    let r = olive.post(&path, &[("csrf", &token), ("status", "rejected"), ("reason", "  ")]);
    assert_eq!(r.status(), 422, "a reason is required");
    // The decision form again, with GOV.UK's error summary linking to the reason, the choice kept.
    let again = r.text().unwrap();
    assert!(again.contains("<title>Error: "), "{again}");
    let summary = &again[again.find("govuk-error-summary").expect("an error summary")..];
    assert!(summary.contains("<a href=\"#reason\">Enter the reason the submission is rejected</a>"), "{summary}");
    assert!(again.contains("value=\"rejected\" required checked>"), "the chosen status stays chosen");
    assert!(again.contains("class=\"govuk-textarea govuk-textarea--error\" id=\"reason\""), "{again}");
    assert!(again.contains("aria-describedby=\"reason-hint reason-error\""), "{again}");
    let r = olive.post(&path, &[("csrf", &token), ("status", "rejected"), ("reason", "Wrong council")]);
    assert_eq!(r.status(), 303);
    let note = format!("/staff/inbox/submissions/{first}/note");
    assert_eq!(olive.post(&note, &[("csrf", &token), ("note", "Phoned the provider")]).status(), 303);
    let assign = format!("/staff/inbox/submissions/{first}/assign");
    assert_eq!(olive.post(&assign, &[("csrf", &token), ("assignee", "owen")]).status(), 422, "owen lacks the form");
    assert_eq!(olive.post(&assign, &[("csrf", &token), ("assignee", "olive")]).status(), 303);
    let list = olive.text("/staff/inbox?status=rejected");
    assert!(list.contains(&first) && !list.contains(&second) && list.contains(">olive<"), "{list}");
    let page = olive.text(&format!("/staff/inbox/submissions/{first}"));
    assert!(page.contains("rejected: Wrong council") && page.contains("Phoned the provider"), "audit shown");

    let mine: Vec<(String, String)> = audit_rows(dir.path())
        .into_iter()
        .filter(|(who, _, _)| who == "olive")
        .map(|(_, what, detail)| (what, detail))
        .collect();
    let expected = [
        ("viewed", ""),
        ("status", "in_review"),
        ("status", "rejected: Wrong council"),
        ("note", "Phoned the provider"),
        ("assigned", "olive"),
        ("viewed", ""),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| ((*a).into(), (*b).into())).collect();
    assert_eq!(mine, expected);
    let csv = olive.text(&format!("/staff/inbox/submissions/{first}/audit.csv"));
    assert!(csv.starts_with("id,at,actor,action,reference,detail\n") && csv.contains("rejected: Wrong council"));
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    assert!(db.execute("UPDATE inbox_audit SET detail = 'x'", []).is_err(), "the audit log is append-only");
    assert!(db.execute("DELETE FROM inbox_audit", []).is_err(), "the audit log is append-only");

    // The admin gives owen the form; now he sees it.
    let ada = Session::sign_in(base, "ada", PW);
    assert!(ada.text("/staff/admin").contains("Forms owen handles"));
    let t = ada.csrf();
    let fields = [("csrf", t.as_str()), ("username", "owen"), ("role", "officer"), ("form.careform-demo", "on")];
    assert_eq!(ada.post("/staff/admin/access", &fields).status(), 303);
    assert!(owen.text("/staff/inbox").contains(&first));
    assert!(
        audit_rows(dir.path())
            .iter()
            .any(|(w, a, d)| w == "ada" && a == "access" && d == "owen: officer [careform-demo]")
    );
}

#[test]
fn staff_pages_are_not_cached_or_framed_and_sessions_end_with_the_account() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "kim", PW, &[]).0, 0);
    let (code, out, _) = careform_in(dir.path(), &["staff", "list"]);
    assert_eq!(code, 0);
    assert_eq!(out, "kim\tofficer\t\n", "an account made without --role is an officer with no forms");
    let server = Server::start(dir.path(), &[]);
    let base = &server.base;
    let kim = Session::sign_in(base, "kim", PW);
    for path in ["/staff/inbox", "/staff", "/staff/login"] {
        let r = kim.get(path);
        assert_eq!(r.status(), 200, "{path}");
        let h = r.headers();
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h["x-frame-options"], "DENY");
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over http");
    }
    assert!(kim.text("/staff/inbox").contains("You have not been given any forms yet"));

    // A new password ends the sessions signed in with the old one.
    assert_eq!(staff_add(dir.path(), "kim", "a different password", &[]).0, 0);
    assert_eq!(kim.get("/staff/inbox").status(), 303);
    let (_, out, _) = careform_in(dir.path(), &["staff", "list"]);
    assert_eq!(out, "kim\tofficer\t\n", "setting a password keeps the role");
    let kim = Session::sign_in(base, "kim", "a different password");
    let (code, _, _) = careform_in(dir.path(), &["staff", "remove", "kim"]);
    assert_eq!(code, 0);
    assert_eq!(kim.get("/staff").status(), 303, "removing the account ends its sessions");
    assert_eq!(sign_in(base, "kim", "a different password").status(), 401);
    assert_eq!(careform_in(dir.path(), &["staff", "remove", "kim"]).0, 1, "no such account");
}

#[test]
fn hsts_when_the_public_url_is_https() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--public-url", "https://forms.council.example"]);
    let r = http().get(format!("{}/staff/login", server.base)).send().unwrap();
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
}

/// The page checks the receipt against everything it shows: a stored verdict edited from fail to
/// pass (in the database, behind the server's back) no longer reads as signed.
#[test]
fn an_edited_verdict_is_not_shown_as_signed() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "olive", PW, &["--form", "careform-demo"]).0, 0);
    let server = Server::start(dir.path(), &[]);
    let failing = send(&server.base, &careform_seal::generate_key(), "Ana Fail", Some("2999-01-01"));
    let olive = Session::sign_in(&server.base, "olive", PW);
    let path = format!("/staff/inbox/submissions/{failing}");
    assert!(olive.text(&path).contains("signed by this server"));

    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let report: String =
        db.query_row("SELECT report FROM submissions WHERE reference = ?1", [&failing], |r| r.get(0)).unwrap();
    assert!(report.contains(r#""outcome":"fail""#), "{report}");
    let edited = report.replace(r#""outcome":"fail""#, r#""outcome":"pass""#);
    db.execute("UPDATE submissions SET report = ?1 WHERE reference = ?2", [&edited, &failing]).unwrap();

    let page = olive.text(&path);
    assert!(!page.contains("signed by this server"), "{page}");
    assert!(
        page.contains("Not valid</strong> the receipt report_sha256 (the stored verdict) does not match"),
        "{page}"
    );

    // Blanking the envelope as well (as if purged) does not switch the check off.
    db.execute("UPDATE submissions SET envelope = '' WHERE reference = ?1", [&failing]).unwrap();
    let page = olive.text(&path);
    assert!(page.contains("the receipt report_sha256 (the stored verdict) does not match"), "{page}");
    db.execute("UPDATE submissions SET report = ?1 WHERE reference = ?2", [&report, &failing]).unwrap();

    // The summary's verdict comes from the inbox row, which the receipt does not cover: it is
    // checked against the stored report.
    db.execute("UPDATE inbox_items SET verdict = 'pass', fails = 0 WHERE reference = ?1", [&failing]).unwrap();
    let page = olive.text(&path);
    assert!(!page.contains("signed by this server"), "{page}");
    assert!(page.contains("Not valid</strong> the form, time or verdict shown above does not match"), "{page}");
}
