/**
 * Catch-up of a new station: the hub holds 1,000,000 patient records (three
 * hospitals); a group station enrols and runs one sync round — the snapshot,
 * page by page over HTTP into its SQLite file with every index and the
 * name-search FTS, then a pull from the snapshot's watermark. Target: under
 * 60 s.
 *
 * The records are written straight into the hub's `records` table with SQL
 * (pushing them through the API would make this bench take many minutes and
 * measures nothing the ingest bench does not). The message log is not filled:
 * a snapshot catch-up never reads it.
 *
 * Raw baseline, same run: the same rows read from PostgreSQL by the bench in
 * pages of the same size and inserted with one prepared INSERT a row into a
 * freshly migrated station database — no HTTP, no JSON, no validation, no
 * version tracking, no audit. What a catch-up cannot do without.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EnrolmentCode, HubHospital } from '../../src-shared/hub-api.js';
import { normalizeNameForSearch } from '../../src-shared/identity.js';
import { StationCore } from '../../src-main/core/station.js';
import { startBenchHub } from './hub-process.js';
import { formatCount, formatRatio, machineNote, recordResult, scratchDir } from './support.js';

const ROWS = Number(process.env.PX360_BENCH_CATCHUP_ROWS ?? 1_000_000);
const PAGE = 5000;
/** each record written at its own millisecond, its cells stamped one counter tick apart, as the data layer stamps them */
const WALL = `to_char(TIMESTAMP '2026-11-01 08:00:00' + i * INTERVAL '3 ms', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = [
  'hospital_id',
  'mrn',
  'national_id',
  'name_en',
  'name_ar',
  'phone',
  'email',
  'preferred_language',
  'birth_date',
  'gender',
  'active',
  'created_at',
  'updated_at',
  'deleted_at',
];

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
sampler.unref();

function megabytes(bytes: number): string {
  return `${formatCount(bytes / 1024 / 1024)} MB`;
}

function fileSize(dataDir: string): number {
  return fs
    .readdirSync(dataDir)
    .filter((f) => f.startsWith('station.sqlite'))
    .reduce((n, f) => n + fs.statSync(path.join(dataDir, f)).size, 0);
}

async function main(): Promise<void> {
  console.log(`sync catch-up of a new station from ${formatCount(ROWS)} records (${machineNote()})`);
  const hub = await startBenchHub();
  try {
    const hospitals: HubHospital[] = [];
    for (const [code, nameEn, nameAr] of [
      ['OLAYA', 'Olaya Medical Complex', 'مجمع العليا الطبي'],
      ['KHOBAR', 'Al Khobar General Hospital', 'مستشفى الخبر العام'],
      ['JEDDAH', 'Jeddah Specialist Hospital', 'مستشفى جدة التخصصي'],
    ] as const) {
      hospitals.push(await hub.admin<HubHospital>('POST', '/api/v1/admin/hospitals', { code, nameEn, nameAr }));
    }
    let started = performance.now();
    const ids = hospitals.map((h) => h.id);
    await hub.sql.query(
      `INSERT INTO records (tbl, row_id, hospital_id, data, cell_hlc)
       SELECT 'patients', r.id, r.hospital_id, r.data,
         (SELECT jsonb_object_agg(k.key, r.wall || '-' || upper(lpad(to_hex(k.n::int - 1), 4, '0')) || '-seed01') FROM jsonb_object_keys(r.data) WITH ORDINALITY AS k(key, n))
       FROM (
         -- uuidv7-shaped ids (time-ordered, as stations make them)
         SELECT substr(t.h, 1, 8) || '-' || substr(t.h, 9, 4) || '-7' || substr(t.r, 16, 3) || '-' || substr(t.r, 20, 4) || '-' || substr(t.r, 25, 12) AS id, ($1::text[])[1 + i % 3] AS hospital_id, ${WALL} AS wall,
           jsonb_build_object(
             'hospital_id', ($1::text[])[1 + i % 3], 'mrn', 'MRN' || lpad(i::text, 8, '0'), 'national_id', NULL,
             'name_en', 'Patient ' || i || ' ' || (ARRAY['Al-Harbi', 'Al-Qahtani', 'Al-Otaibi', 'Al-Dosari', 'Al-Shehri', 'Al-Zahrani'])[1 + i % 6],
             'name_ar', 'مريض ' || i || ' ' || (ARRAY['الحربي', 'القحطاني', 'العتيبي', 'الدوسري', 'الشهري', 'الزهراني'])[1 + i % 6],
             'phone', '05' || lpad((i % 100000000)::text, 8, '0'), 'email', NULL, 'preferred_language', CASE WHEN i % 4 = 0 THEN 'en' ELSE 'ar' END,
             'birth_date', to_char(DATE '1950-01-01' + (i % 25000), 'YYYY-MM-DD'), 'gender', CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, 'active', 1,
             'created_at', '2026-11-01T08:00:00.000Z', 'updated_at', '2026-11-01T08:00:00.000Z', 'deleted_at', NULL
           ) AS data
         FROM generate_series(1, $2::int) i,
           LATERAL (SELECT lpad(to_hex(1761984000000 + i * 7), 12, '0') AS h, gen_random_uuid()::text AS r) t
       ) r`,
      [ids, ROWS],
    );
    await hub.sql.query('ANALYZE records');
    console.log(`hub filled with ${formatCount(ROWS)} patient records in ${((performance.now() - started) / 1000) | 0} s (setup, not measured)`);

    // ---- the catch-up ----
    const dataDir = scratchDir('catchup');
    const core = await StationCore.open(dataDir, () => {});
    const { code } = await hub.admin<EnrolmentCode>('POST', '/api/v1/admin/enrolment-codes', { group: true });
    await core.sync.enrol(hub.url, code, 'Bench group station');
    let lastReport = 0;
    core.sync.onProgress((p) => {
      if (p.phase === 'catching_up' && p.pulled - lastReport >= 100_000) {
        lastReport = p.pulled;
        console.log(`  ${formatCount(p.pulled)} of ${formatCount(p.total ?? 0)} records after ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    });
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    const round = await core.sync.syncNow();
    const catchUpSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (!round.ok) throw new Error(`the round failed: ${round.failure}`);

    // the station holds what the hub holds, searchable
    const held = core.store.sqlite.prepare('SELECT count(*) FROM patients').pluck().get() as number;
    if (held !== ROWS) throw new Error(`the station holds ${held} patients, the hub ${ROWS}`);
    const sample = await hub.sql.query<{ row_id: string; data: Record<string, unknown> }>(
      `SELECT row_id, data FROM records WHERE tbl = 'patients' ORDER BY random() LIMIT 200`,
    );
    for (const row of sample.rows) {
      const local = core.store.sqlite.prepare(`SELECT ${COLUMNS.join(', ')} FROM patients WHERE id = ?`).get(row.row_id) as Record<string, unknown> | undefined;
      for (const column of COLUMNS) {
        if (local?.[column] !== (row.data[column] ?? null))
          throw new Error(`patient ${row.row_id}.${column}: station ${String(local?.[column])}, hub ${String(row.data[column])}`);
      }
    }
    const found = core.store.sqlite
      .prepare(`SELECT count(*) FROM patients_fts WHERE patients_fts MATCH ?`)
      .pluck()
      .get(`"${normalizeNameForSearch('مريض 777')}"`) as number;
    if (found < 1) throw new Error('the caught-up patients are not searchable');
    const stationBytes = fileSize(dataDir);
    core.close();

    // ---- raw baseline ----
    const rawDir = scratchDir('catchup-raw');
    const raw = await StationCore.open(rawDir, () => {});
    raw.store.sqlite.prepare(
      `INSERT INTO hospitals (id, code, name_en, name_ar, time_zone, active, created_at, updated_at) VALUES (?, ?, ?, ?, 'Asia/Riyadh', 1, ?, ?)`,
    );
    for (const h of hospitals) {
      raw.store.sqlite
        .prepare(`INSERT INTO hospitals (id, code, name_en, name_ar, time_zone, active, created_at, updated_at) VALUES (?, ?, ?, ?, 'Asia/Riyadh', 1, ?, ?)`)
        .run(h.id, h.code, h.nameEn, h.nameAr, '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z');
    }
    const insert = raw.store.sqlite.prepare(
      `INSERT INTO patients (id, ${COLUMNS.join(', ')}, name_search) VALUES (?, ${COLUMNS.map(() => '?').join(', ')}, ?)`,
    );
    const writePage = raw.store.sqlite.transaction((rows: { row_id: string; data: Record<string, string | number | null> }[]) => {
      for (const { row_id, data } of rows)
        insert.run(row_id, ...COLUMNS.map((c) => data[c] ?? null), normalizeNameForSearch(`${data.name_en} ${data.name_ar}`));
    });
    started = performance.now();
    let after = '';
    for (;;) {
      const page = await hub.sql.query<{ row_id: string; data: Record<string, string | number | null> }>(
        `SELECT row_id, data FROM records WHERE tbl = 'patients' AND row_id > $1 ORDER BY row_id LIMIT ${PAGE}`,
        [after],
      );
      if (page.rows.length === 0) break;
      writePage.immediate(page.rows);
      after = page.rows.at(-1)!.row_id;
    }
    const rawSeconds = (performance.now() - started) / 1000;
    const rawBytes = fileSize(rawDir);
    raw.close();

    const rate = ROWS / catchUpSeconds;
    const rawRate = ROWS / rawSeconds;
    console.log(`catch-up (HTTP snapshot pages → SQLite, indexes + FTS): ${catchUpSeconds.toFixed(1)} s, ${formatCount(rate)} records/s`);
    console.log(
      `  station CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, peak RSS ${megabytes(peakRss)}, database ${megabytes(stationBytes)} (raw copy ${megabytes(rawBytes)})`,
    );
    console.log(`raw copy (pg SELECT pages → prepared INSERTs):             ${rawSeconds.toFixed(1)} s, ${formatCount(rawRate)} records/s`);
    recordResult({
      bench: 'sync-catchup',
      measure: `new station catch-up, ${formatCount(ROWS)} records`,
      value: `${catchUpSeconds.toFixed(1)} s`,
      target: '< 60 s',
      meets: catchUpSeconds < 60,
    });
    recordResult({ bench: 'sync-catchup', measure: 'raw copy of the same rows', value: `${rawSeconds.toFixed(1)} s`, target: 'baseline', meets: null });
    recordResult({ bench: 'sync-catchup', measure: 'catch-up / raw rate', value: formatRatio(rate / rawRate), target: 'information', meets: null });
  } finally {
    await hub.close();
  }
}

await main();
