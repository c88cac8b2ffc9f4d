import { describe, expect, test } from 'vitest';
import { dutyRoster } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, createDistrict, createUser, putOnDuty } from '../helpers/factories.ts';

// Monday 2 March 2026, 09:00 in Stockholm.
async function team() {
  const { app, db } = await buildTestApp({ clock: fixedClock('2026-03-02T09:00:00+01:00') });
  const d = await createDistrict(db);
  const member = (name: string, role: 'social_worker' | 'team_lead' = 'social_worker') =>
    createUser(db, { name, memberships: [{ organisationId: d.team.id, role }] });
  const lead = await member('Maria Chef', 'team_lead');
  const anna = await member('Anna Berg');
  const johan = await member('Johan Lind');
  const url = (path = '') => `/api/teams/${d.team.id}/roster${path}`;
  return { app, db, ...d, lead, anna, johan, url, asLead: await asUser(app, lead) };
}

describe('the duty roster', () => {
  test('the team lead puts someone on duty, and a new holder replaces the old: one holder per day', async () => {
    const { app, url, asLead, anna, johan } = await team();
    const put = (userId: string) => app.inject({ method: 'PUT', url: url('/2026-03-04'), headers: asLead, payload: { userId } });
    expect((await put(anna.id)).statusCode).toBe(200);
    expect((await put(johan.id)).statusCode).toBe(200);
    const roster = (await app.inject({ method: 'GET', url: url('?month=2026-03'), headers: asLead })).json();
    expect(roster.days.find((d: { date: string }) => d.date === '2026-03-04').holder).toMatchObject({ name: 'Johan Lind', absent: false });
    expect(roster.days).toHaveLength(31);
    expect(roster.days.find((d: { date: string }) => d.date === '2026-03-07')).toMatchObject({ closedReason: 'lördag', gap: false });
  });

  test('the database itself refuses a second holder for the same day', async () => {
    const { db, team: t, anna, johan } = await team();
    await putOnDuty(db, t.id, anna.id, '2026-03-05');
    await expect(db.insert(dutyRoster).values({ teamId: t.id, day: '2026-03-05', userId: johan.id })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23505' }),
    });
  });

  test('an absent worker cannot be put on duty: 409 schedule_conflict in Swedish, nothing written', async () => {
    const { app, db, url, asLead, anna } = await team();
    await addAbsence(db, anna.id, '2026-03-09', '2026-03-13');
    const res = await app.inject({ method: 'PUT', url: url('/2026-03-10'), headers: asLead, payload: { userId: anna.id } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'schedule_conflict', detail: 'Anna Berg är borta tisdag 10 mars och kan inte ha jourtelefonen den dagen.' });
    const roster = (await app.inject({ method: 'GET', url: url('?month=2026-03'), headers: asLead })).json();
    expect(roster.days.find((d: { date: string }) => d.date === '2026-03-10').holder).toBeNull();
  });

  test.each([
    ['a Saturday', '2026-03-07', 'anna', 400],
    ['a public holiday', '2026-04-06', 'anna', 400],
    ['someone outside the team', '2026-03-04', 'outsider', 400],
    ['a malformed date', '2026-3-4', 'anna', 400],
  ])('bad input: %s is refused with a 4xx', async (_name, date, who, status) => {
    const { app, db, url, asLead, anna } = await team();
    const outsider = await createUser(db);
    const res = await app.inject({ method: 'PUT', url: url(`/${date}`), headers: asLead, payload: { userId: who === 'anna' ? anna.id : outsider.id } });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe('invalid_request');
  });

  test('two workers swap days in one go; a swap that would put someone on a day they are away changes nothing', async () => {
    const { app, db, url, asLead, anna, johan, team: t } = await team();
    await putOnDuty(db, t.id, anna.id, '2026-03-03');
    await putOnDuty(db, t.id, johan.id, '2026-03-04');
    const swap = (first: string, second: string) => app.inject({ method: 'POST', url: url('/swap'), headers: asLead, payload: { first, second } });
    expect((await swap('2026-03-03', '2026-03-04')).statusCode).toBe(200);
    let days = (await app.inject({ method: 'GET', url: url('?month=2026-03'), headers: asLead })).json().days;
    const holderOn = (date: string) => days.find((d: { date: string }) => d.date === date).holder?.name;
    expect([holderOn('2026-03-03'), holderOn('2026-03-04')]).toEqual(['Johan Lind', 'Anna Berg']);

    await addAbsence(db, johan.id, '2026-03-04', '2026-03-04');
    expect((await swap('2026-03-03', '2026-03-04')).statusCode).toBe(409);
    days = (await app.inject({ method: 'GET', url: url('?month=2026-03'), headers: asLead })).json().days;
    expect([holderOn('2026-03-03'), holderOn('2026-03-04')]).toEqual(['Johan Lind', 'Anna Berg']);
  });

  test('days without a holder, or with a holder who is away, are flagged as gaps a month ahead', async () => {
    const { app, db, url, asLead, anna, team: t } = await team();
    await putOnDuty(db, t.id, anna.id, '2026-03-02');
    await putOnDuty(db, t.id, anna.id, '2026-03-03');
    await addAbsence(db, anna.id, '2026-03-03', '2026-03-03');
    const roster = (await app.inject({ method: 'GET', url: url(), headers: asLead })).json();
    expect(roster.upcomingGaps[0]).toBe('2026-03-03');
    expect(roster.upcomingGaps).not.toContain('2026-03-02');
    expect(roster.upcomingGaps).not.toContain('2026-03-07');
    expect(roster.upcomingGaps.at(-1) <= '2026-04-02').toBe(true);
  });

  test('a social worker may read the roster but not change it; another team’s lead cannot see it', async () => {
    const { app, db, url, anna } = await team();
    const asAnna = await asUser(app, anna);
    expect((await app.inject({ method: 'GET', url: url(), headers: asAnna })).statusCode).toBe(200);
    const put = await app.inject({ method: 'PUT', url: url('/2026-03-04'), headers: asAnna, payload: { userId: anna.id } });
    expect(put.statusCode).toBe(403);
    const other = await createDistrict(db);
    const otherLead = await createUser(db, { memberships: [{ organisationId: other.team.id, role: 'team_lead' }] });
    expect((await app.inject({ method: 'GET', url: url(), headers: await asUser(app, otherLead) })).statusCode).toBe(404);
  });
});
