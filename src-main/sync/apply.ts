import { isSyncedColumn, type SyncedTableName } from '../../src-shared/sync-tables.js';
import { type DataLayer, derivedChanges, type WriteTx } from '../core/data-layer.js';
import type { Store } from '../core/db/store.js';
import type { Actor } from '../domains/audit/audit-log.js';
import type { RemoteMessage } from './protocol.js';
import { constraintReason, type WaitReason } from './waiting.js';

export const SYNC_ACTOR: Actor = { id: null, name: 'sync' };

/**
 * Station-only columns a remotely created row still needs. A user made on
 * another station cannot sign in here: credentials never travel.
 */
const REMOTE_INSERT_DEFAULTS: Partial<Record<SyncedTableName, (now: string) => Record<string, unknown>>> = {
  users: (now) => ({ password_hash: '!', password_changed_at: now }),
};

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
  /** not on the allowlist: never written */
  readonly refused: number;
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
 * for that cell and of the remote cells recorded in `sync_remote_cells`.
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

  apply(messages: readonly RemoteMessage[]): AppliedBatch {
    return this.data.write(SYNC_ACTOR, (tx) => {
      // a child may be applied before its parent within the page; checked again at commit
      this.store.sqlite.pragma('defer_foreign_keys = ON');
      const counts = { applied: 0, stale: 0, refused: 0 };
      let aheadMs = 0;
      const rows = new Map<string, { table: SyncedTableName; rowId: string; cells: Map<string, Cell> }>();
      for (const message of messages) {
        // merged even when refused: a later local edit must still sort after anything the hub has seen
        aheadMs = Math.max(aheadMs, tx.receiveStamp(message.hlc));
        if (!isSyncedColumn(message.table, message.column) || !this.data.columnsOf(message.table as SyncedTableName).has(message.column)) {
          counts.refused += 1;
          this.log(`sync: refused a message for ${message.table}.${message.column} (not on the sync allowlist)`);
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
      if (counts.applied > 0) tx.record({ action: 'sync.applied', entityType: 'sync', entityId: null, hospitalId: null, after: { messages: 0, applied: counts.applied, waiting } });
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
      const changes = { ...values, ...derivedChanges(table, existing, values) };
      this.store
        .statement(`UPDATE ${table} SET ${Object.keys(changes).map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
        .run({ ...changes, id: rowId });
    } else {
      const row: Record<string, unknown> = { ...REMOTE_INSERT_DEFAULTS[table]?.(tx.now), ...values, id: rowId };
      Object.assign(row, derivedChanges(table, {}, row));
      const missing = shape.required.filter((c) => row[c] === undefined || row[c] === null);
      const orphan = shape.parents.find((p) => p.column in row && !this.parentExists(p, row[p.column]));
      const reason: WaitReason | null =
        missing.length > 0 ? { kind: 'incomplete', columns: missing } : orphan ? { kind: 'parent', table: orphan.table, column: orphan.column } : this.tryInsert(table, row);
      if (reason) {
        for (const [column, cell] of winners) this.wait(table, rowId, column, cell, reason);
        return;
      }
    }
    const remember = this.store.statement(
      'INSERT INTO sync_remote_cells (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc',
    );
    for (const [column, cell] of winners) remember.run(table, rowId, column, cell.hlc);
    counts.applied += winners.size;
  }

  /** A row that breaks a unique rule (two stations gave one MRN) waits rather than failing the page: null once inserted, else why it waits. */
  private tryInsert(table: SyncedTableName, row: Record<string, unknown>): WaitReason | null {
    const columns = Object.keys(row);
    try {
      this.store.statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
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

  /** The HLC of the value each cell of a row holds: our own outbox entries and remote cells. */
  private versionsOf(table: SyncedTableName, rowId: string): Map<string, string> {
    const rows = this.store
      .statement(
        `SELECT col, max(hlc) AS hlc FROM (
           SELECT c.value ->> 0 AS col, c.value ->> 2 AS hlc FROM sync_outbox o, json_each(o.cells) c WHERE o.tbl = @table AND o.row_id = @rowId
           UNION ALL
           SELECT col, hlc FROM sync_remote_cells WHERE tbl = @table AND row_id = @rowId
         ) GROUP BY col`,
      )
      .all({ table, rowId }) as { col: string; hlc: string }[];
    return new Map(rows.map((r) => [r.col, r.hlc]));
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
