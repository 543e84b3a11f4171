import type { Store } from './db/store.js';
import type { ScopeKind } from '../../src-shared/roles.js';

/**
 * What part of the group a signed-in user may see. Built once per call by the
 * dispatcher from the user's role and hospital/department, then used by every
 * query (to filter) and every write (to refuse).
 *
 * - group: every hospital
 * - hospital: one hospital
 * - department: one hospital, and within it one department and its subtree.
 *   Patients belong to a hospital, not a department (they move between
 *   clinics), so a department manager sees the patients of their hospital.
 */
export class Scope {
  private constructor(
    readonly kind: ScopeKind,
    readonly hospitalId: string | null,
    readonly departmentId: string | null,
    /** null when every department of the visible hospitals is visible */
    readonly departmentIds: ReadonlySet<string> | null,
  ) {}

  static resolve(store: Store, roleScope: ScopeKind, hospitalId: string | null, departmentId: string | null): Scope {
    if (!hospitalId) return new Scope('group', null, null, null);
    if (roleScope === 'department' && departmentId) {
      const rows = store
        .statement(
          `WITH RECURSIVE subtree(id) AS (SELECT ? UNION ALL SELECT d.id FROM departments d JOIN subtree s ON d.parent_id = s.id)
           SELECT id FROM subtree`,
        )
        .pluck()
        .all(departmentId) as string[];
      return new Scope('department', hospitalId, departmentId, new Set(rows));
    }
    return new Scope('hospital', hospitalId, null, null);
  }

  get isGroup(): boolean {
    return this.kind === 'group';
  }

  canSeeHospital(hospitalId: string): boolean {
    return this.hospitalId === null || this.hospitalId === hospitalId;
  }

  /** A department-owned record (department, physician, employee, user). */
  canSeeDepartment(hospitalId: string | null, departmentId: string | null): boolean {
    if (this.hospitalId === null) return true;
    if (hospitalId !== this.hospitalId) return false;
    if (!this.departmentIds) return true;
    return departmentId !== null && this.departmentIds.has(departmentId);
  }

  /** For SQL filters: the one hospital, or null for all. */
  get hospitalFilter(): string | null {
    return this.hospitalId;
  }

  get departmentFilter(): string[] | null {
    return this.departmentIds ? [...this.departmentIds] : null;
  }
}
