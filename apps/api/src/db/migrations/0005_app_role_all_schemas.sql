-- Tenant transactions run as tritiq_app (see the row_level_security migration). Work they do may reach schemas other than
-- public (the email outbox enqueues pg-boss jobs in the `pgboss` schema, which pg-boss creates
-- after these migrations). Default privileges without IN SCHEMA apply to every schema the
-- migrating role creates from now on; a schema that already exists is granted here.
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO tritiq_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tritiq_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO tritiq_app;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
    GRANT USAGE ON SCHEMA pgboss TO tritiq_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO tritiq_app;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO tritiq_app;
  END IF;
END
$$;
