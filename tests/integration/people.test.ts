import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, outbox, users } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const PASSWORD = 'röd paraply vid kajen';

async function setup() {
  const { app, db } = await buildTestApp();
  const d = await createDistrict(db);
  const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
  const lead = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const headers = await asUser(app, admin);
  const create = (payload: unknown, h = headers) => app.inject({ method: 'POST', url: '/api/admin/users', headers: h, payload: payload as object });
  const newEmail = () => `ny-${randomUUID()}@skola.example`;
  return { app, db, ...d, admin, lead, headers, create, newEmail };
}

describe('the administrator adds people', () => {
  test('a pedagogue is created with their membership and invited; the invitation lets them choose a password and sign in; the write is audited', async () => {
    const { app, db, school, admin, create, newEmail } = await setup();
    const email = newEmail();
    const res = await create({ name: 'Lina Holm', email: email.toUpperCase(), title: 'Lärare åk 4', memberships: [{ organisationId: school.id, role: 'pedagogue', sectionId: school.sections[0]!.id }] });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();

    const [mail] = await db.select({ kind: outbox.kind, subject: outbox.subject, text: outbox.text }).from(outbox).where(eq(outbox.recipientId, id));
    expect(mail).toMatchObject({ kind: 'account.invitation', subject: 'Välkommen till Samverkan: välj ditt lösenord' });
    expect(mail!.text).toContain('Ada Admin har lagt upp ett konto');
    const token = /nyckel=([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    // Before the invitation is used, nobody can sign in to the account.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: PASSWORD } })).statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: await asUser(app, { email, password: PASSWORD }) });
    expect(me.json()).toMatchObject({ name: 'Lina Holm', memberships: [{ organisationId: school.id, role: 'pedagogue' }] });

    const [row] = await db.select({ actorId: auditLog.actorId, action: auditLog.action, targetType: auditLog.targetType }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(row).toEqual({ actorId: admin.id, action: 'person.created', targetType: 'user' });
  });

  test('a taken address, a role the organisation has not, an unknown organisation, another organisation’s section or the admin role: a Swedish error and nothing written', async () => {
    const { db, team, school, lead, create, newEmail } = await setup();
    const cases: [unknown, string, string][] = [
      [{ name: 'Två Gånger', email: lead.email, memberships: [{ organisationId: school.id, role: 'pedagogue' }] }, 'email', 'används redan'],
      [{ name: 'Fel Roll', email: newEmail(), memberships: [{ organisationId: school.id, role: 'social_worker' }] }, 'memberships.0.role', 'har ingen socialsekreterare'],
      [{ name: 'Ingen Skola', email: newEmail(), memberships: [{ organisationId: randomUUID(), role: 'pedagogue' }] }, 'memberships.0.organisationId', 'finns inte'],
      [{ name: 'Fel Avdelning', email: newEmail(), memberships: [{ organisationId: team.id, role: 'social_worker', sectionId: school.sections[0]!.id }] }, 'memberships.0.sectionId', 'hör inte till'],
      [{ name: 'Ny Admin', email: newEmail(), memberships: [{ organisationId: school.id, role: 'admin' }] }, 'memberships.0.role', ''],
      [{ name: 'Inga Roller', email: newEmail(), memberships: [] }, 'memberships', 'minst en'],
    ];
    for (const [payload, field, words] of cases) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe('invalid_request');
      const error = problem.fields.find((f: { field: string }) => f.field === field);
      expect(error, `${field} in ${res.body}`).toBeDefined();
      expect(error.message).toContain(words);
    }
    // Nobody was written (other test files add people to the same database meanwhile: count by name).
    const names = cases.map(([p]) => (p as { name: string }).name);
    expect(await db.select({ id: users.id }).from(users).where(inArray(users.name, names))).toEqual([]);
  });

  test('only the administrator: a team lead is refused', async () => {
    const { app, school, lead, create, newEmail } = await setup();
    const res = await create({ name: 'Per Ek', email: newEmail(), memberships: [{ organisationId: school.id, role: 'pedagogue' }] }, await asUser(app, lead));
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/users', headers: await asUser(app, lead) })).statusCode).toBe(403);
  });
});

describe('a new invitation', () => {
  test('sends a new link; using it spends the old one too; a disabled account gets none; only the administrator', async () => {
    const { app, db, school, lead, headers, create, newEmail } = await setup();
    const email = newEmail();
    const { id } = (await create({ name: 'Greta Glömsk', email, memberships: [{ organisationId: school.id, role: 'pedagogue' }] })).json();
    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${id}/invite`, headers })).statusCode).toBe(200);
    const mails = await db.select({ kind: outbox.kind, text: outbox.text }).from(outbox).where(eq(outbox.recipientId, id)).orderBy(outbox.id);
    expect(mails.map((m) => m.kind)).toEqual(['account.invitation', 'account.invitation']);
    const [first, second] = mails.map((m) => /nyckel=([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
    expect(first).not.toBe(second);
    expect((await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token: second, password: PASSWORD } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token: first, password: PASSWORD } })).statusCode).toBe(410);
    expect((await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))).map((r) => r.action)).toContain('person.invited');

    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${id}/disable`, headers })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: `/api/admin/users/${id}/invite`, headers });
    expect(refused.json()).toMatchObject({ status: 400, detail: 'Kontot för Greta Glömsk är avstängt. Öppna det först.' });
    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${id}/invite`, headers: await asUser(app, lead) })).statusCode).toBe(403);
  });
});

describe('the administrator disables and enables accounts', () => {
  test('disabling ends every session at once and refuses sign-in; enabling lets the person in again; both are audited', async () => {
    const { app, db, school, admin, headers } = await setup();
    const person = await createUser(db, { name: 'Olle Avstängd', memberships: [{ organisationId: school.id, role: 'pedagogue' }] });
    const session = await asUser(app, person);
    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${person.id}/disable`, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: person.password } })).statusCode).toBe(401);

    const found = await app.inject({ method: 'GET', url: `/api/admin/users?q=${encodeURIComponent('olle avst')}`, headers });
    expect(found.json()).toEqual([{ id: person.id, name: 'Olle Avstängd', email: person.email, disabled: true, memberships: [{ organisationId: school.id, organisationName: school.name, role: 'pedagogue' }] }]);

    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${person.id}/enable`, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: person.password } })).statusCode).toBe(200);
    const actions = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetId, person.id), eq(auditLog.actorId, admin.id))).orderBy(desc(auditLog.id));
    expect(actions.map((a) => a.action)).toEqual(['person.enabled', 'person.disabled']);
  });

  test('the administrator cannot disable themselves; an unknown person is 404', async () => {
    const { app, admin, headers } = await setup();
    const self = await app.inject({ method: 'POST', url: `/api/admin/users/${admin.id}/disable`, headers });
    expect(self.statusCode).toBe(400);
    expect(self.json().detail).toBe('Du kan inte stänga av ditt eget konto.');
    expect((await app.inject({ method: 'POST', url: `/api/admin/users/${randomUUID()}/disable`, headers })).statusCode).toBe(404);
  });
});
