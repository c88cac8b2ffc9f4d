import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { caseEvents, cases, caseWorkerChanges, caseWorkers, meetings, meetingWorkers } from '../../db/schema/index.ts';
import { addDays, daysBetween, stockholmDate, stockholmInstant } from '../../server/contracts/time.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { count, mean, median, share } from '../../server/modules/figures/figures.models.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

// Each figure the database counts is held against a plain computation over the same generated
// history: a team's year of anmälningsmöten and cases, any window of it.
const RUNS = Math.max(10, Math.round(Number(process.env.PROPERTY_RUNS ?? 1000) / 25));
const YEAR = '2025-01-01';
const day = (offset: number) => addDays(YEAR, offset);

type Meeting = { asked: number; askedHour: number; after: number; hour: number; held: boolean; two: boolean };
type Path = { accepted?: number; declined?: number; started?: number; completed?: number; closed?: number };
type Case = { opened: number; hour: number; first: number[]; changes: number[][]; path: Path };
type History = { meetings: Meeting[]; cases: Case[]; from: number; length: number };

const workers = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 });
// A month of activity and windows inside it: counts over five and steps on the window's edges are common.
const SPAN = 40;
const maybeDay = fc.option(fc.integer({ min: 0, max: SPAN }), { nil: undefined });
const history: fc.Arbitrary<History> = fc.record({
  meetings: fc.array(fc.record({ asked: fc.integer({ min: 0, max: SPAN }), askedHour: fc.integer({ min: 0, max: 23 }), after: fc.integer({ min: 0, max: 10 }), hour: fc.integer({ min: 0, max: 23 }), held: fc.boolean(), two: fc.boolean() }), { minLength: 10, maxLength: 40 }),
  cases: fc.array(
    fc.record({
      opened: fc.integer({ min: 0, max: SPAN }),
      // Any hour of the day, so a case opened late in the Stockholm evening is tried too.
      hour: fc.integer({ min: 0, max: 23 }),
      first: workers,
      // Each change's workers after it; before it are the workers the previous step left.
      changes: fc.array(workers, { maxLength: 2 }),
      path: fc.record({ accepted: maybeDay, declined: maybeDay, started: maybeDay, completed: maybeDay, closed: maybeDay }, { requiredKeys: [] }),
    }),
    { minLength: 15, maxLength: 60 },
  ),
  from: fc.integer({ min: 0, max: SPAN / 2 }),
  length: fc.integer({ min: 0, max: SPAN }),
});

/** The figures by hand: what the evaluation means by each, from the generated history alone. */
function reference(h: History) {
  const from = day(h.from);
  const to = day(h.from + h.length);
  const inWindow = (d: string | undefined) => d !== undefined && d >= from && d <= to;
  const meetingDay = (m: Meeting) => stockholmDate(stockholmInstant(day(m.asked + m.after), `${String(m.hour).padStart(2, '0')}:00`));
  const meetingsIn = h.meetings.filter((m) => inWindow(meetingDay(m)));
  const held = meetingsIn.filter((m) => m.held);
  const opened = h.cases.filter((c) => inWindow(day(c.opened)));
  const met = opened.map((c) => new Set([...c.first, ...c.changes.flat()]).size);
  // A handover: the responsible worker (the first named) changes at some step.
  const kept = opened.filter((c) => c.changes.every((after, i) => after[0] === (i === 0 ? c.first : c.changes[i - 1]!)[0]));
  const paths = h.cases.map((c) => Object.fromEntries(Object.entries(c.path).filter(([, v]) => v !== undefined).map(([k, v]) => [k, day(v!)])) as Record<keyof Path, string | undefined>);
  const touched = paths.filter((p) => Object.values(p).some(inWindow) || false).filter((p) => Object.keys(p).length > 0);
  const decided = touched.filter((p) => inWindow(p.accepted) || inWindow(p.declined));
  const started = touched.filter((p) => inWindow(p.started) && p.accepted !== undefined);
  const ended = touched.filter((p) => p.started !== undefined && (inWindow(p.completed) || (p.completed === undefined && inWindow(p.closed))));
  return {
    report_meetings: count(meetingsIn.length),
    days_report_to_first_meeting_median: median(meetingsIn.map((m) => daysBetween(day(m.asked), meetingDay(m)))),
    share_report_meetings_two_workers: share(held.filter((m) => m.two).length, held.length),
    cases_opened: count(opened.length),
    social_workers_met_per_family_mean: mean(met),
    share_cases_without_handover: share(kept.length, opened.length),
    share_interventions_accepted: share(decided.filter((p) => p.accepted !== undefined).length, decided.length),
    days_decision_to_start_median: median(started.map((p) => daysBetween(p.accepted!, p.started!))),
    share_interventions_completed: share(ended.filter((p) => p.completed !== undefined).length, ended.length),
  };
}

describe('the figures against a plain computation', () => {
  test('for any history and window, every case and meeting figure is the one computed by hand', async () => {
    const { app, db } = await buildTestApp({ clock: fixedClock('2026-06-01T09:00:00+02:00') });
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const d = await createDistrict(db);
        const people: { id: string }[] = [];
        for (let i = 0; i < 4; i++) people.push(await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] }));
        const lead = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
        const id = (i: number) => people[i]!.id;
        // Written in a few statements, ids made here.
        const meetingRows = h.meetings.map((m, k) => {
          // A minute long, two apart: the same worker is never in two meetings at once.
          const startsAt = new Date(stockholmInstant(day(m.asked + m.after), `${String(m.hour).padStart(2, '0')}:00`).getTime() + k * 120_000);
          return { id: crypto.randomUUID(), startsAt, endsAt: new Date(startsAt.getTime() + 60_000), m };
        });
        if (meetingRows.length) {
          await db.insert(meetings).values(meetingRows.map(({ id: meetingId, startsAt, endsAt, m }) => ({ id: meetingId, type: 'report_meeting' as const, organisationId: d.school.id, teamId: d.team.id, label: 'Generat', guardiansInformed: true, proposedTimes: [], status: m.held ? ('held' as const) : ('scheduled' as const), startsAt, endsAt, createdAt: stockholmInstant(day(m.asked), `${String(m.askedHour).padStart(2, '0')}:30`) })));
          await db.insert(meetingWorkers).values(meetingRows.flatMap(({ id: meetingId, startsAt, endsAt, m }) => (m.two ? [0, 1] : [0]).map((i) => ({ meetingId, userId: id(i), startsAt, endsAt }))));
        }
        const kinds = { accepted: 'intervention_accepted', declined: 'intervention_declined', started: 'intervention_started', completed: 'intervention_completed', closed: 'case_closed' } as const;
        const caseRows = h.cases.map((c) => ({ id: crypto.randomUUID(), c }));
        if (caseRows.length) {
          await db.insert(cases).values(caseRows.map(({ id: caseId, c }) => ({ id: caseId, teamId: d.team.id, label: 'Generat', createdAt: stockholmInstant(day(c.opened), `${String(c.hour).padStart(2, '0')}:00`) })));
          await db.insert(caseWorkers).values(caseRows.flatMap(({ id: caseId, c }) => (c.changes.at(-1) ?? c.first).map((w, i) => ({ caseId, userId: id(w), responsible: i === 0 }))));
          const changes = caseRows.flatMap(({ id: caseId, c }) => c.changes.map((after, i) => ({ caseId, before: (i === 0 ? c.first : c.changes[i - 1]!).map(id), after: after.map(id) })));
          if (changes.length) await db.insert(caseWorkerChanges).values(changes);
          const steps = caseRows.flatMap(({ id: caseId, c }) => Object.entries(c.path).filter(([, v]) => v !== undefined).map(([k, v]) => ({ caseId, kind: kinds[k as keyof Path], on: day(v!) })));
          if (steps.length) await db.insert(caseEvents).values(steps);
        }
        const to = day(h.from + h.length);
        const res = await app.inject({ method: 'GET', url: `/api/figures?teamId=${d.team.id}&from=${day(h.from)}&to=${to}`, headers: await asUser(app, lead) });
        const got = Object.fromEntries((res.json().metrics as { key: string; value: unknown }[]).map((m) => [m.key, m.value]));
        const want = reference(h);
        expect(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]]))).toEqual(want);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
