// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

const RECORD = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT`;

/**
 * The PX Action Center (issue 12; docs/complaints-design.md).
 *
 * - px_actions: one improvement action of a hospital (synced), opened by
 *   hand from a complaint, a call, a social mention or a QI finding, or
 *   automatically from a negative survey response — that one with an id and
 *   number derived from the response, so two stations make one action.
 *   Unique per (source_type, source_id) for automatic sources.
 * - px_action_events: its timeline, append-only (creation, moves with their
 *   reasons, notes and evidence, assignment, SLA steps).
 * - px_action_sequences: this station's last action number per hospital.
 * - SLA: the triggers of 0017 for complaints, here for actions, so the
 *   engine's due index follows every write, local or from sync.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const open = `status NOT IN ('approved', 'closed', 'cancelled') AND deleted_at IS NULL`;
  const statements = [
    `CREATE TABLE px_actions (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       number TEXT NOT NULL,
       title TEXT NOT NULL,
       description TEXT,
       source_type TEXT NOT NULL,
       source_id TEXT,
       source_label TEXT,
       department_id TEXT,
       owner_user_id TEXT,
       priority TEXT NOT NULL,
       status TEXT NOT NULL,
       due_date TEXT,
       evidence_required INTEGER NOT NULL,
       approved_by_user_id TEXT,
       approved_at TEXT,
       closed_at TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX px_actions_number ON px_actions (number)`,
    `CREATE UNIQUE INDEX px_actions_automatic ON px_actions (source_type, source_id) WHERE source_type = 'survey' AND source_id IS NOT NULL`,
    `CREATE INDEX px_actions_board ON px_actions (hospital_id, status, created_at)`,
    `CREATE INDEX px_actions_owner ON px_actions (owner_user_id, status) WHERE owner_user_id IS NOT NULL`,
    `CREATE INDEX px_actions_department ON px_actions (department_id, created_at) WHERE department_id IS NOT NULL`,
    `CREATE INDEX px_actions_source ON px_actions (source_type, source_id)`,
    `CREATE TABLE px_action_events (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       action_id TEXT NOT NULL REFERENCES px_actions (id),
       kind TEXT NOT NULL,
       from_status TEXT,
       to_status TEXT,
       text TEXT,
       details TEXT,
       actor_user_id TEXT,
       actor_name TEXT NOT NULL,
       at TEXT NOT NULL,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX px_action_events_action ON px_action_events (action_id, at)`,
    `CREATE TABLE px_action_sequences (
       hospital_id TEXT PRIMARY KEY,
       last INTEGER NOT NULL
     ) STRICT`,
    `CREATE TRIGGER sla_dirty_action_insert AFTER INSERT ON px_actions BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.id, 'px_action');
     END`,
    `CREATE TRIGGER sla_dirty_action_update AFTER UPDATE OF status, priority, hospital_id, deleted_at ON px_actions BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.id, 'px_action');
     END`,
    `CREATE TRIGGER sla_dirty_action_event AFTER INSERT ON px_action_events BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.action_id, 'px_action');
     END`,
    `CREATE TRIGGER sla_dirty_action_policy AFTER INSERT ON sla_policy_versions WHEN NEW.record_type = 'px_action' BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) SELECT id, 'px_action' FROM px_actions WHERE hospital_id = NEW.hospital_id AND ${open};
     END`,
    `CREATE TRIGGER sla_dirty_action_calendar AFTER INSERT ON sla_calendar_versions BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) SELECT id, 'px_action' FROM px_actions WHERE hospital_id = NEW.hospital_id AND ${open};
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
