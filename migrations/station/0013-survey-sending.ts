// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

const RECORD = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT`;

/**
 * Surveys sent and answered (docs/surveys-design.md). Every table here
 * belongs to a hospital and syncs to its stations and the hub.
 *
 * - survey_settings: one row per hospital (a deterministic id), its send
 *   window, fatigue, expiry, digits, reminders and message texts.
 * - survey_opt_outs: one row per patient and channel (a deterministic id).
 * - survey_instances: one survey for one patient. An automatic one has a
 *   deterministic id and the unique stage instance, so a replayed or
 *   retried completion, or two stations, make one row. `token_hash` is the
 *   hash of a link this station issued (kiosk, QR, or sending itself): it
 *   never leaves the station. `status` is derived from the times.
 * - survey_responses: one per instance, by id and by unique key; the
 *   answers are saved page by page; the score columns are derived from the
 *   answers and the version's questions, never taken from a peer.
 * - notification_messages: the outbox. One row per instance and kind
 *   (invitation, reminder n), a deterministic id; the sender claims a row by
 *   moving it from `queued`.
 * - notification_providers: how this station sends when it sends itself (not
 *   enrolled): one row per channel, its settings sealed under the station's
 *   key. Never synced: an enrolled group's credentials live at the hub.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE survey_settings (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       sending_enabled INTEGER NOT NULL DEFAULT 0,
       window_start_minute INTEGER NOT NULL DEFAULT 540,
       window_end_minute INTEGER NOT NULL DEFAULT 1260,
       fatigue_days INTEGER NOT NULL DEFAULT 30,
       expiry_days INTEGER NOT NULL DEFAULT 7,
       digits TEXT NOT NULL DEFAULT 'latn',
       channels TEXT NOT NULL DEFAULT '["sms","whatsapp","email"]',
       reminder_after_hours INTEGER NOT NULL DEFAULT 48,
       reminder_max INTEGER NOT NULL DEFAULT 1,
       link_base_url TEXT,
       message_texts TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX survey_settings_hospital ON survey_settings (hospital_id)`,
    `CREATE TABLE survey_opt_outs (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       patient_id TEXT NOT NULL REFERENCES patients (id),
       channel TEXT NOT NULL,
       active INTEGER NOT NULL DEFAULT 1,
       source TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX survey_opt_outs_patient ON survey_opt_outs (patient_id, channel)`,
    `CREATE TABLE survey_instances (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       template_id TEXT NOT NULL REFERENCES survey_templates (id),
       version_id TEXT NOT NULL REFERENCES survey_template_versions (id),
       patient_id TEXT NOT NULL REFERENCES patients (id),
       journey_instance_id TEXT,
       stage_instance_id TEXT,
       stage_id TEXT,
       department_id TEXT,
       physician_id TEXT,
       origin TEXT NOT NULL,
       channel TEXT NOT NULL,
       language TEXT NOT NULL,
       send_at TEXT,
       expires_at TEXT NOT NULL,
       invited_at TEXT,
       opened_at TEXT,
       started_at TEXT,
       completed_at TEXT,
       revoked_at TEXT,
       skip_reason TEXT,
       reminders_sent INTEGER NOT NULL DEFAULT 0,
       ${RECORD},
       token_hash TEXT,
       status TEXT NOT NULL DEFAULT 'scheduled'
     ) STRICT`,
    `CREATE UNIQUE INDEX survey_instances_stage ON survey_instances (stage_instance_id) WHERE stage_instance_id IS NOT NULL`,
    `CREATE UNIQUE INDEX survey_instances_token ON survey_instances (token_hash) WHERE token_hash IS NOT NULL`,
    `CREATE INDEX survey_instances_patient ON survey_instances (patient_id, created_at)`,
    `CREATE INDEX survey_instances_hospital ON survey_instances (hospital_id, created_at)`,
    `CREATE TABLE survey_responses (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       instance_id TEXT NOT NULL REFERENCES survey_instances (id),
       version_id TEXT NOT NULL REFERENCES survey_template_versions (id),
       answers TEXT NOT NULL DEFAULT '{}',
       page INTEGER NOT NULL DEFAULT 0,
       language TEXT NOT NULL,
       finished_at TEXT,
       ${RECORD},
       score REAL,
       weighted_score REAL,
       answered_count INTEGER NOT NULL DEFAULT 0,
       negative INTEGER NOT NULL DEFAULT 0
     ) STRICT`,
    `CREATE UNIQUE INDEX survey_responses_instance ON survey_responses (instance_id)`,
    `CREATE INDEX survey_responses_finished ON survey_responses (hospital_id, finished_at)`,
    `CREATE TABLE notification_messages (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       instance_id TEXT NOT NULL REFERENCES survey_instances (id),
       kind TEXT NOT NULL,
       channel TEXT NOT NULL,
       language TEXT NOT NULL,
       send_at TEXT NOT NULL,
       status TEXT NOT NULL DEFAULT 'queued',
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at TEXT,
       provider TEXT,
       provider_message_id TEXT,
       recipient_hint TEXT,
       segments INTEGER,
       error TEXT,
       sent_at TEXT,
       delivered_at TEXT,
       read_at TEXT,
       failed_at TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX notification_messages_due ON notification_messages (status, send_at)`,
    `CREATE INDEX notification_messages_instance ON notification_messages (instance_id)`,
    `CREATE INDEX notification_messages_hospital ON notification_messages (hospital_id, created_at)`,
    `CREATE TABLE notification_providers (
       id TEXT PRIMARY KEY,
       channel TEXT NOT NULL,
       kind TEXT NOT NULL,
       settings TEXT NOT NULL,
       active INTEGER NOT NULL DEFAULT 1,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX notification_providers_channel ON notification_providers (channel)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
