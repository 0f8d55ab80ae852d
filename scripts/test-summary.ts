// Prints the totals of the last test run, read from the JSON report vitest writes in each
// workspace package, ending with one line "N passed, N failed" (", N skipped" when some were).
import { globSync, readFileSync } from 'node:fs';

interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of globSync('{packages,apps,e2e}/*/.test-results.json').sort()) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  const name = file.slice(0, -'/.test-results.json'.length);
  console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
