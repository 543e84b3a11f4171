import type { Department, Employee, Hospital, Patient, Physician } from '../../../src-shared/contract/index.js';
import type { DepartmentsTable, EmployeesTable, HospitalsTable, PatientsTable, PhysiciansTable } from '../../core/db/schema.js';

const record = (row: { id: string; active: number; created_at: string; updated_at: string }) => ({
  id: row.id,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toHospital = (row: HospitalsTable): Hospital => ({
  ...record(row),
  code: row.code,
  nameEn: row.name_en,
  nameAr: row.name_ar,
  timeZone: row.time_zone,
});

export const toDepartment = (row: DepartmentsTable): Department => ({
  ...record(row),
  hospitalId: row.hospital_id,
  parentId: row.parent_id,
  code: row.code,
  nameEn: row.name_en,
  nameAr: row.name_ar,
});

export const toPhysician = (row: PhysiciansTable): Physician => ({
  ...record(row),
  hospitalId: row.hospital_id,
  departmentId: row.department_id,
  licenseNumber: row.license_number,
  nameEn: row.name_en,
  nameAr: row.name_ar,
  specialty: row.specialty,
  phone: row.phone,
  email: row.email,
});

export const toEmployee = (row: EmployeesTable): Employee => ({
  ...record(row),
  hospitalId: row.hospital_id,
  departmentId: row.department_id,
  employeeNumber: row.employee_number,
  nameEn: row.name_en,
  nameAr: row.name_ar,
  jobTitle: row.job_title,
  userId: row.user_id,
  phone: row.phone,
  email: row.email,
});

export const toPatient = (row: PatientsTable): Patient => ({
  ...record(row),
  hospitalId: row.hospital_id,
  mrn: row.mrn,
  nationalId: row.national_id,
  nameEn: row.name_en,
  nameAr: row.name_ar,
  phone: row.phone,
  email: row.email,
  preferredLanguage: row.preferred_language,
  birthDate: row.birth_date,
  gender: row.gender,
});
