// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * Links a station issued (a QR code printed on discharge papers, a kiosk):
 * their instances carry the hash of their token as a synced cell, so the
 * hub can take such a link when the patient opens it at home, away from the
 * hospital's network (src-hub/surveys/links.ts, adopt). An index for the
 * one question asked: which instance has this token's hash.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE INDEX records_instance_tokens ON records ((data->>'token_hash')) WHERE tbl = 'survey_instances'`).execute(db);
}
