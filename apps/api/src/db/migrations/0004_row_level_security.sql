-- Row-level security for the business tables. Tenant transactions (the session manager's
-- `organizationId` option) publish `app.org_id` and switch to the unprivileged role tritiq_app;
-- under that role a row of another organisation is invisible and cannot be written, whatever
-- the query says. Connections outside a tenant transaction keep the login role (the owner or a
-- superuser), which bypasses these policies: migrations, the audit verifier, platform work.
--
-- Roles are shared by every database of a cluster, and several databases may migrate at once
-- (test runs, several environments): creating the role and granting it must tolerate another
-- session doing the same at the same moment (duplicate_object, or unique_violation when both
-- insert into pg_authid together).
DO $$
BEGIN
  CREATE ROLE tritiq_app NOLOGIN NOINHERIT;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The login role must be a member to SET ROLE to it. A superuser needs no membership; a role
-- without the right to grant it is told so, and an administrator grants it once by hand.
DO $$
BEGIN
  EXECUTE format('GRANT tritiq_app TO %I', current_user);
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'Could not grant tritiq_app to %: run GRANT tritiq_app TO % as an administrator', current_user, current_user;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tritiq_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tritiq_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tritiq_app;
--> statement-breakpoint
-- Tables later migrations create (run by the same login role) are granted the same way.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tritiq_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tritiq_app;
--> statement-breakpoint
-- Append-only histories stay append-only for the application role.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM tritiq_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON stock_ledger FROM tritiq_app;
--> statement-breakpoint
-- One policy per business table, the same on each: rows of the organisation in `app.org_id`.
-- NULLIF: a connection that once set app.org_id reads '' afterwards, which must match nothing.
DO $$
DECLARE
  business_table text;
BEGIN
  FOREACH business_table IN ARRAY ARRAY['parties', 'products', 'stock_balances', 'stock_ledger', 'voucher_counters',
                                        'vouchers', 'voucher_lines', 'idempotency_keys']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', business_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I '
      'USING (organization_id = NULLIF(current_setting(''app.org_id'', true), '''')::uuid) '
      'WITH CHECK (organization_id = NULLIF(current_setting(''app.org_id'', true), '''')::uuid)',
      business_table);
  END LOOP;
END
$$;
