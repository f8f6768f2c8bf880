//! What the inbox's store calls take and give.

/// What a staff account may do. An account with no role recorded (every account made before
/// roles existed) is an officer with no forms: it keeps issuing PA links and sees no submissions
/// until an admin gives it forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reads and decides the submissions of the forms they are given.
    Officer,
    /// Manages accounts and which forms each may see (and reads the forms they are given).
    Admin,
}

impl Role {
    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Admin => "admin",
        }
    }
    /// From the stored or command-line name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "officer" => Some(Role::Officer),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A staff account's access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its username.
    pub username: String,
    /// Its role.
    pub role: Role,
    /// The forms whose submissions it may read and decide, sorted.
    pub forms: Vec<String>,
}

/// A submission as the inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Chain position: the list's order and its page key.
    pub seq: i64,
    /// The receipt reference.
    pub reference: String,
    /// Form id.
    pub form_id: String,
    /// Form version.
    pub form_version: String,
    /// Device key thumbprint.
    pub jkt: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    /// `pass`, `warn` or `fail`: the report's outcome (`info` counts as `pass`).
    pub verdict: String,
    /// Findings that failed.
    pub fails: i64,
    /// Findings that warned.
    pub warns: i64,
    /// Findings that passed (or were guidance).
    pub passes: i64,
    /// `new`, `in_review`, `approved`, `rejected` or `more_information_needed`.
    pub status: String,
    /// The officer it is assigned to.
    pub assignee: Option<String>,
}

/// What the inbox list (and an export) selects. Empty fields select everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// One form id.
    pub form: Option<String>,
    /// One status.
    pub status: Option<String>,
    /// One verdict.
    pub verdict: Option<String>,
    /// Received on or after this day (`YYYY-MM-DD`, UTC).
    pub since: Option<String>,
    /// Received on or before this day (`YYYY-MM-DD`, UTC).
    pub until: Option<String>,
    /// A reference, or its beginning (upper case).
    pub reference: Option<String>,
}

/// Where a page of the list starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The newest.
    First,
    /// Older than this seq.
    After(i64),
    /// Newer than this seq (the page before).
    Before(i64),
}

/// One audit log row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// Its position in the log.
    pub id: i64,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// The staff member (or `cli`).
    pub actor: String,
    /// What was done: `viewed`, `status`, `note`, `assigned`, `exported`, `access`, ...
    pub action: String,
    /// The submission, when about one.
    pub reference: Option<String>,
    /// The rest: the new status and reason, the note, the assignee, the filters exported.
    pub detail: String,
}

/// An audit row to append.
#[derive(Debug, Clone, Copy)]
pub struct NewAudit<'a> {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// What.
    pub action: &'a str,
    /// About which submission.
    pub reference: Option<&'a str>,
    /// The rest.
    pub detail: &'a str,
}

/// An inbox row's verdict and finding counts from a stored report: what the SQLite store's
/// trigger and the PostgreSQL store's append write, and what a submission's page checks the row
/// against.
pub fn verdict_of(report: &str) -> (&'static str, i64, i64, i64) {
    let v: serde_json::Value = serde_json::from_str(report).unwrap_or_default();
    let verdict = match v["outcome"].as_str() {
        Some("fail") => "fail",
        Some("warn") => "warn",
        _ => "pass",
    };
    let findings = v["findings"].as_array().map(Vec::as_slice).unwrap_or_default();
    let count = |outcomes: &[&str]| {
        findings.iter().filter(|f| f["outcome"].as_str().is_some_and(|o| outcomes.contains(&o))).count() as i64
    };
    (verdict, count(&["fail"]), count(&["warn"]), count(&["pass", "info"]))
}
