/**
 * Patient search at hospital-group size: 1,000,000 patients, looked up the way
 * the front desk does — by MRN, national ID/iqama, mobile number, or the first
 * letters of a name in Arabic or English — through `PatientsService.find`.
 *
 * The fixture is built fresh each run through the real schema (indexes, FTS5
 * triggers) with plain INSERTs, and, for the build only, synchronous=OFF and a
 * 256 MiB page cache. Queries then run with the station's own settings.
 * Target (issue): median under 10 ms for every kind of search.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { StationCore } from '../../src-main/core/station.js';
import { prng, syntheticPatients } from '../../src-main/demo/synthetic.js';
import { normalizeNameForSearch } from '../../src-shared/identity.js';
import {
  cpuSeconds,
  formatCount,
  formatMs,
  machineNote,
  openStationWithHospitals,
  percentile,
  rawPatientWriter,
  recordResult,
  scratchDir,
  verdict,
} from './support.js';

const PATIENTS = 1_000_000;
const CHUNK = 50_000;
const QUERIES_PER_KIND = 200;
const WARM_UP_PER_KIND = 20;
const PAGE_SIZE = 25;
const TARGET_MEDIAN_MS = 10;
/** Not a product target: how long a benchmark run may spend on its fixture. */
const BUILD_TARGET_S = 90;

interface Sampled {
  id: string;
  hospital_id: string;
  mrn: string;
  national_id: string | null;
  phone: string | null;
  name_en: string;
  name_ar: string;
}

interface SearchKind {
  readonly label: string;
  /** the text typed into the search box for this patient */
  readonly query: (p: Sampled, random: () => number) => string;
  /** an identifier: the patient must be on the first page; a name: every patient listed must match */
  readonly exact: boolean;
}

/** The first `min`..`max` letters of a word, as someone types before looking at the list. */
function prefix(word: string, random: () => number, min = 3, max = 4): string {
  const letters = [...word];
  return letters.slice(0, min + Math.floor(random() * (max - min + 1))).join('');
}

const words = (name: string): string[] => name.split(' ');
/** "Al-Qahtani" is typed "qaht", as the Arabic "القحطاني" is typed "القح". */
const familyEn = (p: Sampled): string => words(p.name_en)[2]!.replace(/^Al-/, '');
const familyAr = (p: Sampled): string => words(p.name_ar)[2]!;

const KINDS: readonly SearchKind[] = [
  { label: 'MRN', query: (p) => p.mrn, exact: true },
  { label: 'national ID', query: (p) => p.national_id!, exact: true },
  { label: 'phone (05…)', query: (p) => `0${p.phone!.slice(4)}`, exact: true },
  { label: 'name en, first + family', query: (p, r) => `${prefix(words(p.name_en)[0]!, r)} ${prefix(familyEn(p), r)}`, exact: false },
  { label: 'name ar, first + family', query: (p, r) => `${prefix(words(p.name_ar)[0]!, r)} ${prefix(familyAr(p), r, 4, 5)}`, exact: false },
  { label: 'name en, one word', query: (p, r) => prefix(words(p.name_en)[0]!, r), exact: false },
  { label: 'name ar, one word', query: (p, r) => prefix(words(p.name_ar)[0]!, r), exact: false },
];

/** Wall and CPU seconds the build took. */
function buildFixture(core: StationCore, hospitalIds: readonly string[]): { wall: number; cpu: number } {
  const sqlite = core.store.sqlite;
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const write = rawPatientWriter(sqlite);
  const started = performance.now();
  const cpuAtStart = cpuSeconds();
  for (let offset = 0; offset < PATIENTS; offset += CHUNK) {
    write(syntheticPatients(Math.min(CHUNK, PATIENTS - offset), hospitalIds, 2026 + offset, 100_000 + offset));
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const spent = { wall: (performance.now() - started) / 1000, cpu: cpuSeconds() - cpuAtStart };
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`cache_size = ${cacheSize}`);
  return spent;
}

function samplePatients(sqlite: BetterSqlite3.Database, count: number, random: () => number): Sampled[] {
  const byRowid = sqlite.prepare('SELECT id, hospital_id, mrn, national_id, phone, name_en, name_ar FROM patients WHERE rowid = ?');
  const maxRowid = sqlite.prepare('SELECT max(rowid) FROM patients').pluck().get() as number;
  const sampled: Sampled[] = [];
  while (sampled.length < count) {
    const row = byRowid.get(1 + Math.floor(random() * maxRowid)) as Sampled | undefined;
    if (row?.national_id && row.phone) sampled.push(row);
  }
  return sampled;
}

/** Every word typed is the start of a word of the patient's name, in either script. */
function nameMatches(typed: string, patient: { nameEn: string; nameAr: string }): boolean {
  const nameWords = normalizeNameForSearch(`${patient.nameEn} ${patient.nameAr}`).split(' ');
  return normalizeNameForSearch(typed)
    .split(' ')
    .every((t) => nameWords.some((w) => w.startsWith(t)));
}

interface Timing {
  sorted: number[];
  /** CPU time of each query, ascending: what it costs whatever else the machine is doing */
  cpuSorted: number[];
  matches: number;
  /** queries whose answer was wrong */
  wrong: number;
}

/**
 * Runs the first WARM_UP_PER_KIND cases untimed, then times the rest one by
 * one; `correct` looks at each answer after its clock has stopped.
 */
function timeQueries<C, A extends { total: number }>(cases: readonly C[], run: (c: C) => A, correct: (c: C, answer: A) => boolean): Timing {
  for (let i = 0; i < WARM_UP_PER_KIND; i += 1) run(cases[i]!);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let matches = 0;
  let wrong = 0;
  for (const c of cases.slice(WARM_UP_PER_KIND)) {
    const cpuAtStart = cpuSeconds();
    const started = performance.now();
    const answer = run(c);
    times.push(performance.now() - started);
    cpuTimes.push((cpuSeconds() - cpuAtStart) * 1000);
    matches += answer.total;
    if (!correct(c, answer)) wrong += 1;
  }
  const ascending = (a: number, b: number) => a - b;
  return { sorted: times.sort(ascending), cpuSorted: cpuTimes.sort(ascending), matches: matches / QUERIES_PER_KIND, wrong };
}

function report(label: string, timing: Timing, withTarget: boolean): boolean {
  const median = percentile(timing.sorted, 50);
  const figures = `median ${formatMs(median)}, p95 ${formatMs(percentile(timing.sorted, 95))}, max ${formatMs(percentile(timing.sorted, 100))}`;
  const meets = median < TARGET_MEDIAN_MS;
  const target = withTarget ? `, target median < ${TARGET_MEDIAN_MS} ms: ${verdict(meets)}` : '';
  const cpu = `CPU median ${formatMs(percentile(timing.cpuSorted, 50))}`;
  console.log(`${`${label}:`.padEnd(34)} ${figures}; ${cpu} (~${formatCount(timing.matches)} matches a query${target})`);
  recordResult({
    bench: 'patient-search',
    measure: label,
    value: `median ${formatMs(median)}, ${cpu}`,
    target: withTarget ? `< ${TARGET_MEDIAN_MS} ms` : '(baseline)',
    meets: withTarget ? meets : null,
  });
  return timing.wrong === 0;
}

async function main(): Promise<void> {
  const { core, hospitalIds } = await openStationWithHospitals(scratchDir('patient-search'));
  console.log(`patient-search bench (${machineNote()})`);
  console.log(
    `building ${formatCount(PATIENTS)} patients: plain INSERTs through the real schema, indexes and FTS5 triggers; synchronous=OFF and a 256 MiB cache for the build only…`,
  );
  const build = buildFixture(core, hospitalIds);
  console.log(`fixture built in ${build.wall.toFixed(1)} s (${build.cpu.toFixed(1)} s CPU, ${formatCount(PATIENTS / build.wall)} rows/s)`);
  recordResult({
    bench: 'patient-search',
    measure: `fixture build (${formatCount(PATIENTS)} patients)`,
    value: `${build.wall.toFixed(1)} s`,
    target: `< ${BUILD_TARGET_S} s`,
    meets: build.wall < BUILD_TARGET_S,
  });

  const random = prng(360);
  const sqlite = core.store.sqlite;
  const wrong: string[] = [];
  console.log(`${QUERIES_PER_KIND} queries a kind after ${WARM_UP_PER_KIND} warm-up, page of ${PAGE_SIZE}; every other query scoped to the patient's hospital`);
  const mrnLookup = sqlite.prepare('SELECT * FROM patients WHERE mrn = ?');
  const baselinePatients = samplePatients(sqlite, WARM_UP_PER_KIND + QUERIES_PER_KIND, random);
  const baseline = timeQueries(
    baselinePatients,
    (p) => {
      const rows = mrnLookup.all(p.mrn) as { id: string }[];
      return { rows, total: rows.length };
    },
    (p, { rows }) => rows.some((r) => r.id === p.id),
  );
  report('raw SELECT … WHERE mrn = ?', baseline, false);

  for (const kind of KINDS) {
    const cases = samplePatients(sqlite, WARM_UP_PER_KIND + QUERIES_PER_KIND, random).map((p, i) => ({
      p,
      search: { q: kind.query(p, random), hospitalId: i % 2 === 0 ? null : p.hospital_id, page: 1, pageSize: PAGE_SIZE },
    }));
    const timing = timeQueries(
      cases,
      ({ search }) => core.patients.find(search),
      ({ p, search }, page) =>
        kind.exact ? page.items.some((item) => item.id === p.id) : page.total > 0 && page.items.every((item) => nameMatches(search.q, item)),
    );
    if (!report(`search by ${kind.label}`, timing, true)) wrong.push(`${kind.label}: ${timing.wrong} of ${QUERIES_PER_KIND} answers were wrong`);
  }
  core.close();
  if (wrong.length > 0) {
    // A search that misses the patient, or lists one who does not match, is a defect, not a speed figure.
    console.error(`patient-search: wrong results\n  ${wrong.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
