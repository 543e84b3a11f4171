// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * A refused change an officer has dealt with (docs/sync-protocol.md, Station
 * side): it leaves Sync → Problems' open list and the counts, and is never
 * deleted — it is the only trace on the station of what the hub refused.
 * Rows kept before this step stay open.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // when, and by whom (the username, as the audit log's actor_name: readable however the user changes later)
    `ALTER TABLE sync_rejections ADD COLUMN acknowledged_at TEXT`,
    `ALTER TABLE sync_rejections ADD COLUMN acknowledged_by TEXT`,
    // the open list and the header's count read only what is not dealt with
    `CREATE INDEX sync_rejections_open ON sync_rejections (tbl, row_id, reason) WHERE acknowledged_at IS NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
