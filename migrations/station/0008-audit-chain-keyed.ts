// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * A keyed audit chain (src-main/core/audit-log.ts): each entry also carries
 * `mac`, an HMAC over the previous entry's mac and this entry's hash, under a
 * key kept outside the database (src-main/core/keys.ts). Recomputing the
 * plain hash chain after dropping the triggers no longer passes for the
 * truth. Entries written before this step get their mac once, at the
 * station's next start, after their hash chain is verified: the update
 * trigger lets a mac be set where there was none, and nothing else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const columns = [
    'seq',
    'id',
    'at',
    'station_id',
    'hospital_id',
    'actor_id',
    'actor_name',
    'action',
    'entity_type',
    'entity_id',
    'before_json',
    'after_json',
    'prev_hash',
    'hash',
  ];
  const unchanged = columns.map((c) => `new.${c} IS old.${c}`).join(' AND ');
  const statements = [
    `ALTER TABLE audit_log ADD COLUMN mac TEXT`,
    `DROP TRIGGER audit_log_no_update`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     WHEN NOT (old.mac IS NULL AND new.mac IS NOT NULL AND ${unchanged})
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
