// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * Files on complaints and PX actions (issue 12; docs/attachments.md).
 *
 * - attachments: one file on one record (synced with its hospital): its
 *   name, type, size and the SHA-256 of its content. Taking a file off a
 *   record sets deleted_at with a reason; the row stays for the timeline.
 * - attachment_files: this station's own ledger of contents, by hash: held
 *   here (stored_at) or still to fetch, known to be at the hub (at_hub),
 *   and the last transfer's failure with when to try again. The content
 *   itself is a file in the data folder, `attachments/<2 hex>/<sha256>`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE attachments (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       record_type TEXT NOT NULL,
       record_id TEXT NOT NULL,
       sha256 TEXT NOT NULL,
       file_name TEXT NOT NULL,
       media_type TEXT NOT NULL,
       size_bytes INTEGER NOT NULL,
       added_by_user_id TEXT,
       added_by_name TEXT NOT NULL,
       removed_reason TEXT,
       created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
     ) STRICT`,
    `CREATE INDEX attachments_record ON attachments (record_id, created_at)`,
    `CREATE INDEX attachments_sha256 ON attachments (sha256)`,
    `CREATE TABLE attachment_files (
       sha256 TEXT PRIMARY KEY,
       size_bytes INTEGER NOT NULL,
       stored_at TEXT,
       at_hub INTEGER NOT NULL DEFAULT 0,
       last_error TEXT,
       next_try_at TEXT,
       tries INTEGER NOT NULL DEFAULT 0
     ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX attachment_files_to_send ON attachment_files (next_try_at) WHERE stored_at IS NOT NULL AND at_hub = 0`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
