#!/usr/bin/env node
// Prints one plain closing line for the whole suite from the vitest and Playwright JSON reports:
// "total: N passed, N failed, N skipped". Exits non-zero when a report is missing or anything failed.
import { existsSync, readFileSync } from 'node:fs';

function read(file) {
  if (!existsSync(file)) {
    console.error(`test summary: ${file} is missing`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const v = read('test-results/vitest.json');
const unit = {
  passed: v.numPassedTests ?? 0,
  failed: v.numFailedTests ?? 0,
  skipped: (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0),
};

const p = read('test-results/playwright.json');
const e2e = { passed: 0, failed: 0, skipped: 0 };
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      const status = t.status ?? t.results?.at(-1)?.status;
      if (status === 'skipped') e2e.skipped++;
      else if (status === 'expected' || status === 'flaky') e2e.passed++;
      else e2e.failed++;
    }
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const s of p.suites ?? []) walk(s);

console.log(`unit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`);
const total = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed,
  skipped: unit.skipped + e2e.skipped,
};
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
