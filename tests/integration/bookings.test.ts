import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookings, slots } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createSlot, createUser } from '../helpers/factories.ts';

// Monday 2 March 2026, 09:00 in Stockholm.
async function district() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const pedagogue = await createUser(db, { name: 'Per Pedagog', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  const colleague = await createUser(db, { name: 'Karin Kollega', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
  return { app, db, clock, ...d, anna, lead, pedagogue, colleague, slot, asPedagogue: await asUser(app, pedagogue) };
}

const book = (app: Awaited<ReturnType<typeof district>>['app'], slotId: string, headers: { cookie: string }, payload: object = { topic: 'unsure_report' }) =>
  app.inject({ method: 'POST', url: `/api/slots/${slotId}/bookings`, headers, payload });

describe('booking a walk-and-talk', () => {
  test('a pedagogue books with a topic and a note, and finds it under Mina bokningar', async () => {
    const { app, slot, asPedagogue } = await district();
    const res = await book(app, slot.id, asPedagogue, { topic: 'unsure_report', note: 'Oro kring en elev i åk 7B sedan v. 8.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slotId: slot.id, topic: 'unsure_report', status: 'booked' });
    const mine = (await app.inject({ method: 'GET', url: '/api/bookings?mine=true', headers: asPedagogue })).json();
    expect(mine).toEqual([expect.objectContaining({ note: 'Oro kring en elev i åk 7B sedan v. 8.', location: 'Vid huvudentrén', hosts: [expect.objectContaining({ name: 'Anna Berg' })] })]);
  });

  test('when the slot is taken, a second booking gets 409 slot_taken offering the next free slots', async () => {
    const { app, db, school, anna, slot, asPedagogue, colleague } = await district();
    await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-24T13:00:00+01:00' });
    expect((await book(app, slot.id, asPedagogue)).statusCode).toBe(201);
    const second = await book(app, slot.id, await asUser(app, colleague));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'slot_taken',
      detail: 'Tiden hann bli fullbokad. Lediga tider: tisdag 24 mars kl. 13.00.',
      alternatives: [{ startsAt: '2026-03-24T12:00:00.000Z' }],
    });
  });

  test('100 people pressing at once on one slot: exactly one 201 and 99 × 409', async () => {
    const { app, db, school, slot } = await district();
    const people = await Promise.all(Array.from({ length: 100 }, () => createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] })));
    const sessions = [];
    for (const p of people) sessions.push(await asUser(app, p));
    const results = await Promise.all(sessions.map((s) => book(app, slot.id, s)));
    const counts = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 201: 1, 409: 99 });
    expect(await db.select().from(bookings).where(eq(bookings.slotId, slot.id))).toHaveLength(1);
    expect((await db.select().from(slots).where(eq(slots.id, slot.id)))[0]!.booked).toBe(1);
  }, 60_000);

  test('a slot of capacity 3 takes at most 3 bookings', async () => {
    const { app, db, school, anna } = await district();
    const group = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-12T13:00:00+01:00', capacity: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, () => createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] })));
    const sessions = [];
    for (const p of people) sessions.push(await asUser(app, p));
    const codes = (await Promise.all(sessions.map((s) => book(app, group.id, s)))).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
  }, 30_000);

  test.each([
    ['a personnummer', '120317-1234 behöver hjälp'],
    ['a phone number', 'ring mamman på 070-123 45 67'],
    ['an e-mail address', 'skriv till pappa@example.com'],
  ])('a note with %s is refused with 422 identifying_data and the slot stays free', async (_kind, note) => {
    const { app, db, slot, asPedagogue } = await district();
    const res = await book(app, slot.id, asPedagogue, { topic: 'general_question', note });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'identifying_data', fields: [expect.objectContaining({ field: 'note' })] });
    expect(res.json().detail).toMatch(/Skriv om/);
    expect((await db.select().from(slots).where(eq(slots.id, slot.id)))[0]!.booked).toBe(0);
  });

  test.each([
    ['an unknown topic', { topic: 'gossip' }, 400],
    ['a note over 1,000 characters', { topic: 'general_question', note: 'a'.repeat(1001) }, 400],
  ])('bad input (%s) is a 4xx in Swedish, nothing written, the slot still free', async (_name, payload, status) => {
    const { app, db, slot, asPedagogue } = await district();
    const res = await book(app, slot.id, asPedagogue, payload);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await db.select().from(bookings).where(eq(bookings.slotId, slot.id))).toHaveLength(0);
  });

  test('a slot in the past cannot be booked', async () => {
    const { app, db, school, anna, asPedagogue } = await district();
    const past = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-02-24T13:00:00+01:00' });
    const res = await book(app, past.id, asPedagogue);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('Tiden har redan varit. Välj en tid som inte har passerat.');
  });

  test.each([
    ['a pedagogue of another school', 'other_staff', 404],
    ['police', 'police', 404],
    ['a social worker of the team', 'team', 403],
  ])('%s cannot book the slot', async (_who, kind, status) => {
    const { app, db, team, slot } = await district();
    const other = await createDistrict(db);
    const membership =
      kind === 'other_staff' ? { organisationId: other.school.id, role: 'pedagogue' as const }
      : kind === 'police' ? { organisationId: (await createDistrict(db)).team.id, role: 'police' as const }
      : { organisationId: team.id, role: 'social_worker' as const };
    const person = await createUser(db, { memberships: [membership] });
    expect((await book(app, slot.id, await asUser(app, person))).statusCode).toBe(status);
  });

  test("the unit's principal books at one of its preschools", async () => {
    const { app, db, unit, preschool, anna } = await district();
    const s = await createSlot(db, { organisationId: preschool.id, hostIds: [anna.id], startsAt: '2026-03-11T09:00:00+01:00' });
    const principal = await createUser(db, { memberships: [{ organisationId: unit.id, role: 'principal' }] });
    expect((await book(app, s.id, await asUser(app, principal))).statusCode).toBe(201);
  });
});

describe('after booking', () => {
  test('the booker cancels and the seat is free again at once', async () => {
    const { app, slot, asPedagogue, colleague } = await district();
    const { id } = (await book(app, slot.id, asPedagogue)).json();
    const cancelled = await app.inject({ method: 'POST', url: `/api/bookings/${id}/cancel`, headers: asPedagogue, payload: {} });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelled: { byName: 'Per Pedagog' } });
    expect((await book(app, slot.id, await asUser(app, colleague))).statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: `/api/bookings/${id}/cancel`, headers: asPedagogue, payload: {} });
    expect(again.statusCode).toBe(400);
  });

  test('moving is one step: the new seat is taken and the old one freed', async () => {
    const { app, db, school, anna, slot, asPedagogue } = await district();
    const later = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-17T13:00:00+01:00' });
    const { id } = (await book(app, slot.id, asPedagogue)).json();
    const moved = await app.inject({ method: 'POST', url: `/api/bookings/${id}/move`, headers: asPedagogue, payload: { slotId: later.id } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ slotId: later.id, startsAt: '2026-03-17T12:00:00.000Z' });
    const counts = await db.select({ id: slots.id, booked: slots.booked }).from(slots).where(eq(slots.organisationId, school.id));
    expect(Object.fromEntries(counts.map((c) => [c.id, c.booked]))).toEqual({ [slot.id]: 0, [later.id]: 1 });
  });

  test('moving to a full slot changes nothing', async () => {
    const { app, db, school, anna, slot, asPedagogue, colleague } = await district();
    const later = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-17T13:00:00+01:00' });
    const { id } = (await book(app, slot.id, asPedagogue)).json();
    await book(app, later.id, await asUser(app, colleague));
    const moved = await app.inject({ method: 'POST', url: `/api/bookings/${id}/move`, headers: asPedagogue, payload: { slotId: later.id } });
    expect(moved.statusCode).toBe(409);
    const mine = (await app.inject({ method: 'GET', url: `/api/bookings/${id}`, headers: asPedagogue })).json();
    expect(mine).toMatchObject({ slotId: slot.id, status: 'booked' });
  });

  test('the host sees topic and note in the week, and marks the booking attended after it began', async () => {
    const { app, clock, anna, pedagogue, slot, asPedagogue } = await district();
    const { id } = (await book(app, slot.id, asPedagogue, { topic: 'plan_report', note: 'Planera anmälan' })).json();
    const asAnna = await asUser(app, anna);
    const week = (await app.inject({ method: 'GET', url: '/api/me/hosted-slots?from=2026-03-09&to=2026-03-15', headers: asAnna })).json();
    expect(week[0].bookings).toEqual([{ id, bookerName: 'Per Pedagog', topic: 'plan_report', note: 'Planera anmälan', status: 'booked' }]);
    const early = await app.inject({ method: 'POST', url: `/api/bookings/${id}/attendance`, headers: asAnna, payload: { status: 'attended' } });
    expect(early.statusCode).toBe(400);
    clock.set('2026-03-10T14:00:00+01:00');
    const done = await app.inject({ method: 'POST', url: `/api/bookings/${id}/attendance`, headers: await asUser(app, anna), payload: { status: 'no_show' } });
    expect(done.json()).toMatchObject({ status: 'no_show' });
    const byBooker = await app.inject({ method: 'POST', url: `/api/bookings/${id}/attendance`, headers: await asUser(app, pedagogue), payload: { status: 'attended' } });
    expect(byBooker.statusCode).toBe(403);
  });

  test('when the host cancels the slot, the booker sees it cancelled with the reason', async () => {
    const { app, anna, slot, asPedagogue } = await district();
    const { id } = (await book(app, slot.id, asPedagogue)).json();
    await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/cancel`, headers: await asUser(app, anna), payload: { reason: 'Sjukdom' } });
    const mine = (await app.inject({ method: 'GET', url: `/api/bookings/${id}`, headers: asPedagogue })).json();
    expect(mine).toMatchObject({ status: 'cancelled', cancelled: { reason: 'Sjukdom', byName: 'Anna Berg' } });
  });

  test('another school, and a colleague at the same school, get 404 on the booking; the team lead sees it', async () => {
    const { app, db, slot, asPedagogue, colleague, lead } = await district();
    const { id } = (await book(app, slot.id, asPedagogue, { topic: 'known_child', note: 'Hemlig' })).json();
    const other = await createDistrict(db);
    const stranger = await createUser(db, { memberships: [{ organisationId: other.school.id, role: 'principal' }] });
    for (const person of [stranger, colleague]) {
      const headers = await asUser(app, person);
      expect((await app.inject({ method: 'GET', url: `/api/bookings/${id}`, headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/bookings/${id}/cancel`, headers, payload: {} })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/bookings/${id}/calendar.ics`, headers })).statusCode).toBe(404);
    }
    expect((await app.inject({ method: 'GET', url: `/api/slots?organisationId=${slot.organisationId}`, headers: await asUser(app, stranger) })).statusCode).toBe(404);
    const byLead = await app.inject({ method: 'GET', url: `/api/bookings/${id}`, headers: await asUser(app, lead) });
    expect(byLead.json()).toMatchObject({ note: 'Hemlig' });
  });
});

describe('the calendar invite', () => {
  test('parses back with the right instant, a stable UID, no note, and SEQUENCE + METHOD:CANCEL after cancelling', async () => {
    const { app, db, school, anna, slot, asPedagogue } = await district();
    const { id } = (await book(app, slot.id, asPedagogue, { topic: 'known_child', note: 'Syskon i åk 3' })).json();
    const read = async () => {
      const res = await app.inject({ method: 'GET', url: `/api/bookings/${id}/calendar.ics`, headers: asPedagogue });
      expect(res.headers['content-type']).toContain('text/calendar');
      expect(res.body).not.toContain('Syskon');
      const cal = new ICAL.Component(ICAL.parse(res.body));
      const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
      return { method: cal.getFirstPropertyValue('method'), uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate().toISOString(), status: cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status') };
    };
    const first = await read();
    expect(first).toMatchObject({ method: 'PUBLISH', sequence: 0, start: '2026-03-10T12:00:00.000Z', status: 'CONFIRMED' });
    const later = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-31T13:00:00+02:00' });
    await app.inject({ method: 'POST', url: `/api/bookings/${id}/move`, headers: asPedagogue, payload: { slotId: later.id } });
    const moved = await read();
    expect(moved).toMatchObject({ uid: first.uid, sequence: 1, start: '2026-03-31T11:00:00.000Z' });
    await app.inject({ method: 'POST', url: `/api/bookings/${id}/cancel`, headers: asPedagogue, payload: {} });
    expect(await read()).toMatchObject({ uid: first.uid, sequence: 2, method: 'CANCEL', status: 'CANCELLED' });
  });
});

describe('the slot list kept between reads', () => {
  test('a seat taken, freed or a slot cancelled shows on the very next read, and a slot that has begun leaves the list', async () => {
    const { app, db, clock, school, anna, slot, asPedagogue, colleague } = await district();
    const headers = await asUser(app, colleague);
    const listed = async () =>
      (await app.inject({ method: 'GET', url: `/api/slots?organisationId=${school.id}`, headers })).json().map((s: { id: string; booked: number; bookable: boolean; cancelled: unknown }) => ({ id: s.id, booked: s.booked, bookable: s.bookable, cancelled: s.cancelled !== null }));

    expect(await listed()).toEqual([{ id: slot.id, booked: 0, bookable: true, cancelled: false }]);
    const booking = (await book(app, slot.id, asPedagogue)).json();
    expect(await listed()).toEqual([{ id: slot.id, booked: 1, bookable: false, cancelled: false }]);
    await app.inject({ method: 'POST', url: `/api/bookings/${booking.id}/cancel`, headers: asPedagogue, payload: {} });
    expect(await listed()).toEqual([{ id: slot.id, booked: 0, bookable: true, cancelled: false }]);

    // Written straight to the database, as another instance of the app would.
    await db.update(slots).set({ cancelledAt: new Date('2026-03-02T08:30:00Z'), cancelReason: 'Sjuk' }).where(eq(slots.id, slot.id));
    expect(await listed()).toEqual([{ id: slot.id, booked: 0, bookable: false, cancelled: true }]);

    const later = await createSlot(db, { organisationId: school.id, hostIds: [anna.id], startsAt: '2026-03-02T09:30:00+01:00' });
    expect((await listed()).map((s: { id: string }) => s.id)).toEqual([later.id, slot.id]);
    clock.set('2026-03-02T09:31:00+01:00'); // the same day: the kept window is still used, and filtered
    expect((await listed()).map((s: { id: string }) => s.id)).toEqual([slot.id]);
  });
});
