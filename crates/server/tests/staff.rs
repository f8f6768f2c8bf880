//! Staff issue single-use acknowledgement links; a PA's acknowledgement spends one.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use careform_rules::pa::current_code;
use common::*;
use serde_json::Value;

fn staff_add(data_dir: &std::path::Path, user: &str, password: &str) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(["staff", "add", user, "--data-dir"])
        .arg(data_dir)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn no_redirects() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn login(base: &str, user: &str, password: &str) -> reqwest::blocking::Response {
    no_redirects()
        .post(format!("{base}/staff/login"))
        .header("Origin", base)
        .form(&[("username", user), ("password", password)])
        .send()
        .unwrap()
}

/// Posts the staff page's issue form, as if sent from a page at `origin`.
fn issue(base: &str, cookie: &str, origin: &str, fields: &[(&str, &str)]) -> reqwest::blocking::Response {
    no_redirects()
        .post(format!("{base}/staff/requests"))
        .header("Cookie", cookie)
        .header("Origin", origin)
        .form(fields)
        .send()
        .unwrap()
}

fn cookie_of(r: &reqwest::blocking::Response) -> String {
    let set = r.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    set.split(';').next().unwrap().to_owned()
}

fn acknowledge(base: &str, request: Option<&str>) -> (u16, Value) {
    match request {
        // The activity date the first test's link was issued for (a link is bound to its details).
        Some(token) => {
            common::inbox::post_pa_with(base, token, serde_json::json!({ "activity_date": "2026-12-01" }), None)
        }
        None => post_pa_acknowledgement(base, current_code().text_sha256(), request),
    }
}

#[test]
fn staff_sign_in_issue_a_link_and_see_it_acknowledged_once() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "sam", "short").0, 2, "passwords under 12 characters are refused");
    let (code, err) = staff_add(dir.path(), "sam", "correct horse battery");
    assert_eq!(code, 0, "{err}");
    let server = Server::start(dir.path(), &[]);
    let base = &server.base;

    // Not signed in: sent to the sign-in page.
    let r = no_redirects().get(format!("{base}/staff")).send().unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/staff/login"));
    assert_eq!(login(base, "sam", "wrong password here").status(), 401);
    assert_eq!(login(base, "nobody", "correct horse battery").status(), 401);
    let signed_in = login(base, "sam", "correct horse battery");
    assert_eq!(signed_in.status(), 303);
    let cookie = cookie_of(&signed_in);

    // Issue a link: only from this server's own pages.
    let fields = [
        ("pa_name", "Sam Patel"),
        ("pa_email", "sam@example.org"),
        ("client_name", "Jo Bloggs"),
        ("employer", "Jo Bloggs (direct)"),
        ("activity_date", "2026-12-01"),
        ("code_version", current_code().version),
    ];
    let forged = issue(base, &cookie, "https://evil.example", &fields);
    assert_eq!(forged.status(), 403);
    let issued = issue(base, &cookie, base, &fields);
    assert_eq!(issued.status(), 303);
    let dashboard =
        |cookie: &str| http().get(format!("{base}/staff")).header("Cookie", cookie).send().unwrap().text().unwrap();
    let page = dashboard(&cookie);
    assert!(page.contains("Sam Patel") && page.contains("Waiting"), "{page}");
    let link_start = page.find("?request=").expect("the link is shown") + "?request=".len();
    let token: String =
        page[link_start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    assert_eq!(token.len(), 24);

    // The PA acknowledges through the link: once.
    let (status, body) = acknowledge(base, Some(&token));
    assert_eq!(status, 201, "{body}");
    let page = dashboard(&cookie);
    assert!(page.contains("Acknowledged CF-"), "{page}");
    let (status, body) = acknowledge(base, Some(&token));
    assert_eq!((status, body["error"].as_str()), (422, Some("requestInvalid")), "a link is single-use");
    let (status, body) = acknowledge(base, Some("not-a-link-we-issued"));
    assert_eq!((status, body["error"].as_str()), (422, Some("requestInvalid")), "{body}");

    // Signing out ends the session.
    let out = no_redirects()
        .post(format!("{base}/staff/logout"))
        .header("Cookie", &cookie)
        .header("Origin", base)
        .send()
        .unwrap();
    assert_eq!(out.status(), 303);
    assert_eq!(no_redirects().get(format!("{base}/staff")).header("Cookie", &cookie).send().unwrap().status(), 303);
}

#[test]
fn an_expired_link_is_refused_and_shown_as_expired() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "kim", "another long password").0, 0);
    let server = Server::start(dir.path(), &[]);
    let base = &server.base;
    let cookie = cookie_of(&login(base, "kim", "another long password"));
    let fields = [
        ("pa_name", "Ola Old"),
        ("pa_email", "ola@example.org"),
        ("client_name", "Jo"),
        ("employer", "Agency"),
        ("code_version", current_code().version),
    ];
    let r = issue(base, &cookie, base, &fields);
    assert_eq!(r.status(), 303);
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let token: String = db.query_row("SELECT token FROM pa_requests", [], |r| r.get(0)).unwrap();
    db.execute("UPDATE pa_requests SET expires_at = 1", []).unwrap();
    let (status, body) = acknowledge(base, Some(&token));
    assert_eq!((status, body["error"].as_str()), (422, Some("requestInvalid")));
    let page = http().get(format!("{base}/staff")).header("Cookie", &cookie).send().unwrap().text().unwrap();
    assert!(page.contains("Expired"), "{page}");
    assert_eq!(count_rows(dir.path()), 0, "nothing stored, and the nonce was not spent either");
}

#[test]
fn a_link_is_bound_to_the_pa_participant_and_date_it_was_issued_for() {
    use common::inbox::post_pa_with;
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "kim", "another long password").0, 0);
    let server = Server::start(dir.path(), &[]);
    let base = &server.base;
    let cookie = cookie_of(&login(base, "kim", "another long password"));
    let fields = [
        ("pa_name", "Sam Patel"),
        ("pa_email", "sam@example.org"),
        ("client_name", "Jo Bloggs"),
        ("employer", "Jo Bloggs (direct)"),
        ("activity_date", "2026-11-30"),
        ("code_version", current_code().version),
    ];
    assert_eq!(issue(base, &cookie, base, &fields).status(), 303);
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let token: String = db.query_row("SELECT token FROM pa_requests", [], |r| r.get(0)).unwrap();
    let cases = [
        (
            json!({ "pa_name": "Someone Else", "signature": "Someone Else", "activity_date": "2026-11-30" }),
            None,
            "pa_name",
        ),
        (json!({ "client_name": "Another Client", "activity_date": "2026-11-30" }), None, "client_name"),
        (json!({ "activity_date": "2026-11-29" }), None, "activity_date"),
        (json!({}), None, "activity_date"),
    ];
    for (changes, version, field) in cases {
        let (status, body) = post_pa_with(base, &token, changes.clone(), version);
        assert_eq!((status, body["error"].as_str()), (422, Some("requestMismatch")), "{changes} {body}");
        assert_eq!(body["problems"][0]["field"], field, "{body}");
    }
    assert_eq!(count_rows(dir.path()), 0, "nothing stored and the link not spent");
    // The PA it was issued for, typing their name in another case and spacing: accepted.
    let (status, body) =
        post_pa_with(base, &token, json!({ "pa_name": "sam  PATEL", "activity_date": "2026-11-30" }), None);
    assert_eq!(status, 201, "{body}");
}
