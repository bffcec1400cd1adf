-- Schema version 7: the change feed (PRODUCT.md F24, plan-issue14.md §2.6).
--
-- Every change a console makes is announced on one channel,
-- canceldesk_changes (lower case: QSqlDriver::subscribeToNotification quotes
-- the name), for Storage::ChangeFeed in every other console. NOTIFY sends on
-- commit only, and sends identical payloads of one transaction once.
-- Payloads are compact JSON, always under 8000 bytes (the server's limit):
--   orders:              {"k":"o","keys":[["uqpay","PI…"],…]}, at most 100
--                        keys per transaction; beyond that, or when the keys
--                        would not fit, {"k":"o","from":V}: every order whose
--                        row_version >= V may have changed (V is the lowest
--                        version the transaction wrote, so a large import
--                        sends one such payload, not one per row)
--   cancel_attempts:     {"k":"a","id":…,"p":provider,"pay":payment_id,
--                        "s":state,"op":operator,"ap":approver}
--   journal_entries:     {"k":"j","seq":N}, N the newest entry of the statement
--   approval_thresholds: {"k":"t"}
-- SQLite has no notifications: the feed polls there (../sqlite/0007_changes.sql).
--
-- How many keys this transaction has announced is kept in the
-- transaction-local settings canceldesk.feed_keys (-1 once it has switched to
-- "from") and canceldesk.feed_from. Any login may set them in its own
-- session; that only changes what its own transactions announce.

CREATE FUNCTION notify_orders_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    n        bigint;
    low      bigint;
    sent     bigint := coalesce(nullif(current_setting('canceldesk.feed_keys', true), ''), '0')::bigint;
    txn_from text := coalesce(current_setting('canceldesk.feed_from', true), '');
    payload  text;
BEGIN
    IF sent < 0 THEN
        -- This transaction already announced {"k":"o","from":V} with its
        -- lowest version: nothing later in it can widen that. Returning here
        -- keeps a large import (one upsert per row) from paying for a count,
        -- two settings and a NOTIFY on every row.
        RETURN NULL;
    END IF;
    SELECT count(*), min(row_version) INTO n, low FROM changed_orders;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    IF txn_from = '' THEN
        -- Versions grow within a session: the first statement's lowest one
        -- is the transaction's lowest.
        txn_from := low::text;
        PERFORM set_config('canceldesk.feed_from', txn_from, true);
    END IF;
    IF sent >= 0 AND sent + n <= 100 THEN
        SELECT '{"k":"o","keys":' || json_agg(json_build_array(provider, payment_id))::text || '}'
          INTO payload FROM changed_orders;
        IF octet_length(payload) < 7900 THEN
            PERFORM set_config('canceldesk.feed_keys', (sent + n)::text, true);
            PERFORM pg_notify('canceldesk_changes', payload);
            RETURN NULL;
        END IF;
    END IF;
    -- From here on the same payload each time, which NOTIFY sends once.
    PERFORM set_config('canceldesk.feed_keys', '-1', true);
    PERFORM pg_notify('canceldesk_changes', '{"k":"o","from":' || txn_from || '}');
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_notify_insert AFTER INSERT ON orders
    REFERENCING NEW TABLE AS changed_orders
    FOR EACH STATEMENT EXECUTE FUNCTION notify_orders_changed();

CREATE TRIGGER orders_notify_update AFTER UPDATE ON orders
    REFERENCING NEW TABLE AS changed_orders
    FOR EACH STATEMENT EXECUTE FUNCTION notify_orders_changed();

CREATE FUNCTION notify_attempt_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    payload text;
BEGIN
    payload := json_build_object('k', 'a', 'id', NEW.id, 'p', NEW.provider, 'pay', NEW.payment_id,
                                 's', NEW.state, 'op', NEW.operator, 'ap', NEW.approver)::text;
    IF octet_length(payload) >= 7900 THEN
        -- Names too long to announce: the id is enough to read the row.
        payload := json_build_object('k', 'a', 'id', NEW.id, 's', NEW.state)::text;
    END IF;
    PERFORM pg_notify('canceldesk_changes', payload);
    RETURN NULL;
END
$$;

CREATE TRIGGER cancel_attempts_notify AFTER INSERT OR UPDATE ON cancel_attempts
    FOR EACH ROW EXECUTE FUNCTION notify_attempt_changed();

CREATE FUNCTION notify_journal_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
DECLARE
    newest bigint;
BEGIN
    SELECT max(seq) INTO newest FROM new_entries;
    IF newest IS NOT NULL THEN
        PERFORM pg_notify('canceldesk_changes', '{"k":"j","seq":' || newest || '}');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER journal_entries_notify AFTER INSERT ON journal_entries
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION notify_journal_changed();

CREATE FUNCTION notify_thresholds_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = canceldesk, pg_temp
AS $$
BEGIN
    PERFORM pg_notify('canceldesk_changes', '{"k":"t"}');
    RETURN NULL;
END
$$;

CREATE TRIGGER approval_thresholds_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON approval_thresholds
    FOR EACH STATEMENT EXECUTE FUNCTION notify_thresholds_changed();
