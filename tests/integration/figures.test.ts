import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookings, caseEvents, caseOrganisations, cases, caseWorkerChanges, caseWorkers, consents, feedback, meetings, statutoryFeedback } from '../../db/schema/index.ts';
import { tenantTransaction } from '../../db/tenancy.ts';
import { addDays } from '../../server/contracts/time.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createMeeting, createSlot, createUser } from '../helpers/factories.ts';

type Step = [kind: (typeof caseEvents.$inferInsert)['kind'], on: string];

/** A team's spring 2026: consultations, anmälningsmöten, cases with handovers and paths. */
async function spring() {
  const clock = fixedClock('2026-07-01T09:00:00+02:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const worker = (name: string) => createUser(db, { name, memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const [anna, bo, cia] = [await worker('Anna'), await worker('Bo'), await worker('Cia')];
  const lead = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
  const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });

  // Seven consultations in March, and one cancelled.
  for (let i = 0; i < 8; i++) {
    const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: `2026-03-${String(2 + i).padStart(2, '0')}T13:00:00+01:00` });
    await db.insert(bookings).values({ slotId: slot.id, bookerId: pedagogue.id, topic: 'unsure_report', status: i === 7 ? 'cancelled' : 'booked' });
  }
  // Fifteen held anmälningsmöten, ten of them with two social workers; asked for 4 days before.
  for (let i = 0; i < 15; i++) {
    const day = addDays('2026-04-01', i);
    const m = await createMeeting(db, { type: 'report_meeting', organisationId: d.school.id, teamId: d.team.id, workerIds: i < 10 ? [anna.id, bo.id] : [cia.id], startsAt: `${day}T10:00:00+02:00` });
    await db.update(meetings).set({ status: 'held', createdAt: new Date(`${addDays(day, -4)}T08:00:00+02:00`) }).where(eq(meetings.id, m.id));
  }
  const caseIds: string[] = [];
  // Twelve cases opened in May: five handed over to Cia; eleven offered an intervention.
  for (let i = 0; i < 12; i++) {
    const opened = `2026-05-${String(4 + i).padStart(2, '0')}`;
    const [c] = await db.insert(cases).values({ teamId: d.team.id, label: `Familjen ${i}`, createdAt: new Date(`${opened}T09:00:00+02:00`) }).returning();
    const handedOver = i < 5;
    await db.insert(caseWorkers).values(handedOver ? [{ caseId: c!.id, userId: cia.id, responsible: true }] : [{ caseId: c!.id, userId: anna.id, responsible: true }, { caseId: c!.id, userId: bo.id }]);
    if (handedOver) await db.insert(caseWorkerChanges).values({ caseId: c!.id, changedAt: new Date(`${opened}T15:00:00+02:00`), before: [anna.id, bo.id], after: [cia.id] });
    const steps: Step[] = [['report_received', opened], ['investigation_opened', opened]];
    if (i < 11) steps.push(['intervention_offered', addDays(opened, 1)]);
    // Six say yes and start i+1 days later; five say no.
    if (i < 6) steps.push(['intervention_accepted', addDays(opened, 2)], ['intervention_started', addDays(opened, 3 + i)]);
    else if (i < 11) steps.push(['intervention_declined', addDays(opened, 2)]);
    if (i < 5) steps.push(['intervention_completed', '2026-06-20']);
    await db.insert(caseEvents).values(steps.map(([kind, on]) => ({ caseId: c!.id, kind, on })));
    await db.insert(caseOrganisations).values({ caseId: c!.id, organisationId: d.school.id });
    caseIds.push(c!.id);
  }
  // As the team (row-level security holds here too): the school hears back on six cases, 0–5 days
  // after the report; seven consents from May, one withdrawn in June; eleven messages, six acknowledged.
  await tenantTransaction(db)({ teamIds: [d.team.id], schoolOrganisationIds: [], now: clock.now(), today: '2026-07-01' }, async (tx) => {
    const about = (i: number) => ({ caseId: caseIds[i]!, organisationId: d.school.id, teamId: d.team.id });
    for (let i = 0; i < 6; i++) await tx.insert(statutoryFeedback).values({ ...about(i), status: 'investigation_opened', givenAt: new Date(`${addDays(`2026-05-${String(4 + i).padStart(2, '0')}`, i)}T12:00:00+02:00`) });
    for (let i = 0; i < 7; i++) {
      const withdrawn = i === 0 ? { withdrawnAt: new Date('2026-06-15T10:00:00+02:00'), withdrawalReason: 'Vårdnadshavarna ångrade sig' } : {};
      await tx.insert(consents).values({ ...about(i), scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2026-05-01', validUntil: '2026-12-31', ...withdrawn });
    }
    for (let i = 0; i < 11; i++) {
      const acknowledged = i < 6 ? { acknowledgedAt: new Date('2026-06-02T10:00:00+02:00'), acknowledgedBy: 'Rektorn' } : {};
      await tx.insert(feedback).values({ ...about(1 + (i % 6)), scope: 'intervention_progress', body: 'Det går bra', authorName: 'Anna', authorSide: 'team', createdAt: new Date('2026-06-01T10:00:00+02:00'), ...acknowledged });
    }
  });
  const get = async (who: { email: string; password: string }, query: string) => app.inject({ method: 'GET', url: `/api/figures?${query}`, headers: await asUser(app, who) });
  return { app, db, ...d, lead, principal, pedagogue, get };
}

const valueOf = (body: { metrics: { key: string; value: unknown }[] }) => Object.fromEntries(body.metrics.map((m) => [m.key, m.value]));

describe('the figures the evaluation measured', () => {
  test('a team lead gets the team\'s spring: every figure from the activity, small ones hidden', async () => {
    const s = await spring();
    const res = await s.get(s.lead, `teamId=${s.team.id}&from=2026-01-01&to=2026-06-30`);
    expect(res.statusCode).toBe(200);
    expect(valueOf(res.json())).toEqual({
      consultations: 7,
      report_meetings: 15,
      days_report_to_first_meeting_median: 4,
      share_report_meetings_two_workers: 67,
      cases_opened: 12,
      // Five families met Anna, Bo and Cia; seven met Anna and Bo: (5 × 3 + 7 × 2) / 12.
      social_workers_met_per_family_mean: 2.4,
      share_cases_without_handover: 58,
      share_interventions_accepted: 55,
      // Started 1–6 days after the yes: the median of 1, 2, 3, 4, 5, 6.
      days_decision_to_start_median: 3.5,
      // Five completed; one case has not ended: the share would give away a count under five.
      share_interventions_completed: '<5',
      statutory_feedback_sent: 6,
      // Given 0, 1, 2, 3, 4 and 5 days after the report.
      statutory_feedback_days_median: 2.5,
      // On the period's last day: seven, less the one withdrawn in June.
      active_consents: 6,
      feedback_messages: 11,
      share_feedback_acknowledged: 55,
    });
    const workers = res.json().metrics.find((m: { key: string }) => m.key === 'social_workers_met_per_family_mean');
    expect(workers).toMatchObject({ label: 'Socialsekreterare per familj (medel)', unit: 'people', reference: { pilot: 2, ordinary: 4.3 } });
  });

  test('a shorter period counts only what happened in it', async () => {
    const s = await spring();
    const march = valueOf((await s.get(s.lead, `from=2026-03-01&to=2026-03-31`)).json());
    expect(march).toMatchObject({ consultations: 7, report_meetings: '<5', cases_opened: '<5', statutory_feedback_sent: '<5', active_consents: '<5', feedback_messages: '<5' });
    // Consents count as they stand on the period's last day, or today while the period lasts.
    expect(valueOf((await s.get(s.lead, `from=2026-05-01&to=2026-06-14`)).json()).active_consents).toBe(7);
    expect(valueOf((await s.get(s.lead, `from=2026-07-01&to=2026-12-31`)).json()).active_consents).toBe(6);
  });

  test('the CSV is for Excel: BOM, semicolons, decimal commas, the references beside', async () => {
    const s = await spring();
    const res = await s.app.inject({ method: 'GET', url: `/api/figures.csv?teamId=${s.team.id}&from=2026-01-01&to=2026-06-30`, headers: await asUser(s.app, s.lead) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.startsWith('\uFEFFMått;Värde;Enhet;Pilotens värde;Ordinarie verksamhet;Från;Till\r\n')).toBe(true);
    expect(res.body).toContain('Socialsekreterare per familj (medel);2,4;personer;2;4,3;2026-01-01;2026-06-30');
    expect(res.body).toContain('Insatser som genomfördes som planerat;<5;procent;88;59');
  });

  test('who may see what: the principal their school, nobody another team; pedagogues not at all', async () => {
    const s = await spring();
    const school = await s.get(s.principal, `organisationId=${s.school.id}&from=2026-01-01&to=2026-06-30`);
    expect(school.statusCode).toBe(200);
    // The school's own share of the consent side, withdrawn and expired messages counted as sent.
    expect(valueOf(school.json())).toMatchObject({ cases_opened: 12, social_workers_met_per_family_mean: 2.4, statutory_feedback_sent: 6, active_consents: 6, feedback_messages: 11 });
    expect((await s.get(s.principal, `teamId=${s.team.id}&from=2026-01-01&to=2026-06-30`)).statusCode).toBe(404);
    const other = await createDistrict(s.db);
    expect((await s.get(s.lead, `teamId=${other.team.id}&from=2026-01-01&to=2026-06-30`)).statusCode).toBe(404);
    expect((await s.get(s.lead, `organisationId=${other.school.id}&from=2026-01-01&to=2026-06-30`)).statusCode).toBe(404);
    expect((await s.get(s.pedagogue, `from=2026-01-01&to=2026-06-30`)).statusCode).toBe(403);
  });

  test('each reader may choose between their own team, the organisations it serves, or their own school', async () => {
    const s = await spring();
    await createDistrict(s.db);
    const scopes = async (who: { email: string; password: string }) => s.app.inject({ method: 'GET', url: '/api/figures/scopes', headers: await asUser(s.app, who) });
    const lead = (await scopes(s.lead)).json() as { kind: string; id: string; name: string }[];
    expect(lead[0]).toEqual({ kind: 'team', id: s.team.id, name: s.team.name });
    expect(lead.filter((c) => c.kind === 'organisation').map((c) => c.id).sort()).toEqual([s.school.id, s.unit.id, s.preschool.id].sort());
    expect((await scopes(s.principal)).json()).toEqual([{ kind: 'organisation', id: s.school.id, name: s.school.name }]);
    expect((await scopes(s.pedagogue)).statusCode).toBe(403);
  });

  test('bad periods are refused in Swedish', async () => {
    const s = await spring();
    const backwards = await s.get(s.lead, `from=2026-06-30&to=2026-01-01`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().detail).toMatch(/Slutdatumet kan inte vara före startdatumet/);
    expect((await s.get(s.lead, `from=2016-01-01&to=2026-01-01`)).json().detail).toMatch(/högst fem år/);
    expect((await s.get(s.lead, `from=2026-01-01`)).statusCode).toBe(400);
  });
});
