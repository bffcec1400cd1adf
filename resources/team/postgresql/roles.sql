-- Team roles and grants for a CancelDesk store on PostgreSQL (PRODUCT.md F22;
-- plan-issue14.md §2.5). Run by `canceldesk-cli team init` as the owner of
-- the schema canceldesk, after the migrations, in one transaction; safe to
-- run again. Every name is schema-qualified: no search_path is assumed.
--
-- Once this has run, the store is a team store (canceldesk.team_mode(),
-- migration 0006): the operator of a new attempt and the author of every
-- journal entry must be the login, and approving or declining is for another
-- login with canceldesk_approver.
--
-- Roles are cluster-wide: a login granted canceldesk_operator is an operator
-- in every team database of the cluster that it may connect to.

-- The roles, once per server. Making them needs CREATEROLE; an owner without
-- it can still run this when a superuser made them first.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'canceldesk_operator') THEN
        CREATE ROLE canceldesk_operator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'canceldesk_approver') THEN
        CREATE ROLE canceldesk_approver NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'canceldesk_auditor') THEN
        CREATE ROLE canceldesk_auditor NOLOGIN;
    END IF;
    -- An approver is an operator too.
    IF NOT pg_has_role('canceldesk_approver', 'canceldesk_operator', 'MEMBER') THEN
        GRANT canceldesk_operator TO canceldesk_approver;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'team init needs a login with CREATEROLE to make the roles canceldesk_operator, canceldesk_approver and canceldesk_auditor (or a superuser to make them first)'
        USING ERRCODE = '42501';
END
$$;

-- Nobody else sees the schema.
REVOKE ALL ON SCHEMA canceldesk FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA canceldesk FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA canceldesk FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA canceldesk FROM PUBLIC;
GRANT USAGE ON SCHEMA canceldesk TO canceldesk_operator, canceldesk_auditor;

-- Everyone reads everything (schema_version too: logins read it at open).
GRANT SELECT ON ALL TABLES IN SCHEMA canceldesk TO canceldesk_operator, canceldesk_auditor;

-- Operators (and so approvers) add, import and refresh orders and write
-- cancels; the triggers of 0006 decide which cancel writes are theirs to make.
-- Deleting, truncating, thresholds and DDL stay with the owner.
GRANT INSERT, UPDATE ON canceldesk.orders TO canceldesk_operator;
GRANT INSERT ON canceldesk.status_history TO canceldesk_operator;
GRANT INSERT, UPDATE ON canceldesk.cancel_attempts TO canceldesk_operator;
GRANT INSERT ON canceldesk.journal_entries TO canceldesk_operator;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA canceldesk TO canceldesk_operator;

-- Trigger functions need no EXECUTE to fire; what they call does.
GRANT EXECUTE ON FUNCTION canceldesk.now_ms(), canceldesk.test_clock_offset_ms(),
    canceldesk.team_mode(), canceldesk.copying()
    TO canceldesk_operator, canceldesk_auditor;
