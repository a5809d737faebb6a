-- Row-level security on every table that holds one organisation's rows, forced (the table owner is
-- subject to it too), and an explicit platform context (issue 12 item 2). See README "Database
-- roles and row-level security" for the whole design.
--
-- Two NOLOGIN roles carry the rights:
--   tritiq_app       tenant transactions: rows whose organisation is `app.org_id`, nothing else;
--   tritiq_platform  the platform (super admin, sign-in before the organisation is known, the email
--                    worker, maintenance): every row. It inherits tritiq_app's table privileges.
-- The API logs in either as an owner/superuser (the embedded database, a development server) or,
-- in the least-privilege setup, as a LOGIN role that is a member of tritiq_app only, and reaches
-- the platform through a second LOGIN role that is a member of tritiq_platform (DATABASE_PLATFORM_URL).
-- A tenant transaction on the first cannot become platform: it is not a member of tritiq_platform,
-- so `SET ROLE tritiq_platform` is refused and `RESET ROLE` returns to a role the policies confine.
DO $$
BEGIN
  CREATE ROLE tritiq_platform NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  GRANT tritiq_app TO tritiq_platform;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The migrating owner keeps seeing every row of the tables it owns now that RLS is forced on them
-- (migrations that move data, the audit verifier, the integrity check).
DO $$
BEGIN
  EXECUTE format('GRANT tritiq_platform TO %I', current_user);
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'Could not grant tritiq_platform to %: run GRANT tritiq_platform TO % as an administrator', current_user, current_user;
END
$$;
--> statement-breakpoint
-- THE PATTERN for a tenant table: one line in the migration that creates it,
--   SELECT tritiq_protect_tenant_table('my_table');
-- It enables and forces row-level security and creates the two policies every tenant table has:
-- tenant_isolation (rows of `app.org_id`, for reads and writes) and platform_access (every row,
-- for tritiq_platform). `column_name` names the column holding the organisation id (uuid).
-- The schema-driven test (apps/api/src/db/rls-tables.db.test.ts) fails for a table with an
-- organization_id column that has not been given this.
CREATE OR REPLACE FUNCTION tritiq_protect_tenant_table(table_name regclass, column_name text DEFAULT 'organization_id')
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', table_name);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', table_name);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', table_name);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s '
    'USING (%2$I = NULLIF(current_setting(''app.org_id'', true), '''')::uuid) '
    'WITH CHECK (%2$I = NULLIF(current_setting(''app.org_id'', true), '''')::uuid)',
    table_name, column_name);
  PERFORM tritiq_platform_policy(table_name);
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tritiq_platform_policy(table_name regclass)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  EXECUTE format('DROP POLICY IF EXISTS platform_access ON %s', table_name);
  EXECUTE format('CREATE POLICY platform_access ON %s TO tritiq_platform USING (true) WITH CHECK (true)', table_name);
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tritiq_protect_tenant_table(regclass, text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tritiq_platform_policy(regclass) FROM PUBLIC;
--> statement-breakpoint
-- Platform data, deliberately without row-level security: rate_limit_hits (counters per route and
-- client address, before anyone is signed in) and email_workers (the worker processes' heartbeats)
-- hold no organisation's rows; nor does login_failures (failed sign-ins per account hash and
-- client address, counted before anyone is signed in, the email never stored). The platform role reaches pg-boss's schema through tritiq_app (0005).
--
-- Tables with an organization_id column (a NULL organisation is a platform row: super admins,
-- their sessions, platform audit events and email; only the platform sees it).
SELECT tritiq_protect_tenant_table(t)
  FROM unnest(ARRAY['parties', 'products', 'stock_balances', 'stock_ledger', 'voucher_series',
                    'vouchers', 'voucher_lines', 'idempotency_keys', 'users', 'auth_sessions', 'email_messages',
                    'audit_events', 'user_two_factor', 'user_recovery_codes', 'two_factor_challenges']::regclass[]) AS t;
--> statement-breakpoint
-- An organisation sees its own row only.
SELECT tritiq_protect_tenant_table('organizations', 'id');
--> statement-breakpoint
-- Tables that belong to an organisation through a parent row: a row is visible when its parent is
-- (the parent's own policy decides, so the platform sees them all).
ALTER TABLE password_reset_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE password_reset_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON password_reset_codes
  USING (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id))
  WITH CHECK (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id));
--> statement-breakpoint
SELECT tritiq_platform_policy('password_reset_codes');
--> statement-breakpoint
ALTER TABLE auth_refresh_tokens_used ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE auth_refresh_tokens_used FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON auth_refresh_tokens_used
  USING (EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = session_id))
  WITH CHECK (EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = session_id));
--> statement-breakpoint
SELECT tritiq_platform_policy('auth_refresh_tokens_used');
--> statement-breakpoint
-- An audit chain is keyed by its organisation's id (text), or 'platform'.
ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_chain_heads
  USING (chain_key = NULLIF(current_setting('app.org_id', true), ''))
  WITH CHECK (chain_key = NULLIF(current_setting('app.org_id', true), ''));
--> statement-breakpoint
SELECT tritiq_platform_policy('audit_chain_heads');
