import { describe, expect, test } from 'vitest';
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
