-- drizzle-kit cannot express EXCLUDE constraints. A social worker cannot sit in two meetings at
-- once: the database refuses overlapping active meetings of one person, whoever writes them.
ALTER TABLE "meeting_workers" ADD CONSTRAINT "meeting_workers_no_overlap" EXCLUDE USING gist (
  "user_id" WITH =,
  tstzrange("starts_at", "ends_at") WITH &&
) WHERE ("active");
--> statement-breakpoint
-- The audit log is append-only for every role, the owner and the app's own included: a row can be
-- added, never changed or removed. (Tests that prove the hash chain detects tampering have to
-- switch triggers off with session_replication_role, which only a superuser may.)
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
