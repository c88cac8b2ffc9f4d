import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';
import { drawCasePath } from '../seed-case-path.ts';
import { arrayLiteral, insertRows, plusDays, random, type Value } from './bulk.ts';
import type { CityDirectory, CityOrg, Person } from './directory.ts';
import { handCaseLabel } from './names.ts';
import type { CityCalendar, CityPlan } from './plan.ts';
import type { PlannedMeeting } from './schedule.ts';

export type Step =
  | 'report_received'
  | 'investigation_opened'
  | 'investigation_not_opened'
  | 'intervention_offered'
  | 'intervention_accepted'
  | 'intervention_declined'
  | 'intervention_started'
  | 'intervention_completed'
  | 'case_closed'
  | 'check_in_done';

export type PlannedCase = {
  id: string;
  teamId: string;
  org: CityOrg;
  label: string;
  reportMeetingId: string | null;
  opened: string;
  openedAt: Date;
  /** The social workers who met the family (at the anmälningsmöte, or named on a case made by hand). */
  met: Person[];
  /** The case's workers now, the responsible first. */
  workers: Person[];
  /** The path as it will have gone; only what has happened by today is written. */
  steps: Map<Step, string>;
};

/** A case's path, drawn as seed-history draws it so the city's figures land near the pilot's. */
function pathOf(rnd: () => number, reported: string): Map<Step, string> {
  return new Map(drawCasePath(reported, rnd, plusDays));
}

/**
 * The cases: nine in ten held anmälningsmöten open one (as many as the plan allows), and the rest
 * are made by hand by a team on a past day, naming who met the family. One in eight is handed
 * over to another worker about a month in, against the continuity rule, with the reason kept.
 */
export function planCases(plan: CityPlan, calendar: CityCalendar, directory: CityDirectory, meetings: PlannedMeeting[], labels: string[]): PlannedCase[] {
  const rnd = random(20260520);
  const cases: PlannedCase[] = [];
  const add = (c: Omit<PlannedCase, 'id' | 'steps' | 'workers'>, team: number) => {
    const steps = pathOf(rnd, c.opened);
    const handover = rnd() < 0.13 && c.openedAt.getTime() + 30 * 86_400_000 < calendar.now.getTime();
    const workers = handover ? [directory.teams[team]!.workers.find((w) => !c.met.includes(w))!] : c.met;
    cases.push({ ...c, id: crypto.randomUUID(), steps, workers });
  };
  for (const m of meetings) {
    if (cases.length >= plan.cases) break;
    if (m.type !== 'report_meeting' || m.status !== 'held' || m.index % 10 === 0) continue;
    add({ teamId: directory.teams[m.team]!.id, org: m.org, label: labels[m.index]!, reportMeetingId: m.id, opened: m.day, openedAt: m.endsAt, met: m.workers }, m.team);
  }
  const teams = directory.teams.filter((t) => plan.placesOfTeam(t.index).length > 0);
  const past = calendar.days.filter((d) => d < calendar.today);
  const days = past.length ? past : calendar.days.slice(0, 1);
  const rest = plan.cases - cases.length;
  for (let h = 0; h < rest; h++) {
    const team = teams[h % teams.length]!;
    const places = plan.placesOfTeam(team.index);
    const day = days[Math.floor((h * days.length) / rest)]!;
    const W = team.workers.length;
    const met = [team.workers[(2 * h) % W]!, team.workers[(2 * h + 1) % W]!];
    add({ teamId: team.id, org: directory.orgs[places[h % places.length]!]!, label: handCaseLabel(h), reportMeetingId: null, opened: day, openedAt: calendar.at(day, '15:00'), met }, team.index);
  }
  return cases;
}

/** Writes the cases with their workers, path, the organisations they concern, and each opening meeting's link to its case. */
export async function writeCases(tx: Tx, calendar: CityCalendar, cases: PlannedCase[]) {
  const rows: Value[][] = [];
  const workers: Value[][] = [];
  const changes: Value[][] = [];
  const met: Value[][] = [];
  const events: Value[][] = [];
  const concerns: Value[][] = [];
  for (const c of cases) {
    rows.push([c.id, c.teamId, c.label, c.reportMeetingId, c.met[0]!.id, c.openedAt]);
    c.workers.forEach((w, k) => workers.push([c.id, w.id, k === 0]));
    if (c.workers !== c.met) {
      const at = new Date(c.openedAt.getTime() + 30 * 86_400_000);
      changes.push([crypto.randomUUID(), c.id, c.met[0]!.id, at, JSON.stringify(c.met.map((p) => p.id)), JSON.stringify(c.workers.map((p) => p.id)), 'Föräldraledighet.', true]);
    }
    if (!c.reportMeetingId) for (const p of c.met) met.push([c.id, p.id]);
    for (const [kind, on] of c.steps) if (on <= calendar.today) events.push([crypto.randomUUID(), c.id, kind, on, c.workers[0]!.id, calendar.at(on, '16:00')]);
    concerns.push([c.id, c.org.id, true]);
  }
  await insertRows(tx, 'cases', [['id', 'uuid'], ['team_id', 'uuid'], ['label', 'text'], ['report_meeting_id', 'uuid'], ['created_by', 'uuid'], ['created_at', 'timestamptz']], rows);
  await insertRows(tx, 'case_workers', [['case_id', 'uuid'], ['user_id', 'uuid'], ['responsible', 'bool']], workers);
  await insertRows(
    tx,
    'case_worker_changes',
    [['id', 'uuid'], ['case_id', 'uuid'], ['changed_by', 'uuid'], ['changed_at', 'timestamptz'], ['before', 'text', 'jsonb'], ['after', 'text', 'jsonb'], ['reason', 'text'], ['continuity_overridden', 'bool']],
    changes,
  );
  await insertRows(tx, 'case_met_family', [['case_id', 'uuid'], ['user_id', 'uuid']], met);
  await insertRows(tx, 'case_events', [['id', 'uuid'], ['case_id', 'uuid'], ['kind', 'text'], ['on', 'date'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz']], events);
  await insertRows(tx, 'case_organisations', [['case_id', 'uuid'], ['organisation_id', 'uuid'], ['reporter', 'bool']], concerns);
  // Each held anmälningsmöte belongs to the case it opened (the two rows point at each other, so this comes last).
  const opened = cases.filter((c) => c.reportMeetingId);
  for (let i = 0; i < opened.length; i += 10_000) {
    const part = opened.slice(i, i + 10_000);
    await tx.execute(sql`update meetings m set case_id = l.case_id
      from unnest(${arrayLiteral(part.map((c) => c.reportMeetingId))}::uuid[], ${arrayLiteral(part.map((c) => c.id))}::uuid[]) as l(meeting_id, case_id)
      where m.id = l.meeting_id`);
  }
  return { cases: rows.length, caseWorkers: workers.length, caseWorkerChanges: changes.length, caseEvents: events.length };
}
