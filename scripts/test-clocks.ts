// Runs the suites whose dates come from the tests' clock (every test file that imports
// tests/helpers/clock.ts) under fixed moments of the calendar, so a test that holds only on some
// days fails on any day. Usage: node scripts/test-clocks.ts [label ...] (needs a built web app).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Stockholm moments where dates go wrong: the weekend, the clock changes, the year's end, a closed eve. */
const CLOCKS: Record<string, string> = {
  'fredag-eftermiddag': '2026-12-04T15:30:00+01:00',
  'sondag-kvall': '2026-12-06T20:30:00+01:00',
  'sommartid-borjar': '2027-03-28T01:30:00+01:00',
  'vintertid-borjar': '2026-10-25T02:30:00+02:00',
  nyarsafton: '2026-12-31T16:00:00+01:00',
  midsommarafton: '2027-06-25T10:00:00+02:00',
};

const root = path.resolve(import.meta.dirname, '..');
const files = ['tests/e2e', 'tests/integration', 'tests/unit']
  .flatMap((dir) => readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`))
  .filter((f) => readFileSync(path.join(root, f), 'utf8').includes("from '../helpers/clock.ts'"));

const asked = process.argv.slice(2);
const labels = asked.length ? asked : Object.keys(CLOCKS);
const unknown = labels.filter((l) => !CLOCKS[l]);
if (unknown.length) {
  console.error(`Okänd klocka: ${unknown.join(', ')}. Välj bland ${Object.keys(CLOCKS).join(', ')}.`);
  process.exit(2);
}

console.log(`${files.length} sviter räknar med testernas klocka:\n  ${files.join('\n  ')}`);
let failed = 0;
for (const label of labels) {
  console.log(`\n=== TEST_NOW=${CLOCKS[label]} (${label})`);
  const run = spawnSync(
    path.join(root, 'node_modules/.bin/vitest'),
    ['run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=test-results/clock-${label}.json`],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TEST_NOW: CLOCKS[label] } },
  );
  if (run.error) throw run.error;
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
