import { defineConfig } from 'vitest/config';

// What `npm run mutate` runs against each mutant: the unit tests of the pure modules (no
// database, no browser), so StrykerJS can kill mutants in seconds rather than hours.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    env: { MUTATION_RUN: '1' },
  },
});
