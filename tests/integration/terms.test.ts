import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createOrganisation, createSlot, createUser } from '../helpers/factories.ts';

type Headers = { cookie: string };

async function unit() {
  const clock = fixedClock('2026-09-01T09:00:00+02:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const second = await createOrganisation(db, { kind: 'preschool', name: 'Förskolan Ekorren', parentId: d.unit.id, servingTeamId: d.team.id });
  const first = await createOrganisation(db, { kind: 'preschool', name: 'Förskolan Solrosen', parentId: d.unit.id, servingTeamId: d.team.id });
  const other = await createOrganisation(db, { kind: 'school', servingTeamId: d.team.id });
  const mk = (name: string, organisationId: string | null, role: 'principal' | 'pedagogue' | 'social_worker' | 'admin') => createUser(db, { name, memberships: [{ organisationId, role }] });
  const people = {
    chief: await mk('Frida Förskolechef', d.unit.id, 'principal'),
    ada: await mk('Ada Ek', first.id, 'pedagogue'),
    bea: await mk('Bea Berg', first.id, 'pedagogue'),
    cia: await mk('Cia Lund', second.id, 'pedagogue'),
    worker: await mk('Anna Berg', d.team.id, 'social_worker'),
    otherPrincipal: await mk('Olle Rektor', other.id, 'principal'),
    admin: await mk('Sara Systemförvaltare', null, 'admin'),
  };
  const as = async (u: { email: string; password: string }): Promise<Headers> => asUser(app, u);
  return { app, db, clock, ...d, first, second, people, as };
}
type Unit = Awaited<ReturnType<typeof unit>>;

const term = { kind: 'term', name: 'Höstterminen 2026', startsOn: '2026-08-18', endsOn: '2026-12-18' };
const addPeriod = (u: Unit, headers: Headers, body: object, org = u.unit.id) => u.app.inject({ method: 'POST', url: `/api/organisations/${org}/school-periods`, headers, payload: body });

describe('terms and lov', () => {
  test('the unit’s förskolechef enters them; its preschools follow them; overlaps and bad input are refused', async () => {
    const u = await unit();
    const chief = await u.as(u.people.chief);
    expect((await addPeriod(u, chief, term)).statusCode).toBe(201);
    expect((await addPeriod(u, chief, { kind: 'break', name: 'Höstlov', startsOn: '2026-10-26', endsOn: '2026-10-30' })).statusCode).toBe(201);
    const seen = (await u.app.inject({ method: 'GET', url: `/api/organisations/${u.first.id}/school-periods`, headers: await u.as(u.people.ada) })).json();
    expect(seen.map((p: { name: string; inherited: boolean }) => [p.name, p.inherited])).toEqual([
      ['Höstterminen 2026', true],
      ['Höstlov', true],
    ]);

    const overlap = await addPeriod(u, chief, { ...term, name: 'Extra', startsOn: '2026-12-01', endsOn: '2027-01-20' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().detail).toBe('Terminen överlappar Höstterminen 2026.');
    expect((await addPeriod(u, chief, { kind: 'break', name: 'Lov', startsOn: '2026-11-02', endsOn: '2026-11-01' })).statusCode).toBe(400);
    expect((await addPeriod(u, chief, { kind: 'break', name: 'Lov', startsOn: '2026-11-02', endsOn: '2026-11-03', bookingRequired: true })).statusCode).toBe(400);
    expect((await addPeriod(u, await u.as(u.people.ada), { ...term, startsOn: '2027-01-11', endsOn: '2027-06-10' }, u.first.id)).statusCode).toBe(403);
    expect((await addPeriod(u, await u.as(u.people.otherPrincipal), { ...term, startsOn: '2027-01-11', endsOn: '2027-06-10' })).statusCode).toBe(404);
    expect((await addPeriod(u, await u.as(u.people.admin), { ...term, name: 'Vårterminen 2027', startsOn: '2027-01-11', endsOn: '2027-06-10' })).statusCode).toBe(201);
    expect((await u.app.inject({ method: 'GET', url: `/api/organisations/${u.unit.id}/school-periods`, headers: chief })).json()).toHaveLength(3);
  });
});

describe('mandatory booking for a term', () => {
  test('the förskolechef sees per preschool who has booked and who not yet, and reminds those who have not, once', async () => {
    const u = await unit();
    const chief = await u.as(u.people.chief);
    const id = (await addPeriod(u, chief, term)).json().id as string;
    const slot = await createSlot(u.db, { organisationId: u.first.id, hostIds: [u.people.worker.id], startsAt: '2026-09-09T13:30:00+02:00' });
    const asAda = await u.as(u.people.ada);
    expect((await u.app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: asAda, payload: { topic: 'general_question' } })).statusCode).toBe(201);

    const coverage = (await u.app.inject({ method: 'GET', url: `/api/school-periods/${id}/booking-coverage`, headers: chief })).json();
    expect(coverage.groups).toEqual([
      { name: 'Förskolan Ekorren', pedagogues: [{ userId: u.people.cia.id, name: 'Cia Lund', booked: false, remindedAt: null }] },
      {
        name: 'Förskolan Solrosen',
        pedagogues: [
          { userId: u.people.ada.id, name: 'Ada Ek', booked: true, remindedAt: null },
          { userId: u.people.bea.id, name: 'Bea Berg', booked: false, remindedAt: null },
        ],
      },
    ]);
    expect((await u.app.inject({ method: 'GET', url: `/api/school-periods/${id}/booking-coverage`, headers: asAda })).statusCode).toBe(404);

    const remind = (body: object = {}) => u.app.inject({ method: 'POST', url: `/api/school-periods/${id}/reminders`, headers: chief, payload: body });
    expect((await remind()).statusCode).toBe(400);
    expect((await u.app.inject({ method: 'PUT', url: `/api/school-periods/${id}/booking-required`, headers: chief, payload: { bookingRequired: true } })).statusCode).toBe(200);
    expect((await remind({ userIds: [u.people.worker.id] })).statusCode).toBe(400);
    expect((await remind()).json()).toEqual({ sent: 2, alreadyReminded: 0 });
    expect((await remind()).json()).toEqual({ sent: 0, alreadyReminded: 2 });

    const asBea = await u.as(u.people.bea);
    const mine = (await u.app.inject({ method: 'GET', url: '/api/me/reminders', headers: asBea })).json();
    expect(mine).toEqual([expect.objectContaining({ periodName: 'Höstterminen 2026', organisationName: 'Förskolan Solrosen', sentByName: 'Frida Förskolechef', endsOn: '2026-12-18' })]);
    expect((await u.app.inject({ method: 'GET', url: '/api/me/reminders', headers: asAda })).json()).toEqual([]);
    // Someone else's reminder cannot be put away; one's own can.
    expect((await u.app.inject({ method: 'POST', url: `/api/reminders/${mine[0].id}/dismiss`, headers: asAda })).statusCode).toBe(404);
    // Booking makes the reminder go away by itself.
    const later = await createSlot(u.db, { organisationId: u.first.id, hostIds: [u.people.worker.id], startsAt: '2026-09-16T13:30:00+02:00' });
    await u.app.inject({ method: 'POST', url: `/api/slots/${later.id}/bookings`, headers: asBea, payload: { topic: 'general_question' } });
    expect((await u.app.inject({ method: 'GET', url: '/api/me/reminders', headers: asBea })).json()).toEqual([]);

    const asCia = await u.as(u.people.cia);
    const cias = (await u.app.inject({ method: 'GET', url: '/api/me/reminders', headers: asCia })).json();
    expect((await u.app.inject({ method: 'POST', url: `/api/reminders/${cias[0].id}/dismiss`, headers: asCia })).statusCode).toBe(204);
    expect((await u.app.inject({ method: 'GET', url: '/api/me/reminders', headers: asCia })).json()).toEqual([]);
    const after = (await u.app.inject({ method: 'GET', url: `/api/school-periods/${id}/booking-coverage`, headers: chief })).json();
    expect(after.groups.flatMap((g: { pedagogues: { booked: boolean }[] }) => g.pedagogues.map((p) => p.booked))).toEqual([false, true, true]);
  });
});
