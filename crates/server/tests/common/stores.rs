//! Fresh stores of each kind for the store conformance suite, and the records it appends.
//!
//! The PostgreSQL runs take a server from `CAREFORM_TEST_DATABASE_URL` (`scripts/test` sets it,
//! from a `pg_virtualenv` cluster) and make a database of their own on it for each test,
//! dropped afterwards. Unset, each PostgreSQL run says so and does nothing.

use careform_server::store::{self, Appended, ChainHead, Claim, Record, Store};

pub const ORIGIN: &str = "https://council.example";
pub const DATABASE_ENV: &str = "CAREFORM_TEST_DATABASE_URL";

/// A store on its own database; the database goes when this does.
pub struct Fresh {
    /// What `store::open` was given.
    pub url: String,
    store: Box<dyn Store>,
    _db: Option<TestDb>,
    _dir: Option<tempfile::TempDir>,
}

impl Fresh {
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }
}

pub fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("careform.db").display());
    Fresh { store: store::open(&url, false).unwrap(), url, _db: None, _dir: Some(dir) }
}

/// A store on a new PostgreSQL database, or `None` (said on standard error) when no server is given.
pub fn postgres(test: &str) -> Option<Fresh> {
    let db = TestDb::create(test)?;
    let url = db.url.clone();
    Some(Fresh { store: store::open(&url, false).unwrap(), url, _db: Some(db), _dir: None })
}

/// A database of its own on the test server, dropped (with any connection left) on drop.
pub struct TestDb {
    pub url: String,
    admin: String,
    name: String,
}

impl TestDb {
    pub fn create(test: &str) -> Option<TestDb> {
        let Ok(admin) = std::env::var(DATABASE_ENV) else {
            eprintln!("{DATABASE_ENV} is not set: the PostgreSQL run of {test} is skipped");
            return None;
        };
        let name = format!("careform_test_{}", careform_seal::b64u_encode(&careform_seal::random_bytes::<9>()))
            .to_lowercase()
            .replace(['-', '_'], "x");
        let mut c = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("{DATABASE_ENV} is set but PostgreSQL is not reachable there: {e}"));
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        Some(TestDb { url: with_database(&admin, &name), admin, name })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// `url` (`postgres://...[/DB][?...]`) naming database `name` instead.
fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgres:// URL");
    let (rest, query) = rest.split_once('?').map_or((rest, None), |(r, q)| (r, Some(q)));
    let authority = rest.split_once('/').map_or(rest, |(a, _)| a);
    format!("{scheme}://{authority}/{name}{}", query.map(|q| format!("?{q}")).unwrap_or_default())
}

/// Each named case (a `fn(&Fresh)`) run against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! conformance {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[test]
            fn sqlite() {
                super::$case(&$crate::common::stores::sqlite());
            }
            #[test]
            fn postgres() {
                if let Some(fresh) = $crate::common::stores::postgres(stringify!($case)) {
                    super::$case(&fresh);
                }
            }
        }
    )*};
}

/// A record as a test builds it, linked to `head`.
pub fn record(head: Option<&ChainHead>, sid: &str, reference: &str, form_id: &str, report: &str) -> Record {
    Record {
        seq: head.map_or(1, |h| h.seq + 1),
        sid: sid.into(),
        reference: reference.into(),
        jkt: format!("jkt-{form_id}"),
        form_id: form_id.into(),
        form_version: "1".into(),
        origin: ORIGIN.into(),
        payload_sha256: format!("sha-{sid}"),
        envelope: "{}".into(),
        report: report.into(),
        receipt: format!("receipt-{sid}"),
        received_at: "2026-12-06T12:00:00Z".into(),
    }
}

/// Issues a nonce and appends a record with it (and `claim`'s other parts).
pub fn append_with(store: &dyn Store, claim: Claim<'_>, rec: &dyn Fn(Option<&ChainHead>) -> Record) -> Appended {
    store.issue_nonce(claim.nonce, ORIGIN, 0, i64::MAX).unwrap();
    store.append(&claim, &mut |head| Ok(rec(head))).unwrap()
}

/// A claim for `sid` with its own nonce and nothing else.
pub fn claim<'a>(sid: &'a str, nonce: &'a str) -> Claim<'a> {
    Claim {
        nonce,
        origin: ORIGIN,
        now: 1,
        sid,
        request: None,
        closes: None,
        files: &[],
        deliver_to: &[],
        next_nonce: None,
    }
}

/// Appends `sid` of `form_id` with `report`; panics unless it is new.
pub fn append(store: &dyn Store, sid: &str, reference: &str, form_id: &str, report: &str) -> Record {
    let nonce = format!("nonce-{sid}");
    match append_with(store, claim(sid, &nonce), &|h| record(h, sid, reference, form_id, report)) {
        Appended::New(r) => r,
        other => panic!("{sid} not stored: {other:?}"),
    }
}
