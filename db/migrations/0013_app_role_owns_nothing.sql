-- The app runs as a role that owns nothing: migrations run as the owner (MIGRATION_DATABASE_URL),
-- and the app's login role is a member of samverkan_app, with exactly the grants below. It can
-- therefore not switch off a trigger, row-level security or a constraint, and what the database
-- refuses here holds even against a compromised app.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samverkan_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO samverkan_app;
--> statement-breakpoint
-- Tables of later migrations get the same; a migration narrows them where a table needs it.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samverkan_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO samverkan_app;
--> statement-breakpoint
-- Append-only and write-once tables, as 0008 set them (the grant above widened them again).
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM samverkan_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "consents", "feedback", "statutory_feedback" FROM samverkan_app;
--> statement-breakpoint
GRANT UPDATE ("withdrawn_at", "withdrawn_by", "withdrawal_reason") ON "consents" TO samverkan_app;
--> statement-breakpoint
GRANT UPDATE ("acknowledged_at", "acknowledged_by") ON "feedback" TO samverkan_app;
--> statement-breakpoint
-- The directory counter moves only through its security-definer trigger.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "directory_version" FROM samverkan_app;
--> statement-breakpoint
-- A withdrawal is final: once withdrawn_at is set, the consent never changes again (the app's
-- column grant alone would let it set withdrawn_at back to NULL and revive the consent).
CREATE FUNCTION consents_withdrawal_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.withdrawn_at IS NOT NULL THEN
    RAISE EXCEPTION 'consent % is withdrawn; a withdrawal is final', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'consents_withdrawal_final';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER consents_withdrawal_final BEFORE UPDATE ON "consents"
  FOR EACH ROW EXECUTE FUNCTION consents_withdrawal_is_final();
--> statement-breakpoint
-- Disabling an account ends every session it has, at once and for good: enabling it again does
-- not bring them back (the person signs in anew).
CREATE FUNCTION users_disable_revokes_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions SET revoked_at = coalesce(NEW.disabled_at, now())
    WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_disable_revokes_sessions AFTER UPDATE OF disabled_at ON "users"
  FOR EACH ROW WHEN (OLD.disabled_at IS NULL AND NEW.disabled_at IS NOT NULL)
  EXECUTE FUNCTION users_disable_revokes_sessions();
