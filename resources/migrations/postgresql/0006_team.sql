-- Schema version 6: team mode (PRODUCT.md F21–F25), the data side.
-- PostgreSQL twin of ../sqlite/0006_team.sql, plus the rules the database
-- enforces for a team (plan-issue14.md §2.2–2.3).
--
-- Like the other files: the runner has made schema canceldesk, set
-- search_path to it and runs this in one transaction as the schema owner. It
-- makes no roles and grants nothing: `team init` runs
-- resources/team/postgresql/roles.sql for that (it needs CREATEROLE).
--
-- Team store or single-login store. team_mode() is true once roles.sql has
-- run in this database (the role canceldesk_operator exists and may use the
-- schema canceldesk). Until then the store is a single-login store: one
-- login (often the owner) writes everything and the operator's name is what
-- the client says, as on SQLite. In a single-login store the rules that name
-- a person are skipped: operator = login, recorded_by = login, who may
-- approve or decline (an approver-role member other than the requester,
-- naming himself), and who may hand a leased attempt back. Every other rule
-- always applies: the chain's links, attempt = its newest entry, final and
-- identity rules, the approval states' transitions and deadlines, and leases
-- by the database clock (several machines may share one login).
--
-- SQLSTATEs: 42501 (insufficient_privilege) for every team rule a login
-- breaks (the client's NotPermitted, CLI exit 8); 23000 for the consistency
-- rules of 0002–0005 and the attempt = newest entry check, which only a hand
-- edit or a client bug can break.

-- ------------------------------------------------------------------ states
-- AWAITING_APPROVAL holds the order's slot (nothing sent, no owner, no lease);
-- DECLINED and EXPIRED are final.
ALTER TABLE cancel_attempts DROP CONSTRAINT cancel_attempts_state_check;
ALTER TABLE cancel_attempts ADD CONSTRAINT cancel_attempts_state_check
    CHECK (state IN ('PREPARED', 'SENT', 'CONFIRMING', 'SUCCEEDED', 'REJECTED', 'UNRESOLVED',
                     'AWAITING_APPROVAL', 'DECLINED', 'EXPIRED'));

DROP INDEX cancel_attempts_one_active;
CREATE UNIQUE INDEX cancel_attempts_one_active ON cancel_attempts (provider, payment_id)
    WHERE state IN ('PREPARED', 'SENT', 'CONFIRMING', 'AWAITING_APPROVAL');

-- ------------------------------------------------- format 4 snapshot columns
ALTER TABLE cancel_attempts ADD COLUMN approver text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE cancel_attempts ADD COLUMN decision_note text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE cancel_attempts ADD COLUMN approval_deadline bigint;
ALTER TABLE journal_entries ADD COLUMN approver text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE journal_entries ADD COLUMN decision_note text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE journal_entries ADD COLUMN approval_deadline bigint;
-- Who wrote the entry (the login); '' for entries of format 1–3.
ALTER TABLE journal_entries ADD COLUMN recorded_by text COLLATE "C" NOT NULL DEFAULT '';

-- ------------------------------------------------------------- thresholds
CREATE TABLE approval_thresholds (
    currency     text COLLATE "C" PRIMARY KEY,
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0)
);

-- ---------------------------------------------------------- order versions
-- Every insert and update of an order takes the next number: the change feed's
-- polling fallback reads "row_version > last seen". (A sequence hands numbers
-- out in call order, not commit order: a poller must re-read a margin below
-- the highest version it saw, or use the NOTIFY payloads.)
CREATE SEQUENCE order_version AS bigint;
ALTER TABLE orders ADD COLUMN row_version bigint NOT NULL DEFAULT 0;
UPDATE orders SET row_version = nextval('order_version');
CREATE INDEX orders_row_version ON orders (row_version);

CREATE FUNCTION orders_next_version() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    NEW.row_version := nextval('order_version');
    RETURN NEW;
END
$$;

CREATE TRIGGER orders_row_version BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_next_version();

-- ----------------------------------------------------------------- clock
-- The database's clock in epoch ms: leases and approval deadlines are judged
-- by it, never by a client's clock. test_clock_offset_ms() is 0; tests (as
-- the owner: nobody else may replace a function here) replace it to move the
-- clock. Not a GUC: any login could SET a custom GUC in its own session.
CREATE FUNCTION test_clock_offset_ms() RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path = canceldesk, pg_temp
AS $$ SELECT 0::bigint $$;

CREATE FUNCTION now_ms() RETURNS bigint
    LANGUAGE sql VOLATILE
    SET search_path = canceldesk, pg_temp
AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint + test_clock_offset_ms() $$;

-- Whether roles.sql has made this a team store (see the top of this file).
-- has_schema_privilege() with a role that does not exist raises, hence the
-- CASE (STABLE functions are not folded before the EXISTS is known).
CREATE FUNCTION team_mode() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = canceldesk, pg_temp
AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'canceldesk_operator')
                THEN has_schema_privilege('canceldesk_operator', 'canceldesk', 'USAGE')
                ELSE false END
$$;

-- db copy (F26) writes other people's rows: only the schema owner may, and
-- only with SET LOCAL canceldesk.copying = 'on'.
CREATE FUNCTION copying() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = canceldesk, pg_temp
AS $$
    SELECT coalesce(current_setting('canceldesk.copying', true), '') = 'on'
       AND session_user = (SELECT nspowner::regrole::text FROM pg_namespace
                           WHERE nspname = 'canceldesk')
$$;

-- ------------------------------------------------- final and identity rules
-- DECLINED and EXPIRED never change either.
DROP TRIGGER cancel_attempts_final ON cancel_attempts;

CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
    FOR EACH ROW
    WHEN (OLD.state IN ('SUCCEEDED', 'REJECTED', 'DECLINED', 'EXPIRED')
       OR (OLD.state = 'UNRESOLVED' AND NEW.state NOT IN ('SUCCEEDED', 'REJECTED', 'SENT')))
    EXECUTE FUNCTION cancel_attempts_final_unchanged();

-- The identity now also covers what the client already treats as identity
-- (amount, currency, method, reference, environment: an approved amount must
-- not grow afterwards), the approval deadline, and the approver once set.
DROP TRIGGER cancel_attempts_identity ON cancel_attempts;

CREATE TRIGGER cancel_attempts_identity BEFORE UPDATE ON cancel_attempts
    FOR EACH ROW
    WHEN (NEW.id IS DISTINCT FROM OLD.id
       OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
       OR NEW.provider IS DISTINCT FROM OLD.provider
       OR NEW.payment_id IS DISTINCT FROM OLD.payment_id
       OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.note IS DISTINCT FROM OLD.note
       OR NEW.operator IS DISTINCT FROM OLD.operator
       OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
       OR NEW.merchant_reference IS DISTINCT FROM OLD.merchant_reference
       OR NEW.amount_minor IS DISTINCT FROM OLD.amount_minor
       OR NEW.currency IS DISTINCT FROM OLD.currency
       OR NEW.payment_method IS DISTINCT FROM OLD.payment_method
       OR NEW.environment IS DISTINCT FROM OLD.environment
       OR NEW.approval_deadline IS DISTINCT FROM OLD.approval_deadline
       OR (OLD.approver <> '' AND NEW.approver IS DISTINCT FROM OLD.approver))
    EXECUTE FUNCTION cancel_attempts_identity_unchanged();

-- ------------------------------------------------------- identity (F21)
-- The requester is the login: an attempt names session_user as its operator.
-- Refused rather than overwritten: the client's hash covers the name.
CREATE FUNCTION cancel_attempts_operator_is_login() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    IF team_mode() AND NEW.operator IS DISTINCT FROM session_user::text AND NOT copying() THEN
        RAISE EXCEPTION 'the operator of a new cancel attempt must be the login "%"', session_user
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cancel_attempts_operator BEFORE INSERT ON cancel_attempts
    FOR EACH ROW EXECUTE FUNCTION cancel_attempts_operator_is_login();

-- ----------------------------------------------------- four eyes (F23)
CREATE FUNCTION cancel_attempts_four_eyes() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    threshold bigint;
    login text := session_user;
BEGIN
    IF copying() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.state NOT IN ('PREPARED', 'AWAITING_APPROVAL') THEN
            RAISE EXCEPTION 'a new cancel attempt starts as PREPARED or AWAITING_APPROVAL'
                USING ERRCODE = '42501';
        END IF;
        IF NEW.approver <> '' OR NEW.decision_note <> '' THEN
            RAISE EXCEPTION 'a new cancel attempt has no approver yet' USING ERRCODE = '42501';
        END IF;
        SELECT t.amount_minor INTO threshold FROM approval_thresholds t
        WHERE t.currency = NEW.currency;
        IF NEW.state = 'PREPARED' AND threshold IS NOT NULL AND NEW.amount_minor >= threshold THEN
            RAISE EXCEPTION 'a cancel of % % requires approval (threshold % %)',
                NEW.amount_minor, NEW.currency, threshold, NEW.currency
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;

    -- UPDATE
    IF OLD.state <> 'AWAITING_APPROVAL' THEN
        IF NEW.state = 'AWAITING_APPROVAL' THEN
            RAISE EXCEPTION 'cancel attempt % cannot go back to AWAITING_APPROVAL', OLD.id
                USING ERRCODE = '42501';
        END IF;
        IF NEW.approver IS DISTINCT FROM OLD.approver
           OR NEW.decision_note IS DISTINCT FROM OLD.decision_note THEN
            RAISE EXCEPTION 'only approving or declining sets the approver of cancel attempt %',
                OLD.id USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;

    IF NEW.state = 'EXPIRED' THEN
        -- Anyone may record that the request lapsed, once it has.
        IF OLD.approval_deadline IS NULL OR now_ms() < OLD.approval_deadline THEN
            RAISE EXCEPTION 'the approval request % has not lapsed yet', OLD.id
                USING ERRCODE = '42501';
        END IF;
        IF NEW.approver <> '' THEN
            RAISE EXCEPTION 'a lapsed approval request has no approver' USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.state NOT IN ('PREPARED', 'DECLINED') THEN
        RAISE EXCEPTION 'cancel attempt % is awaiting approval: it can only be approved, declined or expire',
            OLD.id USING ERRCODE = '42501';
    END IF;
    IF btrim(NEW.approver) = '' THEN
        RAISE EXCEPTION 'approving or declining cancel attempt % names the approver', OLD.id
            USING ERRCODE = '42501';
    END IF;
    IF team_mode() THEN
        IF NOT pg_has_role(session_user, 'canceldesk_approver', 'MEMBER') THEN
            RAISE EXCEPTION 'the login "%" may not approve or decline cancels', login
                USING ERRCODE = '42501';
        END IF;
        IF login = OLD.operator THEN
            RAISE EXCEPTION 'a cancel cannot be approved or declined by the operator who requested it'
                USING ERRCODE = '42501';
        END IF;
        IF NEW.approver IS DISTINCT FROM login THEN
            RAISE EXCEPTION 'the approver of cancel attempt % must be the login "%"', OLD.id, login
                USING ERRCODE = '42501';
        END IF;
    END IF;
    IF NEW.state = 'PREPARED' AND OLD.approval_deadline IS NOT NULL
       AND now_ms() >= OLD.approval_deadline THEN
        RAISE EXCEPTION 'the approval request % has lapsed', OLD.id USING ERRCODE = '42501';
    END IF;
    IF NEW.state = 'DECLINED' AND btrim(NEW.decision_note) = '' THEN
        RAISE EXCEPTION 'declining a cancel needs a note' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cancel_attempts_four_eyes BEFORE INSERT OR UPDATE ON cancel_attempts
    FOR EACH ROW EXECUTE FUNCTION cancel_attempts_four_eyes();

-- ------------------------------------------------ leases by the DB clock
-- Another host takes an attempt over only once its lease has run out by the
-- database's clock (the owner's own host judges its own pids), and a login
-- hands an attempt back to recovery (owner '') only when it wrote the
-- attempt's current state itself (team stores; in a single-login store that
-- login wrote everything). No lease is longer than 10 minutes from now.
-- This keeps honest clients with wrong clocks apart; owner_host is what the
-- client says, so it is no defence against a login that lies about its host.
CREATE FUNCTION cancel_attempts_lease() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    holder text;
BEGIN
    IF copying() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.owner_host <> ''
       AND NEW.owner_host IS DISTINCT FROM OLD.owner_host
       AND coalesce(OLD.lease_until, 0) >= now_ms() THEN
        SELECT e.recorded_by INTO holder FROM journal_entries e WHERE e.seq = OLD.entry_seq;
        IF NOT (NEW.owner_host = '' AND NEW.owner_pid = 0 AND NEW.owner_instance = ''
                AND (NOT team_mode() OR holder IS NOT DISTINCT FROM session_user::text)) THEN
            RAISE EXCEPTION 'cancel attempt % is still leased by %, process % (until % ms)',
                OLD.id, OLD.owner_host, OLD.owner_pid, OLD.lease_until USING ERRCODE = '42501';
        END IF;
    END IF;
    IF NEW.lease_until IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.lease_until IS DISTINCT FROM OLD.lease_until)
       AND NEW.lease_until > now_ms() + 600000 THEN
        RAISE EXCEPTION 'a lease ends at most 10 minutes from now (database clock)'
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cancel_attempts_lease BEFORE INSERT OR UPDATE ON cancel_attempts
    FOR EACH ROW EXECUTE FUNCTION cancel_attempts_lease();

-- ------------------------------------------------------ the chain's links
-- A new entry extends the chain: the next seq, the head's hash as prev_hash,
-- a well-formed hash, the login as recorded_by. Nobody can fork or splice the
-- chain; a wrong hash is still possible, and `log verify` finds it.
CREATE FUNCTION journal_entries_link() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    head_seq bigint;
    head_hash text;
BEGIN
    -- Under READ COMMITTED this function's queries see what was committed
    -- before the lock was granted.
    -- The key every CancelDesk write transaction locks first (0x4344574C,
    -- "CDWL"): re-entrant for the client, a wait for a hand-written insert.
    PERFORM pg_advisory_xact_lock(1128552268);
    SELECT e.seq, e.entry_hash INTO head_seq, head_hash
    FROM journal_entries e ORDER BY e.seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'a journal entry must follow the newest one (seq %, hash %)',
            coalesce(head_seq, 0), coalesce(head_hash, repeat('0', 64)) USING ERRCODE = '42501';
    END IF;
    IF NEW.entry_hash !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'a journal entry hash is 64 lower-case hex digits' USING ERRCODE = '42501';
    END IF;
    IF team_mode() AND NEW.recorded_by IS DISTINCT FROM session_user::text
       AND NOT copying() THEN
        RAISE EXCEPTION 'a journal entry is recorded by the login "%"', session_user
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER journal_entries_link BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION journal_entries_link();

-- ------------------------------------------ an attempt = its newest entry
-- Checked at COMMIT (the client writes the attempt row before its entry):
-- every attempt written in the transaction points at its newest entry and
-- equals it column by column. No attempt changes without an entry, and no
-- entry is added without its attempt changing to match.
CREATE FUNCTION attempt_matches_entry() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    attempt bigint;
    ok boolean;
BEGIN
    IF TG_TABLE_NAME = 'journal_entries' THEN
        attempt := NEW.attempt_id;
    ELSE
        attempt := NEW.id;
    END IF;
    SELECT a.entry_seq = (SELECT max(n.seq) FROM journal_entries n WHERE n.attempt_id = a.id)
       AND e.seq IS NOT NULL
       AND e.entry_hash = a.entry_hash
       AND (e.provider, e.payment_id, e.merchant_reference, e.amount_minor, e.currency,
            e.payment_method, e.operator, e.environment, e.reason, e.note, e.idempotency_key,
            e.state, e.provider_code, e.provider_message, e.http_status, e.tries,
            e.requested_at, e.finished_at, e.latency_ms, e.status_before, e.status_after,
            e.owner_host, e.owner_pid, e.lease_until, e.owner_instance, e.approver,
            e.decision_note, e.approval_deadline)
           IS NOT DISTINCT FROM
           (a.provider, a.payment_id, a.merchant_reference, a.amount_minor, a.currency,
            a.payment_method, a.operator, a.environment, a.reason, a.note, a.idempotency_key,
            a.state, a.provider_code, a.provider_message, a.http_status, a.tries,
            a.requested_at, a.finished_at, a.latency_ms, a.status_before, a.status_after,
            a.owner_host, a.owner_pid, a.lease_until, a.owner_instance, a.approver,
            a.decision_note, a.approval_deadline)
    INTO ok
    FROM cancel_attempts a
    LEFT JOIN journal_entries e ON e.seq = a.entry_seq AND e.attempt_id = a.id
    WHERE a.id = attempt;
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'cancel attempt % does not equal its newest journal entry', attempt
            USING ERRCODE = '23000';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER cancel_attempts_journaled AFTER INSERT OR UPDATE ON cancel_attempts
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION attempt_matches_entry();

CREATE CONSTRAINT TRIGGER journal_entries_attempt_matches AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION attempt_matches_entry();
