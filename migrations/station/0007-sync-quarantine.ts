// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * Received changes set aside rather than applied: a stamp far ahead of this
 * station's clock (a peer's clock set to 2099, or a forged 9999) would pin
 * its cell above every later correction and push this station's own clock
 * past what it can stamp. Such a change is kept here, with why, and sync
 * goes on (docs/sync-protocol.md). Nothing here is ever applied.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE sync_quarantine (
       hlc TEXT PRIMARY KEY,
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       col TEXT NOT NULL,
       value TEXT NOT NULL,
       reason TEXT NOT NULL,
       received_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX sync_quarantine_row ON sync_quarantine (tbl, row_id)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
