import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { DEMO_PASSWORD } from '../../db/demo-district.ts';
import { cityCalendar, cityHandles, seedCity } from '../../db/seed-city/index.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { stockholmDate, stockholmInstant } from '../../server/contracts/time.ts';
import { officeWindow } from '../../server/lib/calendar.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import * as auditChain from '../../server/modules/audit/audit.models.ts';
import { TEST_ENV, cookieOf } from '../helpers/app.ts';
import { APP_ROLE, OWNER_ROLE, asRole } from '../helpers/db.ts';

// Every query the hot pages send, planned by PostgreSQL over a city: none may read a table of more
// than 10,000 rows from end to end. A city at 0.4 (10,000 people, 60,000 walk-and-talks, 400,000
// audit rows) in a database of its own, analysed, so the planner sees the sizes a city has.
const SCALE = 0.4;
const BIG = 10_000;
const url = process.env.DATABASE_URL;
const hours = { opens: '08:00', closes: '16:30' };
// A fixed Monday: plans do not depend on the date, so this suite stays out of the clocks' runs.
const clock = fixedClock('2026-03-02T09:00:00+01:00');

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const scansOf = (node: PlanNode): PlanNode[] => [...(node['Node Type'] === 'Seq Scan' ? [node] : []), ...(node.Plans ?? []).flatMap(scansOf)];

/** What the app sends to PostgreSQL while `work` runs: each statement's text once, with the values it was first sent with. */
async function statementsOf(work: () => Promise<void>) {
  const seen = new Map<string, unknown[]>();
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    const text = typeof config === 'string' ? config : config?.text;
    const values = (typeof config === 'string' ? undefined : config?.values) ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined);
    if (text && /^\s*(select|with|insert|update|delete)\b/i.test(text) && !seen.has(text)) seen.set(text, values ?? []);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

describe.skipIf(!url)('query plans at city scale', () => {
  // Named after the suite's own database: the clocks run this file side by side, each on its own.
  const plansName = url ? `${new URL(url).pathname.slice(1)}_plans` : '';
  const plansUrl = url ? `${url.replace(/\/[^/]*$/, '')}/${plansName}` : '';
  const admin = () => new pg.Client({ connectionString: url });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${plansName} with (force)`);
    await c.end();
  });

  test('no query of the hot pages reads a table of over 10,000 rows from end to end', { timeout: 600_000 }, async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${plansName} with (force)`);
    await c.query(`create database ${plansName}`);
    await c.end();
    const owner = new pg.Client({ connectionString: plansUrl });
    await owner.connect();
    await owner.query(`drop schema public cascade; create schema public authorization ${OWNER_ROLE}; grant create on database ${plansName} to ${OWNER_ROLE}`);
    const database = await createDb({ databaseUrl: asRole(plansUrl, APP_ROLE), migrationUrl: asRole(plansUrl, OWNER_ROLE), poolSize: 10 });
    try {
      await database.migrate();
      const calendar = cityCalendar(clock.now(), {
        stockholmDate,
        stockholmInstant,
        fullWorkingDay: (d) => officeWindow(d, hours, new Map())?.closes.getTime() === stockholmInstant(d, hours.closes).getTime(),
      });
      await seedCity(database.db, { scale: SCALE, calendar, passwordHash: await passwordHasher.hash(DEMO_PASSWORD), auditChain });
      await owner.query('analyze');
      const who = await cityHandles(database.db);
      const app = await buildApp({ config: loadConfig({ ...TEST_ENV }), database, clock });
      await app.ready();
      const signIn = async (email: string) =>
        ({ cookie: cookieOf(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } })) });
      const get = async (headers: { cookie: string }, path: string) => {
        const res = await app.inject({ method: 'GET', url: path, headers });
        expect(res.statusCode, path).toBeLessThan(400);
      };
      const statements = await statementsOf(async () => {
        const pedagogue = await signIn(who.pedagogue.email);
        const school = who.pedagogue.organisationId;
        for (const path of ['/api/me', '/api/organisations', `/api/organisations/${school}/contacts`, `/api/organisations/${school}/reach`, `/api/slots?organisationId=${school}`, '/api/bookings?mine=true', '/api/me/agenda', '/api/meetings']) await get(pedagogue, path);
        const principal = await signIn(who.principal.email);
        for (const path of [`/api/meetings/${who.principal.reportMeetingId}`, '/api/meetings']) await get(principal, path);
        const worker = await signIn(who.socialWorker.email);
        for (const path of [`/api/cases/${who.socialWorker.caseId}`, '/api/cases', '/api/me/agenda', `/api/teams/${who.socialWorker.teamId}/roster`]) await get(worker, path);
        const lead = await signIn(who.lead.email);
        // Not Uppföljning: its figures read a team's whole year by design, and have their own target (README).
        for (const path of [`/api/cases/${who.socialWorker.caseId}/audit`, `/api/cases`, `/api/teams/${who.lead.teamId}/roster`]) await get(lead, path);
      });
      await app.close();

      const sizes = new Map((await owner.query<{ name: string; rows: number }>(`select relname as name, reltuples::bigint as rows from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`)).rows.map((r) => [r.name, Number(r.rows)]));
      expect([...sizes.values()].filter((n) => n > BIG).length).toBeGreaterThanOrEqual(4);
      const offenders: string[] = [];
      for (const [text, values] of statements) {
        const { rows } = await owner.query(`explain (format json) ${text}`, values);
        const plan = (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
        for (const scan of scansOf(plan)) {
          const rowsInTable = sizes.get(scan['Relation Name'] ?? '') ?? 0;
          if (rowsInTable > BIG) offenders.push(`${scan['Relation Name']} (${rowsInTable} rows): ${text.slice(0, 160)}`);
        }
      }
      expect(statements.size).toBeGreaterThan(40);
      expect(offenders).toEqual([]);
    } finally {
      await database.close();
      await owner.end();
    }
  });
});
