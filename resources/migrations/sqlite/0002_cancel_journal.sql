-- Schema version 2: the cancel journal (PRODUCT.md F11, F12, F14, F16).
--
-- cancel_attempts holds the current state of each attempt; journal_entries is
-- the append-only, hash-chained history of every change to it. Both are written
-- in the same transaction, so an attempt row always equals its latest entry
-- (CancelJournal::verify() checks exactly that).

CREATE TABLE cancel_attempts (
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
                                                         'SUCCEEDED', 'REJECTED', 'UNRESOLVED')),
    provider_code      TEXT    NOT NULL DEFAULT '',
    provider_message   TEXT    NOT NULL DEFAULT '',
    http_status        INTEGER NOT NULL DEFAULT 0,
    tries              INTEGER NOT NULL DEFAULT 0,
    requested_at       INTEGER NOT NULL,
    finished_at        INTEGER,
    latency_ms         INTEGER NOT NULL DEFAULT -1,
    status_before      TEXT    NOT NULL DEFAULT '',
    status_after       TEXT    NOT NULL DEFAULT '',
    -- The attempt's latest journal entry: a row that no longer points at the
    -- end of its own history has been edited behind the journal's back.
    entry_seq          INTEGER NOT NULL,
    entry_hash         TEXT    NOT NULL
);

-- F12: one active cancel per order. The database enforces it, so two windows or
-- two processes cannot both send.
CREATE UNIQUE INDEX cancel_attempts_one_active ON cancel_attempts (provider, payment_id)
    WHERE state IN ('PREPARED', 'SENT', 'CONFIRMING');

CREATE INDEX cancel_attempts_requested ON cancel_attempts (requested_at);

CREATE TABLE journal_entries (
    seq                INTEGER PRIMARY KEY,
    attempt_id         INTEGER NOT NULL REFERENCES cancel_attempts (id),
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
    entry_hash         TEXT    NOT NULL
);

-- The journal is append-only. The triggers stop accidents and casual edits; the
-- hash chain is what catches someone who drops them first.
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only');
END;

CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only');
END;

-- Attempts are never deleted, and a final attempt never changes again.
CREATE TRIGGER cancel_attempts_no_delete BEFORE DELETE ON cancel_attempts
BEGIN
    SELECT RAISE(ABORT, 'cancel attempts are never deleted');
END;

CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
WHEN OLD.state IN ('SUCCEEDED', 'REJECTED', 'UNRESOLVED')
BEGIN
    SELECT RAISE(ABORT, 'a final cancel attempt cannot change');
END;

-- What identifies an attempt (its key, order and reason) is fixed at PREPARED.
CREATE TRIGGER cancel_attempts_identity BEFORE UPDATE ON cancel_attempts
WHEN NEW.id IS NOT OLD.id
  OR NEW.idempotency_key IS NOT OLD.idempotency_key
  OR NEW.provider IS NOT OLD.provider
  OR NEW.payment_id IS NOT OLD.payment_id
  OR NEW.reason IS NOT OLD.reason
  OR NEW.note IS NOT OLD.note
  OR NEW.operator IS NOT OLD.operator
  OR NEW.requested_at IS NOT OLD.requested_at
BEGIN
    SELECT RAISE(ABORT, 'the identity of a cancel attempt cannot change');
END;
