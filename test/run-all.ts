/**
 * `npm test`: type check, lint and format check, unit and integration tests (vitest), then the
 * console e2e tests (Playwright in Chromium). Prints one closing line,
 * `tests: N passed, N failed, N skipped`, and exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${title} ===`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = run.status === 0;
  if (!ok) failedSteps.push(title);
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

interface PlaywrightSuite {
  suites?: PlaywrightSuite[];
  specs?: { title: string; tests: { status: string; annotations: { type: string; description?: string }[] }[] }[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites: PlaywrightSuite[];
}

/** No test is skipped silently: each skip is printed with the reason its test gave. */
function skipReasons(report: PlaywrightReport): string[] {
  const lines: string[] = [];
  const walk = (suite: PlaywrightSuite) => {
    suite.suites?.forEach(walk);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'skipped') continue;
        const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        lines.push(`skipped: ${spec.title} — ${reason}`);
      }
    }
  };
  report.suites.forEach(walk);
  return lines;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (step('type check', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit'])) total.passed += 1;
else total.failed += 1;
// the architecture's import boundaries (eslint.config.js) and one format for every file
if (step('lint (ESLint)', npx, ['eslint', '.'])) total.passed += 1;
else total.failed += 1;
if (step('format (Prettier)', npx, ['prettier', '--check', '.'])) total.passed += 1;
else total.failed += 1;

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
step('unit and integration tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson);
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  total.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else total.failed += 1;

const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(e2eJson, { force: true });
if (step('console build', 'npm', ['run', 'build:renderer', '--silent'])) {
  step('end-to-end tests (Playwright, Chromium)', npx, ['playwright', 'test']);
  const e2e = readJson<PlaywrightReport>(e2eJson);
  if (e2e) {
    total.passed += e2e.stats.expected + e2e.stats.flaky;
    total.failed += e2e.stats.unexpected;
    total.skipped += e2e.stats.skipped;
    for (const line of skipReasons(e2e)) console.log(line);
  } else total.failed += 1;
} else total.failed += 1;

console.log('');
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length > 0 || total.failed > 0 ? 1 : 0);
