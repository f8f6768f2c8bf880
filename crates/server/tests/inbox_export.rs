//! Exports of a few thousand submissions, from the inbox and from `careform export`, are exact:
//! every row, every column, quoting and spreadsheet-formula guarding, checked against text this
//! test builds on its own from the data it sent.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use careform_server::config::Config;
use careform_server::receive::{Accepted, receive};
use common::inbox::*;
use common::*;
use serde_json::{Value, json};

const PW: &str = "a long enough password";
const ROWS: usize = 2000;

/// What the test sent for one submission, and what the store said of it.
struct Sent {
    reference: String,
    received_at: String,
    name: String,
    message: String,
    date: Option<String>,
    status: &'static str,
}

fn config(dir: &Path) -> Config {
    Config {
        address: "127.0.0.1:1".parse().unwrap(),
        public_url: "http://127.0.0.1:1".into(),
        data_dir: dir.to_owned(),
        database_url: format!("sqlite:{}", dir.join("careform.db").display()),
        origins: BTreeMap::from([("*".to_owned(), vec![ORIGIN.to_owned()])]),
        rate_limit_per_minute: 1,
        widgets_dir: dir.to_owned(),
        demo_dir: dir.to_owned(),
        pa_page_url: String::new(),
        time_zone: careform_server::config::DEFAULT_TIME_ZONE,
        delivery: Default::default(),
    }
}

/// Stores `ROWS` demo submissions through the real receiving path (no HTTP, for speed).
fn preload(dir: &Path) -> Vec<Sent> {
    let cfg = config(dir);
    let key = careform_server::keys::load_or_create(dir, true).unwrap();
    let store = careform_server::store::open(&cfg.database_url, false).unwrap();
    let device = careform_seal::generate_key();
    let now = chrono::Utc::now();
    let mut sent = Vec::new();
    for i in 0..ROWS {
        // Commas, quotes, new lines, non-ASCII and text a spreadsheet would run as a formula.
        let name = format!("Person {i}, \"Sam\" Ó Sé");
        let message = match i % 4 {
            0 => format!("=HYPERLINK(\"x\",{i})"),
            1 => format!("line one\nline two {i}"),
            2 => "-5 days".to_owned(),
            _ => String::new(),
        };
        let date = (i % 5 == 0).then(|| if i % 10 == 0 { "2999-01-01".to_owned() } else { "2020-02-29".to_owned() });
        let mut data = json!({ "name": name, "message": message });
        if let Some(d) = &date {
            data["date"] = json!(d);
        }
        let nonce = format!("n{i}");
        store.issue_nonce(&nonce, ORIGIN, now.timestamp(), now.timestamp() + 900).unwrap();
        let env = sign(&device, &cfg.public_url, &nonce, &payload(&cfg.public_url, &new_sid(), data));
        let Ok(Accepted::New { record, .. }) =
            receive(&cfg, store.as_ref(), &key, env.to_json().as_bytes(), Some(ORIGIN), now)
        else {
            panic!("row {i} was not stored")
        };
        let status = ["new", "in_review", "approved"][i % 3];
        sent.push(Sent { reference: record.reference, received_at: record.received_at, name, message, date, status });
    }
    // Statuses set as decisions would leave them (the decision path has its own tests).
    let db = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    for s in &sent {
        db.execute("UPDATE inbox_items SET status = ?1 WHERE reference = ?2", [s.status, &s.reference]).unwrap();
    }
    sent.reverse(); // newest first, as exported
    sent
}

fn verdict(s: &Sent) -> &'static str {
    if s.date.as_deref() == Some("2999-01-01") { "fail" } else { "pass" }
}

/// RFC 4180 quoting, after the formula guard the export documents.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

fn expected_csv(rows: &[&Sent]) -> String {
    // Answer columns are the answers the exported rows have: none when there are no rows.
    let answers = if rows.is_empty() { "" } else { ",answers.date,answers.message,answers.name" };
    let mut out = format!("reference,form,form_version,received_at,verdict,status{answers}\n");
    for s in rows {
        let fields = [
            cell(&s.reference),
            "careform-demo".into(),
            "1".into(),
            cell(&s.received_at),
            verdict(s).into(),
            s.status.into(),
            cell(s.date.as_deref().unwrap_or("")),
            cell(&s.message),
            cell(&s.name),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn expected_json(rows: &[&Sent]) -> Value {
    let list: Vec<Value> = rows
        .iter()
        .map(|s| {
            let mut answers = json!({ "answers.name": s.name, "answers.message": s.message });
            if let Some(d) = &s.date {
                answers["answers.date"] = json!(d);
            }
            json!({ "reference": s.reference, "form": "careform-demo", "form_version": "1", "received_at": s.received_at,
                    "verdict": verdict(s), "status": s.status, "answers": answers })
        })
        .collect();
    json!({ "submissions": list })
}

#[test]
fn exports_of_thousands_of_rows_are_exact_and_the_command_line_gives_the_inbox_rows() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let sent = preload(dir.path());
    eprintln!("stored {ROWS} submissions in {:?}", started.elapsed());
    assert_eq!(staff_add(dir.path(), "olive", PW, &["--form", "careform-demo"]).0, 0);
    let server = Server::start(dir.path(), &[]);
    let olive = Session::sign_in(&server.base, "olive", PW);
    let all: Vec<&Sent> = sent.iter().collect();

    let csv = olive.text("/staff/inbox/export.csv");
    assert_eq!(csv, expected_csv(&all));
    let json: Value = serde_json::from_str(&olive.text("/staff/inbox/export.json")).unwrap();
    assert_eq!(json, expected_json(&all));

    let (code, out, err) = careform_in(dir.path(), &["export"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, csv, "careform export gives the inbox's rows");
    let (code, out, _) = careform_in(dir.path(), &["export", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), json);

    // Filters select the same rows in both.
    let approved: Vec<&Sent> = sent.iter().filter(|s| s.status == "approved").collect();
    let (_, out, _) = careform_in(dir.path(), &["export", "--status", "approved", "--form", "careform-demo"]);
    assert_eq!(out, expected_csv(&approved));
    assert_eq!(olive.text("/staff/inbox/export.csv?status=approved&form=careform-demo"), out);
    let today = chrono::Utc::now().date_naive().to_string();
    let (_, out, _) = careform_in(dir.path(), &["export", "--since", &today, "--until", &today]);
    assert_eq!(out, csv, "everything arrived today (UTC)");
    let (_, out, _) = careform_in(dir.path(), &["export", "--until", "2020-01-01"]);
    assert_eq!(out, expected_csv(&[]));
    let failing: Vec<&Sent> = sent.iter().filter(|s| verdict(s) == "fail").collect();
    assert_eq!(olive.text("/staff/inbox/export.csv?verdict=fail"), expected_csv(&failing));

    let (code, _, err) = careform_in(dir.path(), &["export", "--status", "lost"]);
    assert_eq!(code, 2, "{err}");
    // Nothing listens on port 9 (export on a live PostgreSQL: tests/postgres_instances.rs).
    let (code, _, err) =
        careform_in(dir.path(), &["export", "--database-url", "postgres://careform@127.0.0.1:9/careform"]);
    assert!(code == 2 && err.contains("cannot connect to PostgreSQL"), "{err}");
}
