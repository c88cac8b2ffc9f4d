import { describe, expect, test } from 'vitest';
import { openedCase, type Opened } from '../helpers/cases.ts';
import { createOrganisation } from '../helpers/factories.ts';

type Headers = { cookie: string };

const change = (c: Opened, headers: Headers, payload: object) => c.app.inject({ method: 'PUT', url: `/api/cases/${c.caseId}/workers`, headers, payload });

describe('the continuity rule', () => {
  test('the worker who recorded the outcome is responsible; both who met the family are on the case', async () => {
    const c = await openedCase();
    const kase = (await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}`, headers: c.asBo })).json();
    expect(kase).toMatchObject({ responsible: { name: 'Bo Ek' }, workers: [{ name: 'Bo Ek', responsible: true }, { name: 'Anna Berg', responsible: false }], metFamily: [{ name: 'Anna Berg' }, { name: 'Bo Ek' }] });
  });

  test('a change that keeps one who met the family is fine', async () => {
    const c = await openedCase();
    const res = await change(c, c.asBo, { responsibleId: c.cia.id, coWorkerIds: [c.anna.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ responsible: { name: 'Cia Lund' }, changes: [{ byName: 'Bo Ek', continuityOverridden: false, after: [{ name: 'Cia Lund' }, { name: 'Anna Berg' }] }] });
  });

  test('a change that leaves none of them is 409 continuity_required, and nothing changes', async () => {
    const c = await openedCase();
    const res = await change(c, c.asBo, { responsibleId: c.cia.id, coWorkerIds: [c.dan.id], reason: 'Bo slutar' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'continuity_required',
      detail: 'Minst en av dem som träffade familjen på anmälningsmötet (Anna Berg eller Bo Ek) ska vara kvar i ärendet. Enhetschefen kan göra undantag med ett skäl.',
    });
    const kase = (await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}`, headers: c.asBo })).json();
    expect(kase.responsible.name).toBe('Bo Ek');
    expect(kase.changes).toEqual([]);
  });

  test('the team lead without a reason is refused too; with a reason it is kept and shown', async () => {
    const c = await openedCase();
    const bare = await change(c, c.asLead, { responsibleId: c.cia.id, coWorkerIds: [] });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().detail).toContain('Ange ett skäl');
    const ok = await change(c, c.asLead, { responsibleId: c.cia.id, coWorkerIds: [], reason: 'Båda är föräldralediga från april' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().changes).toEqual([expect.objectContaining({ continuityOverridden: true, reason: 'Båda är föräldralediga från april', byName: 'Maria Chef' })]);
    const overrides = (await c.app.inject({ method: 'GET', url: `/api/teams/${c.team.id}/continuity-overrides`, headers: c.asLead })).json();
    expect(overrides).toEqual([expect.objectContaining({ caseId: c.caseId, label: 'Familjen L', reason: 'Båda är föräldralediga från april', after: ['Cia Lund'] })]);
    expect((await c.app.inject({ method: 'GET', url: `/api/teams/${c.team.id}/continuity-overrides`, headers: c.asBo })).statusCode).toBe(403);
  });

  test('a worker not on the case cannot see or change it', async () => {
    const c = await openedCase();
    const asDan = await c.as(c.dan);
    expect((await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}`, headers: asDan })).statusCode).toBe(404);
    expect((await change(c, asDan, { responsibleId: c.dan.id, coWorkerIds: [c.anna.id] })).statusCode).toBe(404);
    expect((await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}`, headers: await c.as(c.principal) })).statusCode).toBe(403);
  });
});

describe('creating a case directly', () => {
  test('the team creates a case with a pseudonymous label; an identifying label is 422', async () => {
    const c = await openedCase();
    const asAnna = await c.as(c.anna);
    const ok = await c.app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'Syskonen K', organisationIds: [c.school.id, c.preschool.id], workerIds: [c.anna.id, c.cia.id] } });
    expect(ok.statusCode).toBe(201);
    const kase = (await c.app.inject({ method: 'GET', url: `/api/cases/${ok.json().id}`, headers: asAnna })).json();
    // Made by hand: its workers met the family unless the case says otherwise, and the rule holds them.
    expect(kase).toMatchObject({ responsible: { name: 'Anna Berg' }, metFamily: [{ name: 'Anna Berg' }, { name: 'Cia Lund' }], organisations: expect.arrayContaining([expect.objectContaining({ id: c.school.id, reporter: true })]) });
    const handOn = (payload: object) => c.app.inject({ method: 'PUT', url: `/api/cases/${ok.json().id}/workers`, headers: asAnna, payload });
    expect((await handOn({ responsibleId: c.dan.id, coWorkerIds: [] })).statusCode).toBe(409);
    expect((await handOn({ responsibleId: c.dan.id, coWorkerIds: [c.cia.id] })).statusCode).toBe(200);
    // A case opened on a written report, before anyone met the family: no rule to break yet.
    const unmet = await c.app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'Familjen U', organisationIds: [c.school.id], workerIds: [c.anna.id], metFamilyIds: [] } });
    expect((await c.app.inject({ method: 'PUT', url: `/api/cases/${unmet.json().id}/workers`, headers: asAnna, payload: { responsibleId: c.dan.id, coWorkerIds: [] } })).statusCode).toBe(200);

    const bad = await c.app.inject({ method: 'POST', url: '/api/cases', headers: asAnna, payload: { label: 'kim.larsson@example.com', organisationIds: [c.school.id], workerIds: [c.anna.id] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('identifying_data');
  });

  test('a school cannot create a case; another team’s organisation is 404', async () => {
    const c = await openedCase();
    expect((await c.app.inject({ method: 'POST', url: '/api/cases', headers: await c.as(c.principal), payload: { label: 'X', organisationIds: [c.school.id], workerIds: [c.anna.id] } })).statusCode).toBe(403);
    const elsewhere = await createOrganisation(c.db, { kind: 'school' });
    expect((await c.app.inject({ method: 'POST', url: '/api/cases', headers: await c.as(c.anna), payload: { label: 'X', organisationIds: [elsewhere.id], workerIds: [c.anna.id] } })).statusCode).toBe(404);
  });
});
