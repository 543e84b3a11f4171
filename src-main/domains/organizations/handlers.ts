import type { Handler } from '../../core/context.js';
import { toDepartment, toHospital } from './mappers.js';
import type { PatientsService } from './patients.js';
import type { StaffService } from './staff.js';
import type { StructureService } from './structure.js';

export function organizationsHandlers(structure: StructureService, staff: StaffService, patients: PatientsService) {
  return {
    'hospitals.list': ((input, { caller }) => structure.listHospitals(caller, input)) satisfies Handler<'hospitals.list'>,
    'hospitals.get': ((input, { caller }) => toHospital(structure.visibleHospital(caller, input.id))) satisfies Handler<'hospitals.get'>,
    'hospitals.create': ((input, { caller }) => structure.createHospital(caller, input)) satisfies Handler<'hospitals.create'>,
    'hospitals.update': ((input, { caller }) => structure.updateHospital(caller, input)) satisfies Handler<'hospitals.update'>,
    'hospitals.setActive': ((input, { caller }) => structure.setHospitalActive(caller, input.id, input.active)) satisfies Handler<'hospitals.setActive'>,

    'departments.list': ((input, { caller }) => structure.listDepartments(caller, input)) satisfies Handler<'departments.list'>,
    'departments.get': ((input, { caller }) => toDepartment(structure.visibleDepartment(caller, input.id))) satisfies Handler<'departments.get'>,
    'departments.create': ((input, { caller }) => structure.createDepartment(caller, input)) satisfies Handler<'departments.create'>,
    'departments.update': ((input, { caller }) => structure.updateDepartment(caller, input)) satisfies Handler<'departments.update'>,
    'departments.setActive': ((input, { caller }) => structure.setDepartmentActive(caller, input.id, input.active)) satisfies Handler<'departments.setActive'>,

    'physicians.list': ((input, { caller }) => staff.listPhysicians(caller, input)) satisfies Handler<'physicians.list'>,
    'physicians.get': ((input, { caller }) => staff.physician(caller, input.id)) satisfies Handler<'physicians.get'>,
    'physicians.create': ((input, { caller }) => staff.createPhysician(caller, input)) satisfies Handler<'physicians.create'>,
    'physicians.update': ((input, { caller }) => staff.updatePhysician(caller, input)) satisfies Handler<'physicians.update'>,
    'physicians.setActive': ((input, { caller }) => staff.setPhysicianActive(caller, input.id, input.active)) satisfies Handler<'physicians.setActive'>,

    'employees.list': ((input, { caller }) => staff.listEmployees(caller, input)) satisfies Handler<'employees.list'>,
    'employees.get': ((input, { caller }) => staff.employee(caller, input.id)) satisfies Handler<'employees.get'>,
    'employees.create': ((input, { caller }) => staff.createEmployee(caller, input)) satisfies Handler<'employees.create'>,
    'employees.update': ((input, { caller }) => staff.updateEmployee(caller, input)) satisfies Handler<'employees.update'>,
    'employees.setActive': ((input, { caller }) => staff.setEmployeeActive(caller, input.id, input.active)) satisfies Handler<'employees.setActive'>,

    'patients.search': ((input, { caller }) => patients.search(caller, input)) satisfies Handler<'patients.search'>,
    'patients.get': ((input, { caller }) => patients.get(caller, input.id)) satisfies Handler<'patients.get'>,
    'patients.create': ((input, { caller }) => patients.create(caller, input)) satisfies Handler<'patients.create'>,
    'patients.update': ((input, { caller }) => patients.update(caller, input)) satisfies Handler<'patients.update'>,
    'patients.setActive': ((input, { caller }) => patients.setActive(caller, input.id, input.active)) satisfies Handler<'patients.setActive'>,
  };
}
