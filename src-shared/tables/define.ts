import type { Bilingual } from '../messages.js';

/**
 * One description per station table: what travels to the hub, who may see a
 * row, which column names it for people, what is never audited in clear,
 * what is recomputed. The data layer, the sync apply and problems code, the
 * hub's routing and snapshot, the group figures and the console's record
 * labels all read it; adding a table means its migration and its spec.
 */

/** What becomes of a column's value. */
export type ColumnRole =
  /** the primary key: every sync message names its row by it */
  | 'key'
  /** travels to the hub and on to the stations that hold the row (the sync allowlist) */
  | 'synced'
  /** stays on this station (lockout counters, last login, queue state) */
  | 'local'
  /** stays on this station and is never written to the audit log in clear (hashes, secrets) */
  | 'secret'
  /** recomputed from other columns on every write and every applied message; never synced, never audited */
  | 'derived';

export interface ColumnSpec {
  readonly role: ColumnRole;
  /** how the column is named on screen (Sync → Problems names fields by it) */
  readonly label?: Bilingual;
  /** the table this column's value is the id of (a foreign key) */
  readonly references?: string;
  /** the column may hold NULL */
  readonly nullable?: true;
}

/**
 * Where a table's rows go.
 * - group: configuration every station of the group receives (roles, hospitals)
 * - hospital: each row belongs to one hospital; that hospital's stations and the group stations receive it
 * - station: written through the data layer (so audited) but never leaves this station (integration sources)
 * - none: a log, queue or bookkeeping table its owner writes directly (audit log, inbound events, sync state)
 */
export type TableSync = 'group' | 'hospital' | 'station' | 'none';

/**
 * Who may read a row, by the reader's scope.
 * - group: every reader of the table (configuration)
 * - hospital: readers of the row's hospital
 * - department: readers of the row's hospital whose department subtree holds the row's department
 * - station: nobody through the console's record lists (internal)
 */
export type TableScope = 'group' | 'hospital' | 'department' | 'station';

type NullableKeys<Row> = { [C in keyof Row]-?: null extends Row[C] ? C : never }[keyof Row];

/**
 * Every column of the row type, exactly: a column the type names but the spec
 * forgets (or the other way round) does not compile, and a nullable column
 * must say so — the schema test (src-main/core/db/schema.test.ts) then holds
 * both against the migrated database.
 */
export type ColumnsOf<Row> = {
  readonly [C in keyof Row & string]-?: C extends NullableKeys<Row> ? ColumnSpec & { readonly nullable: true } : ColumnSpec & { readonly nullable?: never };
};

export interface TableSpec<Name extends string = string, Row extends object = object> {
  readonly name: Name;
  /** the domain that owns the table: only its code writes it */
  readonly domain: string;
  /** a view: read, never written */
  readonly view?: true;
  readonly sync: TableSync;
  readonly scope: TableScope;
  /** how one record of this table is named on screen ("Patient") */
  readonly label?: Bilingual;
  /** the column that names the row's hospital ('id' for the hospitals table itself) */
  readonly hospitalColumn?: keyof Row & string;
  /** the column that names the row's department, for department scope */
  readonly departmentColumn?: keyof Row & string;
  /** the field that tells a person which record it is, beside its names (an MRN, a code) */
  readonly keyField?: keyof Row & string;
  /** every column, in the order a form reads them; synced columns only ever grow at the end (sync_row_versions counts on it) */
  readonly columns: ColumnsOf<Row>;
  /** columns computed from others on every write and every applied remote change */
  readonly derived?: {
    readonly inputs: readonly (keyof Row & string)[];
    readonly compute: (row: Readonly<Record<string, unknown>>, read: RowReader) => Partial<Record<keyof Row & string, unknown>>;
  };
  /** station-only values a row created by another station still needs (a user made elsewhere cannot sign in here) */
  readonly remoteInsertDefaults?: (now: string) => Partial<Record<keyof Row & string, unknown>>;
  /** counted in the group overview, at this place among its columns (1 = first) */
  readonly groupOverview?: number;
  /** type-only: the row as Kysely sees it (never set) */
  readonly __row?: Row;
}

/**
 * How a derived column reads another row it depends on (a response's score
 * needs its version's questions): by table and id, from this database, in
 * the transaction that writes. Only rows that are never changed may be read
 * (a version's content), or the derived value would go stale when they do.
 */
export type RowReader = (table: string, id: string) => Readonly<Record<string, unknown>> | undefined;

/** Any spec, as the generic code that reads every table sees it (no row type). */
export interface LooseTableSpec {
  readonly name: string;
  readonly domain: string;
  readonly view?: true;
  readonly sync: TableSync;
  readonly scope: TableScope;
  readonly label?: Bilingual;
  readonly hospitalColumn?: string;
  readonly departmentColumn?: string;
  readonly keyField?: string;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  readonly derived?: {
    readonly inputs: readonly string[];
    readonly compute: (row: Readonly<Record<string, unknown>>, read: RowReader) => Readonly<Record<string, unknown>>;
  };
  readonly remoteInsertDefaults?: (now: string) => Readonly<Record<string, unknown>>;
  readonly groupOverview?: number;
}

/** The row type a spec describes. */
export type RowOf<S> = S extends { readonly __row?: infer Row } ? Exclude<Row, undefined> : never;

/**
 * `defineTable<PatientsTable>()({ … })`: the row type first (so every column
 * is checked against it); the spec's own literals (its name, sync, scope)
 * are kept in its type, so the registry can derive typed lists from them.
 */
export function defineTable<Row extends object>() {
  return <const S extends TableSpec<string, Row>>(spec: S): S & { readonly __row?: Row } => spec;
}

// ---- column builders: `synced(LABEL.code)`, `nullable(synced(LABEL.phone))`, `synced(LABEL.hospital, 'hospitals')`

export const key: ColumnSpec & { readonly nullable?: never } = { role: 'key' };

export function synced(label?: Bilingual, references?: string): ColumnSpec & { readonly nullable?: never } {
  return { role: 'synced', ...(label ? { label } : {}), ...(references ? { references } : {}) };
}

export function local(label?: Bilingual, references?: string): ColumnSpec & { readonly nullable?: never } {
  return { role: 'local', ...(label ? { label } : {}), ...(references ? { references } : {}) };
}

export const secret = { role: 'secret' } as const satisfies ColumnSpec;
export const derived = { role: 'derived' } as const satisfies ColumnSpec;

export function nullable(column: ColumnSpec): ColumnSpec & { readonly nullable: true } {
  return { ...column, nullable: true };
}

/**
 * A column that holds JSON text: the type says what the text holds, and only
 * `toJson` makes one and `fromJson` reads one, so a JSON column cannot be
 * written with something else or read as the wrong shape by accident.
 */
declare const jsonOf: unique symbol;
export type Json<T> = string & { readonly [jsonOf]: T };

export function toJson<T>(value: T): Json<T> {
  return JSON.stringify(value) as Json<T>;
}

export function fromJson<T>(text: Json<T>): T {
  return JSON.parse(text) as T;
}
