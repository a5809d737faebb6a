-- The audit trail is append-only: rows can be added, never changed or removed. The hash chain
-- still detects tampering by anyone who can switch this trigger off.
CREATE OR REPLACE FUNCTION audit_events_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_forbid_change();
--> statement-breakpoint
INSERT INTO audit_chain_heads (chain_key, seq, last_hash) VALUES ('platform', 0, repeat('0', 64))
  ON CONFLICT (chain_key) DO NOTHING;
