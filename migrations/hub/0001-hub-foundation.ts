// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,

    // The hospitals the hub administrator created; enrolment codes and
    // stations point here. Their names also travel to stations as ordinary
    // `hospitals` sync messages written by the hub itself.
    `CREATE TABLE hospitals (
       id TEXT PRIMARY KEY,
       code TEXT NOT NULL UNIQUE,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       created_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,

    `CREATE TABLE enrolment_codes (
       id BIGSERIAL PRIMARY KEY,
       code_hash TEXT NOT NULL UNIQUE,
       scope TEXT NOT NULL CHECK (scope IN ('hospital', 'group')),
       hospital_id TEXT REFERENCES hospitals (id),
       created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       expires_at TIMESTAMPTZ NOT NULL,
       used_at TIMESTAMPTZ,
       used_by_station TEXT,
       CHECK ((scope = 'hospital') = (hospital_id IS NOT NULL))
     )`,

    `CREATE TABLE stations (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       token_hash TEXT NOT NULL UNIQUE,
       scope TEXT NOT NULL CHECK (scope IN ('hospital', 'group')),
       hospital_id TEXT REFERENCES hospitals (id),
       enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       revoked_at TIMESTAMPTZ,
       last_seen_at TIMESTAMPTZ,
       CHECK ((scope = 'hospital') = (hospital_id IS NOT NULL))
     )`,

    // Every accepted message, once. `seq` is the pull cursor; it is handed out
    // under the ingest advisory lock, so seq order is commit order.
    `CREATE TABLE messages (
       seq BIGSERIAL PRIMARY KEY,
       station_id TEXT NOT NULL,
       hlc TEXT NOT NULL,
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       col TEXT NOT NULL,
       value JSONB,
       hospital_id TEXT,
       group_wide BOOLEAN NOT NULL,
       received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       UNIQUE (station_id, hlc)
     )`,
    `CREATE INDEX messages_by_hospital ON messages (hospital_id, seq)`,
    `CREATE INDEX messages_group_wide ON messages (seq) WHERE group_wide`,

    // The hub's copy of every synced record: one row per record, its cells in
    // \`data\` and the HLC of each cell's value in \`cell_hlc\`.
    `CREATE TABLE records (
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       hospital_id TEXT,
       data JSONB NOT NULL,
       cell_hlc JSONB NOT NULL,
       updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       PRIMARY KEY (tbl, row_id)
     )`,
    `CREATE INDEX records_by_hospital ON records (hospital_id, tbl)`,

    `CREATE TABLE rejected_messages (
       id BIGSERIAL PRIMARY KEY,
       station_id TEXT NOT NULL,
       received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       batch_index INTEGER NOT NULL,
       reason TEXT NOT NULL,
       message JSONB
     )`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
