import { type Kysely, sql } from 'kysely';
import { SNAPSHOT_ORDER, isSyncedTable, tableInfo } from '../../src-shared/tables/index.js';
import type { HubDatabase } from '../db/schema.js';
import type { Caller } from './ingest.js';
import { groupStations } from './pull.js';

const ORDER = JSON.stringify(SNAPSHOT_ORDER);

export interface SnapshotQuery {
  readonly table?: (typeof SNAPSHOT_ORDER)[number] | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

/**
 * One page of a snapshot as a JSON string (snapshotResponseSchema): the
 * hub's current records in the caller's scope, tables in SNAPSHOT_ORDER and
 * rows by id. The stored `data` and `cell_hlc` JSON are copied into the answer
 * as text, never parsed and re-serialised: a page is thousands of records.
 *
 * `upTo` is read before the records. Sequence numbers commit in order under
 * the ingest lock and a push updates `records` in the transaction that stores
 * its messages, so every message up to `upTo` is already in the records this
 * and later pages read. Records may also hold newer cells; pulling from
 * `upTo` afterwards re-delivers those messages and last-writer-wins makes the
 * repeat harmless.
 */
export async function snapshotPage(db: Kysely<HubDatabase>, caller: Caller, query: SnapshotQuery): Promise<string> {
  const upTo = await sql<{ seq: string }>`SELECT coalesce(max(seq), 0) AS seq FROM messages`.execute(db);
  const start = query.table === undefined ? 0 : SNAPSHOT_ORDER.indexOf(query.table);
  const first = query.table === undefined && query.after === undefined;
  const parts: string[] = [];
  let next: { table: string; after: string } | null = null;
  let after = query.after ?? '';
  for (let t = start; t < SNAPSHOT_ORDER.length; t += 1) {
    const table = SNAPSHOT_ORDER[t]!;
    const wanted = query.limit - parts.length;
    const rows = await sql<{ row_id: string; data: string; cell_hlc: string }>`
      SELECT row_id, data::text AS data, cell_hlc::text AS cell_hlc
      FROM records
      WHERE tbl = ${table} AND row_id > ${after} AND ${inScope(caller, table)}
      ORDER BY row_id
      LIMIT ${wanted}`.execute(db);
    for (const row of rows.rows)
      parts.push(`{"table":${JSON.stringify(table)},"rowId":${JSON.stringify(row.row_id)},"data":${row.data},"hlc":${row.cell_hlc}}`);
    if (rows.rows.length === wanted) {
      next = { table, after: rows.rows.at(-1)!.row_id };
      break;
    }
    after = '';
  }
  const total = first ? await countInScope(db, caller) : null;
  const group = JSON.stringify(await groupStations(db));
  return `{"upTo":${Number(upTo.rows[0]?.seq ?? 0)},"total":${total === null ? 'null' : total},"next":${JSON.stringify(next)},"order":${ORDER},"groupStations":${group},"records":[${parts.join(',')}]}`;
}

function inScope(caller: Caller, table: string) {
  if (caller.scope.kind === 'group' || (isSyncedTable(table) && tableInfo(table).sync === 'group')) return sql`TRUE`;
  return sql`hospital_id = ${caller.scope.hospitalId}`;
}

async function countInScope(db: Kysely<HubDatabase>, caller: Caller): Promise<number> {
  const groupTables = SNAPSHOT_ORDER.filter((t) => tableInfo(t).sync === 'group');
  const scope = caller.scope.kind === 'group' ? sql`TRUE` : sql`(tbl = ANY(${groupTables}::text[]) OR hospital_id = ${caller.scope.hospitalId})`;
  const found = await sql<{ n: string }>`SELECT count(*) AS n FROM records WHERE tbl = ANY(${[...SNAPSHOT_ORDER]}::text[]) AND ${scope}`.execute(db);
  return Number(found.rows[0]?.n ?? 0);
}
