// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

const RECORD = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // ---- integrations: who may push events, and how their codes map --------
    `CREATE TABLE integration_sources (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       source_system TEXT NOT NULL,
       token_hash TEXT NOT NULL,
       token_hint TEXT NOT NULL,
       -- kept in clear: verifying an HMAC needs the secret itself
       hmac_secret TEXT,
       rate_limit_per_minute INTEGER NOT NULL DEFAULT 60000,
       enabled INTEGER NOT NULL DEFAULT 1,
       last_seen_at TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX integration_sources_system ON integration_sources (source_system) WHERE deleted_at IS NULL`,
    `CREATE UNIQUE INDEX integration_sources_token ON integration_sources (token_hash)`,
    `CREATE TABLE event_mappings (
       id TEXT PRIMARY KEY,
       source_system TEXT NOT NULL,
       external_code TEXT NOT NULL,
       event_code TEXT NOT NULL,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX event_mappings_code ON event_mappings (source_system, external_code) WHERE deleted_at IS NULL`,

    // ---- inbound events: durable before acknowledged, idempotent ------------
    `CREATE TABLE inbound_events (
       seq INTEGER PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       source_system TEXT NOT NULL,
       external_id TEXT NOT NULL,
       format TEXT NOT NULL,
       external_code TEXT NOT NULL,
       hospital_code TEXT,
       encounter_id TEXT,
       occurred_at TEXT NOT NULL,
       received_at TEXT NOT NULL,
       body TEXT NOT NULL,
       raw TEXT,
       status TEXT NOT NULL DEFAULT 'pending',
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at TEXT,
       last_error TEXT,
       processed_at TEXT,
       event_code TEXT,
       journey_instance_id TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX inbound_events_external ON inbound_events (source_system, external_id)`,
    // the processor walks due events in arrival order; only open ones are indexed
    `CREATE INDEX inbound_events_due ON inbound_events (seq) WHERE status IN ('pending', 'failed')`,
    `CREATE INDEX inbound_events_quarantined ON inbound_events (seq) WHERE status = 'quarantined'`,
    `CREATE INDEX inbound_events_encounter ON inbound_events (hospital_code, encounter_id, seq)`,
    `CREATE INDEX inbound_events_received ON inbound_events (received_at)`,

    // ---- journeys -------------------------------------------------------------
    `CREATE TABLE journey_templates (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       journey_type TEXT NOT NULL,
       code TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       active INTEGER NOT NULL DEFAULT 1,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX journey_templates_code ON journey_templates (hospital_id, code)`,
    `CREATE TABLE journey_template_stages (
       id TEXT PRIMARY KEY,
       template_id TEXT NOT NULL REFERENCES journey_templates (id),
       hospital_id TEXT NOT NULL,
       position INTEGER NOT NULL,
       code TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       trigger_event_code TEXT NOT NULL,
       survey_template_id TEXT,
       auto_send_survey INTEGER NOT NULL DEFAULT 0,
       required INTEGER NOT NULL DEFAULT 1,
       active INTEGER NOT NULL DEFAULT 1,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX journey_template_stages_template ON journey_template_stages (template_id, position)`,
    `CREATE TABLE journey_instances (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       template_id TEXT NOT NULL REFERENCES journey_templates (id),
       patient_id TEXT NOT NULL REFERENCES patients (id),
       encounter_id TEXT NOT NULL,
       journey_type TEXT NOT NULL,
       status TEXT NOT NULL,
       department_id TEXT,
       physician_id TEXT,
       started_at TEXT NOT NULL,
       completed_at TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX journey_instances_encounter ON journey_instances (hospital_id, encounter_id)`,
    `CREATE INDEX journey_instances_patient ON journey_instances (patient_id)`,
    `CREATE INDEX journey_instances_status ON journey_instances (hospital_id, status, started_at)`,
    `CREATE TABLE journey_stage_instances (
       id TEXT PRIMARY KEY,
       instance_id TEXT NOT NULL REFERENCES journey_instances (id),
       hospital_id TEXT NOT NULL,
       stage_id TEXT NOT NULL REFERENCES journey_template_stages (id),
       status TEXT NOT NULL,
       completed_at TEXT,
       event_id TEXT,
       department_id TEXT,
       physician_id TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX journey_stage_instances_stage ON journey_stage_instances (instance_id, stage_id)`,

    // ---- domain events: what happened, for in-station consumers (surveys) ---
    `CREATE TABLE domain_events (
       seq INTEGER PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       type TEXT NOT NULL,
       hospital_id TEXT,
       payload TEXT NOT NULL,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX domain_events_type ON domain_events (type, seq)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
