import { type SelectQueryBuilder, sql } from 'kysely';
import { AppError } from '../../src-shared/errors.js';
import type { ScopeKind } from '../../src-shared/roles.js';
import { type TableName, tableInfo } from '../../src-shared/tables/index.js';
import type { Store } from './db/store.js';

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
/**
 * A record asked for by its id that lies outside the caller's scope answers
 * as one that does not exist: a 403 would tell a curious user of another
 * hospital that the id is real. The dispatcher still audits it as a denial.
 */
export class OutOfScope extends AppError {
  constructor() {
    super('NOT_FOUND', 'error.not_found');
  }
}

/** The hospital of a scope that reaches none: no row's hospital id ever equals it. */
const NO_HOSPITAL = '\u0000none';

export class Scope {
  private constructor(
    readonly kind: ScopeKind,
    readonly hospitalId: string | null,
    readonly departmentId: string | null,
    /** null when every department of the visible hospitals is visible */
    readonly departmentIds: ReadonlySet<string> | null,
  ) {}

  /**
   * The user's placement, clamped to the widest scope their role allows: a
   * user of a hospital-scoped role who is placed in no hospital (a viewer
   * made before this rule, or arrived by sync) sees no hospital at all — not
   * every hospital, which is what "no hospital" means for a group role.
   */
  static resolve(store: Store, roleScope: ScopeKind, hospitalId: string | null, departmentId: string | null): Scope {
    if (!hospitalId) return roleScope === 'group' ? new Scope('group', null, null, null) : new Scope('hospital', NO_HOSPITAL, null, new Set());
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

  /** A hospital-scoped user placed in no hospital: sees nothing (see resolve). */
  get isUnplaced(): boolean {
    return this.hospitalId === NO_HOSPITAL;
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

  /**
   * The hospital a list shows: the one the caller asked for — refused when it
   * is outside this scope, not quietly narrowed — or else the caller's own;
   * null for every hospital (a group reader who asked for none).
   */
  hospitalFor(requested: string | null | undefined): string | null {
    if (requested) {
      if (!this.canSeeHospital(requested)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
      return requested;
    }
    return this.hospitalId;
  }

  /** Whether a row of `table` is in this scope, by the table's rule (src-shared/tables): its hospital, and for department scope its department. */
  canSeeRow(table: TableName, record: object): boolean {
    const row = record as Readonly<Record<string, unknown>>;
    const { scope, hospitalColumn, departmentColumn } = tableInfo(table);
    if (scope === 'group') return true;
    if (scope === 'station' || !hospitalColumn) return this.isGroup;
    const hospitalId = row[hospitalColumn];
    if (typeof hospitalId !== 'string') return this.isGroup; // a group-level record (a user of no hospital)
    if (scope === 'department' && departmentColumn) {
      const departmentId = row[departmentColumn];
      return this.canSeeDepartment(hospitalId, typeof departmentId === 'string' ? departmentId : null);
    }
    return this.canSeeHospital(hospitalId);
  }

  /** A row the caller asked for by id: not found, to them, when it is outside this scope (see OutOfScope). */
  checkRow(table: TableName, row: object): void {
    if (!this.canSeeRow(table, row)) throw new OutOfScope();
  }

  /**
   * The list filter of `table` for this scope, as the table's spec says
   * (hospital column, and for department scope the department subtree), for
   * the hospital asked for (see hospitalFor). `alias` qualifies the columns
   * when the table is joined.
   */
  listFilter(table: TableName, requestedHospital?: string | null, alias: string = table): ListFilter {
    const { scope, hospitalColumn, departmentColumn } = tableInfo(table);
    const hospital = this.hospitalFor(requestedHospital);
    const departments = scope === 'department' && departmentColumn ? this.departmentFilter : null;
    return {
      hospital: hospital && hospitalColumn ? { column: `${alias}.${hospitalColumn}`, id: hospital } : null,
      departments: departments && departmentColumn ? { column: `${alias}.${departmentColumn}`, ids: departments } : null,
    };
  }

  /** Narrows a Kysely query on `table` to this scope (see listFilter). */
  narrow<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
    table: TableName,
    requestedHospital?: string | null,
    alias?: string,
  ): SelectQueryBuilder<DB, TB, O> {
    const filter = this.listFilter(table, requestedHospital, alias);
    let narrowed = query;
    if (filter.hospital) narrowed = narrowed.where(sql.ref(filter.hospital.column), '=', filter.hospital.id);
    if (filter.departments) narrowed = narrowed.where(sql.ref(filter.departments.column), 'in', filter.departments.ids);
    return narrowed;
  }

  /** The same filter as SQL text and parameters, for the hot paths that build their own SQL. */
  sqlFilter(table: TableName, requestedHospital?: string | null, alias?: string): { where: string[]; params: unknown[] } {
    const filter = this.listFilter(table, requestedHospital, alias);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.hospital) {
      where.push(`${filter.hospital.column} = ?`);
      params.push(filter.hospital.id);
    }
    if (filter.departments) {
      where.push(`${filter.departments.column} IN (${filter.departments.ids.map(() => '?').join(', ')})`);
      params.push(...filter.departments.ids);
    }
    return { where, params };
  }
}

export interface ListFilter {
  readonly hospital: { readonly column: string; readonly id: string } | null;
  readonly departments: { readonly column: string; readonly ids: readonly string[] } | null;
}
