import type { Bilingual } from '../messages.js';
import { key, local, nullable, synced } from './define.js';

/** Field names shared by several tables, as their forms name them. */
export const LABEL = {
  code: { en: 'Code', ar: 'الرمز' },
  nameEn: { en: 'Name in English', ar: 'الاسم بالإنجليزية' },
  nameAr: { en: 'Name in Arabic', ar: 'الاسم بالعربية' },
  active: { en: 'Active', ar: 'نشط' },
  createdAt: { en: 'Created', ar: 'تاريخ الإنشاء' },
  updatedAt: { en: 'Last changed', ar: 'آخر تعديل' },
  deletedAt: { en: 'Deleted', ar: 'الحذف' },
  hospital: { en: 'Hospital', ar: 'المستشفى' },
  department: { en: 'Department', ar: 'القسم' },
  phone: { en: 'Mobile number', ar: 'رقم الجوال' },
  email: { en: 'Email', ar: 'البريد الإلكتروني' },
  language: { en: 'Preferred language', ar: 'اللغة المفضلة' },
  status: { en: 'Status', ar: 'الحالة' },
  patient: { en: 'Patient', ar: 'المريض' },
  physician: { en: 'Physician', ar: 'الطبيب' },
  encounter: { en: 'Encounter', ar: 'رقم الزيارة' },
  completed: { en: 'Completed', ar: 'الاكتمال' },
} as const satisfies Record<string, Bilingual>;

/** The columns every synced record has: its id, and when it was made, last changed and deleted (a tombstone). */
export interface RecordColumns {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export const ID = { id: key } as const;

/** The record times, in the place every synced table lists them: after its own columns. */
export const RECORD_TIMES = {
  created_at: synced(LABEL.createdAt),
  updated_at: synced(LABEL.updatedAt),
  deleted_at: nullable(synced(LABEL.deletedAt)),
} as const;

/** The record times of a table that never leaves its station. */
export const STATION_TIMES = { created_at: local(), updated_at: local(), deleted_at: nullable(local()) } as const;
