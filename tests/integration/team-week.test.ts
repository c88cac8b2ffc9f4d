import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createSlot, createUser } from '../helpers/factories.ts';

describe('the team lead’s overview of every host’s week', () => {
  test('shows each host’s slots with bookings, topics and notes; a worker gets 403 and another team 404', async () => {
    const { app, db } = await buildTestApp({ clock: fixedClock('2026-03-09T08:00:00+01:00') });
    const d = await createDistrict(db);
    const mk = (name: string, organisationId: string, role: 'social_worker' | 'team_lead' | 'pedagogue') => createUser(db, { name, memberships: [{ organisationId, role }] });
    const [anna, bo, lead, pedagogue] = [await mk('Anna Berg', d.team.id, 'social_worker'), await mk('Bo Ek', d.team.id, 'social_worker'), await mk('Maria Chef', d.team.id, 'team_lead'), await mk('Pia Pedagog', d.school.id, 'pedagogue')];
    const other = await createDistrict(db);
    const otherLead = await mk('Olle Chef', other.team.id, 'team_lead');
    const annas = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    await createSlot(db, { organisationId: d.school.id, hostIds: [bo.id], startsAt: '2026-03-12T10:00:00+01:00' });
    await createSlot(db, { organisationId: d.school.id, hostIds: [bo.id], startsAt: '2026-03-20T10:00:00+01:00' });
    await app.inject({ method: 'POST', url: `/api/slots/${annas.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'unsure_report', note: 'Oro kring frånvaro i åk 2.' } });

    const week = (headers: { cookie: string }, team = d.team.id) => app.inject({ method: 'GET', url: `/api/teams/${team}/hosted-slots?from=2026-03-09&to=2026-03-15`, headers });
    const res = await week(await asUser(app, lead));
    expect(res.statusCode).toBe(200);
    expect(res.json().map((s: { hosts: { name: string }[] }) => s.hosts[0]!.name)).toEqual(['Anna Berg', 'Bo Ek']);
    expect(res.json()[0].bookings).toEqual([expect.objectContaining({ topic: 'unsure_report', note: 'Oro kring frånvaro i åk 2.' })]);
    expect((await week(await asUser(app, anna))).statusCode).toBe(403);
    expect((await week(await asUser(app, otherLead))).statusCode).toBe(404);
  });
});
