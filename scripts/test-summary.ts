// Prints the totals of the last test run, read from the JSON report vitest writes in each
// workspace package: first every test that failed, with the first lines of why (so a log
// cut to its end still names them), then a line per package, ending with one line
// "N passed, N failed" (", N skipped" and ", N files failed outside a test" when some were).
import { globSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface VitestAssertion {
  readonly fullName: string;
  readonly status: string;
  readonly failureMessages?: readonly string[];
}

interface VitestFile {
  readonly name: string;
  readonly status: string;
  readonly message?: string;
  readonly assertionResults: readonly VitestAssertion[];
}

interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly testResults?: readonly VitestFile[];
}

/** The first lines of a failure message, without colour codes, each indented. */
function firstLines(message: string, count = 6): string {
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').filter((line) => line.trim() !== '').slice(0, count).map((line) => `      ${line}`).join('\n');
}

/**
 * Whether `file` failed with none of its tests failed: a failed hook (beforeAll, say) fails
 * the file with its tests skipped, which vitest's report counts as no failed test.
 */
function failedOutsideTests(file: VitestFile): boolean {
  return file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed');
}

const reports = globSync('{packages,apps,e2e}/*/.test-results.json').sort().map((file) => ({
  name: file.slice(0, -'/.test-results.json'.length),
  report: JSON.parse(readFileSync(file, 'utf8')) as VitestReport,
}));

for (const { report } of reports) {
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name);
    const failures = file.assertionResults.filter((test) => test.status === 'failed');
    if (failedOutsideTests(file)) {
      // vitest's JSON report often leaves a failed hook's message out: the log above has it.
      console.log(`FAILED ${where} (the file or one of its hooks failed)\n${firstLines(file.message || 'no message in the report: see the log above')}`);
    }
    for (const test of failures) console.log(`FAILED ${where} > ${test.fullName}\n${firstLines((test.failureMessages ?? []).join('\n'))}`);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
let filesFailed = 0;
for (const { name, report } of reports) {
  const failedFiles = (report.testResults ?? []).filter(failedOutsideTests).length;
  console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${failedFiles > 0 ? `, ${failedFiles} files failed outside a test` : ''}`);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  filesFailed += failedFiles;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}${filesFailed > 0 ? `, ${filesFailed} files failed outside a test` : ''}`);
