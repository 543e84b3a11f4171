/**
 * A station upgrade is all or nothing per migration: a migration that fails
 * half-way leaves the office PC's database exactly as it was and says which
 * migration failed and why, so the next start (or a fixed version) can try
 * again instead of stumbling on "table already exists". A database the
 * station does not understand (newer, forked, not SQLite, damaged) is
 * refused without being touched.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, type Migration, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { STATION_MIGRATIONS } from '../../../migrations/station/index.js';
import { databaseSnapshot, tempDatabaseFile } from '../../../migrations/station/test-support.js';
import { projectRoot } from '../paths.js';
import { StationCore } from '../station.js';
import { migratedStationFolder } from '../../../test/harness/domain-harness.js';
import { MASTER_KEY_FILE } from '../keys.js';
import { type MigrationList, Store, StoreOpenError } from './store.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function newFile(): string {
  const { file, remove } = tempDatabaseFile();
  cleanups.push(remove);
  return file;
}

/** A plausible next migration: a new area's table, a column on an old one, data touched, and then `last`. */
function permitsMigration(last: (db: Kysely<unknown>) => Promise<unknown>): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE parking_permits (id TEXT PRIMARY KEY, hospital_id TEXT NOT NULL REFERENCES hospitals (id), title TEXT NOT NULL) STRICT`.execute(
        db,
      );
      await sql`INSERT INTO parking_permits (id, hospital_id, title) SELECT 'c-' || id, id, 'imported' FROM hospitals`.execute(db);
      await sql`ALTER TABLE hospitals ADD COLUMN region TEXT`.execute(db);
      await sql`UPDATE hospitals SET name_en = upper(name_en), region = 'Riyadh'`.execute(db);
      await sql`DELETE FROM station_meta WHERE key = 'station_id'`.execute(db);
      await sql`CREATE INDEX parking_permits_hospital ON parking_permits (hospital_id)`.execute(db);
      await last(db);
    },
  };
}

const FAILS = permitsMigration((db) => sql`INSERT INTO permit_zones (id) VALUES ('late')`.execute(db));
const FIXED = permitsMigration((db) => sql`CREATE TABLE permit_zones (id TEXT PRIMARY KEY) STRICT`.execute(db));

function withNext(next: Migration): MigrationList {
  return { ...STATION_MIGRATIONS, '0099-parking-permits': next };
}

/** A station database at the shipped migrations, holding a few rows the failed migration will touch. */
async function shippedDatabase(): Promise<string> {
  const file = newFile();
  const store = await Store.open(file);
  const now = '2026-03-01T08:00:00.000Z';
  store.sqlite.prepare(`INSERT INTO station_meta (key, value) VALUES ('station_id', 'st-1'), ('hospital_code', 'RYD')`).run();
  store.sqlite
    .prepare(`INSERT INTO hospitals (id, code, name_en, name_ar, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run('h-1', 'RYD', 'Riyadh General', 'مستشفى الرياض العام', now, now);
  store.sqlite
    .prepare(`INSERT INTO patients (id, hospital_id, mrn, name_en, name_ar, name_search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run('p-1', 'h-1', 'MRN-1', 'Sara Ali', 'سارة علي', 'sara ali سارة علي', now, now);
  store.close();
  return file;
}

function snapshotOf(file: string) {
  const sqlite = new BetterSqlite3(file);
  try {
    return databaseSnapshot(sqlite);
  } finally {
    sqlite.close();
  }
}

describe('upgrading the station database', () => {
  it('leaves the database exactly as it was when a migration fails half-way, and names the migration and the statement', async () => {
    const file = await shippedDatabase();
    const before = snapshotOf(file);
    const bytes = fs.readFileSync(file);

    const opening = Store.open(file, { migrations: withNext(FAILS) });
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(/migration "0099-parking-permits" failed/);
    await expect(opening).rejects.toThrow(/at "INSERT INTO permit_zones \(id\) VALUES \('late'\)": no such table: permit_zones/);
    await expect(opening).rejects.toThrow(/as it was before it ran/);

    const after = snapshotOf(file);
    expect(after.schema).toEqual(before.schema);
    expect(after.rows).toEqual(before.rows);
    expect(after.rows.kysely_migration).toHaveLength(Object.keys(STATION_MIGRATIONS).length);
    expect(Buffer.compare(fs.readFileSync(file), bytes)).toBe(0);
  });

  it('applies the fixed migration on the next start, once', async () => {
    const file = await shippedDatabase();
    await expect(Store.open(file, { migrations: withNext(FAILS) })).rejects.toThrow(/0099-parking-permits/);

    const store = await Store.open(file, { migrations: withNext(FIXED) });
    expect(store.sqlite.prepare('SELECT id, hospital_id FROM parking_permits').all()).toEqual([{ id: 'c-h-1', hospital_id: 'h-1' }]);
    expect(store.sqlite.prepare('SELECT name_en, region FROM hospitals').get()).toEqual({ name_en: 'RIYADH GENERAL', region: 'Riyadh' });
    expect(store.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').pluck().get()).toBe('0099-parking-permits');
    store.close();

    // opened again, it runs nothing: the data the migration moved is not moved twice
    const again = await Store.open(file, { migrations: withNext(FIXED) });
    expect(again.sqlite.prepare('SELECT count(*) FROM parking_permits').pluck().get()).toBe(1);
    again.close();
  });

  it('keeps a new database empty when its first migration fails', async () => {
    const file = newFile();
    const failing: MigrationList = {
      '0001-foundation': {
        async up(db: Kysely<unknown>) {
          await sql`CREATE TABLE station_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`.execute(db);
          await sql`CREATE TABLE station_meta (key TEXT PRIMARY KEY) STRICT`.execute(db);
        },
      },
    };
    await expect(Store.open(file, { migrations: failing })).rejects.toThrow(/migration "0001-foundation" failed .*table station_meta already exists/);
    // not even the bookkeeping table is left: a fresh start begins from nothing again
    expect(snapshotOf(file)).toEqual({ schema: [], rows: {} });
  });

  it('refuses a migration that switches foreign keys, which SQLite ignores inside a transaction', async () => {
    const file = await shippedDatabase();
    const before = snapshotOf(file);
    const rebuild: Migration = {
      async up(db: Kysely<unknown>) {
        await sql`PRAGMA foreign_keys = OFF`.execute(db);
        await sql`CREATE TABLE hospitals_new (id TEXT PRIMARY KEY) STRICT`.execute(db);
      },
    };
    await expect(Store.open(file, { migrations: withNext(rebuild) })).rejects.toThrow(
      /"0099-parking-permits" failed: "PRAGMA foreign_keys = OFF" has no effect/,
    );
    expect(snapshotOf(file)).toEqual(before);
  });

  it('runs a migration once when another process applied it while this one waited for the lock', async () => {
    const file = await shippedDatabase();
    // another process (a CLI command beside the station) is applying 0099 and holds the write lock for a moment
    const other = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE');
         db.exec("CREATE TABLE parking_permits (id TEXT PRIMARY KEY) STRICT");
         db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('0099-parking-permits', new Date().toISOString());
         process.stdout.write('locked\\n');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
        file,
      ],
      { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => other.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      other.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
      other.once('exit', (code) => reject(new Error(`the other process exited (${code}) before it took the lock`)));
    });

    const store = await Store.open(file, { migrations: withNext(FIXED) });
    // FIXED would have failed on "table parking_permits already exists" had it run again
    expect(store.sqlite.prepare('SELECT count(*) FROM kysely_migration WHERE name = ?').pluck().get('0099-parking-permits')).toBe(1);
    expect(store.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'permit_zones'`).pluck().get()).toBe(0);
    store.close();
    await exited;
  });
});

describe('opening a database the station does not understand', () => {
  /** A migrated, closed station folder. */
  async function migratedFolder(): Promise<{ dir: string; file: string }> {
    const dir = await migratedStationFolder();
    return { dir, file: path.join(dir, 'station.sqlite') };
  }

  it('opens its own database again without complaint', async () => {
    const { file } = await migratedFolder();
    const store = await Store.open(file);
    store.close();
  });

  it('refuses a database with a migration this version does not ship, naming it, and leaves the file as it was', async () => {
    const { file } = await migratedFolder();
    const db = new BetterSqlite3(file);
    db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999-from-a-newer-px360', new Date().toISOString());
    db.close();
    const before = fs.readFileSync(file);
    const opening = Store.open(file);
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(/newer/);
    await expect(opening).rejects.toThrow(/9999-from-a-newer-px360/);
    expect(Buffer.compare(fs.readFileSync(file), before)).toBe(0);
  });

  it('refuses a database whose applied migrations differ from the shipped ones', async () => {
    const { file } = await migratedFolder();
    const db = new BetterSqlite3(file);
    db.prepare(`UPDATE kysely_migration SET name = '0001-someone-elses-fork' WHERE name = '0001-foundation'`).run();
    db.close();
    const before = fs.readFileSync(file);
    await expect(Store.open(file)).rejects.toBeInstanceOf(StoreOpenError);
    expect(Buffer.compare(fs.readFileSync(file), before)).toBe(0);
  });

  it('refuses a file of garbage bytes and leaves it untouched', async () => {
    const file = newFile();
    const dir = path.dirname(file);
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i += 1) garbage[i] = (i * 131 + 17) & 0xff;
    fs.writeFileSync(file, garbage);
    const opening = Store.open(file);
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(/left untouched/);
    expect(Buffer.compare(fs.readFileSync(file), garbage)).toBe(0);
    await expect(StationCore.open(dir)).rejects.toBeInstanceOf(StoreOpenError);
    expect(Buffer.compare(fs.readFileSync(file), garbage)).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['station.sqlite']);
  });

  it('refuses a real database whose pages were overwritten, and leaves it untouched', async () => {
    const { file } = await migratedFolder();
    const damaged = fs.readFileSync(file);
    for (let i = 4096; i < damaged.length; i += 1) damaged[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, damaged);
    await expect(Store.open(file)).rejects.toBeInstanceOf(StoreOpenError);
    expect(Buffer.compare(fs.readFileSync(file), damaged)).toBe(0);
    // and nothing was left beside it: no -wal or -shm from a connection still open (the station key is the folder's own)
    expect(fs.readdirSync(path.dirname(file)).filter((name) => name !== MASTER_KEY_FILE)).toEqual(['station.sqlite']);
  });
});
