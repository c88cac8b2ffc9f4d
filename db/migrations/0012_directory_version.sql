CREATE TABLE "directory_version" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "directory_version_singleton" CHECK ("directory_version"."singleton")
);
--> statement-breakpoint
INSERT INTO "directory_version" ("singleton", "version") VALUES (true, 0);
--> statement-breakpoint
-- Bumped once per transaction that changed the directory, by deferred triggers that run at
-- commit: the row lock is then the last one the transaction takes, so writers only queue for
-- it briefly and never deadlock on it. Security definer: a transaction running as the app role
-- (samverkan_app) may bump it without a grant of its own.
CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF current_setting('samverkan.directory_bumped', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('samverkan.directory_bumped', 'yes', true);
    UPDATE directory_version SET version = version + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organisations', 'sections', 'users', 'user_photos', 'contact_assignments', 'absences',
    'duty_roster', 'team_settings', 'closed_days', 'slots', 'slot_hosts', 'meeting_workers'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_directory_version()', t || '_bumps_directory', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version()', t || '_truncate_bumps_directory', t);
  END LOOP;
END $$;
