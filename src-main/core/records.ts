import { AppError, invalidField } from '../../src-shared/errors.js';
import type { ScopeKind } from '../../src-shared/roles.js';
import type { Caller } from './context.js';
import type { Store } from './db/store.js';
import { Scope } from './scope.js';

/**
 * What the records with a number and a timeline (complaints, PX actions;
 * call logs next) share: reading one in the caller's scope, checking a
 * department belongs to its hospital, handing out the station's next
 * number for a hospital, and reading a timeline entry's details.
 */

/** A live record the caller may see, or 404 (out of scope reads as not there). */
export function recordInScope<Row extends { hospital_id: string }>(store: Store, caller: Caller, table: 'complaints' | 'px_actions', id: string): Row {
  const row = store.statement(`SELECT * FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
  caller.scope.checkRow(table, row);
  return row;
}

/**
 * A record as it will be after a write stays in the caller's scope, or the
 * field that would take it out is refused before anything is written (a
 * department manager filing for another department would file it, then be
 * told it does not exist, and file it again).
 */
export function checkStaysInScope(caller: Caller, table: 'complaints' | 'px_actions', row: { hospital_id: string; department_id: string | null }): void {
  if (!caller.scope.canSeeRow(table, row)) throw invalidField('departmentId', 'field.department_out_of_scope');
}

/** Whether a person (by their role's scope, hospital and department) can see a record: whom work may be given to. */
export function userCanSee(
  store: Store,
  userId: string,
  table: 'complaints' | 'px_actions',
  row: { hospital_id: string; department_id: string | null },
): boolean {
  const user = store.statement('SELECT r.scope, u.hospital_id, u.department_id FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = ?').get(userId) as
    { scope: ScopeKind; hospital_id: string | null; department_id: string | null } | undefined;
  return user !== undefined && Scope.resolve(store, user.scope, user.hospital_id, user.department_id).canSeeRow(table, row);
}

/** A physician of the hospital, or the field's refusal. */
export function checkPhysicianOf(store: Store, hospitalId: string, physicianId: string | null): void {
  if (!physicianId) return;
  const found = store.statement('SELECT 1 FROM physicians WHERE id = ? AND hospital_id = ? AND deleted_at IS NULL').get(physicianId, hospitalId);
  if (!found) throw invalidField('physicianId', 'field.not_found');
}

/** A department of the hospital, or the field's refusal. */
export function checkDepartmentOf(store: Store, hospitalId: string, departmentId: string | null): void {
  if (!departmentId) return;
  const found = store.statement('SELECT 1 FROM departments WHERE id = ? AND hospital_id = ? AND deleted_at IS NULL').get(departmentId, hospitalId);
  if (!found) throw invalidField('departmentId', 'field.not_found');
}

/** The hospital's code and this station's next sequence number for it (its own counter: two stations never share one). */
export function nextSequence(store: Store, table: 'complaint_sequences' | 'px_action_sequences', hospitalId: string): { code: string; sequence: number } {
  const code = store.statement('SELECT code FROM hospitals WHERE id = ?').pluck().get(hospitalId) as string | undefined;
  if (!code) throw invalidField('hospitalId', 'field.not_found');
  const sequence = store
    .statement(`INSERT INTO ${table} (hospital_id, last) VALUES (?, 1) ON CONFLICT (hospital_id) DO UPDATE SET last = last + 1 RETURNING last`)
    .pluck()
    .get(hospitalId) as number;
  return { code, sequence };
}

/** A timeline entry's details as stored (JSON of an object), read tolerantly: anything else reads as none. */
export function detailsOf(stored: string | null): Record<string, unknown> | null {
  if (!stored) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
