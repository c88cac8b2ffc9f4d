import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createSlot, createUser, reportMeetingRequest } from '../helpers/factories.ts';

describe('an archived organisation takes nothing new, and keeps what it has', () => {
  test('after archiving, no meeting request, booking, case or times for it; its existing meeting is still read', async () => {
    const clock = fixedClock('2026-03-09T09:00:00+01:00');
    const { app, db } = await buildTestApp({ clock });
    const d = await createDistrict(db);
    const admin = await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] });
    const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const anna = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const [asPrincipal, asPedagogue, asAnna] = [await asUser(app, principal), await asUser(app, pedagogue), await asUser(app, anna)];
    const before = await app.inject({ method: 'POST', url: '/api/meetings', headers: asPrincipal, payload: reportMeetingRequest(d.school.id) });
    expect(before.statusCode).toBe(201);

    expect((await app.inject({ method: 'POST', url: `/api/admin/organisations/${d.school.id}/archive`, headers: await asUser(app, admin) })).statusCode).toBe(200);

    const asked = await app.inject({ method: 'POST', url: '/api/meetings', headers: asPrincipal, payload: reportMeetingRequest(d.school.id) });
    expect(asked.statusCode).toBe(409);
    expect(asked.json().detail).toBe(`${d.school.name} är arkiverad: inget nytt kan läggas till där. Det som redan finns går att läsa.`);
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: asPedagogue, payload: { topic: 'unsure_report' } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'Familjen A', organisationIds: [d.school.id], workerIds: [anna.id] } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: `/api/meetings/${before.json().id}`, headers: asPrincipal })).statusCode).toBe(200);
  });
});
