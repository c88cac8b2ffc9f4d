import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, caseEvents, consents, feedback, meetings } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { privileged } from '../helpers/db.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

// The database clears by its own clock: these cases were closed long before any day the suite runs.
const LONG_AGO = '2024-01-15';

/** Two cases from the autumn of 2023 with a consent, a withdrawn consent and messages; one closed long ago. */
async function closedCases() {
  const clock = fixedClock('2023-10-02T10:00:00+02:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: d.school.id, role: 'principal' }] });
  const [asAnna, asPrincipal] = [await asUser(app, anna), await asUser(app, principal)];
  const make = async (label: string) => {
    const id = (await app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label, organisationIds: [d.school.id], workerIds: [anna.id] } })).json().id as string;
    const consent = (validUntil: string) =>
      app.inject({ method: 'POST', url: `/api/cases/${id}/consents`, headers: asAnna, payload: { organisationId: d.school.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2023-10-02', validUntil } });
    await consent('2023-12-31');
    const second = await consent('2023-11-30');
    for (const body of ['Familjen Lindqvist kommer varje vecka.', 'Eleven är lugnare.']) {
      await app.inject({ method: 'POST', url: `/api/cases/${id}/feedback`, headers: body.startsWith('Familjen') ? asAnna : asPrincipal, payload: { organisationId: d.school.id, scope: 'intervention_progress', body } });
    }
    await app.inject({ method: 'POST', url: `/api/consents/${second.json().id}/withdraw`, headers: asAnna, payload: { reason: 'Pappan ringde och ville inte längre.' } });
    return id;
  };
  const old = await make('Familjen Lindqvist');
  const recent = await make('Familjen Ek');
  return { app, db, clock, d, anna, asAnna, old, recent };
}

const closeOn = (db: Parameters<typeof privileged>[0], caseId: string, on: string) => db.insert(caseEvents).values({ caseId, kind: 'case_closed', on });
const messages = (db: Parameters<typeof privileged>[0], caseId: string) =>
  privileged(db, (tx) => tx.select({ body: feedback.body, authorName: feedback.authorName, acknowledgedAt: feedback.acknowledgedAt }).from(feedback).where(eq(feedback.caseId, caseId)).orderBy(feedback.createdAt));

describe('gallring of closed cases', () => {
  test('after the retention period the family\'s text goes, the dates and counts stay, and the clearing is in the audit log', async () => {
    const f = await closedCases();
    await closeOn(f.db, f.old, LONG_AGO);
    // Closed well inside the period (counted back from the day the suite runs).
    await closeOn(f.db, f.recent, new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10));
    const consentsBefore = await privileged(f.db, (tx) => tx.select({ n: count() }).from(consents).where(eq(consents.caseId, f.old)));

    f.clock.set(new Date().toISOString());
    await f.app.housekeeping();
    const asAnna = await asUser(f.app, f.anna);

    const cleared = (await f.app.inject({ method: 'GET', url: `/api/cases/${f.old}`, headers: asAnna })).json();
    expect(cleared.label).toBe('Gallrat ärende');
    expect((await messages(f.db, f.old)).map((m) => [m.body, m.authorName])).toEqual([['Gallrad', 'Gallrad'], ['Gallrad', 'Gallrad']]);
    const kept = await privileged(f.db, (tx) => tx.select({ validFrom: consents.validFrom, withdrawnAt: consents.withdrawnAt, reason: consents.withdrawalReason, recordedBy: consents.recordedBy }).from(consents).where(eq(consents.caseId, f.old)).orderBy(consents.validUntil));
    expect(kept).toEqual([
      { validFrom: '2023-10-02', withdrawnAt: expect.any(Date), reason: 'Gallrad', recordedBy: null },
      { validFrom: '2023-10-02', withdrawnAt: null, reason: null, recordedBy: null },
    ]);
    expect(await privileged(f.db, (tx) => tx.select({ n: count() }).from(consents).where(eq(consents.caseId, f.old)))).toEqual(consentsBefore);
    const audit = await privileged(f.db, (tx) => tx.select({ actorName: auditLog.actorName, targetId: auditLog.targetId }).from(auditLog).where(and(eq(auditLog.caseId, f.old), eq(auditLog.action, 'case.purge'))));
    expect(audit).toEqual([{ actorName: 'Gallring', targetId: f.old }]);

    // The recent case keeps everything; a second run clears nothing again.
    expect((await f.app.inject({ method: 'GET', url: `/api/cases/${f.recent}`, headers: asAnna })).json().label).toBe('Familjen Ek');
    expect((await messages(f.db, f.recent))[0]!.body).toBe('Familjen Lindqvist kommer varje vecka.');
    await f.app.housekeeping();
    expect(await privileged(f.db, (tx) => tx.select({ n: count() }).from(auditLog).where(and(eq(auditLog.caseId, f.old), eq(auditLog.action, 'case.purge'))))).toEqual([{ n: 1 }]);
  });

  test('the database clears only by its own clock and never under six months, whatever the app asks', async () => {
    const f = await closedCases();
    await closeOn(f.db, f.recent, new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10));
    // As the app's role, the way a compromised app would ask.
    const ask = (months: number) => f.db.execute(sql`select purge_closed_case(${f.recent}::uuid, ${months}::integer) as purged`);
    await expect(ask(1)).rejects.toThrow();
    const refused = await ask(6);
    expect(JSON.stringify(refused)).toContain('false');
    expect((await messages(f.db, f.recent))[0]!.body).toBe('Familjen Lindqvist kommer varje vecka.');
    // The app's role cannot clear the text itself (on PostgreSQL; the embedded database has one role).
    if (process.env.DATABASE_URL) await expect(f.db.update(feedback).set({ body: 'x' }).where(eq(feedback.caseId, f.recent))).rejects.toThrow();
    // An open case is never cleared.
    const open = await f.db.execute(sql`select purge_closed_case(${f.old}::uuid, 24) as purged`);
    expect(JSON.stringify(open)).toContain('false');
    expect((await f.db.select({ label: meetings.label }).from(meetings).where(eq(meetings.caseId, f.old))).every((m) => m.label !== 'Gallrat möte')).toBe(true);
  });
});
