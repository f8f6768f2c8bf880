//! Where submissions, receipts and nonces live: one `Store` interface, its SQLite implementation in
//! `sqlite` (the inbox's and retention's parts in `inbox` and `retention`) and its PostgreSQL one
//! in `postgres`.

use std::path::Path;

pub mod deliveries;
mod group_commit;
pub mod inbox;
mod postgres;
pub mod retention;
mod sqlite;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;
pub(crate) use sqlite::row_to_record;

/// A stored record's columns, in [`Record`]'s order: both stores' tables have them.
pub(crate) const COLUMNS: &str =
    "seq, sid, reference, jkt, form_id, form_version, origin, payload_sha256, envelope, report, receipt, received_at";

/// A stored submission with its receipt.
#[derive(Debug, Clone)]
pub struct Record {
    /// Chain position, from 1.
    pub seq: u64,
    /// Submission id.
    pub sid: String,
    /// Human-readable reference.
    pub reference: String,
    /// Device key thumbprint.
    pub jkt: String,
    /// Form id.
    pub form_id: String,
    /// Form version.
    pub form_version: String,
    /// The embedding page's origin.
    pub origin: String,
    /// SHA-256 of the payload bytes.
    pub payload_sha256: String,
    /// The submission JWS as received.
    pub envelope: String,
    /// The server's own re-check of the data (JSON).
    pub report: String,
    /// The receipt JWS.
    pub receipt: String,
    /// When it arrived, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
}

/// The last record of the chain, which the next receipt links to.
#[derive(Debug, Clone)]
pub struct ChainHead {
    /// Its position.
    pub seq: u64,
    /// Its receipt JWS.
    pub receipt: String,
}

/// A single-use acknowledgement link issued by staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaRequest {
    /// The link's secret token.
    pub token: String,
    /// The personal assistant's name.
    pub pa_name: String,
    /// Where the link is sent.
    pub pa_email: String,
    /// The participant they support.
    pub client_name: String,
    /// Who employs the PA (the client, an agency, ...).
    pub employer: String,
    /// The activity, `YYYY-MM-DD`, if known.
    pub activity_date: Option<String>,
    /// The code version the PA is asked to acknowledge.
    pub code_version: String,
    /// The staff member who issued it.
    pub issued_by: String,
    /// Unix seconds.
    pub issued_at: i64,
    /// Unix seconds; the link is refused from then on.
    pub expires_at: i64,
}

/// A request with what became of it.
#[derive(Debug, Clone)]
pub struct PaRequestState {
    /// The request.
    pub request: PaRequest,
    /// The reference and arrival time of the acknowledgement that used it.
    pub acknowledged: Option<(String, String)>,
}

/// What an append came to.
#[derive(Debug)]
pub enum Appended {
    /// Stored, and durable before this returned.
    New(Record),
    /// A record with the same `sid` exists (a concurrent retry won the race).
    Existing(Record),
    /// The nonce is unknown, used, expired or bound to another origin.
    BadNonce,
    /// The staff-issued link is unknown, used or expired.
    BadRequestLink,
    /// The agreement this submission closes was closed already, by the stored submission with
    /// this reference.
    AlreadyClosed(String),
}

/// Errors from the store itself, never from the data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    /// PostgreSQL refused or failed (boxed: its error is large).
    #[error("database: {}", pg_reason(.0))]
    Pg(Box<::postgres::Error>),
    /// The caller's record builder failed.
    #[error("{0}")]
    Build(String),
    /// The database URL names something this build cannot open.
    #[error("{0}")]
    Config(String),
    /// The transaction a write was batched into did not commit, so the write was not stored.
    #[error("the batch did not commit: {0}")]
    Batch(String),
}

/// PostgreSQL's own words when it refused (the error's text alone is just "db error").
fn pg_reason(e: &::postgres::Error) -> String {
    e.as_db_error().map_or_else(|| e.to_string(), |db| db.to_string())
}

/// The storage operations the server needs.
pub trait Store: Send + Sync + inbox::Inbox + retention::Retention + deliveries::Deliveries {
    /// Remembers a fresh nonce for `origin` until `expires_at` (Unix seconds).
    fn issue_nonce(&self, nonce: &str, origin: &str, now: i64, expires_at: i64) -> Result<(), StoreError>;
    /// Whether `nonce` is live and bound to `origin` now, without spending it: a cheap refusal
    /// before the rules run. `append` still spends it atomically, so this is only a pre-check.
    fn nonce_usable(&self, nonce: &str, origin: &str, now: i64) -> Result<bool, StoreError>;
    /// The last record of the chain (what the next receipt links to and a checkpoint signs), if any.
    fn head(&self) -> Result<Option<ChainHead>, StoreError>;
    /// The record with this `sid`, if any.
    fn find_by_sid(&self, sid: &str) -> Result<Option<Record>, StoreError>;
    /// The record with this receipt reference, if any (a key-holding return names its agreement's).
    fn find_by_reference(&self, reference: &str) -> Result<Option<Record>, StoreError>;
    /// The reference of a stored submission of `form_id` whose report names `reference` as its
    /// `agreement_reference` (the return already received for that agreement), if any.
    fn referring_to(&self, form_id: &str, reference: &str) -> Result<Option<String>, StoreError>;
    /// In one transaction: spend the nonce, then build the next record from the chain head and
    /// store it, with the claim's next nonce. Nothing is spent, stored or issued unless all of it
    /// commits.
    fn append(
        &self,
        claim: &Claim<'_>,
        build: &mut dyn FnMut(Option<&ChainHead>) -> Result<Record, String>,
    ) -> Result<Appended, StoreError>;
    /// Every record in chain order, for audits and the inbox.
    fn records(&self) -> Result<Vec<Record>, StoreError>;
    /// The evidence files (SHA-256, hex) recorded with the submission `sid`, in name order.
    fn files_of(&self, sid: &str) -> Result<Vec<String>, StoreError>;
    /// Whether any stored submission lists the file `sha256`.
    fn file_referenced(&self, sha256: &str) -> Result<bool, StoreError>;
    /// Creates a staff account, or sets a new password for an existing one.
    fn put_staff(&self, username: &str, password_hash: &str, now: i64) -> Result<(), StoreError>;
    /// A staff member's password hash.
    fn staff_password_hash(&self, username: &str) -> Result<Option<String>, StoreError>;
    /// Starts a staff session (only the token's hash is stored).
    fn put_session(&self, token_sha256: &str, username: &str, now: i64, expires_at: i64) -> Result<(), StoreError>;
    /// Who a live session belongs to.
    fn session_user(&self, token_sha256: &str, now: i64) -> Result<Option<String>, StoreError>;
    /// Ends a session.
    fn delete_session(&self, token_sha256: &str) -> Result<(), StoreError>;
    /// Stores a newly issued acknowledgement link.
    fn put_request(&self, request: &PaRequest) -> Result<(), StoreError>;
    /// Every issued link, newest first, with what became of it.
    fn requests(&self) -> Result<Vec<PaRequestState>, StoreError>;
    /// Whether this store counts requests for the rate limit, so that every instance sharing it
    /// shares the limit ([`Store::count_request`]). When not, each server counts on its own.
    fn counts_requests(&self) -> bool {
        false
    }
    /// Counts one request from `client` in the minute `minute` (Unix seconds / 60) and answers
    /// how many it has made in that minute, on every instance. Only called when
    /// [`Store::counts_requests`].
    fn count_request(&self, client: &str, minute: i64) -> Result<u64, StoreError> {
        let _ = (client, minute);
        Err(StoreError::Config("this store does not count requests".into()))
    }
}

/// What a submission spends when it is stored: its nonce and, for a staff-issued link, the link.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// The header's nonce.
    pub nonce: &'a str,
    /// The origin the nonce must be bound to.
    pub origin: &'a str,
    /// Unix seconds.
    pub now: i64,
    /// The submission id.
    pub sid: &'a str,
    /// A single-use link token to spend, if the submission came through one.
    pub request: Option<&'a str>,
    /// The reference of the agreement this submission closes (a key-holding return), if any.
    /// Checked inside the transaction, so two returns racing for one agreement cannot both land.
    pub closes: Option<&'a str>,
    /// The evidence files (SHA-256, hex) the submission lists, recorded as its own with it.
    pub files: &'a [String],
    /// Where the stored submission goes next (`https://…` webhooks, `mailto:…` notifications):
    /// one queued delivery each, in the same transaction.
    pub deliver_to: &'a [String],
    /// The nonce the receipt response hands on for the device's next submission, issued in the
    /// same transaction as the record (one commit per submission, not two). Issued only when
    /// the record is stored; a refusal or a retry issues its own.
    pub next_nonce: Option<NextNonce<'a>>,
}

/// A nonce issued with an append, bound to the claim's origin.
#[derive(Debug, Clone, Copy)]
pub struct NextNonce<'a> {
    /// The nonce.
    pub nonce: &'a str,
    /// Unix seconds; refused from then on.
    pub expires_at: i64,
}

/// `database_url` fit for a log: a password in it replaced by `***`.
pub fn redacted(database_url: &str) -> String {
    let Some((scheme, rest)) = database_url.split_once("://") else { return database_url.to_owned() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split_once(':').map_or(user_info, |(u, _)| u);
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        _ => database_url.to_owned(),
    }
}

/// Opens the store a database URL names.
pub fn open(database_url: &str, read_only: bool) -> Result<Box<dyn Store>, StoreError> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        return Ok(Box::new(PgStore::open(database_url, read_only)?));
    }
    let path =
        database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:")).unwrap_or(database_url);
    Ok(Box::new(SqliteStore::open(Path::new(path), read_only)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_logged_database_url_hides_its_password() {
        let r = super::redacted;
        assert_eq!(
            r("postgres://care:s3cr:et@db.example:5432/careform?sslmode=disable"),
            "postgres://care:***@db.example:5432/careform?sslmode=disable"
        );
        assert_eq!(r("postgresql://care@db.example/careform"), "postgresql://care@db.example/careform");
        assert_eq!(r("sqlite:data/careform.db"), "sqlite:data/careform.db");
    }
}
