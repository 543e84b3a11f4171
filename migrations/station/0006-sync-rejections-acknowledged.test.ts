/**
 * 0006 on a station that kept refused changes under 0005: every one of them
 * stays, and stays open (not acknowledged by anyone) until an officer deals
 * with it — counted and listed under Sync → Problems as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/core/db/store.js';
import { Scope } from '../../src-main/core/scope.js';
import { SyncProblems } from '../../src-main/sync/problems.js';
import { openMigratedThrough, tempDatabaseFile } from './test-support.js';

const { file, remove } = tempDatabaseFile();
let store: Store;

const REFUSED = [
  { outbox_seq: 12, tbl: 'patients', row_id: 'p-sara', col: 'phone', hlc: '2026-10-04T09:05:00.000Z-0000-st-ryd-01', reason: 'unknown_hospital' },
  { outbox_seq: 12, tbl: 'patients', row_id: 'p-sara', col: 'email', hlc: '2026-10-04T09:05:00.000Z-0001-st-ryd-01', reason: 'unknown_hospital' },
  { outbox_seq: 15, tbl: 'roles', row_id: 'r-agent', col: 'permissions', hlc: '2026-10-04T09:07:00.000Z-0000-st-ryd-01', reason: 'out_of_scope' },
].map((row) => ({ ...row, rejected_at: '2026-10-04T09:10:00.000Z' }));

beforeAll(async () => {
  const old = await openMigratedThrough(file, '0005-sync-problems');
  const insert = old.sqlite.prepare(
    'INSERT INTO sync_rejections (outbox_seq, tbl, row_id, col, hlc, reason, rejected_at) VALUES (@outbox_seq, @tbl, @row_id, @col, @hlc, @reason, @rejected_at)',
  );
  for (const row of REFUSED) insert.run(row);
  old.close();
  store = await openMigratedThrough(file, '0006-sync-rejections-acknowledged');
});

afterAll(() => {
  store.close();
  remove();
});

describe('migration 0006-sync-rejections-acknowledged on a station with refused changes', () => {
  it('keeps every refused change, open', () => {
    const open = store.sqlite
      .prepare(
        'SELECT outbox_seq, tbl, row_id, col, hlc, reason, rejected_at, acknowledged_at, acknowledged_by FROM sync_rejections WHERE acknowledged_at IS NULL ORDER BY hlc',
      )
      .all();
    expect(open).toEqual(REFUSED.map((row) => ({ ...row, acknowledged_at: null, acknowledged_by: null })));
  });

  it('counts and lists them as open problems until an officer deals with them', async () => {
    // read by today's code, on the database as every later step leaves it
    store.close();
    store = await Store.open(file);
    const problems = new SyncProblems(store);
    expect(problems.counts()).toEqual({ rejected: 2, waiting: 0, acknowledged: 0 });
    const listed = problems.list({ rejectedPage: 1, waitingPage: 1, pageSize: 10, includeAcknowledged: false }, Scope.resolve(store, 'group', null, null));
    expect(listed.rejected.items.map((i) => [i.table, i.rowId, i.reason, i.acknowledgedAt, i.canAcknowledge])).toEqual([
      ['patients', 'p-sara', 'unknown_hospital', null, true],
      ['roles', 'r-agent', 'out_of_scope', null, true],
    ]);
  });
});
