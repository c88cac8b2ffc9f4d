import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { createAuditRepository } from '../../server/modules/audit/audit.repository.ts';
import { describeCheck, verifyAuditChain } from '../../server/modules/audit/audit.verify.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { assignContact, createDistrict, createUser } from '../helpers/factories.ts';
import { privileged } from '../helpers/db.ts';

async function caseWithHistory() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const bo = await createUser(db, { name: 'Bo Ek', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: d.school.id, role: 'principal' }] });
  await assignContact(db, { organisationId: d.school.id, userId: anna.id });
  const asPrincipal = await asUser(app, principal);
  const asAnna = await asUser(app, anna);
  const id = (
    await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: asPrincipal,
      payload: { type: 'report_meeting', organisationId: d.school.id, label: 'Familjen M', guardiansInformed: true, proposedTimes: [{ startsAt: '2026-03-03T10:00:00+01:00', endsAt: '2026-03-03T11:00:00+01:00' }] },
    })
  ).json().id;
  await app.inject({ method: 'POST', url: `/api/meetings/${id}/schedule`, headers: asAnna, payload: { startsAt: '2026-03-03T10:00:00+01:00', endsAt: '2026-03-03T11:00:00+01:00', socialWorkerIds: [anna.id, bo.id] } });
  await app.inject({ method: 'GET', url: `/api/meetings/${id}`, headers: asPrincipal });
  clock.set('2026-03-03T11:00:00+01:00');
  const asAnnaLater = await asUser(app, anna);
  const caseId = (await app.inject({ method: 'POST', url: `/api/meetings/${id}/outcome`, headers: asAnnaLater, payload: { held: true } })).json().caseId;
  await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: asAnnaLater });
  return { app, db, d, anna, bo, lead, principal, caseId, meetingId: id, asLead: await asUser(app, lead), asAnna: asAnnaLater };
}

/** Tampering needs the append-only triggers off, which only a superuser can do: as an attacker with the server would. */
async function tamper(db: Db, change: (tx: Db) => Promise<unknown>) {
  await privileged(db, async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await change(tx);
  });
}

describe('the audit log', () => {
  test('every read and write of the meeting and the case is logged; only the team lead reads it', async () => {
    const c = await caseWithHistory();
    const res = await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}/audit`, headers: c.asLead });
    expect(res.statusCode).toBe(200);
    const log = res.json().map((r: { actorName: string; action: string; organisationName: string | null }) => [r.actorName, r.action]);
    expect(log).toEqual([
      ['Rut Rektor', 'meeting.request'],
      ['Anna Berg', 'meeting.schedule'],
      ['Anna Berg', 'meeting.read'],
      ['Rut Rektor', 'meeting.read'],
      ['Anna Berg', 'meeting.outcome'],
      ['Anna Berg', 'case.open'],
      ['Anna Berg', 'case.read'],
      ['Maria Chef', 'case.audit_read'],
    ]);
    expect(res.json()[0]).toMatchObject({ actorRole: 'principal', organisationName: c.d.school.name, address: '127.0.0.1' });
    expect(res.body).not.toContain('Familjen M');
    expect((await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}/audit`, headers: c.asAnna })).statusCode).toBe(403);
    expect((await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}/audit`, headers: await asUser(c.app, c.principal) })).statusCode).toBe(403);
  });

  test('the meeting’s invite and free/busy view are reads of it, and logged like one', async () => {
    const c = await caseWithHistory();
    expect((await c.app.inject({ method: 'GET', url: `/api/meetings/${c.meetingId}/calendar.ics`, headers: c.asAnna })).statusCode).toBe(200);
    expect((await c.app.inject({ method: 'GET', url: `/api/meetings/${c.meetingId}/free-busy`, headers: c.asLead })).statusCode).toBe(200);
    const log = (await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}/audit`, headers: c.asLead })).json() as { actorName: string; action: string }[];
    expect(log.map((r) => [r.actorName, r.action])).toEqual(expect.arrayContaining([['Anna Berg', 'meeting.invite'], ['Maria Chef', 'meeting.free_busy']]));
  });

  test('a list that shows labels is logged once per view, not once per item: the override list too', async () => {
    const c = await caseWithHistory();
    const rowsOf = async (action: string) =>
      (await c.db.select({ targetType: auditLog.targetType, targetId: auditLog.targetId }).from(auditLog).where(eq(auditLog.action, action))).filter((r) => r.targetId === c.d.team.id || r.targetId === c.lead.id);
    // The lead sees several cases; three views of the list are three rows.
    for (const label of ['Familjen N', 'Familjen O', 'Familjen P']) {
      await c.app.inject({ method: 'POST', url: '/api/cases', headers: c.asLead, payload: { label, organisationIds: [c.d.school.id], workerIds: [c.anna.id] } });
    }
    for (let i = 0; i < 3; i++) expect((await c.app.inject({ method: 'GET', url: '/api/cases', headers: c.asLead })).json().length).toBeGreaterThanOrEqual(4);
    expect(await rowsOf('case.list')).toEqual([0, 1, 2].map(() => ({ targetType: 'list', targetId: c.lead.id })));
    expect((await c.app.inject({ method: 'GET', url: `/api/teams/${c.d.team.id}/continuity-overrides`, headers: c.asLead })).statusCode).toBe(200);
    expect(await rowsOf('case.continuity_overrides')).toEqual([{ targetType: 'list', targetId: c.d.team.id }]);
  });

  test('the app cannot change or remove audit rows', async () => {
    const c = await caseWithHistory();
    const [row] = await c.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.caseId, c.caseId)).limit(1);
    await expect(c.db.update(auditLog).set({ actorName: 'Någon annan' }).where(eq(auditLog.id, row!.id))).rejects.toThrow();
    await expect(c.db.delete(auditLog).where(eq(auditLog.id, row!.id))).rejects.toThrow();
    await expect(c.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  test('the hash chain detects an edited row and a deleted row, and says where', async () => {
    const c = await caseWithHistory();
    const repo = createAuditRepository(c.db);
    expect(describeCheck(await verifyAuditChain(repo))).toMatchObject({ whole: true });

    const rows = await c.db.select().from(auditLog).where(eq(auditLog.caseId, c.caseId)).orderBy(auditLog.id);
    const edited = rows[0]!;
    await tamper(c.db, (tx) => tx.update(auditLog).set({ actorName: 'Någon annan' }).where(eq(auditLog.id, edited.id)));
    const afterEdit = await verifyAuditChain(repo);
    expect(afterEdit.broken).toMatchObject({ id: edited.id, problem: 'changed' });
    expect(describeCheck(afterEdit).text).toContain(`bruten vid rad ${edited.id}`);
    await tamper(c.db, (tx) => tx.update(auditLog).set({ actorName: edited.actorName }).where(eq(auditLog.id, edited.id)));
    expect((await verifyAuditChain(repo)).broken).toBeNull();

    const removed = rows[1]!;
    await tamper(c.db, (tx) => tx.delete(auditLog).where(eq(auditLog.id, removed.id)));
    const afterDelete = await verifyAuditChain(repo);
    // The row after the removed one no longer links to its predecessor.
    const [next] = await c.db.select({ id: auditLog.id }).from(auditLog).where(sql`${auditLog.id} > ${removed.id}`).orderBy(auditLog.id).limit(1);
    expect(afterDelete.broken).toMatchObject({ id: next!.id, problem: 'link' });
    await tamper(c.db, (tx) => tx.insert(auditLog).values(removed));
    expect((await verifyAuditChain(repo)).broken).toBeNull();
  });

  test('audit rows go with their transaction: a use case that rolls back leaves no row', async () => {
    const c = await caseWithHistory();
    const facts = { at: new Date(), actorId: c.anna.id, actorName: 'Anna Berg', actorRole: 'social_worker', organisationId: null, organisationName: null, action: 'case.read', targetType: 'case', targetId: c.caseId, caseId: c.caseId, address: null };
    await expect(
      c.db.transaction(async (tx) => {
        await createAuditRepository(tx).append([facts]);
        throw new Error('the use case failed after writing');
      }),
    ).rejects.toThrow('the use case failed');
    const rows = await c.db.select().from(auditLog).where(eq(auditLog.caseId, c.caseId));
    expect(rows.filter((r) => r.action === 'case.read')).toHaveLength(1);
    expect((await verifyAuditChain(createAuditRepository(c.db))).broken).toBeNull();
  });
});
