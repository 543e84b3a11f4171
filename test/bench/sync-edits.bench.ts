/**
 * 10,000 edits on one station visible on another: station A changes one
 * field of 10,000 patients while both stations hold them; the clock runs
 * from A's sync round (push) to the end of B's (pull and apply). Target:
 * under 2 s after both sync.
 *
 * Raw baseline, same run: the same 10,000 cell changes inserted into a bare
 * PostgreSQL table with multi-row INSERTs, read back with one SELECT, and
 * applied to B's patients with one prepared UPDATE a row in one transaction —
 * no HTTP, no HLC comparison, no versions, no audit.
 */
import type { EnrolmentCode, HubHospital } from '../../src-shared/hub-api.js';
import { StationCore } from '../../src-main/core/station.js';
import { startBenchHub } from './hub-process.js';
import { BENCH_ACTOR, formatCount, formatRatio, machineNote, recordResult, scratchDir } from './support.js';

const EDITS = 10_000;

async function main(): Promise<void> {
  console.log(`sync of ${formatCount(EDITS)} edits between two stations (${machineNote()})`);
  const hub = await startBenchHub();
  try {
    const hospital = await hub.admin<HubHospital>('POST', '/api/v1/admin/hospitals', {
      code: 'OLAYA',
      nameEn: 'Olaya Medical Complex',
      nameAr: 'مجمع العليا الطبي',
    });
    const stations: StationCore[] = [];
    for (const name of ['A', 'B']) {
      const core = await StationCore.open(scratchDir(`edits-${name}`), () => {});
      const { code } = await hub.admin<EnrolmentCode>('POST', '/api/v1/admin/enrolment-codes', { hospitalCode: 'OLAYA' });
      await core.sync.enrol(hub.url, code, `Station ${name}`);
      stations.push(core);
    }
    const [a, b] = stations as [StationCore, StationCore];
    await a.sync.syncNow(); // the hospital record

    // both stations hold the same 10,000 patients (setup, not measured)
    const ids = a.data.write(BENCH_ACTOR, (tx) =>
      tx
        .insertMany(
          'patients',
          Array.from({ length: EDITS }, (_, i) => ({
            hospital_id: hospital.id,
            mrn: `MRN${String(i).padStart(7, '0')}`,
            national_id: null,
            name_en: `Patient ${i}`,
            name_ar: `مريض ${i}`,
            phone: `05${String(i).padStart(8, '0')}`,
            email: null,
            preferred_language: 'ar',
            birth_date: '1990-01-01',
            gender: i % 2 === 0 ? 'F' : 'M',
            active: 1,
          })),
        )
        .map((row) => row.id),
    );
    for (const core of [a, b]) if (!(await core.sync.syncNow()).ok) throw new Error('setup sync failed');
    if ((b.store.sqlite.prepare('SELECT count(*) FROM patients').pluck().get() as number) !== EDITS) throw new Error('B does not hold the patients');

    // A edits one field of every patient (local work, timed on its own)
    let started = performance.now();
    const newPhone = (i: number) => `+96655${String(i).padStart(7, '0')}`;
    for (let block = 0; block < EDITS; block += 1000) {
      a.data.write(BENCH_ACTOR, (tx) => {
        for (let i = block; i < block + 1000; i += 1) tx.update('patients', ids[i]!, { phone: newPhone(i) });
      });
    }
    const editSeconds = (performance.now() - started) / 1000;

    // the measured part: A syncs, then B syncs
    started = performance.now();
    const pushed = await a.sync.syncNow();
    const pushSeconds = (performance.now() - started) / 1000;
    const pulled = await b.sync.syncNow();
    const syncSeconds = (performance.now() - started) / 1000;
    if (!pushed.ok || !pulled.ok) throw new Error(`sync failed: ${pushed.failure ?? pulled.failure}`);
    const phones = b.store.sqlite.prepare('SELECT id, phone FROM patients').all() as { id: string; phone: string }[];
    const byId = new Map(phones.map((p) => [p.id, p.phone]));
    ids.forEach((id, i) => {
      if (byId.get(id) !== newPhone(i)) throw new Error(`B has ${byId.get(id)} for patient ${i}, not ${newPhone(i)}`);
    });

    // raw baseline
    await hub.sql.query('CREATE TABLE raw_edits (seq BIGSERIAL PRIMARY KEY, row_id TEXT, col TEXT, value JSONB)');
    const update = b.store.sqlite.prepare('UPDATE patients SET phone = ? WHERE id = ?');
    const applyAll = b.store.sqlite.transaction((rows: { row_id: string; value: string }[]) => {
      for (const row of rows) update.run(row.value, row.row_id);
    });
    started = performance.now();
    for (let block = 0; block < EDITS; block += 5000) {
      const params: unknown[] = [];
      const values: string[] = [];
      for (let i = block; i < Math.min(EDITS, block + 5000); i += 1) {
        params.push(ids[i], 'phone', JSON.stringify(`${newPhone(i)}x`));
        values.push(`($${params.length - 2}, $${params.length - 1}, $${params.length}::jsonb)`);
      }
      await hub.sql.query(`INSERT INTO raw_edits (row_id, col, value) VALUES ${values.join(', ')}`, params);
    }
    const back = await hub.sql.query<{ row_id: string; value: string }>('SELECT row_id, value FROM raw_edits ORDER BY seq');
    applyAll.immediate(back.rows);
    const rawSeconds = (performance.now() - started) / 1000;

    console.log(`A: ${formatCount(EDITS)} edits through the data layer in ${editSeconds.toFixed(2)} s (local, not part of the target)`);
    console.log(
      `A pushes, B pulls and applies: ${syncSeconds.toFixed(2)} s (${formatCount(pushed.pushed)} messages sent, ${formatCount(pulled.applied)} cells applied; A's round ${pushSeconds.toFixed(2)} s, B's ${(syncSeconds - pushSeconds).toFixed(2)} s)`,
    );
    console.log(`raw (pg INSERT + SELECT + SQLite UPDATE): ${rawSeconds.toFixed(2)} s`);
    recordResult({
      bench: 'sync-edits',
      measure: `${formatCount(EDITS)} edits visible on the other station`,
      value: `${syncSeconds.toFixed(2)} s`,
      target: '< 2 s',
      meets: syncSeconds < 2,
    });
    recordResult({ bench: 'sync-edits', measure: 'raw path of the same changes', value: `${rawSeconds.toFixed(2)} s`, target: 'baseline', meets: null });
    recordResult({ bench: 'sync-edits', measure: 'raw / sync time', value: formatRatio(rawSeconds / syncSeconds), target: 'information', meets: null });
    for (const core of stations) core.close();
  } finally {
    await hub.close();
  }
}

await main();
