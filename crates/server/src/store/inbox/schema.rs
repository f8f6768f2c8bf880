//! The inbox's tables, indexes and triggers.

/// Tables, indexes and triggers; run after the main schema on every read-write open.
pub(in crate::store) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS staff_access (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('officer', 'admin'))
) STRICT;
CREATE TABLE IF NOT EXISTS staff_forms (
    username TEXT NOT NULL,
    form_id TEXT NOT NULL,
    PRIMARY KEY (username, form_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inbox_items (
    seq INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    jkt TEXT NOT NULL,
    received_at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    fails INTEGER NOT NULL,
    warns INTEGER NOT NULL,
    passes INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    assignee TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS inbox_items_form ON inbox_items (form_id, seq);
CREATE INDEX IF NOT EXISTS inbox_items_status ON inbox_items (status, seq);
CREATE INDEX IF NOT EXISTS inbox_items_verdict ON inbox_items (verdict, seq);
CREATE INDEX IF NOT EXISTS inbox_items_jkt ON inbox_items (jkt, seq);
-- Named, so a reference search can insist on it (INDEXED BY).
CREATE INDEX IF NOT EXISTS inbox_items_reference ON inbox_items (reference);
CREATE INDEX IF NOT EXISTS inbox_items_received ON inbox_items (received_at, seq);
CREATE TABLE IF NOT EXISTS inbox_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    reference TEXT,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS inbox_audit_reference ON inbox_audit (reference, id);
-- Updates are refused by the retention schema's trigger (which lets a purge blank a note).
CREATE TRIGGER IF NOT EXISTS inbox_audit_no_delete BEFORE DELETE ON inbox_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS sign_in_failures (
    username TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS inbox_items_new AFTER INSERT ON submissions
BEGIN
    INSERT INTO inbox_items (seq, reference, form_id, form_version, jkt, received_at, verdict, fails, warns, passes)
    SELECT NEW.seq, NEW.reference, NEW.form_id, NEW.form_version, NEW.jkt, NEW.received_at,
        CASE json_extract(NEW.report, '$.outcome') WHEN 'fail' THEN 'fail' WHEN 'warn' THEN 'warn' ELSE 'pass' END,
        (SELECT COUNT(*) FROM json_each(NEW.report, '$.findings') WHERE json_extract(value, '$.outcome') = 'fail'),
        (SELECT COUNT(*) FROM json_each(NEW.report, '$.findings') WHERE json_extract(value, '$.outcome') = 'warn'),
        (SELECT COUNT(*) FROM json_each(NEW.report, '$.findings') WHERE json_extract(value, '$.outcome') IN ('pass', 'info'));
END;
-- Submissions stored before the inbox existed (the trigger above covers every later one).
INSERT INTO inbox_items (seq, reference, form_id, form_version, jkt, received_at, verdict, fails, warns, passes)
SELECT seq, reference, form_id, form_version, jkt, received_at,
    CASE json_extract(report, '$.outcome') WHEN 'fail' THEN 'fail' WHEN 'warn' THEN 'warn' ELSE 'pass' END,
    (SELECT COUNT(*) FROM json_each(report, '$.findings') WHERE json_extract(value, '$.outcome') = 'fail'),
    (SELECT COUNT(*) FROM json_each(report, '$.findings') WHERE json_extract(value, '$.outcome') = 'warn'),
    (SELECT COUNT(*) FROM json_each(report, '$.findings') WHERE json_extract(value, '$.outcome') IN ('pass', 'info'))
FROM submissions WHERE seq > (SELECT COALESCE(MAX(seq), 0) FROM inbox_items);
";
