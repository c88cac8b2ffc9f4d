import { describe, expect, test } from 'vitest';
import { slots } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, addSchoolPeriod, createDistrict, createSlot, createUser, putOnDuty } from '../helpers/factories.ts';
import { eq } from 'drizzle-orm';

// Monday 2 March 2026, 09:00 in Stockholm.
async function district() {
  const { app, db } = await buildTestApp({ clock: fixedClock('2026-03-02T09:00:00+01:00') });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const johan = await createUser(db, { name: 'Johan Lind', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const pedagogue = await createUser(db, { name: 'Per Pedagog', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  return { app, db, ...d, anna, johan, lead, pedagogue, asAnna: await asUser(app, anna) };
}

const series = (organisationId: string, hostIds: string[], over: Record<string, unknown> = {}) => ({
  organisationId,
  hostIds,
  weekday: 4,
  startTime: '13:00',
  durationMinutes: 45,
  intervalWeeks: 1,
  from: '2026-03-05',
  until: '2026-05-28',
  location: 'Vid huvudentrén',
  capacity: 1,
  ...over,
});

describe('publishing a walk-and-talk series', () => {
  test('13:00 stays 13:00 across DST; holidays, lov, absences and duty days are skipped with the reason', async () => {
    const { app, db, school, team, anna, asAnna } = await district();
    await addSchoolPeriod(db, school.id, { kind: 'break', name: 'Påsklov', startsOn: '2026-04-06', endsOn: '2026-04-10' });
    await addAbsence(db, anna.id, '2026-03-19', '2026-03-19');
    await putOnDuty(db, team.id, anna.id, '2026-04-23');

    const preview = await app.inject({ method: 'POST', url: '/api/slot-series/preview', headers: asAnna, payload: series(school.id, [anna.id]) });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().skipped).toEqual([
      { date: '2026-03-19', reason: 'absence', label: 'Anna Berg är borta' },
      { date: '2026-04-09', reason: 'school_break', label: 'Påsklov' },
      { date: '2026-04-23', reason: 'duty', label: 'Anna Berg har jourtelefonen' },
      { date: '2026-05-14', reason: 'holiday', label: 'Kristi himmelsfärdsdag' },
    ]);

    const res = await app.inject({ method: 'POST', url: '/api/slot-series', headers: asAnna, payload: series(school.id, [anna.id]) });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.slots).toHaveLength(13 - 4);
    const starts = created.slots.map((s: { startsAt: string }) => s.startsAt);
    expect(starts).toContain('2026-03-26T12:00:00.000Z'); // CET, before the spring change
    expect(starts).toContain('2026-04-02T11:00:00.000Z'); // CEST, after it
    expect(created.slots[0]).toMatchObject({ location: 'Vid huvudentrén', capacity: 1, booked: 0, bookable: true, hosts: [{ userId: anna.id, name: 'Anna Berg' }] });
  });

  test('a series across the October change keeps its wall time', async () => {
    const { app, school, anna, asAnna } = await district();
    const res = await app.inject({ method: 'POST', url: '/api/slot-series', headers: asAnna, payload: series(school.id, [anna.id], { weekday: 2, from: '2026-10-20', until: '2026-10-27' }) });
    expect(res.json().slots.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2026-10-20T11:00:00.000Z', '2026-10-27T12:00:00.000Z']);
  });

  test('days outside the terms count as lov when the school has entered terms', async () => {
    const { app, db, school, anna, asAnna } = await district();
    await addSchoolPeriod(db, school.id, { kind: 'term', name: 'Vårterminen 2026', startsOn: '2026-01-08', endsOn: '2026-03-12' });
    const res = await app.inject({ method: 'POST', url: '/api/slot-series/preview', headers: asAnna, payload: series(school.id, [anna.id], { until: '2026-03-19' }) });
    expect(res.json().skipped).toEqual([{ date: '2026-03-19', reason: 'school_break', label: 'utanför terminen' }]);
  });

  test("a preschool without terms of its own follows its unit's lov", async () => {
    const { app, db, unit, preschool, anna, asAnna } = await district();
    await addSchoolPeriod(db, unit.id, { kind: 'break', name: 'Sportlov', startsOn: '2026-03-09', endsOn: '2026-03-13' });
    const res = await app.inject({ method: 'POST', url: '/api/slot-series/preview', headers: asAnna, payload: series(preschool.id, [anna.id], { until: '2026-03-19' }) });
    expect(res.json().skipped).toEqual([{ date: '2026-03-12', reason: 'school_break', label: 'Sportlov' }]);
  });

  test('a pair walks together, and a host already busy at that time is skipped for the pair', async () => {
    const { app, db, school, anna, johan, asAnna } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [johan.id], startsAt: '2026-03-12T13:30:00+01:00' });
    const res = await app.inject({ method: 'POST', url: '/api/slot-series', headers: asAnna, payload: series(school.id, [anna.id, johan.id], { until: '2026-03-19' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().skipped).toEqual([{ date: '2026-03-12', reason: 'busy', label: 'Johan Lind är upptagen då' }]);
    expect(res.json().slots[0].hosts.map((h: { name: string }) => h.name)).toEqual(['Anna Berg', 'Johan Lind']);
  });

  test('the database refuses one host in two slots at once, whoever writes them', async () => {
    const { db, school, anna } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-12T13:00:00+01:00' });
    await expect(createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-12T13:30:00+01:00' })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23P01' }),
    });
  });

  test.each([
    ['until before from', { from: '2026-04-01', until: '2026-03-01' }, 'until'],
    ['longer than a year', { from: '2026-03-05', until: '2027-03-12' }, 'until'],
    ['a weekday out of range', { weekday: 8 }, 'weekday'],
    ['a start time that is not a time', { startTime: '25:00' }, 'startTime'],
    ['no host', { hostIds: [] }, 'hostIds'],
  ])('bad input (%s) is a 400 in Swedish and writes nothing', async (_name, over, field) => {
    const { app, db, school, anna, asAnna } = await district();
    const res = await app.inject({ method: 'POST', url: '/api/slot-series', headers: asAnna, payload: series(school.id, [anna.id], over) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await db.select().from(slots).where(eq(slots.organisationId, school.id))).toHaveLength(0);
  });

  test.each([
    ['ends before it begins', '&from=2026-04-01T00:00:00%2B02:00&to=2026-03-01T00:00:00%2B01:00'],
    ['longer than a year', '&from=2026-03-01T00:00:00%2B01:00&to=2027-03-03T00:00:00%2B01:00'],
    ['ends a year and more from now', '&to=2027-06-01T00:00:00%2B02:00'],
  ])('a slot list window that %s is a 400 in Swedish', async (_name, query) => {
    const { app, school, asAnna } = await district();
    const res = await app.inject({ method: 'GET', url: `/api/slots?organisationId=${school.id}${query}`, headers: asAnna });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_request', detail: 'Välj en period där slutet kommer efter början och som är högst ett år lång.' });
  });

  test('a series whose every date is skipped is refused, not saved empty', async () => {
    const { app, school, anna, asAnna } = await district();
    const res = await app.inject({ method: 'POST', url: '/api/slot-series', headers: asAnna, payload: series(school.id, [anna.id], { from: '2026-05-14', until: '2026-05-14' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('alla datum hoppas över');
  });

  test('only the serving team publishes; a social worker publishes only series they walk themselves', async () => {
    const { app, db, school, anna, johan, lead, pedagogue } = await district();
    const byPedagogue = await app.inject({ method: 'POST', url: '/api/slot-series', headers: await asUser(app, pedagogue), payload: series(school.id, [anna.id]) });
    expect(byPedagogue.statusCode).toBe(403);
    const forOther = await app.inject({ method: 'POST', url: '/api/slot-series', headers: await asUser(app, anna), payload: series(school.id, [johan.id]) });
    expect(forOther.statusCode).toBe(400);
    const byLead = await app.inject({ method: 'POST', url: '/api/slot-series', headers: await asUser(app, lead), payload: series(school.id, [johan.id], { until: '2026-03-12' }) });
    expect(byLead.statusCode).toBe(201);
    const otherTeam = await createDistrict(db);
    const foreign = await app.inject({ method: 'POST', url: '/api/slot-series', headers: await asUser(app, anna), payload: series(otherTeam.school.id, [anna.id]) });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('the slot list', () => {
  test("staff see their organisation's coming slots; another school gets 404", async () => {
    const { app, db, school, anna, pedagogue } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00', capacity: 2 });
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-02-24T13:00:00+01:00' });
    const res = await app.inject({ method: 'GET', url: `/api/slots?organisationId=${school.id}`, headers: await asUser(app, pedagogue) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ startsAt: '2026-03-10T12:00:00.000Z', capacity: 2, booked: 0, bookable: true, hosts: [{ userId: anna.id, name: 'Anna Berg' }] }),
    ]);
    const other = await createDistrict(db);
    const stranger = await createUser(db, { memberships: [{ organisationId: other.school.id, role: 'principal' }] });
    const hidden = await app.inject({ method: 'GET', url: `/api/slots?organisationId=${school.id}`, headers: await asUser(app, stranger) });
    expect(hidden.statusCode).toBe(404);
  });

  test('the host moves a slot and cancels another with a reason', async () => {
    const { app, db, school, anna, asAnna, pedagogue } = await district();
    const a = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const b = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-17T13:00:00+01:00' });
    const moved = await app.inject({ method: 'POST', url: `/api/slots/${a.id}/move`, headers: asAnna, payload: { startsAt: '2026-03-11T10:00:00+01:00' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: '2026-03-11T09:00:00.000Z', endsAt: '2026-03-11T09:45:00.000Z' });
    const onTop = await app.inject({ method: 'POST', url: `/api/slots/${b.id}/move`, headers: asAnna, payload: { startsAt: '2026-03-11T10:15:00+01:00' } });
    expect(onTop.statusCode).toBe(409);
    expect(onTop.json()).toMatchObject({ code: 'schedule_conflict' });
    const toHoliday = await app.inject({ method: 'POST', url: `/api/slots/${b.id}/move`, headers: asAnna, payload: { startsAt: '2026-04-06T10:00:00+02:00' } });
    expect(toHoliday.statusCode).toBe(409);
    expect(toHoliday.json().detail).toBe('Tiden kan inte flyttas dit: annandag påsk.');
    const byPedagogue = await app.inject({ method: 'POST', url: `/api/slots/${b.id}/cancel`, headers: await asUser(app, pedagogue), payload: { reason: 'Nej' } });
    expect(byPedagogue.statusCode).toBe(403);
    const cancelled = await app.inject({ method: 'POST', url: `/api/slots/${b.id}/cancel`, headers: asAnna, payload: { reason: 'Utbildningsdag' } });
    expect(cancelled.json()).toMatchObject({ cancelled: { reason: 'Utbildningsdag' }, bookable: false });
  });
});

describe('a host cannot be away or on duty while hosting', () => {
  test('an absence over a hosted walk-and-talk is 409 schedule_conflict, nothing written', async () => {
    const { app, db, school, anna, asAnna } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const res = await app.inject({ method: 'POST', url: '/api/me/absences', headers: asAnna, payload: { startsOn: '2026-03-09', endsOn: '2026-03-11' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'schedule_conflict', detail: 'Du har en walk-and-talk tisdag 10 mars kl. 13.00 och kan inte vara borta då. Ställ in eller flytta tiden först.' });
    expect((await app.inject({ method: 'GET', url: '/api/me/absences', headers: asAnna })).json()).toEqual([]);
  });

  test('putting a host on duty the day of their walk-and-talk is 409 schedule_conflict', async () => {
    const { app, db, school, team, anna, lead } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const res = await app.inject({ method: 'PUT', url: `/api/teams/${team.id}/roster/2026-03-10`, headers: await asUser(app, lead), payload: { userId: anna.id } });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('Anna Berg har en walk-and-talk tisdag 10 mars kl. 13.00 och kan inte ha jourtelefonen den dagen. Ställ in eller flytta tiden först.');
  });
});


describe('Mina serier: seeing and stopping a series', () => {
  test('the host sees their series with what is left; stopping it cancels the times to come and their bookings, once, and only a host or the lead may', async () => {
    const { app, school, anna, johan, lead, pedagogue, asAnna } = await district();
    const created = (await app.inject({ method: 'POST', url: '/api/slot-series', headers: asAnna, payload: series(school.id, [anna.id], { until: '2026-03-26' }) })).json();
    const asPedagogue = await asUser(app, pedagogue);
    expect((await app.inject({ method: 'POST', url: `/api/slots/${created.slots[0].id}/bookings`, headers: asPedagogue, payload: { topic: 'general_question' } })).statusCode).toBe(201);

    const mine = (await app.inject({ method: 'GET', url: '/api/slot-series', headers: asAnna })).json();
    expect(mine).toEqual([expect.objectContaining({ id: created.id, organisationName: school.name, weekday: 4, startTime: '13:00', upcoming: 4, booked: 1 })]);
    // Johan hosts none of it: he sees no series and may not stop it; a pedagogue may not either.
    const asJohan = await asUser(app, johan);
    expect((await app.inject({ method: 'GET', url: '/api/slot-series', headers: asJohan })).json()).toEqual([]);
    const stop = (headers: { cookie: string }, reason = 'Jag byter tjänst.') => app.inject({ method: 'POST', url: `/api/slot-series/${created.id}/stop`, headers, payload: { reason } });
    expect((await stop(asJohan)).statusCode).toBe(403);
    expect((await stop(asPedagogue)).statusCode).toBe(403);
    expect((await stop(asAnna, '')).statusCode).toBe(400);

    const stopped = await stop(await asUser(app, lead));
    expect(stopped.json()).toEqual({ cancelled: 4, bookingsCancelled: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/slot-series', headers: asAnna })).json()[0]).toMatchObject({ upcoming: 0, booked: 0, endsOn: '2026-03-05' });
    const booking = ((await app.inject({ method: 'GET', url: '/api/bookings', headers: asPedagogue })).json() as { slotId: string; status: string; cancelled: { reason: string } | null }[]).find((b) => b.slotId === created.slots[0].id);
    expect(booking).toMatchObject({ status: 'cancelled', cancelled: { reason: 'Jag byter tjänst.' } });
    // Stopping again finds nothing left.
    expect((await stop(asAnna)).json()).toEqual({ cancelled: 0, bookingsCancelled: 0 });
  });
});
