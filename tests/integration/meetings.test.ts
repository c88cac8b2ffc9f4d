import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, meetings, meetingWorkers } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, assignContact, createDistrict, createOrganisation, createSlot, createUser, putOnDuty, reportMeetingRequest } from '../helpers/factories.ts';

type Headers = { cookie: string };

// Monday 2 March 2026, 09:00 in Stockholm.
async function district() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const police = await createOrganisation(db, { kind: 'police', name: 'Lokalpolisområde Test', servingTeamId: d.team.id });
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const bo = await createUser(db, { name: 'Bo Ek', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const cia = await createUser(db, { name: 'Cia Lund', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: d.school.id, role: 'principal' }] });
  const health = await createUser(db, { name: 'Eva Elevhälsa', memberships: [{ organisationId: d.school.id, role: 'pupil_health' }] });
  const pedagogue = await createUser(db, { name: 'Per Pedagog', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  const officer = await createUser(db, { name: 'Pia Polis', memberships: [{ organisationId: police.id, role: 'police' }] });
  const other = await createOrganisation(db, { kind: 'school', servingTeamId: d.team.id });
  const otherPrincipal = await createUser(db, { name: 'Olle Annan', memberships: [{ organisationId: other.id, role: 'principal' }] });
  await assignContact(db, { organisationId: d.school.id, userId: anna.id });
  const as = async (u: { email: string; password: string }) => asUser(app, u);
  return { app, db, clock, ...d, police, anna, bo, cia, lead, principal, health, pedagogue, officer, other, otherPrincipal, as };
}
type District = Awaited<ReturnType<typeof district>>;

const request = (d: District, headers: Headers, over: object = {}) =>
  d.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers,
    payload: reportMeetingRequest(d.school.id, over),
  });

const schedule = (d: District, id: string, headers: Headers, workerIds: string[], startsAt = '2026-03-10T10:00:00+01:00', endsAt = '2026-03-10T11:00:00+01:00') =>
  d.app.inject({ method: 'POST', url: `/api/meetings/${id}/schedule`, headers, payload: { startsAt, endsAt, socialWorkerIds: workerIds } });

async function requested(d: District) {
  const res = await request(d, await d.as(d.principal));
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('anmälningsmöte: request → schedule → outcome → case', () => {
  test('the whole way through the API', async () => {
    const d = await district();
    const asPrincipal = await d.as(d.principal);
    const res = await request(d, asPrincipal);
    expect(res.json()).toMatchObject({ status: 'requested' });
    const id = res.json().id;

    const asLead = await d.as(d.lead);
    const queue = (await d.app.inject({ method: 'GET', url: `/api/teams/${d.team.id}/meeting-queue`, headers: asLead })).json();
    expect(queue.map((m: { id: string }) => m.id)).toContain(id);

    const scheduled = await schedule(d, id, asLead, [d.anna.id, d.bo.id]);
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', startsAt: '2026-03-10T09:00:00.000Z', socialWorkers: [{ name: 'Anna Berg' }, { name: 'Bo Ek' }] });

    // The principal sees the time, the status and the two workers' names; not the team's notes.
    const seen = (await d.app.inject({ method: 'GET', url: `/api/meetings/${id}`, headers: asPrincipal })).json();
    expect(seen).toMatchObject({ status: 'scheduled', startsAt: '2026-03-10T09:00:00.000Z', socialWorkers: [{ name: 'Anna Berg' }, { name: 'Bo Ek' }], outcome: null });

    // "Mina möten" of a worker that week.
    const asAnna = await d.as(d.anna);
    const week = (await d.app.inject({ method: 'GET', url: '/api/meetings?from=2026-03-09&to=2026-03-15', headers: asAnna })).json();
    expect(week.map((m: { id: string }) => m.id)).toEqual([id]);

    d.clock.set('2026-03-10T11:05:00+01:00');
    const asAnnaLater = await d.as(d.anna); // a week on, the earlier session has expired
    const outcome = await d.app.inject({ method: 'POST', url: `/api/meetings/${id}/outcome`, headers: asAnnaLater, payload: { held: true, reportFiled: true, notes: 'Familjen var med. Uppföljning om fyra veckor.' } });
    expect(outcome.statusCode).toBe(200);
    const caseId = outcome.json().caseId;
    expect(outcome.json()).toMatchObject({ status: 'held', caseId: expect.any(String) });

    const kase = (await d.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: asAnnaLater })).json();
    expect(kase).toMatchObject({
      label: 'Elev B, åk 4',
      responsible: { name: 'Anna Berg' },
      metFamily: [{ name: 'Anna Berg' }, { name: 'Bo Ek' }],
      organisations: [{ id: d.school.id, reporter: true }],
      meetings: [{ id, status: 'held' }],
    });

    const twice = await d.app.inject({ method: 'POST', url: `/api/meetings/${id}/outcome`, headers: asAnnaLater, payload: { held: true } });
    expect(twice.statusCode).toBe(400);

    // The school side's view of the held meeting: that it was held, never the team's notes or the case.
    const held = await d.app.inject({ method: 'GET', url: `/api/meetings/${id}`, headers: await d.as(d.principal) });
    expect(held.json()).toMatchObject({ status: 'held', outcome: null });
    expect(held.body).not.toContain('Uppföljning om fyra veckor');
    expect(held.body).not.toContain(caseId);
    expect(held.json().caseId ?? null).toBeNull();
  });

  test('the same social worker twice in an anmälningsmöte is 400 in Swedish, not two seats for one person', async () => {
    const d = await district();
    const id = await requested(d);
    const res = await schedule(d, id, await d.as(d.lead), [d.anna.id, d.anna.id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'socialWorkerIds', message: 'Välj olika socialsekreterare.' }]);
    expect((await d.db.select().from(meetings).where(eq(meetings.id, id)))[0]!.status).toBe('requested');
  });

  test.each([
    [1, 'Ett anmälningsmöte har två socialsekreterare. Skriv skälet om bara en kan komma.'],
    [3, 'Ett anmälningsmöte har två socialsekreterare.'],
  ])('an anmälningsmöte with %i social workers and no reason is 400 invalid_request', async (n, detail) => {
    const d = await district();
    const id = await requested(d);
    const res = await schedule(d, id, await d.as(d.lead), [d.anna.id, d.bo.id, d.cia.id].slice(0, n));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_request', detail });
    expect((await d.db.select().from(meetings).where(eq(meetings.id, id)))[0]!.status).toBe('requested');
  });

  test('the team lead books one social worker with a reason: kept, audited and counted; Anna as contact cannot', async () => {
    const d = await district();
    const id = await requested(d);
    const one = (headers: Headers, reason?: string) =>
      d.app.inject({ method: 'POST', url: `/api/meetings/${id}/schedule`, headers, payload: { startsAt: '2026-03-10T10:00:00+01:00', endsAt: '2026-03-10T11:00:00+01:00', socialWorkerIds: [d.anna.id], ...(reason ? { reason } : {}) } });
    const byContact = await one(await d.as(d.anna), 'Brådskande, ingen annan ledig.');
    expect(byContact.statusCode).toBe(400);
    expect(byContact.json().detail).toMatch(/Bara enhetschefen/);
    const res = await one(await d.as(d.lead), 'Brådskande, ingen annan ledig.');
    expect(res.statusCode).toBe(200);
    const [row] = await d.db.select().from(meetings).where(eq(meetings.id, id));
    expect(row).toMatchObject({ status: 'scheduled', singleWorkerReason: 'Brådskande, ingen annan ledig.' });
    const actions = (await d.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))).map((a) => a.action);
    expect(actions).toContain('meeting.schedule_single_worker');
  });

  test('other meetings take one to three workers; the team lead is not a social worker for it', async () => {
    const d = await district();
    const asPrincipal = await d.as(d.principal);
    const id = (await request(d, asPrincipal, { type: 'follow_up' })).json().id;
    expect((await schedule(d, id, await d.as(d.lead), [d.lead.id])).json()).toMatchObject({ code: 'invalid_request', detail: 'Välj socialsekreterare i teamet.' });
    expect((await schedule(d, id, await d.as(d.lead), [d.cia.id])).statusCode).toBe(200);
  });

  test('a contact of the organisation may schedule; another social worker may not', async () => {
    const d = await district();
    const id = await requested(d);
    expect((await schedule(d, id, await d.as(d.cia), [d.anna.id, d.bo.id])).statusCode).toBe(404);
    expect((await schedule(d, id, await d.as(d.anna), [d.anna.id, d.bo.id])).statusCode).toBe(200);
  });
});

describe('a person is never in two places at once', () => {
  test.each([
    ['another meeting', async (d: District) => {
      const first = await requested(d);
      expect((await schedule(d, first, await d.as(d.lead), [d.anna.id, d.cia.id], '2026-03-10T09:30:00+01:00', '2026-03-10T10:30:00+01:00')).statusCode).toBe(200);
    }, 'Anna Berg har ett möte tisdag 10 mars kl. 09.30–10.30.'],
    ['a walk-and-talk', async (d: District) => {
      await createSlot(d.db, { organisationId: d.school.id, hostIds: [d.anna.id], startsAt: '2026-03-10T10:30:00+01:00' });
    }, 'Anna Berg har en walk-and-talk tisdag 10 mars kl. 10.30–11.15.'],
    ['an absence', async (d: District) => addAbsence(d.db, d.anna.id, '2026-03-09', '2026-03-11'), 'Anna Berg är frånvarande tisdag 10 mars.'],
    ['a duty day', async (d: District) => putOnDuty(d.db, d.team.id, d.anna.id, '2026-03-10'), 'Anna Berg har jourtelefonen tisdag 10 mars.'],
  ])('a clash with %s is 409 schedule_conflict naming who and when', async (_what, arrange, sentence) => {
    const d = await district();
    await arrange(d);
    const id = await requested(d);
    const res = await schedule(d, id, await d.as(d.lead), [d.anna.id, d.bo.id]);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'schedule_conflict', detail: `${sentence} Välj en annan tid eller andra socialsekreterare.` });
    expect(res.body).not.toContain('Elev B');
    expect(await d.db.select().from(meetingWorkers).where(eq(meetingWorkers.meetingId, id))).toHaveLength(0);
  });

  test('the free/busy table shows the clash before it is refused', async () => {
    const d = await district();
    await putOnDuty(d.db, d.team.id, d.bo.id, '2026-03-11');
    const id = await requested(d);
    const table = (await d.app.inject({ method: 'GET', url: `/api/meetings/${id}/free-busy`, headers: await d.as(d.lead) })).json();
    const bo = table.find((r: { name: string }) => r.name === 'Bo Ek');
    expect(bo.times.map((t: { free: boolean; reason: string | null }) => [t.free, t.reason])).toEqual([[true, null], [false, 'Har jourtelefonen']]);
  });

  test('an absence or a duty day over a scheduled meeting is refused too', async () => {
    const d = await district();
    const id = await requested(d);
    await schedule(d, id, await d.as(d.lead), [d.anna.id, d.bo.id]);
    const absence = await d.app.inject({ method: 'POST', url: '/api/me/absences', headers: await d.as(d.anna), payload: { startsOn: '2026-03-10', endsOn: '2026-03-10' } });
    expect(absence.statusCode).toBe(409);
    expect(absence.json().detail).toBe('Du har ett möte tisdag 10 mars kl. 10.00 och kan inte vara borta då. Ställ in eller flytta tiden först.');
  });

  test('20 schedulings of the same worker at the same time at once: exactly one succeeds', async () => {
    const d = await district();
    const asLead = await d.as(d.lead);
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push((await request(d, asLead, { type: 'follow_up' })).json().id);
    const results = await Promise.all(ids.map((id) => schedule(d, id, asLead, [d.cia.id])));
    const counts = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 200: 1, 409: 19 });
    expect(await d.db.select().from(meetingWorkers).where(eq(meetingWorkers.userId, d.cia.id))).toHaveLength(1);
  }, 60_000);
});

describe('rescheduling, cancelling and the invite', () => {
  test('a reschedule keeps the UID and raises SEQUENCE; a cancel is METHOD:CANCEL', async () => {
    const d = await district();
    const id = await requested(d);
    const asLead = await d.as(d.lead);
    await schedule(d, id, asLead, [d.anna.id, d.bo.id]);
    const asAnna = await d.as(d.anna);
    const parse = async () => {
      const res = await d.app.inject({ method: 'GET', url: `/api/meetings/${id}/calendar.ics`, headers: asAnna });
      expect(res.headers['content-type']).toContain('text/calendar');
      expect(res.body).not.toContain('Elev B');
      const cal = new ICAL.Component(ICAL.parse(res.body));
      const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
      return { method: cal.getFirstPropertyValue('method'), uid: ev.uid, sequence: ev.sequence, start: ev.startDate.toJSDate().toISOString() };
    };
    expect(await parse()).toEqual({ method: 'PUBLISH', uid: `meeting-${id}@samverkan`, sequence: 0, start: '2026-03-10T09:00:00.000Z' });

    const noReason = await d.app.inject({ method: 'POST', url: `/api/meetings/${id}/reschedule`, headers: asLead, payload: { startsAt: '2026-03-12T10:00:00+01:00', endsAt: '2026-03-12T11:00:00+01:00' } });
    expect(noReason.statusCode).toBe(400);
    const moved = await d.app.inject({ method: 'POST', url: `/api/meetings/${id}/reschedule`, headers: asLead, payload: { startsAt: '2026-03-12T10:00:00+01:00', endsAt: '2026-03-12T11:00:00+01:00', reason: 'Vårdnadshavare kan inte tisdag' } });
    expect(moved.json()).toMatchObject({ startsAt: '2026-03-12T09:00:00.000Z', changeReason: 'Vårdnadshavare kan inte tisdag' });
    expect(await parse()).toEqual({ method: 'PUBLISH', uid: `meeting-${id}@samverkan`, sequence: 1, start: '2026-03-12T09:00:00.000Z' });

    const cancelled = await d.app.inject({ method: 'POST', url: `/api/meetings/${id}/cancel`, headers: await d.as(d.principal), payload: { reason: 'Familjen har flyttat' } });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await parse()).toMatchObject({ method: 'CANCEL', uid: `meeting-${id}@samverkan`, sequence: 2 });
    // The workers are free again at once.
    const again = await request(d, asLead, { type: 'follow_up' });
    expect((await schedule(d, again.json().id, asLead, [d.anna.id], '2026-03-12T10:00:00+01:00', '2026-03-12T11:00:00+01:00')).statusCode).toBe(200);
    // A cancelled meeting cannot be scheduled.
    expect((await schedule(d, id, asLead, [d.anna.id, d.bo.id])).statusCode).toBe(400);
  });

  test('meeting times keep their wall-clock time across the spring DST change', async () => {
    const d = await district();
    const id = (await request(d, await d.as(d.principal), { proposedTimes: [{ startsAt: '2026-03-30T13:00:00+02:00', endsAt: '2026-03-30T14:00:00+02:00' }] })).json().id;
    const res = await schedule(d, id, await d.as(d.lead), [d.anna.id, d.bo.id], '2026-03-30T13:00:00+02:00', '2026-03-30T14:00:00+02:00');
    expect(res.json()).toMatchObject({ startsAt: '2026-03-30T11:00:00.000Z', proposedTimes: [{ startsAt: '2026-03-30T11:00:00.000Z' }] });
  });
});

describe('who sees a meeting', () => {
  test.each([
    ['the principal', 'principal', 200],
    ['elevhälsan', 'health', 200],
    ['the team lead', 'lead', 200],
    ['an assigned worker', 'bo', 200],
    ['a pedagogue who did not ask', 'pedagogue', 404],
    ['another school’s principal', 'otherPrincipal', 404],
    ['the police', 'officer', 404],
    ['a social worker who is neither contact nor assigned', 'cia', 404],
  ] as const)('%s → %i', async (_who, key, status) => {
    const d = await district();
    const id = await requested(d);
    await schedule(d, id, await d.as(d.lead), [d.anna.id, d.bo.id]);
    const res = await d.app.inject({ method: 'GET', url: `/api/meetings/${id}`, headers: await d.as(d[key]) });
    expect(res.statusCode).toBe(status);
  });

  test('a pedagogue may not ask for a meeting; the police ask for collaboration meetings only', async () => {
    const d = await district();
    expect((await request(d, await d.as(d.pedagogue))).statusCode).toBe(403);
    const asOfficer = await d.as(d.officer);
    expect((await request(d, asOfficer, { organisationId: d.police.id })).json()).toMatchObject({ code: 'invalid_request', detail: 'Polisen begär samverkansmöten.' });
    // A collaboration meeting has no guardians to ask about.
    const ok = await request(d, asOfficer, { organisationId: d.police.id, type: 'police_collaboration', label: 'Samverkan Västerort', guardiansInformed: undefined, guardiansAttending: undefined });
    expect(ok.statusCode).toBe(201);
    expect((await d.app.inject({ method: 'GET', url: `/api/meetings/${ok.json().id}`, headers: asOfficer })).statusCode).toBe(200);
    expect((await request(d, await d.as(d.otherPrincipal))).statusCode).toBe(404);
  });
});

describe('bad input changes nothing', () => {
  test.each([
    ['no proposed times', { proposedTimes: [] }, 'proposedTimes'],
    ['six proposed times', { proposedTimes: Array.from({ length: 6 }, (_, i) => ({ startsAt: `2026-03-1${i}T10:00:00+01:00`, endsAt: `2026-03-1${i}T11:00:00+01:00` })) }, 'proposedTimes'],
    ['an end before its start', { proposedTimes: [{ startsAt: '2026-03-10T10:00:00+01:00', endsAt: '2026-03-10T09:00:00+01:00' }] }, 'proposedTimes.0.endsAt'],
    ['an unknown type', { type: 'coffee' }, 'type'],
    ['a time in the past', { proposedTimes: [{ startsAt: '2026-03-01T10:00:00+01:00', endsAt: '2026-03-01T11:00:00+01:00' }] }, 'proposedTimes.0.startsAt'],
    ['an anmälningsmöte without saying whether the guardians know', { guardiansInformed: undefined }, 'guardiansInformed'],
  ])('%s → 400 in Swedish', async (_what, over, field) => {
    const d = await district();
    const res = await request(d, await d.as(d.principal), over);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_request', fields: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(await d.db.select().from(meetings).where(eq(meetings.organisationId, d.school.id))).toHaveLength(0);
  });

  test('a label with a personnummer is 422 identifying_data', async () => {
    const d = await district();
    const res = await request(d, await d.as(d.principal), { label: 'Elev 120315-1234' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('identifying_data');
    expect(await d.db.select().from(meetings).where(eq(meetings.organisationId, d.school.id))).toHaveLength(0);
  });
});
