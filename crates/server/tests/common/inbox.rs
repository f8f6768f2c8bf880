//! Staff accounts and signed-in requests for the inbox tests.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use super::BIN;

/// `careform staff add USER ARGS` with `password` on standard input: (exit code, stderr).
pub fn staff_add(data_dir: &Path, user: &str, password: &str, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(["staff", "add", user, "--data-dir"])
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `careform ARGS --data-dir DIR`: (exit code, stdout, stderr).
pub fn careform_in(data_dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).arg("--data-dir").arg(data_dir).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn no_redirects() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

/// A signed-in staff member's cookie.
pub struct Session {
    pub base: String,
    pub cookie: String,
}

impl Session {
    /// Signs in; panics unless it works.
    pub fn sign_in(base: &str, user: &str, password: &str) -> Session {
        let r = sign_in(base, user, password);
        assert_eq!(r.status(), 303, "sign-in of {user}");
        let set = r.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().to_owned();
        Session { base: base.to_owned(), cookie: set.split(';').next().unwrap().to_owned() }
    }

    pub fn get(&self, path: &str) -> reqwest::blocking::Response {
        no_redirects().get(format!("{}{path}", self.base)).header("Cookie", &self.cookie).send().unwrap()
    }

    pub fn text(&self, path: &str) -> String {
        let r = self.get(path);
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().unwrap()
    }

    /// POSTs a form from this server's own origin.
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::blocking::Response {
        self.post_from(&self.base, path, fields)
    }

    pub fn post_from(&self, origin: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::blocking::Response {
        no_redirects()
            .post(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .header("Origin", origin)
            .form(fields)
            .send()
            .unwrap()
    }

    /// This session's CSRF token, read from a page's form.
    pub fn csrf(&self) -> String {
        let page = self.text("/staff/inbox");
        let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
        page[start..].chars().take_while(|c| *c != '"').collect()
    }
}

pub fn sign_in(base: &str, user: &str, password: &str) -> reqwest::blocking::Response {
    no_redirects()
        .post(format!("{base}/staff/login"))
        .header("Origin", base)
        .form(&[("username", user), ("password", password)])
        .send()
        .unwrap()
}

/// As [`super::post_pa_acknowledgement`] with the current code, with `changes` merged into
/// the data (a member set to null is removed) and, when given, another code version attested.
pub fn post_pa_with(
    base: &str,
    request: &str,
    changes: serde_json::Value,
    code_version: Option<&str>,
) -> (u16, serde_json::Value) {
    use careform_rules::pa::{CODE_ID, current_code};
    use careform_seal::{FormRef, canonicalize_serializable, sha256_b64u};
    let def = careform_rules::form("pa-acknowledgement", "1").unwrap();
    let mut data = serde_json::json!({
        "pa_name": "Sam Patel", "supporter_role": "pa_or_support_worker", "client_name": "Jo Bloggs",
        "employer": "client", "activity_setting": "main_base", "reports_to": "none", "kitchen_cleared": "no",
        "signature": "Sam Patel", "signed_date": careform_rules::date::format_iso(chrono::Utc::now().date_naive()),
        "request": request
    });
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            data.as_object_mut().unwrap().remove(k);
        } else {
            data[k] = v.clone();
        }
    }
    let mut p = super::payload(base, &super::new_sid(), data);
    p.origin = base.to_owned();
    p.form = FormRef {
        id: def.id.into(),
        version: def.version.into(),
        sha256: sha256_b64u(&canonicalize_serializable(def)),
    };
    p.attestations = vec![careform_seal::Attestation {
        id: CODE_ID.into(),
        version: code_version.unwrap_or(current_code().version).into(),
        text_sha256: current_code().text_sha256(),
        accepted: true,
    }];
    let env = super::sign(&careform_seal::generate_key(), base, &super::nonce(base, base), &p);
    super::post_raw(base, env.to_json().into_bytes(), "application/jose+json", Some(base))
}
