//! The inbox with 100,000 submissions: every page of the list, however deep and however
//! filtered, answers in the same few milliseconds (keyset pages over indexed columns). Prints
//! the figures; the bound asserted is loose (a debug build on a shared machine).

mod common;

use std::time::{Duration, Instant};

use common::inbox::*;
use common::*;

const ROWS: i64 = 100_000;
const PW: &str = "a long enough password";

/// Rows as the receiving path leaves them, written in one transaction (the inbox's trigger
/// fills its own table from each, as it does for real submissions). Only the list reads
/// them, so the envelope and receipt are placeholders.
fn fill(dir: &std::path::Path) {
    // Opening through the binary creates the schema and its triggers.
    assert_eq!(staff_add(dir, "olive", PW, &["--form", "careform-demo", "--form", "task-scope"]).0, 0);
    let mut db = rusqlite::Connection::open(dir.join("careform.db")).unwrap();
    let tx = db.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO submissions (seq, sid, reference, jkt, form_id, form_version, origin, payload_sha256,
                 envelope, report, receipt, received_at) VALUES (?1, ?2, ?3, ?4, ?5, '1', 'https://c.example', 'h', '{}', ?6, '{}', ?7)",
            )
            .unwrap();
        for i in 1..=ROWS {
            let form = ["careform-demo", "task-scope", "gift-register", "dbs-insurance"][(i % 4) as usize];
            let outcome = ["pass", "warn", "fail", "pass", "pass"][(i % 5) as usize];
            let report = format!(
                r#"{{"form":"{form}","outcome":"{outcome}","findings":[{{"rule":"R","outcome":"{outcome}","message":"m","source":"s"}}]}}"#
            );
            // One a minute, back from the newest.
            let at = chrono::DateTime::from_timestamp(1_700_000_000 + i * 60, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ");
            let reference = format!("CF-{:04X}-{:04X}", i / 65536, i % 65536);
            let jkt = format!("device-{}", i % 5000);
            insert
                .execute(rusqlite::params![i, format!("sid{i}"), reference, jkt, form, report, at.to_string()])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    // A handful of decided ones, for a selective status filter.
    db.execute("UPDATE inbox_items SET status = 'rejected' WHERE seq % 10000 = 5", []).unwrap();
}

#[test]
fn a_hundred_thousand_submissions_page_in_milliseconds() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    fill(dir.path());
    eprintln!("stored {ROWS} rows (with the inbox trigger) in {:?}", started.elapsed());
    let server = Server::start(dir.path(), &[]);
    let olive = Session::sign_in(&server.base, "olive", PW);
    let deep = ROWS / 2;
    let cases = [
        ("first page", "/staff/inbox".to_owned()),
        ("page after 50,000", format!("/staff/inbox?after={deep}")),
        ("page before 50,000", format!("/staff/inbox?before={deep}")),
        ("one form", "/staff/inbox?form=task-scope".to_owned()),
        ("verdict fail, deep", format!("/staff/inbox?verdict=fail&after={deep}")),
        ("status rejected (rare)", "/staff/inbox?status=rejected".to_owned()),
        ("one form + warn + new", "/staff/inbox?form=careform-demo&verdict=warn&status=new".to_owned()),
        ("date range (one day)", "/staff/inbox?since=2023-12-01&until=2023-12-01".to_owned()),
        ("date range, nothing", "/staff/inbox?until=2020-01-01".to_owned()),
        ("reference prefix", "/staff/inbox?reference=CF-0000-1".to_owned()),
        ("reference, nothing", "/staff/inbox?reference=CF-ZZZZ".to_owned()),
    ];
    let mut worst = Duration::ZERO;
    for (what, path) in &cases {
        olive.text(path); // warm
        let t = Instant::now();
        let runs = 5;
        for _ in 0..runs {
            let page = olive.text(path);
            assert!(page.contains("Submissions"));
        }
        let each = t.elapsed() / runs;
        worst = worst.max(each);
        eprintln!("{what:<26} {:>8.2} ms per page  {path}", each.as_secs_f64() * 1000.0);
    }
    let page = olive.text("/staff/inbox?status=rejected");
    assert_eq!(page.matches("govuk-table__row\"><th scope=\"row\"").count(), 10, "the rare status found");
    assert!(worst < Duration::from_millis(150), "worst page {worst:?}");
}
