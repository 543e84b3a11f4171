// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The hub's half of surveys (docs/hub-surveys.md). The instances, messages
 * and responses themselves are ordinary synced records (`records`); what
 * lives here is what never leaves the hub:
 *
 * - survey_links: the links the hub issued, by the hash of their token (the
 *   token is derived from the instance id with the hub's link key and never
 *   stored), so a patient's request finds its instance, and the row a
 *   finishing post locks so a survey is finished once.
 * - notification_providers: how the hub sends each channel for the group,
 *   the settings sealed under the hub's secrets key (they hold credentials).
 * - notification_claims: which messages the hub took to send, and what came
 *   of it. A message is claimed by one guarded statement, so two runs or two
 *   hub workers never send it twice; the outcome is kept to write it again
 *   when a station's late copy of the row puts it back to `queued`. An
 *   invitation sent keeps a hash of its hospital and recipient: the same
 *   person is not invited twice within the hospital's fatigue period, even
 *   by surveys two stations made each for itself.
 *
 * And two partial indexes on `records`, for what the sender and the
 * WhatsApp webhook look up: the messages waiting to go, and a message by
 * its provider's id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE survey_links (
       token_hash TEXT PRIMARY KEY,
       instance_id TEXT NOT NULL UNIQUE,
       hospital_id TEXT NOT NULL,
       issued_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE notification_providers (
       channel TEXT PRIMARY KEY CHECK (channel IN ('sms', 'whatsapp', 'email')),
       kind TEXT NOT NULL,
       settings TEXT NOT NULL,
       updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE notification_claims (
       message_id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('sending', 'retry', 'sent', 'failed', 'cancelled')),
       attempts INTEGER NOT NULL,
       claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       recipient_hash TEXT,
       outcome JSONB
     )`,
    `CREATE INDEX notification_claims_invited ON notification_claims (recipient_hash, claimed_at) WHERE state = 'sent' AND recipient_hash IS NOT NULL`,
    `CREATE INDEX records_queued_messages ON records ((data->>'send_at'))
       WHERE tbl = 'notification_messages' AND (data->>'status') = 'queued'`,
    `CREATE INDEX records_provider_message_ids ON records ((data->>'provider_message_id'))
       WHERE tbl = 'notification_messages' AND (data->>'provider_message_id') IS NOT NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
