/**
 * Sync → Problems on the station: a change the hub refuses is kept with its
 * reason until an officer marks it as dealt with, and kept after that too; a
 * received change that cannot land yet waits with why, is listed, and lands
 * once the cause is gone — a local fix included, with nothing new from the
 * hub. Real station cores on real SQLite files, called through the dispatcher
 * as the console would, syncing through test/fixtures/sync-hub.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { STATION_MIGRATIONS } from '../../migrations/station/index.js';
import { Scope } from '../../src-main/core/scope.js';
import { StationCore } from '../../src-main/core/station.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { addUsers } from '../fixtures/group.js';
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

/** The refused cells of a record as kept, oldest first. */
function rejectionsOf(station: TestStation, rowId: string) {
  return station.core.store.sqlite
    .prepare('SELECT hlc, col, acknowledged_at, acknowledged_by FROM sync_rejections WHERE row_id = ? ORDER BY id')
    .all(rowId) as { hlc: string; col: string; acknowledged_at: string | null; acknowledged_by: string | null }[];
}

function auditOf(station: TestStation, action: string) {
  return station.core.store.sqlite
    .prepare('SELECT at, actor_name, hospital_id, entity_type, entity_id, after_json FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action) as { at: string; actor_name: string; hospital_id: string | null; entity_type: string; entity_id: string | null; after_json: string }[];
}

function lastAudit(station: TestStation) {
  return station.core.store.sqlite.prepare('SELECT action, actor_name, after_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
    action: string;
    actor_name: string;
    after_json: string;
  };
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

  it('pages each list, and names records only within the reader’s hospital', async () => {
    hub = await FakeHub.start();
    const { station, token } = await enrolled('admin.one');
    const hospital = await station.call('hospitals.create', { code: 'KFH', nameEn: 'KF Hospital', nameAr: 'مستشفى الملك فهد' }, token);
    for (let i = 1; i <= 3; i += 1)
      await station.call('patients.create', { hospitalId: hospital.id, mrn: `MRN-K${i}`, nameEn: `Patient ${i}`, nameAr: 'مريض' }, token);
    hub.refuse = (m) => (m.table === 'patients' ? 'unknown_hospital' : null);
    await syncOk(station);
    const first = await station.call('sync.problems', { pageSize: 2 }, token);
    const second = await station.call('sync.problems', { pageSize: 2, rejectedPage: 2 }, token);
    expect(first.rejected).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.rejected.items).toHaveLength(2);
    expect(second.rejected.items).toHaveLength(1);
    expect(new Set([...first.rejected.items, ...second.rejected.items].map((i) => i.record?.key))).toEqual(new Set(['MRN-K1', 'MRN-K2', 'MRN-K3']));

    // a record is named only to a reader who may see its hospital
    const store = station.core.store;
    const list = (scope: Scope) =>
      station.core.sync.problems
        .list({ rejectedPage: 1, waitingPage: 1, pageSize: 10, includeAcknowledged: false }, scope)
        .rejected.items.map((i) => i.record?.key ?? null);
    expect(list(Scope.resolve(store, 'hospital', hospital.id, null))).toHaveLength(3);
    expect(list(Scope.resolve(store, 'hospital', hospital.id, null))).not.toContain(null);
    expect(list(Scope.resolve(store, 'hospital', '0190aaaa-0000-7000-8000-000000000000', null))).toEqual([null, null, null]);
  });
});

describe('refused changes dealt with', () => {
  it('an officer marks a refused change as dealt with: it leaves the list and the counts, is kept and shown on request with when and by whom, audited; a new refusal of the record opens it again', async () => {
    hub = await FakeHub.start();
    const { station, token } = await enrolled('admin.one');
    const hospital = await station.call('hospitals.create', { code: 'RUH', nameEn: 'Riyadh Hospital', nameAr: 'مستشفى الرياض' }, token);
    const sara = await station.call('patients.create', { hospitalId: hospital.id, mrn: 'MRN-A1', nameEn: 'Sara Alotaibi', nameAr: 'سارة العتيبي' }, token);
    const omar = await station.call('patients.create', { hospitalId: hospital.id, mrn: 'MRN-A2', nameEn: 'Omar Alharbi', nameAr: 'عمر الحربي' }, token);
    hub.refuse = (m) => (m.table === 'patients' ? 'out_of_scope' : null);
    await syncOk(station);
    expect(station.core.sync.status().problems).toEqual({ rejected: 2, waiting: 0, acknowledged: 0 });
    const kept = rejectionsOf(station, sara.id);
    expect(kept.length).toBeGreaterThan(1);

    const group = { table: 'patients', rowId: sara.id, reason: 'out_of_scope' } as const;
    expect(await station.call('sync.acknowledgeRejections', group, token)).toEqual({ acknowledged: 1 });
    expect(station.core.sync.status().problems).toEqual({ rejected: 1, waiting: 0, acknowledged: 1 });
    const open = await station.call('sync.problems', {}, token);
    expect(open.rejected.total).toBe(1);
    expect(open.rejected.items.map((i) => i.rowId)).toEqual([omar.id]);
    expect(open.rejected.items[0]).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, canAcknowledge: true });

    // never deleted: every refused cell is still there, marked with when and by whom
    const marked = rejectionsOf(station, sara.id);
    expect(marked.map((r) => r.hlc)).toEqual(kept.map((r) => r.hlc));
    const at = marked[0]!.acknowledged_at;
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const r of marked) expect(r).toMatchObject({ acknowledged_at: at, acknowledged_by: 'admin.one' });
    expect(rejectionsOf(station, omar.id).every((r) => r.acknowledged_at === null)).toBe(true);

    const all = await station.call('sync.problems', { includeAcknowledged: true }, token);
    expect(all.rejected.total).toBe(2);
    // in their place, newest first (both were refused in one batch: then by record)
    expect(all.rejected.items.map((i) => [i.rowId, i.acknowledgedAt])).toEqual([
      [sara.id, at],
      [omar.id, null],
    ]);
    expect(all.rejected.items[0]).toMatchObject({
      acknowledgedBy: 'admin.one',
      canAcknowledge: false,
      record: { key: 'MRN-A1' },
      fields: expect.arrayContaining(['mrn', 'name_en']) as string[],
    });

    const audited = auditOf(station, 'sync.rejections_acknowledged');
    expect(audited).toEqual([
      { at, actor_name: 'admin.one', hospital_id: hospital.id, entity_type: 'patients', entity_id: sara.id, after_json: expect.any(String) as string },
    ]);
    expect(JSON.parse(audited[0]!.after_json)).toEqual({ table: 'patients', rowId: sara.id, reason: 'out_of_scope', cells: kept.length });

    // dealt with already, or never refused: told so in both languages, and nothing written
    const again = await station.core.dispatch('sync.acknowledgeRejections', group, token);
    expect(again.ok ? null : { status: again.status, error: again.body.error }).toEqual({
      status: 409,
      error: {
        code: 'CONFLICT',
        key: 'sync.already_acknowledged',
        message: { en: expect.stringMatching(/already marked as dealt with/) as string, ar: expect.stringMatching(/تمت معالجتها/) as string },
      },
    });
    expect(await station.status('sync.acknowledgeRejections', { ...group, rowId: uuidv7() }, token)).toBe(404);
    expect(await station.status('sync.acknowledgeRejections', { ...group, reason: 'bad_hlc' }, token)).toBe(404);
    expect(auditOf(station, 'sync.rejections_acknowledged')).toHaveLength(1);
    expect(rejectionsOf(station, sara.id)).toEqual(marked);

    // a later change of the record is refused too: open again, on its own, beside the refusal dealt with
    await station.call('patients.update', { id: sara.id, phone: '0551234567' }, token);
    await syncOk(station);
    expect(station.core.sync.status().problems).toEqual({ rejected: 2, waiting: 0, acknowledged: 1 });
    const reopened = (await station.call('sync.problems', {}, token)).rejected.items.find((i) => i.rowId === sara.id);
    expect(reopened).toMatchObject({ fields: ['phone', 'updated_at'], acknowledgedAt: null, canAcknowledge: true });
    const history = await station.call('sync.problems', { includeAcknowledged: true }, token);
    expect(history.rejected.total).toBe(3);
    expect(history.rejected.items.filter((i) => i.rowId === sara.id).map((i) => i.acknowledgedAt)).toEqual([null, at]);
  });

  it('“all” marks only what the caller may see: a user placed in one hospital marks that hospital’s records, a group-level one the rest; a role without sync.manage is refused', async () => {
    hub = await FakeHub.start();
    const { station, token } = await enrolled('admin.one');
    const ruh = await station.call('hospitals.create', { code: 'RUH', nameEn: 'Riyadh Hospital', nameAr: 'مستشفى الرياض' }, token);
    const jed = await station.call('hospitals.create', { code: 'JED', nameEn: 'Jeddah Hospital', nameAr: 'مستشفى جدة' }, token);
    const inRuh = await station.call('patients.create', { hospitalId: ruh.id, mrn: 'MRN-R1', nameEn: 'Sara Alotaibi', nameAr: 'سارة العتيبي' }, token);
    const inJed = await station.call('patients.create', { hospitalId: jed.id, mrn: 'MRN-J1', nameEn: 'Fahad Alharbi', nameAr: 'فهد الحربي' }, token);
    // the PX office of Riyadh Hospital, and its hospital admin (who does not manage sync)
    const [officer, manager] = await addUsers(station, token, [
      { username: 'officer.ruh', roleCode: 'px_admin', hospitalId: ruh.id, departmentId: null },
      { username: 'manager.ruh', roleCode: 'hospital_admin', hospitalId: ruh.id, departmentId: null },
    ]);
    // the group admin's own account belongs to no hospital: the group's
    const adminId = (await station.call('auth.me', {}, token)).user.id;
    hub.refuse = (m) => (m.table === 'patients' || (m.table === 'users' && m.rowId === adminId) ? 'out_of_scope' : null);
    await syncOk(station);
    expect(station.core.sync.status().problems).toEqual({ rejected: 3, waiting: 0, acknowledged: 0 });

    const seen = await station.call('sync.problems', {}, officer!.token);
    expect(seen.rejected.total).toBe(3);
    expect(new Map(seen.rejected.items.map((i) => [i.rowId, i.canAcknowledge]))).toEqual(
      new Map([
        [inRuh.id, true],
        [inJed.id, false],
        [adminId, false],
      ]),
    );

    // one by one, a record of another hospital or of the group is refused, and the refusal audited
    for (const [table, rowId] of [
      ['patients', inJed.id],
      ['users', adminId],
    ] as const) {
      const refused = await station.core.dispatch('sync.acknowledgeRejections', { table, rowId, reason: 'out_of_scope' }, officer!.token);
      expect(refused.ok ? null : [refused.status, refused.body.error.key], table).toEqual([403, 'error.out_of_scope']);
      expect(lastAudit(station)).toMatchObject({ action: 'auth.denied', actor_name: 'officer.ruh' });
      expect(JSON.parse(lastAudit(station).after_json)).toEqual({ call: 'sync.acknowledgeRejections', reason: 'error.out_of_scope' });
    }
    expect(station.core.sync.status().problems.rejected).toBe(3);

    expect(await station.call('sync.acknowledgeRejections', { all: true }, officer!.token)).toEqual({ acknowledged: 1 });
    expect(station.core.sync.status().problems).toEqual({ rejected: 2, waiting: 0, acknowledged: 1 });
    expect(rejectionsOf(station, inRuh.id).every((r) => r.acknowledged_by === 'officer.ruh')).toBe(true);
    expect([...rejectionsOf(station, inJed.id), ...rejectionsOf(station, adminId)].every((r) => r.acknowledged_at === null)).toBe(true);
    const [byOfficer] = auditOf(station, 'sync.rejections_acknowledged');
    expect(byOfficer).toMatchObject({ actor_name: 'officer.ruh', hospital_id: ruh.id, entity_type: 'sync', entity_id: null });
    expect(JSON.parse(byOfficer!.after_json)).toEqual({ all: true, records: 1, cells: rejectionsOf(station, inRuh.id).length, tables: { patients: 1 } });
    // nothing of Riyadh left: nothing marked, nothing written
    expect(await station.call('sync.acknowledgeRejections', { all: true }, officer!.token)).toEqual({ acknowledged: 0 });
    expect(auditOf(station, 'sync.rejections_acknowledged')).toHaveLength(1);

    expect(await station.call('sync.acknowledgeRejections', { all: true }, token)).toEqual({ acknowledged: 2 });
    expect(station.core.sync.status().problems).toEqual({ rejected: 0, waiting: 0, acknowledged: 3 });
    expect(rejectionsOf(station, inJed.id).every((r) => r.acknowledged_by === 'admin.one')).toBe(true);
    expect(rejectionsOf(station, adminId).every((r) => r.acknowledged_by === 'admin.one')).toBe(true);
    const byAdmin = auditOf(station, 'sync.rejections_acknowledged')[1];
    expect(byAdmin).toMatchObject({ actor_name: 'admin.one', hospital_id: null, entity_type: 'sync' });
    expect(JSON.parse(byAdmin!.after_json)).toMatchObject({ all: true, records: 2, tables: { patients: 1, users: 1 } });
    const shown = await station.call('sync.problems', { includeAcknowledged: true }, token);
    expect(new Map(shown.rejected.items.map((i) => [i.rowId, i.acknowledgedBy]))).toEqual(
      new Map([
        [inRuh.id, 'officer.ruh'],
        [inJed.id, 'admin.one'],
        [adminId, 'admin.one'],
      ]),
    );

    // a hospital admin holds no sync.manage: refused before anything is read, and the refusal audited
    for (const [name, input] of [
      ['sync.acknowledgeRejections', { all: true }],
      ['sync.acknowledgeRejections', { table: 'patients', rowId: inRuh.id, reason: 'out_of_scope' }],
      ['sync.problems', {}],
    ] as const) {
      const denied = await station.core.dispatch(name, input, manager!.token);
      expect(denied.ok ? null : [denied.status, denied.body.error.key], name).toEqual([403, 'error.forbidden']);
      expect(JSON.parse(lastAudit(station).after_json)).toEqual({ call: name, permission: 'sync.manage' });
    }
  });
});

describe('migration 0006', () => {
  it('keeps the refusals recorded before it open: listed and counted until an officer deals with them', async () => {
    const dir = tempDataDir('px360-migrate-');
    try {
      const sqlite = new BetterSqlite3(path.join(dir, 'station.sqlite'));
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
      const before = Object.fromEntries(Object.entries(STATION_MIGRATIONS).filter(([name]) => name < '0006'));
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
      expect(error).toBeUndefined();
      const insert = sqlite.prepare(
        `INSERT INTO sync_rejections (outbox_seq, tbl, row_id, col, hlc, reason, rejected_at) VALUES (1, 'patients', ?, ?, ?, 'out_of_scope', '2026-11-01T08:00:01.000Z')`,
      );
      insert.run('p1', 'mrn', '2026-11-01T08:00:00.000Z-0000-st1');
      insert.run('p1', 'name_en', '2026-11-01T08:00:00.000Z-0001-st1');
      await db.destroy();

      const core = await StationCore.open(dir, () => {});
      try {
        expect(core.sync.status().problems).toEqual({ rejected: 1, waiting: 0, acknowledged: 0 });
        expect(core.store.sqlite.prepare('SELECT acknowledged_at, acknowledged_by FROM sync_rejections').all()).toEqual([
          { acknowledged_at: null, acknowledged_by: null },
          { acknowledged_at: null, acknowledged_by: null },
        ]);
      } finally {
        core.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
