import fc from 'fast-check';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.ts';
import type { ConsentScope } from '../../server/contracts/consents.ts';
import type { Actor } from '../../server/lib/access.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { createCasesRepository } from '../../server/modules/cases/cases.repository.ts';
import { consentsTransaction } from '../../server/modules/consents/consents.repository.ts';
import { feedbackTransaction } from '../../server/modules/feedback/feedback.repository.ts';
import { createConsentsService } from '../../server/modules/consents/consents.service.ts';
import { createFeedbackService } from '../../server/modules/feedback/feedback.service.ts';
import { testDb } from '../helpers/db.ts';
import { createDistrict, createOrganisation, createUser } from '../helpers/factories.ts';

// Random sequences of consents, withdrawals and the passing of time, each followed by reads and
// writes of feedback, checked against a small reference model of who may read and write what.
// The system under test is the real service and database (SQL `consent_covers` and row-level
// security); the model works on Stockholm calendar days with Luxon, independently.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const scopes: ConsentScope[] = ['intervention_progress', 'school_observations', 'attendance', 'meeting_invitations'];
type Org = 'A' | 'B';
type Who = 'worker' | 'principalA' | 'healthA' | 'principalB';

type ModelConsent = { org: Org; scopes: ConsentScope[]; from: string; until: string; withdrawnAt: number | null; id?: string };
const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Stockholm' }).toISODate()!;
const plusDays = (date: string, n: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: n }).toISODate()!;

function covers(model: ModelConsent[], org: Org, scope: ConsentScope, now: number) {
  const today = dayOf(now);
  return model.some((c) => c.org === org && c.scopes.includes(scope) && c.from <= today && today <= c.until && !(c.withdrawnAt !== null && c.withdrawnAt <= now));
}

const command = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('record' as const), org: fc.constantFrom<Org>('A', 'B'), scopes: fc.subarray(scopes, { minLength: 1 }), fromOffset: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -20, max: 20 })), length: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 364 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), index: fc.nat(5) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Minutes to weeks, or to the next Stockholm midnight give or take a second: day edges matter most.
      to: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(-1, 0, 1).map((s) => ({ midnight: s })) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 36 * 60 }).map((m) => ({ minutes: m })) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 * 24 * 60 }).map((m) => ({ minutes: m })) },
      ),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('check' as const), who: fc.constantFrom<Who>('worker', 'principalA', 'healthA', 'principalB'), org: fc.constantFrom<Org>('A', 'B'), scope: fc.constantFrom(...scopes) }) },
);
// Starts around the DST changes, the turn of the year and an ordinary day.
const start = fc.tuple(fc.constantFrom('2026-03-27T12:00:00Z', '2026-10-23T12:00:00Z', '2026-12-28T12:00:00Z', '2026-05-12T06:30:00Z'), fc.integer({ min: 0, max: 7 * 24 * 60 }));

describe('consent-gated feedback against a reference model', () => {
  let db: Db;
  let teamId: string;
  let orgs: Record<Org, string>;
  let actors: Record<Who, Actor>;
  beforeAll(async () => {
    db = (await testDb()).db;
    const d = await createDistrict(db);
    const b = await createOrganisation(db, { kind: 'school', servingTeamId: d.team.id });
    teamId = d.team.id;
    orgs = { A: d.school.id, B: b.id };
    const person = async (name: string, organisationId: string, role: 'social_worker' | 'principal' | 'pupil_health'): Promise<Actor> => {
      const u = await createUser(db, { name, memberships: [{ organisationId, role }] });
      return { userId: u.id, sessionId: 'property', name, email: u.email, memberships: [{ organisationId, organisationName: name, organisationKind: role === 'social_worker' ? 'social_services' : 'school', role, sectionId: null }] };
    };
    actors = { worker: await person('Anna Berg', teamId, 'social_worker'), principalA: await person('Rut Rektor', orgs.A, 'principal'), healthA: await person('Kim Kurator', orgs.A, 'pupil_health'), principalB: await person('Olle Rektor', orgs.B, 'principal') };
  });

  test(`${RUNS} random histories, zero disagreements`, async () => {
    let checks = 0;
    await fc.assert(
      fc.asyncProperty(start, fc.array(command, { minLength: 1, maxLength: 12 }), async ([startIso, minutes], commands) => {
        const clock = fixedClock(new Date(Date.parse(startIso) + minutes * 60_000));
        const consentsService = createConsentsService({ transaction: consentsTransaction(db), clock });
        const feedbackService = createFeedbackService({ transaction: feedbackTransaction(db), clock, mailBaseUrl: 'http://localhost' });
        const caseId = await createCasesRepository(db).insert({
          teamId,
          label: 'Egenskapstest',
          reportMeetingId: null,
          createdBy: actors.worker.userId,
          createdAt: clock.now(),
          organisations: [
            { id: orgs.A, reporter: true },
            { id: orgs.B, reporter: true },
          ],
          responsibleId: actors.worker.userId,
          workerIds: [actors.worker.userId],
        });
        const model: ModelConsent[] = [];
        const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));

        for (const c of commands) {
          const now = clock.now().getTime();
          const today = dayOf(now);
          if (c.kind === 'record') {
            const from = plusDays(today, c.fromOffset);
            const until = plusDays(from, c.length);
            const body = { organisationId: orgs[c.org], scopes: c.scopes, parties: [{ role: 'guardian' as const }], form: 'written' as const, validFrom: from, validUntil: until };
            const got = await consentsService.record(actors.worker, caseId, body).then((r) => r.id, (e: { code?: string }) => e.code);
            if (until < today) expect(got).toBe('invalid_request');
            else {
              expect(got).toMatch(/^[0-9a-f-]{36}$/);
              model.push({ org: c.org, scopes: c.scopes, from, until, withdrawnAt: null, id: got });
            }
          } else if (c.kind === 'withdraw') {
            const target = model[c.index];
            if (!target) continue;
            const got = await outcome(consentsService.withdraw(actors.worker, target.id!, 'Återkallat'));
            const expected = target.withdrawnAt !== null || target.until < today ? 'invalid_request' : 'ok';
            expect(got).toBe(expected);
            if (expected === 'ok') target.withdrawnAt = now;
          } else if (c.kind === 'advance') {
            if ('minutes' in c.to) clock.advance(c.to.minutes * 60_000);
            else {
              const midnight = DateTime.fromMillis(now, { zone: 'Europe/Stockholm' }).plus({ days: 1 }).startOf('day').toMillis();
              clock.set(new Date(midnight + c.to.midnight * 1000));
            }
          } else {
            checks++;
            const actor = actors[c.who];
            // A school person speaks for their own organisation only; the worker for the team.
            const own: Org | null = c.who === 'worker' ? null : c.who === 'principalB' ? 'B' : 'A';
            const ownOrg = own === null || own === c.org;
            const mayRead = own === null || (ownOrg && covers(model, c.org, c.scope, now));
            const mayWrite = ownOrg && covers(model, c.org, c.scope, now);
            const denied = ownOrg ? 'no_consent' : 'not_found';
            const read = await feedbackService.read(actor, caseId, { organisationId: orgs[c.org], scope: c.scope }).then(
              (rows) => rows,
              (e: { code?: string }) => e.code,
            );
            if (mayRead) expect(Array.isArray(read), `${c.who} reads ${c.org}/${c.scope} at ${new Date(now).toISOString()}`).toBe(true);
            else expect(read).toBe(denied);
            const wrote = await outcome(feedbackService.write(actor, caseId, { organisationId: orgs[c.org], scope: c.scope, body: 'Det går framåt.' }));
            expect(wrote, `${c.who} writes ${c.org}/${c.scope} at ${new Date(now).toISOString()}`).toBe(mayWrite ? 'ok' : denied);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(checks).toBeGreaterThan(RUNS);
  }, 600_000);
});
