-- Schema version 2: the cancel journal (PRODUCT.md F11, F12, F14, F16).
-- PostgreSQL twin of ../0002_cancel_journal.sql.
--
-- cancel_attempts holds the current state of each attempt; journal_entries is
-- the append-only, hash-chained history of every change to it. Both are written
-- in the same transaction, so an attempt row always equals its latest entry
-- (CancelJournal::verify() checks exactly that).
--
-- Column types are the same in both tables (verify compares them value by
-- value, and the hash covers their text). Attempt ids are given by the client
-- (under the journal lock), not by a sequence: a copied store keeps them, and
-- the hashes cover them. Integers that can pass 2^31 (amounts, times,
-- latencies, ids, pids) are bigint; HTTP status and tries are integer.
--
-- The rules SQLite enforces with RAISE(ABORT, …) triggers are trigger
-- functions here. They raise SQLSTATE 23000 (integrity_constraint_violation,
-- the class SQLite's trigger aborts belong to too: SQLITE_CONSTRAINT) with the
-- same message text. A trigger here has no BEGIN … END body: the statement
-- ends at the ';' after EXECUTE FUNCTION (the runner's splitter knows that).

CREATE TABLE cancel_attempts (
    id                 bigint  PRIMARY KEY,
    provider           text COLLATE "C" NOT NULL,
    payment_id         text COLLATE "C" NOT NULL,
    merchant_reference text COLLATE "C" NOT NULL DEFAULT '',
    amount_minor       bigint  NOT NULL,
    currency           text COLLATE "C" NOT NULL,
    payment_method     text COLLATE "C" NOT NULL DEFAULT '',
    operator           text COLLATE "C" NOT NULL,
    environment        text COLLATE "C" NOT NULL,
    reason             text COLLATE "C" NOT NULL,
    note               text COLLATE "C" NOT NULL DEFAULT '',
    idempotency_key    text COLLATE "C" NOT NULL UNIQUE,
    state              text COLLATE "C" NOT NULL CHECK (state IN ('PREPARED', 'SENT', 'CONFIRMING',
                                                                  'SUCCEEDED', 'REJECTED', 'UNRESOLVED')),
    provider_code      text COLLATE "C" NOT NULL DEFAULT '',
    provider_message   text COLLATE "C" NOT NULL DEFAULT '',
    http_status        integer NOT NULL DEFAULT 0,
    tries              integer NOT NULL DEFAULT 0,
    requested_at       bigint  NOT NULL,
    finished_at        bigint,
    latency_ms         bigint  NOT NULL DEFAULT -1,
    status_before      text COLLATE "C" NOT NULL DEFAULT '',
    status_after       text COLLATE "C" NOT NULL DEFAULT '',
    -- The attempt's latest journal entry: a row that no longer points at the
    -- end of its own history has been edited behind the journal's back.
    entry_seq          bigint  NOT NULL,
    entry_hash         text COLLATE "C" NOT NULL
);

-- F12: one active cancel per order. The database enforces it, so two windows or
-- two processes cannot both send. A second active attempt fails with SQLSTATE
-- 23505 (unique_violation) and aborts the transaction: the client explains it
-- after ROLLBACK TO SAVEPOINT.
CREATE UNIQUE INDEX cancel_attempts_one_active ON cancel_attempts (provider, payment_id)
    WHERE state IN ('PREPARED', 'SENT', 'CONFIRMING');

CREATE INDEX cancel_attempts_requested ON cancel_attempts (requested_at);

CREATE TABLE journal_entries (
    seq                bigint  PRIMARY KEY,
    attempt_id         bigint  NOT NULL REFERENCES cancel_attempts (id),
    provider           text COLLATE "C" NOT NULL,
    payment_id         text COLLATE "C" NOT NULL,
    merchant_reference text COLLATE "C" NOT NULL,
    amount_minor       bigint  NOT NULL,
    currency           text COLLATE "C" NOT NULL,
    payment_method     text COLLATE "C" NOT NULL,
    operator           text COLLATE "C" NOT NULL,
    environment        text COLLATE "C" NOT NULL,
    reason             text COLLATE "C" NOT NULL,
    note               text COLLATE "C" NOT NULL,
    idempotency_key    text COLLATE "C" NOT NULL,
    state              text COLLATE "C" NOT NULL,
    provider_code      text COLLATE "C" NOT NULL,
    provider_message   text COLLATE "C" NOT NULL,
    http_status        integer NOT NULL,
    tries              integer NOT NULL,
    requested_at       bigint  NOT NULL,
    finished_at        bigint,
    latency_ms         bigint  NOT NULL,
    status_before      text COLLATE "C" NOT NULL,
    status_after       text COLLATE "C" NOT NULL,
    recorded_at        bigint  NOT NULL,
    prev_hash          text COLLATE "C" NOT NULL,
    entry_hash         text COLLATE "C" NOT NULL
);

-- The journal is append-only. The triggers stop accidents and casual edits; the
-- hash chain is what catches someone who drops them first. TRUNCATE skips row
-- triggers, so it has a statement trigger of its own.
CREATE FUNCTION journal_entries_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'journal entries are append-only' USING ERRCODE = '23000';
END
$$;

CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION journal_entries_append_only();

CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION journal_entries_append_only();

CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION journal_entries_append_only();

-- Attempts are never deleted, and a final attempt never changes again.
CREATE FUNCTION cancel_attempts_never_deleted() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'cancel attempts are never deleted' USING ERRCODE = '23000';
END
$$;

CREATE TRIGGER cancel_attempts_no_delete BEFORE DELETE ON cancel_attempts
    FOR EACH ROW EXECUTE FUNCTION cancel_attempts_never_deleted();

CREATE TRIGGER cancel_attempts_no_truncate BEFORE TRUNCATE ON cancel_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION cancel_attempts_never_deleted();

-- Which final attempts may still change is the trigger's WHEN (versions 4 and
-- 5 replace the trigger, not the function).
CREATE FUNCTION cancel_attempts_final_unchanged() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'a final cancel attempt cannot change' USING ERRCODE = '23000';
END
$$;

CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
    FOR EACH ROW
    WHEN (OLD.state IN ('SUCCEEDED', 'REJECTED', 'UNRESOLVED'))
    EXECUTE FUNCTION cancel_attempts_final_unchanged();

-- What identifies an attempt (its key, order and reason) is fixed at PREPARED.
CREATE FUNCTION cancel_attempts_identity_unchanged() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the identity of a cancel attempt cannot change' USING ERRCODE = '23000';
END
$$;

CREATE TRIGGER cancel_attempts_identity BEFORE UPDATE ON cancel_attempts
    FOR EACH ROW
    WHEN (NEW.id IS DISTINCT FROM OLD.id
       OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
       OR NEW.provider IS DISTINCT FROM OLD.provider
       OR NEW.payment_id IS DISTINCT FROM OLD.payment_id
       OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.note IS DISTINCT FROM OLD.note
       OR NEW.operator IS DISTINCT FROM OLD.operator
       OR NEW.requested_at IS DISTINCT FROM OLD.requested_at)
    EXECUTE FUNCTION cancel_attempts_identity_unchanged();
