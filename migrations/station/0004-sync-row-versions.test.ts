/**
 * 0004 on a station enrolled and syncing under 0003: the per-cell remote
 * versions (sync_remote_cells) give way to one compact row per record
 * (sync_row_versions), not carried over — the pull cursor is cleared instead,
 * so the next sync reads the hub's snapshot again and records every version
 * anew. Every value, every unsent local change, every waiting cell and the
 * enrolment stay; the patient-name index keeps working and can be deferred.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/core/db/store.js';
import { databaseSnapshot, openMigratedThrough, tempDatabaseFile } from './test-support.js';

const T = '2026-10-04T09:30:00.000Z';
const HERE = 'st-ryd-01';
const PEER = 'st-ryd-02';
const hlc = (minute: number, node: string) => `2026-10-04T09:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;

const { file, remove } = tempDatabaseFile();
let before: ReturnType<typeof databaseSnapshot>;
let after: ReturnType<typeof databaseSnapshot>;
let store: Store;

/** The station as 0003 left it: enrolled, one patient of its own, one from a peer, an edit not yet sent, a cell waiting for its hospital. */
function seedAsOf0003(old: Store): void {
  const db = old.sqlite;
  db.prepare(`INSERT INTO station_meta (key, value) VALUES ('station_id', ?)`).run(HERE);
  db.prepare(
    `INSERT INTO hospitals (id, code, name_en, name_ar, created_at, updated_at) VALUES ('h-ryd', 'RYD', 'Riyadh General', 'مستشفى الرياض العام', ?, ?)`,
  ).run(T, T);
  const patient = db.prepare(
    `INSERT INTO patients (id, hospital_id, mrn, name_en, name_ar, phone, name_search, created_at, updated_at) VALUES (?, 'h-ryd', ?, ?, ?, ?, ?, ?, ?)`,
  );
  patient.run('p-sara', 'MRN-1001', 'Sara Ali', 'سارة علي', '+966500000001', 'sara ali سارة علي', T, T);
  patient.run('p-omar', 'MRN-1002', 'Omar Hassan', 'عمر حسن', null, 'omar hassan عمر حسن', T, T);

  const outbox = db.prepare('INSERT INTO sync_outbox (tbl, row_id, cells, sent_at) VALUES (?, ?, ?, ?)');
  // Sara was registered here and sent; her phone was corrected here and not sent yet
  outbox.run(
    'patients',
    'p-sara',
    JSON.stringify([
      ['hospital_id', 'h-ryd', hlc(1, HERE)],
      ['mrn', 'MRN-1001', hlc(1, HERE)],
      ['name_en', 'Sara Ali', hlc(1, HERE)],
      ['name_ar', 'سارة علي', hlc(1, HERE)],
    ]),
    T,
  );
  outbox.run('patients', 'p-sara', JSON.stringify([['phone', '+966500000001', hlc(5, HERE)]]), null);
  // Omar came from the other station of the hospital: his cells' versions were kept per cell
  const remote = db.prepare('INSERT INTO sync_remote_cells (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?)');
  for (const col of ['hospital_id', 'mrn', 'name_en', 'name_ar']) remote.run('patients', 'p-omar', col, hlc(2, PEER));
  remote.run('patients', 'p-sara', 'name_en', hlc(3, PEER));
  // a department of a hospital that has not arrived yet
  db.prepare('INSERT INTO sync_pending_cells (tbl, row_id, col, value, hlc) VALUES (?, ?, ?, ?, ?)').run(
    'departments',
    'd-er',
    'hospital_id',
    JSON.stringify('h-jed'),
    hlc(4, PEER),
  );

  const state = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)');
  state.run('hub_url', 'https://hub.px360.example');
  state.run('station_token', 'st_5f2c9a');
  state.run('scope', JSON.stringify({ kind: 'hospital', hospitalId: 'h-ryd' }));
  state.run('pull_cursor', '48210');
  state.run('last_pull_at', T);
  state.run('last_attempt_ok', '1');
}

beforeAll(async () => {
  const old = await openMigratedThrough(file, '0003-sync-state');
  seedAsOf0003(old);
  before = databaseSnapshot(old.sqlite);
  old.close();
  store = await openMigratedThrough(file, '0004-sync-row-versions');
  after = databaseSnapshot(store.sqlite);
});

afterAll(() => {
  store.close();
  remove();
});

const namesFound = (prefix: string) =>
  store.sqlite
    .prepare(`SELECT p.id FROM patients_fts f JOIN patients p ON p.rowid = f.rowid WHERE patients_fts MATCH ? ORDER BY p.id`)
    .pluck()
    .all(`${prefix}*`);

describe('migration 0004-sync-row-versions on a syncing station', () => {
  it('replaces the per-cell remote versions with an empty per-record table', () => {
    expect(store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name IN ('sync_remote_cells', 'sync_row_versions')`).pluck().all()).toEqual([
      'sync_row_versions',
    ]);
    expect(store.sqlite.prepare('SELECT count(*) FROM sync_row_versions').pluck().get()).toBe(0);
  });

  it('clears the pull cursor, so the next sync reads the snapshot again, and keeps the enrolment', () => {
    const state = store.sqlite.prepare('SELECT key, value FROM sync_state').raw().all() as [string, string][];
    expect(Object.fromEntries(state)).toEqual({
      hub_url: 'https://hub.px360.example',
      station_token: 'st_5f2c9a',
      scope: JSON.stringify({ kind: 'hospital', hospitalId: 'h-ryd' }),
      last_pull_at: T,
      last_attempt_ok: '1',
    });
  });

  it('keeps every value, the unsent edit and the waiting cell as they were', () => {
    // the tables the migration changes, and its own kysely_migration row, are checked above
    const { sync_remote_cells: _dropped, sync_state: _cursor, kysely_migration: _then, ...kept } = before.rows;
    const { sync_row_versions: _added, sync_state: _state, kysely_migration: _now, ...now } = after.rows;
    expect(now).toEqual(kept);
    expect(store.sqlite.prepare('SELECT row_id, cells FROM sync_outbox WHERE sent_at IS NULL').all()).toEqual([
      { row_id: 'p-sara', cells: JSON.stringify([['phone', '+966500000001', hlc(5, HERE)]]) },
    ]);
    expect(store.sqlite.prepare('SELECT tbl, row_id, col FROM sync_pending_cells').all()).toEqual([{ tbl: 'departments', row_id: 'd-er', col: 'hospital_id' }]);
  });

  it('keeps the patient-name index of the patients already there', () => {
    expect(namesFound('sar')).toEqual(['p-sara']);
    expect(namesFound('عمر')).toEqual(['p-omar']);
    expect(() => store.sqlite.prepare(`INSERT INTO patients_fts (patients_fts) VALUES ('integrity-check')`).run()).not.toThrow();
  });

  it('indexes new and renamed patients at once, and defers it while a catch-up asks', () => {
    const add = store.sqlite.prepare(
      `INSERT INTO patients (id, hospital_id, mrn, name_en, name_ar, name_search, created_at, updated_at) VALUES (?, 'h-ryd', ?, ?, ?, ?, ?, ?)`,
    );
    add.run('p-huda', 'MRN-1003', 'Huda Saleh', 'هدى صالح', 'huda saleh هدى صالح', T, T);
    expect(namesFound('hud')).toEqual(['p-huda']);
    store.sqlite.prepare(`UPDATE patients SET name_search = 'omar hassan alqahtani عمر حسن القحطاني' WHERE id = 'p-omar'`).run();
    expect(namesFound('alqah')).toEqual(['p-omar']);

    store.sqlite.prepare(`INSERT INTO sync_state (key, value) VALUES ('search_index_deferred', '1')`).run();
    add.run('p-noor', 'MRN-1004', 'Noor Adel', 'نور عادل', 'noor adel نور عادل', T, T);
    expect(namesFound('noo')).toEqual([]);
    // the catch-up's end: the flag goes and the index is rebuilt in one pass
    store.sqlite.prepare(`DELETE FROM sync_state WHERE key = 'search_index_deferred'`).run();
    store.sqlite.prepare(`INSERT INTO patients_fts (patients_fts) VALUES ('rebuild')`).run();
    expect(namesFound('noo')).toEqual(['p-noor']);
  });
});
