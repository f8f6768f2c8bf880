//! A real `careform serve` process on a free port with its own data directory and SQLite file.
#![allow(dead_code, missing_docs)]

use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use careform_seal::{
    Envelope, FormRef, SigningKey, SubmissionPayload, b64u_encode, canonicalize_serializable, random_bytes,
    sha256_b64u, sign_submission,
};
use serde_json::{Value, json};

pub mod inbox;
pub mod openapi;
pub mod samples;
pub mod stores;

pub const BIN: &str = env!("CARGO_BIN_EXE_careform");

pub struct Server {
    child: Child,
    pub base: String,
    pub port: u16,
    pub data_dir: PathBuf,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Server {
    pub fn start(data_dir: &Path, extra: &[&str]) -> Server {
        Self::start_on(free_port(), data_dir, extra)
    }

    pub fn start_on(port: u16, data_dir: &Path, extra: &[&str]) -> Server {
        Self::start_env(port, data_dir, extra, &[])
    }

    pub fn start_env(port: u16, data_dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        Self::start_with(Command::new(BIN), port, data_dir, extra, env)
    }

    /// As [`Server::start_env`], with `command` the program to run: `careform`, or a wrapper
    /// such as `prlimit ... careform` whose arguments are already given.
    pub fn start_with(
        mut command: Command,
        port: u16,
        data_dir: &Path,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Server {
        let mut child = command
            .args(["serve", "--address", &format!("127.0.0.1:{port}"), "--data-dir"])
            .arg(data_dir)
            // A flag would override CAREFORM_ALLOW_ORIGINS (flags win), so leave it out when that is set.
            .args(if env.iter().any(|(k, _)| *k == "CAREFORM_ALLOW_ORIGINS") {
                &[][..]
            } else {
                &["--allow-origin", "careform-demo=https://council.example"][..]
            })
            .args(if extra.contains(&"--rate-limit-per-minute") {
                &[][..]
            } else {
                &["--rate-limit-per-minute", "100000"][..]
            })
            .args(extra)
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .spawn()
            .expect("careform starts");
        // Wait for the "listening" line, so tests never race the bind.
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            assert!(Instant::now() < deadline, "careform did not start in time");
            match lines.next() {
                Some(Ok(line)) if line.contains("careform listening on") => break,
                Some(Ok(_)) => continue,
                _ => panic!("careform exited before listening"),
            }
        }
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, base: format!("http://127.0.0.1:{port}"), port, data_dir: data_dir.to_owned() }
    }

    /// The server process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown handler runs, as when the power goes.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub const ORIGIN: &str = "https://council.example";

pub fn http() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().timeout(Duration::from_secs(20)).build().unwrap()
}

pub fn nonce(base: &str, origin: &str) -> String {
    let r = http().get(format!("{base}/v1/nonce")).header("Origin", origin).send().unwrap();
    assert_eq!(r.status(), 200, "nonce: {}", r.text().unwrap_or_default());
    let body = r.json::<Value>().unwrap();
    openapi::check("get", "/v1/nonce", 200, &body);
    body["nonce"].as_str().unwrap().to_owned()
}

pub fn demo_form() -> FormRef {
    let def = careform_rules::form("careform-demo", "1").unwrap();
    FormRef { id: def.id.into(), version: def.version.into(), sha256: sha256_b64u(&canonicalize_serializable(def)) }
}

pub fn payload(base: &str, sid: &str, data: Value) -> SubmissionPayload {
    SubmissionPayload {
        v: 1,
        form: demo_form(),
        origin: ORIGIN.into(),
        aud: base.into(),
        iat: chrono::Utc::now().timestamp(),
        sid: sid.into(),
        data: data.as_object().unwrap().clone(),
        attestations: vec![],
    }
}

pub fn new_sid() -> String {
    b64u_encode(&random_bytes::<16>())
}

pub fn sign(key: &SigningKey, base: &str, nonce: &str, payload: &SubmissionPayload) -> Envelope {
    sign_submission(key, nonce, &format!("{base}/v1/submissions"), payload).unwrap()
}

/// A valid envelope for `data`, with a fresh nonce and sid.
pub fn fresh_submission(key: &SigningKey, base: &str, data: Value) -> Envelope {
    let n = nonce(base, ORIGIN);
    sign(key, base, &n, &payload(base, &new_sid(), data))
}

pub fn post(base: &str, body: &str) -> (u16, Value) {
    post_raw(base, body.as_bytes().to_vec(), "application/jose+json", Some(ORIGIN))
}

pub fn post_raw(base: &str, body: Vec<u8>, content_type: &str, origin: Option<&str>) -> (u16, Value) {
    let mut req = http().post(format!("{base}/v1/submissions")).header("Content-Type", content_type).body(body);
    if let Some(o) = origin {
        req = req.header("Origin", o);
    }
    let r = req.send().unwrap();
    let status = r.status().as_u16();
    let body = r.json::<Value>().unwrap_or(Value::Null);
    // Every answer the submission tests get is held to the API's description.
    openapi::check("post", "/v1/submissions", status, &body);
    (status, body)
}

/// One device submitting signed hellos to `base` (audience `audience`) one after another until
/// `stop`: each 201's receipt goes to `acked`; the first submission left without one (the server
/// died mid-way) goes to `unsure`, and the device stops. The crash tests' client.
pub fn submit_until_stopped(
    base: &str,
    audience: &str,
    acked: &std::sync::Mutex<Vec<Envelope>>,
    unsure: &std::sync::Mutex<Vec<Envelope>>,
    stop: &std::sync::atomic::AtomicBool,
) {
    let key = careform_seal::generate_key();
    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
        let Ok(r) = http().get(format!("{base}/v1/nonce")).header("Origin", ORIGIN).send() else { break };
        let Ok(v) = r.json::<Value>() else { break };
        let env = sign(&key, audience, v["nonce"].as_str().unwrap(), &payload(audience, &new_sid(), hello()));
        let sent = http()
            .post(format!("{base}/v1/submissions"))
            .header("Content-Type", "application/jose+json")
            .header("Origin", ORIGIN)
            .body(env.to_json())
            .send();
        match sent.ok().and_then(|r| (r.status() == 201).then(|| r.json::<Value>().ok()).flatten()) {
            Some(body) => acked.lock().unwrap().push(serde_json::from_value(body["receipt"].clone()).unwrap()),
            None => {
                unsure.lock().unwrap().push(env);
                break;
            }
        }
    }
}

pub fn hello() -> Value {
    json!({ "name": "Ana Smith", "message": "Testing the pipeline" })
}

pub fn jwks(base: &str) -> Value {
    http().get(format!("{base}/.well-known/jwks.json")).send().unwrap().json().unwrap()
}

pub fn careform(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

pub fn count_rows(data_dir: &Path) -> i64 {
    let c = rusqlite::Connection::open(data_dir.join("careform.db")).unwrap();
    c.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0)).unwrap()
}

/// Posts a complete PA acknowledgement from the server's own origin, attesting `text_sha256`
/// and, when given, spending a staff-issued link.
pub fn post_pa_acknowledgement(base: &str, text_sha256: String, request: Option<&str>) -> (u16, Value) {
    use careform_rules::pa::{CODE_ID, current_code};
    let def = careform_rules::form("pa-acknowledgement", "1").unwrap();
    let mut data = json!({
        "pa_name": "Sam Patel", "supporter_role": "pa_or_support_worker", "client_name": "Jo Bloggs",
        "employer": "client", "activity_setting": "main_base", "reports_to": "none", "kitchen_cleared": "no",
        "signature": "Sam Patel", "signed_date": careform_rules::date::format_iso(chrono::Utc::now().date_naive())
    });
    if let Some(r) = request {
        data["request"] = json!(r);
    }
    let mut p = payload(base, &new_sid(), data);
    p.origin = base.to_owned();
    p.form = FormRef {
        id: def.id.into(),
        version: def.version.into(),
        sha256: sha256_b64u(&canonicalize_serializable(def)),
    };
    p.attestations = vec![careform_seal::Attestation {
        id: CODE_ID.into(),
        version: current_code().version.into(),
        text_sha256,
        accepted: true,
    }];
    let env = sign(&careform_seal::generate_key(), base, &nonce(base, base), &p);
    post_raw(base, env.to_json().into_bytes(), "application/jose+json", Some(base))
}

/// Runs `careform check FORM ARGS` with `stdin` on standard input.
pub fn run_check(form: &str, args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(BIN)
        .args(["check", form])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may refuse before reading everything; a broken pipe is then expected.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// Uploads `bytes` as an evidence file for `form` from the council's page.
pub fn upload_file(base: &str, form: &str, bytes: Vec<u8>) -> (u16, Value) {
    let r = http()
        .post(format!("{base}/v1/files?form={form}"))
        .header("Content-Type", "application/octet-stream")
        .header("Origin", ORIGIN)
        .body(bytes)
        .send()
        .unwrap();
    (r.status().as_u16(), r.json().unwrap_or(Value::Null))
}

/// `application` with each evidence item made a real PDF uploaded to the server (the `--example`
/// names files by the hash of a line of text, which no server holds).
pub fn with_real_evidence(base: &str, application: &Value) -> Value {
    let mut a = application.clone();
    for item in a["evidence"].as_array_mut().unwrap() {
        let pdf = samples::pdf(item["name"].as_str().unwrap());
        let (status, stored) = upload_file(base, "provider-application", pdf);
        assert!(status == 201 || status == 200, "{stored}");
        for key in ["sha256", "media_type", "bytes"] {
            item[key] = stored[key].clone();
        }
    }
    a
}

/// The provider application's `--example` for the server's today.
pub fn application_example() -> Value {
    let today = careform_rules::date::format_iso(chrono::Utc::now().date_naive());
    let out = run_check("provider-application", &["--example", "--today", &today], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Signs `application` as the widget sends it (its commitments as attestations) under `sid` and
/// posts it.
pub fn post_application(base: &str, key: &SigningKey, sid: &str, application: &Value) -> (u16, Value) {
    let def = careform_rules::form("provider-application", "1").unwrap();
    let mut data = application.clone();
    let commitments = data.as_object_mut().unwrap().remove("commitments").unwrap_or(Value::Null);
    data["profile"] = json!("somerset-micro-provider");
    let mut p = payload(base, sid, data);
    p.form = FormRef {
        id: def.id.into(),
        version: def.version.into(),
        sha256: sha256_b64u(&canonicalize_serializable(def)),
    };
    p.attestations = commitments
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| careform_seal::Attestation {
            id: c["id"].as_str().unwrap().into(),
            version: c["version"].as_str().unwrap().into(),
            text_sha256: c["text_sha256"].as_str().unwrap().into(),
            accepted: true,
        })
        .collect();
    post(base, &sign(key, base, &nonce(base, ORIGIN), &p).to_json())
}
