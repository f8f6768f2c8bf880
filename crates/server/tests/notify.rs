//! E-mail notifications through a real local SMTP sink: the officer learns the reference and the
//! form, with a link to the inbox, and never the answers.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use careform_seal::{Jwks, verify_receipt};
use common::*;

/// The sink script under Debian's python3 (where python3-aiosmtpd is installed), else the first
/// python3 on the PATH.
struct Sink(Child);

impl Sink {
    fn start(port: u16, out: &Path) -> Sink {
        let python = if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
        let mut child = Command::new(python)
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py"))
            .arg(port.to_string())
            .arg(out)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP sink");
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
        assert_eq!(line.trim(), "listening", "the SMTP sink did not start");
        Sink(child)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn an_officer_is_told_the_reference_and_form_and_never_the_answers() {
    let mail = tempfile::tempdir().unwrap();
    let smtp_port = free_port();
    let _sink = Sink::start(smtp_port, mail.path());
    let dir = tempfile::tempdir().unwrap();
    // The officers and the SMTP server from the TOML file, one more officer by flag: both count.
    let config = dir.path().join("careform.toml");
    std::fs::write(
        &config,
        format!(
            "smtp_url = \"smtp://127.0.0.1:{smtp_port}\"\nmail_from = \"careform@council.example\"\n\
             [notify]\n\"careform-demo\" = [\"officer@council.example\"]\n"
        ),
    )
    .unwrap();
    let server = Server::start(
        dir.path(),
        &["--config", config.to_str().unwrap(), "--notify", "task-scope=other@council.example"],
    );
    let jwks: Jwks = serde_json::from_value(jwks(&server.base)).unwrap();
    let key = careform_seal::generate_key();
    let data = serde_json::json!({ "name": "Bartholomew Quince", "message": "My care plan is secret" });
    let (status, body) = post(&server.base, &fresh_submission(&key, &server.base, data).to_json());
    assert_eq!(status, 201, "{body}");
    let reference = verify_receipt(body["receipt"].to_string().as_bytes(), &jwks).unwrap().payload.reference;

    let first = mail.path().join("1.eml");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !first.exists() {
        assert!(Instant::now() < deadline, "no notification reached the SMTP sink");
        std::thread::sleep(Duration::from_millis(100));
    }
    let message = std::fs::read_to_string(&first).unwrap();
    assert!(message.contains("To: officer@council.example"), "{message}");
    assert!(message.contains("From: careform@council.example"), "{message}");
    assert!(message.contains(&format!("Subject: Careform: careform-demo submission {reference}")), "{message}");
    assert!(message.contains(&format!("{}/staff/inbox/submissions/{reference}", server.base)), "{message}");
    for answer in ["Bartholomew", "Quince", "secret", "care plan"] {
        assert!(!message.contains(answer), "the notification carries an answer ({answer}): {message}");
    }
    // One message only: the other officer's form was not submitted.
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let delivered: Option<i64> = db
            .query_row(
                "SELECT delivered_at FROM deliveries WHERE endpoint = 'mailto:officer@council.example'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        if delivered.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "the notification was never marked delivered");
        std::thread::sleep(Duration::from_millis(100));
    }
    let rows: i64 = db.query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1);
    assert!(!mail.path().join("2.eml").exists());
}

#[test]
fn notify_needs_an_smtp_server() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let (code, _, stderr) =
        careform(&["serve", "--data-dir", data_dir, "--notify", "careform-demo=officer@council.example"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--notify needs --smtp-url"), "{stderr}");
    // The same from the config file, and a bad address there is named.
    let config = dir.path().join("careform.toml");
    std::fs::write(&config, "[notify]\n\"*\" = [\"not-an-address\"]\n").unwrap();
    let (code, _, stderr) = careform(&["serve", "--data-dir", data_dir, "--config", config.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("notify \"*=not-an-address\""), "{stderr}");
}
