import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Compilable, Kysely, type Migration, SqliteDialect } from 'kysely';
import { STATION_MIGRATIONS } from '../../../migrations/station/index.js';
import type { Database } from './schema.js';
import { restrictMode } from '../keys.js';

/** A station database that cannot be opened safely; the message is for the operator. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** Migrations by name; the names sort in the order they run. */
export type MigrationList = Readonly<Record<string, Migration>>;

export interface StoreOptions {
  /** Tests only: the migrations this store ships, instead of migrations/station. */
  readonly migrations?: MigrationList;
  /** where a repaired file mode is reported */
  readonly log?: (line: string) => void;
}

/**
 * Kysely's bookkeeping table, kept so that every station database written so
 * far opens as before. Its kysely_migration_lock, which only Kysely's Migrator
 * read, stays where it exists and is not created any more.
 */
const CREATE_MIGRATION_TABLE = 'CREATE TABLE IF NOT EXISTS kysely_migration (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)';

/** SQLite ignores this pragma inside a transaction without a word: a migration that relies on it would run with it unchanged. */
const IGNORED_IN_TRANSACTION = /^\s*PRAGMA\s+(?:\w+\.)?foreign_keys\s*=/i;

/** A statement as an operator's message names it: one line, cut short. */
function statementSummary(sqlText: string): string {
  const line = sqlText.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
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

  static async open(file: string, options: StoreOptions = {}): Promise<Store> {
    const log = options.log ?? (() => {});
    // Every patient is in this folder: the station's account only (0700, the files 0600), and put
    // right with a warning when an earlier version or a copy left it readable by others.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    restrictMode(path.dirname(file), 0o700, log);
    // SQLite gives -wal and -shm the database file's mode: put it right first
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
    restrictMode(file, 0o600, log);
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
    for (const part of [`${file}-wal`, `${file}-shm`]) restrictMode(part, 0o600, log); // left over from a crash with the old mode
    const store = new Store(sqlite);
    try {
      await store.migrate(options.migrations ?? STATION_MIGRATIONS);
    } catch (error) {
      sqlite.close();
      throw error;
    }
    return store;
  }

  /**
   * Applies the shipped migrations this database lacks, each in a transaction
   * of its own; refuses a database that has one we do not ship.
   *
   * Why not Kysely's Migrator: its SQLite adapter says SQLite has no
   * transactional DDL, so it ran a migration's statements one by one in
   * autocommit. A migration that failed half-way left its first tables
   * behind and recorded nothing; the next start failed on "table already
   * exists" and the office PC could not open PX360 at all. SQLite does roll
   * back DDL. Claiming so through a subclassed adapter would make Kysely wrap
   * every pending migration in one deferred BEGIN while still creating its
   * own tables outside it; running the steps here, each between BEGIN
   * IMMEDIATE and COMMIT on this same connection, keeps one migration one
   * transaction, visibly, and lets the error name the failing statement.
   */
  private async migrate(migrations: MigrationList): Promise<void> {
    const steps = Object.entries(migrations).sort(([a], [b]) => (a < b ? -1 : 1));
    const shipped = steps.map(([name]) => name);
    const applied = this.appliedMigrations();
    const mismatch = applied.findIndex((name, i) => shipped[i] !== name);
    if (mismatch !== -1 || applied.length > shipped.length) {
      const stranger = applied[mismatch === -1 ? shipped.length : mismatch];
      throw new StoreOpenError(
        `This data folder was written by a newer or different PX360 (it has migration "${stranger}", which this version does not ship). ` +
          'It was left untouched. Install the PX360 version that created it.',
      );
    }
    for (const [name, migration] of steps.slice(applied.length)) await this.applyMigration(name, migration);
  }

  private appliedMigrations(): string[] {
    const hasTable = this.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
    return hasTable ? (this.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[]) : [];
  }

  /**
   * One migration, all or nothing: its statements and its kysely_migration
   * row commit together, or the file is left as it was. The migration's
   * Kysely runs on this store's better-sqlite3 connection, so its statements
   * fall inside the transaction opened here.
   */
  private async applyMigration(name: string, migration: Migration): Promise<void> {
    // the statements the migration ran, and the one that failed, to check them and to name them
    const executed: string[] = [];
    const failed: string[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: this.sqlite }),
      log: (event) => void (event.level === 'error' ? failed : executed).push(event.query.sql),
    });
    try {
      // IMMEDIATE: the write lock first, so a station and a CLI command opening the same folder take turns
      this.sqlite.exec('BEGIN IMMEDIATE');
      // the other one may have applied it while we waited for the lock
      if (this.appliedMigrations().includes(name)) {
        this.sqlite.exec('COMMIT');
        return;
      }
      this.sqlite.exec(CREATE_MIGRATION_TABLE);
      await migration.up(db);
      const ignored = executed.find((statement) => IGNORED_IN_TRANSACTION.test(statement));
      if (ignored !== undefined) {
        throw new Error(`"${statementSummary(ignored)}" has no effect inside a transaction; a table rebuild uses PRAGMA defer_foreign_keys = ON`);
      }
      this.sqlite.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run(name, new Date().toISOString());
      this.sqlite.exec('COMMIT');
    } catch (error) {
      // some errors (a full disk) have SQLite roll back by itself
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      const reason = error instanceof Error ? error.message : String(error);
      const where = failed[0] === undefined ? '' : ` at "${statementSummary(failed[0])}"`;
      throw new StoreOpenError(
        `The station database could not be upgraded: migration "${name}" failed${where}: ${reason}. ` +
          'Nothing of that migration was kept; the database is as it was before it ran. Keep this message for PX360 support.',
        { cause: error },
      );
    }
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
