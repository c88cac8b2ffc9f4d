// npm run bench:figures — GET /api/figures for a district of ten teams with two years of history
// each (the demo's Vällingbyteamet and nine more like it), at 10 connections, on PostgreSQL.
// Prints the req/s, p50 and p99 for the district, one team and one school over the two years.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { createDb } from '../db/client.ts';
import { districts, memberships, organisations, users } from '../db/schema/index.ts';
import { seedDemoDistrict } from '../db/seed.ts';
import { seedHistory } from '../db/seed-history.ts';
import { addDays, stockholmDate } from '../server/contracts/time.ts';
import { demoCalendar, historyCalendar } from '../server/lib/demo-calendar.ts';
import { passwordHasher } from '../server/lib/passwords.ts';
import { signIn } from './sign-in.ts';
import { start } from './start.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'samverkan_bench_figures';
const DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const TEAMS = 10;

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${DB_NAME} with (force)`);
await admin.query(`create database ${DB_NAME}`);
await admin.end();

const t0 = performance.now();
const database = await createDb({ databaseUrl: DATABASE_URL, poolSize: 4 });
await database.migrate();
const db = database.db;
const now = new Date();
await seedDemoDistrict(db, passwordHasher.hash, demoCalendar(now));
const [district] = await db.select({ id: districts.id }).from(districts).limit(1);
const hash = await passwordHasher.hash(randomBytes(16).toString('hex'));
for (let t = 0; t < TEAMS; t++) {
  let teamId: string;
  if (t === 0) {
    [{ id: teamId }] = (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'social_services')).orderBy(organisations.name).limit(1)) as [{ id: string }];
  } else {
    [{ id: teamId }] = (await db.insert(organisations).values({ name: `Bänkteam ${t}`, kind: 'social_services', districtId: district!.id }).returning({ id: organisations.id })) as [{ id: string }];
    const people = await db
      .insert(users)
      .values(Array.from({ length: 6 }, (_, i) => ({ email: `bank-${t}-${i}@bench.example`, name: `Bänk ${t} ${i}`, passwordHash: hash })))
      .returning({ id: users.id });
    const schools = await db
      .insert(organisations)
      .values(Array.from({ length: 4 }, (_, i) => ({ name: `Bänkskola ${t}-${i}`, kind: 'school' as const, districtId: district!.id, servingTeamId: teamId })))
      .returning({ id: organisations.id });
    await db.insert(memberships).values([
      ...people.slice(0, 4).map((p) => ({ userId: p.id, organisationId: teamId, role: 'social_worker' as const })),
      ...people.slice(4).map((p, i) => ({ userId: p.id, organisationId: schools[i]!.id, role: 'pedagogue' as const })),
    ]);
  }
  await seedHistory(db, historyCalendar(now), teamId);
}
await db.execute(sql`analyze`);
await database.close();
console.log(`${TEAMS} team med två års historik skrivna på ${Math.round((performance.now() - t0) / 1000)} s`);

const env = { DATABASE_URL, SESSION_SECRET: randomBytes(48).toString('base64url'), PORT: '3902', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', API_REQUESTS_PER_MINUTE: '100000000' };
const { child } = await start('server/main.ts', { ...env, LOG_LEVEL: 'info' }, /Samverkan kör på/);

try {
  const base = 'http://127.0.0.1:3902';
  const cookie = await signIn(base, 'admin@samverkan.example', 'samverkan-demo');
  const today = stockholmDate(new Date());
  const period = `from=${addDays(today, -730)}&to=${today}`;
  const scopes = (await (await fetch(`${base}/api/figures/scopes`, { headers: { cookie } })).json()) as { kind: string; id: string }[];
  const team = scopes.find((s) => s.kind === 'team')!;
  const pick = await fetch(`${base}/api/organisations`, { headers: { cookie } });
  const school = ((await pick.json()) as { id: string; kind: string }[]).find((o) => o.kind === 'school')!;
  const district = (await (await fetch(`${base}/api/figures?districtId=${scopes.find((s) => s.kind === 'district')!.id}&${period}`, { headers: { cookie } })).json()) as { metrics: { key: string; value: unknown }[] };
  const cases = district.metrics.find((m) => m.key === 'cases_opened')!.value;

  const run = async (title: string, url: string) => {
    await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } });
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
    if (r.non2xx || r.errors) throw new Error(`${title}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return `| ${title} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} |`;
  };
  const rows = [
    await run(`district, ${TEAMS} teams, two years (${cases} cases)`, `${base}/api/figures?districtId=${scopes.find((s) => s.kind === 'district')!.id}&${period}`),
    await run('one team, two years', `${base}/api/figures?teamId=${team.id}&${period}`),
    await run('one school, two years', `${base}/api/figures?organisationId=${school.id}&${period}`),
  ];
  console.log(`\nGET /api/figures, loopback, ${CONNECTIONS} connections, ${DURATION} s each, PostgreSQL, ${today}\n`);
  console.log('| scope | req/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(r);
} finally {
  child.kill('SIGTERM');
}
