-- Tenancy in the database for the family data of consents and feedback: a missing check in code
-- still leaks nothing. Use cases run these tables as the role samverkan_app (SET LOCAL ROLE in
-- their transaction; a superuser would bypass row-level security) with the actor's scope in
-- transaction-local settings: app.team_ids, app.organisation_ids, app.now and app.today.
-- Unset settings mean no rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samverkan_app') THEN
    CREATE ROLE samverkan_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
GRANT samverkan_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO samverkan_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samverkan_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO samverkan_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM samverkan_app;
--> statement-breakpoint
-- A message's text and a consent's terms never change; only the receipt and the withdrawal do.
REVOKE UPDATE, DELETE ON "consents", "feedback", "statutory_feedback" FROM samverkan_app;
--> statement-breakpoint
GRANT UPDATE ("withdrawn_at", "withdrawn_by", "withdrawal_reason") ON "consents" TO samverkan_app;
--> statement-breakpoint
GRANT UPDATE ("acknowledged_at", "acknowledged_by") ON "feedback" TO samverkan_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_uuids(setting text) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting(setting, true), ''), '{}')::uuid[]
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.now', true), '')::timestamptz
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.today', true), '')::date
$$;
--> statement-breakpoint
-- The one definition of "a consent covers this organisation and scope now": between its dates
-- (Stockholm days, both included) and not withdrawn before this instant. Derived at every call,
-- never stored, so expiry needs no job.
CREATE OR REPLACE FUNCTION consent_covers(p_case uuid, p_organisation uuid, p_scope text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM consents c
    WHERE c.case_id = p_case AND c.organisation_id = p_organisation AND p_scope = ANY (c.scopes)
      AND c.valid_from <= app_today() AND app_today() <= c.valid_until
      AND (c.withdrawn_at IS NULL OR app_now() < c.withdrawn_at)
  )
$$;
--> statement-breakpoint
ALTER TABLE "consents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "feedback" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "feedback" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "statutory_feedback" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "statutory_feedback" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Consents: the team reads and writes its own; the organisation reads the ones about it.
CREATE POLICY consents_read ON "consents" FOR SELECT
  USING (team_id = ANY (app_uuids('app.team_ids')) OR organisation_id = ANY (app_uuids('app.organisation_ids')));
--> statement-breakpoint
CREATE POLICY consents_insert ON "consents" FOR INSERT WITH CHECK (team_id = ANY (app_uuids('app.team_ids')));
--> statement-breakpoint
CREATE POLICY consents_withdraw ON "consents" FOR UPDATE
  USING (team_id = ANY (app_uuids('app.team_ids'))) WITH CHECK (team_id = ANY (app_uuids('app.team_ids')));
--> statement-breakpoint
-- Feedback: the team reads all of its own; the organisation reads only while a consent covers the
-- message's scope now. Anyone writes only while a consent covers it.
CREATE POLICY feedback_read ON "feedback" FOR SELECT
  USING (team_id = ANY (app_uuids('app.team_ids'))
    OR (organisation_id = ANY (app_uuids('app.organisation_ids')) AND consent_covers(case_id, organisation_id, scope)));
--> statement-breakpoint
CREATE POLICY feedback_write ON "feedback" FOR INSERT
  WITH CHECK ((team_id = ANY (app_uuids('app.team_ids')) OR organisation_id = ANY (app_uuids('app.organisation_ids')))
    AND consent_covers(case_id, organisation_id, scope));
--> statement-breakpoint
CREATE POLICY feedback_acknowledge ON "feedback" FOR UPDATE
  USING (team_id = ANY (app_uuids('app.team_ids'))
    OR (organisation_id = ANY (app_uuids('app.organisation_ids')) AND consent_covers(case_id, organisation_id, scope)));
--> statement-breakpoint
-- Statutory feedback: written by the team, read by the team and the organisation it went to.
CREATE POLICY statutory_feedback_read ON "statutory_feedback" FOR SELECT
  USING (team_id = ANY (app_uuids('app.team_ids')) OR organisation_id = ANY (app_uuids('app.organisation_ids')));
--> statement-breakpoint
CREATE POLICY statutory_feedback_insert ON "statutory_feedback" FOR INSERT WITH CHECK (team_id = ANY (app_uuids('app.team_ids')));
--> statement-breakpoint
-- Tables and sequences that later migrations add are the app role's to use too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samverkan_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO samverkan_app;
