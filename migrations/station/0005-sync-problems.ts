// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * Sync problems the console shows (docs/sync-protocol.md): the changes the
 * hub refused, kept for good (a refused change is never resent), and why a
 * remote cell waits in `sync_pending_cells`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // one row per cell the hub rejected; written in the transaction that marks its batch sent
    `CREATE TABLE sync_rejections (
       id INTEGER PRIMARY KEY,
       outbox_seq INTEGER NOT NULL,
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       col TEXT NOT NULL,
       hlc TEXT NOT NULL,
       reason TEXT NOT NULL,
       rejected_at TEXT NOT NULL
     ) STRICT`,
    // an HLC names one cell write of this station: a batch answered twice is kept once
    `CREATE UNIQUE INDEX sync_rejections_hlc ON sync_rejections (hlc)`,
    `CREATE INDEX sync_rejections_row ON sync_rejections (tbl, row_id, reason)`,
    // why the cell waits, as JSON ({"kind":"parent","table":"hospitals","column":"hospital_id"}, …);
    // NULL for a cell put to wait before this step, until its next retry records one
    `ALTER TABLE sync_pending_cells ADD COLUMN reason TEXT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
