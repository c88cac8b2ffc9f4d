import { defineConfig } from 'vitest/config';

// Tests that send the outbox (app.mail.worker) claim every due mail in the database: on one
// PostgreSQL they would take each other's mails. They run after the rest, one file at a time.
const SENDS_MAIL = 'tests/**/mail*.test.ts';
// TEST_WITHOUT_BROWSER=1 leaves out the browser suites (CI runs them once, on PostgreSQL).
const notHere = process.env.TEST_WITHOUT_BROWSER === '1' ? ['tests/e2e/**'] : [];

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // One database per worker (an embedded PGlite takes seconds to start); every test makes its
    // own organisations and users, so files can share it.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // VITEST_JSON names the report elsewhere (each clock of `npm run test:clocks` writes its own).
    reporters: ['default', ['json', { outputFile: process.env.VITEST_JSON ?? 'test-results/vitest.json' }]],
    projects: [
      { extends: true, test: { name: 'main', include: ['tests/**/*.test.ts'], exclude: [SENDS_MAIL, ...notHere], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'mail', include: [SENDS_MAIL], exclude: notHere, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
