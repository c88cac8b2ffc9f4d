// npm run bench:overload: the app at twice the load it can sustain, with overload shedding on and
// off. Sustainable = what 50 connections get from the contact list in a closed loop; the overload
// is twice that rate offered from 1,000 connections. Figures: answers by status, and the
// p99 of the requests the app accepted (2xx) — bounded with shedding, growing without it.
import autocannon from 'autocannon';
import { benchEnv, ensureDatabase } from './bench-db.ts';
import { signIn } from './sign-in.ts';
import { start } from './start.ts';

const BASE = 'http://127.0.0.1:3900';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** The settings compared, as "event-loop mark in ms/cap on pages in flight"; 0 turns one off. */
const SETTINGS = (process.env.BENCH_SETTINGS ?? '200/128,200/0,0/0').split(',').map((s) => s.split('/').map(Number) as [number, number]);
const OVERLOAD_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1000);

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function run(url: string, cookies: string[], opts: { connections: number; overallRate?: number; duration: number }) {
  let next = 0;
  const requests = [{ setupRequest: (request: any, context: { cookie?: string }) => ({ ...request, headers: { ...request.headers, cookie: (context.cookie ??= cookies[next++ % cookies.length]) } }) }];
  const accepted: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, requests, timeout: 30, ...opts }, (err, r) => (err ? reject(err) : resolve(r)));
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status < 300) accepted.push(ms);
    });
  });
  accepted.sort((a, b) => a - b);
  return { result, statuses, accepted, p50: percentile(accepted, 50), p99: percentile(accepted, 99) };
}

async function measure(page: boolean, [mark, cap]: [number, number], offered?: number) {
  const app = await start('server/main.ts', { ...benchEnv, LOG_LEVEL: 'info', OVERLOAD_EVENT_LOOP_DELAY_MS: String(mark), OVERLOAD_MAX_PAGES_IN_FLIGHT: String(cap) }, /Samverkan kör på/);
  try {
    const cookies: string[] = [];
    for (let i = 0; i < 50; i++) cookies.push(await signIn(BASE, 'pedagog1@vallingbyskolan.example', 'samverkan-demo'));
    const orgs = (await (await fetch(`${BASE}/api/organisations`, { headers: { cookie: cookies[0]! } })).json()) as { id: string }[];
    const url = page ? `${BASE}/` : `${BASE}/api/organisations/${orgs[0]!.id}/contacts`;
    await run(url, cookies, { connections: 50, duration: 3 }); // warm-up
    const sustained = await run(url, cookies, { connections: 50, duration: 10 });
    const rate = Math.round(sustained.result.requests.average);
    await new Promise((r) => setTimeout(r, 2000));
    // Every setting gets the same offered load: twice what the first one sustained.
    const over = await run(url, cookies, { connections: OVERLOAD_CONNECTIONS, overallRate: offered ?? rate * 2, duration: SECONDS });
    return { rate, sustained, over };
  } finally {
    app.child.kill('SIGTERM');
    await new Promise((r) => app.child.once('exit', r));
  }
}

await ensureDatabase();
// The first start migrates and seeds the demo district.
const first = await start('server/main.ts', { ...benchEnv, LOG_LEVEL: 'info' }, /Samverkan kör på/);
first.child.kill('SIGTERM');
await new Promise((r) => first.child.once('exit', r));

const ms = (x: number) => Math.round(x);
for (const page of [false, true]) {
  console.log(`\nloopback, PostgreSQL, ${page ? 'GET / (the start page, rendered)' : 'GET /api/organisations/:id/contacts'}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`| event-loop mark / pages in flight | sustainable req/s (50 conn., p99) | 503 at sustainable | 2xx/s at 2× | 503 at 2× | errors, timeouts | p50 ms of 2xx | p99 ms of 2xx |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  let offered: number | undefined;
  for (const setting of SETTINGS) {
    const m = await measure(page, setting, offered);
    offered ??= m.rate * 2;
    const ok = [...m.over.statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    const shed = m.over.statuses.get(503) ?? 0;
    const other = [...m.over.statuses].filter(([s]) => s >= 300 && s !== 503).reduce((n, [, c]) => n + c, 0);
    const [mark, cap] = setting;
    console.log(`| ${mark ? `${mark} ms` : 'off'} / ${cap || 'off'} | ${m.rate} (${ms(m.sustained.p99)} ms) | ${m.sustained.statuses.get(503) ?? 0} | ${Math.round(ok / SECONDS)} | ${shed} | ${m.over.result.errors + m.over.result.timeouts + other} | ${ms(m.over.p50)} | ${ms(m.over.p99)} |`);
  }
  console.log(`\noffered at 2×: ${offered}/s from ${OVERLOAD_CONNECTIONS} connections for ${SECONDS} s`);
}
