ALTER TABLE "cases" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
-- Gallring. A closed case keeps its dates, its path and its counts for the figures; what was
-- written about the family goes: the messages' text and authors, the consents' reasons and
-- recorders, the case's and its meetings' labels and notes. The app's role may not change those
-- rows itself (0013), so the clearing is this one function, owned by the owner: it clears a case
-- only when it was closed at least p_months ago by the database's own clock, never under six
-- months, whatever the app asks.
CREATE FUNCTION purge_closed_case(p_case uuid, p_months integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_team uuid;
  v_closed date;
BEGIN
  IF p_months IS NULL OR p_months < 6 THEN
    RAISE EXCEPTION 'retention period % is under six months', p_months USING ERRCODE = 'check_violation';
  END IF;
  SELECT c.team_id INTO v_team FROM cases c WHERE c.id = p_case AND c.purged_at IS NULL FOR UPDATE;
  IF v_team IS NULL THEN RETURN false; END IF;
  SELECT max(e."on") INTO v_closed FROM case_events e WHERE e.case_id = p_case AND e.kind = 'case_closed';
  IF v_closed IS NULL OR v_closed > ((now() AT TIME ZONE 'Europe/Stockholm')::date - make_interval(months => p_months))::date THEN
    RETURN false;
  END IF;
  -- The row-level policies hold for the owner too (FORCE): act as the case's team.
  PERFORM set_config('app.team_ids', '{' || v_team || '}', true);
  UPDATE feedback SET body = 'Gallrad', author_name = 'Gallrad', author_id = NULL, acknowledged_by = NULL WHERE case_id = p_case;
  UPDATE consents SET recorded_by = NULL, withdrawn_by = NULL,
    withdrawal_reason = CASE WHEN withdrawn_at IS NULL THEN NULL ELSE 'Gallrad' END WHERE case_id = p_case;
  UPDATE meetings SET label = 'Gallrat möte', outcome_notes = NULL, change_reason = NULL,
    single_worker_reason = CASE WHEN single_worker_reason IS NULL THEN NULL ELSE 'Gallrad' END WHERE case_id = p_case;
  UPDATE case_worker_changes SET reason = CASE WHEN reason IS NULL THEN NULL ELSE 'Gallrad' END WHERE case_id = p_case;
  UPDATE cases SET label = 'Gallrat ärende', purged_at = now() WHERE id = p_case;
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION purge_closed_case(uuid, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION purge_closed_case(uuid, integer) TO samverkan_app;
--> statement-breakpoint
-- A withdrawal stays final; the one change a withdrawn consent may take is gallring's: the same
-- consent, still withdrawn at the same instant, its reason cleared.
CREATE OR REPLACE FUNCTION consents_withdrawal_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- coalesce: a NULL anywhere (withdrawn_at set back to NULL) must count as "not gallring".
  IF OLD.withdrawn_at IS NOT NULL AND NOT coalesce(
    NEW.withdrawn_at = OLD.withdrawn_at AND NEW.withdrawal_reason = 'Gallrad'
    AND NEW.valid_from = OLD.valid_from AND NEW.valid_until = OLD.valid_until AND NEW.scopes = OLD.scopes
    AND NEW.case_id = OLD.case_id AND NEW.organisation_id = OLD.organisation_id AND NEW.team_id = OLD.team_id,
    false
  ) THEN
    RAISE EXCEPTION 'consent % is withdrawn; a withdrawal is final', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'consents_withdrawal_final';
  END IF;
  RETURN NEW;
END $$;
