// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The email of each staff notification (docs/sla-design.md): one row per
 * notification, its id derived from it so two stations that fire the same
 * step write one; sent by the hub for an enrolled hospital and by a station
 * that is not enrolled itself, at the notification's time. A person with no
 * email address gets a row too (`no_address`), so the gap is shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE staff_emails (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       notification_id TEXT NOT NULL REFERENCES staff_notifications (id),
       user_id TEXT NOT NULL REFERENCES users (id),
       language TEXT NOT NULL,
       send_at TEXT NOT NULL,
       status TEXT NOT NULL,
       attempts INTEGER NOT NULL,
       next_attempt_at TEXT,
       provider TEXT,
       recipient_hint TEXT,
       error TEXT,
       sent_at TEXT,
       created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
     ) STRICT`,
    `CREATE INDEX staff_emails_due ON staff_emails (send_at) WHERE status IN ('queued', 'sending')`,
    `CREATE INDEX staff_emails_notification ON staff_emails (notification_id)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
