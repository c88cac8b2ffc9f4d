import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { rowsOf, type Db } from '../../db/client.ts';
import { DEMO_PASSWORD } from '../../db/demo-district.ts';
import { cityCalendar, cityEmail, cityHandles, cityPlan, seedCity, type CityCalendar } from '../../db/seed-city/index.ts';
import { stockholmDate, stockholmInstant } from '../../server/contracts/time.ts';
import { officeWindow } from '../../server/lib/calendar.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import * as auditChain from '../../server/modules/audit/audit.models.ts';
import { createAuditRepository } from '../../server/modules/audit/audit.repository.ts';
import { verifyAuditChain } from '../../server/modules/audit/audit.verify.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';

// One city in two hundred: a team, five schools and preschools, 125 people, 5 000 audit rows.
const SCALE = 0.005;
const hours = { opens: '08:00', closes: '16:30' };

const count = async (db: Db, query: SQL) => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${query}) q`))[0]!.n;
const cityOrgs = sql`select o.id from organisations o join districts d on d.id = o.district_id where d.name like 'Provstaden %'`;

describe('npm run seed:city', () => {
  test('a small city is written as planned, on every constraint, and a second run writes nothing', { timeout: 180_000 }, async () => {
    const { app, db } = await buildTestApp();
    const calendar: CityCalendar = cityCalendar(testClock.now(), {
      stockholmDate,
      stockholmInstant,
      fullWorkingDay: (d) => officeWindow(d, hours, new Map())?.closes.getTime() === stockholmInstant(d, hours.closes).getTime(),
    });
    const plan = cityPlan(SCALE);
    const options = { scale: SCALE, calendar, passwordHash: await passwordHasher.hash(DEMO_PASSWORD), auditChain };
    const written = await seedCity(db, options);
    expect(written).toMatchObject({ districts: plan.districts, teams: plan.teams, organisations: plan.organisations, users: plan.users, slots: plan.slots, bookings: plan.bookings, meetings: plan.meetings, cases: plan.cases, auditRows: plan.auditRows });
    expect(await seedCity(db, options)).toBe(false);

    // What the database holds, counted apart from what the seed says it wrote.
    expect({
      districts: await count(db, sql`select id from districts where name like 'Provstaden %'`),
      teams: await count(db, sql`select id from organisations where kind = 'social_services' and id in (${cityOrgs})`),
      organisations: await count(db, sql`select id from organisations where kind <> 'social_services' and id in (${cityOrgs})`),
      users: await count(db, sql`select id from users where email like '%provstaden.example'`),
      slots: await count(db, sql`select id from slots where organisation_id in (${cityOrgs})`),
      bookings: await count(db, sql`select b.id from bookings b join slots s on s.id = b.slot_id where s.organisation_id in (${cityOrgs})`),
      meetings: await count(db, sql`select id from meetings where team_id in (${cityOrgs})`),
      cases: await count(db, sql`select id from cases where team_id in (${cityOrgs})`),
      auditRows: await count(db, sql`select a.id from audit_log a join users u on u.id = a.actor_id where u.email like '%provstaden.example'`),
    }).toEqual({ districts: plan.districts, teams: plan.teams, organisations: plan.organisations, users: plan.users, slots: plan.slots, bookings: plan.bookings, meetings: plan.meetings, cases: plan.cases, auditRows: plan.auditRows });
    expect(plan.users).toBe(125);

    // Every host walks for, and every worker sits for, the team that serves the place.
    const hosts = sql`select h.user_id, o.serving_team_id as team_id from slot_hosts h join slots s on s.id = h.slot_id join organisations o on o.id = s.organisation_id where o.id in (${cityOrgs})`;
    expect(await count(db, hosts)).toBeGreaterThanOrEqual(plan.slots);
    expect(await count(db, sql`select * from (${hosts}) h where not exists (select 1 from memberships m where m.user_id = h.user_id and m.organisation_id = h.team_id and m.role = 'social_worker')`)).toBe(0);
    const sitting = sql`select w.user_id, m.team_id, m.organisation_id from meeting_workers w join meetings m on m.id = w.meeting_id where m.team_id in (${cityOrgs})`;
    expect(await count(db, sitting)).toBeGreaterThan(0);
    expect(
      await count(db, sql`select * from (${sitting}) w where not exists (select 1 from memberships m join organisations o on o.id = w.organisation_id
        where m.user_id = w.user_id and m.organisation_id = w.team_id and o.serving_team_id = w.team_id and m.role = 'social_worker')`),
    ).toBe(0);

    // A pedagogue signs in with the demo password and sees the school's contacts, all of its team.
    const school = (await cityHandles(db)).pedagogue;
    const pedagogue = await asUser(app, { email: cityEmail.pedagogue(0, 0), password: DEMO_PASSWORD });
    const contacts = await app.inject({ method: 'GET', url: `/api/organisations/${school.organisationId}/contacts`, headers: pedagogue });
    expect(contacts.statusCode).toBe(200);
    const emails = (contacts.json() as { email: string }[]).map((c) => c.email);
    expect(emails.length).toBeGreaterThanOrEqual(2);
    expect(emails.every((e) => /^soc-0-\d+@team\.provstaden\.example$/.test(e))).toBe(true);

    // The handles a bench starts from lead somewhere: the principal's meeting, the social worker's case.
    const handles = await cityHandles(db);
    const principal = await asUser(app, { email: handles.principal.email, password: DEMO_PASSWORD });
    expect((await app.inject({ method: 'GET', url: `/api/meetings/${handles.principal.reportMeetingId}`, headers: principal })).statusCode).toBe(200);
    const worker = await asUser(app, { email: handles.socialWorker.email, password: DEMO_PASSWORD });
    expect((await app.inject({ method: 'GET', url: `/api/cases/${handles.socialWorker.caseId}`, headers: worker })).statusCode).toBe(200);

    // The audit rows were chained onto the log as the app chains its own: the whole log verifies.
    const verdict = await verifyAuditChain(createAuditRepository(db));
    expect(verdict.broken).toBeNull();
    expect(verdict.rows).toBeGreaterThanOrEqual(plan.auditRows);
  });
});
