/**
 * Faults and convergence through the REAL hub (embedded PostgreSQL, real
 * HTTP): a connection cut in the middle of an answer (a TCP proxy drops it
 * after its first bytes), station clocks ten minutes fast and slow, and a
 * property test of random edits on three stations synced in random orders.
 * test/integration/sync-station.test.ts holds the same cases against the
 * protocol-faithful fake hub, where a failure is easier to read.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tableInfo } from '../../src-shared/tables/index.js';
import { StationCore } from '../../src-main/core/station.js';
import { Scheduler } from '../../src-main/core/jobs.js';
import { compactSentOutbox } from '../../src-main/sync/outbox.js';
import { SyncService } from '../../src-main/sync/service.js';
import { syncJob } from '../../src-main/sync/index.js';
import { CuttingProxy } from '../fixtures/cutting-proxy.js';
import { type TestHub, type TestPostgres, createHospital, enrolmentCode, recordData, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import { addPatient, contents, editPatient, patient, stateOf, syncOk } from '../fixtures/replicas.js';
import { tempDataDir } from '../fixtures/station.js';

const MINUTE = 60_000;
const PULL = '/api/v1/sync/pull';
const PUSH = '/api/v1/sync/push';

let postgres: TestPostgres;
let t: TestHub;
let hospitalId = '';
const opened: StationCore[] = [];
const proxies: CuttingProxy[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
});

/** A fresh hub (its own database) with one hospital, for each test. */
async function freshHub(): Promise<void> {
  t = await startTestHub(postgres);
  hospitalId = (await createHospital(t, 'KFH')).id;
}

afterEach(async () => {
  for (const core of opened.splice(0)) {
    core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
  for (const proxy of proxies.splice(0)) await proxy.close();
  await t?.close();
});

/** A hospital station whose machine clock runs `offsetMs` ahead (or behind), enrolled at `hubUrl` and caught up. */
async function station(options: { offsetMs?: number; hubUrl?: string; pageSize?: number; log?: (line: string) => void } = {}): Promise<StationCore> {
  const offset = options.offsetMs ?? 0;
  const core = await StationCore.open(tempDataDir('px360-faults-'), options.log ?? (() => {}), {
    clock: () => Date.now() + offset,
    ...(options.pageSize ? { syncPageSize: options.pageSize } : {}),
  });
  opened.push(core);
  await core.sync.enrol(options.hubUrl ?? t.url, await enrolmentCode(t, { hospitalCode: 'KFH' }), `Station ${opened.length}`);
  await syncOk(core);
  return core;
}

async function cuttingProxy(): Promise<CuttingProxy> {
  const proxy = await CuttingProxy.start(t.url);
  proxies.push(proxy);
  return proxy;
}

let mrnSerial = 0;
/** A patient of the hub's hospital with an MRN of its own. */
function newPatient(core: StationCore, nameEn = 'Fahad Alharbi'): string {
  mrnSerial += 1;
  return addPatient(core, hospitalId, `MRN-F${mrnSerial}`, nameEn);
}

function patientIds(core: StationCore): string[] {
  return core.store.sqlite.prepare('SELECT id FROM patients ORDER BY id').pluck().all() as string[];
}

/** The hub's own record of every patient a station holds, in the station's columns. */
async function hubPatients(core: StationCore): Promise<unknown> {
  const columns = tableInfo('patients').syncedColumns;
  const rows: Record<string, unknown>[] = [];
  for (const id of patientIds(core)) {
    const data = (await recordData(t, 'patients', id)) ?? {};
    rows.push({ id, ...Object.fromEntries(columns.map((c) => [c, data[c] ?? null])) });
  }
  return rows;
}

function stationPatients(core: StationCore): unknown {
  const columns = tableInfo('patients').syncedColumns;
  return core.store.sqlite.prepare(`SELECT id, ${columns.join(', ')} FROM patients ORDER BY id`).all();
}

async function hubMessageCount(stationId: string): Promise<number> {
  const result = await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM messages WHERE station_id = $1', [stationId]);
  return Number(result.rows[0]?.n ?? 0);
}

describe('a connection cut in the middle of an answer', () => {
  it('cut mid-pull: the next round resumes from the last page applied, and nothing is lost or applied twice', async () => {
    await freshHub();
    const one = await station();
    const proxy = await cuttingProxy();
    const two = await station({ hubUrl: proxy.url, pageSize: 10 });
    const ids = Array.from({ length: 8 }, (_, i) => newPatient(one, `Patient${i} Alharbi`));
    const sent = await syncOk(one);
    expect(sent.pushed).toBeGreaterThan(30);

    const cursorBefore = Number(stateOf(two, 'pull_cursor'));
    // the third page's answer: its headers and a few bytes of its body arrive, then the line drops
    const pagesBefore = proxy.queries(PULL).length;
    proxy.cut = { path: PULL, index: pagesBefore + 2, afterBytes: 300 };
    const cut = await two.sync.syncNow();
    expect(proxy.cuts).toBe(1);
    expect(cut).toMatchObject({ ok: false, failure: 'unreachable', pulled: 20 });
    expect(two.sync.status()).toMatchObject({ online: false, lastError: { key: 'sync.unreachable' } });
    const cursorAfterCut = Number(stateOf(two, 'pull_cursor'));
    expect(cursorAfterCut).toBeGreaterThan(cursorBefore);
    // the cut page asked from where the second one ended: the cursor stands after the last page applied
    expect(Number(proxy.queries(PULL)[pagesBefore + 2]!.get('after'))).toBe(cursorAfterCut);

    proxy.cut = null;
    const resumed = await syncOk(two);
    // the first request of the next round asks from that cursor, not from where the round began
    expect(Number(proxy.queries(PULL)[pagesBefore + 3]!.get('after'))).toBe(cursorAfterCut);
    expect(cut.pulled + resumed.pulled).toBe(sent.pushed);
    expect(patientIds(two)).toEqual([...ids].sort());
    expect(contents(two)).toEqual(contents(one));
    expect(two.sync.status()).toMatchObject({ online: true, lastError: null, waitingCells: 0 });
    // a round after that moves nothing
    expect(await syncOk(two)).toMatchObject({ pushed: 0, pulled: 0 });
  });

  it('cut mid-push answer: the hub kept the batch, the station sends it again, the hub counts it once', async () => {
    await freshHub();
    const proxy = await cuttingProxy();
    const one = await station({ hubUrl: proxy.url });
    const two = await station();
    const ids = [newPatient(one, 'Noura Alqahtani'), newPatient(one, 'Sara Alotaibi')];
    editPatient(one, ids[0]!, { phone: '+966500000001' });
    const pending = one.sync.status().pendingMessages;
    expect(pending).toBeGreaterThan(0);

    proxy.cut = { path: PUSH, index: proxy.queries(PUSH).length, afterBytes: 20 };
    const cut = await one.sync.syncNow();
    expect(proxy.cuts).toBe(1);
    expect(cut).toMatchObject({ ok: false, failure: 'unreachable', pushed: 0 });
    // the hub committed before it answered; the station, without the answer, still holds every message
    expect(await hubMessageCount(one.stationId)).toBe(pending);
    expect(one.sync.status().pendingMessages).toBe(pending);

    proxy.cut = null;
    const resent = await syncOk(one);
    expect(resent.pushed).toBe(pending);
    expect(one.sync.status().pendingMessages).toBe(0);
    expect(await hubMessageCount(one.stationId)).toBe(pending);

    const received = await syncOk(two);
    expect(received.pulled).toBe(pending);
    expect(patient(two, ids[0]!)).toMatchObject({ name_en: 'Noura Alqahtani', phone: '+966500000001' });
    expect(contents(two)).toEqual(contents(one));
    expect(await hubPatients(two)).toEqual(stationPatients(two));
  });
});

/** Polls (real time) until `done` holds; the test's own timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the schedule', () => {
  it('while the hub cannot be reached, waits twice as long after each failure, with jitter; once it answers, back to the interval and the first step', async () => {
    await freshHub();
    const proxy = await cuttingProxy();
    const core = await station({ hubUrl: proxy.url });
    const lines: string[] = [];
    // the station's sync job on a scheduler of its own, with short steps (20 ms doubling) and a fixed draw of the jitter
    const sync = new SyncService(core.store, core.data, core.stationId, core.keys, core.domains.attachments.services.attachments, {
      log: (line) => lines.push(line),
      random: () => 0.5,
      backoffBaseMs: 20,
    });
    const scheduler = new Scheduler(core.store, { log: (line) => lines.push(line) });
    scheduler.register([{ ...syncJob(sync, 30), domain: 'sync' }]);
    const waits = () => lines.flatMap((line) => /^sync: next try in (\d+) ms/.exec(line)?.[1] ?? []).map(Number);
    const id = newPatient(core, 'Offline Patient');
    try {
      proxy.down = true;
      scheduler.start();
      await until(() => waits().length >= 5);
      // 0.75 of 20, 40, 80, 160, 320 ms
      expect(waits().slice(0, 5)).toEqual([15, 30, 60, 120, 240]);
      expect(lines.filter((line) => line.startsWith('sync: round failed (unreachable)')).length).toBeGreaterThanOrEqual(5);
      expect(sync.status()).toMatchObject({ online: false, lastError: { key: 'sync.unreachable' } });
      // the job is shown failing, with the reason and the next try
      expect(scheduler.status('sync')).toMatchObject({ lastOutcome: 'failed', lastError: { code: 'unreachable', key: 'sync.unreachable' } });
      expect(scheduler.status('sync')!.failures).toBeGreaterThanOrEqual(5);
      expect(sync.status().pendingMessages).toBeGreaterThan(0);

      // the hub is back: the next try sends what waited, and rounds follow at the interval
      proxy.down = false;
      await until(() => sync.status().online === true && sync.status().pendingMessages === 0);
      expect(await recordData(t, 'patients', id)).toMatchObject({ name_en: 'Offline Patient' });
      const failedBefore = waits().length;
      // down again: the count of failures starts over
      proxy.down = true;
      await until(() => waits().length > failedBefore);
      expect(waits()[failedBefore]).toBe(15);
    } finally {
      await scheduler.stop();
      await sync.settle();
    }
  });
});

describe('station clocks ten minutes apart from the real time', () => {
  it('a fast and a slow station lose no edit: edits made after seeing the other’s win, different fields both survive, and the slow one is warned', async () => {
    await freshHub();
    const fast = await station({ offsetMs: 10 * MINUTE });
    const slow = await station({ offsetMs: -10 * MINUTE });

    // made on the slow station, edited on the fast one
    const id = newPatient(slow, 'Layla Alshehri');
    await syncOk(slow);
    await syncOk(fast);
    editPatient(fast, id, { phone: '+966500000003' });
    await syncOk(fast);
    await syncOk(slow);
    expect(patient(slow, id)?.phone).toBe('+966500000003');
    // each is told how far its own clock is off the hub's, and stamps in the hub's time from then on
    expect(slow.sync.status()).toMatchObject({ skewWarning: true });
    expect(slow.sync.status().clockOffsetMs).toBeGreaterThan(9 * MINUTE);
    expect(fast.sync.status().clockOffsetMs).toBeLessThan(-9 * MINUTE);

    // the slow station edits after seeing the fast one's edit: though its clock reads 20 minutes
    // earlier, it stamps in the hub's time (and its HLC has moved past the fast one's): its edit wins everywhere
    editPatient(slow, id, { phone: '+966500000004' });
    await syncOk(slow);
    await syncOk(fast);
    for (const core of [fast, slow]) expect(patient(core, id)?.phone).toBe('+966500000004');
    expect(await recordData(t, 'patients', id)).toMatchObject({ phone: '+966500000004' });

    // both offline, different fields: both survive
    editPatient(fast, id, { email: 'layla@example.sa' });
    editPatient(slow, id, { name_en: 'Layla Al-Shehri' });
    for (const core of [fast, slow, fast, slow]) await syncOk(core);
    for (const core of [fast, slow]) expect(patient(core, id)).toMatchObject({ phone: '+966500000004', email: 'layla@example.sa', name_en: 'Layla Al-Shehri' });
    expect(contents(fast)).toEqual(contents(slow));
    expect(await hubPatients(fast)).toEqual(stationPatients(fast));
    // with both stamping in the hub's time, neither sees another's clock ahead of its own
    expect(fast.sync.status().clockSkewMs).toBeLessThan(5 * MINUTE);
    expect(slow.sync.status().clockSkewMs).toBeLessThan(5 * MINUTE);
  });
});

function outboxEntries(core: StationCore): { sent: number; unsent: number } {
  return core.store.sqlite.prepare('SELECT count(sent_at) AS sent, count(*) - count(sent_at) AS unsent FROM sync_outbox').get() as {
    sent: number;
    unsent: number;
  };
}

describe('folding acknowledged outbox entries away', () => {
  it('keeps their stamps: a stale edit from a slow station does not win over a folded newer one, and unsent entries stay', async () => {
    await freshHub();
    const fast = await station({ offsetMs: 10 * MINUTE });
    const slow = await station({ offsetMs: -10 * MINUTE });
    const id = newPatient(fast, 'Huda Alzahrani');
    await syncOk(fast);
    await syncOk(slow);

    // the slow station edits while offline; the fast one edits the same field later, sends it, and folds its outbox
    editPatient(slow, id, { phone: '+966500000011' });
    // both stations stamp in the hub's time once they have synced, so their clocks' offsets do not make the fast
    // one's edit later: it comes 50 ms after (well over each station's error in estimating the hub's clock)
    await new Promise((resolve) => setTimeout(resolve, 50));
    editPatient(fast, id, { phone: '+966500000022' });
    await syncOk(fast);
    const sent = outboxEntries(fast).sent;
    expect(sent).toBeGreaterThan(1);
    // a bounded step: the oldest entry first
    expect(compactSentOutbox(fast.store, '9999-12-31T00:00:00.000Z', 1)).toBe(1);
    expect(outboxEntries(fast).sent).toBe(sent - 1);
    expect(fast.sync.compactOutbox(0)).toBe(sent - 1);
    expect(outboxEntries(fast)).toEqual({ sent: 0, unsent: 0 });
    expect(fast.sync.compactOutbox(0)).toBe(0);

    // the slow station's older edit reaches the hub and the fast station: the folded stamp still wins
    await syncOk(slow);
    await syncOk(fast);
    for (const core of [fast, slow]) expect(patient(core, id)?.phone).toBe('+966500000022');
    expect(await recordData(t, 'patients', id)).toMatchObject({ phone: '+966500000022' });
    expect(contents(fast)).toEqual(contents(slow));

    // entries not yet acknowledged are never folded: an edit made offline is still sent
    editPatient(fast, id, { email: 'huda@example.sa' });
    expect(fast.sync.compactOutbox(0)).toBe(0);
    expect(outboxEntries(fast).unsent).toBe(1);
    await syncOk(fast);
    await syncOk(slow);
    expect(patient(slow, id)?.email).toBe('huda@example.sa');
  });
});

describe('convergence through the real hub', () => {
  it('random creates, edits and outbox folds on three stations (clocks 0, +10 and −10 min) with random sync orders converge, on the stations and the hub', async () => {
    await freshHub();
    const cores = [await station(), await station({ offsetMs: 10 * MINUTE }), await station({ offsetMs: -10 * MINUTE })];
    const seed = newPatient(cores[0]!, 'Seed Patient');
    for (const core of [...cores, cores[0]!]) await syncOk(core);

    const at = fc.nat(2);
    const op = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('edit' as const),
          at,
          patient: fc.nat(20),
          field: fc.constantFrom('phone' as const, 'email' as const, 'name_en' as const),
          value: fc.nat(99),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), at }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), at }) },
      // fold every acknowledged outbox entry into the stored versions, as a week-old station does
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), at }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 20 }), async (ops) => {
        for (const step of ops) {
          const core = cores[step.at]!;
          if (step.kind === 'sync') await syncOk(core);
          else if (step.kind === 'compact') core.sync.compactOutbox(0);
          else if (step.kind === 'create') newPatient(core, `Created Patient${mrnSerial}`);
          else {
            // a patient this station holds (made here or received), picked by index
            const held = patientIds(core);
            const id = held[step.patient % held.length] ?? seed;
            const value =
              step.field === 'phone'
                ? `+9665000000${String(step.value).padStart(2, '0')}`
                : step.field === 'email'
                  ? `p${step.value}@example.sa`
                  : `Patient ${step.value}`;
            editPatient(core, id, { [step.field]: value });
          }
        }
        // everyone sends, then everyone receives
        for (const core of cores) await syncOk(core);
        for (const core of cores) await syncOk(core);
        const expected = contents(cores[0]!);
        for (const core of cores.slice(1)) expect(contents(core)).toEqual(expected);
        expect(await hubPatients(cores[0]!)).toEqual(stationPatients(cores[0]!));
        for (const core of cores) expect(core.sync.status()).toMatchObject({ pendingMessages: 0, waitingCells: 0 });
      }),
      { numRuns: 50 },
    );
  }, 240_000);
});
