import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { bookings } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createSlot, createUser } from '../helpers/factories.ts';

// Past its heap mark (here 1 MiB, so always) the app sheds: every new request is answered 503 at
// once, in Swedish, with Retry-After, and nothing is written. The health check still answers.
describe('overload sheds instead of collapsing', () => {
  test('past the heap mark: 503 unavailable with Retry-After, nothing booked; health still answers', async () => {
    const clock = fixedClock('2026-03-02T09:00:00+01:00');
    const calm = await buildTestApp({ clock });
    const d = await createDistrict(calm.db);
    const anna = await createUser(calm.db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const pedagogue = await createUser(calm.db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const session = await asUser(calm.app, pedagogue);
    const slot = await createSlot(calm.db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const book = (on: typeof calm.app) => on.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: session, payload: { topic: 'unsure_report' } });
    expect((await calm.app.inject({ method: 'GET', url: '/api/me', headers: session })).statusCode).toBe(200);

    const { app } = await buildTestApp({ clock, env: { OVERLOAD_HEAP_MB: '1' } });
    await sleep(700); // the marks are read every half second
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session });
    expect(me.statusCode).toBe(503);
    expect(me.headers['retry-after']).toBe('5');
    expect(me.headers['content-type']).toContain('application/problem+json');
    expect(me.json()).toMatchObject({ code: 'unavailable', status: 503, detail: expect.stringContaining('Försök igen om några sekunder') });

    expect((await book(app)).statusCode).toBe(503);
    expect(await calm.db.select().from(bookings).where(eq(bookings.slotId, slot.id))).toEqual([]);

    // A person in a browser gets a short page in Swedish that reloads itself, with the security headers.
    const page = await app.inject({ method: 'GET', url: '/walk-and-talk', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toContain('Samverkan har mycket att göra just nu');

    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await app.close();
    // The same booking, sent to a copy below its marks, is made.
    expect((await book(calm.app)).statusCode).toBe(201);
  });

  test('past the cap on pages in flight: the next page is shed until one is answered; API calls are not counted', async () => {
    const { app } = await buildTestApp({ env: { OVERLOAD_MAX_PAGES_IN_FLIGHT: '1' } });
    const html = { accept: 'text/html' };
    // A form post whose body is still on its way holds the one place.
    const body = new PassThrough();
    const slow = app.inject({ method: 'POST', url: '/login', headers: { ...html, 'content-type': 'application/json' }, payload: body });
    await sleep(50);
    const shed = await app.inject({ method: 'GET', url: '/walk-and-talk', headers: html });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    expect(shed.body).toContain('Samverkan har mycket att göra just nu');
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    body.end('{}');
    await slow;
    // Answered, it leaves its place: the next page is served (here: no web app mounted, 404).
    expect((await app.inject({ method: 'GET', url: '/walk-and-talk', headers: html })).statusCode).toBe(404);
  });
});
