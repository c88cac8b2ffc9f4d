import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisations, sections } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createOrganisation, createUser } from '../helpers/factories.ts';

describe('which organisations a person sees', () => {
  test('school staff see their own school with its sections, in order, and nothing else', async () => {
    const { app, db } = await buildTestApp();
    const { school } = await createDistrict(db);
    const other = await createDistrict(db);
    const user = await createUser(db, { memberships: [{ organisationId: school.id, role: 'pedagogue' }] });

    const res = await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, user) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { id: school.id, name: school.name, kind: 'school', parentId: null, sections: school.sections.map((s) => ({ id: s.id, name: s.name })) },
    ]);
    expect(JSON.stringify(res.json())).not.toContain(other.school.id);
  });

  test.each([
    ['principal of a preschool unit', 'unit', 'principal', ['unit', 'preschool']],
    ['pedagogue of a preschool', 'preschool', 'pedagogue', ['preschool']],
    ['social worker of the team', 'team', 'social_worker', ['team', 'school', 'unit', 'preschool']],
    ['team lead', 'team', 'team_lead', ['team', 'school', 'unit', 'preschool']],
  ] as const)('a %s sees exactly what the role allows', async (_name, where, role, expected) => {
    const { app, db } = await buildTestApp();
    const district = await createDistrict(db);
    await createDistrict(db); // a neighbouring district that must stay invisible
    const user = await createUser(db, { memberships: [{ organisationId: district[where].id, role }] });
    const res = await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, user) });
    const ids = res.json().map((o: { id: string }) => o.id).sort();
    expect(ids).toEqual(expected.map((k) => district[k].id).sort());
  });

  test('police see their own police area only', async () => {
    const { app, db } = await buildTestApp();
    const { team } = await createDistrict(db);
    const police = await createOrganisation(db, { kind: 'police', servingTeamId: team.id });
    const user = await createUser(db, { memberships: [{ organisationId: police.id, role: 'police' }] });
    const res = await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, user) });
    expect(res.json().map((o: { id: string }) => o.id)).toEqual([police.id]);
  });

  test('the administrator sees every organisation', async () => {
    const { app, db } = await buildTestApp();
    const { school, preschool } = await createDistrict(db);
    const admin = await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] });
    const res = await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, admin) });
    const ids = res.json().map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([school.id, preschool.id]));
  });

  test('a person without memberships sees an empty list, and a signed-out caller gets 401', async () => {
    const { app, db } = await buildTestApp();
    const user = await createUser(db);
    const res = await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, user) });
    expect(res.json()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(401);
  });
});

describe('the kept list of places', () => {
  test('a renamed school, a new section and a new membership show on the very next read', async () => {
    const { app, db } = await buildTestApp();
    const { school, team } = await createDistrict(db);
    const worker = await createUser(db, { memberships: [{ organisationId: team.id, role: 'social_worker' }] });
    const headers = await asUser(app, worker);
    const names = async () => (await app.inject({ method: 'GET', url: '/api/organisations', headers })).json().map((o: { name: string; sections: { name: string }[] }) => `${o.name}: ${o.sections.map((s) => s.name).join(', ')}`);
    const before = await names();
    expect(before).toContain(`${school.name}: ${school.sections.map((s) => s.name).join(', ')}`);

    // Written straight to the database, as another instance of the app (or an admin's tool) would.
    await db.update(organisations).set({ name: 'Nya Vällingbyskolan' }).where(eq(organisations.id, school.id));
    await db.insert(sections).values({ organisationId: school.id, name: 'Fritids', sortOrder: 99 });
    expect(await names()).toContain(`Nya Vällingbyskolan: ${[...school.sections.map((s) => s.name), 'Fritids'].join(', ')}`);

    const newSchool = await createOrganisation(db, { name: 'Grimstaskolan', kind: 'school', servingTeamId: team.id });
    expect((await names()).some((n: string) => n.startsWith('Grimstaskolan'))).toBe(true);
    expect(newSchool.id).toBeTruthy();
  });
});
