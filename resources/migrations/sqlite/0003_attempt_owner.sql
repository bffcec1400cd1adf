-- Schema version 3: which process owns an active cancel attempt (F11 recovery),
-- and the indexes the 1,000,000-order list and the cancel log needed.
--
-- At start-up only attempts whose owner is gone (other host/pid, or lease run
-- out) are taken over; an attempt another running GUI or CLI handles is left
-- alone. Ownership changes are journaled like any other change.

ALTER TABLE cancel_attempts ADD COLUMN owner_host TEXT NOT NULL DEFAULT '';
ALTER TABLE cancel_attempts ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cancel_attempts ADD COLUMN lease_until INTEGER;

-- Entries written before this version (format 1) hash without the owner
-- columns; newer entries are format 2 and include them. The default keeps the
-- old entries verifiable.
ALTER TABLE journal_entries ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE journal_entries ADD COLUMN owner_host TEXT NOT NULL DEFAULT '';
ALTER TABLE journal_entries ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journal_entries ADD COLUMN lease_until INTEGER;

-- Each attempt's latest entry (verify, find).
CREATE INDEX journal_entries_attempt ON journal_entries (attempt_id, seq);
-- The cancel log filters by operator within a date range.
CREATE INDEX cancel_attempts_operator ON cancel_attempts (operator, requested_at);

-- Sorting by cancel deadline treats "no deadline" as later than every deadline,
-- in both directions, and still walks an index (the expression is part of it).
CREATE INDEX orders_deadline ON orders (cancel_deadline IS NULL, cancel_deadline);
-- Prefix search on payment ids across providers (what operators paste).
CREATE INDEX orders_payment_id ON orders (payment_id);
