//! The store conformance suite, part 1 (the receiving side): every case runs against SQLite and
//! against PostgreSQL (`CAREFORM_TEST_DATABASE_URL`; see tests/common/stores.rs).

mod common;

use careform_server::store::{self, Appended, Claim, NextNonce, PaRequest, Store};
use common::stores::{Fresh, ORIGIN, append, append_with, claim, record};

conformance! {
    nonces_are_bound_to_their_origin_live_until_expiry_and_spent_once,
    an_append_issues_the_next_nonce_only_when_it_stores,
    the_head_is_the_last_record_and_each_append_links_to_it,
    a_retry_of_a_stored_sid_finds_it_and_spends_nothing,
    a_second_return_of_one_agreement_is_refused_inside_the_transaction,
    a_submissions_files_are_recorded_with_it,
    a_failed_build_stores_nothing,
    staff_passwords_sessions_and_lockouts,
    a_link_is_spent_by_the_one_submission_that_uses_it,
    two_stores_on_one_database_append_concurrently_into_one_chain,
    a_refused_append_leaves_nothing_held,
}

fn nonces_are_bound_to_their_origin_live_until_expiry_and_spent_once(f: &Fresh) {
    let s = f.store();
    s.issue_nonce("n1", ORIGIN, 100, 200).unwrap();
    assert!(s.nonce_usable("n1", ORIGIN, 199).unwrap());
    assert!(!s.nonce_usable("n1", "https://elsewhere.example", 150).unwrap(), "another origin");
    assert!(!s.nonce_usable("n1", ORIGIN, 200).unwrap(), "expired");
    assert!(!s.nonce_usable("made-up", ORIGIN, 150).unwrap());
    let c = Claim { now: 150, ..claim("s1", "n1") };
    let wrong = Claim { origin: "https://elsewhere.example", ..c };
    assert!(matches!(s.append(&wrong, &mut |h| Ok(record(h, "s1", "CF-1", "f", "{}"))).unwrap(), Appended::BadNonce));
    assert!(s.nonce_usable("n1", ORIGIN, 150).unwrap(), "a refused append spends nothing");
    assert!(matches!(s.append(&c, &mut |h| Ok(record(h, "s1", "CF-1", "f", "{}"))).unwrap(), Appended::New(_)));
    assert!(!s.nonce_usable("n1", ORIGIN, 150).unwrap(), "spent");
    let again = Claim { sid: "s2", ..c };
    assert!(matches!(s.append(&again, &mut |h| Ok(record(h, "s2", "CF-2", "f", "{}"))).unwrap(), Appended::BadNonce));
    // Issuing prunes what has expired; a live nonce stays usable.
    s.issue_nonce("n2", ORIGIN, 100, 300).unwrap();
    s.issue_nonce("n3", ORIGIN, 250, 400).unwrap();
    assert!(s.nonce_usable("n2", ORIGIN, 260).unwrap() && s.nonce_usable("n3", ORIGIN, 260).unwrap());
    let late = Claim { now: 300, ..claim("s3", "n2") };
    assert!(matches!(s.append(&late, &mut |h| Ok(record(h, "s3", "CF-3", "f", "{}"))).unwrap(), Appended::BadNonce));
}

/// The receipt response's next nonce is written with the record: live for the claim's origin
/// until its expiry once the record is stored, and never issued by an append that stores nothing.
fn an_append_issues_the_next_nonce_only_when_it_stores(f: &Fresh) {
    let s = f.store();
    s.issue_nonce("n1", ORIGIN, 100, 1000).unwrap();
    let next = |nonce| Some(NextNonce { nonce, expires_at: 500 });
    let refused = Claim { now: 150, next_nonce: next("after-refusal"), ..claim("s1", "made-up") };
    let got = s.append(&refused, &mut |h| Ok(record(h, "s1", "CF-1", "f", "{}"))).unwrap();
    assert!(matches!(got, Appended::BadNonce), "{got:?}");
    assert!(!s.nonce_usable("after-refusal", ORIGIN, 150).unwrap(), "a refusal issues nothing");

    let stored = Claim { now: 150, next_nonce: next("next-1"), ..claim("s1", "n1") };
    let got = s.append(&stored, &mut |h| Ok(record(h, "s1", "CF-1", "f", "{}"))).unwrap();
    assert!(matches!(got, Appended::New(_)), "{got:?}");
    assert!(s.nonce_usable("next-1", ORIGIN, 499).unwrap(), "issued with the record");
    assert!(!s.nonce_usable("next-1", ORIGIN, 500).unwrap(), "until its expiry");
    assert!(!s.nonce_usable("next-1", "https://elsewhere.example", 150).unwrap(), "for the claim's origin only");

    let retry = Claim { now: 160, next_nonce: next("after-retry"), ..claim("s1", "next-1") };
    let got = s.append(&retry, &mut |h| Ok(record(h, "s1", "CF-1", "f", "{}"))).unwrap();
    assert!(matches!(got, Appended::Existing(_)), "{got:?}");
    assert!(!s.nonce_usable("after-retry", ORIGIN, 160).unwrap(), "a retry issues nothing");
    assert!(s.nonce_usable("next-1", ORIGIN, 160).unwrap(), "and spends nothing");

    // The next submission spends the nonce the last one was given.
    let second = Claim { now: 170, next_nonce: next("next-2"), ..claim("s2", "next-1") };
    let got = s.append(&second, &mut |h| Ok(record(h, "s2", "CF-2", "f", "{}"))).unwrap();
    assert!(matches!(got, Appended::New(ref r) if r.seq == 2), "{got:?}");
    assert!(!s.nonce_usable("next-1", ORIGIN, 170).unwrap() && s.nonce_usable("next-2", ORIGIN, 170).unwrap());
}

fn the_head_is_the_last_record_and_each_append_links_to_it(f: &Fresh) {
    let s = f.store();
    assert!(s.head().unwrap().is_none());
    let mut seen = Vec::new();
    for n in 1..=5 {
        let (sid, nonce) = (format!("s{n}"), format!("n{n}"));
        let got = append_with(s, claim(&sid, &nonce), &|h| {
            // The builder sees the head the store read inside the transaction.
            assert_eq!(h.map(|h| h.receipt.clone()), (n > 1).then(|| format!("receipt-s{}", n - 1)));
            record(h, &sid, &format!("CF-{n}"), "f", "{}")
        });
        let Appended::New(r) = got else { panic!("{got:?}") };
        seen.push(r.seq);
        let head = s.head().unwrap().unwrap();
        assert_eq!((head.seq, head.receipt), (n, format!("receipt-s{n}")));
    }
    assert_eq!(seen, [1, 2, 3, 4, 5]);
    let records = s.records().unwrap();
    assert_eq!(records.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    assert_eq!(s.find_by_sid("s3").unwrap().unwrap().reference, "CF-3");
    assert_eq!(s.find_by_reference("CF-4").unwrap().unwrap().sid, "s4");
    assert!(s.find_by_sid("nope").unwrap().is_none() && s.find_by_reference("CF-9").unwrap().is_none());
}

fn a_retry_of_a_stored_sid_finds_it_and_spends_nothing(f: &Fresh) {
    let s = f.store();
    let first = append(s, "s1", "CF-1", "f", "{}");
    let got = append_with(s, claim("s1", "n-retry"), &|h| record(h, "s1", "CF-OTHER", "f", "{}"));
    let Appended::Existing(existing) = got else { panic!("{got:?}") };
    assert_eq!((existing.seq, existing.reference), (first.seq, first.reference));
    assert!(s.nonce_usable("n-retry", ORIGIN, 1).unwrap(), "the retry's nonce is not spent");
    assert_eq!(s.records().unwrap().len(), 1);
}

fn a_second_return_of_one_agreement_is_refused_inside_the_transaction(f: &Fresh) {
    let s = f.store();
    append(s, "a", "CF-AAAA-AAAA", "key-holding", "{}");
    let closing = r#"{"agreement_reference":"CF-AAAA-AAAA"}"#;
    let closes = Claim { closes: Some("CF-AAAA-AAAA"), ..claim("r1", "nonce-r1") };
    let got = append_with(s, closes, &|h| record(h, "r1", "CF-RRRR-0001", "key-holding", closing));
    assert!(matches!(got, Appended::New(_)), "{got:?}");
    assert_eq!(s.referring_to("key-holding", "CF-AAAA-AAAA").unwrap().as_deref(), Some("CF-RRRR-0001"));
    assert!(s.referring_to("other-form", "CF-AAAA-AAAA").unwrap().is_none());
    // Straight to the store, as a return that passed the early check before r1 committed would.
    let second = Claim { sid: "r2", nonce: "nonce-r2", ..closes };
    match append_with(s, second, &|h| record(h, "r2", "CF-RRRR-0002", "key-holding", closing)) {
        Appended::AlreadyClosed(earlier) => assert_eq!(earlier, "CF-RRRR-0001"),
        other => panic!("second return: {other:?}"),
    }
    assert_eq!(s.records().unwrap().len(), 2, "nothing stored for the refused return");
    // Its nonce was not spent: the refusal rolled the whole transaction back.
    let again = s.append(&claim("r3", "nonce-r2"), &mut |h| Ok(record(h, "r3", "CF-OTHER-0003", "f", "{}"))).unwrap();
    assert!(matches!(again, Appended::New(_)));
}

fn a_submissions_files_are_recorded_with_it(f: &Fresh) {
    let s = f.store();
    let (a, b, c) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
    let files = [b.clone(), a.clone()];
    let got = append_with(s, Claim { files: &files, ..claim("s1", "n1") }, &|h| record(h, "s1", "CF-1", "f", "{}"));
    assert!(matches!(got, Appended::New(_)));
    assert_eq!(s.files_of("s1").unwrap(), [a.clone(), b.clone()]);
    assert!(s.file_referenced(&a).unwrap() && s.file_referenced(&b).unwrap());
    assert!(!s.file_referenced(&c).unwrap());
    // A refused append records nothing: its files stay unlisted.
    let refused = Claim { files: std::slice::from_ref(&c), ..claim("s2", "spent") };
    let got = s.append(&refused, &mut |h| Ok(record(h, "s2", "CF-2", "f", "{}"))).unwrap();
    assert!(matches!(got, Appended::BadNonce));
    assert!(!s.file_referenced(&c).unwrap());
}

fn a_failed_build_stores_nothing(f: &Fresh) {
    let s = f.store();
    s.issue_nonce("n1", ORIGIN, 0, i64::MAX).unwrap();
    let err = s.append(&claim("s1", "n1"), &mut |_| Err("signing failed".into())).unwrap_err();
    assert_eq!(err.to_string(), "signing failed");
    assert!(s.head().unwrap().is_none());
    assert!(s.nonce_usable("n1", ORIGIN, 1).unwrap(), "rolled back: the nonce is still there");
}

fn staff_passwords_sessions_and_lockouts(f: &Fresh) {
    let s = f.store();
    assert!(s.staff_password_hash("pia").unwrap().is_none());
    s.put_staff("pia", "hash-1", 10).unwrap();
    s.put_staff("pia", "hash-2", 11).unwrap();
    assert_eq!(s.staff_password_hash("pia").unwrap().as_deref(), Some("hash-2"));
    s.put_session("tok-a", "pia", 100, 200).unwrap();
    assert_eq!(s.session_user("tok-a", 199).unwrap().as_deref(), Some("pia"));
    assert!(s.session_user("tok-a", 200).unwrap().is_none(), "expired");
    s.put_session("tok-b", "pia", 100, 300).unwrap();
    s.delete_session("tok-b").unwrap();
    assert!(s.session_user("tok-b", 150).unwrap().is_none());
    // Three failures lock the account for 60 s; a made-up name is not counted.
    for _ in 0..2 {
        s.sign_in_failed("pia", 1000, 3, 60).unwrap();
    }
    assert!(s.locked_until("pia", 1000).unwrap().is_none());
    s.sign_in_failed("pia", 1000, 3, 60).unwrap();
    assert_eq!(s.locked_until("pia", 1001).unwrap(), Some(1060));
    assert!(s.locked_until("pia", 1060).unwrap().is_none());
    s.sign_in_failed("nobody", 1000, 1, 60).unwrap();
    assert!(s.locked_until("nobody", 1000).unwrap().is_none());
    s.sign_in_failed("pia", 2000, 3, 60).unwrap();
    s.sign_in_succeeded("pia").unwrap();
    s.sign_in_failed("pia", 2000, 3, 60).unwrap();
    s.sign_in_failed("pia", 2000, 3, 60).unwrap();
    assert!(s.locked_until("pia", 2000).unwrap().is_none(), "a good sign-in forgot the earlier failure");
}

fn link(token: &str, issued_at: i64) -> PaRequest {
    PaRequest {
        token: token.into(),
        pa_name: "Sam".into(),
        pa_email: "sam@example.org".into(),
        client_name: "Jo".into(),
        employer: "Jo".into(),
        activity_date: (token == "t1").then(|| "2026-12-01".into()),
        code_version: "1".into(),
        issued_by: "pia".into(),
        issued_at,
        expires_at: 1000,
    }
}

fn a_link_is_spent_by_the_one_submission_that_uses_it(f: &Fresh) {
    let s = f.store();
    s.put_request(&link("t1", 10)).unwrap();
    s.put_request(&link("t2", 20)).unwrap();
    assert_eq!(s.pa_request("t1").unwrap(), Some(link("t1", 10)));
    let with = Claim { request: Some("t1"), ..claim("s1", "n1") };
    assert!(matches!(append_with(s, with, &|h| record(h, "s1", "CF-1", "pa", "{}")), Appended::New(_)));
    let reuse = Claim { request: Some("t1"), ..claim("s2", "n2") };
    let got = append_with(s, reuse, &|h| record(h, "s2", "CF-2", "pa", "{}"));
    assert!(matches!(got, Appended::BadRequestLink), "{got:?}");
    assert!(s.nonce_usable("n2", ORIGIN, 1).unwrap(), "the refusal rolled the nonce back");
    let expired = Claim { request: Some("t2"), now: 1000, ..claim("s3", "n3") };
    assert!(matches!(append_with(s, expired, &|h| record(h, "s3", "CF-3", "pa", "{}")), Appended::BadRequestLink));
    let states = s.requests().unwrap();
    let summary: Vec<(&str, Option<&str>)> =
        states.iter().map(|r| (r.request.token.as_str(), r.acknowledged.as_ref().map(|a| a.0.as_str()))).collect();
    assert_eq!(summary, [("t2", None), ("t1", Some("CF-1"))], "newest first, with what used each");
}

fn two_stores_on_one_database_append_concurrently_into_one_chain(f: &Fresh) {
    // Two openings of one database, as two `careform serve` instances have.
    let other: Box<dyn Store> = store::open(&f.url, false).unwrap();
    let stores: [&dyn Store; 2] = [f.store(), other.as_ref()];
    std::thread::scope(|scope| {
        for (n, s) in stores.into_iter().enumerate() {
            scope.spawn(move || {
                for i in 0..25 {
                    let sid = format!("s{n}-{i}");
                    append(s, &sid, &format!("CF-{sid}"), "f", "{}");
                }
            });
        }
    });
    let records = f.store().records().unwrap();
    assert_eq!(records.len(), 50);
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r.seq, i as u64 + 1);
    }
    assert_eq!(other.head().unwrap().unwrap().seq, 50);
}

/// Every way an append can end short of storing gives back what it took: another opening of the
/// database (another instance) appends at once after each, and the refused claims spent nothing.
fn a_refused_append_leaves_nothing_held(f: &Fresh) {
    let other: Box<dyn Store> = store::open(&f.url, false).unwrap();
    let stored = append(f.store(), "s1", "CF-AGREE", "key-holding", "{}");
    let s = f.store();
    s.issue_nonce("live", ORIGIN, 0, i64::MAX).unwrap();
    let refusals = [
        Claim { nonce: "made-up", ..claim("s2", "made-up") },
        Claim { request: Some("no-such-link"), ..claim("s2", "live") },
        Claim { sid: "s1", ..claim("s1", "live") },
    ];
    for (n, refused) in refusals.into_iter().enumerate() {
        let got = s.append(&refused, &mut |h| Ok(record(h, "s2", "CF-2", "f", "{}"))).unwrap();
        assert!(!matches!(got, Appended::New(_)), "{got:?}");
        assert!(s.nonce_usable("live", ORIGIN, 1).unwrap(), "a refusal spends nothing: {got:?}");
        append_promptly(other.as_ref(), &format!("o-{n}"));
    }
    let failed = s.append(&claim("s3", "live"), &mut |_| Err("the builder failed".into()));
    assert!(failed.is_err());
    assert!(s.nonce_usable("live", ORIGIN, 1).unwrap(), "a failed build spends nothing");
    append_promptly(other.as_ref(), "o-after-failure");
    assert_eq!(other.head().unwrap().unwrap().seq, stored.seq + 4);
}

/// Appends `sid` through `store`, failing (rather than waiting for ever) if the chain stays
/// held by something else for 30 seconds.
fn append_promptly(store: &dyn Store, sid: &str) {
    let (done, waited) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            append(store, sid, &format!("CF-{sid}"), "f", "{}");
            let _ = done.send(());
        });
        // Disconnected means the append panicked: the scope passes that panic on.
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = waited.recv_timeout(std::time::Duration::from_secs(30))
        {
            // The scope would join the blocked thread: leave the whole test now.
            // Written past the test harness's capture, which exit would lose.
            let why = format!("appending {sid} waited 30 s: a refused append still holds the chain\n");
            let _ = std::io::Write::write_all(&mut std::io::stderr(), why.as_bytes());
            std::process::exit(1);
        }
    });
}
