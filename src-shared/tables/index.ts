import { accountsTables } from './accounts.js';
import { auditTables } from './audit.js';
import type { ColumnSpec, LooseTableSpec, RowOf, TableScope, TableSync } from './define.js';
import { integrationsTables } from './integrations.js';
import { journeysTables } from './journeys.js';
import { organizationsTables } from './organizations.js';
import { stationTables } from './station.js';
import { surveysTables } from './surveys.js';
import { complaintsTables } from './complaints.js';
import { slaTables } from './sla.js';
import { actionsTables } from './actions.js';
import { attachmentsTables } from './attachments.js';

/**
 * Every station table, each described once by the domain that owns it
 * (src-shared/tables/<domain>.ts). A domain adds its list here once; its
 * tables after that are added in its own file. The order of the lists is the
 * tie-break of the snapshot order below.
 */
const ALL = [
  ...organizationsTables,
  ...accountsTables,
  ...surveysTables,
  ...complaintsTables,
  ...slaTables,
  ...actionsTables,
  ...attachmentsTables,
  ...journeysTables,
  ...integrationsTables,
  ...auditTables,
  ...stationTables,
] as const;

type AnySpec = (typeof ALL)[number];
export type TableName = AnySpec['name'];
type SpecNamed<N extends TableName> = Extract<AnySpec, { name: N }>;

/** The station database as Kysely sees it, built from the specs (migrations type it as it was). */
export type StationDatabase = { [N in TableName]: RowOf<SpecNamed<N>> };

/** Tables whose rows are written through the data layer: synced ones, and station configuration audited the same way. */
export type RecordTableName = Extract<AnySpec, { sync: 'group' | 'hospital' | 'station' }>['name'];
/** Tables whose changes travel to the hub (the sync allowlist's tables). */
export type SyncedTableName = Extract<AnySpec, { sync: 'group' | 'hospital' }>['name'];
/** Synced tables whose rows each belong to one hospital. */
export type HospitalTableName = Extract<AnySpec, { sync: 'hospital' }>['name'];
/** The columns of a table its spec marks derived: computed by the data layer, never written by callers. */
export type DerivedColumnOf<N extends TableName> = {
  [C in keyof SpecNamed<N>['columns']]: SpecNamed<N>['columns'][C] extends { readonly role: 'derived' } ? C : never;
}[keyof SpecNamed<N>['columns']];
/** The tables the group overview counts. */
export type GroupCountedTable = Extract<AnySpec, { groupOverview: number }>['name'];

/** A spec as the generic code reads it: columns by name, without the row type. */
export interface TableInfo {
  readonly name: TableName;
  readonly domain: string;
  readonly view: boolean;
  readonly sync: TableSync;
  readonly scope: TableScope;
  readonly label: LooseTableSpec['label'];
  readonly hospitalColumn: string | null;
  readonly departmentColumn: string | null;
  readonly keyField: string | null;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  /** the sync allowlist: synced columns in spec order (new ones only ever at the end) */
  readonly syncedColumns: readonly string[];
  /** columns never written to the audit log in clear */
  readonly redacted: ReadonlySet<string>;
  readonly derived: LooseTableSpec['derived'] | null;
  readonly remoteInsertDefaults: LooseTableSpec['remoteInsertDefaults'] | null;
  readonly groupOverview: number | null;
}

/**
 * Checks the specs once, when this module loads: a name used twice, a
 * reference to a table no spec describes, or a spec that says hospital scope
 * with no hospital column is a mistake a developer sees at the first start
 * (and in src-shared/tables/tables.test.ts), with what and where.
 */
export function describeTables(specs: readonly LooseTableSpec[]): Map<string, TableInfo> {
  const tables = new Map<string, TableInfo>();
  for (const spec of specs) {
    if (tables.has(spec.name)) throw new Error(`Table "${spec.name}" is described twice (domains ${tables.get(spec.name)!.domain} and ${spec.domain}).`);
    const columns = spec.columns;
    const hospitalColumn = spec.hospitalColumn ?? null;
    if ((spec.sync === 'hospital' || spec.scope === 'hospital' || spec.scope === 'department') && hospitalColumn === null) {
      throw new Error(`Table "${spec.name}" (${spec.domain}) is hospital-scoped but names no hospitalColumn.`);
    }
    for (const field of [hospitalColumn, spec.departmentColumn, spec.keyField]) {
      if (field && !Object.hasOwn(columns, field))
        throw new Error(`Table "${spec.name}" (${spec.domain}) names the column "${field}", which it does not have.`);
    }
    const syncedColumns = Object.keys(columns).filter((c) => columns[c]!.role === 'synced');
    if ((spec.sync === 'group' || spec.sync === 'hospital') && syncedColumns.length === 0) {
      throw new Error(`Table "${spec.name}" (${spec.domain}) is synced but has no synced column.`);
    }
    if (spec.sync !== 'group' && spec.sync !== 'hospital' && syncedColumns.length > 0) {
      throw new Error(`Table "${spec.name}" (${spec.domain}) is not synced but marks columns ${syncedColumns.join(', ')} as synced.`);
    }
    tables.set(spec.name, {
      name: spec.name as TableName,
      domain: spec.domain,
      view: spec.view === true,
      sync: spec.sync,
      scope: spec.scope,
      label: spec.label,
      hospitalColumn,
      departmentColumn: spec.departmentColumn ?? null,
      keyField: spec.keyField ?? null,
      columns,
      syncedColumns,
      redacted: new Set(Object.keys(columns).filter((c) => columns[c]!.role === 'secret')),
      derived: spec.derived ?? null,
      remoteInsertDefaults: spec.remoteInsertDefaults ?? null,
      groupOverview: spec.groupOverview ?? null,
    });
  }
  for (const table of tables.values()) {
    for (const [column, spec] of Object.entries(table.columns)) {
      if (spec.references && !tables.has(spec.references)) {
        throw new Error(`Table "${table.name}" (${table.domain}): column ${column} references "${spec.references}", which no spec describes.`);
      }
    }
  }
  return tables;
}

const TABLES = describeTables(ALL);

export const TABLE_NAMES = [...TABLES.keys()] as TableName[];

export function isTableName(name: string): name is TableName {
  return TABLES.has(name);
}

/** The description of a table; throws for a name no spec describes (a programming error, never input). */
export function tableInfo(name: TableName): TableInfo {
  const info = TABLES.get(name);
  if (!info) throw new Error(`No table spec describes "${name}".`);
  return info;
}

export function isSyncedTable(name: string): name is SyncedTableName {
  const info = TABLES.get(name);
  return info !== undefined && (info.sync === 'group' || info.sync === 'hospital');
}

export function isSyncedColumn(table: string, column: string): boolean {
  return isSyncedTable(table) && tableInfo(table).syncedColumns.includes(column);
}

/** The hospital a row belongs to, from its values (its own id for a hospital); null for a group-level row. */
export function hospitalOfRow(table: TableName, row: Readonly<Record<string, unknown>>): string | null {
  const column = tableInfo(table).hospitalColumn;
  const value = column ? row[column] : null;
  return typeof value === 'string' ? value : null;
}

export const SYNCED_TABLE_NAMES = TABLE_NAMES.filter(isSyncedTable);
export const HOSPITAL_TABLES = SYNCED_TABLE_NAMES.filter((t): t is HospitalTableName => tableInfo(t).sync === 'hospital');

/**
 * The order a snapshot hands tables to a new station: every table after the
 * tables its synced columns reference (so a catching-up station rarely holds
 * a row back for its parent), ties broken by the order the specs are listed.
 * The hub sends its order with each page, and a station that finds it
 * changed mid-catch-up starts the catch-up again rather than skip a table.
 */
export const SNAPSHOT_ORDER: readonly SyncedTableName[] = snapshotOrder(SYNCED_TABLE_NAMES);

function snapshotOrder(tables: readonly SyncedTableName[]): SyncedTableName[] {
  const order: SyncedTableName[] = [];
  const placed = new Set<string>();
  const parentsOf = (t: SyncedTableName) =>
    Object.values(tableInfo(t).columns)
      .filter((c) => c.role === 'synced' && c.references && c.references !== t)
      .map((c) => c.references!);
  while (order.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && parentsOf(t).every((p) => placed.has(p) || !isSyncedTable(p)));
    if (!next) throw new Error(`Synced tables reference each other in a circle: ${tables.filter((t) => !placed.has(t)).join(', ')}.`);
    order.push(next);
    placed.add(next);
  }
  return order;
}

/** The hospital-scoped tables the group overview counts, in the order its columns read. */
export const GROUP_COUNTED_TABLES = HOSPITAL_TABLES.filter((t): t is GroupCountedTable => tableInfo(t).groupOverview !== null).sort(
  (a, b) => tableInfo(a).groupOverview! - tableInfo(b).groupOverview!,
);

export type { ColumnRole, ColumnSpec, Json, RowReader, TableScope, TableSpec, TableSync } from './define.js';
export { fromJson, toJson } from './define.js';
export { NO_LOCAL_PASSWORD } from './accounts.js';
export type * from './accounts.js';
export type * from './audit.js';
export type * from './complaints.js';
export type * from './sla.js';
export type * from './actions.js';
export type * from './integrations.js';
export type * from './journeys.js';
export type * from './organizations.js';
export type * from './station.js';
export type * from './surveys.js';
export {
  INSTANCE_CHANNELS,
  INSTANCE_ORIGINS,
  INSTANCE_STATUSES,
  instanceStatusOf,
  MESSAGE_STATUSES,
  messageTextsSchema,
  SURVEY_CHANNELS,
  versionContentOf,
} from './surveys.js';
export type { RecordColumns } from './labels.js';
export type * from './attachments.js';
