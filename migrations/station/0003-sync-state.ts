// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The station's side of hub sync (docs/sync-protocol.md): where the hub is and
 * how far we got, which HLC each remotely written cell carries, and remote
 * cells that cannot be applied yet (their row or its parent has not arrived).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // hub_url, station_token, scope (JSON), pull_cursor, last_push_at,
    // last_pull_at, last_attempt_at, last_attempt_ok, last_error (message key), clock_skew_ms
    `CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
    // a cell's current version is read per row from the outbox while applying remote messages
    `CREATE INDEX sync_outbox_row ON sync_outbox (tbl, row_id)`,
    // the HLC of every cell last set by a remote message (local cells keep theirs in the outbox)
    `CREATE TABLE sync_remote_cells (
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       col TEXT NOT NULL,
       hlc TEXT NOT NULL,
       PRIMARY KEY (tbl, row_id, col)
     ) STRICT, WITHOUT ROWID`,
    // remote cells waiting for the rest of their row or for a parent row; `value` is JSON
    `CREATE TABLE sync_pending_cells (
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       col TEXT NOT NULL,
       value TEXT NOT NULL,
       hlc TEXT NOT NULL,
       PRIMARY KEY (tbl, row_id, col)
     ) STRICT, WITHOUT ROWID`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
