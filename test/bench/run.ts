/**
 * `npm run bench [-- name …]`: runs every test/bench/*.bench.ts whose file
 * name contains one of the given names (all of them without names), one after
 * another, each in its own Node process so one benchmark's heap, page cache
 * and open databases cannot colour the next one's figures. Their output passes
 * straight through; a summary table of every figure follows.
 *
 * Exit code: non-zero only when a benchmark crashed or reported wrong results.
 * Missing a speed target is information, never a failure.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, RESULTS_FILE_ENV, benchResultSchema, machineNote, verdict } from './support.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '../..');
const SUFFIX = '.bench.ts';

interface Outcome {
  readonly file: string;
  readonly exitCode: number;
  readonly seconds: number;
  readonly results: readonly BenchResult[];
}

function discover(filters: readonly string[]): string[] {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith(SUFFIX))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
}

function runChild(file: string, resultsFile: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, file)], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, [RESULTS_FILE_ENV]: resultsFile },
    });
    child.on('error', (error) => {
      console.error(`${file}: could not start (${error.message})`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function parseResultLine(line: string): BenchResult | null {
  try {
    const parsed = benchResultSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON
  }
}

function readResults(file: string): BenchResult[] {
  if (!fs.existsSync(file)) return [];
  const results: BenchResult[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const result = parseResultLine(line);
    if (result) results.push(result);
    else console.error(`ignored a malformed result line: ${line}`);
  }
  return results;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function summarize(outcomes: readonly Outcome[]): string {
  const header = ['benchmark', 'measure', 'value', 'target', 'status'];
  const rows: string[][] = [header];
  for (const outcome of outcomes) {
    for (const r of outcome.results) rows.push([r.bench, r.measure, r.value, r.target, r.meets === null ? '' : verdict(r.meets)]);
    const status = outcome.exitCode === 0 ? 'ran' : `FAILED (exit ${outcome.exitCode})`;
    rows.push([outcome.file.slice(0, -SUFFIX.length), 'run time (wall)', `${outcome.seconds.toFixed(0)} s`, '', status]);
  }
  return table(rows);
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = discover(filters);
  if (files.length === 0) {
    console.error(`No benchmark matches ${filters.join(', ')}. Available: ${discover([]).join(', ')}`);
    process.exitCode = 1;
    return;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-bench-results-'));
  const outcomes: Outcome[] = [];
  try {
    for (const file of files) {
      console.log(`\n=== ${file} ===`);
      const resultsFile = path.join(scratch, `${file}.jsonl`);
      const started = performance.now();
      const exitCode = await runChild(file, resultsFile);
      outcomes.push({ file, exitCode, seconds: (performance.now() - started) / 1000, results: readResults(resultsFile) });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\n=== summary (${machineNote()}) ===\n${summarize(outcomes)}`);
  if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
}

await main();
