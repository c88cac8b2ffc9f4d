CREATE TABLE "directory_versions" (
	"scope" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP TABLE "directory_version" CASCADE;
--> statement-breakpoint
-- The counts move only through the security-definer trigger below.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "directory_versions" FROM samverkan_app;
--> statement-breakpoint
INSERT INTO "directory_versions" ("scope", "version") VALUES ('00000000-0000-0000-0000-000000000000', 0);
--> statement-breakpoint
-- The team whose directory an organisation belongs to: itself for a team, else the team serving it.
CREATE FUNCTION directory_team_of(org uuid) RETURNS uuid LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT CASE WHEN o.kind = 'social_services' THEN o.id ELSE o.serving_team_id END FROM organisations o WHERE o.id = org
$$;
--> statement-breakpoint
-- The same triggers as migration 0012 (deferred, once per row, at commit) now bump the count of
-- each team the changed row belongs to, once per transaction and team. A row whose team cannot be
-- found (its parent went in the same transaction, a TRUNCATE, a closed day) bumps the whole
-- city's count, which every team's reads include: too much is thrown away, never too little.
CREATE OR REPLACE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  seen jsonb;
  teams uuid[] := '{}';
  person uuid;
  t uuid;
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    FOREACH seen IN ARRAY array_remove(ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
      CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END], NULL) LOOP
      CASE TG_TABLE_NAME
        WHEN 'organisations' THEN
          -- Its own team, and its unit's (whose lists show it).
          teams := teams || CASE WHEN seen->>'kind' = 'social_services' THEN (seen->>'id')::uuid ELSE (seen->>'serving_team_id')::uuid END;
          IF seen->>'parent_id' IS NOT NULL THEN teams := teams || directory_team_of((seen->>'parent_id')::uuid); END IF;
        WHEN 'sections', 'contact_assignments', 'slots' THEN
          teams := teams || directory_team_of((seen->>'organisation_id')::uuid);
        WHEN 'duty_roster', 'team_settings' THEN
          teams := teams || (seen->>'team_id')::uuid;
        WHEN 'slot_hosts' THEN
          teams := teams || (SELECT directory_team_of(s.organisation_id) FROM slots s WHERE s.id = (seen->>'slot_id')::uuid);
        WHEN 'meeting_workers' THEN
          teams := teams || (SELECT m.team_id FROM meetings m WHERE m.id = (seen->>'meeting_id')::uuid);
        WHEN 'users', 'user_photos', 'absences' THEN
          person := (seen->>CASE WHEN TG_TABLE_NAME = 'users' THEN 'id' ELSE 'user_id' END)::uuid;
          teams := teams || COALESCE(NULLIF(ARRAY(
            SELECT DISTINCT directory_team_of(m.organisation_id) FROM memberships m WHERE m.user_id = person AND m.organisation_id IS NOT NULL), '{}'), ARRAY[NULL::uuid]);
        ELSE
          teams := teams || NULL::uuid;
      END CASE;
    END LOOP;
  ELSE
    teams := ARRAY[NULL::uuid];
  END IF;
  -- In a fixed order, so two transactions bumping the same teams queue instead of deadlocking
  -- (across rows of one transaction the order is the rows' own).
  FOR t IN SELECT DISTINCT COALESCE(x, '00000000-0000-0000-0000-000000000000') FROM unnest(teams) AS x ORDER BY 1 LOOP
    IF current_setting('samverkan.bumped_' || replace(t::text, '-', ''), true) IS DISTINCT FROM 'yes' THEN
      PERFORM set_config('samverkan.bumped_' || replace(t::text, '-', ''), 'yes', true);
      INSERT INTO directory_versions (scope, version) VALUES (t, 1)
        ON CONFLICT (scope) DO UPDATE SET version = directory_versions.version + 1;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
