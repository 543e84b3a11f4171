import { parseHlc } from '../../src-shared/hlc.js';
import { isSyncedColumn, isSyncedTable, tableInfo, type SyncedTableName } from '../../src-shared/tables/index.js';
import { type DataLayer, derivedChanges, derivedStamp, type WriteTx } from '../core/data-layer.js';
import type { Store } from '../core/db/store.js';
import type { Actor } from '../core/audit-log.js';
import type { RemoteMessage, RemoteRecord } from './protocol.js';
import { constraintReason, type WaitReason } from './waiting.js';

export const SYNC_ACTOR: Actor = { id: null, name: 'sync' };

/** A received stamp this far ahead of our clock is set aside, not applied (a day: no honest clock is that wrong). */
export const REMOTE_MAX_AHEAD_MS = 24 * 60 * 60_000;

/**
 * Group settings (a table synced to the whole group that is not a
 * hospital's own row, such as roles) change only by a group station's hand.
 * A hospital's row of the hospitals table is checked by the hub instead.
 */
function mayChange(table: string, hlc: string, groupStations: readonly string[] | undefined): boolean {
  if (!isSyncedTable(table)) return true; // refused by the allowlist check
  const { sync, hospitalColumn } = tableInfo(table);
  if (sync !== 'group' || hospitalColumn !== null) return true;
  return groupStations !== undefined && groupStations.includes(parseHlc(hlc).node);
}

/** Station-only columns a remotely created row still needs, from its spec (a user made elsewhere cannot sign in here). */
function remoteInsertDefaults(table: SyncedTableName, now: string): Record<string, unknown> {
  return { ...tableInfo(table).remoteInsertDefaults?.(now) };
}

interface Cell {
  readonly value: string | number | null;
  readonly hlc: string;
}

export interface AppliedBatch {
  readonly messages: number;
  /** cells written to a row */
  readonly applied: number;
  /** cells older than what the row already holds */
  readonly stale: number;
  /** cells waiting for their row to be complete or for a parent row */
  readonly waiting: number;
  /** not on the allowlist, or group settings from a station that is not the group's: never written */
  readonly refused: number;
  /** stamped far ahead of this station's clock: set aside in sync_quarantine, never applied */
  readonly quarantined: number;
  /** how far the newest remote stamp is ahead of our clock */
  readonly aheadMs: number;
}

interface TableShape {
  /** NOT NULL columns without a default: a row cannot be inserted without them */
  readonly required: readonly string[];
  readonly parents: readonly { readonly column: string; readonly table: string; readonly key: string }[];
}

/**
 * Applies messages pulled from the hub with the per-cell last-writer-wins
 * rule: a cell takes a remote value only if the remote HLC is newer than the
 * HLC of the value it holds — the newest of this station's own outbox entries
 * for that cell and of the versions recorded in `sync_row_versions` (remote
 * ones, and this station's own once their outbox entries are folded away:
 * outbox.ts).
 *
 * One pulled page is one transaction and one audit entry. Nothing here writes
 * to the outbox: a remote change is the hub's to hand on, not ours to echo.
 */
export class RemoteChanges {
  private readonly shapes = new Map<string, TableShape>();

  constructor(
    private readonly data: DataLayer,
    private readonly log: (line: string) => void,
  ) {}

  private get store(): Store {
    return this.data.store;
  }

  /**
   * `groupStations`: the stations the hub says are the group's (and the
   * hub). Group settings (roles) are taken only from them, whatever a
   * hospital's station managed to send before the hub refused such writes.
   */
  apply(messages: readonly RemoteMessage[], groupStations?: readonly string[]): AppliedBatch {
    return this.data.write(SYNC_ACTOR, (tx) => {
      // a child may be applied before its parent within the page; checked again at commit
      this.store.sqlite.pragma('defer_foreign_keys = ON');
      const counts = { applied: 0, stale: 0, refused: 0, quarantined: 0 };
      let aheadMs = 0;
      const rows = new Map<string, { table: SyncedTableName; rowId: string; cells: Map<string, Cell> }>();
      for (const message of messages) {
        if (this.stampTooFarAhead(message.hlc)) {
          this.quarantine(tx, message.table, message.rowId, message.column, message.value, message.hlc, counts);
          continue;
        }
        // merged even when refused: a later local edit must still sort after anything the hub has seen
        aheadMs = Math.max(aheadMs, tx.receiveStamp(message.hlc));
        if (!isSyncedColumn(message.table, message.column) || !this.data.columnsOf(message.table as SyncedTableName).has(message.column)) {
          counts.refused += 1;
          this.log(`sync: refused a message for ${message.table}.${message.column} (not on the sync allowlist)`);
          continue;
        }
        if (!mayChange(message.table, message.hlc, groupStations)) {
          counts.refused += 1;
          this.log(`sync: refused a change of ${message.table} ${message.rowId} from ${parseHlc(message.hlc).node}, which is not a group station`);
          continue;
        }
        const key = `${message.table}\u0000${message.rowId}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { table: message.table as SyncedTableName, rowId: message.rowId, cells: new Map() }));
        const held = row.cells.get(message.column);
        if (!held || held.hlc < message.hlc) row.cells.set(message.column, { value: message.value, hlc: message.hlc });
      }
      for (const row of rows.values()) this.applyRow(tx, row.table, row.rowId, row.cells, counts);
      this.retryWaiting(tx, counts);
      const waiting = this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number;
      const batch: AppliedBatch = { messages: messages.length, ...counts, waiting, aheadMs };
      tx.record({ action: 'sync.applied', entityType: 'sync', entityId: null, hospitalId: null, after: { ...batch } });
      return batch;
    });
  }

  /**
   * A page of a snapshot (a new station's catch-up): whole records with the
   * HLC of every cell. A record this station has never seen is inserted in
   * one statement with its versions in one more; anything else — a row we
   * already hold, cells already waiting, a broken rule — takes the
   * cell-by-cell path of `apply`, so the outcome is the same either way.
   */
  applySnapshot(records: readonly RemoteRecord[], groupStations?: readonly string[]): AppliedBatch {
    return this.data.write(SYNC_ACTOR, (tx) => {
      this.store.sqlite.pragma('defer_foreign_keys = ON');
      const counts = { applied: 0, stale: 0, refused: 0, quarantined: 0 };
      let newest = '';
      // parents seen to exist in this page (rows are never removed, only tombstoned): most records share a few
      const parents = new Set<string>();
      for (const record of records) {
        const cells = new Map<string, Cell>();
        for (const [column, raw] of Object.entries(record.data)) {
          const hlc = record.hlc[column]!; // checked when the page was parsed
          const value = typeof raw === 'boolean' ? Number(raw) : raw;
          if (this.stampTooFarAhead(hlc)) {
            this.quarantine(tx, record.table, record.rowId, column, value, hlc, counts);
            continue;
          }
          if (hlc > newest) newest = hlc;
          if (!isSyncedColumn(record.table, column) || !this.data.columnsOf(record.table as SyncedTableName).has(column)) {
            counts.refused += 1;
            this.log(`sync: refused a snapshot cell ${record.table}.${column} (not on the sync allowlist)`);
            continue;
          }
          if (!mayChange(record.table, hlc, groupStations)) {
            counts.refused += 1;
            this.log(`sync: refused a snapshot cell of ${record.table} ${record.rowId} from ${parseHlc(hlc).node}, which is not a group station`);
            continue;
          }
          cells.set(column, { value, hlc });
        }
        if (cells.size === 0) continue;
        const table = record.table as SyncedTableName;
        const inserted = this.insertNew(tx, table, record.rowId, cells, parents);
        if (inserted === true) counts.applied += cells.size;
        else if (inserted === false) this.applyRow(tx, table, record.rowId, cells, counts);
        else for (const [column, cell] of cells) this.wait(table, record.rowId, column, cell, inserted);
      }
      const aheadMs = newest === '' ? 0 : tx.receiveStamp(newest);
      this.retryWaiting(tx, counts);
      const waiting = this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number;
      const batch: AppliedBatch = { messages: records.length, ...counts, waiting, aheadMs };
      tx.record({ action: 'sync.snapshot_applied', entityType: 'sync', entityId: null, hospitalId: null, after: { ...batch } });
      return batch;
    });
  }

  /**
   * A stamp further ahead of this station's clock than any honest clock
   * error: applied, it would win over every later correction of its cell, and
   * merged into our clock, it would stamp every later local edit with its
   * time (a stamp of 9999 cannot even be followed). The hub refuses such
   * stamps since HLC_MAX_AHEAD_MS; this guards against ones it took before.
   */
  private stampTooFarAhead(hlc: string): boolean {
    return !(parseHlc(hlc).wallMs <= this.data.clock() + REMOTE_MAX_AHEAD_MS);
  }

  /** Sets a received cell aside, with why; it is listed under Sync → Problems and never applied. */
  private quarantine(tx: WriteTx, table: string, rowId: string, column: string, value: unknown, hlc: string, counts: { quarantined: number }): void {
    counts.quarantined += 1;
    this.log(`sync: set aside ${table}.${column} of ${rowId}: stamped ${hlc.slice(0, 24)}, far ahead of this station's clock`);
    this.store
      .statement(
        `INSERT INTO sync_quarantine (hlc, tbl, row_id, col, value, reason, received_at) VALUES (?, ?, ?, ?, ?, 'future_stamp', ?) ON CONFLICT (hlc) DO NOTHING`,
      )
      .run(hlc, table, rowId, column, JSON.stringify(value ?? null), tx.now);
  }

  /**
   * Stops keeping the patient-name index row by row (the FTS triggers check
   * this flag), for a catch-up that will rebuild it at its end.
   */
  deferSearchIndex(): void {
    this.store.statement(`INSERT INTO sync_state (key, value) VALUES ('search_index_deferred', '1') ON CONFLICT (key) DO NOTHING`).run();
  }

  get searchIndexDeferred(): boolean {
    return this.store.statement(`SELECT 1 FROM sync_state WHERE key = 'search_index_deferred'`).get() !== undefined;
  }

  /** Rebuilds the patient-name index in one pass over the table and keeps it row by row again. */
  rebuildSearchIndex(): void {
    this.store.transaction(() => {
      this.store.statement(`INSERT INTO patients_fts (patients_fts) VALUES ('rebuild')`).run();
      this.store.statement(`DELETE FROM sync_state WHERE key = 'search_index_deferred'`).run();
    });
  }

  /**
   * The fast path of a snapshot: a complete record whose id this station has
   * never held. True: inserted; false: take the general path; a reason: it
   * broke a rule (a duplicate MRN) and waits, as the general path would.
   */
  private insertNew(tx: WriteTx, table: SyncedTableName, rowId: string, cells: ReadonlyMap<string, Cell>, known: Set<string>): boolean | WaitReason {
    if (this.store.statement(`SELECT 1 FROM ${table} WHERE id = ?`).get(rowId) !== undefined) return false;
    if (this.store.statement('SELECT 1 FROM sync_pending_cells WHERE tbl = ? AND row_id = ?').get(table, rowId) !== undefined) return false;
    const row: Record<string, unknown> = remoteInsertDefaults(table, tx.now);
    for (const [column, cell] of cells) row[column] = cell.value;
    row.id = rowId;
    Object.assign(row, derivedChanges(this.store, table, {}, row));
    const shape = this.shapeOf(table);
    if (shape.required.some((c) => row[c] === undefined || row[c] === null)) return false;
    for (const parent of shape.parents) {
      const value = row[parent.column];
      if (value === undefined || value === null) continue;
      const key = `${parent.table}\u0000${parent.key}\u0000${String(value)}`;
      if (known.has(key)) continue;
      if (!this.parentExists(parent, value)) return false;
      known.add(key);
    }
    const broken = this.tryInsert(table, row);
    if (broken) return broken;
    this.store.statement('INSERT INTO sync_row_versions (tbl, row_id, versions) VALUES (?, ?, ?)').run(table, rowId, encodeVersions(table, cells, rowId));
    return true;
  }

  /**
   * Waiting cells retried when a round brought no page to apply (apply()
   * retries after every page): an officer's local fix — a changed MRN — lets
   * a waiting row land at the next sync, not only when the hub next has
   * something to send. Audited when something landed. Answers the cells applied.
   */
  retry(): number {
    if ((this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number) === 0) return 0;
    return this.data.write(SYNC_ACTOR, (tx) => {
      this.store.sqlite.pragma('defer_foreign_keys = ON');
      const counts = { applied: 0, stale: 0 };
      this.retryWaiting(tx, counts);
      const waiting = this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number;
      if (counts.applied > 0)
        tx.record({ action: 'sync.applied', entityType: 'sync', entityId: null, hospitalId: null, after: { messages: 0, applied: counts.applied, waiting } });
      return counts.applied;
    });
  }

  /** Waiting cells whose row or parent has arrived since: retried until a pass changes nothing. */
  private retryWaiting(tx: WriteTx, counts: { applied: number; stale: number }): void {
    for (;;) {
      const before = this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number;
      if (before === 0) return;
      const rows = this.store.statement('SELECT DISTINCT tbl, row_id FROM sync_pending_cells').all() as { tbl: SyncedTableName; row_id: string }[];
      for (const row of rows) this.applyRow(tx, row.tbl, row.row_id, new Map(), counts);
      const after = this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number;
      if (after >= before) return;
    }
  }

  private applyRow(tx: WriteTx, table: SyncedTableName, rowId: string, incoming: Map<string, Cell>, counts: { applied: number; stale: number }): void {
    const candidates = new Map(incoming);
    const waiting = this.store.statement('SELECT col, value, hlc FROM sync_pending_cells WHERE tbl = ? AND row_id = ?').all(table, rowId) as {
      col: string;
      value: string;
      hlc: string;
    }[];
    for (const cell of waiting) {
      const held = candidates.get(cell.col);
      if (!held || held.hlc < cell.hlc) candidates.set(cell.col, { value: JSON.parse(cell.value) as Cell['value'], hlc: cell.hlc });
    }
    const versions = this.versionsOf(table, rowId);
    const winners = new Map<string, Cell>();
    for (const [column, cell] of candidates) {
      const current = versions.get(column);
      if (current === undefined || cell.hlc > current) winners.set(column, cell);
      else if (incoming.get(column) === cell) counts.stale += 1;
    }
    this.store.statement('DELETE FROM sync_pending_cells WHERE tbl = ? AND row_id = ?').run(table, rowId);
    if (winners.size === 0) return;

    const existing = this.store.statement(`SELECT * FROM ${table} WHERE id = ?`).get(rowId) as Record<string, unknown> | undefined;
    const values: Record<string, unknown> = {};
    for (const [column, cell] of winners) values[column] = cell.value;
    const shape = this.shapeOf(table);

    if (existing) {
      // a reference to a row we do not have yet waits for it; the other cells go in now
      for (const parent of shape.parents) {
        if (parent.column in values && !this.parentExists(parent, values[parent.column])) {
          this.wait(table, rowId, parent.column, winners.get(parent.column)!, { kind: 'parent', table: parent.table, column: parent.column });
          winners.delete(parent.column);
          delete values[parent.column];
        }
      }
      if (winners.size === 0) return;
      const changes = { ...values, ...derivedChanges(this.store, table, existing, values) };
      this.store
        .statement(
          `UPDATE ${table} SET ${Object.keys(changes)
            .map((c) => `${c} = @${c}`)
            .join(', ')} WHERE id = @id`,
        )
        .run({ ...changes, id: rowId });
    } else {
      const row: Record<string, unknown> = { ...remoteInsertDefaults(table, tx.now), ...values, id: rowId };
      Object.assign(row, derivedChanges(this.store, table, {}, row));
      const missing = shape.required.filter((c) => row[c] === undefined || row[c] === null);
      const orphan = shape.parents.find((p) => p.column in row && !this.parentExists(p, row[p.column]));
      const reason: WaitReason | null =
        missing.length > 0
          ? { kind: 'incomplete', columns: missing }
          : orphan
            ? { kind: 'parent', table: orphan.table, column: orphan.column }
            : this.tryInsert(table, row);
      if (reason) {
        for (const [column, cell] of winners) this.wait(table, rowId, column, cell, reason);
        return;
      }
    }
    const remote = this.remoteVersionsOf(table, rowId);
    for (const [column, cell] of winners) remote.set(column, cell);
    this.store
      .statement('INSERT INTO sync_row_versions (tbl, row_id, versions) VALUES (?, ?, ?) ON CONFLICT (tbl, row_id) DO UPDATE SET versions = excluded.versions')
      .run(table, rowId, encodeVersions(table, remote, rowId));
    counts.applied += winners.size;
  }

  /** A row that breaks a unique rule (two stations gave one MRN) waits rather than failing the page: null once inserted, else why it waits. */
  private tryInsert(table: SyncedTableName, row: Record<string, unknown>): WaitReason | null {
    const columns = Object.keys(row);
    try {
      // positional: binding by name costs a lookup per column, and a catch-up inserts millions of rows
      this.store.statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c]));
      return null;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) throw error;
      this.log(`sync: ${table} ${String(row.id)} waits: ${(error as Error).message}`);
      return constraintReason(this.store, table, row, { code, message: (error as Error).message }, this.data.columnsOf(table));
    }
  }

  /** Puts a cell to wait, with the reason of this attempt (shown under Sync → Problems). */
  private wait(table: SyncedTableName, rowId: string, column: string, cell: Cell, reason: WaitReason): void {
    this.store
      .statement(
        `INSERT INTO sync_pending_cells (tbl, row_id, col, value, hlc, reason) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tbl, row_id, col) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, reason = excluded.reason WHERE excluded.hlc > hlc`,
      )
      .run(table, rowId, column, JSON.stringify(cell.value), cell.hlc, JSON.stringify(reason));
  }

  /** The HLC of the value each cell of a row holds: the newest of our own outbox entries and the remote versions. */
  private versionsOf(table: SyncedTableName, rowId: string): Map<string, string> {
    const versions = new Map<string, string>();
    for (const [column, cell] of this.remoteVersionsOf(table, rowId)) versions.set(column, cell.hlc);
    const local = this.store
      .statement(
        `SELECT c.value ->> 0 AS col, max(c.value ->> 2) AS hlc FROM sync_outbox o, json_each(o.cells) c WHERE o.tbl = ? AND o.row_id = ? GROUP BY col`,
      )
      .all(table, rowId) as { col: string; hlc: string }[];
    for (const { col, hlc } of local) if ((versions.get(col) ?? '') < hlc) versions.set(col, hlc);
    return versions;
  }

  /** The HLC of every cell of a row last set by a remote message (values are not kept here). */
  private remoteVersionsOf(table: SyncedTableName, rowId: string): Map<string, { hlc: string }> {
    const stored = this.store.statement('SELECT versions FROM sync_row_versions WHERE tbl = ? AND row_id = ?').pluck().get(table, rowId) as string | undefined;
    return decodeVersions(table, stored, rowId);
  }

  private parentExists(parent: TableShape['parents'][number], value: unknown): boolean {
    if (value === null || value === undefined) return true;
    return this.store.statement(`SELECT 1 FROM ${parent.table} WHERE ${parent.key} = ?`).get(value) !== undefined;
  }

  private shapeOf(table: SyncedTableName): TableShape {
    let shape = this.shapes.get(table);
    if (!shape) {
      const columns = this.store.sqlite.prepare('SELECT name, "notnull" AS not_null, dflt_value, pk FROM pragma_table_info(?)').all(table) as {
        name: string;
        not_null: number;
        dflt_value: string | null;
        pk: number;
      }[];
      const keys = this.store.sqlite.prepare('SELECT "table" AS parent, "from" AS col, "to" AS key FROM pragma_foreign_key_list(?)').all(table) as {
        parent: string;
        col: string;
        key: string | null;
      }[];
      shape = {
        required: columns.filter((c) => c.not_null === 1 && c.dflt_value === null && c.pk === 0).map((c) => c.name),
        parents: keys.map((k) => ({ column: k.col, table: k.parent, key: k.key ?? 'id' })),
      };
      this.shapes.set(table, shape);
    }
    return shape;
  }
}

/**
 * `sync_row_versions.versions`, compact because a catch-up writes one for
 * every record: the cells' HLC stamps grouped by wall time and node (the
 * cells of one write share them and differ only in the counter), each group
 * a flat list of [column bit, counter, …] where the bit is the column's place
 * in the table's allowlist (src-shared/sync-tables.ts: columns only ever
 * grow at the end). `{"2026-11-23T10:15:00.000Z|st1":[1,0,3,1,4,2]}` is
 * three cells stamped …000Z-0000-st1, …000Z-0001-st1 and …000Z-0002-st1.
 * Given the row's id, the cells of an automatic effect's row (stamped by
 * derivedStamp, each at a place of its own) keep only their node: `"D|st1":
 * [0,3,4]`, each stamp made again from the row and column when read.
 */
export function encodeVersions(table: SyncedTableName, cells: ReadonlyMap<string, { readonly hlc: string }>, rowId?: string): string {
  const bits = columnBits(table);
  const groups = new Map<string, number[]>();
  for (const [column, { hlc }] of cells) {
    const bit = bits.get(column);
    if (bit === undefined) continue;
    // fixed widths: 24 characters of wall time, '-', 4 hex digits of counter, '-', the node
    const node = hlc.slice(30);
    // a derived cell's stamp is made again from its place (data-layer.ts, derivedStamp): only its node is kept
    if (rowId !== undefined && hlc < DERIVED_BEFORE && hlc === derivedStamp(table, rowId, column, node)) {
      const key = `${DERIVED_KEY}${node}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(bit);
      continue;
    }
    const key = `${hlc.slice(0, 24)}|${node}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(bit, Number.parseInt(hlc.slice(25, 29), 16));
  }
  let out = '';
  for (const [key, group] of groups) out += `${out === '' ? '{' : ','}"${key}":[${group.join(',')}]`; // stamps need no escaping
  return out === '' ? '{}' : `${out}}`;
}

export function decodeVersions(table: SyncedTableName, stored: string | undefined, rowId?: string): Map<string, { hlc: string }> {
  const versions = new Map<string, { hlc: string }>();
  if (stored === undefined) return versions;
  const columns: readonly string[] = tableInfo(table).syncedColumns;
  for (const [key, group] of Object.entries(JSON.parse(stored) as Record<string, number[]>)) {
    if (key.startsWith(DERIVED_KEY)) {
      const node = key.slice(DERIVED_KEY.length);
      if (rowId === undefined) continue;
      for (const bit of group) {
        const column = columns[bit];
        if (column !== undefined) versions.set(column, { hlc: derivedStamp(table, rowId, column, node) });
      }
      continue;
    }
    const wall = key.slice(0, 24);
    const node = key.slice(25);
    for (let i = 0; i + 1 < group.length; i += 2) {
      const column = columns[group[i]!];
      if (column !== undefined) versions.set(column, { hlc: `${wall}-${group[i + 1]!.toString(16).toUpperCase().padStart(4, '0')}-${node}` });
    }
  }
  return versions;
}

/** The key of a row's derived cells in sync_row_versions (no stamp's wall time starts so): `{"D|st1":[0,3,4]}`. */
const DERIVED_KEY = 'D|';
/** Derived stamps are all before 1970 (data-layer.ts); a stamp at or after this is no derived one. */
const DERIVED_BEFORE = '1970';

const COLUMN_BITS = new Map<SyncedTableName, Map<string, number>>();
function columnBits(table: SyncedTableName): Map<string, number> {
  let bits = COLUMN_BITS.get(table);
  if (!bits) COLUMN_BITS.set(table, (bits = new Map(tableInfo(table).syncedColumns.map((column, i) => [column, i]))));
  return bits;
}
