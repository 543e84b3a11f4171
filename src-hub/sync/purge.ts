import { type Kysely, sql } from 'kysely';
import { HLC_MAX_AHEAD_MS } from '../../src-shared/hub-api.js';
import type { HubDatabase } from '../db/schema.js';
import { INGEST_LOCK } from './ingest.js';

/** Which messages to purge: one, by its station and stamp; or every one stamped too far ahead of the hub's clock. */
export type PurgeSelector = { readonly stationId: string; readonly hlc: string } | { readonly future: true };

export interface PurgeResult {
  readonly purged: number;
  /** the cells whose value the hub now takes from the newest message left (or none) */
  readonly cells: number;
}

/**
 * The hub's admin removes a poisoned message — one stamped in 2099 that a
 * hub without the hlc_in_future rule took, pinning its cell above every
 * correction. Its cells fall back to the newest message left for them (or
 * to nothing), so a later honest edit wins again; stations that already set
 * it aside (sync_quarantine) never applied it. Under the ingest lock: no push
 * interleaves.
 */
export async function purgeMessages(db: Kysely<HubDatabase>, selector: PurgeSelector, now: number = Date.now()): Promise<PurgeResult> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(trx);
    const where =
      'future' in selector
        ? sql`hlc > ${`${new Date(now + HLC_MAX_AHEAD_MS).toISOString()}-FFFF-~`}`
        : sql`station_id = ${selector.stationId} AND hlc = ${selector.hlc}`;
    const removed = await sql<{ tbl: string; row_id: string; col: string }>`DELETE FROM messages WHERE ${where} RETURNING tbl, row_id, col`.execute(trx);
    const cells = new Map<string, { tbl: string; row_id: string; col: string }>();
    for (const row of removed.rows) cells.set(`${row.tbl}\u0000${row.row_id}\u0000${row.col}`, row);
    for (const { tbl, row_id: rowId, col } of cells.values()) {
      const newest = await sql<{ value: unknown; hlc: string }>`
        SELECT value, hlc FROM messages WHERE tbl = ${tbl} AND row_id = ${rowId} AND col = ${col} ORDER BY hlc DESC LIMIT 1`.execute(trx);
      const kept = newest.rows[0];
      if (kept) {
        await sql`
          UPDATE records SET data = jsonb_set(data, ARRAY[${col}], ${JSON.stringify(kept.value)}::jsonb),
                             cell_hlc = jsonb_set(cell_hlc, ARRAY[${col}], to_jsonb(${kept.hlc}::text)), updated_at = now()
          WHERE tbl = ${tbl} AND row_id = ${rowId}`.execute(trx);
      } else {
        await sql`UPDATE records SET data = data - ${col}::text, cell_hlc = cell_hlc - ${col}::text, updated_at = now() WHERE tbl = ${tbl} AND row_id = ${rowId}`.execute(
          trx,
        );
      }
    }
    return { purged: removed.rows.length, cells: cells.size };
  });
}
