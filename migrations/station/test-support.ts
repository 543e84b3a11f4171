/*
 * For the tests of station migrations: a database as a given release left it,
 * migrated further the way the station migrates it (Store.open), and its whole
 * content to compare before and after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { type MigrationList, Store } from '../../src-main/core/db/store.js';
import { STATION_MIGRATIONS } from './index.js';

/** A database file in a fresh temp folder; `remove` deletes the folder. */
export function tempDatabaseFile(): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-migration-'));
  return { file: path.join(dir, 'station.sqlite'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The shipped migrations up to and including `last`: what the release that shipped `last` ran. */
export function migrationsThrough(last: string): MigrationList {
  if (!Object.hasOwn(STATION_MIGRATIONS, last)) throw new Error(`no shipped station migration is named "${last}"`);
  return Object.fromEntries(Object.entries(STATION_MIGRATIONS).filter(([name]) => name <= last));
}

/** Opens `file` as the station does, migrated through `last` (the migrations it lacks run now). */
export function openMigratedThrough(file: string, last: string): Promise<Store> {
  return Store.open(file, { migrations: migrationsThrough(last) });
}

/** Everything a database holds: its schema (sqlite_master) and every table's rows, in a stable order. */
export function databaseSnapshot(sqlite: BetterSqlite3.Database): { schema: unknown[]; rows: Record<string, string[]> } {
  const schema = sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as { type: string; name: string }[];
  const rows: Record<string, string[]> = {};
  for (const { name } of schema.filter((entry) => entry.type === 'table')) {
    // JSON of each row, sorted: WITHOUT ROWID tables have no rowid to order by
    rows[name] = sqlite
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return { schema, rows };
}
