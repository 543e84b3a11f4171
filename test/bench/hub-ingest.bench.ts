/**
 * Hub ingest: messages per second through `POST /api/v1/sync/push` (gzip,
 * 5,000-message batches, stored and applied to records in one transaction
 * each) against a raw multi-row INSERT of the same rows into a bare table on
 * the same PostgreSQL. Targets: ≥ 20,000 msgs/s, and ≥ half the raw rate.
 */
import pg from 'pg';
import { call, patientBatches, createHospital, enrolStation, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import type { SyncMessage } from '../../src-shared/hub-api.js';
import { formatCount, formatRatio, machineNote, recordResult } from './support.js';

const BATCHES = 30;
const RECORDS_PER_BATCH = 500; // × 10 cells = 5,000 messages

function makeBatches(stationId: string, hospitalId: string): SyncMessage[][] {
  return patientBatches(stationId, hospitalId, BATCHES, RECORDS_PER_BATCH);
}

async function main(): Promise<void> {
  console.log(`hub ingest (${machineNote()})`);
  const postgres = await startTestPostgres();
  const hub = await startTestHub(postgres);
  try {
    const hospital = await createHospital(hub, 'RUH');
    const { token } = await enrolStation(hub, 'bench', { hospitalCode: 'RUH' });
    const batches = makeBatches('bench', hospital.id);
    const total = batches.reduce((n, b) => n + b.length, 0);

    // warm-up batch on another station id, not counted
    const warm = await enrolStation(hub, 'warm', { hospitalCode: 'RUH' });
    await call(hub.url, 'POST', '/api/v1/sync/push', { token: warm.token, body: { messages: makeBatches('warm', hospital.id)[0] }, gzip: true });

    let started = performance.now();
    for (const batch of batches) {
      const answer = await call(hub.url, 'POST', '/api/v1/sync/push', { token, body: { messages: batch }, gzip: true });
      if (answer.status !== 200 || (answer.body as { accepted: number }).accepted !== batch.length) throw new Error(`push failed: ${answer.status}`);
    }
    const hubRate = total / ((performance.now() - started) / 1000);

    const raw = new pg.Pool({ connectionString: await postgres.newDatabase(), max: 1 });
    await raw.query(
      `CREATE TABLE raw_messages (seq BIGSERIAL PRIMARY KEY, station_id TEXT, hlc TEXT, tbl TEXT, row_id TEXT, col TEXT, value JSONB, hospital_id TEXT)`,
    );
    started = performance.now();
    for (const batch of makeBatches('raw', hospital.id)) {
      const params: unknown[] = [];
      const rows = batch.map((m, i) => {
        params.push('raw', m.hlc, m.table, m.rowId, m.column, JSON.stringify(m.value), hospital.id);
        const p = i * 7;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::jsonb, $${p + 7})`;
      });
      await raw.query(`INSERT INTO raw_messages (station_id, hlc, tbl, row_id, col, value, hospital_id) VALUES ${rows.join(', ')}`, params);
    }
    const rawRate = total / ((performance.now() - started) / 1000);
    await raw.end();

    console.log(`hub push (HTTP, gzip, store + apply): ${formatCount(hubRate)} msgs/s`);
    console.log(`raw multi-row INSERT:                 ${formatCount(rawRate)} msgs/s`);
    recordResult({
      bench: 'hub-ingest',
      measure: 'hub push rate',
      value: `${formatCount(hubRate)} msgs/s`,
      target: '≥ 20,000 msgs/s',
      meets: hubRate >= 20_000,
    });
    recordResult({ bench: 'hub-ingest', measure: 'raw INSERT rate', value: `${formatCount(rawRate)} msgs/s`, target: 'baseline', meets: null });
    recordResult({ bench: 'hub-ingest', measure: 'hub / raw', value: formatRatio(hubRate / rawRate), target: '≥ 0.50', meets: hubRate / rawRate >= 0.5 });
  } finally {
    await hub.close();
    await postgres.stop();
  }
}

await main();
