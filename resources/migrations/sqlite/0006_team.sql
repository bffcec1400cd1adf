-- Schema version 6: team mode (PRODUCT.md F21–F25), the data side.
--
-- 1. Three new attempt states. AWAITING_APPROVAL holds the order's slot like
--    an active attempt (nothing has been sent; no owner, no lease); DECLINED
--    and EXPIRED are final and never change.
-- 2. Journal format 4: every entry and attempt row also holds the approver,
--    the approver's note and the approval deadline (epoch ms, NULL when none),
--    and each entry says who recorded it (recorded_by, an entry-own column
--    like recorded_at). Entries of formats 1–3 keep their hashes: they are
--    copied value for value and hash without these columns.
-- 3. approval_thresholds: the amounts from which a cancel needs a second
--    person (used in team mode, on PostgreSQL; empty here).
-- 4. orders.row_version: a number that grows with every insert and update of
--    an order (the live view's polling fallback reads "row_version > last").
--
-- SQLite cannot change a CHECK constraint, so cancel_attempts is rebuilt the
-- documented way (https://sqlite.org/lang_altertable.html, "other kinds of
-- table schema changes"). The runner applies this file in one transaction with
-- foreign keys ON, and PRAGMA foreign_keys cannot change inside a transaction.
-- Dropping cancel_attempts while journal_entries still refers to it would
-- count every entry as a broken foreign key that stays broken until COMMIT,
-- renaming the new table into place does not undo that, and COMMIT fails. So
-- journal_entries is rebuilt too, child first: the new journal refers to the
-- new attempts table, the old journal is dropped before the old attempts
-- table, and renaming cancel_attempts_new also renames the new journal's
-- reference. No foreign key is ever broken on the way.
-- (Dropping a table fires none of its triggers.)

CREATE TABLE cancel_attempts_new (
    id                 INTEGER PRIMARY KEY,
    provider           TEXT    NOT NULL,
    payment_id         TEXT    NOT NULL,
    merchant_reference TEXT    NOT NULL DEFAULT '',
    amount_minor       INTEGER NOT NULL,
    currency           TEXT    NOT NULL,
    payment_method     TEXT    NOT NULL DEFAULT '',
    operator           TEXT    NOT NULL,
    environment        TEXT    NOT NULL,
    reason             TEXT    NOT NULL,
    note               TEXT    NOT NULL DEFAULT '',
    idempotency_key    TEXT    NOT NULL UNIQUE,
    state              TEXT    NOT NULL CHECK (state IN ('PREPARED', 'SENT', 'CONFIRMING',
                                                         'SUCCEEDED', 'REJECTED', 'UNRESOLVED',
                                                         'AWAITING_APPROVAL', 'DECLINED',
                                                         'EXPIRED')),
    provider_code      TEXT    NOT NULL DEFAULT '',
    provider_message   TEXT    NOT NULL DEFAULT '',
    http_status        INTEGER NOT NULL DEFAULT 0,
    tries              INTEGER NOT NULL DEFAULT 0,
    requested_at       INTEGER NOT NULL,
    finished_at        INTEGER,
    latency_ms         INTEGER NOT NULL DEFAULT -1,
    status_before      TEXT    NOT NULL DEFAULT '',
    status_after       TEXT    NOT NULL DEFAULT '',
    entry_seq          INTEGER NOT NULL,
    entry_hash         TEXT    NOT NULL,
    owner_host         TEXT    NOT NULL DEFAULT '',
    owner_pid          INTEGER NOT NULL DEFAULT 0,
    lease_until        INTEGER,
    owner_instance     TEXT    NOT NULL DEFAULT '',
    approver           TEXT    NOT NULL DEFAULT '',
    decision_note      TEXT    NOT NULL DEFAULT '',
    approval_deadline  INTEGER
);

INSERT INTO cancel_attempts_new (
    id, provider, payment_id, merchant_reference, amount_minor, currency, payment_method,
    operator, environment, reason, note, idempotency_key, state, provider_code,
    provider_message, http_status, tries, requested_at, finished_at, latency_ms,
    status_before, status_after, entry_seq, entry_hash, owner_host, owner_pid, lease_until,
    owner_instance)
SELECT
    id, provider, payment_id, merchant_reference, amount_minor, currency, payment_method,
    operator, environment, reason, note, idempotency_key, state, provider_code,
    provider_message, http_status, tries, requested_at, finished_at, latency_ms,
    status_before, status_after, entry_seq, entry_hash, owner_host, owner_pid, lease_until,
    owner_instance
FROM cancel_attempts;

CREATE TABLE journal_entries_new (
    seq                INTEGER PRIMARY KEY,
    attempt_id         INTEGER NOT NULL REFERENCES cancel_attempts_new (id),
    provider           TEXT    NOT NULL,
    payment_id         TEXT    NOT NULL,
    merchant_reference TEXT    NOT NULL,
    amount_minor       INTEGER NOT NULL,
    currency           TEXT    NOT NULL,
    payment_method     TEXT    NOT NULL,
    operator           TEXT    NOT NULL,
    environment        TEXT    NOT NULL,
    reason             TEXT    NOT NULL,
    note               TEXT    NOT NULL,
    idempotency_key    TEXT    NOT NULL,
    state              TEXT    NOT NULL,
    provider_code      TEXT    NOT NULL,
    provider_message   TEXT    NOT NULL,
    http_status        INTEGER NOT NULL,
    tries              INTEGER NOT NULL,
    requested_at       INTEGER NOT NULL,
    finished_at        INTEGER,
    latency_ms         INTEGER NOT NULL,
    status_before      TEXT    NOT NULL,
    status_after       TEXT    NOT NULL,
    recorded_at        INTEGER NOT NULL,
    prev_hash          TEXT    NOT NULL,
    entry_hash         TEXT    NOT NULL,
    format             INTEGER NOT NULL DEFAULT 1,
    owner_host         TEXT    NOT NULL DEFAULT '',
    owner_pid          INTEGER NOT NULL DEFAULT 0,
    lease_until        INTEGER,
    owner_instance     TEXT    NOT NULL DEFAULT '',
    approver           TEXT    NOT NULL DEFAULT '',
    decision_note      TEXT    NOT NULL DEFAULT '',
    approval_deadline  INTEGER,
    -- Who wrote the entry (the login in team mode); '' for formats 1–3.
    recorded_by        TEXT    NOT NULL DEFAULT ''
);

INSERT INTO journal_entries_new (
    seq, attempt_id, provider, payment_id, merchant_reference, amount_minor, currency,
    payment_method, operator, environment, reason, note, idempotency_key, state,
    provider_code, provider_message, http_status, tries, requested_at, finished_at,
    latency_ms, status_before, status_after, recorded_at, prev_hash, entry_hash, format,
    owner_host, owner_pid, lease_until, owner_instance)
SELECT
    seq, attempt_id, provider, payment_id, merchant_reference, amount_minor, currency,
    payment_method, operator, environment, reason, note, idempotency_key, state,
    provider_code, provider_message, http_status, tries, requested_at, finished_at,
    latency_ms, status_before, status_after, recorded_at, prev_hash, entry_hash, format,
    owner_host, owner_pid, lease_until, owner_instance
FROM journal_entries;

DROP TABLE journal_entries;
DROP TABLE cancel_attempts;
ALTER TABLE cancel_attempts_new RENAME TO cancel_attempts;
ALTER TABLE journal_entries_new RENAME TO journal_entries;

-- The indexes of versions 2–5, AWAITING_APPROVAL now holding the order too.
CREATE UNIQUE INDEX cancel_attempts_one_active ON cancel_attempts (provider, payment_id)
    WHERE state IN ('PREPARED', 'SENT', 'CONFIRMING', 'AWAITING_APPROVAL');
CREATE INDEX cancel_attempts_requested ON cancel_attempts (requested_at);
CREATE INDEX cancel_attempts_operator ON cancel_attempts (operator, requested_at);
CREATE INDEX cancel_attempts_order ON cancel_attempts (provider, payment_id, state);
CREATE INDEX journal_entries_attempt ON journal_entries (attempt_id, seq);

-- The triggers of versions 2–5.
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only');
END;

CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only');
END;

CREATE TRIGGER cancel_attempts_no_delete BEFORE DELETE ON cancel_attempts
BEGIN
    SELECT RAISE(ABORT, 'cancel attempts are never deleted');
END;

-- DECLINED and EXPIRED never change either.
CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
WHEN OLD.state IN ('SUCCEEDED', 'REJECTED', 'DECLINED', 'EXPIRED')
  OR (OLD.state = 'UNRESOLVED' AND NEW.state NOT IN ('SUCCEEDED', 'REJECTED', 'SENT'))
BEGIN
    SELECT RAISE(ABORT, 'a final cancel attempt cannot change');
END;

-- The identity also covers what the client treats as identity (the amount,
-- method, reference and environment: an approved amount must not grow
-- afterwards), the approval deadline, and the approver once set. The same
-- rule as on PostgreSQL.
CREATE TRIGGER cancel_attempts_identity BEFORE UPDATE ON cancel_attempts
WHEN NEW.id IS NOT OLD.id
  OR NEW.idempotency_key IS NOT OLD.idempotency_key
  OR NEW.provider IS NOT OLD.provider
  OR NEW.payment_id IS NOT OLD.payment_id
  OR NEW.reason IS NOT OLD.reason
  OR NEW.note IS NOT OLD.note
  OR NEW.operator IS NOT OLD.operator
  OR NEW.requested_at IS NOT OLD.requested_at
  OR NEW.merchant_reference IS NOT OLD.merchant_reference
  OR NEW.amount_minor IS NOT OLD.amount_minor
  OR NEW.currency IS NOT OLD.currency
  OR NEW.payment_method IS NOT OLD.payment_method
  OR NEW.environment IS NOT OLD.environment
  OR NEW.approval_deadline IS NOT OLD.approval_deadline
  OR (OLD.approver <> '' AND NEW.approver IS NOT OLD.approver)
BEGIN
    SELECT RAISE(ABORT, 'the identity of a cancel attempt cannot change');
END;

-- ------------------------------------------------------------- thresholds
CREATE TABLE approval_thresholds (
    currency     TEXT    PRIMARY KEY,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0)
);

-- ---------------------------------------------------------- order versions
-- Every insert and update of an order takes the next number. SQLite has one
-- writer at a time, so max + 1 inside the writing transaction is unique.
-- (recursive_triggers is off: the trigger's own UPDATE does not fire it again;
-- the WHEN keeps it so even if someone turns them on.)
ALTER TABLE orders ADD COLUMN row_version INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET row_version = id;
CREATE INDEX orders_row_version ON orders (row_version);

CREATE TRIGGER orders_row_version_insert AFTER INSERT ON orders
BEGIN
    UPDATE orders SET row_version = (SELECT coalesce(max(row_version), 0) + 1 FROM orders)
    WHERE id = NEW.id;
END;

CREATE TRIGGER orders_row_version_update AFTER UPDATE ON orders
WHEN NEW.row_version IS OLD.row_version
BEGIN
    UPDATE orders SET row_version = (SELECT coalesce(max(row_version), 0) + 1 FROM orders)
    WHERE id = NEW.id;
END;
