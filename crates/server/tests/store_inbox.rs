//! The store conformance suite, part 2 (the council's side: inbox, audit log, retention): every
//! case runs against SQLite and against PostgreSQL (see tests/common/stores.rs).

mod common;

use careform_server::store::Store;
use careform_server::store::inbox::{Cursor, Filter, NewAudit, Role};
use common::stores::{Fresh, append, append_with, claim, record};

conformance! {
    the_inbox_lists_filters_and_pages_newest_first,
    status_changes_assignments_and_the_audit_log,
    accounts_roles_and_forms,
    the_period_counts_from_the_decision_and_shared_files_go_only_with_all_their_submissions,
    the_inbox_row_takes_its_verdict_as_verdict_of_reads_the_report,
}

const FAIL: &str = r#"{"outcome":"fail","findings":[{"outcome":"fail"},{"outcome":"warn"},{"outcome":"info"}]}"#;
const PASS: &str = r#"{"outcome":"pass","findings":[{"outcome":"pass"}]}"#;

fn audit<'a>(reference: &'a str, action: &'a str, detail: &'a str) -> NewAudit<'a> {
    NewAudit { at: "2026-12-06T13:00:00Z", actor: "pia", action, reference: Some(reference), detail }
}

fn the_inbox_lists_filters_and_pages_newest_first(f: &Fresh) {
    let s = f.store();
    for n in 1..=6 {
        let (sid, nonce) = (format!("s{n}"), format!("n{n}"));
        let form = if n % 2 == 0 { "even" } else { "odd" };
        append_with(s, claim(&sid, &nonce), &|h| {
            let mut r = record(h, &sid, &format!("CF-{n:04}"), form, if n == 3 { FAIL } else { PASS });
            r.received_at = format!("2026-12-0{n}T23:59:59Z");
            r
        });
    }
    let refs =
        |items: Vec<careform_server::store::inbox::Item>| items.into_iter().map(|i| i.reference).collect::<Vec<_>>();
    let all = Filter::default();
    assert_eq!(refs(s.items(None, &all, Cursor::First, 4).unwrap()), ["CF-0006", "CF-0005", "CF-0004", "CF-0003"]);
    assert_eq!(refs(s.items(None, &all, Cursor::After(3), 4).unwrap()), ["CF-0002", "CF-0001"]);
    assert_eq!(refs(s.items(None, &all, Cursor::Before(2), 2).unwrap()), ["CF-0004", "CF-0003"]);
    let odd = ["odd".to_owned()];
    assert_eq!(refs(s.items(Some(&odd), &all, Cursor::First, 10).unwrap()), ["CF-0005", "CF-0003", "CF-0001"]);
    assert!(s.items(Some(&[]), &all, Cursor::First, 10).unwrap().is_empty(), "no forms: nothing visible");
    let failed = s.items(None, &Filter { verdict: Some("fail".into()), ..all.clone() }, Cursor::First, 10).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!((failed[0].seq, failed[0].fails, failed[0].warns, failed[0].passes), (3, 1, 1, 1));
    let days = Filter { since: Some("2026-12-02".into()), until: Some("2026-12-04".into()), ..all.clone() };
    assert_eq!(refs(s.items(None, &days, Cursor::First, 10).unwrap()), ["CF-0004", "CF-0003", "CF-0002"]);
    let prefix = Filter { reference: Some("CF-000".into()), form: Some("even".into()), ..all.clone() };
    assert_eq!(refs(s.items(None, &prefix, Cursor::First, 10).unwrap()), ["CF-0006", "CF-0004", "CF-0002"]);
    let exported = s.export_items(Some(&odd), &days).unwrap();
    assert_eq!(exported.len(), 1);
    assert_eq!((exported[0].0.reference.as_str(), exported[0].1.sid.as_str()), ("CF-0003", "s3"));
    let (item, rec) = s.item("CF-0002").unwrap().unwrap();
    assert_eq!((item.status.as_str(), item.verdict.as_str(), rec.seq), ("new", "pass", 2));
    assert!(s.item("CF-9999").unwrap().is_none());
    assert_eq!(refs(s.same_device("jkt-even", "CF-0004", 10).unwrap()), ["CF-0006", "CF-0002"]);
}

fn status_changes_assignments_and_the_audit_log(f: &Fresh) {
    let s = f.store();
    append(s, "s1", "CF-1", "f", PASS);
    assert!(s.set_status("CF-1", "new", "in_review", &audit("CF-1", "status", "in_review")).unwrap());
    assert!(!s.set_status("CF-1", "new", "approved", &audit("CF-1", "status", "approved")).unwrap(), "moved first");
    s.assign("CF-1", Some("sam"), &audit("CF-1", "assigned", "sam")).unwrap();
    s.audit(&audit("CF-1", "note", "called the provider")).unwrap();
    let (item, _) = s.item("CF-1").unwrap().unwrap();
    assert_eq!((item.status.as_str(), item.assignee.as_deref()), ("in_review", Some("sam")));
    let log: Vec<(String, String)> = s.audit_of("CF-1").unwrap().into_iter().map(|a| (a.action, a.detail)).collect();
    let expected = [("status", "in_review"), ("assigned", "sam"), ("note", "called the provider")];
    assert_eq!(log, expected.map(|(a, d)| (a.to_owned(), d.to_owned())), "the refused change left no row");
    s.assign("CF-1", None, &audit("CF-1", "assigned", "")).unwrap();
    assert_eq!(s.item("CF-1").unwrap().unwrap().0.assignee, None);
}

fn accounts_roles_and_forms(f: &Fresh) {
    let s = f.store();
    assert!(!s.set_access("nobody", Some(Role::Admin), None).unwrap());
    s.put_staff("pia", "h", 1).unwrap();
    s.put_staff("ade", "h", 1).unwrap();
    let pia = s.account("pia").unwrap().unwrap();
    assert_eq!((pia.role, pia.forms.len()), (Role::Officer, 0), "no role recorded: an officer with no forms");
    let forms = ["b-form".to_owned(), "a-form".to_owned(), "a-form".to_owned()];
    assert!(s.set_access("pia", Some(Role::Admin), Some(&forms)).unwrap());
    assert!(s.set_access("pia", None, None).unwrap());
    let pia = s.account("pia").unwrap().unwrap();
    assert_eq!((pia.role, pia.forms), (Role::Admin, vec!["a-form".to_owned(), "b-form".to_owned()]));
    assert_eq!(s.accounts().unwrap().into_iter().map(|a| a.username).collect::<Vec<_>>(), ["ade", "pia"]);
    s.put_session("t1", "pia", 0, 100).unwrap();
    s.put_session("t2", "pia", 0, 100).unwrap();
    assert_eq!(s.end_sessions("pia").unwrap(), 2);
    s.put_session("t3", "pia", 0, 100).unwrap();
    assert!(s.remove_staff("pia").unwrap());
    assert!(!s.remove_staff("pia").unwrap());
    assert!(s.account("pia").unwrap().is_none() && s.session_user("t3", 1).unwrap().is_none());
}

/// Moves `sid` to `status` (through in review) at `at`.
fn decide(store: &dyn Store, sid: &str, status: &str, at: &str) {
    let r = format!("CF-{sid}");
    let audit = |detail: &'static str| NewAudit { at, actor: "pia", action: "status", reference: Some(&r), detail };
    assert!(store.set_status(&r, "new", "in_review", &audit("in_review")).unwrap());
    if status != "in_review" {
        let detail: &'static str = if status == "approved" { "approved" } else { "rejected: no" };
        assert!(store.set_status(&r, "in_review", status, &audit(detail)).unwrap());
    }
}

fn with_files(s: &dyn Store, sid: &str, files: &[String]) {
    let nonce = format!("nonce-{sid}");
    let got = append_with(s, careform_server::store::Claim { files, ..claim(sid, &nonce) }, &|h| {
        record(h, sid, &format!("CF-{sid}"), "provider-application", PASS)
    });
    assert!(matches!(got, careform_server::store::Appended::New(_)));
}

fn the_period_counts_from_the_decision_and_shared_files_go_only_with_all_their_submissions(f: &Fresh) {
    let store = f.store();
    let (x, y, z) = ("1".repeat(64), "2".repeat(64), "3".repeat(64));
    with_files(store, "a", &[x.clone(), y.clone()]); // approved 31 days ago: goes
    with_files(store, "b", std::slice::from_ref(&y)); // rejected 31 days ago: goes, so y goes with a and b
    with_files(store, "c", std::slice::from_ref(&z)); // approved 29 days ago: stays
    with_files(store, "d", std::slice::from_ref(&z)); // in review 40 days ago: not decided, stays
    decide(store, "a", "approved", "2026-11-05T23:59:59Z");
    decide(store, "b", "rejected", "2026-11-05T00:00:00Z");
    decide(store, "c", "approved", "2026-11-07T00:00:01Z");
    decide(store, "d", "in_review", "2026-10-27T00:00:00Z");
    store.audit(&audit("CF-a", "note", "phoned the applicant")).unwrap();
    let now = "2026-12-07T00:00:00Z";
    assert!(store.expired(now).unwrap().is_empty(), "no period set: nothing expires");
    store.set_retention("provider-application", Some(30)).unwrap();
    store.set_retention("careform-demo", Some(1)).unwrap();
    let expired = store.expired(now).unwrap();
    let refs: Vec<&str> = expired.iter().map(|e| e.reference.as_str()).collect();
    assert_eq!(refs, ["CF-a", "CF-b"]);
    assert_eq!(expired[0].files_removed, [x.clone(), y.clone()]);
    assert_eq!(expired[1].files_removed, std::slice::from_ref(&y));
    assert!(expired.iter().all(|e| e.files_kept.is_empty()), "{expired:?}");

    let purged = store.purge(now, "careform purge").unwrap();
    assert_eq!(purged, expired);
    assert!(!store.file_referenced(&x).unwrap() && !store.file_referenced(&y).unwrap());
    assert!(store.file_referenced(&z).unwrap());
    assert_eq!(store.purged_seqs().unwrap().into_iter().collect::<Vec<_>>(), [1, 2]);
    assert_eq!(store.records().unwrap().len(), 4, "every row of the chain stays");
    let a = store.find_by_reference("CF-a").unwrap().unwrap();
    assert_eq!((a.envelope.as_str(), a.report.as_str(), a.receipt.as_str()), ("", "{}", "receipt-a"));
    let log = store.audit_of("CF-a").unwrap();
    assert!(log.iter().any(|r| r.action == "note" && r.detail.is_empty()), "the note's text is blanked");
    assert!(log.last().is_some_and(|r| r.action == "purged" && r.actor == "careform purge"), "{log:?}");
    assert!(store.expired(now).unwrap().is_empty());
    store.set_retention("provider-application", None).unwrap();
    let periods: Vec<(String, u32)> = store.retention().unwrap().into_iter().map(|p| (p.form_id, p.days)).collect();
    assert_eq!(periods, [("careform-demo".to_owned(), 1)]);
}

/// SQLite fills the inbox row by a trigger, PostgreSQL with `verdict_of`, and a submission's page
/// checks the row against `verdict_of`: all three must read a report alike, or an untouched
/// submission would show as "Not valid".
fn the_inbox_row_takes_its_verdict_as_verdict_of_reads_the_report(f: &Fresh) {
    let reports = [
        FAIL,
        PASS,
        r#"{"outcome":"warn","findings":[{"outcome":"warn"},{"outcome":"warn"},{"outcome":"pass"}]}"#,
        r#"{"outcome":"info","findings":[{"outcome":"info"},{"outcome":"pass"},{"outcome":"fail"}]}"#,
        r#"{"outcome":"pass","findings":[]}"#,
        r#"{"findings":[{"outcome":"fail"}]}"#,
    ];
    for (n, report) in reports.into_iter().enumerate() {
        let reference = format!("CF-V{n:03}");
        append(f.store(), &format!("v{n}"), &reference, "f", report);
        let (item, _) = f.store().item(&reference).unwrap().expect("listed");
        let (verdict, fails, warns, passes) = careform_server::store::inbox::verdict_of(report);
        assert_eq!(
            (item.verdict.as_str(), item.fails, item.warns, item.passes),
            (verdict, fails, warns, passes),
            "{report}"
        );
    }
}
