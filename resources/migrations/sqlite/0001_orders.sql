-- Schema version 1: the order store (PRODUCT.md F1) and each order's status
-- timeline (F6).
--
-- Times are INTEGER milliseconds since the Unix epoch, UTC; NULL means "not
-- known". Money is INTEGER minor units beside an ISO-4217 code, never REAL.
-- Statuses are the stable keys of Domain::statusKey(); flags are the integer
-- value of Domain::StatusFlags.

CREATE TABLE orders (
    id                 INTEGER PRIMARY KEY,
    provider           TEXT    NOT NULL,
    payment_id         TEXT    NOT NULL,
    merchant_reference TEXT    NOT NULL DEFAULT '',
    payment_method     TEXT    NOT NULL DEFAULT '',
    amount_minor       INTEGER NOT NULL DEFAULT 0,
    currency           TEXT    NOT NULL DEFAULT '',
    raw_status         TEXT    NOT NULL DEFAULT '',
    status             TEXT    NOT NULL DEFAULT 'UNKNOWN',
    flags              INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER,
    paid_at            INTEGER,
    auth_expires_at    INTEGER,
    method_deadline    INTEGER,
    cancel_deadline    INTEGER,
    last_payload       BLOB,
    last_synced_at     INTEGER,
    last_sync_error    TEXT    NOT NULL DEFAULT '',
    last_sync_error_at INTEGER,
    UNIQUE (provider, payment_id)
);

-- The list opens sorted by creation time, newest first.
CREATE INDEX orders_created ON orders (created_at);
-- Provider + status filters, already in creation order for the default sort.
CREATE INDEX orders_provider_status ON orders (provider, status, created_at);
-- F4: UQPAY does not enforce unique merchant_order_id; duplicates are counted
-- per provider, and operators paste references into the search box.
CREATE INDEX orders_reference ON orders (merchant_reference, provider);

CREATE TABLE status_history (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    raw_before   TEXT    NOT NULL DEFAULT '',
    raw_after    TEXT    NOT NULL DEFAULT '',
    status_after TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    note         TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX status_history_order ON status_history (order_id, at);
