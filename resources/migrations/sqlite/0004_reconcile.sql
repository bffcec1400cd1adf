-- Schema version 4: reconciling UNRESOLVED cancel attempts (PRODUCT.md F11 step 5).
--
-- An attempt whose outcome stayed unknown ends UNRESOLVED. When a later status
-- retrieval shows what happened (the payment is CANCELLED, or it can no longer
-- be cancelled), the attempt moves on to SUCCEEDED or REJECTED, once, with a
-- journal entry of its own. Every other final attempt still never changes.

DROP TRIGGER cancel_attempts_final;

CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
WHEN OLD.state IN ('SUCCEEDED', 'REJECTED')
  OR (OLD.state = 'UNRESOLVED' AND NEW.state NOT IN ('SUCCEEDED', 'REJECTED'))
BEGIN
    SELECT RAISE(ABORT, 'a final cancel attempt cannot change');
END;

-- Reconciliation looks up an order's UNRESOLVED attempts after every refresh.
CREATE INDEX cancel_attempts_order ON cancel_attempts (provider, payment_id, state);
