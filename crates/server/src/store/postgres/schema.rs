//! The PostgreSQL tables: the SQLite schema's (store/sqlite.rs, store/inbox/schema.rs,
//! store/retention.rs) in PostgreSQL's words, plus the chain lock and the shared rate counts.
//!
//! Every text column that is compared or sorted is `COLLATE "C"`: references, times and
//! usernames then order byte by byte, as in SQLite, whatever the database's locale (a
//! locale collation ignores `-` and `:`, which would misorder `2026-12-06T...` against the
//! inbox's `DAYU` day bounds).

/// Run on every read-write open, under an advisory lock (two instances may start at once).
pub(super) const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS nonces (
    nonce TEXT COLLATE "C" PRIMARY KEY,
    origin TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces (expires_at);
CREATE TABLE IF NOT EXISTS staff (
    username TEXT COLLATE "C" PRIMARY KEY,
    password_hash TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_sha256 TEXT COLLATE "C" PRIMARY KEY,
    username TEXT COLLATE "C" NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS pa_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    token TEXT COLLATE "C" PRIMARY KEY,
    pa_name TEXT NOT NULL,
    pa_email TEXT NOT NULL,
    client_name TEXT NOT NULL,
    employer TEXT NOT NULL,
    activity_date TEXT,
    code_version TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_sid TEXT COLLATE "C" UNIQUE
);
-- The chain's head is serialised across every instance by locking this one row FOR UPDATE in
-- each append; `seq` and `prev` (the previous receipt's hash) are unique, so were two
-- instances ever to link to one head, the second insert fails instead of forking the chain.
CREATE TABLE IF NOT EXISTS chain_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);
INSERT INTO chain_lock (id) VALUES (1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS submissions (
    seq BIGINT PRIMARY KEY CHECK (seq >= 1),
    prev TEXT COLLATE "C" UNIQUE,
    sid TEXT COLLATE "C" NOT NULL UNIQUE,
    reference TEXT COLLATE "C" NOT NULL UNIQUE,
    jkt TEXT NOT NULL,
    form_id TEXT COLLATE "C" NOT NULL,
    form_version TEXT NOT NULL,
    origin TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    envelope TEXT NOT NULL,
    report TEXT NOT NULL,
    receipt TEXT NOT NULL,
    received_at TEXT COLLATE "C" NOT NULL,
    CHECK ((seq = 1) = (prev IS NULL))
);
-- A return names its agreement in its report; this finds it without parsing every report.
CREATE INDEX IF NOT EXISTS submissions_agreement
    ON submissions (form_id, ((report::jsonb ->> 'agreement_reference')));
CREATE TABLE IF NOT EXISTS submission_files (
    seq BIGINT NOT NULL REFERENCES submissions (seq),
    sha256 TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (seq, sha256)
);
CREATE INDEX IF NOT EXISTS submission_files_by_file ON submission_files (sha256);

CREATE TABLE IF NOT EXISTS staff_access (
    username TEXT COLLATE "C" PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('officer', 'admin'))
);
CREATE TABLE IF NOT EXISTS staff_forms (
    username TEXT COLLATE "C" NOT NULL,
    form_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (username, form_id)
);
CREATE TABLE IF NOT EXISTS inbox_items (
    seq BIGINT PRIMARY KEY,
    reference TEXT COLLATE "C" NOT NULL UNIQUE,
    form_id TEXT COLLATE "C" NOT NULL,
    form_version TEXT NOT NULL,
    jkt TEXT COLLATE "C" NOT NULL,
    received_at TEXT COLLATE "C" NOT NULL,
    verdict TEXT NOT NULL,
    fails BIGINT NOT NULL,
    warns BIGINT NOT NULL,
    passes BIGINT NOT NULL,
    status TEXT COLLATE "C" NOT NULL DEFAULT 'new',
    assignee TEXT
);
CREATE INDEX IF NOT EXISTS inbox_items_form ON inbox_items (form_id, seq);
CREATE INDEX IF NOT EXISTS inbox_items_status ON inbox_items (status, seq);
CREATE INDEX IF NOT EXISTS inbox_items_verdict ON inbox_items (verdict, seq);
CREATE INDEX IF NOT EXISTS inbox_items_jkt ON inbox_items (jkt, seq);
CREATE INDEX IF NOT EXISTS inbox_items_received ON inbox_items (received_at, seq);
CREATE TABLE IF NOT EXISTS inbox_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    actor TEXT NOT NULL,
    action TEXT COLLATE "C" NOT NULL,
    reference TEXT COLLATE "C",
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS inbox_audit_reference ON inbox_audit (reference, id);
CREATE TABLE IF NOT EXISTS sign_in_failures (
    username TEXT COLLATE "C" PRIMARY KEY,
    failures BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS retention (
    form_id TEXT COLLATE "C" PRIMARY KEY,
    days INTEGER NOT NULL CHECK (days >= 1)
);
CREATE TABLE IF NOT EXISTS purged (
    seq BIGINT PRIMARY KEY,
    reference TEXT COLLATE "C" NOT NULL UNIQUE,
    purged_at TEXT NOT NULL
);
-- The audit log is append-only but for one change: a purge blanks the text of a note about a
-- purged submission (as the SQLite store's triggers allow).
CREATE OR REPLACE FUNCTION inbox_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.action = 'note' AND NEW.detail = ''
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
       AND NEW.reference IS NOT DISTINCT FROM OLD.reference
       AND EXISTS (SELECT 1 FROM purged p WHERE p.reference = OLD.reference) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE OR REPLACE TRIGGER inbox_audit_append_only BEFORE UPDATE OR DELETE ON inbox_audit
    FOR EACH ROW EXECUTE FUNCTION inbox_audit_append_only();
-- The durable delivery queue (store/deliveries.rs): rows commit with their submission.
CREATE TABLE IF NOT EXISTS deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq BIGINT NOT NULL REFERENCES submissions (seq),
    endpoint TEXT COLLATE "C" NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    delivered_at BIGINT,
    last_error TEXT,
    UNIQUE (seq, endpoint)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at) WHERE delivered_at IS NULL;
-- Requests per client address per minute, shared by every instance. Unlogged: a count lost in
-- a crash only lets a client a few more requests, and it saves a WAL flush per request.
CREATE UNLOGGED TABLE IF NOT EXISTS rate_counts (
    client TEXT COLLATE "C" NOT NULL,
    minute BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (client, minute)
);
"#;
