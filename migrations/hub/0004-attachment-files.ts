// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The contents of attachments (docs/attachments.md). The attachment rows
 * travel as ordinary synced records; their contents, which sync messages do
 * not carry, are sent here by the station that took them and fetched by
 * the hospital's other stations. Kept in the database, so a hub on an
 * external PostgreSQL needs no disk of its own.
 *
 * A content is handed out only to the hospitals that sent it
 * (`attachment_file_hospitals`): a station cannot fetch another hospital's
 * file by naming its hash in a row of its own.
 *
 * And an index on `records` for the question every transfer asks: does an
 * attachment of this content exist, and in which hospital.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE attachment_files (
       sha256 TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
       size_bytes INTEGER NOT NULL,
       media_type TEXT NOT NULL,
       content BYTEA NOT NULL,
       station_id TEXT NOT NULL,
       received_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE attachment_file_hospitals (
       sha256 TEXT NOT NULL REFERENCES attachment_files (sha256) ON DELETE CASCADE,
       hospital_id TEXT NOT NULL,
       PRIMARY KEY (sha256, hospital_id)
     )`,
    `CREATE INDEX records_attachment_hashes ON records ((data->>'sha256')) WHERE tbl = 'attachments'`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
