// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * A new station's catch-up from a million-record snapshot (docs/sync-protocol.md):
 *
 * - One row of remote cell versions per record instead of one per cell: a
 *   million small rows, not fourteen million. `versions` is a compact JSON
 *   of the cells' stamps (see encodeVersions in src-main/sync/apply.ts).
 *   The per-cell versions of sync_remote_cells are not carried over: the
 *   pull cursor is cleared instead, so the next sync reads the hub's
 *   snapshot again and records every version anew. Values and unsent local
 *   changes stay as they are; nothing is lost, it costs one catch-up.
 * - The patient-name index can be deferred: while `search_index_deferred` is
 *   set in sync_state the FTS triggers do nothing, and the catch-up rebuilds
 *   the index in one pass at its end — three times faster than row by row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE sync_row_versions (
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       versions TEXT NOT NULL,
       PRIMARY KEY (tbl, row_id)
     ) STRICT, WITHOUT ROWID`,
    `DROP TABLE sync_remote_cells`,
    `DELETE FROM sync_state WHERE key = 'pull_cursor'`,

    `DROP TRIGGER patients_fts_insert`,
    `DROP TRIGGER patients_fts_delete`,
    `DROP TRIGGER patients_fts_update`,
    `CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients
     WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search_index_deferred') BEGIN
       INSERT INTO patients_fts (rowid, name_search) VALUES (new.rowid, new.name_search);
     END`,
    `CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients
     WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search_index_deferred') BEGIN
       INSERT INTO patients_fts (patients_fts, rowid, name_search) VALUES ('delete', old.rowid, old.name_search);
     END`,
    `CREATE TRIGGER patients_fts_update AFTER UPDATE OF name_search ON patients
     WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search_index_deferred') BEGIN
       INSERT INTO patients_fts (patients_fts, rowid, name_search) VALUES ('delete', old.rowid, old.name_search);
       INSERT INTO patients_fts (rowid, name_search) VALUES (new.rowid, new.name_search);
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
