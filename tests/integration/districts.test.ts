import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, organisations } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

async function setup() {
  const { app, db } = await buildTestApp();
  const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
  const headers = await asUser(app, admin);
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, h = headers) => app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });
  const tag = uniqueTag(8);
  const district = (await call('POST', '/api/admin/districts', { name: `Hässelby-Vällingby ${tag}` })).json().id as string;
  return { app, db, admin, headers, call, tag, district };
}

describe('the administrator sets up a district', () => {
  test('a district, its team, a school with sections served by the team, a preschool unit with a preschool, and a BVC whose staff are partners; all audited', async () => {
    const { app, db, call, tag, district, admin } = await setup();
    const team = (await call('POST', '/api/admin/organisations', { name: `Vällingbyteamet ${tag}`, kind: 'social_services', districtId: district })).json().id;
    const school = await call('POST', '/api/admin/organisations', { name: `Vällingbyskolan ${tag}`, kind: 'school', districtId: district, servingTeamId: team, sections: ['F–3', '4–6', '7–9'] });
    expect(school.statusCode).toBe(201);
    const unit = (await call('POST', '/api/admin/organisations', { name: `Vällingby förskoleenhet ${tag}`, kind: 'preschool_unit', districtId: district, servingTeamId: team })).json().id;
    const preschool = await call('POST', '/api/admin/organisations', { name: `Gröna diamanten ${tag}`, kind: 'preschool', districtId: district, parentId: unit, servingTeamId: team });
    expect(preschool.statusCode).toBe(201);
    const bvc = (await call('POST', '/api/admin/organisations', { name: `BVC Vällingby ${tag}`, kind: 'child_health', districtId: district, servingTeamId: team })).json().id;

    const listed = (await call('GET', `/api/admin/organisations?districtId=${district}`)).json();
    expect(listed.map((o: { name: string }) => o.name)).toEqual([`BVC Vällingby ${tag}`, `Gröna diamanten ${tag}`, `Vällingby förskoleenhet ${tag}`, `Vällingbyskolan ${tag}`, `Vällingbyteamet ${tag}`]);
    expect(listed.find((o: { id: string }) => o.id === school.json().id)).toMatchObject({ kind: 'school', districtId: district, servingTeamId: team, archived: false, sections: [{ name: 'F–3' }, { name: '4–6' }, { name: '7–9' }] });

    // A nurse at the BVC is a partner; the team's staff see the BVC among the places they serve.
    const nurse = await call('POST', '/api/admin/users', { name: 'Nora Sköterska', email: `nora-${tag}@bvc.example`, memberships: [{ organisationId: bvc, role: 'partner' }] });
    expect(nurse.statusCode).toBe(201);
    const worker = await createUser(db, { memberships: [{ organisationId: team, role: 'social_worker' }] });
    const seen = (await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, worker) })).json();
    expect(seen.map((o: { id: string }) => o.id)).toContain(bvc);

    const actions = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, admin.id));
    expect(actions.filter((a) => a.action === 'organisation.created')).toHaveLength(5);
    expect(actions.filter((a) => a.action === 'district.created')).toHaveLength(1);
  });

  test('refused in Swedish, nothing written: a second district or organisation of the same name, an unknown district, a preschool under a school, a team that is no team, twin sections', async () => {
    const { db, call, tag, district } = await setup();
    const team = (await call('POST', '/api/admin/organisations', { name: `Teamet ${tag}`, kind: 'social_services', districtId: district })).json().id;
    const school = (await call('POST', '/api/admin/organisations', { name: `Skolan ${tag}`, kind: 'school', districtId: district })).json().id;
    const refused: [object, string, string][] = [
      [{ name: `Skolan ${tag}`.toUpperCase(), kind: 'school', districtId: district }, 'name', 'finns redan'],
      [{ name: `Ny ${tag}`, kind: 'school', districtId: randomUUID() }, 'districtId', 'Stadsdelen finns inte.'],
      [{ name: `Förskola ${tag}`, kind: 'preschool', districtId: district, parentId: school }, 'parentId', 'förskoleenhet'],
      [{ name: `Skola 2 ${tag}`, kind: 'school', districtId: district, servingTeamId: school }, 'servingTeamId', 'team'],
      [{ name: `Skola 3 ${tag}`, kind: 'school', districtId: district, sections: ['F–3', 'f–3'] }, 'sections', 'samma namn'],
      [{ name: `Skola 4 ${tag}`, kind: 'kommunhus', districtId: district }, 'kind', ''],
    ];
    for (const [payload, field, words] of refused) {
      const res = await call('POST', '/api/admin/organisations', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const error = res.json().fields.find((f: { field: string }) => f.field === field);
      expect(error, res.body).toBeDefined();
      expect(error.message).toContain(words);
    }
    const names = (await call('GET', `/api/admin/organisations?districtId=${district}`)).json().map((o: { name: string }) => o.name);
    expect(names.sort()).toEqual([`Skolan ${tag}`, `Teamet ${tag}`]);
    const twin = await call('POST', '/api/admin/districts', { name: `hässelby-vällingby ${tag}` });
    expect(twin.json()).toMatchObject({ status: 400, fields: [{ field: 'name' }] });
    expect(team).toBeTruthy();
    expect(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, `Skola 3 ${tag}`))).toEqual([]);
  });

  test('rename, change team, archive: an archived organisation leaves the lists but keeps its history; a team still serving someone is not archived', async () => {
    const { app, db, call, tag, district } = await setup();
    const team = (await call('POST', '/api/admin/organisations', { name: `Teamet ${tag}`, kind: 'social_services', districtId: district })).json().id;
    const other = (await call('POST', '/api/admin/organisations', { name: `Andra teamet ${tag}`, kind: 'social_services', districtId: district })).json().id;
    const school = (await call('POST', '/api/admin/organisations', { name: `Skolan ${tag}`, kind: 'school', districtId: district, servingTeamId: team })).json().id;
    expect((await call('PATCH', `/api/admin/organisations/${school}`, { name: `Nya skolan ${tag}` })).statusCode).toBe(200);

    const blocked = await call('POST', `/api/admin/organisations/${team}/archive`);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().detail).toBe(`Teamet ${tag} betjänar fortfarande 1 verksamhet. Välj ett annat team för dem först.`);
    expect((await call('PATCH', `/api/admin/organisations/${school}`, { servingTeamId: other })).statusCode).toBe(200);
    expect((await call('POST', `/api/admin/organisations/${team}/archive`)).statusCode).toBe(200);

    const pedagogue = await createUser(db, { memberships: [{ organisationId: school, role: 'pedagogue' }] });
    expect((await call('POST', `/api/admin/organisations/${school}/archive`)).statusCode).toBe(200);
    const visible = (await app.inject({ method: 'GET', url: '/api/organisations', headers: await asUser(app, pedagogue) })).json();
    expect(visible).toEqual([]);
    const all = (await call('GET', `/api/admin/organisations?districtId=${district}`)).json();
    expect(all.find((o: { id: string }) => o.id === school)).toMatchObject({ name: `Nya skolan ${tag}`, archived: true, servingTeamId: other });
    expect((await call('PATCH', `/api/admin/organisations/${school}`, { name: 'Igen' })).json().detail).toBe('Verksamheten är arkiverad och kan inte ändras.');
    const person = await call('POST', '/api/admin/users', { name: 'Sen Anställd', email: `sen-${tag}@skola.example`, memberships: [{ organisationId: school, role: 'pedagogue' }] });
    expect(person.json().fields[0]).toMatchObject({ field: 'memberships.0.organisationId' });
  });

  test('only the administrator', async () => {
    const { app, db, call, district } = await setup();
    const { team } = await createDistrict(db);
    const lead = await createUser(db, { memberships: [{ organisationId: team.id, role: 'team_lead' }] });
    const h = await asUser(app, lead);
    expect((await call('POST', '/api/admin/organisations', { name: 'X skola', kind: 'school', districtId: district }, h)).statusCode).toBe(403);
    expect((await call('GET', '/api/admin/districts', undefined, h)).statusCode).toBe(403);
    expect((await call('POST', `/api/admin/organisations/${team.id}/archive`, undefined, h)).statusCode).toBe(403);
  });
});
