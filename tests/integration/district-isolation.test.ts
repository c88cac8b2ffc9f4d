import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

const PASSWORD = 'höst vid bryggan i år';

/** Two districts set up by the administrator, each with a team, a school and a pedagogue; a district_admin for the first. */
async function twoDistricts() {
  const { app, db } = await buildTestApp();
  const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
  const headers = await asUser(app, admin);
  const as = (h: Record<string, string>) => (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: h, ...(payload === undefined ? {} : { payload: payload as object }) });
  const byAdmin = as(headers);
  const tag = uniqueTag(8);
  const district = async (name: string) => {
    const id = (await byAdmin('POST', '/api/admin/districts', { name: `${name} ${tag}` })).json().id as string;
    const team = (await byAdmin('POST', '/api/admin/organisations', { name: `${name}teamet`, kind: 'social_services', districtId: id })).json().id as string;
    const school = (await byAdmin('POST', '/api/admin/organisations', { name: `${name}skolan ${tag}`, kind: 'school', districtId: id, servingTeamId: team, sections: ['F–3'] })).json().id as string;
    const person = (await byAdmin('POST', '/api/admin/users', { name: `${name} Pedagog ${tag}`, email: `${name.toLowerCase()}-${tag}@skola.example`, memberships: [{ organisationId: school, role: 'pedagogue' }] })).json().id as string;
    return { id, team, school, person, schoolName: `${name}skolan ${tag}` };
  };
  const a = await district('Bromma');
  const b = await district('Kista');

  // The administrator makes the district's administrator, who chooses a password from the invitation.
  const email = `stadsdel-${tag}@stad.example`;
  const made = await byAdmin('POST', '/api/admin/users', { name: 'Dina Distrikt', email, memberships: [{ districtId: a.id, role: 'district_admin' }] });
  expect(made.statusCode).toBe(201);
  const [mail] = await db.select({ text: outbox.text }).from(outbox).where(eq(outbox.recipientId, made.json().id));
  const token = /nyckel=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
  expect((await app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: PASSWORD } })).statusCode).toBe(200);
  const districtHeaders = await asUser(app, { email, password: PASSWORD });
  const byDistrict = as(districtHeaders);
  return { app, db, admin, byAdmin, byDistrict, districtHeaders, a, b, tag, districtAdminId: made.json().id as string };
}

describe('a district’s administrator works in their district only', () => {
  test('sees their district and its organisations; another district does not exist for them', async () => {
    const { byDistrict, a, b } = await twoDistricts();
    const me = await byDistrict('GET', '/api/me');
    expect(me.json().memberships).toEqual([expect.objectContaining({ role: 'district_admin', organisationId: null })]);
    expect((await byDistrict('GET', '/api/admin/districts')).json().map((d: { id: string }) => d.id)).toEqual([a.id]);
    const orgs = (await byDistrict('GET', '/api/admin/organisations')).json();
    expect(new Set(orgs.map((o: { districtId: string }) => o.districtId))).toEqual(new Set([a.id]));
    expect((await byDistrict('GET', `/api/admin/organisations?districtId=${b.id}`)).statusCode).toBe(404);
    // Every write to every organisation of the other district: 404, and nothing changed.
    for (const id of [b.team, b.school]) {
      expect((await byDistrict('PATCH', `/api/admin/organisations/${id}`, { name: 'Kapad' })).statusCode).toBe(404);
      expect((await byDistrict('POST', `/api/admin/organisations/${id}/archive`)).statusCode).toBe(404);
    }
    expect((await byDistrict('POST', '/api/admin/districts', { name: 'Egen stadsdel' })).statusCode).toBe(403);
  });

  test('creates organisations in their district only, served by their district’s team', async () => {
    const { byDistrict, a, b, tag } = await twoDistricts();
    const foreign = await byDistrict('POST', '/api/admin/organisations', { name: `Ny skola ${tag}`, kind: 'school', districtId: b.id });
    expect(foreign.json()).toMatchObject({ status: 400, fields: [{ field: 'districtId', message: 'Stadsdelen finns inte.' }] });
    const otherTeam = await byDistrict('POST', '/api/admin/organisations', { name: `Ny skola ${tag}`, kind: 'school', districtId: a.id, servingTeamId: b.team });
    expect(otherTeam.json().fields[0].field).toBe('servingTeamId');
    const own = await byDistrict('POST', '/api/admin/organisations', { name: `Ny skola ${tag}`, kind: 'school', districtId: a.id, servingTeamId: a.team });
    expect(own.statusCode).toBe(201);
  });

  test('adds, finds, invites and disables people of their district only; never an administrator', async () => {
    const { byDistrict, byAdmin, a, b, tag, admin, districtAdminId } = await twoDistricts();
    const foreign = await byDistrict('POST', '/api/admin/users', { name: 'Fel Stadsdel', email: `fel-${tag}@skola.example`, memberships: [{ organisationId: b.school, role: 'pedagogue' }] });
    expect(foreign.json()).toMatchObject({ status: 400, fields: [{ field: 'memberships.0.organisationId', message: 'Verksamheten finns inte.' }] });
    expect((await byDistrict('POST', '/api/admin/users', { name: 'Ny Admin', email: `admin-${tag}@stad.example`, memberships: [{ organisationId: null, role: 'admin' }] })).statusCode).toBe(400);
    expect((await byDistrict('POST', '/api/admin/users', { name: 'Ny Distrikt', email: `d2-${tag}@stad.example`, memberships: [{ districtId: a.id, role: 'district_admin' }] })).statusCode).toBe(403);
    expect((await byDistrict('POST', '/api/admin/users', { name: 'Rätt Stadsdel', email: `ratt-${tag}@skola.example`, memberships: [{ organisationId: a.school, role: 'pedagogue' }] })).statusCode).toBe(201);

    const search = await byDistrict('GET', `/api/admin/users?q=${tag}`);
    expect(search.statusCode, search.body).toBe(200);
    const found = search.json().map((p: { id: string }) => p.id);
    expect(found).toContain(a.person);
    expect(found).not.toContain(b.person);
    expect((await byAdmin('GET', `/api/admin/users?q=${tag}`)).json().map((p: { id: string }) => p.id)).toContain(b.person);

    expect((await byDistrict('POST', `/api/admin/users/${districtAdminId}/disable`)).json().detail).toBe('Du kan inte stänga av ditt eget konto.');
    for (const id of [b.person, admin.id]) {
      for (const action of ['disable', 'enable', 'invite']) expect((await byDistrict('POST', `/api/admin/users/${id}/${action}`)).statusCode, `${action} ${id}`).toBe(404);
    }
    expect((await byDistrict('POST', `/api/admin/users/${a.person}/invite`)).statusCode).toBe(200);
    expect((await byDistrict('POST', `/api/admin/users/${a.person}/disable`)).statusCode).toBe(200);
  });

  test('reads in staff lists for their district only: another district’s school is unknown', async () => {
    const { app, districtHeaders, a, b, tag } = await twoDistricts();
    const csv = `name,email,role,organisation\nEtt ${tag},ett-${tag}@skola.example,pedagog,${a.schoolName}\nTvå ${tag},tva-${tag}@skola.example,pedagog,${b.schoolName}\n`;
    const res = await app.inject({ method: 'POST', url: '/api/admin/import?dryRun=true', headers: { ...districtHeaders, 'content-type': 'text/csv' }, payload: csv });
    expect(res.json().rows).toEqual([
      { line: 2, ok: true, errors: [] },
      { line: 3, ok: false, errors: [{ field: 'organisation', message: `Det finns ingen verksamhet som heter "${b.schoolName}".` }] },
    ]);
  });

  test('the administrator’s district_admin needs a district that exists, and no organisation', async () => {
    const { byAdmin, a, tag } = await twoDistricts();
    const none = await byAdmin('POST', '/api/admin/users', { name: 'Utan Stadsdel', email: `u-${tag}@stad.example`, memberships: [{ role: 'district_admin' }] });
    expect(none.json()).toMatchObject({ status: 400, fields: [{ field: 'memberships.0.districtId' }] });
    const both = await byAdmin('POST', '/api/admin/users', { name: 'Båda Delar', email: `b-${tag}@stad.example`, memberships: [{ role: 'district_admin', districtId: a.id, organisationId: a.school }] });
    expect(both.statusCode).toBe(400);
    const unknown = await byAdmin('POST', '/api/admin/users', { name: 'Okänd Stadsdel', email: `o-${tag}@stad.example`, memberships: [{ role: 'district_admin', districtId: randomUUID() }] });
    expect(unknown.json().fields).toEqual([{ field: 'memberships.0.districtId', message: 'Stadsdelen finns inte.' }]);
  });
});
