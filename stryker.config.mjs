// npm run mutate — StrykerJS over the pure modules whose rules matter most: the anonymity guard,
// who to reach now, the schedule clash check, a consent's status, the audit chain, the password
// policy, how a CSV table is read, the order of a case's path and the hiding of small numbers in
// the figures. Not run in
// CI (it takes minutes); the score is in the README.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'server/contracts/anonymity.ts',
    'server/contracts/anonymity-normalise.ts',
    'server/modules/contacts/reach.models.ts',
    'server/modules/consents/consents.models.ts',
    'server/modules/audit/audit.models.ts',
    // The schedule rule: how many workers a meeting takes, and why a person cannot sit in one.
    'server/modules/meetings/meetings.models.ts:15-70',
    // Which new passwords are refused, and how a staff list is read (roles, formula cells).
    'server/lib/password-policy.ts',
    'server/modules/people/people.csv.ts',
    'server/lib/csv-table.ts',
    // The order of a case's path, and which figures are hidden so no family can be recognised.
    'server/contracts/case-path.ts',
    'server/modules/figures/figures.models.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  ignoreStatic: true,
};
