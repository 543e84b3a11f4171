// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

const RECORD = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT`;

/**
 * Complaints, inquiries and compliments (issue 12; docs/complaints-design.md).
 *
 * - complaints: one record per complaint, of its hospital (synced to the
 *   hospital's stations and the hub). `number` is unique: its station part
 *   keeps two offline stations apart. An external complaint (the website,
 *   the app, a 937 referral) is unique by (source_system, external_id).
 *   Classification (HCAT category and domain, subcategory, severity, harm,
 *   stage of care, priority), assignment, resolution and closing are cells,
 *   merged cell by cell across stations.
 * - complaint_events: the timeline, append-only: every creation, status
 *   change, note, assignment, classification and SLA event, each its own
 *   row (two stations' notes never overwrite each other). The SLA clocks
 *   read their history from it.
 * - complaint_sequences: this station's last complaint number per
 *   hospital. Never synced: each station counts its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE complaints (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       number TEXT NOT NULL,
       type TEXT NOT NULL,
       channel TEXT NOT NULL,
       status TEXT NOT NULL,
       department_id TEXT,
       physician_id TEXT,
       patient_id TEXT,
       reported_mrn TEXT,
       complainant_name TEXT,
       contact_phone TEXT,
       contact_email TEXT,
       contact_preference TEXT NOT NULL,
       language TEXT NOT NULL,
       description_ar TEXT,
       description_en TEXT,
       hcat_category TEXT,
       hcat_domain TEXT,
       subcategory TEXT,
       severity INTEGER,
       priority TEXT NOT NULL,
       harm_level TEXT,
       stage_of_care TEXT,
       occurred_at TEXT,
       received_at TEXT NOT NULL,
       assigned_user_id TEXT,
       assigned_department_id TEXT,
       first_response_at TEXT,
       resolved_at TEXT,
       resolution_outcome TEXT,
       resolution_category TEXT,
       resolution_summary TEXT,
       closed_at TEXT,
       close_reason TEXT,
       duplicate_of TEXT,
       reopened_count INTEGER NOT NULL DEFAULT 0,
       source_system TEXT,
       external_id TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX complaints_number ON complaints (number)`,
    `CREATE UNIQUE INDEX complaints_external ON complaints (source_system, external_id) WHERE external_id IS NOT NULL`,
    `CREATE INDEX complaints_queue ON complaints (hospital_id, status, received_at)`,
    `CREATE INDEX complaints_received ON complaints (hospital_id, received_at)`,
    `CREATE INDEX complaints_assignee ON complaints (assigned_user_id, status) WHERE assigned_user_id IS NOT NULL`,
    `CREATE INDEX complaints_patient ON complaints (patient_id) WHERE patient_id IS NOT NULL`,
    `CREATE TABLE complaint_events (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       complaint_id TEXT NOT NULL REFERENCES complaints (id),
       kind TEXT NOT NULL,
       visibility TEXT NOT NULL,
       from_status TEXT,
       to_status TEXT,
       text TEXT,
       details TEXT,
       actor_user_id TEXT,
       actor_name TEXT NOT NULL,
       at TEXT NOT NULL,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at)`,
    `CREATE TABLE complaint_sequences (
       hospital_id TEXT PRIMARY KEY,
       last INTEGER NOT NULL
     ) STRICT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
