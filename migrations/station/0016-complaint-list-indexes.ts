// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The complaints console's list at a group's size (test/bench/complaint-list):
 * - complaints_open: the open queue in order, so a page reads 25 entries of
 *   the index instead of sorting every open complaint of the hospital;
 * - complaints_live: every complaint not deleted, in order: a count of a
 *   hospital's 30,000 reads the index alone (16 ms when it had to read each
 *   row for its deleted_at);
 * - complaints_department: a department manager's view, in order;
 * - complaints_reported_mrn and complaints_complainant: a search by an MRN
 *   no patient matched, or by the start of a complainant's name (NOCASE, as
 *   LIKE compares), each read through its index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE INDEX complaints_open ON complaints (hospital_id, received_at) WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL`,
    `CREATE INDEX complaints_live ON complaints (hospital_id, received_at) WHERE deleted_at IS NULL`,
    `CREATE INDEX complaints_department ON complaints (department_id, received_at) WHERE department_id IS NOT NULL AND deleted_at IS NULL`,
    `CREATE INDEX complaints_reported_mrn ON complaints (reported_mrn) WHERE reported_mrn IS NOT NULL`,
    `CREATE INDEX complaints_complainant ON complaints (complainant_name COLLATE NOCASE) WHERE complainant_name IS NOT NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
