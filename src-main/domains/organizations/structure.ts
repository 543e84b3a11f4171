import type { Department, Hospital, ParsedInput } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import type { Caller } from '../../core/context.js';
import { activation, type DataLayer } from '../../core/data-layer.js';
import type { DepartmentsTable, HospitalsTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import { fetchPage, type Page } from '../../core/paging.js';
import { matchesText } from '../../core/search.js';
import { toDepartment, toHospital } from './mappers.js';

/** Hospitals and their department trees. */
export class StructureService {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {}

  hospitalRow(id: string): HospitalsTable | undefined {
    return this.store.first(this.store.db.selectFrom('hospitals').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  }

  hospitalByCode(code: string): HospitalsTable | undefined {
    return this.store.first(this.store.db.selectFrom('hospitals').selectAll().where('code', '=', code).where('deleted_at', 'is', null));
  }

  departmentRow(id: string): DepartmentsTable | undefined {
    return this.store.first(this.store.db.selectFrom('departments').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  }

  visibleHospital(caller: Caller, id: string): HospitalsTable {
    const row = this.hospitalRow(id);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('hospitals', row);
    return row;
  }

  visibleDepartment(caller: Caller, id: string): DepartmentsTable {
    const row = this.departmentRow(id);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('departments', row);
    return row;
  }

  /** A department named in a form must exist, be visible, and belong to the record's hospital. */
  checkDepartmentOf(caller: Caller, hospitalId: string, departmentId: string | null | undefined, field = 'departmentId'): void {
    if (!departmentId) return;
    const department = this.departmentRow(departmentId);
    if (!department) throw invalidField(field, 'field.not_found');
    if (department.hospital_id !== hospitalId) throw invalidField(field, 'error.hospital_mismatch');
    if (!caller.scope.canSeeDepartment(department.hospital_id, department.id)) throw invalidField(field, 'field.out_of_scope');
  }

  listHospitals(caller: Caller, filter: ParsedInput<'hospitals.list'>): Page<Hospital> {
    let query = this.store.db.selectFrom('hospitals').where('deleted_at', 'is', null);
    query = caller.scope.narrow(query, 'hospitals');
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    if (filter.q) {
      const q = filter.q;
      query = query.where((eb) => matchesText(eb, ['code', 'name_en', 'name_ar'], q));
    }
    return fetchPage(this.store, query, (q) => q.selectAll().orderBy('code'), filter, toHospital);
  }

  createHospital(caller: Caller, input: ParsedInput<'hospitals.create'>): Hospital {
    if (!caller.scope.isGroup) throw new AppError('FORBIDDEN', 'error.out_of_scope');
    return this.data.write(caller.actor, (tx) => {
      if (this.hospitalByCode(input.code)) throw invalidField('code', 'field.taken');
      return toHospital(tx.insert('hospitals', { code: input.code, name_en: input.nameEn, name_ar: input.nameAr, time_zone: input.timeZone, active: 1 }));
    });
  }

  updateHospital(caller: Caller, input: ParsedInput<'hospitals.update'>): Hospital {
    const row = this.visibleHospital(caller, input.id);
    return toHospital(
      this.data.write(caller.actor, (tx) => tx.update('hospitals', row.id, { name_en: input.nameEn, name_ar: input.nameAr, time_zone: input.timeZone })),
    );
  }

  setHospitalActive(caller: Caller, id: string, active: boolean): Hospital {
    const row = this.visibleHospital(caller, id);
    return toHospital(this.data.write(caller.actor, (tx) => tx.update('hospitals', row.id, { active: active ? 1 : 0 }, activation('hospitals', active))));
  }

  listDepartments(caller: Caller, filter: ParsedInput<'departments.list'>): Page<Department> {
    let query = this.store.db.selectFrom('departments').where('deleted_at', 'is', null);
    query = caller.scope.narrow(query, 'departments', filter.hospitalId);
    if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    if (filter.q) {
      const q = filter.q;
      query = query.where((eb) => matchesText(eb, ['code', 'name_en', 'name_ar'], q));
    }
    return fetchPage(this.store, query, (q) => q.selectAll().orderBy('hospital_id').orderBy('code'), filter, toDepartment);
  }

  createDepartment(caller: Caller, input: ParsedInput<'departments.create'>): Department {
    this.visibleHospital(caller, input.hospitalId);
    this.checkDepartmentOf(caller, input.hospitalId, input.parentId, 'parentId');
    return this.data.write(caller.actor, (tx) => {
      if (this.store.statement('SELECT 1 FROM departments WHERE hospital_id = ? AND code = ?').get(input.hospitalId, input.code)) {
        throw invalidField('code', 'field.taken');
      }
      return toDepartment(
        tx.insert('departments', {
          hospital_id: input.hospitalId,
          parent_id: input.parentId ?? null,
          code: input.code,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          active: 1,
        }),
      );
    });
  }

  updateDepartment(caller: Caller, input: ParsedInput<'departments.update'>): Department {
    const row = this.visibleDepartment(caller, input.id);
    if (input.parentId) {
      this.checkDepartmentOf(caller, row.hospital_id, input.parentId, 'parentId');
      if (this.isInSubtree(input.parentId, row.id)) throw invalidField('parentId', 'error.department_cycle');
    }
    return toDepartment(
      this.data.write(caller.actor, (tx) => tx.update('departments', row.id, { parent_id: input.parentId, name_en: input.nameEn, name_ar: input.nameAr })),
    );
  }

  setDepartmentActive(caller: Caller, id: string, active: boolean): Department {
    const row = this.visibleDepartment(caller, id);
    return toDepartment(this.data.write(caller.actor, (tx) => tx.update('departments', row.id, { active: active ? 1 : 0 }, activation('departments', active))));
  }

  /** Would making `candidate` the parent of `root` put `root` under itself? */
  private isInSubtree(candidate: string, root: string): boolean {
    const hit = this.store
      .statement(
        `WITH RECURSIVE subtree(id) AS (SELECT ? UNION ALL SELECT d.id FROM departments d JOIN subtree s ON d.parent_id = s.id)
         SELECT 1 FROM subtree WHERE id = ?`,
      )
      .get(root, candidate);
    return hit !== undefined;
  }
}
