/**
 * 0005 on a station with received cells waiting under 0004: they keep
 * waiting, value and stamp unchanged, with no recorded reason (NULL) until
 * their next retry records one; the list of refused changes starts empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/core/db/store.js';
import { openMigratedThrough, tempDatabaseFile } from './test-support.js';

const { file, remove } = tempDatabaseFile();
let store: Store;

const WAITING = [
  // a department whose hospital has not arrived, and a patient whose row is not complete yet
  { tbl: 'departments', row_id: 'd-er', col: 'hospital_id', value: JSON.stringify('h-jed'), hlc: '2026-10-04T09:04:00.000Z-0000-st-jed-01' },
  { tbl: 'patients', row_id: 'p-lina', col: 'name_en', value: JSON.stringify('Lina Fahad'), hlc: '2026-10-04T09:06:00.000Z-0001-st-jed-01' },
];

beforeAll(async () => {
  const old = await openMigratedThrough(file, '0004-sync-row-versions');
  const insert = old.sqlite.prepare('INSERT INTO sync_pending_cells (tbl, row_id, col, value, hlc) VALUES (@tbl, @row_id, @col, @value, @hlc)');
  for (const cell of WAITING) insert.run(cell);
  old.close();
  store = await openMigratedThrough(file, '0005-sync-problems');
});

afterAll(() => {
  store.close();
  remove();
});

describe('migration 0005-sync-problems on a station with waiting cells', () => {
  it('keeps every waiting cell, with no reason recorded yet', () => {
    expect(store.sqlite.prepare('SELECT tbl, row_id, col, value, hlc, reason FROM sync_pending_cells ORDER BY hlc').all()).toEqual(
      WAITING.map((cell) => ({ ...cell, reason: null })),
    );
  });

  it('starts with no refused changes', () => {
    expect(store.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
  });
});
