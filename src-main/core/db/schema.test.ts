import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, tableInfo } from '../../../src-shared/tables/index.js';
import { Store } from './store.js';

/**
 * The typed `Database` (src-shared/tables, one spec and row type per table)
 * against a freshly migrated station: every table and view has a spec, every
 * spec a table, with the same columns, the same nullability and the same
 * foreign keys. The row types are checked against the specs by the compiler
 * (ColumnsOf), so a column added by a migration but not to its type, or the
 * other way round, fails here or does not compile.
 */
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-schema-'));
  store = await Store.open(path.join(dir, 'station.sqlite'));
});

afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ColumnInfo {
  name: string;
  notnull: number;
  pk: number;
}

/** SQLite's own tables, Kysely's migration bookkeeping and the FTS index's shadow tables are not the station's records. */
const notOurs = (name: string) => name.startsWith('sqlite_') || name.startsWith('kysely_') || name.startsWith('patients_fts');

describe('the station schema and the table specs', () => {
  it('describe the same tables', () => {
    const inDatabase = (store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view')`).pluck().all() as string[]).filter(
      (name) => !notOurs(name),
    );
    expect([...inDatabase].sort()).toEqual([...TABLE_NAMES].sort());
  });

  it.each(TABLE_NAMES)('%s: the same columns, nullability and foreign keys', (table) => {
    const info = tableInfo(table);
    const columns = store.sqlite.prepare('SELECT name, "notnull", pk FROM pragma_table_info(?)').all(table) as ColumnInfo[];
    expect(columns.map((c) => c.name).sort(), 'columns').toEqual(Object.keys(info.columns).sort());
    if (!info.view) {
      // an INTEGER PRIMARY KEY is the rowid: never null, though SQLite does not say NOT NULL
      const nullable = columns.filter((c) => c.notnull === 0 && c.pk === 0).map((c) => c.name);
      const declared = Object.keys(info.columns).filter((c) => info.columns[c]!.nullable === true);
      expect(nullable.sort(), 'nullable columns').toEqual(declared.sort());
    }
    const keys = store.sqlite.prepare('SELECT "from" AS col, "table" AS parent FROM pragma_foreign_key_list(?)').all(table) as {
      col: string;
      parent: string;
    }[];
    const references = Object.entries(info.columns)
      .filter(([, spec]) => spec.references !== undefined)
      .map(([col, spec]) => ({ col, parent: spec.references! }));
    const byColumn = (a: { col: string }, b: { col: string }) => a.col.localeCompare(b.col);
    expect(keys.sort(byColumn), 'foreign keys').toEqual(references.sort(byColumn));
  });
});
