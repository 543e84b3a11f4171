import { z } from 'zod';
import {
  byId,
  code,
  email,
  id,
  isoDate,
  language,
  nameAr,
  nameEn,
  optional,
  paged,
  paging,
  phone,
  safeText,
  saudiId,
  setActive,
  timestamp,
  timeZone,
} from './common.js';
import { mutation, query } from './define.js';
import { departmentRef, hospitalRef } from './scoped.js';

const record = { id, active: z.boolean(), createdAt: timestamp, updatedAt: timestamp };
const listFilter = { ...paging, q: z.string().trim().max(100).optional(), active: z.boolean().optional() };

export const hospitalSchema = z.object({ ...record, code: z.string(), nameEn: z.string(), nameAr: z.string(), timeZone: z.string() });
export type Hospital = z.infer<typeof hospitalSchema>;

export const departmentSchema = z.object({
  ...record,
  hospitalId: id,
  parentId: id.nullable(),
  code: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;

export const physicianSchema = z.object({
  ...record,
  hospitalId: id,
  departmentId: id.nullable(),
  licenseNumber: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  specialty: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Physician = z.infer<typeof physicianSchema>;

export const employeeSchema = z.object({
  ...record,
  hospitalId: id,
  departmentId: id.nullable(),
  employeeNumber: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  jobTitle: z.string().nullable(),
  userId: id.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Employee = z.infer<typeof employeeSchema>;

export const GENDERS = ['M', 'F'] as const;
export const patientSchema = z.object({
  ...record,
  hospitalId: id,
  mrn: z.string(),
  nationalId: z.string().nullable(),
  nameEn: z.string(),
  nameAr: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: language,
  birthDate: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
});
export type Patient = z.infer<typeof patientSchema>;

const licenseNumber = safeText(40, 2);
const mrn = safeText(40);
const birthDate = isoDate.refine((value) => value <= new Date().toISOString().slice(0, 10), { error: 'field.date_future' });

const hospitalFields = { nameEn, nameAr, timeZone: timeZone.default('Asia/Riyadh') };
const departmentFields = { parentId: optional(id), nameEn, nameAr };
const physicianFields = {
  departmentId: optional(departmentRef),
  nameEn,
  nameAr,
  specialty: optional(safeText(120)),
  phone: optional(phone),
  email: optional(email),
};
const employeeFields = {
  departmentId: optional(departmentRef),
  nameEn,
  nameAr,
  jobTitle: optional(safeText(120)),
  userId: optional(id),
  phone: optional(phone),
  email: optional(email),
};
const patientFields = {
  nationalId: optional(saudiId),
  nameEn,
  nameAr,
  phone: optional(phone),
  email: optional(email),
  preferredLanguage: language.default('ar'),
  birthDate: optional(birthDate),
  gender: optional(z.enum(GENDERS)),
};

/** Every field optional (an edit), with `id` required. */
function edit<S extends z.ZodRawShape>(shape: S) {
  return z
    .strictObject({ id, ...shape })
    .partial()
    .required({ id: true });
}

export const organizationsContract = {
  'hospitals.list': query({
    access: 'hospitals.read',
    summary: 'Hospitals in my scope.',
    input: z.strictObject(listFilter),
    output: paged(hospitalSchema),
  }),
  'hospitals.get': query({ access: 'hospitals.read', summary: 'One hospital.', input: byId, output: hospitalSchema }),
  'hospitals.create': mutation({
    access: 'hospitals.write',
    summary: 'Add a hospital to the group.',
    input: z.strictObject({ code, ...hospitalFields }),
    output: hospitalSchema,
  }),
  'hospitals.update': mutation({
    access: 'hospitals.write',
    summary: 'Edit a hospital.',
    input: edit({ nameEn, nameAr, timeZone }),
    output: hospitalSchema,
  }),
  'hospitals.setActive': mutation({ access: 'hospitals.write', summary: 'Activate or deactivate a hospital.', input: setActive, output: hospitalSchema }),

  'departments.list': query({
    access: 'departments.read',
    summary: 'Departments in my scope (a department manager sees their subtree).',
    input: z.strictObject({ ...listFilter, hospitalId: hospitalRef.optional(), parentId: id.optional() }),
    output: paged(departmentSchema),
  }),
  'departments.get': query({ access: 'departments.read', summary: 'One department.', input: byId, output: departmentSchema }),
  'departments.create': mutation({
    access: 'departments.write',
    summary: 'Add a department, optionally under a parent.',
    input: z.strictObject({ hospitalId: hospitalRef, code, ...departmentFields }),
    output: departmentSchema,
  }),
  'departments.update': mutation({ access: 'departments.write', summary: 'Edit a department.', input: edit(departmentFields), output: departmentSchema }),
  'departments.setActive': mutation({
    access: 'departments.write',
    summary: 'Activate or deactivate a department.',
    input: setActive,
    output: departmentSchema,
  }),

  'physicians.list': query({
    access: 'physicians.read',
    summary: 'Physicians in my scope.',
    input: z.strictObject({ ...listFilter, hospitalId: hospitalRef.optional(), departmentId: departmentRef.optional() }),
    output: paged(physicianSchema),
  }),
  'physicians.get': query({ access: 'physicians.read', summary: 'One physician.', input: byId, output: physicianSchema }),
  'physicians.create': mutation({
    access: 'physicians.write',
    summary: 'Add a physician.',
    input: z.strictObject({ hospitalId: hospitalRef, licenseNumber, ...physicianFields }),
    output: physicianSchema,
  }),
  'physicians.update': mutation({
    access: 'physicians.write',
    summary: 'Edit a physician.',
    input: edit({ licenseNumber, ...physicianFields }),
    output: physicianSchema,
  }),
  'physicians.setActive': mutation({ access: 'physicians.write', summary: 'Activate or deactivate a physician.', input: setActive, output: physicianSchema }),

  'employees.list': query({
    access: 'employees.read',
    summary: 'Employees in my scope.',
    input: z.strictObject({ ...listFilter, hospitalId: hospitalRef.optional(), departmentId: departmentRef.optional() }),
    output: paged(employeeSchema),
  }),
  'employees.get': query({ access: 'employees.read', summary: 'One employee.', input: byId, output: employeeSchema }),
  'employees.create': mutation({
    access: 'employees.write',
    summary: 'Add an employee, optionally linked to a user.',
    input: z.strictObject({ hospitalId: hospitalRef, employeeNumber: safeText(40), ...employeeFields }),
    output: employeeSchema,
  }),
  'employees.update': mutation({ access: 'employees.write', summary: 'Edit an employee.', input: edit(employeeFields), output: employeeSchema }),
  'employees.setActive': mutation({ access: 'employees.write', summary: 'Activate or deactivate an employee.', input: setActive, output: employeeSchema }),

  'patients.search': query({
    access: 'patients.read',
    summary: 'Find patients by MRN, national ID/iqama, phone, or name prefix (Arabic or English).',
    input: z.strictObject({ ...listFilter, hospitalId: hospitalRef.optional() }),
    output: paged(patientSchema),
  }),
  'patients.get': query({ access: 'patients.read', summary: 'One patient.', input: byId, output: patientSchema }),
  'patients.create': mutation({
    access: 'patients.write',
    summary: 'Register a patient (MRN unique per hospital).',
    input: z.strictObject({ hospitalId: hospitalRef, mrn, ...patientFields }),
    output: patientSchema,
  }),
  'patients.update': mutation({ access: 'patients.write', summary: 'Edit a patient.', input: edit({ mrn, ...patientFields }), output: patientSchema }),
  'patients.setActive': mutation({ access: 'patients.write', summary: 'Activate or deactivate a patient.', input: setActive, output: patientSchema }),
} as const;
