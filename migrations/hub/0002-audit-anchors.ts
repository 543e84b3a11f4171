// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The newest checkpoint of each station's audit chain (seq and keyed mac of
 * its head), signed by the station's Ed25519 key, whose public half the hub
 * keeps from the first checkpoint after enrolment. The hub refuses a
 * checkpoint that goes backwards or rewrites an anchored entry, so a station
 * whose newest audit entries were cut off, or whose log was rewritten, is
 * found out at its next `verify-audit` (src-main/sync/audit-anchor.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE audit_anchors (
      station_id TEXT PRIMARY KEY REFERENCES stations (id),
      public_key TEXT NOT NULL,
      seq BIGINT NOT NULL,
      mac TEXT NOT NULL,
      signature TEXT NOT NULL,
      anchored_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`.execute(db);
}
