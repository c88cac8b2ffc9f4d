import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { consents, feedback, statutoryFeedback } from '../../db/schema/index.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { tenantTransaction } from '../../db/tenancy.ts';
import { createConsentsRepository } from '../../server/modules/consents/consents.repository.ts';
import { createFeedbackRepository } from '../../server/modules/feedback/feedback.repository.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createOrganisation, createUser } from '../helpers/factories.ts';
import { privileged } from '../helpers/db.ts';

type Headers = { cookie: string };
const TODAY = '2026-03-10';

/** A case about the school and the preschool, with Anna on it; the people around it signed in. */
async function consentCase() {
  const clock = fixedClock(`${TODAY}T10:00:00+01:00`);
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const other = await createOrganisation(db, { kind: 'school', servingTeamId: d.team.id });
  const police = await createOrganisation(db, { kind: 'police', servingTeamId: d.team.id });
  const mk = (name: string, organisationId: string, role: 'social_worker' | 'team_lead' | 'principal' | 'pupil_health' | 'pedagogue' | 'police') =>
    createUser(db, { name, memberships: [{ organisationId, role }] });
  const people = {
    anna: await mk('Anna Berg', d.team.id, 'social_worker'),
    bo: await mk('Bo Ek', d.team.id, 'social_worker'),
    lead: await mk('Maria Chef', d.team.id, 'team_lead'),
    principal: await mk('Rut Rektor', d.school.id, 'principal'),
    pupilHealth: await mk('Kim Kurator', d.school.id, 'pupil_health'),
    pedagogue: await mk('Pia Pedagog', d.school.id, 'pedagogue'),
    otherPrincipal: await mk('Olle Annanskola', other.id, 'principal'),
    unitPrincipal: await mk('Frida Förskolechef', d.unit.id, 'principal'),
    police: await mk('Per Polis', police.id, 'police'),
  };
  const headers = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([k, u]) => [k, await asUser(app, u)] as const))) as Record<keyof typeof people, Headers>;
  const created = await app.inject({ method: 'POST', url: '/api/cases', headers: headers.anna, payload: { label: 'Familjen S', organisationIds: [d.school.id, d.preschool.id], workerIds: [people.anna.id] } });
  const caseId = created.json().id as string;
  return { app, db, clock, ...d, other, people, headers, caseId };
}
type Fixture = Awaited<ReturnType<typeof consentCase>>;

const consent = (over: object = {}) => ({ scopes: ['intervention_progress'], parties: [{ role: 'guardian' }, { role: 'guardian' }], form: 'written', validFrom: TODAY, validUntil: '2026-06-12', ...over });
const record = (f: Fixture, headers: Headers, payload: object, caseId = f.caseId) => f.app.inject({ method: 'POST', url: `/api/cases/${caseId}/consents`, headers, payload });
const write = (f: Fixture, headers: Headers, payload: object, caseId = f.caseId) => f.app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers, payload });
const read = (f: Fixture, headers: Headers, query = '', caseId = f.caseId) => f.app.inject({ method: 'GET', url: `/api/cases/${caseId}/feedback${query}`, headers });

describe('consent-gated feedback', () => {
  test('while a consent holds, the team and the principal exchange feedback with receipts; withdrawal cuts the school off at once', async () => {
    const f = await consentCase();
    const rec = await record(f, f.headers.anna, consent({ organisationId: f.school.id }));
    expect(rec.statusCode).toBe(201);
    expect(rec.json().status).toBe('active');

    const msg = await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Familjen har börjat i föräldrastödet och kommer varje vecka.' });
    expect(msg.statusCode).toBe(201);
    const seen = await read(f, f.headers.principal);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual([expect.objectContaining({ body: 'Familjen har börjat i föräldrastödet och kommer varje vecka.', authorName: 'Anna Berg', authorSide: 'team', acknowledgedAt: null })]);

    // The receipt: the school marks it read and the writer sees by whom.
    expect((await f.app.inject({ method: 'POST', url: `/api/feedback/${msg.json().id}/acknowledge`, headers: f.headers.principal })).statusCode).toBe(200);
    expect((await read(f, f.headers.anna)).json()[0]).toMatchObject({ acknowledgedBy: 'Rut Rektor' });
    // A writer does not acknowledge their own message.
    expect((await f.app.inject({ method: 'POST', url: `/api/feedback/${msg.json().id}/acknowledge`, headers: f.headers.anna })).statusCode).toBe(400);

    // Elevhälsa writes back within the scope; outside it is 403 no_consent.
    expect((await write(f, f.headers.pupilHealth, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Eleven verkar lugnare på lektionerna.' })).statusCode).toBe(201);
    const outside = await write(f, f.headers.pupilHealth, { organisationId: f.school.id, scope: 'attendance', body: 'Frånvaron har minskat.' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'no_consent', detail: expect.stringContaining('Samtycket gäller inte') });

    const list = (await f.app.inject({ method: 'GET', url: `/api/cases/${f.caseId}/consents`, headers: f.headers.anna })).json();
    expect(list).toEqual([expect.objectContaining({ organisationName: f.school.name, status: 'active', statusText: 'Gäller till 12 juni', endsSoon: false, recordedByName: 'Anna Berg' })]);

    f.clock.advance(60_000);
    const withdrawn = await f.app.inject({ method: 'POST', url: `/api/consents/${list[0].id}/withdraw`, headers: f.headers.anna, payload: { reason: 'Vårdnadshavarna ringde och återkallade.' } });
    expect(withdrawn.json()).toEqual({ status: 'withdrawn' });
    const after = await read(f, f.headers.principal);
    expect(after.statusCode).toBe(403);
    expect(after.json().code).toBe('no_consent');
    expect((await write(f, f.headers.principal, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Hej igen' })).statusCode).toBe(403);
    // The team keeps its own record, but cannot write either.
    expect((await read(f, f.headers.anna)).json()).toHaveLength(2);
    expect((await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Hej igen' })).statusCode).toBe(403);
    const again = (await f.app.inject({ method: 'GET', url: `/api/cases/${f.caseId}/consents`, headers: f.headers.anna })).json();
    expect(again[0]).toMatchObject({ status: 'withdrawn', statusText: 'Återkallat 10 mars', withdrawalReason: 'Vårdnadshavarna ringde och återkallade.' });

    // The school's page now says only that the consent no longer holds.
    const inbox = (await f.app.inject({ method: 'GET', url: `/api/organisations/${f.school.id}/feedback`, headers: f.headers.principal })).json();
    expect(inbox).toEqual([expect.objectContaining({ caseId: f.caseId, label: 'Familjen S', activeScopes: [], ended: true })]);
    const other = (await f.app.inject({ method: 'GET', url: `/api/organisations/${f.school.id}/feedback?caseId=${crypto.randomUUID()}`, headers: f.headers.principal })).json();
    expect(other).toEqual([]);

    // The page of one case is a read of that case (the whole inbox is one list view).
    await f.app.inject({ method: 'GET', url: `/api/organisations/${f.school.id}/feedback?caseId=${f.caseId}`, headers: f.headers.principal });
    // Every one of these reads and writes is in the case's log.
    const log = (await f.app.inject({ method: 'GET', url: `/api/cases/${f.caseId}/audit`, headers: f.headers.lead })).json() as { action: string; actorName: string }[];
    const actions = log.map((r) => r.action);
    for (const a of ['consent.create', 'feedback.write', 'feedback.read', 'feedback.acknowledge', 'consent.list', 'consent.withdraw', 'feedback.inbox']) expect(actions).toContain(a);
    expect(log).toContainEqual(expect.objectContaining({ action: 'feedback.read', actorName: 'Rut Rektor' }));
  });

  test('expiry needs no job: the day after the last day the school reads nothing, and a consent ending within 14 days is flagged', async () => {
    const f = await consentCase();
    await record(f, f.headers.anna, consent({ organisationId: f.school.id, validUntil: '2026-03-20' }));
    await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Första samtalet är bokat.' });
    const list = (await f.app.inject({ method: 'GET', url: `/api/cases/${f.caseId}/consents`, headers: f.headers.anna })).json();
    expect(list[0]).toMatchObject({ status: 'active', endsSoon: true, statusText: 'Gäller till 20 mars – går snart ut' });

    f.clock.set('2026-03-20T23:59:00+01:00');
    const principal = await asUser(f.app, f.people.principal);
    expect((await read(f, principal)).statusCode).toBe(200);
    f.clock.set('2026-03-21T00:00:00+01:00');
    expect((await read(f, principal)).json().code).toBe('no_consent');
    const expired = (await f.app.inject({ method: 'GET', url: `/api/cases/${f.caseId}/consents`, headers: await asUser(f.app, f.people.anna) })).json();
    expect(expired[0]).toMatchObject({ status: 'expired', statusText: 'Har gått ut (gällde till 20 mars)' });
  });

  test('a unit’s principal reads the feedback of its preschool; the receipt names who shares what with whom', async () => {
    const f = await consentCase();
    const rec = await record(f, f.headers.anna, consent({ organisationId: f.preschool.id, scopes: ['intervention_progress', 'attendance'], parties: [{ role: 'guardian' }, { role: 'child' }], form: 'verbal' }));
    await write(f, f.headers.anna, { organisationId: f.preschool.id, scope: 'attendance', body: 'Barnet har varit på förskolan alla dagar.' });
    expect((await read(f, f.headers.unitPrincipal, `?organisationId=${f.preschool.id}`)).json()).toHaveLength(1);
    const receipt = await f.app.inject({ method: 'GET', url: `/api/consents/${rec.json().id}/receipt`, headers: f.headers.anna });
    expect(receipt.json()).toMatchObject({ teamName: f.team.name, organisationName: f.preschool.name, scopes: ['intervention_progress', 'attendance'], form: 'verbal', validUntil: '2026-06-12', contactName: 'Anna Berg', status: 'active' });
  });
});

// Each role against each state of the school's consent for "insatsens förlopp".
const states = ['active', 'expired', 'withdrawn', 'not_yet_valid', 'other_scope'] as const;
type State = (typeof states)[number];
type Role = 'anna' | 'lead' | 'principal' | 'pupilHealth' | 'pedagogue' | 'otherPrincipal' | 'police';
const expected: Record<Role, (s: State) => { read: number; write: number }> = {
  anna: (s) => ({ read: 200, write: s === 'active' ? 201 : 403 }),
  lead: () => ({ read: 403, write: 403 }),
  principal: (s) => (s === 'active' ? { read: 200, write: 201 } : { read: 403, write: 403 }),
  pupilHealth: (s) => (s === 'active' ? { read: 200, write: 201 } : { read: 403, write: 403 }),
  pedagogue: () => ({ read: 404, write: 404 }),
  otherPrincipal: () => ({ read: 404, write: 404 }),
  police: () => ({ read: 404, write: 404 }),
};

describe('who may read and write, by role and consent state', () => {
  let f: Fixture;
  const caseOf = {} as Record<State, string>;
  beforeAll(async () => {
    f = await consentCase();
    for (const state of states) {
      const c = await f.app.inject({ method: 'POST', url: '/api/cases', headers: f.headers.anna, payload: { label: `Fall ${state}`, organisationIds: [f.school.id], workerIds: [f.people.anna.id] } });
      const caseId = c.json().id as string;
      caseOf[state] = caseId;
      const terms: Record<State, object> = {
        active: {},
        expired: { validFrom: '2025-06-01', validUntil: '2026-03-09' },
        withdrawn: {},
        not_yet_valid: { validFrom: '2026-03-11', validUntil: '2026-09-01' },
        other_scope: { scopes: ['attendance'] },
      };
      if (state === 'expired') {
        // The API refuses a consent already over; it got here by the passing of time.
        await privileged(f.db, (tx) => tx.insert(consents).values({ caseId, organisationId: f.school.id, teamId: f.team.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2025-06-01', validUntil: '2026-03-09' }));
      } else {
        const r = await record(f, f.headers.anna, consent({ organisationId: f.school.id, ...terms[state] }), caseId);
        expect(r.statusCode).toBe(201);
        if (state === 'withdrawn') await f.app.inject({ method: 'POST', url: `/api/consents/${r.json().id}/withdraw`, headers: f.headers.anna, payload: { reason: 'Återkallat per telefon' } });
      }
      await privileged(f.db, (tx) => tx.insert(feedback).values({ caseId, organisationId: f.school.id, teamId: f.team.id, scope: 'intervention_progress', body: 'Ett tidigare meddelande', authorName: 'Anna Berg', authorSide: 'team' }));
    }
  });

  const cases = (Object.keys(expected) as Role[]).flatMap((role) => states.map((state) => ({ role, state, ...expected[role](state) })));
  test.each(cases)('$role, consent $state: read $read, write $write', async ({ role, state, read: r, write: w }) => {
    const caseId = caseOf[state];
    const got = await read(f, f.headers[role], `?organisationId=${f.school.id}&scope=intervention_progress`, caseId);
    expect(got.statusCode).toBe(r);
    if (r === 200) expect(got.json().map((m: { body: string }) => m.body)).toContain('Ett tidigare meddelande');
    const wrote = await write(f, f.headers[role], { organisationId: f.school.id, scope: 'intervention_progress', body: `Meddelande från ${role}` }, caseId);
    expect(wrote.statusCode).toBe(w);
  });
});

describe('statutory feedback to the reporter', () => {
  test('one of three answers, once, to an organisation that reported; the team sees what is still waiting', async () => {
    const f = await consentCase();
    const pending = async () => (await f.app.inject({ method: 'GET', url: `/api/teams/${f.team.id}/statutory-feedback/pending`, headers: f.headers.lead })).json();
    expect(await pending()).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: f.caseId, organisationId: f.school.id, days: 0 })]));
    f.clock.set('2026-03-17T09:00:00+01:00');
    f.headers = Object.fromEntries(await Promise.all(Object.entries(f.people).map(async ([k, u]) => [k, await asUser(f.app, u)] as const))) as Fixture['headers'];
    expect((await pending()).find((p: { caseId: string; organisationId: string }) => p.caseId === f.caseId && p.organisationId === f.school.id).days).toBe(7);

    // No consent is needed; the principal may not give it; free text is refused.
    expect((await f.app.inject({ method: 'POST', url: `/api/cases/${f.caseId}/statutory-feedback`, headers: f.headers.principal, payload: { organisationId: f.school.id, status: 'investigation_opened' } })).statusCode).toBe(403);
    const free = await f.app.inject({ method: 'POST', url: `/api/cases/${f.caseId}/statutory-feedback`, headers: f.headers.anna, payload: { organisationId: f.school.id, status: 'investigation_opened', body: 'Vi utreder pappan.' } });
    expect(free.statusCode).toBe(400);
    expect((await f.app.inject({ method: 'POST', url: `/api/cases/${f.caseId}/statutory-feedback`, headers: f.headers.anna, payload: { organisationId: f.school.id, status: 'maybe' } })).statusCode).toBe(400);

    const given = await f.app.inject({ method: 'POST', url: `/api/cases/${f.caseId}/statutory-feedback`, headers: f.headers.anna, payload: { organisationId: f.school.id, status: 'investigation_opened' } });
    expect(given.statusCode).toBe(201);
    expect((await f.app.inject({ method: 'POST', url: `/api/cases/${f.caseId}/statutory-feedback`, headers: f.headers.anna, payload: { organisationId: f.school.id, status: 'already_ongoing' } })).statusCode).toBe(400);
    expect((await pending()).some((p: { caseId: string; organisationId: string }) => p.caseId === f.caseId && p.organisationId === f.school.id)).toBe(false);

    const inbox = (await f.app.inject({ method: 'GET', url: `/api/organisations/${f.school.id}/feedback`, headers: f.headers.pupilHealth })).json();
    expect(inbox).toEqual([expect.objectContaining({ caseId: f.caseId, statutory: { status: 'investigation_opened', givenAt: '2026-03-17T08:00:00.000Z' }, activeScopes: [], ended: false })]);
    expect((await f.app.inject({ method: 'GET', url: `/api/organisations/${f.school.id}/feedback`, headers: f.headers.otherPrincipal })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: `/api/organisations/${f.school.id}/feedback`, headers: f.headers.pedagogue })).statusCode).toBe(404);
  });

  test('an organisation marked as not reporting gets none', async () => {
    const f = await consentCase();
    await f.db.execute(sql`update case_organisations set reporter = false where case_id = ${f.caseId} and organisation_id = ${f.preschool.id}`);
    const res = await f.app.inject({ method: 'POST', url: `/api/cases/${f.caseId}/statutory-feedback`, headers: f.headers.anna, payload: { organisationId: f.preschool.id, status: 'investigation_not_opened' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('ingen anmälan');
  });
});

describe('bad input changes nothing', () => {
  // Counted past row-level security: the app's own role sees none of these rows without a tenancy.
  const count = (f: Fixture) =>
    privileged(f.db, async (db) => {
      const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(consents).where(eq(consents.caseId, f.caseId));
      const [m] = await db.select({ n: sql<number>`count(*)::int` }).from(feedback).where(eq(feedback.caseId, f.caseId));
      const [s] = await db.select({ n: sql<number>`count(*)::int` }).from(statutoryFeedback).where(eq(statutoryFeedback.caseId, f.caseId));
      return [c!.n, m!.n, s!.n];
    });

  test.each([
    ['a scope outside the list', consent({ scopes: ['everything'] }), 400],
    ['validUntil before validFrom', consent({ validFrom: '2026-04-01', validUntil: '2026-03-31' }), 400],
    ['longer than 12 months', consent({ validFrom: '2026-03-10', validUntil: '2027-03-11' }), 400],
    ['three guardians', consent({ parties: [{ role: 'guardian' }, { role: 'guardian' }, { role: 'guardian' }] }), 400],
    ['already over', consent({ validFrom: '2026-01-01', validUntil: '2026-03-09' }), 400],
  ])('a consent with %s is %d', async (_what, body, status) => {
    const f = await consentCase();
    const res = await record(f, f.headers.anna, { organisationId: f.school.id, ...body });
    expect(res.statusCode).toBe(status);
    expect(res.json().detail).toMatch(/[a-zåäö]/);
    expect(await count(f)).toEqual([0, 0, 0]);
  });

  test('12 months exactly is fine; an organisation not on the case, a 100 kB body and an identifying body are refused', async () => {
    const f = await consentCase();
    expect((await record(f, f.headers.anna, consent({ organisationId: f.school.id, validFrom: '2026-03-10', validUntil: '2027-03-10' }))).statusCode).toBe(201);
    const notOn = await record(f, f.headers.anna, consent({ organisationId: f.other.id }));
    expect(notOn.statusCode).toBe(400);
    expect(notOn.json().fields).toEqual([expect.objectContaining({ field: 'organisationId' })]);
    expect((await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'x'.repeat(100_000) })).statusCode).toBeOneOf([400, 413]);
    const named = await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Ring mamma på 070-123 45 67.' });
    expect(named.statusCode).toBe(422);
    expect(named.json().code).toBe('identifying_data');
    expect(await count(f)).toEqual([1, 0, 0]);
  });
});

describe('row-level security: the database keeps tenancy when code forgets to', () => {
  test('repository reads without the service’s checks see only what the tenancy allows', async () => {
    const f = await consentCase();
    const rec = await record(f, f.headers.anna, consent({ organisationId: f.school.id }));
    await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Samtal varje vecka.' });
    const tx = tenantTransaction(f.db);
    const now = f.clock.now();
    const tenancy = (over: object) => ({ teamIds: [], schoolOrganisationIds: [], now, today: TODAY, ...over });
    const look = (t: object) => tx(tenancy(t), async (t) => ({ consents: (await createConsentsRepository(t).ofCase(f.caseId)).length, feedback: (await createFeedbackRepository(t).ofCase(f.caseId)).length }));

    expect(await look({ teamIds: [f.team.id] })).toEqual({ consents: 1, feedback: 1 });
    expect(await look({ schoolOrganisationIds: [f.school.id] })).toEqual({ consents: 1, feedback: 1 });
    // Another school, another team, or no tenancy at all: nothing, though the query asks for the case.
    expect(await look({ schoolOrganisationIds: [f.other.id] })).toEqual({ consents: 0, feedback: 0 });
    const elsewhere = await createOrganisation(f.db, { kind: 'social_services' });
    expect(await look({ teamIds: [elsewhere.id] })).toEqual({ consents: 0, feedback: 0 });
    expect(await look({})).toEqual({ consents: 0, feedback: 0 });
    // The school's own messages vanish the moment the consent is withdrawn, with no check in the query.
    await f.app.inject({ method: 'POST', url: `/api/consents/${rec.json().id}/withdraw`, headers: f.headers.anna, payload: { reason: 'Återkallat' } });
    expect(await look({ schoolOrganisationIds: [f.school.id], now: new Date(now.getTime() + 1) })).toEqual({ consents: 1, feedback: 0 });
    // And a write past the service is refused by the database itself.
    const sneaky = tx(tenancy({ schoolOrganisationIds: [f.school.id], now: new Date(now.getTime() + 1) }), (t) =>
      createFeedbackRepository(t).insert({ caseId: f.caseId, organisationId: f.school.id, teamId: f.team.id, scope: 'intervention_progress', body: 'Smet förbi', authorName: 'X', authorSide: 'school' }),
    );
    await expect(sneaky).rejects.toThrow();
    const [m] = await privileged(f.db, (db) => db.select({ n: sql<number>`count(*)::int` }).from(feedback).where(eq(feedback.caseId, f.caseId)));
    expect(m!.n).toBe(1);
  });

  test('the app’s own role sees no consent or message at all without a tenancy, and cannot lift the rule', async () => {
    const f = await consentCase();
    await record(f, f.headers.anna, consent({ organisationId: f.school.id }));
    await write(f, f.headers.anna, { organisationId: f.school.id, scope: 'intervention_progress', body: 'Samtal varje vecka.' });
    const all = await privileged(f.db, async (db) => [(await db.select().from(consents).where(eq(consents.caseId, f.caseId))).length, (await db.select().from(feedback).where(eq(feedback.caseId, f.caseId))).length]);
    expect(all).toEqual([1, 1]);
    // The app's connection, outside a use case's transaction: forced row-level security hides everything.
    expect(await f.db.select().from(consents).where(eq(consents.caseId, f.caseId))).toEqual([]);
    expect(await f.db.select().from(feedback).where(eq(feedback.caseId, f.caseId))).toEqual([]);
    // It owns no table, so it can neither lift the rule nor switch off a trigger.
    const notOwner = { cause: expect.objectContaining({ message: expect.stringMatching(/must be owner/) }) };
    await expect(f.db.execute(sql`alter table consents no force row level security`)).rejects.toMatchObject(notOwner);
    await expect(f.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)).rejects.toMatchObject(notOwner);
    await expect(f.db.execute(sql`set session_replication_role = replica`)).rejects.toThrow();
  });

  test('a withdrawal is final in the database: the app cannot set it back, nor change it', async () => {
    const f = await consentCase();
    const rec = await record(f, f.headers.anna, consent({ organisationId: f.school.id }));
    await f.app.inject({ method: 'POST', url: `/api/consents/${rec.json().id}/withdraw`, headers: f.headers.anna, payload: { reason: 'Återkallat' } });
    const revive = (change: object) =>
      f.db.transaction(async (tx) => {
        await tx.execute(sql`set local role samverkan_app`);
        await tx.execute(sql`select set_config('app.team_ids', ${`{${f.team.id}}`}, true)`);
        await tx.update(consents).set(change).where(eq(consents.id, rec.json().id));
      });
    await expect(revive({ withdrawnAt: null, withdrawnBy: null, withdrawalReason: null })).rejects.toThrow();
    await expect(revive({ withdrawalReason: 'Något annat' })).rejects.toThrow();
    // Not even by dressing the revival up as gallring.
    await expect(revive({ withdrawnAt: null, withdrawalReason: 'Gallrad' })).rejects.toThrow();
    const [row] = await privileged(f.db, (db) => db.select().from(consents).where(eq(consents.id, rec.json().id)));
    expect(row).toMatchObject({ withdrawalReason: 'Återkallat' });
    expect(row!.withdrawnAt).not.toBeNull();
  });
});
