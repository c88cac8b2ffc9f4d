// BENCH_SCALE=city npm run bench: the same loopback load as the demo bench, on a whole city's
// data (npm run seed:city, seeded on first use), quiet and then beside a steady write load
// elsewhere in the city; the audited reads, the booking storm and a district's figures too.
import { spawn } from 'node:child_process';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { ADMIN_URL, benchEnv } from './bench-db.ts';
import { cityHandles } from './city-handles.ts';
import { startWrites } from './city-writes.ts';
import { load, type LoadResult } from './load.ts';
import { signIn } from './sign-in.ts';
import { start } from './start.ts';
import { bookingStorm } from './storm.ts';

const DB_NAME = 'samverkan_city';
const DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
const PASSWORD = 'samverkan-demo';
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES_PER_SECOND ?? 20);
const APP = 'http://127.0.0.1:3900';

async function ensureCity() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount) await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const t0 = performance.now();
  const seeded = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, ['scripts/seed-city.ts'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL, SESSION_SECRET: benchEnv.SESSION_SECRET, NODE_ENV: 'development' } }).on('exit', resolve),
  );
  if (seeded !== 0) throw new Error(`seed:city exited with ${seeded}`);
  return performance.now() - t0;
}

async function benchAdmin(client: pg.Client) {
  const { rows } = await client.query(
    `insert into users (email, name, password_hash) values ('bench-admin@stad.example', 'Bänkens förvaltare', $1)
     on conflict (email) do update set password_hash = excluded.password_hash returning id`,
    [await hash(PASSWORD)],
  );
  await client.query(`insert into memberships (user_id, organisation_id, role) values ($1, null, 'admin') on conflict do nothing`, [rows[0].id]);
}

const seedMs = await ensureCity();
const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
await client.query('analyze');
await client.query('delete from login_attempts');
await benchAdmin(client);
const handles = await cityHandles(client);
const counts = (await client.query(`select (select count(*) from organisations)::int as orgs, (select count(*) from users)::int as users,
  (select count(*) from slots)::int as slots, (select count(*) from audit_log)::int as audit`)).rows[0];

const env = { ...benchEnv, DATABASE_URL, DEMO_DATA: 'false', LOG_LEVEL: 'info' };
const app = await start('server/main.ts', env, /Samverkan kör på/);
const baseline = await start('bench/baseline-server.ts', { DATABASE_URL, PORT: '3901' }, /ready/);
try {
  const cookiesOf = (emails: string[]) => Promise.all(emails.map((e) => signIn(APP, e, PASSWORD)));
  const readers = await cookiesOf(handles.readers.map((r) => r.email));
  const principals = await cookiesOf(handles.principals.map((p) => p.email));
  const workers = await cookiesOf(handles.workers.map((w) => w.email));
  const orgPaths = (tail: string) => handles.readers.map((r) => `/api/organisations/${r.organisationId}/${tail}`);
  const reads = (when: string) => [
    () => load(`baseline ${when}`, `http://127.0.0.1:3901/baseline/${handles.readers[0]!.organisationId}`),
    () => load(`contacts ${when}`, APP, { cookies: readers, paths: orgPaths('contacts') }),
    () => load(`reach ${when}`, APP, { cookies: readers, paths: orgPaths('reach') }),
    () => load(`slots ${when}`, APP, { cookies: readers, paths: handles.readers.map((r) => `/api/slots?organisationId=${r.organisationId}`) }),
    () => load(`GET /api/meetings/:id (audited) ${when}`, APP, { cookies: principals, paths: handles.principals.map((p) => `/api/meetings/${p.meetingId}`) }),
    () => load(`GET /api/cases/:id (audited) ${when}`, APP, { cookies: workers, paths: handles.workers.map((w) => `/api/cases/${w.caseId}`) }),
  ];
  const rows: LoadResult[] = [];
  for (const run of reads('(quiet)')) rows.push(await run());
  const writes = await startWrites(APP, PASSWORD, handles, WRITES_PER_SECOND);
  const t0 = performance.now();
  for (const run of reads(`(with ${WRITES_PER_SECOND} writes/s)`)) rows.push(await run());
  const tally = await writes.stop();
  const writeSeconds = (performance.now() - t0) / 1000;

  await bookingStorm(DATABASE_URL, APP, handles.stormOrganisationId);
  const storm = await bookingStorm(DATABASE_URL, APP, handles.stormOrganisationId);
  const admin = await signIn(APP, 'bench-admin@stad.example', PASSWORD);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const figures = await load('GET /api/figures (a district, a year; 10 connections)', `${APP}/api/figures?districtId=${handles.districtId}&from=${from}&to=${to}`, { cookies: [admin], connections: 10 });

  console.log(`\ncity: ${counts.orgs} organisations, ${counts.users} people, ${counts.slots} slots, ${counts.audit} audit rows${seedMs > 5000 ? `; seeded in ${Math.round(seedMs / 1000)} s` : ''}`);
  console.log(`loopback, 50 connections, ${process.env.BENCH_SECONDS ?? 10} s each, PostgreSQL, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| what | req/s | p50 ms | p99 ms | share of baseline |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const base = r.title.endsWith('(quiet)') ? rows[0]!.rps : rows[reads('').length]!.rps;
    console.log(`| ${r.title} | ${r.rps} | ${r.p50} | ${r.p99} | ${Math.round((r.rps / base) * 100)} % |`);
  }
  console.log(`| ${figures.title} | ${figures.rps} | ${figures.p50} | ${figures.p99} | |`);
  console.log(`\nwrites beside the second set: ${tally.sent} in ${writeSeconds.toFixed(0)} s (${(tally.sent / writeSeconds).toFixed(1)}/s): ${tally.ok} done, ${tally.refused} × 409, ${tally.failed} failed ${JSON.stringify(tally.failedBy)}`);
  console.log(`booking storm at city scale, 100 people on one free slot: ${storm.winners} × 201, ${storm.refused} × 409; p50 ${storm.p50} ms, p99 ${storm.p99} ms`);
} finally {
  app.child.kill('SIGTERM');
  baseline.child.kill('SIGTERM');
  await client.end();
}
