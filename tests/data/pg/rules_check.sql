-- The rules of the PostgreSQL schema (resources/migrations/postgresql/0001–0005),
-- checked with plain SQL: one check per rule of the SQLite migrations (their
-- RAISE(ABORT) triggers, constraints and indexes), plus what PostgreSQL needs
-- on top (TRUNCATE, collation, identity ids). How to run it: README here.
--
-- Runs inside one transaction that is rolled back at the end, so it leaves the
-- database as it found it. Each check prints "ok: …" (a NOTICE); the first one
-- that fails raises "CHECK FAILED: …" and psql (ON_ERROR_STOP) stops.

\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL search_path = canceldesk;
SET LOCAL client_min_messages = notice;
-- The checks' own results are empty; only their notices and errors matter.
\o /dev/null

-- refused(what, statement, sqlstate, part of the message): the statement must
-- fail with that SQLSTATE and message; it is undone either way.
CREATE FUNCTION pg_temp.refused(what text, stmt text, state text, message text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    got_state text;
    got_message text;
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS got_state = RETURNED_SQLSTATE, got_message = MESSAGE_TEXT;
    END;
    IF got_state IS NULL THEN
        RAISE EXCEPTION 'CHECK FAILED: %: the statement was accepted: %', what, stmt;
    END IF;
    IF got_state <> state OR position(message IN got_message) = 0 THEN
        RAISE EXCEPTION 'CHECK FAILED: %: expected % "%", got % "%"', what, state, message,
            got_state, got_message;
    END IF;
    RAISE NOTICE 'ok: % (refused: % %)', what, got_state, got_message;
END
$fn$;

-- accepted(what, statement, rows): the statement must succeed and change
-- `rows` rows (-1: do not count).
CREATE FUNCTION pg_temp.accepted(what text, stmt text, expected_rows integer)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    n integer;
    got_state text;
    got_message text;
BEGIN
    BEGIN
        EXECUTE stmt;
        GET DIAGNOSTICS n = ROW_COUNT;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS got_state = RETURNED_SQLSTATE, got_message = MESSAGE_TEXT;
        RAISE EXCEPTION 'CHECK FAILED: %: refused with % "%": %', what, got_state, got_message,
            stmt;
    END;
    IF expected_rows >= 0 AND n <> expected_rows THEN
        RAISE EXCEPTION 'CHECK FAILED: %: % rows changed, expected %', what, n, expected_rows;
    END IF;
    RAISE NOTICE 'ok: % (accepted, % rows)', what, n;
END
$fn$;

-- holds(what, condition): the condition (a boolean query) must be true.
CREATE FUNCTION pg_temp.holds(what text, condition text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    result boolean;
BEGIN
    EXECUTE 'SELECT (' || condition || ')' INTO result;
    IF result IS DISTINCT FROM true THEN
        RAISE EXCEPTION 'CHECK FAILED: %: not true: %', what, condition;
    END IF;
    RAISE NOTICE 'ok: %', what;
END
$fn$;

-- plan_has(what, query, pattern): EXPLAIN of the query (sequential scans off,
-- since the tables here are tiny) matches the regular expression.
CREATE FUNCTION pg_temp.plan_has(what text, query text, needle text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    line text;
    plan text := '';
BEGIN
    SET LOCAL enable_seqscan = off;
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RESET enable_seqscan;
    IF plan !~ needle THEN
        RAISE EXCEPTION 'CHECK FAILED: %: the plan has no "%": %', what, needle, plan;
    END IF;
    RAISE NOTICE 'ok: % (plan has %)', what, needle;
END
$fn$;

-- An attempt row and its journal entry, as CancelJournal writes them (the
-- hashes are placeholders: the database does not check them).
CREATE FUNCTION pg_temp.attempt(attempt_id bigint, payment text, attempt_state text)
RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO canceldesk.cancel_attempts (id, provider, payment_id, amount_minor, currency,
        operator, environment, reason, idempotency_key, state, requested_at, entry_seq,
        entry_hash)
    VALUES (attempt_id, 'uqpay', payment, 1000, 'USD', 'alice', 'sandbox', 'CUSTOMER_REQUEST',
        'key-' || attempt_id, attempt_state, 1765000000000, attempt_id, repeat('a', 64));
    INSERT INTO canceldesk.journal_entries (seq, attempt_id, provider, payment_id,
        merchant_reference, amount_minor, currency, payment_method, operator, environment,
        reason, note, idempotency_key, state, provider_code, provider_message, http_status,
        tries, requested_at, finished_at, latency_ms, status_before, status_after,
        recorded_at, prev_hash, entry_hash, format)
    VALUES (attempt_id, attempt_id, 'uqpay', payment, '', 1000, 'USD', '', 'alice', 'sandbox',
        'CUSTOMER_REQUEST', '', 'key-' || attempt_id, attempt_state, '', '', 0, 0,
        1765000000000, NULL, -1, '', '', 1765000000001, repeat('0', 64), repeat('a', 64), 3);
$fn$;

-- ---------------------------------------------------------------- 0001 orders
SELECT pg_temp.accepted('orders: an order without an id gets one',
    $$INSERT INTO orders (provider, payment_id, created_at) VALUES ('uqpay', 'PI12', 1)$$, 1);
SELECT pg_temp.accepted('orders: an explicit id is kept (db copy)',
    $$INSERT INTO orders (id, provider, payment_id) VALUES (1000, 'uqpay', 'pi12x')$$, 1);
SELECT pg_temp.holds('orders: the explicit id is stored',
    $$EXISTS (SELECT 1 FROM orders WHERE id = 1000 AND payment_id = 'pi12x')$$);
SELECT pg_temp.accepted('orders: more orders for the sort checks',
    $$INSERT INTO orders (provider, payment_id, created_at, cancel_deadline)
      VALUES ('uqpay', 'PI13', NULL, 5), ('antom', 'PI12', 3, NULL), ('uqpay', 'PI120', 2, 4)$$, 3);
SELECT pg_temp.holds('orders: defaults as in SQLite',
    $$(SELECT merchant_reference = '' AND payment_method = '' AND amount_minor = 0
          AND currency = '' AND raw_status = '' AND status = 'UNKNOWN' AND flags = 0
          AND last_payload IS NULL AND last_sync_error = '' AND created_at IS NULL
       FROM orders WHERE id = 1000)$$);
SELECT pg_temp.refused('orders: UNIQUE (provider, payment_id)',
    $$INSERT INTO orders (provider, payment_id) VALUES ('uqpay', 'PI12')$$,
    '23505', 'orders_provider_payment_id_key');
SELECT pg_temp.accepted('orders: the same payment id at another provider',
    $$INSERT INTO orders (provider, payment_id) VALUES ('liquido', 'PI12')$$, 1);
SELECT pg_temp.refused('orders: provider is NOT NULL',
    $$INSERT INTO orders (payment_id) VALUES ('X')$$, '23502', 'provider');
SELECT pg_temp.holds('orders: text sorts by bytes (COLLATE "C" = SQLite BINARY)',
    $$(SELECT string_agg(payment_id, ',' ORDER BY payment_id, id) FROM orders WHERE provider = 'uqpay')
      = 'PI12,PI120,PI13,pi12x'$$);
SELECT pg_temp.holds('orders: the prefix range [PI12, PI13) leaves out pi12x',
    $$(SELECT count(*) FROM orders WHERE payment_id >= 'PI12' AND payment_id < 'PI13') = 4$$);
SELECT pg_temp.accepted('orders: a bytea payload',
    $$UPDATE orders SET last_payload = '\x00ff7b0a'::bytea WHERE id = 1000$$, 1);
SELECT pg_temp.holds('orders: the payload round-trips every byte',
    $$(SELECT last_payload = '\x00ff7b0a'::bytea AND length(last_payload) = 4 FROM orders
       WHERE id = 1000)$$);
SELECT pg_temp.holds('orders: NULLs sort first ascending with NULLS FIRST (SQLite''s order)',
    $$(SELECT string_agg(coalesce(created_at::text, 'null'), ',' ORDER BY created_at NULLS FIRST, id)
       FROM orders WHERE provider = 'uqpay') = 'null,null,1,2'$$);
SELECT pg_temp.holds('orders: the deadline sort puts "no deadline" last',
    $$(SELECT string_agg(payment_id, ',' ORDER BY cancel_deadline IS NULL, cancel_deadline, id)
       FROM orders WHERE provider <> 'liquido') = 'PI120,PI13,PI12,PI12,pi12x'$$);
SELECT pg_temp.accepted('status_history: a change of an order',
    $$INSERT INTO status_history (order_id, at, status_after, source)
      SELECT id, 7, 'PENDING', 'import' FROM orders WHERE id = 1000$$, 1);
SELECT pg_temp.refused('status_history: order_id references orders',
    $$INSERT INTO status_history (order_id, at, status_after, source) VALUES (424242, 7, 'PENDING', 'import')$$,
    '23503', 'status_history_order_id_fkey');
SELECT pg_temp.accepted('status_history: deleting an order deletes its history (ON DELETE CASCADE)',
    $$DELETE FROM orders WHERE id = 1000$$, 1);
SELECT pg_temp.holds('status_history: the history went with it',
    $$NOT EXISTS (SELECT 1 FROM status_history WHERE order_id = 1000)$$);

-- ------------------------------------------------------- 0002 cancel journal
SELECT pg_temp.attempt(1, 'A', 'PREPARED');
SELECT pg_temp.attempt(2, 'B', 'SUCCEEDED');
SELECT pg_temp.attempt(3, 'C', 'REJECTED');
SELECT pg_temp.attempt(4, 'D', 'UNRESOLVED');
SELECT pg_temp.attempt(5, 'E', 'UNRESOLVED');
SELECT pg_temp.holds('cancel_attempts: defaults as in SQLite',
    $$(SELECT merchant_reference = '' AND payment_method = '' AND note = '' AND provider_code = ''
          AND provider_message = '' AND http_status = 0 AND tries = 0 AND latency_ms = -1
          AND status_before = '' AND status_after = '' AND finished_at IS NULL
          AND owner_host = '' AND owner_pid = 0 AND lease_until IS NULL AND owner_instance = ''
       FROM cancel_attempts WHERE id = 1)$$);
SELECT pg_temp.holds('journal_entries: format defaults to 1, owner columns to empty',
    $$(SELECT count(*) FROM journal_entries WHERE owner_host = '' AND owner_pid = 0
          AND lease_until IS NULL AND owner_instance = '') = 5$$);

SELECT pg_temp.refused('cancel_attempts: state CHECK',
    $$UPDATE cancel_attempts SET state = 'CANCELLED' WHERE id = 1$$, '23514', 'cancel_attempts_state_check');
SELECT pg_temp.refused('cancel_attempts: state CHECK on insert',
    $$SELECT pg_temp.attempt(9, 'Z', 'prepared')$$, '23514', 'cancel_attempts_state_check');
SELECT pg_temp.refused('cancel_attempts: idempotency_key UNIQUE',
    $$INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, currency, operator,
        environment, reason, idempotency_key, state, requested_at, entry_seq, entry_hash)
      VALUES (9, 'uqpay', 'Z', 1, 'USD', 'alice', 'sandbox', 'OTHER', 'key-1', 'SUCCEEDED', 1, 9, '')$$,
    '23505', 'cancel_attempts_idempotency_key_key');
SELECT pg_temp.refused('cancel_attempts: id PRIMARY KEY',
    $$SELECT pg_temp.attempt(1, 'Z', 'SUCCEEDED')$$, '23505', 'cancel_attempts_pkey');

SELECT pg_temp.refused('cancel_attempts_one_active: a second PREPARED attempt for an order',
    $$SELECT pg_temp.attempt(10, 'A', 'PREPARED')$$, '23505', 'cancel_attempts_one_active');
SELECT pg_temp.refused('cancel_attempts_one_active: a SENT one beside a PREPARED one',
    $$SELECT pg_temp.attempt(10, 'A', 'SENT')$$, '23505', 'cancel_attempts_one_active');
SELECT pg_temp.refused('cancel_attempts_one_active: a CONFIRMING one beside a PREPARED one',
    $$SELECT pg_temp.attempt(10, 'A', 'CONFIRMING')$$, '23505', 'cancel_attempts_one_active');
SELECT pg_temp.accepted('cancel_attempts_one_active: a final attempt beside an active one',
    $$SELECT pg_temp.attempt(10, 'A', 'REJECTED')$$, 1);
SELECT pg_temp.accepted('cancel_attempts_one_active: the same payment id at another provider',
    $$INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, currency, operator,
        environment, reason, idempotency_key, state, requested_at, entry_seq, entry_hash)
      VALUES (11, 'antom', 'A', 1, 'USD', 'alice', 'sandbox', 'OTHER', 'key-11', 'PREPARED', 1, 11, '')$$, 1);
SELECT pg_temp.accepted('cancel_attempts_one_active: a new attempt after a SUCCEEDED one',
    $$SELECT pg_temp.attempt(12, 'B', 'PREPARED')$$, 1);

SELECT pg_temp.refused('journal_entries: attempt_id references cancel_attempts',
    $$INSERT INTO journal_entries (seq, attempt_id, provider, payment_id, merchant_reference,
        amount_minor, currency, payment_method, operator, environment, reason, note,
        idempotency_key, state, provider_code, provider_message, http_status, tries,
        requested_at, latency_ms, status_before, status_after, recorded_at, prev_hash, entry_hash)
      VALUES (99, 424242, 'uqpay', 'Z', '', 1, 'USD', '', 'alice', 'sandbox', 'OTHER', '', 'k',
        'PREPARED', '', '', 0, 0, 1, -1, '', '', 1, '', '')$$,
    '23503', 'journal_entries_attempt_id_fkey');
SELECT pg_temp.refused('journal_entries: seq PRIMARY KEY',
    $$SELECT pg_temp.attempt(13, 'Z', 'SUCCEEDED'); INSERT INTO journal_entries
      SELECT * FROM journal_entries WHERE seq = 13$$, '23505', 'journal_entries_pkey');

-- journal_entries_no_update / _no_delete / _no_truncate
SELECT pg_temp.refused('journal_entries_no_update',
    $$UPDATE journal_entries SET note = 'x' WHERE seq = 1$$, '23000', 'journal entries are append-only');
SELECT pg_temp.refused('journal_entries_no_update: even a no-op update',
    $$UPDATE journal_entries SET seq = seq WHERE seq = 1$$, '23000', 'journal entries are append-only');
SELECT pg_temp.refused('journal_entries_no_delete',
    $$DELETE FROM journal_entries WHERE seq = 5$$, '23000', 'journal entries are append-only');
SELECT pg_temp.accepted('journal_entries_no_delete: a delete that matches no row',
    $$DELETE FROM journal_entries WHERE seq = -1$$, 0);
SELECT pg_temp.refused('journal_entries_no_truncate',
    $$TRUNCATE journal_entries$$, '23000', 'journal entries are append-only');
SELECT pg_temp.refused('TRUNCATE cancel_attempts CASCADE (it would take the journal with it)',
    $$TRUNCATE cancel_attempts CASCADE$$, '23000', 'cancel attempts are never deleted');

-- cancel_attempts_no_delete / _no_truncate
SELECT pg_temp.refused('cancel_attempts_no_delete',
    $$DELETE FROM cancel_attempts WHERE id = 2$$, '23000', 'cancel attempts are never deleted');
SELECT pg_temp.refused('cancel_attempts_no_delete: an active attempt too',
    $$DELETE FROM cancel_attempts WHERE id = 1$$, '23000', 'cancel attempts are never deleted');
SELECT pg_temp.refused('cancel_attempts_no_truncate',
    $$TRUNCATE cancel_attempts, journal_entries$$, '23000', 'are never deleted');
SELECT pg_temp.holds('nothing was deleted or truncated',
    $$(SELECT count(*) FROM journal_entries) = 7 AND (SELECT count(*) FROM cancel_attempts) = 8$$);

-- cancel_attempts_identity: every identifying column, on an active attempt
SELECT pg_temp.refused('cancel_attempts_identity: id',
    $$UPDATE cancel_attempts SET id = 100 WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: idempotency_key',
    $$UPDATE cancel_attempts SET idempotency_key = 'k' WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: provider',
    $$UPDATE cancel_attempts SET provider = 'antom' WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: payment_id',
    $$UPDATE cancel_attempts SET payment_id = 'A2' WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: reason',
    $$UPDATE cancel_attempts SET reason = 'OTHER' WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: note',
    $$UPDATE cancel_attempts SET note = 'x' WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: operator',
    $$UPDATE cancel_attempts SET operator = 'mallory' WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: requested_at',
    $$UPDATE cancel_attempts SET requested_at = requested_at + 1 WHERE id = 1$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_identity: on an UNRESOLVED attempt going to SENT',
    $$UPDATE cancel_attempts SET state = 'SENT', note = 'x' WHERE id = 4$$, '23000', 'the identity of a cancel attempt cannot change');
SELECT pg_temp.accepted('cancel_attempts_identity: an update setting them to what they are',
    $$UPDATE cancel_attempts SET idempotency_key = idempotency_key, note = note WHERE id = 1$$, 1);
SELECT pg_temp.accepted('cancel_attempts: an active attempt records its progress',
    $$UPDATE cancel_attempts SET state = 'SENT', tries = 1, http_status = 200,
        provider_message = 'ok', owner_host = 'h', owner_pid = 4294967296, lease_until = 1765000060000,
        owner_instance = 'boot:1', entry_seq = 20, entry_hash = repeat('b', 64) WHERE id = 1$$, 1);
SELECT pg_temp.accepted('cancel_attempts: SENT to CONFIRMING',
    $$UPDATE cancel_attempts SET state = 'CONFIRMING' WHERE id = 1$$, 1);
SELECT pg_temp.accepted('cancel_attempts: back to PREPARED is the client''s rule, not the database''s',
    $$UPDATE cancel_attempts SET state = 'PREPARED' WHERE id = 1$$, 1);
SELECT pg_temp.accepted('cancel_attempts: an active attempt ends',
    $$UPDATE cancel_attempts SET state = 'SUCCEEDED', finished_at = 1765000001000 WHERE id = 1$$, 1);

-- cancel_attempts_final (as of 0005): SUCCEEDED and REJECTED never change;
-- UNRESOLVED only moves on to SUCCEEDED, REJECTED (0004) or SENT (0005)
SELECT pg_temp.refused('cancel_attempts_final: a SUCCEEDED attempt',
    $$UPDATE cancel_attempts SET provider_message = 'x' WHERE id = 2$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: SUCCEEDED to UNRESOLVED',
    $$UPDATE cancel_attempts SET state = 'UNRESOLVED' WHERE id = 2$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: the attempt that just ended',
    $$UPDATE cancel_attempts SET state = 'SENT' WHERE id = 1$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: a REJECTED attempt',
    $$UPDATE cancel_attempts SET state = 'SUCCEEDED' WHERE id = 3$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: REJECTED, even a no-op update',
    $$UPDATE cancel_attempts SET state = state WHERE id = 3$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: UNRESOLVED edited in place',
    $$UPDATE cancel_attempts SET provider_message = 'x' WHERE id = 4$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: UNRESOLVED to PREPARED',
    $$UPDATE cancel_attempts SET state = 'PREPARED' WHERE id = 4$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: UNRESOLVED to CONFIRMING',
    $$UPDATE cancel_attempts SET state = 'CONFIRMING' WHERE id = 4$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.refused('cancel_attempts_final: both rules broken, the final rule speaks first',
    $$UPDATE cancel_attempts SET note = 'x' WHERE id = 2$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.accepted('cancel_attempts_final: UNRESOLVED reconciled to SUCCEEDED (0004)',
    $$UPDATE cancel_attempts SET state = 'SUCCEEDED', provider_code = 'RECONCILED' WHERE id = 4$$, 1);
SELECT pg_temp.refused('cancel_attempts_final: the reconciled attempt is final',
    $$UPDATE cancel_attempts SET state = 'REJECTED' WHERE id = 4$$, '23000', 'a final cancel attempt cannot change');
SELECT pg_temp.accepted('cancel_attempts_final: UNRESOLVED reconciled to REJECTED (0004)',
    $$UPDATE cancel_attempts SET state = 'REJECTED' WHERE id = 5$$, 1);
SELECT pg_temp.attempt(14, 'F', 'UNRESOLVED');
SELECT pg_temp.attempt(15, 'G', 'UNRESOLVED');
SELECT pg_temp.accepted('cancel_attempts_final: UNRESOLVED retried, back to SENT (0005)',
    $$UPDATE cancel_attempts SET state = 'SENT', finished_at = NULL, owner_host = 'h2' WHERE id = 14$$, 1);
SELECT pg_temp.accepted('the retried attempt is active again and may change',
    $$UPDATE cancel_attempts SET state = 'UNRESOLVED' WHERE id = 14$$, 1);
SELECT pg_temp.attempt(16, 'G', 'PREPARED');
SELECT pg_temp.refused('cancel_attempts_one_active: a retry while the order has a newer active attempt',
    $$UPDATE cancel_attempts SET state = 'SENT' WHERE id = 15$$, '23505', 'cancel_attempts_one_active');

-- ------------------------------------------------------- 0003 owner columns
SELECT pg_temp.holds('owner_pid takes a 64-bit value',
    $$(SELECT owner_pid = 4294967296 FROM cancel_attempts WHERE id = 1)$$);
SELECT pg_temp.holds('orders_deadline is an expression index on (cancel_deadline IS NULL)',
    $$(SELECT indexdef LIKE '%((cancel_deadline IS NULL)), cancel_deadline NULLS FIRST, id)'
       FROM pg_indexes WHERE schemaname = 'canceldesk' AND indexname = 'orders_deadline')$$);
SELECT pg_temp.holds('the deadline window term "(cancel_deadline IS NULL) IS FALSE"',
    $$(SELECT count(*) FROM orders WHERE (cancel_deadline IS NULL) IS FALSE AND cancel_deadline >= 4) = 2$$);
SELECT pg_temp.plan_has('the deadline window is a range of orders_deadline',
    $$SELECT id FROM orders WHERE (cancel_deadline IS NULL) IS FALSE AND cancel_deadline >= 4
      ORDER BY cancel_deadline NULLS FIRST, id LIMIT 10$$,
    'Index (Only )?Scan using orders_deadline on orders\s+Index Cond: \(\(+cancel_deadline IS NULL\)+ = false\) AND \(cancel_deadline >= 4\)\)');
SELECT pg_temp.plan_has('the deadline sort walks orders_deadline',
    $$SELECT id FROM orders ORDER BY cancel_deadline IS NULL DESC, cancel_deadline DESC NULLS LAST, id DESC LIMIT 10$$,
    'Index (Only )?Scan Backward using orders_deadline');
SELECT pg_temp.plan_has('newest first walks orders_created',
    $$SELECT id FROM orders ORDER BY created_at DESC NULLS LAST, id DESC LIMIT 10$$,
    'Index (Only )?Scan Backward using orders_created');
SELECT pg_temp.plan_has('provider + status in creation order walks orders_provider_status',
    $$SELECT id FROM orders WHERE provider = 'uqpay' AND status = 'PENDING'
      ORDER BY created_at ASC NULLS FIRST, id ASC LIMIT 10$$,
    'Index (Only )?Scan using orders_provider_status');
SELECT pg_temp.plan_has('an UNRESOLVED attempt of an order, newest first, walks cancel_attempts_order',
    $$SELECT id FROM cancel_attempts WHERE provider = 'uqpay' AND payment_id = 'D'
      AND state = 'UNRESOLVED' ORDER BY id DESC LIMIT 1$$,
    'Index (Only )?Scan Backward using cancel_attempts_order');

-- ---------------------------------------- every table, index and trigger is there
SELECT pg_temp.holds('the tables',
    $$(SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables
       WHERE schemaname = 'canceldesk')
      = 'cancel_attempts,journal_entries,orders,status_history'$$);
SELECT pg_temp.holds('the named indexes (the SQLite ones)',
    $$(SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes
       WHERE schemaname = 'canceldesk' AND indexname NOT LIKE '%\_pkey' AND indexname NOT LIKE '%\_key')
      = 'cancel_attempts_one_active,cancel_attempts_operator,cancel_attempts_order,'
        'cancel_attempts_requested,journal_entries_attempt,orders_created,orders_deadline,'
        'orders_payment_id,orders_provider_status,orders_reference,status_history_order'$$);
SELECT pg_temp.holds('the triggers (the SQLite ones and the TRUNCATE guards)',
    $$(SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger
       WHERE NOT tgisinternal AND tgrelid IN ('canceldesk.cancel_attempts'::regclass,
                                              'canceldesk.journal_entries'::regclass))
      = 'cancel_attempts_final,cancel_attempts_identity,cancel_attempts_no_delete,'
        'cancel_attempts_no_truncate,journal_entries_no_delete,journal_entries_no_truncate,'
        'journal_entries_no_update'$$);
SELECT pg_temp.holds('every function pins its search_path',
    $$NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'canceldesk'
                    AND NOT coalesce(p.proconfig @> ARRAY['search_path=canceldesk, pg_temp'], false))$$);
SELECT pg_temp.holds('every text column is COLLATE "C"',
    $$NOT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = 'canceldesk' AND data_type = 'text'
                    AND collation_name IS DISTINCT FROM 'C')$$);

\o
\echo 'all rules checked'
ROLLBACK;
