import { type Kysely, sql } from 'kysely';
import type { PullResponse } from '../../src-shared/hub-api.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import type { Caller } from './ingest.js';

/** The hub's own node id in HLC stamps (the hospitals it creates); no station may enrol under it. */
export const HUB_NODE = 'hub';

/**
 * Pull: the messages other stations sent within the caller's scope, after a
 * cursor, in sequence order. A hospital station gets its hospital's rows and
 * group-wide configuration; a group station gets everything. Safe to page
 * with `next` because sequence numbers commit in order (see Ingest).
 */
export async function pullMessages(db: Kysely<HubDatabase>, caller: Caller, after: number, limit: number): Promise<PullResponse> {
  const scope = caller.scope.kind === 'group' ? sql`TRUE` : sql`(group_wide OR hospital_id = ${caller.scope.hospitalId})`;
  const found = await sql<{ seq: string; station_id: string; hlc: string; tbl: string; row_id: string; col: string; value: CellValue }>`
    SELECT seq, station_id, hlc, tbl, row_id, col, value
    FROM messages
    WHERE seq > ${after} AND station_id <> ${caller.stationId} AND ${scope}
    ORDER BY seq
    LIMIT ${limit + 1}`.execute(db);
  const more = found.rows.length > limit;
  const rows = more ? found.rows.slice(0, limit) : found.rows;
  const messages = rows.map((r) => ({ seq: Number(r.seq), stationId: r.station_id, hlc: r.hlc, table: r.tbl, rowId: r.row_id, column: r.col, value: r.value }));
  return { messages, next: messages.at(-1)?.seq ?? after, more, groupStations: await groupStations(db) };
}

/**
 * The stations whose scope is the group, revoked ones included (what they
 * wrote while enrolled stands), and the hub itself: a station applies
 * changes to group settings only from these.
 */
export async function groupStations(db: Kysely<HubDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('stations').select('id').where('scope', '=', 'group').orderBy('id').execute();
  return [HUB_NODE, ...rows.map((r) => r.id)];
}
