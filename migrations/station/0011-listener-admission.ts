// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * Who may send what to the HIS listeners (docs/external-interfaces.md):
 * each integration source is bound to the hospital codes it may send for
 * (JSON list, empty: none yet), lists the peer addresses or CIDR ranges MLLP
 * may come from (empty: MLLP off for it), and may pin the SHA-256 of the TLS
 * client certificate its MLLP connections present. Each received event keeps
 * the address it came from, for the audit entries its processing writes.
 *
 * Existing sources get no hospital and no peer: they are refused until an
 * administrator binds them, rather than keep sending for every hospital.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE integration_sources ADD COLUMN hospital_codes TEXT NOT NULL DEFAULT '[]'`,
    `ALTER TABLE integration_sources ADD COLUMN mllp_peers TEXT NOT NULL DEFAULT '[]'`,
    `ALTER TABLE integration_sources ADD COLUMN mllp_cert_sha256 TEXT`,
    `ALTER TABLE inbound_events ADD COLUMN peer_address TEXT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
