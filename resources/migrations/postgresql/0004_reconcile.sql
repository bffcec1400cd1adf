-- Schema version 4: reconciling UNRESOLVED cancel attempts (PRODUCT.md F11 step 5).
-- PostgreSQL twin of ../0004_reconcile.sql.
--
-- An attempt whose outcome stayed unknown ends UNRESOLVED. When a later status
-- retrieval shows what happened (the payment is CANCELLED, or it can no longer
-- be cancelled), the attempt moves on to SUCCEEDED or REJECTED, once, with a
-- journal entry of its own. Every other final attempt still never changes.
--
-- Only the trigger's WHEN changes; its function (0002) stays.

DROP TRIGGER cancel_attempts_final ON cancel_attempts;

CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
    FOR EACH ROW
    WHEN (OLD.state IN ('SUCCEEDED', 'REJECTED')
       OR (OLD.state = 'UNRESOLVED' AND NEW.state NOT IN ('SUCCEEDED', 'REJECTED')))
    EXECUTE FUNCTION cancel_attempts_final_unchanged();

-- Reconciliation looks up an order's UNRESOLVED attempts after every refresh
-- (newest first: the id ends the index, as SQLite's rowid does).
CREATE INDEX cancel_attempts_order ON cancel_attempts (provider, payment_id, state, id);
