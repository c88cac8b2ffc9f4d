// Runs the suites whose dates come from the tests' clock (every test file that imports
// tests/helpers/clock.ts) under fixed moments of the calendar, so a test that holds only on some
// days fails on any day. Usage: node scripts/test-clocks.ts [label ...] (needs a built web app).
//
// The browser suites leave the processor idle about half of the time (it waits on Chromium and the
// database), so the clocks run side by side (CLOCK_CONCURRENCY, default 3). On PostgreSQL each
// clock gets a database of its own (`<database>_clock_<n>`): the global setup drops its schema,
// and the mail suite claims every due mail of its database.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import pLimit from 'p-limit';
import setupSchema from '../tests/helpers/global-setup.ts';

/** Stockholm moments where dates go wrong: the weekend, the clock changes, the year's end, a closed eve. */
const CLOCKS: Record<string, string> = {
  'fredag-eftermiddag': '2026-12-04T15:30:00+01:00',
  'sondag-kvall': '2026-12-06T20:30:00+01:00',
  'sommartid-borjar': '2027-03-28T01:30:00+01:00',
  'vintertid-borjar': '2026-10-25T02:30:00+02:00',
  nyarsafton: '2026-12-31T16:00:00+01:00',
  midsommarafton: '2027-06-25T10:00:00+02:00',
};

/**
 * The browser suites are the slow ones (a page per step, and Chromium beside the app on two
 * cores): they run under the clocks where the week turns, the weekend that once turned CI red,
 * one after the other (two at a time took as long, 545 s, and timed no-JavaScript tests out).
 * The API and unit suites, where the date logic lives, run under every clock.
 */
const BROWSER_CLOCKS = ['fredag-eftermiddag', 'sondag-kvall'];

const root = path.resolve(import.meta.dirname, '..');
const files = ['tests/e2e', 'tests/integration', 'tests/unit']
  .flatMap((dir) => readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`))
  .filter((f) => readFileSync(path.join(root, f), 'utf8').includes("from '../helpers/clock.ts'"));
const browserFiles = files.filter((f) => f.startsWith('tests/e2e/'));
const otherFiles = files.filter((f) => !f.startsWith('tests/e2e/'));

const asked = process.argv.slice(2);
const labels = asked.length ? asked : Object.keys(CLOCKS);
const unknown = labels.filter((l) => !CLOCKS[l]);
if (unknown.length) {
  console.error(`Okänd klocka: ${unknown.join(', ')}. Välj bland ${Object.keys(CLOCKS).join(', ')}.`);
  process.exit(2);
}
const concurrency = Math.max(1, Number(process.env.CLOCK_CONCURRENCY ?? 3) || 1);

/** A database of the clock's own on the same server (created once, reused by later runs). */
async function databaseFor(index: number): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const own = new URL(url);
  own.pathname = `/${own.pathname.slice(1)}_clock_${index}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const name = own.pathname.slice(1);
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return own.toString();
}

function runClock(label: string, name: string, suites: string[], databaseUrl: string | undefined): Promise<number> {
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const log = path.join(root, `test-results/clock-${name}.log`);
  const out = createWriteStream(log);
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_NOW: CLOCKS[label], FORCE_COLOR: '0', VITEST_JSON: `test-results/clock-${name}.json` };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const started = Date.now();
  const child = spawn(
    path.join(root, 'node_modules/.bin/vitest'),
    ['run', ...suites],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      out.end(() => {
        const seconds = Math.round((Date.now() - started) / 1000);
        console.log(`\n=== TEST_NOW=${CLOCKS[label]} (${name}): ${code === 0 ? 'godkänd' : 'UNDERKÄND'} på ${seconds} s`);
        if (code !== 0) console.log(readFileSync(log, 'utf8'));
        resolve(code ?? 1);
      });
    });
  });
}

console.log(`${files.length} sviter räknar med testernas klocka:\n  ${files.join('\n  ')}`);
console.log(`webbläsarsviterna under ${BROWSER_CLOCKS.filter((l) => labels.includes(l)).join(', ') || 'ingen klocka'}, en i taget; de andra under ${labels.length} klockor, ${concurrency} åt gången; utskrifterna i test-results/clock-<klocka>.log`);
// Roles are the server's, not a database's: make them once, before the clocks race to.
if (process.env.DATABASE_URL) await setupSchema();
// Each run has a database of its own (the global setup drops its schema), numbered by run.
const browserRuns = labels.filter((l) => BROWSER_CLOCKS.includes(l)).map((label) => ({ label, name: `${label}-webblasare`, suites: browserFiles }));
const otherRuns = labels.map((label) => ({ label, name: label, suites: otherFiles }));
const run = (runs: typeof otherRuns, limit: ReturnType<typeof pLimit>, first: number) =>
  Promise.all(runs.map((r, i) => limit(async () => runClock(r.label, r.name, r.suites, await databaseFor(first + i)))));
const codes = [...(await run(browserRuns, pLimit(1), 1)), ...(await run(otherRuns, pLimit(concurrency), 1 + browserRuns.length))];
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
