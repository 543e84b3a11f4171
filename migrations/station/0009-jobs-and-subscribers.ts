// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The station's background work (src-main/core/jobs.ts) and the readers of
 * its domain events (src-main/core/domain-events.ts) keep what an operator
 * needs to see across restarts: each job's last run, its outcome, its last
 * error and when it runs next; each subscriber's place in `domain_events`
 * and why it is stuck.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // one row per job name; written by the scheduler only. Errors are JSON
    // {code, key} (a message key of src-shared/messages.ts): never a patient's data.
    `CREATE TABLE job_state (
       name TEXT PRIMARY KEY,
       runs INTEGER NOT NULL DEFAULT 0,
       last_started_at TEXT,
       last_finished_at TEXT,
       last_duration_ms REAL,
       last_outcome TEXT CHECK (last_outcome IN ('ok', 'failed')),
       failures INTEGER NOT NULL DEFAULT 0,
       last_error TEXT,
       last_error_at TEXT,
       next_run_at TEXT,
       updated_at TEXT NOT NULL
     ) STRICT`,
    // one row per subscriber: every event of its types up to last_seq is delivered.
    // Advanced in the transaction that holds the subscriber's own writes.
    `CREATE TABLE domain_event_cursors (
       subscriber TEXT PRIMARY KEY,
       last_seq INTEGER NOT NULL DEFAULT 0,
       delivered INTEGER NOT NULL DEFAULT 0,
       last_delivered_at TEXT,
       failures INTEGER NOT NULL DEFAULT 0,
       failing_seq INTEGER,
       last_error TEXT,
       last_error_at TEXT,
       next_attempt_at TEXT,
       updated_at TEXT NOT NULL
     ) STRICT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
