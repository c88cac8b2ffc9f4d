// npm run bench: loopback load (autocannon, 50 connections) against, in the same run, a bare
// Fastify + pg baseline and Samverkan's own endpoints on PostgreSQL, plus cold start and memory.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { benchEnv, DATABASE_URL, ensureDatabase } from './bench-db.ts';
import { signIn } from './sign-in.ts';
import { start } from './start.ts';
import { load as loadWith } from './load.ts';
import { bookingStorm } from './storm.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const load = (title: string, url: string, cookies: string[] = []) => loadWith(title, url, { cookies });

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

if (process.env.BENCH_SCALE === 'city') {
  await import('./city.ts');
  process.exit(0);
}

await ensureDatabase();
const env = benchEnv;
// First start migrates and seeds; the second, measured start is a plain cold start.
const first = await start('server/main.ts', { ...env, LOG_LEVEL: 'info' }, /Samverkan kör på/);
first.child.kill('SIGTERM');
await new Promise((r) => first.child.once('exit', r));
// Fresh tables have no statistics until autovacuum gets to them; measure the plans a running
// service has, not those of the first minute.
const stats = new pg.Client({ connectionString: DATABASE_URL });
await stats.connect();
await stats.query('analyze');
// Earlier runs' sign-ins would count against this one's.
await stats.query('delete from login_attempts');
await stats.end();
const app = await start('server/main.ts', { ...env, LOG_LEVEL: 'info' }, /Samverkan kör på/);
await new Promise((r) => setTimeout(r, 1000));
const idleRss = rssMiB(app.child.pid!);
const baseline = await start('bench/baseline-server.ts', { DATABASE_URL, PORT: '3901' }, /ready/);

try {
  const demoSignIn = (email: string) => signIn('http://127.0.0.1:3900', email, 'samverkan-demo');
  // Fifty people at their phones, each with a session of their own (the session check reads
  // each one), not one session shared by every connection.
  const cookies: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) cookies.push(await demoSignIn('pedagog1@vallingbyskolan.example'));
  const cookie = cookies[0]!;
  const orgs = (await (await fetch('http://127.0.0.1:3900/api/organisations', { headers: { cookie } })).json()) as { id: string }[];

  // An audited read: every request appends one hash-chained row under the audit log's lock.
  const rektorCookie = await demoSignIn('rektor@vallingbyskolan.example');
  const meetingsOfSchool = (await (await fetch('http://127.0.0.1:3900/api/meetings', { headers: { cookie: rektorCookie } })).json()) as { id: string; type: string }[];
  const reportMeeting = meetingsOfSchool.find((m) => m.type === 'report_meeting')!;

  const rows = [
    await load('baseline: bare Fastify + one indexed pg query', `http://127.0.0.1:3901/baseline/${orgs[0]!.id}`),
    await load('GET /api/health (no session, one query)', 'http://127.0.0.1:3900/api/health'),
    await load('GET /api/me (session check + profile)', 'http://127.0.0.1:3900/api/me', cookies),
    await load('GET /api/organisations (signed in)', 'http://127.0.0.1:3900/api/organisations', cookies),
    await load('GET /api/organisations/:id/contacts (Vällingbyskolan)', `http://127.0.0.1:3900/api/organisations/${orgs[0]!.id}/contacts`, cookies),
    await load('GET /api/organisations/:id/reach (Vällingbyskolan)', `http://127.0.0.1:3900/api/organisations/${orgs[0]!.id}/reach`, cookies),
    await load('GET /api/slots (Vällingbyskolan, eight weeks)', `http://127.0.0.1:3900/api/slots?organisationId=${orgs[0]!.id}`, cookies),
    await load('GET /api/meetings/:id (audited: one chained row per read)', `http://127.0.0.1:3900/api/meetings/${reportMeeting.id}`, [rektorCookie]),
    // A page: SvelteKit renders the start page, reading the session and the contacts through the in-process API.
    await load('GET / (the start page, rendered: session and contacts through the in-process API)', 'http://127.0.0.1:3900/', cookies),
  ];
  // Like every endpoint above, the booking path gets a warm-up: the first storm compiles it.
  await bookingStorm(DATABASE_URL, 'http://127.0.0.1:3900', orgs[0]!.id);
  const storm = await bookingStorm(DATABASE_URL, 'http://127.0.0.1:3900', orgs[0]!.id);
  const base = rows[0]!.rps;
  console.log(`\nloopback, ${CONNECTIONS} connections, ${DURATION} s each, PostgreSQL, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| what | req/s | p50 ms | p99 ms | share of baseline |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.title} | ${r.rps} | ${r.p50} | ${r.p99} | ${Math.round((r.rps / base) * 100)} % |`);
  console.log(`\nbooking storm, 100 people on one free slot at once: ${storm.winners} × 201, ${storm.refused} × 409; p50 ${storm.p50} ms, p99 ${storm.p99} ms`);
  console.log(`\ncold start (spawn → listening, PostgreSQL, migrated): ${Math.round(app.ms)} ms; idle RSS after start: ${idleRss.toFixed(0)} MiB`);
} finally {
  app.child.kill('SIGTERM');
  baseline.child.kill('SIGTERM');
}
