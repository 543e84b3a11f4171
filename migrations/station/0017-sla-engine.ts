// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

const RECORD = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT`;

/**
 * The SLA engine (issue 12; docs/sla-design.md).
 *
 * Synced per hospital:
 * - sla_policy_versions: a hospital's targets and steps for a record type
 *   and priority, one immutable row per change, in force from
 *   effective_from. Until a hospital saves one, the defaults in code apply.
 * - sla_calendar_versions: a hospital's business calendar, the same way.
 * - sla_firings: one row per reminder or escalation that fired, its id
 *   derived from (record, clock, cycle, step) and that key unique: two
 *   stations that fire the same step write one row.
 * - staff_notifications: the bell, one row per person and firing (its id
 *   derived the same way), shown from deliver_at (business hours unless the
 *   step says otherwise); read_at read on one station is read everywhere.
 *
 * This station's own:
 * - sla_due: the next instant anything comes due per record, the engine's
 *   index: a tick reads what is due, never what is open.
 * - sla_dirty: records whose clock may have changed, refreshed into sla_due
 *   at the next tick. Triggers fill it on every write, local or applied
 *   from sync: a status change, a patient note, a priority, a firing from
 *   another station, a new policy or calendar version (all open records of
 *   the hospital).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const open = `status NOT IN ('resolved', 'closed') AND deleted_at IS NULL`;
  const statements = [
    `CREATE TABLE sla_policy_versions (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       record_type TEXT NOT NULL,
       priority TEXT NOT NULL,
       effective_from TEXT NOT NULL,
       targets TEXT NOT NULL,
       steps TEXT NOT NULL,
       note TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX sla_policy_versions_lookup ON sla_policy_versions (hospital_id, record_type, priority, effective_from)`,
    `CREATE TABLE sla_calendar_versions (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       effective_from TEXT NOT NULL,
       calendar TEXT NOT NULL,
       note TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX sla_calendar_versions_lookup ON sla_calendar_versions (hospital_id, effective_from)`,
    `CREATE TABLE sla_firings (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       record_type TEXT NOT NULL,
       record_id TEXT NOT NULL,
       clock TEXT NOT NULL,
       cycle INTEGER NOT NULL,
       step_id TEXT NOT NULL,
       step_kind TEXT NOT NULL,
       level INTEGER,
       reached_at TEXT NOT NULL,
       fired_at TEXT NOT NULL,
       policy_version_id TEXT NOT NULL,
       recipients TEXT NOT NULL,
       problem TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE UNIQUE INDEX sla_firings_key ON sla_firings (record_id, clock, cycle, step_id)`,
    `CREATE TABLE staff_notifications (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       user_id TEXT NOT NULL REFERENCES users (id),
       kind TEXT NOT NULL,
       record_type TEXT NOT NULL,
       record_id TEXT NOT NULL,
       record_number TEXT NOT NULL,
       firing_id TEXT,
       details TEXT NOT NULL,
       deliver_at TEXT NOT NULL,
       read_at TEXT,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX staff_notifications_user ON staff_notifications (user_id, deliver_at)`,
    `CREATE TABLE sla_due (
       record_id TEXT PRIMARY KEY,
       record_type TEXT NOT NULL,
       next_due_at TEXT NOT NULL
     ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX sla_due_next ON sla_due (next_due_at)`,
    `CREATE TABLE sla_dirty (
       record_id TEXT PRIMARY KEY,
       record_type TEXT NOT NULL
     ) STRICT, WITHOUT ROWID`,
    `CREATE TRIGGER sla_dirty_complaint_insert AFTER INSERT ON complaints BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.id, 'complaint');
     END`,
    `CREATE TRIGGER sla_dirty_complaint_update AFTER UPDATE OF status, priority, severity, hospital_id, first_response_at, deleted_at ON complaints BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.id, 'complaint');
     END`,
    `CREATE TRIGGER sla_dirty_complaint_event AFTER INSERT ON complaint_events BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.complaint_id, 'complaint');
     END`,
    `CREATE TRIGGER sla_dirty_firing AFTER INSERT ON sla_firings BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) VALUES (NEW.record_id, NEW.record_type);
     END`,
    `CREATE TRIGGER sla_dirty_policy AFTER INSERT ON sla_policy_versions WHEN NEW.record_type = 'complaint' BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) SELECT id, 'complaint' FROM complaints WHERE hospital_id = NEW.hospital_id AND ${open};
     END`,
    `CREATE TRIGGER sla_dirty_calendar AFTER INSERT ON sla_calendar_versions BEGIN
       INSERT OR IGNORE INTO sla_dirty (record_id, record_type) SELECT id, 'complaint' FROM complaints WHERE hospital_id = NEW.hospital_id AND ${open};
     END`,
    // complaints filed before this migration: their clocks are computed at the first tick
    `INSERT INTO sla_dirty (record_id, record_type) SELECT id, 'complaint' FROM complaints WHERE ${open}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
