import { builtInId } from '../../src-shared/built-in-id.js';
import { formatHlc, type HlcTime, parseHlc, receiveHlc, tickHlc } from '../../src-shared/hlc.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { createHash } from 'node:crypto';
import {
  type DerivedColumnOf,
  hospitalOfRow,
  isSyncedTable,
  isTableName,
  type RecordColumns,
  type RecordTableName,
  type RowReader,
  tableInfo,
} from '../../src-shared/tables/index.js';
import type { Actor, AuditLog, AuditRecord } from './audit-log.js';
import type { NewRowOf, RowOf, RowUpdateOf } from './db/schema.js';
import type { Store } from './db/store.js';

/** Columns the data layer owns: callers never set them. */
type Managed = 'id' | 'created_at' | 'updated_at' | 'deleted_at';
export type RecordTable = RecordTableName;
/** Every record table has an id and its record times (src-shared/tables/labels.ts). */
export type Row<T extends RecordTable> = RowOf<T> & RecordColumns;
export type NewRow<T extends RecordTable> = Omit<NewRowOf<T>, Managed | DerivedColumn<T>> & { id?: string };
export type RowPatch<T extends RecordTable> = Omit<RowUpdateOf<T>, Managed | DerivedColumn<T>>;
/** Derived columns are computed here from the spec (src-shared/tables), never passed in. */
type DerivedColumn<T extends RecordTable> = DerivedColumnOf<T>;

/**
 * The derived columns of a row after `changes` are applied to `before`, or
 * nothing when no input of a derived column changed. Local writes and applied
 * remote messages both go through here, so they compute the same thing.
 */
export function derivedChanges(store: Store, table: RecordTable, before: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const derived = tableInfo(table).derived;
  if (!derived || !derived.inputs.some((c) => c in changes)) return {};
  return { ...derived.compute({ ...before, ...changes }, rowReader(store)) };
}

/** Reads a row a derived column depends on; only tables the specs describe (a name never reaches SQL otherwise). */
function rowReader(store: Store): RowReader {
  return (table, id) => {
    if (!isTableName(table)) throw new Error(`A derived column read the unknown table "${table}".`);
    return store.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Readonly<Record<string, unknown>> | undefined;
  };
}
/** The record times of a built-in row: made by the code, not at a moment on this station. */
export const BUILT_IN_AT = '1970-01-01T00:00:00.000Z';

/** The id of a built-in row (insertBuiltIn), the same on every station (src-shared/surveys/ids.ts). */
export { builtInId };

const HIDDEN_FROM_AUDIT = new Set(['created_at', 'updated_at']);

type Values = Record<string, unknown>;

/**
 * Every write to a synced table goes through here. In one transaction it
 * writes the row, appends one `sync_outbox` message per changed synced column
 * stamped with the station's hybrid logical clock, and appends the audit
 * entry — so a row can never exist without its change record, nor a change
 * record without its row, whatever happens to the process.
 */
export class DataLayer {
  private current: WriteTx | null = null;
  private readonly columns = new Map<string, Set<string>>();

  constructor(
    readonly store: Store,
    readonly audit: AuditLog,
    readonly stationId: string,
    /** the machine clock in ms; injected by tests to run a station fast or slow */
    readonly machineClock: () => number = Date.now,
  ) {}

  private offsetMs = 0;

  /**
   * The time this station stamps and records with: its machine clock,
   * corrected by how far it was off the hub's at the last sync (src-main/sync/hub-clock.ts).
   * An office PC whose clock is set wrong still stamps its edits in the
   * group's time, so the hub takes them and they win or lose fairly.
   */
  readonly clock = (): number => this.machineClock() + this.offsetMs;

  setClockOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  /** Runs `fn` in one immediate transaction; nested calls join the outer one. */
  write<T>(actor: Actor, fn: (tx: WriteTx) => T): T {
    if (this.current) return fn(this.current);
    return this.store.transaction(() => {
      const tx = new WriteTx(this, actor);
      this.current = tx;
      try {
        const result = fn(tx);
        tx.saveClock();
        return result;
      } finally {
        this.current = null;
      }
    });
  }

  /** The real columns of a table, read from SQLite: a typo'd or injected key never reaches SQL. */
  columnsOf(table: RecordTable): Set<string> {
    let set = this.columns.get(table);
    if (!set) {
      const rows = this.store.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      set = new Set(rows.map((r) => r.name));
      this.columns.set(table, set);
    }
    return set;
  }
}

export class WriteTx {
  readonly now: string;
  private clock: HlcTime | null = null;

  constructor(
    private readonly layer: DataLayer,
    readonly actor: Actor,
  ) {
    this.now = new Date(layer.clock()).toISOString();
  }

  private get store(): Store {
    return this.layer.store;
  }

  /** The clock row is read once per transaction and saved at its end. */
  private loadClock(): HlcTime {
    if (!this.clock) {
      const saved = this.store.statement('SELECT last_hlc FROM sync_clock WHERE id = 1').pluck().get() as string | undefined;
      this.clock = { ...(saved ? parseHlc(saved) : { wallMs: 0, counter: 0 }), node: this.layer.stationId };
    }
    return this.clock;
  }

  /** Next HLC stamp. */
  private stamp(): string {
    const next = tickHlc(this.loadClock(), this.layer.clock());
    this.clock = next.time;
    return next.stamp;
  }

  /**
   * Merges a stamp received from the hub into the station clock, so every
   * later local edit sorts after it. Answers how far ahead of our machine
   * clock the remote stamp is (0 when behind): the clock-skew warning.
   */
  receiveStamp(remote: string): number {
    const receipt = receiveHlc(this.loadClock(), parseHlc(remote), this.layer.clock());
    this.clock = receipt.time;
    return receipt.remoteAheadMs;
  }

  /**
   * Brings the station clock back to `wallMs` when it ran beyond `limitMs`
   * (a machine clock that was fast until the hub's time was known), never
   * to or below `floor` (the newest stamp the hub took from this station).
   * Answers whether it moved.
   */
  resetClockIfBeyond(limitMs: number, wallMs: number, floor: string | null): boolean {
    if (this.loadClock().wallMs <= limitMs) return false;
    this.clock = { wallMs: Math.max(wallMs, floor ? parseHlc(floor).wallMs + 1 : 0), counter: 0, node: this.layer.stationId };
    return true;
  }

  /** A fresh stamp from the station clock, for a change stamped again before it is sent (hub-clock.ts). */
  restamp(): string {
    return this.stamp();
  }

  saveClock(): void {
    if (!this.clock) return;
    this.store
      .statement('INSERT INTO sync_clock (id, last_hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_hlc = excluded.last_hlc')
      .run(formatHlc(this.clock));
  }

  private checkColumns(table: RecordTable, values: Values): void {
    const known = this.layer.columnsOf(table);
    for (const key of Object.keys(values)) {
      if (!known.has(key)) throw new Error(`${table} has no column ${key}`);
    }
  }

  private capture(table: RecordTable, rowId: string, values: Values, columns: readonly string[], derived = false): void {
    const synced = tableInfo(table).syncedColumns;
    const cells: [string, unknown, string][] = [];
    for (const column of columns) {
      if (!synced.includes(column)) continue;
      const value = values[column];
      const stamp = derived ? derivedStamp(table, rowId, column, this.layer.stationId) : this.stamp();
      cells.push([column, value === undefined ? null : value, stamp]);
    }
    if (cells.length === 0) return;
    this.store.statement('INSERT INTO sync_outbox (tbl, row_id, cells) VALUES (?, ?, ?)').run(table, rowId, JSON.stringify(cells));
  }

  private auditView(table: RecordTable, values: Values): Record<string, unknown> {
    const { columns, redacted } = tableInfo(table);
    const view: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      if (HIDDEN_FROM_AUDIT.has(key) || columns[key]?.role === 'derived') continue;
      view[key] = redacted.has(key) ? '[redacted]' : value;
    }
    return view;
  }

  /**
   * An automatic effect's row (the PX action a negative answer opens, an SLA
   * firing and its notices), whose id is derived from its cause, so that
   * every station that handles the cause writes the same row. Its cells are
   * sent with stamps older than any edit (derivedStamp): a station that
   * makes the row late, before it has received another station's copy,
   * never undoes what people did with that copy meanwhile (an owner taken,
   * a status moved, a notice read). Two stations' copies tie on the stamp's
   * time and are settled by the station id, as any equal stamps are.
   */
  insertDerived<T extends RecordTable>(table: T, values: NewRow<T> & { id: string }): Row<T> {
    return this.audited(table, this.insertRow(table, values, 'derived'));
  }

  private insertRow<T extends RecordTable>(table: T, values: NewRow<T>, capture: 'all' | 'filled' | 'none' | 'derived' = 'all'): Row<T> {
    // a built-in row is the same on every station, to its times (see insertBuiltIn)
    const at = capture === 'none' ? BUILT_IN_AT : this.now;
    const row: Values = { ...values, id: values.id ?? uuidv7(), created_at: at, updated_at: at, deleted_at: null };
    Object.assign(row, derivedChanges(this.store, table, {}, row));
    this.checkColumns(table, row);
    const columns = Object.keys(row);
    this.store.statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    if (capture !== 'none') {
      const sent = capture === 'filled' ? columns.filter((c) => row[c] !== null && row[c] !== undefined) : columns;
      this.capture(table, row.id as string, row, sent, capture === 'derived');
    }
    return row as unknown as Row<T>;
  }

  insert<T extends RecordTable>(table: T, values: NewRow<T>): Row<T> {
    return this.audited(table, this.insertRow(table, values));
  }

  /**
   * A row every station makes identically from code, under a fixed id (a
   * built-in role): written and audited, but not sent. It is not a change:
   * sent, it would race the central team's edits of the same row, and the
   * hub refuses group configuration from a hospital's station. Only edits of
   * it travel, and any edit's stamp beats the built-in row, which has none.
   * Its record times are BUILT_IN_AT on every station, so two stations'
   * built-in rows are equal, field for field.
   */
  insertBuiltIn<T extends RecordTable>(table: T, values: NewRow<T> & { id: string }): Row<T> {
    return this.audited(table, this.insertRow(table, values, 'none'));
  }

  /**
   * A row whose id is derived from what it is (a stage's survey, its
   * invitation, a hospital's settings), which another station or the hub may
   * have made and filled in already, out of this station's sight. Only its
   * filled cells are sent: an empty one would carry a newer stamp and erase
   * what the other place wrote (the hub's "opened" and "completed" times).
   */
  insertShared<T extends RecordTable>(table: T, values: NewRow<T> & { id: string }): Row<T> {
    return this.audited(table, this.insertRow(table, values, 'filled'));
  }

  private audited<T extends RecordTable>(table: T, row: Row<T>): Row<T> {
    this.layer.audit.append(
      this.actor,
      {
        action: `${table}.create`,
        entityType: table,
        entityId: row.id,
        hospitalId: hospitalOfRow(table, row as unknown as Values),
        after: this.auditView(table, row as unknown as Values),
      },
      this.now,
    );
    return row;
  }

  /** Bulk import (demo data, migrations from another system): one audit entry for the batch. */
  insertMany<T extends RecordTable>(table: T, rows: readonly NewRow<T>[], action = `${table}.import`): Row<T>[] {
    const written = rows.map((values) => this.insertRow(table, values));
    if (written.length > 0) {
      this.layer.audit.append(
        this.actor,
        {
          action,
          entityType: table,
          entityId: null,
          hospitalId: hospitalOfRow(table, written[0] as unknown as Values),
          after: { count: written.length, firstId: written[0]!.id, lastId: written.at(-1)!.id },
        },
        this.now,
      );
    }
    return written;
  }

  get<T extends RecordTable>(table: T, id: string): Row<T> | undefined {
    return this.store.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row<T> | undefined;
  }

  /** Writes only the cells that change; an edit that changes nothing writes nothing. */
  update<T extends RecordTable>(table: T, id: string, patch: RowPatch<T>, action = `${table}.update`): Row<T> {
    const before = this.get(table, id) as unknown as Values | undefined;
    if (!before) throw new Error(`${table} ${id} not found`);
    const changes: Values = {};
    for (const [key, value] of Object.entries(patch as Values)) {
      if (value !== undefined && before[key] !== value) changes[key] = value;
    }
    Object.assign(changes, derivedChanges(this.store, table, before, changes));
    const changed = Object.keys(changes);
    if (changed.length === 0) return before as unknown as Row<T>;
    changes.updated_at = this.now;
    this.checkColumns(table, changes);
    this.store
      .statement(
        `UPDATE ${table} SET ${Object.keys(changes)
          .map((c) => `${c} = @${c}`)
          .join(', ')} WHERE id = @id`,
      )
      .run({ ...changes, id });
    this.capture(table, id, changes, Object.keys(changes));
    const beforeView: Values = {};
    for (const c of changed) beforeView[c] = before[c];
    this.layer.audit.append(
      this.actor,
      {
        action,
        entityType: table,
        entityId: id,
        hospitalId: hospitalOfRow(table, before),
        before: this.auditView(table, beforeView),
        after: this.auditView(table, pick(changes, changed)),
      },
      this.now,
    );
    return { ...before, ...changes } as unknown as Row<T>;
  }

  /** Records never vanish: a delete is a tombstone that syncs like any other cell. */
  softDelete<T extends RecordTable>(table: T, id: string): void {
    const row = this.get(table, id) as unknown as Values | undefined;
    if (!row) throw new Error(`${table} ${id} not found`);
    this.store.statement(`UPDATE ${table} SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(this.now, this.now, id);
    this.capture(table, id, { deleted_at: this.now, updated_at: this.now }, ['deleted_at', 'updated_at']);
    this.layer.audit.append(this.actor, { action: `${table}.delete`, entityType: table, entityId: id, hospitalId: hospitalOfRow(table, row) }, this.now);
  }

  /** An audited event that is not a row change: a login, a denied call, an export. */
  record(entry: AuditRecord): void {
    this.layer.audit.append(this.actor, entry, this.now);
  }
}

/** The audit action for switching a record on or off: `patients.activate`, `users.deactivate`… */
export function activation(table: RecordTable, active: boolean): string {
  return `${table}.${active ? 'activate' : 'deactivate'}`;
}

function pick(values: Values, keys: readonly string[]): Values {
  const out: Values = {};
  for (const k of keys) out[k] = values[k];
  return out;
}

/** Where derived stamps live: before 1970, where no station's clock has ever stamped an edit. */
const DERIVED_FROM_MS = Date.UTC(1000, 0, 1);
const DERIVED_SPAN_MS = Date.UTC(1970, 0, 1) - DERIVED_FROM_MS;
/** A row's columns sit this far apart (prime; a table's hundred columns span 2·10^11 ms of the 3·10^13): never two at one place. */
const DERIVED_COLUMN_STEP_MS = 2_147_483_647;
let lastRow = '';
let lastRowPlace = { wallMs: 0, counter: 0 };

/**
 * The stamp of a derived cell (insertDerived): older than every edit, the
 * same on every station but for the node, and unique for the station. The
 * hub keeps one message per (station, stamp), so two cells must never share
 * one: a hash of (table, row) places the row among about 2^61 places before
 * 1970, where real stamps never fall, and its columns a fixed step apart
 * (one hash a row: the SLA engine writes some sixty derived cells a record).
 */
export function derivedStamp(table: string, rowId: string, column: string, node: string): string {
  const row = `${table}:${rowId}`;
  if (row !== lastRow) {
    const hash = createHash('sha256').update(row).digest();
    lastRow = row;
    lastRowPlace = { wallMs: Number(hash.readBigUInt64BE(0) % BigInt(DERIVED_SPAN_MS)), counter: hash.readUInt16BE(8) };
  }
  const index = isSyncedTable(table) ? tableInfo(table).syncedColumns.indexOf(column) : -1;
  const offset = (lastRowPlace.wallMs + (index + 1) * DERIVED_COLUMN_STEP_MS) % DERIVED_SPAN_MS;
  return formatHlc({ wallMs: DERIVED_FROM_MS + offset, counter: lastRowPlace.counter, node });
}
