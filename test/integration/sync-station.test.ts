/**
 * Two (or three) real station cores syncing through a hub that speaks
 * docs/sync-protocol.md over real HTTP (test/fixtures/sync-hub.ts). The same
 * faults and the convergence property run against the real hub in
 * test/integration/sync-faults.test.ts.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../../src-main/core/station.js';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { FakeHub } from '../fixtures/sync-hub.js';
import { addPatient, contents, editPatient, patient, syncOk } from '../fixtures/replicas.js';
import { tempDataDir } from '../fixtures/station.js';

const MINUTE = 60_000;
let hub: FakeHub;
const opened: StationCore[] = [];

afterEach(async () => {
  for (const core of opened.splice(0)) {
    core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
  await hub?.close();
});

/** A station whose machine clock runs `offsetMs` ahead (or behind) the real one, enrolled with the hub. */
async function station(offsetMs = 0, log: (line: string) => void = () => {}): Promise<StationCore> {
  const core = await StationCore.open(tempDataDir('px360-sync-'), log, { clock: () => Date.now() + offsetMs });
  opened.push(core);
  await core.sync.enrol(hub.url, hub.issueCode(), `station ${opened.length}`);
  return core;
}

function addHospital(core: StationCore, code = 'KFH'): string {
  return core.data.write(
    SYSTEM_ACTOR,
    (tx) => tx.insert('hospitals', { code, name_en: `Hospital ${code}`, name_ar: `مستشفى ${code}`, time_zone: 'Asia/Riyadh', active: 1 }).id,
  );
}

describe('station sync through a hub', () => {
  it('a patient created on station 1 appears on station 2, searchable, without echoing back', async () => {
    hub = await FakeHub.start();
    const one = await station();
    const two = await station();
    const hospitalId = addHospital(one);
    const id = addPatient(one, hospitalId, 'MRN-1', 'Noura Alqahtani');
    expect(one.sync.status().pendingMessages).toBeGreaterThan(0);

    const pushed = await syncOk(one);
    expect(pushed.pushed).toBe(hub.messages.length);
    expect(one.sync.status()).toMatchObject({ enrolled: true, online: true, pendingMessages: 0 });
    const pulled = await syncOk(two);
    expect(pulled.pulled).toBe(hub.messages.length);

    expect(patient(two, id)).toMatchObject({ mrn: 'MRN-1', name_en: 'Noura Alqahtani', hospital_id: hospitalId });
    expect(contents(two)).toEqual(contents(one));
    // applying produced no outbox messages of its own, and one audit entry per page
    expect(two.sync.status().pendingMessages).toBe(0);
    const audits = two.store.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'sync.applied'`).pluck().get();
    expect(audits).toBe(1);
    // a second round moves nothing
    expect(await syncOk(two)).toMatchObject({ pushed: 0, pulled: 0 });
  });

  it('the same field edited on both stations offline converges on the later edit; different fields both survive', async () => {
    hub = await FakeHub.start();
    const one = await station();
    // edits on two stations in one millisecond are ordered by HLC counter and node, not by
    // which call ran first; and both stations stamp in the hub's time once they have synced,
    // so a clock a minute fast does not make "later" either: the second edit comes 50 ms after (well over
    // the error of each station's estimate of the hub's clock, half a local round trip)
    const two = await station(MINUTE);
    const id = addPatient(one, addHospital(one), 'MRN-2');
    await syncOk(one);
    await syncOk(two);

    editPatient(one, id, { phone: '+966500000001', email: 'one@example.sa' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    editPatient(two, id, { phone: '+966500000002', name_en: 'Fahad Al-Harbi' }); // later HLC on phone
    for (const core of [one, two, one, two]) await syncOk(core);

    for (const core of [one, two]) {
      expect(patient(core, id)).toMatchObject({ phone: '+966500000002', email: 'one@example.sa', name_en: 'Fahad Al-Harbi' });
    }
    expect(contents(one)).toEqual(contents(two));
    // the derived search text follows the remote name change
    expect(String(patient(one, id)?.name_search)).toContain('harbi');
  });

  it('a station clock 10 minutes fast or slow loses no edit, and the skew is reported', async () => {
    hub = await FakeHub.start();
    const fast = await station(10 * MINUTE);
    const slow = await station(-10 * MINUTE);
    const id = addPatient(fast, addHospital(fast), 'MRN-3');
    editPatient(fast, id, { phone: '+966500000003' });
    await syncOk(fast);
    await syncOk(slow);
    // each learns how far its own clock is off the hub's, is warned, and stamps in the hub's time
    expect(slow.sync.status()).toMatchObject({ skewWarning: true });
    expect(slow.sync.status().clockOffsetMs).toBeGreaterThan(9 * MINUTE);
    expect(fast.sync.status()).toMatchObject({ skewWarning: true });
    expect(fast.sync.status().clockOffsetMs).toBeLessThan(-9 * MINUTE);

    // the slow station edits after seeing the fast one's edit: its edit must win
    editPatient(slow, id, { phone: '+966500000004' });
    await syncOk(slow);
    await syncOk(fast);
    for (const core of [fast, slow]) expect(patient(core, id)?.phone).toBe('+966500000004');
  });

  it('a connection cut mid-pull resumes from the last applied cursor', async () => {
    hub = await FakeHub.start();
    hub.pageSize = 10;
    const one = await station();
    const two = await station();
    const hospitalId = addHospital(one);
    for (let i = 0; i < 8; i += 1) addPatient(one, hospitalId, `MRN-C${i}`);
    await syncOk(one);
    const total = hub.messages.length;
    expect(total).toBeGreaterThan(30);

    const cutAt = hub.pulls.length + 2; // the third page of station two's pull
    hub.cutPullNumber = cutAt;
    const cut = await two.sync.syncNow();
    expect(cut).toMatchObject({ ok: false, failure: 'unreachable', pulled: 20 });
    expect(two.sync.status()).toMatchObject({ online: false, lastError: { key: 'sync.unreachable' } });

    const resumed = await syncOk(two);
    expect(resumed.pulled).toBe(total - 20);
    // the round after the cut starts from the cursor of the last applied page, not from the beginning
    expect(hub.pulls[cutAt + 1]).toBe('20');
    expect(contents(two)).toEqual(contents(one));
  });

  it('a row arriving before its parent waits, then lands', async () => {
    hub = await FakeHub.start();
    const one = await station();
    const two = await station();
    const hospitalId = addHospital(one);
    const id = addPatient(one, hospitalId, 'MRN-4');
    await syncOk(one);
    // hand station two the patient's cells first, the hospital's after (another page)
    hub.messages.sort((a, b) => (a.message.table === 'patients' ? 0 : 1) - (b.message.table === 'patients' ? 0 : 1));
    hub.messages.forEach((m, i) => Object.assign(m, { seq: i + 1 }));
    hub.pageSize = hub.messages.filter((m) => m.message.table === 'patients').length;
    await syncOk(two);
    expect(patient(two, id)).toMatchObject({ hospital_id: hospitalId });
    expect(two.sync.status().waitingCells).toBe(0);
  });

  it('a revoked station stops, says so, and keeps its data and unsent changes', async () => {
    hub = await FakeHub.start();
    const one = await station();
    const id = addPatient(one, addHospital(one), 'MRN-5');
    hub.revoke(one.stationId);
    const round = await one.sync.syncNow();
    expect(round).toMatchObject({ ok: false, failure: 'revoked' });
    expect(one.sync.status()).toMatchObject({ enrolled: true, online: false, lastError: { key: 'sync.revoked' } });
    expect(one.sync.status().pendingMessages).toBeGreaterThan(0);
    expect(patient(one, id)).toBeDefined();
  });

  it('refuses messages outside the allowlist', async () => {
    hub = await FakeHub.start();
    const lines: string[] = [];
    const one = await station(0, (line) => lines.push(line));
    const hospitalId = addHospital(one);
    const id = addPatient(one, hospitalId, 'MRN-6');
    // a hub (or an attacker in its place) sending a credential column, stamped later than anything here
    const later = new Date(Date.now() + 60_000).toISOString();
    hub.messages.push({
      seq: 1,
      stationId: 'elsewhere',
      message: { hlc: `${later}-0000-evil`, table: 'users', rowId: id, column: 'password_hash', value: 'x' },
    });
    hub.messages.push({
      seq: 2,
      stationId: 'elsewhere',
      message: { hlc: `${later}-0001-evil`, table: 'patients', rowId: id, column: 'name_search', value: 'x' },
    });
    const round = await syncOk(one);
    expect(round.applied).toBe(0);
    expect(patient(one, id)?.name_search).not.toBe('x');
    expect(lines.filter((l) => l.includes('refused'))).toHaveLength(2);
  });
});

describe('convergence', () => {
  it('random edits on three stations with random sync orders converge', async () => {
    hub = await FakeHub.start();
    const cores = [await station(), await station(3 * MINUTE), await station(-7 * MINUTE)];
    const hospitalId = addHospital(cores[0]!);
    const ids = [addPatient(cores[0]!, hospitalId, 'P-0'), addPatient(cores[0]!, hospitalId, 'P-1')];
    for (const core of cores) await syncOk(core);
    await syncOk(cores[0]!);

    const op = fc.oneof(
      fc.record({
        kind: fc.constant('edit' as const),
        at: fc.nat(2),
        patient: fc.nat(1),
        field: fc.constantFrom('phone' as const, 'email' as const, 'name_en' as const),
        value: fc.nat(99),
      }),
      fc.record({ kind: fc.constant('sync' as const), at: fc.nat(2) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        for (const step of ops) {
          const core = cores[step.at]!;
          if (step.kind === 'sync') await syncOk(core);
          else {
            const value =
              step.field === 'phone'
                ? `+9665000000${String(step.value).padStart(2, '0')}`
                : step.field === 'email'
                  ? `p${step.value}@example.sa`
                  : `Patient ${step.value}`;
            editPatient(core, ids[step.patient]!, { [step.field]: value });
          }
        }
        // everyone pushes, then everyone pulls
        for (const core of cores) await syncOk(core);
        for (const core of cores) await syncOk(core);
        const expected = contents(cores[0]!);
        for (const core of cores.slice(1)) expect(contents(core)).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});
