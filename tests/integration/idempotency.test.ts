import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookings, cases, idempotencyKeys, meetings, outbox, slots } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { openedCase } from '../helpers/cases.ts';
import { createDistrict, createSlot, createUser, reportMeetingRequest } from '../helpers/factories.ts';

// A booking sent again under the same Idempotency-Key (a retry after a lost answer, a double
// click) books once and answers with the first booking; the key with another request is refused.
async function district() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00', capacity: 3 });
  const other = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-17T13:00:00+01:00', capacity: 3 });
  const session = { headers: await asUser(app, pedagogue) };
  const book = (slotId: string, key: string | undefined, payload: object = { topic: 'unsure_report' }) =>
    app.inject({ method: 'POST', url: `/api/slots/${slotId}/bookings`, headers: { ...session.headers, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const seats = async (id: string) => (await db.select({ booked: slots.booked }).from(slots).where(eq(slots.id, id)))[0]!.booked;
  const mine = async () => db.select({ id: bookings.id }).from(bookings).where(eq(bookings.bookerId, pedagogue.id));
  return { app, db, clock, pedagogue, session, slot, other, book, seats, mine };
}

describe('Idempotency-Key on a booking', () => {
  test('sent again, the same booking comes back and nothing more is booked or mailed', async () => {
    const { db, slot, book, seats, mine } = await district();
    const mails = async () => (await db.select({ id: outbox.id }).from(outbox)).length;
    const first = await book(slot.id, 'boka-a1b2c3d4');
    const mailed = await mails();
    const again = await book(slot.id, 'boka-a1b2c3d4');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await seats(slot.id)).toBe(1);
    expect(await mine()).toHaveLength(1);
    expect(mailed).toBeGreaterThan(0);
    expect(await mails()).toBe(mailed);
  });

  test('copies sent at the same time book once', async () => {
    const { slot, book, seats, mine } = await district();
    const answers = await Promise.all(Array.from({ length: 5 }, () => book(slot.id, 'samtidigt-1234')));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await seats(slot.id)).toBe(1);
    expect(await mine()).toHaveLength(1);
  });

  test('the key with another request is 422 and changes nothing; without a key each request books', async () => {
    const { slot, other, book, seats, mine } = await district();
    expect((await book(slot.id, 'nyckel-12345678')).statusCode).toBe(201);
    const reused = await book(other.id, 'nyckel-12345678');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'invalid_request', fields: [{ field: 'Idempotency-Key' }] });
    const otherTopic = await book(slot.id, 'nyckel-12345678', { topic: 'general_question' });
    expect(otherTopic.statusCode).toBe(422);
    expect(await seats(other.id)).toBe(0);
    expect(await mine()).toHaveLength(1);
    // No key: a second booking of the same slot is the person's own double booking, refused as before.
    expect((await book(slot.id, undefined)).statusCode).toBe(400);
  });

  test('a refused booking leaves no key behind, a malformed key is 400, and a key is forgotten after a day', async () => {
    const { app, db, clock, pedagogue, session, slot, other, book } = await district();
    expect((await book(slot.id, 'kort')).statusCode).toBe(400);
    expect((await book(slot.id, 'å-ä-ö-nyckel-123')).statusCode).toBe(400);
    // The note names a personnummer: refused before anything is written, and the key stays free.
    const refused = await book(slot.id, 'dag-nyckel-123', { topic: 'unsure_report', note: 'Gäller 120315-1234' });
    expect(refused.statusCode).toBe(422);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, pedagogue.id))).toEqual([]);
    expect((await book(slot.id, 'dag-nyckel-123')).statusCode).toBe(201);
    // A day and an hour later the key is free for something new.
    clock.advance(25 * 3600_000);
    session.headers = await asUser(app, pedagogue);
    const later = await book(other.id, 'dag-nyckel-123');
    expect(later.statusCode).toBe(201);
    const kept = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, pedagogue.id));
    expect(kept.map((k) => k.resourceId)).toEqual([later.json().id]);
    // Only the key's digest is stored, never what the client wrote in it.
    expect(kept[0]!.key).not.toContain('nyckel');
    expect(kept[0]!.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('Idempotency-Key on a meeting request', () => {
  test('sent again, the same request comes back once; the key with another request is 422', async () => {
    const clock = fixedClock('2026-03-02T09:00:00+01:00');
    const { app, db } = await buildTestApp({ clock });
    const d = await createDistrict(db);
    const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
    const headers = { ...(await asUser(app, principal)), 'idempotency-key': 'mote-12345678' };
    const ask = (payload: object) => app.inject({ method: 'POST', url: '/api/meetings', headers, payload });
    const body = reportMeetingRequest(d.school.id, { proposedTimes: [{ startsAt: '2026-03-10T10:00:00+01:00', endsAt: '2026-03-10T11:00:00+01:00' }] });
    const answers = await Promise.all([ask(body), ask(body), ask(body)]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.requestedBy, principal.id))).toHaveLength(1);
    const other = await ask({ ...body, label: 'Elev Q, åk 2' });
    expect(other.statusCode).toBe(422);
    expect(await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.requestedBy, principal.id))).toHaveLength(1);
  });
});

describe('Idempotency-Key on a new case', () => {
  test('a case sent three times at once is opened once; the key with another label is 422 and opens nothing', async () => {
    const c = await openedCase();
    const headers = { ...(await c.as(c.anna)), 'idempotency-key': 'arende-12345678' };
    const open = (label: string) => c.app.inject({ method: 'POST', url: '/api/cases', headers, payload: { label, organisationIds: [c.school.id], workerIds: [c.anna.id] } });
    const answers = await Promise.all([open('Syskonen R'), open('Syskonen R'), open('Syskonen R')]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const opened = () => c.db.select({ id: cases.id }).from(cases).where(eq(cases.createdBy, c.anna.id));
    const before = (await opened()).length;
    const other = await open('Syskonen S');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('invalid_request');
    expect(await opened()).toHaveLength(before);
  });
});

describe('Idempotency-Key on a consent and on a message', () => {
  test('each is recorded once when sent again; the key with another request is 422', async () => {
    const c = await openedCase();
    const asAnna = await c.as(c.anna);
    const keyed = (key: string) => ({ ...asAnna, 'idempotency-key': key });
    const consent = { organisationId: c.school.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2026-03-04', validUntil: '2026-09-01' };
    const record = () => c.app.inject({ method: 'POST', url: `/api/cases/${c.caseId}/consents`, headers: keyed('samtycke-1234'), payload: consent });
    const [a, b] = await Promise.all([record(), record()]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json()).toEqual(a.json());
    const list = await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}/consents`, headers: asAnna });
    expect(list.json()).toHaveLength(1);
    const reused = await c.app.inject({ method: 'POST', url: `/api/cases/${c.caseId}/consents`, headers: keyed('samtycke-1234'), payload: { ...consent, form: 'verbal' } });
    expect(reused.statusCode).toBe(422);

    const message = { organisationId: c.school.id, scope: 'intervention_progress', body: 'Familjen har börjat i föräldrastödet.' };
    const write = () => c.app.inject({ method: 'POST', url: `/api/cases/${c.caseId}/feedback`, headers: keyed('meddelande-1234'), payload: message });
    const [m1, m2] = await Promise.all([write(), write()]);
    expect([m1.statusCode, m2.statusCode]).toEqual([201, 201]);
    expect(m2.json()).toEqual(m1.json());
    const thread = await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}/feedback`, headers: asAnna });
    expect(thread.json()).toHaveLength(1);
    expect((await c.app.inject({ method: 'POST', url: `/api/cases/${c.caseId}/feedback`, headers: keyed('meddelande-1234'), payload: { ...message, body: 'Något annat.' } })).statusCode).toBe(422);
  });
});
