//! Staff sign-in under attack: a burst of made-up usernames stays within bounded memory,
//! repeated wrong passwords lock the account, and the /v1/ bucket cannot lock staff out.

mod common;

use common::inbox::*;
use common::*;

const PW: &str = "a long enough password";

/// The server's peak resident memory, in KiB (`VmHWM`).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_burst_of_120_sign_ins_stays_under_300_mb_and_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let base = server.base.clone();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(120));
    let threads: Vec<_> = (0..120)
        .map(|i| {
            let (base, barrier) = (base.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                sign_in(&base, &format!("made-up-{i}"), "not a real password").status().as_u16()
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let peak = peak_kib(server.pid());
    eprintln!("peak resident {} MiB; answers {statuses:?}", peak / 1024);
    assert!(peak < 300 * 1024, "peak resident {} MiB", peak / 1024);
    assert!(statuses.iter().all(|s| [401, 429, 503].contains(s)), "{statuses:?}");
    assert!(statuses.contains(&401), "some were checked");
    assert!(statuses.iter().any(|s| *s == 503 || *s == 429), "the rest were turned away, not queued");
    let r = sign_in(&base, "made-up", "x");
    assert!(r.status() == 429 || r.status() == 401);
}

#[test]
fn five_wrong_passwords_lock_the_account_and_v1_traffic_does_not_lock_staff_out() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(staff_add(dir.path(), "kim", PW, &[]).0, 0);
    assert_eq!(staff_add(dir.path(), "lee", PW, &[]).0, 0);
    let server = Server::start(dir.path(), &["--rate-limit-per-minute", "3"]);
    let base = &server.base;
    // The embedding page uses up its /v1/ allowance; staff can still sign in.
    let statuses: Vec<u16> = (0..5)
        .map(|_| http().get(format!("{base}/v1/nonce")).header("Origin", ORIGIN).send().unwrap().status().as_u16())
        .collect();
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    assert_eq!(sign_in(base, "lee", PW).status(), 303);

    for _ in 0..4 {
        assert_eq!(sign_in(base, "kim", "wrong password!").status(), 401);
    }
    assert_eq!(sign_in(base, "kim", PW).status(), 303, "four wrong ones do not lock it");
    for _ in 0..5 {
        assert_eq!(sign_in(base, "kim", "wrong password!").status(), 401);
    }
    assert_eq!(sign_in(base, "kim", PW).status(), 401, "locked after five in a row");
    assert_eq!(sign_in(base, "lee", PW).status(), 303, "other accounts are not");
    let db = rusqlite::Connection::open(dir.path().join("careform.db")).unwrap();
    let until: i64 =
        db.query_row("SELECT locked_until FROM sign_in_failures WHERE username = 'kim'", [], |r| r.get(0)).unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((now + 14 * 60..=now + 15 * 60).contains(&until), "locked for 15 minutes");
    db.execute("UPDATE sign_in_failures SET locked_until = 1", []).unwrap();
    assert_eq!(sign_in(base, "kim", PW).status(), 303, "and open again after it");
}
