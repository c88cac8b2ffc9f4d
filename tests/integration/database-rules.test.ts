import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { CITY_SCOPE, closedDays, directoryVersions, slots, userPhotos } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { createAuditRepository } from '../../server/modules/audit/audit.repository.ts';
import { describeCheck, verifyAuditChain } from '../../server/modules/audit/audit.verify.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { addAbsence, assignContact, createDistrict, createMeeting, createSlot, createUser, putOnDuty, setTeamSettings } from '../helpers/factories.ts';

// Rules the database holds by itself, tried as the app's own role (which owns nothing), with no
// service in between: what a bug or a compromised app would meet.
describe('the database holds its own rules', () => {
  test('a slot never holds more bookings than places, even when the UPDATE forgets to check', async () => {
    const { db } = await buildTestApp();
    const d = await createDistrict(db);
    const host = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [host.id], startsAt: '2026-03-10T13:00:00+01:00', capacity: 2 });
    await db.update(slots).set({ booked: 2 }).where(eq(slots.id, slot.id));
    await expect(db.update(slots).set({ booked: sql`${slots.booked} + 1` }).where(eq(slots.id, slot.id))).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23514', constraint: 'slots_capacity' }),
    });
    await expect(db.update(slots).set({ booked: -1 }).where(eq(slots.id, slot.id))).rejects.toMatchObject({ cause: expect.objectContaining({ constraint: 'slots_capacity' }) });
    expect((await db.select({ booked: slots.booked }).from(slots).where(eq(slots.id, slot.id)))[0]!.booked).toBe(2);
  });

  // Everything the kept days and slot lists read (server/lib/versioned-cache.ts): a change to any
  // of these tables, by any copy of the app, must move the directory's change counter.
  const keptDaysRead = ['organisations', 'sections', 'users', 'user_photos', 'contact_assignments', 'absences', 'duty_roster', 'team_settings', 'closed_days', 'slots', 'slot_hosts', 'meeting_workers'];

  test.each(keptDaysRead)('a change to %s moves the directory’s change counter at commit', async (table) => {
    const { db } = await buildTestApp();
    const d = await createDistrict(db);
    const worker = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    await assignContact(db, { organisationId: d.school.id, userId: worker.id });
    await addAbsence(db, worker.id, '2026-05-04', '2026-05-05');
    await putOnDuty(db, d.team.id, worker.id, '2026-05-06');
    await setTeamSettings(db, d.team.id);
    await createSlot(db, { organisationId: d.school.id, hostIds: [worker.id], startsAt: '2026-05-07T13:00:00+02:00' });
    await createMeeting(db, { organisationId: d.school.id, teamId: d.team.id, workerIds: [worker.id], startsAt: '2026-05-08T10:00:00+02:00', type: 'follow_up' });
    await db.insert(userPhotos).values({ userId: worker.id, image: Buffer.from('webp') }).onConflictDoNothing();
    await db.insert(closedDays).values({ day: '2099-12-30', name: 'Provdag' }).onConflictDoNothing();

    const version = async () => Number((await db.select({ v: sql<string>`coalesce(sum(${directoryVersions.version}), 0)` }).from(directoryVersions))[0]!.v);
    const before = await version();
    // Touch one row without changing it: the trigger fires on the write, not on a difference.
    type Result = { rows: { column_name: string }[]; rowCount?: number; affectedRows?: number };
    const [column] = ((await db.execute(sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position limit 1`)) as unknown as Result).rows;
    const touched = (await db.execute(sql.raw(`update ${table} set ${column!.column_name} = ${column!.column_name} where ctid = (select ctid from ${table} limit 1)`))) as unknown as Result;
    expect(touched.rowCount ?? touched.affectedRows).toBe(1);
    expect(await version()).toBeGreaterThan(before);
  });

  test('a change moves the count of its own team only, so another team’s kept days stay; a closed day moves every team’s', async () => {
    const { db } = await buildTestApp();
    const a = await createDistrict(db);
    const b = await createDistrict(db);
    const worker = await createUser(db, { memberships: [{ organisationId: a.team.id, role: 'social_worker' }] });
    const count = async (team: string) =>
      Number((await db.select({ v: sql<string>`coalesce(sum(${directoryVersions.version}), 0)` }).from(directoryVersions).where(sql`${directoryVersions.scope} in (${team}, ${CITY_SCOPE})`))[0]!.v);
    const before = { a: await count(a.team.id), b: await count(b.team.id) };
    await putOnDuty(db, a.team.id, worker.id, '2026-05-06');
    await addAbsence(db, worker.id, '2026-05-11', '2026-05-12');
    await createSlot(db, { organisationId: a.school.id, hostIds: [worker.id], startsAt: '2026-05-07T13:00:00+02:00' });
    // One each: the duty, the absence, the slot and (a statement of its own) its host.
    expect(await count(a.team.id)).toBe(before.a + 4);
    expect(await count(b.team.id)).toBe(before.b);
    await db.insert(closedDays).values({ day: '2099-12-29', name: 'Stängt i hela staden' }).onConflictDoNothing();
    expect(await count(b.team.id)).toBe(before.b + 1);
  });

  test('two people reading the same case at once both get an audit row, and the chain stays whole', async () => {
    const clock = fixedClock('2026-03-02T09:00:00+01:00');
    const { app, db } = await buildTestApp({ clock });
    const d = await createDistrict(db);
    const anna = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const lead = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
    const asAnna = await asUser(app, anna);
    const asLead = await asUser(app, lead);
    const caseId = (await app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'Familjen Samtidig', organisationIds: [d.school.id], workerIds: [anna.id] } })).json().id;
    const reads = await Promise.all(Array.from({ length: 20 }, (_, i) => app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: i % 2 ? asLead : asAnna })));
    expect(reads.map((r) => r.statusCode)).toEqual(reads.map(() => 200));
    const log = (await app.inject({ method: 'GET', url: `/api/cases/${caseId}/audit`, headers: asLead })).json() as { action: string }[];
    expect(log.filter((r) => r.action === 'case.read')).toHaveLength(20);
    expect(describeCheck(await verifyAuditChain(createAuditRepository(db))).whole).toBe(true);
  });
});
