// Prints "label: N passed, N failed, N skipped" from vitest's JSON report, or, with --add, the
// sum of earlier such lines.
import { readFileSync } from 'node:fs';

const [label, file, flag, ...lines] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
if (flag === '--add') {
  for (const line of lines) {
    const m = line.match(/(\d+) passed, (\d+) failed, (\d+) skipped/);
    if (m) { passed += +m[1]; failed += +m[2]; skipped += +m[3]; }
  }
} else {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.success ? 0 : report.numFailedTestSuites);
    skipped = report.numPendingTests + report.numTodoTests;
  } catch {
    failed = 1; // no report means the run did not finish
  }
}
console.log(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
