/**
 * What change capture costs: patients written through the data layer (row +
 * one sync_outbox message per synced column + hash-chained audit, in one
 * transaction) against plain prepared INSERTs of the same rows.
 *
 * Each variant writes into its own freshly migrated station database (same
 * schema, same pragmas: WAL, synchronous=FULL), in transactions of BATCH rows.
 * Batches of the three variants take turns, so a noisy neighbour or a slow
 * fsync slows all three alike. Target (issue): the data layer keeps at least
 * half the raw rate.
 */
import path from 'node:path';
import type { NewRow } from '../../src-main/core/data-layer.js';
import type { StationCore } from '../../src-main/core/station.js';
import { syntheticPatients } from '../../src-main/demo/synthetic.js';
import {
  BENCH_ACTOR,
  formatCount,
  formatRatio,
  machineNote,
  openStationWithHospitals,
  rawPatientWriter,
  recordResult,
  scratchDir,
  verdict,
} from './support.js';

const BATCH = 1_000;
const WARM_UP_BATCHES = 5;
const MEASURED_BATCHES = 50;
const TARGET_RATIO = 0.5;

type PatientRow = NewRow<'patients'>;

interface Variant {
  readonly label: string;
  readonly core: StationCore;
  /** the same patients for every variant (same seed), in this variant's hospitals */
  readonly rows: readonly PatientRow[];
  readonly writeBatch: (rows: readonly PatientRow[]) => void;
  measuredMs: number;
}

async function variant(label: string, dataDir: string, writer: (core: StationCore) => (rows: readonly PatientRow[]) => void): Promise<Variant> {
  const { core, hospitalIds } = await openStationWithHospitals(dataDir);
  const rows = syntheticPatients((WARM_UP_BATCHES + MEASURED_BATCHES) * BATCH, hospitalIds, 2026);
  return { label, core, rows, writeBatch: writer(core), measuredMs: 0 };
}

const rate = (v: Variant): number => (MEASURED_BATCHES * BATCH) / (v.measuredMs / 1000);

async function main(): Promise<void> {
  const root = scratchDir('data-layer');
  const raw = await variant('raw INSERT', path.join(root, 'raw'), (core) => rawPatientWriter(core.store.sqlite));
  const perRow = await variant(
    'data-layer insert',
    path.join(root, 'insert'),
    (core) => (rows) => core.data.write(BENCH_ACTOR, (tx) => rows.forEach((r) => tx.insert('patients', r))),
  );
  const batched = await variant(
    'data-layer insertMany',
    path.join(root, 'insert-many'),
    (core) => (rows) => core.data.write(BENCH_ACTOR, (tx) => tx.insertMany('patients', rows)),
  );
  const variants = [raw, perRow, batched];

  console.log(
    `data-layer bench: ${formatCount(MEASURED_BATCHES * BATCH)} patients per variant after ${formatCount(WARM_UP_BATCHES * BATCH)} warm-up, batches of ${formatCount(BATCH)}, synchronous=FULL, WAL (${machineNote()})`,
  );
  for (let b = 0; b < WARM_UP_BATCHES + MEASURED_BATCHES; b += 1) {
    for (const v of variants) {
      const batch = v.rows.slice(b * BATCH, (b + 1) * BATCH);
      const started = performance.now();
      v.writeBatch(batch);
      if (b >= WARM_UP_BATCHES) v.measuredMs += performance.now() - started;
    }
  }

  const rawFigure = `${formatCount(rate(raw))} rows/s`;
  console.log(`${`${raw.label}:`.padEnd(24)} ${rawFigure}`);
  recordResult({ bench: 'data-layer', measure: raw.label, value: rawFigure, target: '(baseline)', meets: null });
  for (const v of [perRow, batched]) {
    const ratio = rate(v) / rate(raw);
    const meets = ratio >= TARGET_RATIO;
    const figure = `${formatCount(rate(v))} rows/s`;
    console.log(
      `${`${v.label}:`.padEnd(24)} ${figure} (raw ${rawFigure}, ratio ${formatRatio(ratio)}, target ≥ ${formatRatio(TARGET_RATIO)}: ${verdict(meets)})`,
    );
    recordResult({
      bench: 'data-layer',
      measure: v.label,
      value: `${figure}, ${formatRatio(ratio)} × raw`,
      target: `≥ ${formatRatio(TARGET_RATIO)} × raw`,
      meets,
    });
  }
  for (const v of variants) v.core.close();
}

await main();
