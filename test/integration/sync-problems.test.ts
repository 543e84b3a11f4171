/**
 * Sync → Problems on the station, through real rounds with a hub: a change
 * the hub refuses is kept with its reason and never sent again; a received
 * change that cannot land yet waits with why, is listed, and lands once the
 * cause is gone — a local fix included, with nothing new from the hub. Real
 * station cores on real SQLite files, called through the dispatcher as the
 * console would, syncing through test/fixtures/sync-hub.ts. How an officer
 * pages, reads and deals with refused changes is beside the code
 * (src-main/sync/problems.test.ts); 0006's refusals kept open, beside the
 * migration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeHub } from '../fixtures/sync-hub.js';
import { TestStation, tempDataDir } from '../fixtures/station.js';

let hub: FakeHub;
const opened: TestStation[] = [];

afterEach(async () => {
  for (const station of opened.splice(0)) station.close();
  await hub?.close();
});

/** A station with its own PX Admin (named apart, so the admins of two stations never collide), enrolled with the hub. */
async function enrolled(admin: string): Promise<{ station: TestStation; token: string }> {
  const station = await TestStation.open(tempDataDir('px360-problems-'));
  opened.push(station);
  const token = await station.setupAdmin(admin);
  await station.core.sync.enrol(hub.url, hub.issueCode(), `station of ${admin}`);
  return { station, token };
}

async function syncOk(station: TestStation) {
  const round = await station.core.sync.syncNow();
  expect(round).toMatchObject({ ok: true, failure: null });
  return round;
}

function patientRow(station: TestStation, id: string) {
  return station.core.store.sqlite.prepare('SELECT * FROM patients WHERE id = ?').get(id) as Record<string, unknown> | undefined;
}

/** Takes the hub's messages matching `which` out of what it hands out; the answer puts them back, as newly arrived. */
function holdBack(which: (m: FakeHub['messages'][number]) => boolean): () => void {
  const held = hub.messages.filter(which);
  for (const m of held) hub.messages.splice(hub.messages.indexOf(m), 1);
  return () => {
    for (const m of held) hub.messages.push({ ...m, seq: Math.max(0, ...hub.messages.map((x) => x.seq)) + 1 });
  };
}

describe('sync problems', () => {
  it('a change the hub refuses is kept with its reason, listed and audited, and never sent again', async () => {
    hub = await FakeHub.start();
    const { station, token } = await enrolled('admin.one');
    const hospital = await station.call('hospitals.create', { code: 'RUH', nameEn: 'Riyadh Hospital', nameAr: 'مستشفى الرياض' }, token);
    const patient = await station.call('patients.create', { hospitalId: hospital.id, mrn: 'MRN-R1', nameEn: 'Sara Alotaibi', nameAr: 'سارة العتيبي' }, token);
    hub.refuse = (m) => (m.table === 'patients' && m.rowId === patient.id ? 'out_of_scope' : null);

    const round = await syncOk(station);
    const kept = station.core.store.sqlite
      .prepare('SELECT outbox_seq, tbl, row_id, col, hlc, reason, rejected_at FROM sync_rejections ORDER BY id')
      .all() as Record<string, unknown>[];
    expect(round.rejected).toBeGreaterThan(0);
    expect(kept).toHaveLength(round.rejected);
    // each refused cell names the outbox entry and the HLC it was sent with
    const outbox = station.core.store.sqlite.prepare(`SELECT seq, cells FROM sync_outbox WHERE tbl = 'patients' AND row_id = ?`).get(patient.id) as {
      seq: number;
      cells: string;
    };
    const sent = (JSON.parse(outbox.cells) as [string, unknown, string][]).map(([col, , hlc]) => ({ col, hlc }));
    expect(kept.map((k) => ({ col: k.col, hlc: k.hlc }))).toEqual(sent);
    for (const k of kept) expect(k).toMatchObject({ outbox_seq: outbox.seq, tbl: 'patients', row_id: patient.id, reason: 'out_of_scope' });
    expect(hub.messages.some((m) => m.message.rowId === patient.id)).toBe(false);
    expect(station.core.sync.status()).toMatchObject({ pendingMessages: 0, problems: { rejected: 1, waiting: 0 } });
    const audited = station.core.store.sqlite.prepare(`SELECT after_json FROM audit_log WHERE action = 'sync.rejected'`).pluck().all() as string[];
    expect(audited.map((a) => JSON.parse(a) as unknown)).toEqual([{ count: round.rejected, reasons: { out_of_scope: round.rejected } }]);

    const problems = await station.call('sync.problems', {}, token);
    expect(problems.waiting).toMatchObject({ items: [], total: 0 });
    expect(problems.rejected).toMatchObject({ total: 1, page: 1 });
    expect(problems.rejected.items).toEqual([
      {
        table: 'patients',
        rowId: patient.id,
        fields: expect.arrayContaining(['hospital_id', 'mrn', 'name_en', 'name_ar']) as string[],
        reason: 'out_of_scope',
        at: kept[0]!.rejected_at,
        record: {
          keyField: 'mrn',
          key: 'MRN-R1',
          nameEn: 'Sara Alotaibi',
          nameAr: 'سارة العتيبي',
          hospital: { code: 'RUH', nameEn: 'Riyadh Hospital', nameAr: 'مستشفى الرياض' },
        },
        acknowledgedAt: null,
        acknowledgedBy: null,
        canAcknowledge: true,
      },
    ]);
    // in the allowlist's order, the hospital first
    expect(problems.rejected.items[0]!.fields[0]).toBe('hospital_id');

    // not sent again; a later edit of the same record is refused too, and listed with it
    expect(await syncOk(station)).toMatchObject({ pushed: 0, rejected: 0 });
    await station.call('patients.update', { id: patient.id, phone: '0551234567' }, token);
    expect(await syncOk(station)).toMatchObject({ rejected: 2 }); // phone and updated_at
    const again = await station.call('sync.problems', {}, token);
    expect(again.rejected.total).toBe(1);
    expect(again.rejected.items[0]!.fields).toContain('phone');
  });

  it('a received patient whose MRN a local patient already has waits, is listed with that patient, and lands at the next sync once the local MRN is edited', async () => {
    hub = await FakeHub.start();
    const one = await enrolled('admin.one');
    const two = await enrolled('admin.two');
    const hospital = await one.station.call('hospitals.create', { code: 'JED', nameEn: 'Jeddah Hospital', nameAr: 'مستشفى جدة' }, one.token);
    await syncOk(one.station);
    await syncOk(two.station);
    // both stations, offline from each other, register a patient under one MRN
    const theirs = await one.station.call(
      'patients.create',
      { hospitalId: hospital.id, mrn: 'MRN-D1', nameEn: 'Fahad Alharbi', nameAr: 'فهد الحربي' },
      one.token,
    );
    const ours = await two.station.call(
      'patients.create',
      { hospitalId: hospital.id, mrn: 'MRN-D1', nameEn: 'Noura Alqahtani', nameAr: 'نورة القحطاني' },
      two.token,
    );
    await syncOk(one.station);
    await syncOk(two.station);

    expect(patientRow(two.station, theirs.id)).toBeUndefined();
    expect(two.station.core.sync.status().problems).toEqual({ rejected: 0, waiting: 1, acknowledged: 0 });
    const problems = await two.station.call('sync.problems', {}, two.token);
    expect(problems.waiting.total).toBe(1);
    expect(problems.waiting.items).toEqual([
      {
        table: 'patients',
        rowId: theirs.id,
        fields: expect.arrayContaining(['hospital_id', 'mrn', 'name_en']) as string[],
        changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) as string,
        reason: {
          kind: 'duplicate',
          fields: ['hospital_id', 'mrn'],
          local: {
            rowId: ours.id,
            record: {
              keyField: 'mrn',
              key: 'MRN-D1',
              nameEn: 'Noura Alqahtani',
              nameAr: 'نورة القحطاني',
              hospital: { code: 'JED', nameEn: 'Jeddah Hospital', nameAr: 'مستشفى جدة' },
            },
          },
        },
        record: {
          keyField: 'mrn',
          key: 'MRN-D1',
          nameEn: 'Fahad Alharbi',
          nameAr: 'فهد الحربي',
          hospital: { code: 'JED', nameEn: 'Jeddah Hospital', nameAr: 'مستشفى جدة' },
        },
      },
    ]);

    // a cell put to wait before reasons were kept (migration 0005) reads as unknown until the next round tries it again
    two.station.core.store.sqlite.prepare('UPDATE sync_pending_cells SET reason = NULL').run();
    expect((await two.station.call('sync.problems', {}, two.token)).waiting.items.map((i) => i.reason)).toEqual([{ kind: 'unknown' }]);
    await syncOk(two.station);
    expect(patientRow(two.station, theirs.id)).toBeUndefined();
    expect((await two.station.call('sync.problems', {}, two.token)).waiting.items).toEqual(problems.waiting.items);

    // the officer gives the local patient its right MRN; the next sync brings nothing new, yet the waiting patient lands
    await two.station.call('patients.update', { id: ours.id, mrn: 'MRN-D2' }, two.token);
    const round = await syncOk(two.station);
    expect(round.pulled).toBe(0);
    expect(patientRow(two.station, theirs.id)).toMatchObject({ mrn: 'MRN-D1', name_en: 'Fahad Alharbi', hospital_id: hospital.id });
    expect(two.station.core.sync.status()).toMatchObject({ waitingCells: 0, problems: { rejected: 0, waiting: 0 } });
    expect((await two.station.call('sync.problems', {}, two.token)).waiting).toMatchObject({ items: [], total: 0 });
    const landed = two.station.core.store.sqlite
      .prepare(`SELECT after_json FROM audit_log WHERE action = 'sync.applied' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get() as string;
    expect(JSON.parse(landed)).toMatchObject({ messages: 0, waiting: 0 });
    // and station one gets the corrected MRN: both patients everywhere
    await syncOk(one.station);
    expect(patientRow(one.station, ours.id)).toMatchObject({ mrn: 'MRN-D2' });
  });

  it('a received record whose parent has not arrived, and one only partly arrived, are listed with why, and land when the rest comes', async () => {
    hub = await FakeHub.start();
    const one = await enrolled('admin.one');
    const two = await enrolled('admin.two');
    const hospital = await one.station.call('hospitals.create', { code: 'DMM', nameEn: 'Dammam Hospital', nameAr: 'مستشفى الدمام' }, one.token);
    const orphan = await one.station.call(
      'patients.create',
      { hospitalId: hospital.id, mrn: 'MRN-P1', nameEn: 'Huda Alshehri', nameAr: 'هدى الشهري' },
      one.token,
    );
    await syncOk(one.station);
    // the hub hands out the patient, but neither its hospital nor yet the hospital's name in Arabic
    const release = holdBack((m) => m.message.table === 'hospitals' && m.message.rowId === hospital.id && m.message.column === 'name_ar');
    const releaseRest = holdBack((m) => m.message.table === 'hospitals' && m.message.rowId === hospital.id);
    await syncOk(two.station);

    const problems = await two.station.call('sync.problems', {}, two.token);
    expect(problems.waiting.total).toBe(1);
    expect(problems.waiting.items[0]).toMatchObject({
      table: 'patients',
      rowId: orphan.id,
      reason: { kind: 'parent', table: 'hospitals', field: 'hospital_id' },
      record: { keyField: 'mrn', key: 'MRN-P1', nameEn: 'Huda Alshehri' },
    });

    // now the hospital, without its Arabic name: it waits as incomplete, and the patient still waits for it
    releaseRest();
    await syncOk(two.station);
    const partly = await two.station.call('sync.problems', {}, two.token);
    expect(partly.waiting.total).toBe(2);
    const byTable = new Map(partly.waiting.items.map((item) => [item.table, item]));
    expect(byTable.get('hospitals')).toMatchObject({
      rowId: hospital.id,
      reason: { kind: 'incomplete', fields: ['name_ar'] },
      record: { keyField: 'code', key: 'DMM', nameEn: 'Dammam Hospital', nameAr: null },
    });
    expect(byTable.get('patients')).toMatchObject({ reason: { kind: 'parent', table: 'hospitals' } });

    release();
    await syncOk(two.station);
    expect(patientRow(two.station, orphan.id)).toMatchObject({ mrn: 'MRN-P1', hospital_id: hospital.id });
    expect(two.station.core.sync.status()).toMatchObject({ waitingCells: 0, problems: { waiting: 0 } });
  });
});
