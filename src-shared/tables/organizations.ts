import { normalizeNameForSearch } from '../identity.js';
import { defineTable, derived, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** The group's hospitals, departments, physicians, employees and patients. Booleans are SQLite integers (0/1). */

/**
 * The group's own settings: one row, the same id on every station, changed
 * only by the central team (a group station) and synced to all.
 */
export interface GroupSettingsTable extends RecordColumns {
  /** 1: PX Admins and Hospital Admins must sign in with an authenticator app (TOTP) as well as their password */
  require_admin_totp: number;
}

export interface HospitalsTable extends RecordColumns {
  code: string;
  name_en: string;
  name_ar: string;
  time_zone: string;
  active: number;
}

export interface DepartmentsTable extends RecordColumns {
  hospital_id: string;
  parent_id: string | null;
  code: string;
  name_en: string;
  name_ar: string;
  active: number;
}

export interface PhysiciansTable extends RecordColumns {
  hospital_id: string;
  department_id: string | null;
  license_number: string;
  name_en: string;
  name_ar: string;
  specialty: string | null;
  phone: string | null;
  email: string | null;
  active: number;
}

export interface EmployeesTable extends RecordColumns {
  hospital_id: string;
  department_id: string | null;
  employee_number: string;
  name_en: string;
  name_ar: string;
  job_title: string | null;
  user_id: string | null;
  phone: string | null;
  email: string | null;
  active: number;
}

export interface PatientsTable extends RecordColumns {
  hospital_id: string;
  mrn: string;
  national_id: string | null;
  name_en: string;
  name_ar: string;
  phone: string | null;
  email: string | null;
  preferred_language: 'ar' | 'en';
  birth_date: string | null;
  gender: 'M' | 'F' | null;
  active: number;
  /** both names folded for search (src-shared/identity.ts), kept in the patients_fts index */
  name_search: string;
}

const hospitals = defineTable<HospitalsTable>()({
  name: 'hospitals',
  domain: 'organizations',
  sync: 'group',
  scope: 'hospital',
  hospitalColumn: 'id',
  keyField: 'code',
  label: { en: 'Hospital', ar: 'مستشفى' },
  columns: {
    ...ID,
    code: synced(LABEL.code),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    time_zone: synced({ en: 'Time zone', ar: 'المنطقة الزمنية' }),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
  },
});

const groupSettings = defineTable<GroupSettingsTable>()({
  name: 'group_settings',
  domain: 'organizations',
  // group configuration: every station receives it; the hub and the stations take changes only from group stations
  sync: 'group',
  scope: 'group',
  label: { en: 'Group settings', ar: 'إعدادات المجموعة' },
  columns: {
    ...ID,
    require_admin_totp: synced({ en: 'Two-step sign-in for PX Admins and Hospital Admins', ar: 'التحقق بخطوتين لمديري تجربة المريض ومديري المستشفيات' }),
    ...RECORD_TIMES,
  },
});

const departments = defineTable<DepartmentsTable>()({
  name: 'departments',
  domain: 'organizations',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'id',
  keyField: 'code',
  label: { en: 'Department', ar: 'قسم' },
  groupOverview: 4,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    parent_id: nullable(synced({ en: 'Parent department', ar: 'القسم الرئيسي' }, 'departments')),
    code: synced(LABEL.code),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
  },
});

const physicians = defineTable<PhysiciansTable>()({
  name: 'physicians',
  domain: 'organizations',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'department_id',
  keyField: 'license_number',
  label: { en: 'Physician', ar: 'طبيب' },
  groupOverview: 5,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    department_id: nullable(synced(LABEL.department, 'departments')),
    license_number: synced({ en: 'License number', ar: 'رقم الترخيص' }),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    specialty: nullable(synced({ en: 'Specialty', ar: 'التخصص' })),
    phone: nullable(synced(LABEL.phone)),
    email: nullable(synced(LABEL.email)),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
  },
});

const employees = defineTable<EmployeesTable>()({
  name: 'employees',
  domain: 'organizations',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'department_id',
  keyField: 'employee_number',
  label: { en: 'Employee', ar: 'موظف' },
  groupOverview: 6,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    department_id: nullable(synced(LABEL.department, 'departments')),
    employee_number: synced({ en: 'Employee number', ar: 'الرقم الوظيفي' }),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    job_title: nullable(synced({ en: 'Job title', ar: 'المسمى الوظيفي' })),
    // the link to a console account; users sync after employees may, so no foreign key is enforced
    user_id: nullable(synced({ en: 'Console account', ar: 'حساب المستخدم المرتبط' })),
    phone: nullable(synced(LABEL.phone)),
    email: nullable(synced(LABEL.email)),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
  },
});

const patients = defineTable<PatientsTable>()({
  name: 'patients',
  domain: 'organizations',
  sync: 'hospital',
  // patients belong to a hospital, not a department: they move between clinics
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  keyField: 'mrn',
  label: { en: 'Patient', ar: 'مريض' },
  groupOverview: 1,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    mrn: synced({ en: 'MRN', ar: 'رقم الملف الطبي' }),
    national_id: nullable(synced({ en: 'National ID / iqama', ar: 'رقم الهوية / الإقامة' })),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    phone: nullable(synced(LABEL.phone)),
    email: nullable(synced(LABEL.email)),
    preferred_language: synced(LABEL.language),
    birth_date: nullable(synced({ en: 'Birth date', ar: 'تاريخ الميلاد' })),
    gender: nullable(synced({ en: 'Gender', ar: 'الجنس' })),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
    name_search: derived,
  },
  derived: {
    inputs: ['name_en', 'name_ar'],
    compute: (row) => ({ name_search: normalizeNameForSearch(`${String(row.name_en ?? '')} ${String(row.name_ar ?? '')}`) }),
  },
});

export const organizationsTables = [groupSettings, hospitals, departments, physicians, employees, patients] as const;
