import type { Employee, ParsedInput, Physician } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import type { Caller } from '../../core/context.js';
import { activation, type DataLayer } from '../../core/data-layer.js';
import type { Database } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import { fetchPage, type Page } from '../../core/paging.js';
import { matchesText } from '../../core/search.js';
import { toEmployee, toPhysician } from './mappers.js';
import type { StructureService } from './structure.js';

type StaffTable = 'physicians' | 'employees';
interface StaffFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  active?: boolean | undefined;
  hospitalId?: string | undefined;
  departmentId?: string | undefined;
}

/** Physicians and employees: department-owned people, scoped like departments. */
export class StaffService {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly structure: StructureService,
  ) {}

  private filtered(caller: Caller, table: StaffTable, filter: StaffFilter, numberColumn: 'license_number' | 'employee_number') {
    let query = this.store.db.selectFrom(table).where('deleted_at', 'is', null);
    query = caller.scope.narrow(query, table, filter.hospitalId);
    if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    if (filter.q) {
      const q = filter.q;
      query = query.where((eb) => matchesText(eb, [numberColumn, 'name_en', 'name_ar'], q));
    }
    return query;
  }

  private visible<T extends StaffTable>(caller: Caller, table: T, id: string): Database[T] {
    const row = this.store.statement(`SELECT * FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as
      (Database[T] & { hospital_id: string; department_id: string | null }) | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow(table, row);
    return row;
  }

  /** New or moved staff must land inside the caller's scope. */
  private checkPlacement(caller: Caller, hospitalId: string, departmentId: string | null | undefined): void {
    this.structure.visibleHospital(caller, hospitalId);
    this.structure.checkDepartmentOf(caller, hospitalId, departmentId);
    if (!caller.scope.canSeeDepartment(hospitalId, departmentId ?? null)) throw invalidField('departmentId', 'field.out_of_scope');
  }

  // ---- physicians ---------------------------------------------------------

  physician(caller: Caller, id: string): Physician {
    return toPhysician(this.visible(caller, 'physicians', id));
  }

  listPhysicians(caller: Caller, filter: ParsedInput<'physicians.list'>): Page<Physician> {
    const query = this.filtered(caller, 'physicians', filter, 'license_number');
    return fetchPage(this.store, query, (q) => q.selectAll().orderBy('name_en'), filter, toPhysician);
  }

  createPhysician(caller: Caller, input: ParsedInput<'physicians.create'>): Physician {
    this.checkPlacement(caller, input.hospitalId, input.departmentId);
    return this.data.write(caller.actor, (tx) => {
      if (this.store.statement('SELECT 1 FROM physicians WHERE license_number = ?').get(input.licenseNumber))
        throw invalidField('licenseNumber', 'field.taken');
      return toPhysician(
        tx.insert('physicians', {
          hospital_id: input.hospitalId,
          department_id: input.departmentId ?? null,
          license_number: input.licenseNumber,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          specialty: input.specialty ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          active: 1,
        }),
      );
    });
  }

  updatePhysician(caller: Caller, input: ParsedInput<'physicians.update'>): Physician {
    const row = this.visible(caller, 'physicians', input.id);
    if (input.departmentId !== undefined) this.checkPlacement(caller, row.hospital_id, input.departmentId);
    return this.data.write(caller.actor, (tx) => {
      if (input.licenseNumber && this.store.statement('SELECT 1 FROM physicians WHERE license_number = ? AND id != ?').get(input.licenseNumber, row.id)) {
        throw invalidField('licenseNumber', 'field.taken');
      }
      return toPhysician(
        tx.update('physicians', row.id, {
          department_id: input.departmentId,
          license_number: input.licenseNumber,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          specialty: input.specialty,
          phone: input.phone,
          email: input.email,
        }),
      );
    });
  }

  setPhysicianActive(caller: Caller, id: string, active: boolean): Physician {
    const row = this.visible(caller, 'physicians', id);
    return toPhysician(this.data.write(caller.actor, (tx) => tx.update('physicians', row.id, { active: active ? 1 : 0 }, activation('physicians', active))));
  }

  // ---- employees ----------------------------------------------------------

  employee(caller: Caller, id: string): Employee {
    return toEmployee(this.visible(caller, 'employees', id));
  }

  listEmployees(caller: Caller, filter: ParsedInput<'employees.list'>): Page<Employee> {
    const query = this.filtered(caller, 'employees', filter, 'employee_number');
    return fetchPage(this.store, query, (q) => q.selectAll().orderBy('name_en'), filter, toEmployee);
  }

  private checkUserLink(caller: Caller, userId: string | null | undefined): void {
    if (!userId) return;
    const user = this.store.first(this.store.db.selectFrom('users').select(['hospital_id', 'department_id']).where('id', '=', userId));
    if (!user) throw invalidField('userId', 'field.not_found');
    if (!caller.scope.canSeeDepartment(user.hospital_id, user.department_id)) throw invalidField('userId', 'field.out_of_scope');
  }

  createEmployee(caller: Caller, input: ParsedInput<'employees.create'>): Employee {
    this.checkPlacement(caller, input.hospitalId, input.departmentId);
    this.checkUserLink(caller, input.userId);
    return this.data.write(caller.actor, (tx) => {
      if (this.store.statement('SELECT 1 FROM employees WHERE hospital_id = ? AND employee_number = ?').get(input.hospitalId, input.employeeNumber)) {
        throw invalidField('employeeNumber', 'field.taken');
      }
      return toEmployee(
        tx.insert('employees', {
          hospital_id: input.hospitalId,
          department_id: input.departmentId ?? null,
          employee_number: input.employeeNumber,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          job_title: input.jobTitle ?? null,
          user_id: input.userId ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          active: 1,
        }),
      );
    });
  }

  updateEmployee(caller: Caller, input: ParsedInput<'employees.update'>): Employee {
    const row = this.visible(caller, 'employees', input.id);
    if (input.departmentId !== undefined) this.checkPlacement(caller, row.hospital_id, input.departmentId);
    this.checkUserLink(caller, input.userId);
    return toEmployee(
      this.data.write(caller.actor, (tx) =>
        tx.update('employees', row.id, {
          department_id: input.departmentId,
          name_en: input.nameEn,
          name_ar: input.nameAr,
          job_title: input.jobTitle,
          user_id: input.userId,
          phone: input.phone,
          email: input.email,
        }),
      ),
    );
  }

  setEmployeeActive(caller: Caller, id: string, active: boolean): Employee {
    const row = this.visible(caller, 'employees', id);
    return toEmployee(this.data.write(caller.actor, (tx) => tx.update('employees', row.id, { active: active ? 1 : 0 }, activation('employees', active))));
  }
}
