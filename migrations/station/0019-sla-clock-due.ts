// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * When each open record's running clock is due (docs/sla-design.md), for
 * the queues "overdue" and "due today": this station's own, derived, and
 * written by the SLA engine whenever it refreshes a record (as sla_due is);
 * a paused or stopped record has none. The open records are marked changed
 * so the next pass computes theirs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE sla_clock_due (
       record_id TEXT PRIMARY KEY,
       record_type TEXT NOT NULL,
       due_at TEXT NOT NULL
     ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX sla_clock_due_at ON sla_clock_due (due_at)`,
    `INSERT OR IGNORE INTO sla_dirty (record_id, record_type)
       SELECT id, 'complaint' FROM complaints WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL`,
    `INSERT OR IGNORE INTO sla_dirty (record_id, record_type)
       SELECT id, 'px_action' FROM px_actions WHERE status NOT IN ('approved', 'closed', 'cancelled') AND deleted_at IS NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
