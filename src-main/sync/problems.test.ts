/**
 * Sync → Problems on the station, as an officer deals with them: refused
 * changes are listed a page at a time and named only to a reader who may see
 * their hospital; marking one as dealt with keeps it, says when and by whom,
 * and is audited; "all" marks only what the caller may see. The refusals
 * here are left as a push round leaves them; sending, pulling and the
 * changes that wait for a parent or a duplicate are in
 * test/integration/sync-problems.test.ts, with a hub.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RejectionReason } from '../../src-shared/hub-api.js';
import { uuidv7 } from '../../src-shared/ids.js';
import type { Caller } from '../core/context.js';
import { Scope } from '../core/scope.js';
import { SYNC_ACTOR } from './apply.js';
import type { SyncMessage } from './protocol.js';
import { DomainHarness } from '../../test/harness/domain-harness.js';

const opened: DomainHarness[] = [];

afterEach(() => {
  for (const h of opened.splice(0)) h.close();
});

/** The hub as these tests need it: it refuses what `refuse` names of what the station sends. */
interface RefusingHub {
  refuse: (message: SyncMessage) => RejectionReason | null;
  /** Sends every unsent change, and keeps what the hub refused as a push round does (src-main/sync/service.ts, pushAll). */
  push(): void;
}

/** A station with its group PX admin, and a hub that refuses nothing until told. */
async function station(adminName: string): Promise<{ h: DomainHarness; admin: Caller; hub: RefusingHub }> {
  const h = await DomainHarness.open();
  opened.push(h);
  const hub: RefusingHub = {
    refuse: () => null,
    push() {
      const entries = h.core.store.sqlite.prepare('SELECT seq, tbl, row_id, cells FROM sync_outbox WHERE sent_at IS NULL ORDER BY seq').all() as {
        seq: number;
        tbl: string;
        row_id: string;
        cells: string;
      }[];
      const messages: SyncMessage[] = [];
      const seqs: number[] = [];
      for (const entry of entries) {
        for (const [column, value, hlc] of JSON.parse(entry.cells) as [string, string | number | null, string][]) {
          messages.push({ hlc, table: entry.tbl, rowId: entry.row_id, column, value });
          seqs.push(entry.seq);
        }
      }
      const rejected = messages.flatMap((message, index) => {
        const reason = hub.refuse(message);
        return reason ? [{ index, reason }] : [];
      });
      h.core.data.write(SYNC_ACTOR, (tx) => {
        h.core.store.sqlite.prepare('UPDATE sync_outbox SET sent_at = ? WHERE sent_at IS NULL').run(tx.now);
        h.core.sync.problems.recordRejections({ messages, seqs }, rejected, tx.now);
      });
    },
  };
  return { h, admin: h.as('px_admin', { username: adminName }), hub };
}

/** The refused cells of a record as kept, oldest first. */
function rejectionsOf(h: DomainHarness, rowId: string) {
  return h.core.store.sqlite.prepare('SELECT hlc, col, acknowledged_at, acknowledged_by FROM sync_rejections WHERE row_id = ? ORDER BY id').all(rowId) as {
    hlc: string;
    col: string;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
  }[];
}

function auditOf(h: DomainHarness, action: string) {
  return h.core.store.sqlite
    .prepare('SELECT at, actor_name, hospital_id, entity_type, entity_id, after_json FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action) as { at: string; actor_name: string; hospital_id: string | null; entity_type: string; entity_id: string | null; after_json: string }[];
}

function lastAudit(h: DomainHarness) {
  return h.core.store.sqlite.prepare('SELECT action, actor_name, after_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
    action: string;
    actor_name: string;
    after_json: string;
  };
}

describe('refused changes listed', () => {
  it('pages each list, and names records only within the reader’s hospital', async () => {
    const { h, admin, hub } = await station('admin.one');
    const hospital = await h.call(admin, 'hospitals.create', { code: 'KFH', nameEn: 'KF Hospital', nameAr: 'مستشفى الملك فهد' });
    for (let i = 1; i <= 3; i += 1)
      await h.call(admin, 'patients.create', { hospitalId: hospital.id, mrn: `MRN-K${i}`, nameEn: `Patient ${i}`, nameAr: 'مريض' });
    hub.refuse = (m) => (m.table === 'patients' ? 'unknown_hospital' : null);
    hub.push();
    const first = await h.call(admin, 'sync.problems', { pageSize: 2 });
    const second = await h.call(admin, 'sync.problems', { pageSize: 2, rejectedPage: 2 });
    expect(first.rejected).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.rejected.items).toHaveLength(2);
    expect(second.rejected.items).toHaveLength(1);
    expect(new Set([...first.rejected.items, ...second.rejected.items].map((i) => i.record?.key))).toEqual(new Set(['MRN-K1', 'MRN-K2', 'MRN-K3']));

    // a record is named only to a reader who may see its hospital
    const store = h.core.store;
    const list = (scope: Scope) =>
      h.core.sync.problems
        .list({ rejectedPage: 1, waitingPage: 1, pageSize: 10, includeAcknowledged: false }, scope)
        .rejected.items.map((i) => i.record?.key ?? null);
    expect(list(Scope.resolve(store, 'hospital', hospital.id, null))).toHaveLength(3);
    expect(list(Scope.resolve(store, 'hospital', hospital.id, null))).not.toContain(null);
    expect(list(Scope.resolve(store, 'hospital', '0190aaaa-0000-7000-8000-000000000000', null))).toEqual([null, null, null]);
  });
});

describe('refused changes dealt with', () => {
  it('an officer marks a refused change as dealt with: it leaves the list and the counts, is kept and shown on request with when and by whom, audited; a new refusal of the record opens it again', async () => {
    const { h, admin, hub } = await station('admin.one');
    const hospital = await h.call(admin, 'hospitals.create', { code: 'RUH', nameEn: 'Riyadh Hospital', nameAr: 'مستشفى الرياض' });
    const sara = await h.call(admin, 'patients.create', { hospitalId: hospital.id, mrn: 'MRN-A1', nameEn: 'Sara Alotaibi', nameAr: 'سارة العتيبي' });
    const omar = await h.call(admin, 'patients.create', { hospitalId: hospital.id, mrn: 'MRN-A2', nameEn: 'Omar Alharbi', nameAr: 'عمر الحربي' });
    hub.refuse = (m) => (m.table === 'patients' ? 'out_of_scope' : null);
    hub.push();
    expect(h.core.sync.status().problems).toEqual({ rejected: 2, waiting: 0, acknowledged: 0 });
    const kept = rejectionsOf(h, sara.id);
    expect(kept.length).toBeGreaterThan(1);

    const group = { table: 'patients', rowId: sara.id, reason: 'out_of_scope' } as const;
    expect(await h.call(admin, 'sync.acknowledgeRejections', group)).toEqual({ acknowledged: 1 });
    expect(h.core.sync.status().problems).toEqual({ rejected: 1, waiting: 0, acknowledged: 1 });
    const open = await h.call(admin, 'sync.problems', {});
    expect(open.rejected.total).toBe(1);
    expect(open.rejected.items.map((i) => i.rowId)).toEqual([omar.id]);
    expect(open.rejected.items[0]).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, canAcknowledge: true });

    // never deleted: every refused cell is still there, marked with when and by whom
    const marked = rejectionsOf(h, sara.id);
    expect(marked.map((r) => r.hlc)).toEqual(kept.map((r) => r.hlc));
    const at = marked[0]!.acknowledged_at;
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const r of marked) expect(r).toMatchObject({ acknowledged_at: at, acknowledged_by: 'admin.one' });
    expect(rejectionsOf(h, omar.id).every((r) => r.acknowledged_at === null)).toBe(true);

    const all = await h.call(admin, 'sync.problems', { includeAcknowledged: true });
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

    const audited = auditOf(h, 'sync.rejections_acknowledged');
    expect(audited).toEqual([
      { at, actor_name: 'admin.one', hospital_id: hospital.id, entity_type: 'patients', entity_id: sara.id, after_json: expect.any(String) as string },
    ]);
    expect(JSON.parse(audited[0]!.after_json)).toEqual({ table: 'patients', rowId: sara.id, reason: 'out_of_scope', cells: kept.length });

    // dealt with already, or never refused: told so in both languages, and nothing written
    const again = await h.dispatch(admin, 'sync.acknowledgeRejections', group);
    expect(again.ok ? null : { status: again.status, error: again.body.error }).toEqual({
      status: 409,
      error: {
        code: 'CONFLICT',
        key: 'sync.already_acknowledged',
        message: { en: expect.stringMatching(/already marked as dealt with/) as string, ar: expect.stringMatching(/تمت معالجتها/) as string },
      },
    });
    expect(await h.status(admin, 'sync.acknowledgeRejections', { ...group, rowId: uuidv7() })).toBe(404);
    expect(await h.status(admin, 'sync.acknowledgeRejections', { ...group, reason: 'bad_hlc' })).toBe(404);
    expect(auditOf(h, 'sync.rejections_acknowledged')).toHaveLength(1);
    expect(rejectionsOf(h, sara.id)).toEqual(marked);

    // a later change of the record is refused too: open again, on its own, beside the refusal dealt with
    await h.call(admin, 'patients.update', { id: sara.id, phone: '0551234567' });
    hub.push();
    expect(h.core.sync.status().problems).toEqual({ rejected: 2, waiting: 0, acknowledged: 1 });
    const reopened = (await h.call(admin, 'sync.problems', {})).rejected.items.find((i) => i.rowId === sara.id);
    expect(reopened).toMatchObject({ fields: ['phone', 'updated_at'], acknowledgedAt: null, canAcknowledge: true });
    const history = await h.call(admin, 'sync.problems', { includeAcknowledged: true });
    expect(history.rejected.total).toBe(3);
    expect(history.rejected.items.filter((i) => i.rowId === sara.id).map((i) => i.acknowledgedAt)).toEqual([null, at]);
  });

  it('“all” marks only what the caller may see: a user placed in one hospital marks that hospital’s records, a group-level one the rest; a role without sync.manage is refused', async () => {
    const { h, admin, hub } = await station('admin.one');
    const ruh = await h.call(admin, 'hospitals.create', { code: 'RUH', nameEn: 'Riyadh Hospital', nameAr: 'مستشفى الرياض' });
    const jed = await h.call(admin, 'hospitals.create', { code: 'JED', nameEn: 'Jeddah Hospital', nameAr: 'مستشفى جدة' });
    const inRuh = await h.call(admin, 'patients.create', { hospitalId: ruh.id, mrn: 'MRN-R1', nameEn: 'Sara Alotaibi', nameAr: 'سارة العتيبي' });
    const inJed = await h.call(admin, 'patients.create', { hospitalId: jed.id, mrn: 'MRN-J1', nameEn: 'Fahad Alharbi', nameAr: 'فهد الحربي' });
    // the PX office of Riyadh Hospital, and its hospital admin (who does not manage sync)
    const officer = h.as('px_admin', { hospitalId: ruh.id, username: 'officer.ruh' });
    const manager = h.as('hospital_admin', { hospitalId: ruh.id, username: 'manager.ruh' });
    // the group admin's own account belongs to no hospital: the group's
    const adminId = (await h.call(admin, 'auth.me', {})).user.id;
    hub.refuse = (m) => (m.table === 'patients' || (m.table === 'users' && m.rowId === adminId) ? 'out_of_scope' : null);
    hub.push();
    expect(h.core.sync.status().problems).toEqual({ rejected: 3, waiting: 0, acknowledged: 0 });

    const seen = await h.call(officer, 'sync.problems', {});
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
      const refused = await h.dispatch(officer, 'sync.acknowledgeRejections', { table, rowId, reason: 'out_of_scope' });
      expect(refused.ok ? null : [refused.status, refused.body.error.key], table).toEqual([403, 'error.out_of_scope']);
      expect(lastAudit(h)).toMatchObject({ action: 'auth.denied', actor_name: 'officer.ruh' });
      expect(JSON.parse(lastAudit(h).after_json)).toEqual({ call: 'sync.acknowledgeRejections', reason: 'error.out_of_scope' });
    }
    expect(h.core.sync.status().problems.rejected).toBe(3);

    expect(await h.call(officer, 'sync.acknowledgeRejections', { all: true })).toEqual({ acknowledged: 1 });
    expect(h.core.sync.status().problems).toEqual({ rejected: 2, waiting: 0, acknowledged: 1 });
    expect(rejectionsOf(h, inRuh.id).every((r) => r.acknowledged_by === 'officer.ruh')).toBe(true);
    expect([...rejectionsOf(h, inJed.id), ...rejectionsOf(h, adminId)].every((r) => r.acknowledged_at === null)).toBe(true);
    const [byOfficer] = auditOf(h, 'sync.rejections_acknowledged');
    expect(byOfficer).toMatchObject({ actor_name: 'officer.ruh', hospital_id: ruh.id, entity_type: 'sync', entity_id: null });
    expect(JSON.parse(byOfficer!.after_json)).toEqual({ all: true, records: 1, cells: rejectionsOf(h, inRuh.id).length, tables: { patients: 1 } });
    // nothing of Riyadh left: nothing marked, nothing written
    expect(await h.call(officer, 'sync.acknowledgeRejections', { all: true })).toEqual({ acknowledged: 0 });
    expect(auditOf(h, 'sync.rejections_acknowledged')).toHaveLength(1);

    expect(await h.call(admin, 'sync.acknowledgeRejections', { all: true })).toEqual({ acknowledged: 2 });
    expect(h.core.sync.status().problems).toEqual({ rejected: 0, waiting: 0, acknowledged: 3 });
    expect(rejectionsOf(h, inJed.id).every((r) => r.acknowledged_by === 'admin.one')).toBe(true);
    expect(rejectionsOf(h, adminId).every((r) => r.acknowledged_by === 'admin.one')).toBe(true);
    const byAdmin = auditOf(h, 'sync.rejections_acknowledged')[1];
    expect(byAdmin).toMatchObject({ actor_name: 'admin.one', hospital_id: null, entity_type: 'sync' });
    expect(JSON.parse(byAdmin!.after_json)).toMatchObject({ all: true, records: 2, tables: { patients: 1, users: 1 } });
    const shown = await h.call(admin, 'sync.problems', { includeAcknowledged: true });
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
      const denied = await h.dispatch(manager, name, input);
      expect(denied.ok ? null : [denied.status, denied.body.error.key], name).toEqual([403, 'error.forbidden']);
      expect(JSON.parse(lastAudit(h).after_json)).toEqual({ call: name, permission: 'sync.manage' });
    }
  });
});
