-- Schema version 5: cancel safety, round 2 (issue 11).
--
-- 1. The owner of an active attempt is named by its process *instance* as well
--    (the boot id and the process start time, see ProcessOwner): after a reboot,
--    or when a dead owner's pid has been reused, the attempt is still taken over.
--    Journal entries of format 3 hash the instance too.
-- 2. An UNRESOLVED attempt may be retried — the same attempt, the same key and
--    body — instead of a new attempt being made for the order (PRODUCT.md §10):
--    it goes back to SENT, journaled. SUCCEEDED and REJECTED never change.

ALTER TABLE cancel_attempts ADD COLUMN owner_instance TEXT NOT NULL DEFAULT '';
ALTER TABLE journal_entries ADD COLUMN owner_instance TEXT NOT NULL DEFAULT '';

DROP TRIGGER cancel_attempts_final;

CREATE TRIGGER cancel_attempts_final BEFORE UPDATE ON cancel_attempts
WHEN OLD.state IN ('SUCCEEDED', 'REJECTED')
  OR (OLD.state = 'UNRESOLVED' AND NEW.state NOT IN ('SUCCEEDED', 'REJECTED', 'SENT'))
BEGIN
    SELECT RAISE(ABORT, 'a final cancel attempt cannot change');
END;
