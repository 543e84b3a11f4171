import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Compilable, Kysely, Migrator, SqliteDialect } from 'kysely';
import { STATION_MIGRATIONS } from '../../../migrations/station/index.js';
import type { Database } from './schema.js';

/** A station database that cannot be opened safely; the message is for the operator. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/**
 * The station's SQLite file. Queries are *built* with Kysely (typed against
 * `Database`) and *run* synchronously through better-sqlite3, so a whole
 * command — row, change capture, audit entry — fits in one synchronous
 * transaction that nothing else can interleave with.
 */
export class Store {
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  private constructor(sqlite: BetterSqlite3.Database) {
    this.sqlite = sqlite;
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  static async open(file: string): Promise<Store> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let sqlite: BetterSqlite3.Database | undefined;
    try {
      // The desktop app in development needs better-sqlite3 built for
      // Electron's ABI while tests use the Node build: PX360_SQLITE_BINDING
      // points at the Electron build without replacing the Node one.
      const nativeBinding = process.env.PX360_SQLITE_BINDING;
      sqlite = new BetterSqlite3(file, { fileMustExist: false, ...(nativeBinding ? { nativeBinding } : {}) });
      sqlite.pragma('busy_timeout = 10000');
      sqlite.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before we answer. Patients' data and the
      // HIS's acknowledged events must survive a power cut.
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      // 64 MiB of page cache (the default is 2 MiB): a group station holds
      // millions of patients, and index pages that stay in memory make a
      // catch-up or a search several times faster on an office PC's disk.
      sqlite.pragma('cache_size = -65536');
      // Reading the schema fails fast on a file that is not a SQLite database
      // (a full integrity check would read every page: too slow at each start).
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      // let go of the file: no handle left open on it, no -wal/-shm left beside it
      sqlite?.close();
      throw new StoreOpenError(
        `The station database ${file} cannot be read (${(error as Error).message}). ` +
          'It was left untouched. Restore it from a backup, or point --data-dir at another folder.',
      );
    }
    const store = new Store(sqlite);
    try {
      await store.migrate();
    } catch (error) {
      sqlite.close();
      throw error;
    }
    return store;
  }

  /** Applies shipped migrations; refuses a database that has one we do not ship. */
  private async migrate(): Promise<void> {
    const shipped = Object.keys(STATION_MIGRATIONS).sort();
    const hasTable = this.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
    const applied = hasTable ? (this.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name) : [];
    const mismatch = applied.findIndex((name, i) => shipped[i] !== name);
    if (mismatch !== -1 || applied.length > shipped.length) {
      const stranger = applied[mismatch === -1 ? shipped.length : mismatch];
      throw new StoreOpenError(
        `This data folder was written by a newer or different PX360 (it has migration "${stranger}", which this version does not ship). ` +
          'It was left untouched. Install the PX360 version that created it.',
      );
    }
    if (applied.length === shipped.length) return;
    const migrator = new Migrator({ db: this.db, provider: { getMigrations: async () => STATION_MIGRATIONS } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }

  private prepare(sqlText: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sqlText);
    if (!statement) {
      statement = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, statement);
    }
    return statement;
  }

  all<R>(query: Compilable<R>): R[] {
    const compiled = query.compile();
    return this.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const compiled = query.compile();
    return this.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as R | undefined;
  }

  run(query: Compilable<unknown>): number {
    const compiled = query.compile();
    return this.prepare(compiled.sql).run(...(compiled.parameters as unknown[])).changes;
  }

  /** Raw prepared statement, for the few hot paths that build their own SQL. */
  statement(sqlText: string): BetterSqlite3.Statement {
    return this.prepare(sqlText);
  }

  /** BEGIN IMMEDIATE: take the write lock up front, so two processes never deadlock mid-command. */
  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
