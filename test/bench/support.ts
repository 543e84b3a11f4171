/**
 * What every benchmark shares: a scratch folder, a hospital group to write
 * into, figures formatted the same way, and the result lines `run.ts` gathers
 * into its summary. A benchmark reports speed; it never fails on speed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { NewRow } from '../../src-main/core/data-layer.js';
import { StationCore } from '../../src-main/core/station.js';
import type { Actor } from '../../src-main/core/audit-log.js';
import { normalizeNameForSearch } from '../../src-shared/identity.js';
import { uuidv7 } from '../../src-shared/ids.js';

export const BENCH_ACTOR: Actor = { id: null, name: 'bench' };

/** A result line: one figure, and whether it meets its target (null for a baseline). */
export const benchResultSchema = z.object({
  bench: z.string(),
  measure: z.string(),
  value: z.string(),
  target: z.string(),
  meets: z.boolean().nullable(),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

/** Set by run.ts: the file each benchmark appends its results to, one JSON object a line. */
export const RESULTS_FILE_ENV = 'PX360_BENCH_RESULTS';

export function recordResult(result: BenchResult): void {
  const file = process.env[RESULTS_FILE_ENV];
  if (file) fs.appendFileSync(file, `${JSON.stringify(result)}\n`);
}

export function verdict(meets: boolean): string {
  return meets ? 'PASS' : 'BELOW TARGET';
}

/** Other work on the machine slows every figure; say how busy it was. */
export function machineNote(): string {
  const [oneMinute] = os.loadavg();
  return `${os.cpus().length} CPUs, load average ${(oneMinute ?? 0).toFixed(1)}, Node ${process.version}`;
}

/** CPU time this process has used, in seconds (user + system, every thread). */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatCount = (n: number): string => integer.format(n);
export const formatMs = (ms: number): string => `${decimal.format(ms)} ms`;
export const formatRatio = (r: number): string => decimal.format(r);

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A fresh folder under the OS temp dir; removed when the process ends, however it ends. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `px360-bench-${prefix}-`));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      remove();
      process.exit(130);
    });
  }
  return dir;
}

const HOSPITALS = [
  { code: 'OLAYA', name_en: 'Olaya Medical Complex', name_ar: 'مجمع العليا الطبي' },
  { code: 'KHOBAR', name_en: 'Al Khobar General Hospital', name_ar: 'مستشفى الخبر العام' },
  { code: 'JEDDAH', name_en: 'Jeddah Specialist Hospital', name_ar: 'مستشفى جدة التخصصي' },
] as const;

/** A migrated station in `dataDir` with three hospitals (written through the data layer); their ids. */
export async function openStationWithHospitals(dataDir: string): Promise<{ core: StationCore; hospitalIds: string[] }> {
  const core = await StationCore.open(dataDir);
  const hospitalIds = core.data.write(BENCH_ACTOR, (tx) => HOSPITALS.map((h) => tx.insert('hospitals', { ...h, time_zone: 'Asia/Riyadh', active: 1 }).id));
  return { core, hospitalIds };
}

/**
 * Patients written with plain better-sqlite3, no change capture and no audit:
 * the columns the data layer would write (uuidv7 id, timestamps, name_search
 * folded the same way), one prepared INSERT a row, one immediate transaction
 * a call. The FTS triggers and every index of the real schema still run.
 */
export function rawPatientWriter(sqlite: BetterSqlite3.Database): (rows: readonly NewRow<'patients'>[]) => void {
  const insert = sqlite.prepare(
    `INSERT INTO patients (id, hospital_id, mrn, national_id, name_en, name_ar, phone, email, preferred_language, birth_date, gender, active, created_at, updated_at, deleted_at, name_search)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const writeAll = sqlite.transaction((rows: readonly NewRow<'patients'>[]) => {
    const now = new Date().toISOString();
    for (const r of rows) {
      const nameSearch = normalizeNameForSearch(`${r.name_en} ${r.name_ar}`);
      insert.run(
        uuidv7(),
        r.hospital_id,
        r.mrn,
        r.national_id,
        r.name_en,
        r.name_ar,
        r.phone,
        r.email,
        r.preferred_language,
        r.birth_date,
        r.gender,
        r.active,
        now,
        now,
        null,
        nameSearch,
      );
    }
  });
  return (rows) => writeAll.immediate(rows);
}
