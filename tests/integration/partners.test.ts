import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createOrganisation, createSlot, createUser, reportMeetingRequest } from '../helpers/factories.ts';

const TODAY = '2026-03-09';

/** A BVC and a fritidsgård served by the team, a partner at each, and a social worker. */
async function partners() {
  const clock = fixedClock(`${TODAY}T09:00:00+01:00`);
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const bvc = await createOrganisation(db, { kind: 'child_health', name: 'BVC Vällingby', servingTeamId: d.team.id });
  const fritid = await createOrganisation(db, { kind: 'youth_services', name: 'Fritidsgården', servingTeamId: d.team.id });
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const nurse = await createUser(db, { name: 'Sara Sjuksköterska', memberships: [{ organisationId: bvc.id, role: 'partner' }] });
  const leader = await createUser(db, { name: 'Leo Fritidsledare', memberships: [{ organisationId: fritid.id, role: 'partner' }] });
  return { app, db, clock, ...d, bvc, fritid, anna, nurse, leader, as: (u: { email: string; password: string }) => asUser(app, u) };
}

describe('partners (BVC, BUP, fritid…) work with the team like a school', () => {
  test('a partner asks for a report meeting about their own organisation and follows it; not for another, and no police meeting', async () => {
    const p = await partners();
    const nurse = await p.as(p.nurse);
    const asked = await p.app.inject({ method: 'POST', url: '/api/meetings', headers: nurse, payload: reportMeetingRequest(p.bvc.id) });
    expect(asked.statusCode).toBe(201);
    const mine = (await p.app.inject({ method: 'GET', url: '/api/meetings', headers: nurse })).json() as { id: string }[];
    expect(mine.map((m) => m.id)).toContain(asked.json().id);
    expect((await p.app.inject({ method: 'GET', url: `/api/meetings/${asked.json().id}`, headers: nurse })).statusCode).toBe(200);
    // The fritidsgård's partner neither sees it nor asks on the BVC's behalf.
    const leader = await p.as(p.leader);
    expect((await p.app.inject({ method: 'GET', url: `/api/meetings/${asked.json().id}`, headers: leader })).statusCode).toBe(404);
    expect((await p.app.inject({ method: 'POST', url: '/api/meetings', headers: leader, payload: reportMeetingRequest(p.bvc.id) })).statusCode).toBeGreaterThanOrEqual(403);
    expect((await p.app.inject({ method: 'POST', url: '/api/meetings', headers: nurse, payload: reportMeetingRequest(p.bvc.id, { type: 'police_collaboration' }) })).statusCode).toBe(400);
  });

  test('a partner named in a case reads and answers the feedback the guardians consented to; another partner does not', async () => {
    const p = await partners();
    const anna = await p.as(p.anna);
    const created = await p.app.inject({ method: 'POST', url: '/api/cases', headers: anna, payload: { label: 'Familjen L', organisationIds: [p.bvc.id], workerIds: [p.anna.id] } });
    expect(created.statusCode).toBe(201);
    const caseId = created.json().id as string;
    const consent = { organisationId: p.bvc.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }, { role: 'guardian' }], form: 'written', validFrom: TODAY, validUntil: '2026-06-12' };
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/consents`, headers: anna, payload: consent })).statusCode).toBe(201);
    const body = 'Familjen har börjat i föräldrastödet och kommer varje vecka.';
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers: anna, payload: { organisationId: p.bvc.id, scope: 'intervention_progress', body } })).statusCode).toBe(201);

    const nurse = await p.as(p.nurse);
    const read = await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}/feedback`, headers: nurse });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual([expect.objectContaining({ body, authorName: 'Anna Berg' })]);
    const answer = await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers: nurse, payload: { organisationId: p.bvc.id, scope: 'intervention_progress', body: 'Barnet har kommit på alla besök.' } });
    expect(answer.statusCode).toBe(201);

    const leader = await p.as(p.leader);
    expect((await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}/feedback`, headers: leader })).statusCode).toBe(404);
    // The case itself is the team's, for a partner as for a rektor.
    expect((await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: nurse })).statusCode).toBe(403);
  });

  test('a partner books no walk-and-talk: the school\'s times are not theirs', async () => {
    const p = await partners();
    const slot = await createSlot(p.db, { organisationId: p.school.id, hostIds: [p.anna.id], startsAt: '2026-03-10T13:00:00+01:00' });
    const nurse = await p.as(p.nurse);
    const res = await p.app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: nurse, payload: { topic: 'unsure_report' } });
    expect([403, 404]).toContain(res.statusCode);
  });

  test('a police area named in a case gets consented feedback like a school', async () => {
    const p = await partners();
    const area = await createOrganisation(p.db, { kind: 'police', name: 'Lokalpolisområde Vällingby', servingTeamId: p.team.id });
    const officer = await createUser(p.db, { name: 'Pia Polis', memberships: [{ organisationId: area.id, role: 'police' }] });
    const anna = await p.as(p.anna);
    const caseId = (await p.app.inject({ method: 'POST', url: '/api/cases', headers: anna, payload: { label: 'Familjen P', organisationIds: [area.id], workerIds: [p.anna.id] } })).json().id as string;
    const consent = { organisationId: area.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: TODAY, validUntil: '2026-06-12' };
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/consents`, headers: anna, payload: consent })).statusCode).toBe(201);
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers: anna, payload: { organisationId: area.id, scope: 'intervention_progress', body: 'Familjen har fått stöd.' } })).statusCode).toBe(201);
    const read = await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}/feedback`, headers: await p.as(officer) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual([expect.objectContaining({ body: 'Familjen har fått stöd.' })]);
  });
});
