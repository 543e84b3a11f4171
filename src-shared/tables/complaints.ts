import { defineTable, local, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** Complaints, inquiries and compliments, and their timelines (migration 0015; docs/complaints-design.md). */

export interface ComplaintsTable extends RecordColumns {
  hospital_id: string;
  /** CMP-<hospital>-<station>-<sequence> (src-shared/complaints/numbers.ts) */
  number: string;
  type: string;
  channel: string;
  status: string;
  department_id: string | null;
  physician_id: string | null;
  /** null: anonymous, or not (yet) matched to a patient record */
  patient_id: string | null;
  /** the MRN a source reported (the website, 937) when no patient record matched it yet */
  reported_mrn: string | null;
  /** who complained when it is not the patient (a relative), or the name an anonymous complainant gave */
  complainant_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_preference: string;
  language: string;
  description_ar: string | null;
  description_en: string | null;
  hcat_category: string | null;
  hcat_domain: string | null;
  subcategory: string | null;
  severity: number | null;
  priority: string;
  harm_level: string | null;
  stage_of_care: string | null;
  occurred_at: string | null;
  received_at: string;
  assigned_user_id: string | null;
  assigned_department_id: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  resolution_outcome: string | null;
  /** what was done: an explanation, an apology, a process change… (src-shared/complaints/workflow.ts) */
  resolution_category: string | null;
  resolution_summary: string | null;
  closed_at: string | null;
  close_reason: string | null;
  duplicate_of: string | null;
  reopened_count: number;
  source_system: string | null;
  external_id: string | null;
}

export interface ComplaintEventsTable extends RecordColumns {
  hospital_id: string;
  complaint_id: string;
  /** created, status, note, assignment, classification, duplicate, sla */
  kind: string;
  /** internal, or patient (a note the complainant may read) */
  visibility: string;
  from_status: string | null;
  to_status: string | null;
  text: string | null;
  /** JSON: what else the event carries (the assignee, the classification, the SLA step) */
  details: string | null;
  actor_user_id: string | null;
  actor_name: string;
  at: string;
}

export interface ComplaintSequencesTable {
  hospital_id: string;
  last: number;
}

const complaints = defineTable<ComplaintsTable>()({
  name: 'complaints',
  domain: 'complaints',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'department_id',
  keyField: 'number',
  label: { en: 'Complaint', ar: 'شكوى' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    number: synced({ en: 'Number', ar: 'الرقم' }),
    type: synced({ en: 'Type', ar: 'النوع' }),
    channel: synced({ en: 'Received by', ar: 'قناة الاستلام' }),
    status: synced(LABEL.status),
    department_id: nullable(synced(LABEL.department)),
    physician_id: nullable(synced(LABEL.physician)),
    patient_id: nullable(synced(LABEL.patient)),
    reported_mrn: nullable(synced({ en: 'MRN given', ar: 'رقم الملف المذكور' })),
    complainant_name: nullable(synced({ en: 'Complainant', ar: 'مقدّم الشكوى' })),
    contact_phone: nullable(synced(LABEL.phone)),
    contact_email: nullable(synced(LABEL.email)),
    contact_preference: synced({ en: 'Contact by', ar: 'طريقة التواصل' }),
    language: synced(LABEL.language),
    description_ar: nullable(synced({ en: 'Description in Arabic', ar: 'الوصف بالعربية' })),
    description_en: nullable(synced({ en: 'Description in English', ar: 'الوصف بالإنجليزية' })),
    hcat_category: nullable(synced({ en: 'Category', ar: 'الفئة' })),
    hcat_domain: nullable(synced({ en: 'Domain', ar: 'المجال' })),
    subcategory: nullable(synced({ en: 'Subcategory', ar: 'الفئة الفرعية' })),
    severity: nullable(synced({ en: 'Severity', ar: 'درجة الخطورة' })),
    priority: synced({ en: 'Priority', ar: 'الأولوية' }),
    harm_level: nullable(synced({ en: 'Harm', ar: 'الضرر' })),
    stage_of_care: nullable(synced({ en: 'Stage of care', ar: 'مرحلة الرعاية' })),
    occurred_at: nullable(synced({ en: 'Happened', ar: 'وقت الحدوث' })),
    received_at: synced({ en: 'Received', ar: 'وقت الاستلام' }),
    assigned_user_id: nullable(synced({ en: 'Assigned to', ar: 'المسؤول' })),
    assigned_department_id: nullable(synced({ en: 'Assigned team', ar: 'الفريق المسؤول' })),
    first_response_at: nullable(synced({ en: 'First response', ar: 'أول رد' })),
    resolved_at: nullable(synced({ en: 'Resolved', ar: 'وقت الحل' })),
    resolution_outcome: nullable(synced({ en: 'Outcome', ar: 'النتيجة' })),
    resolution_category: nullable(synced({ en: 'What was done', ar: 'الإجراء المتخذ' })),
    resolution_summary: nullable(synced({ en: 'Resolution', ar: 'الحل' })),
    closed_at: nullable(synced({ en: 'Closed', ar: 'وقت الإغلاق' })),
    close_reason: nullable(synced({ en: 'Closed because', ar: 'سبب الإغلاق' })),
    duplicate_of: nullable(synced({ en: 'Duplicate of', ar: 'مكررة من' })),
    reopened_count: synced({ en: 'Times reopened', ar: 'مرات إعادة الفتح' }),
    source_system: nullable(synced({ en: 'Source system', ar: 'النظام المصدر' })),
    external_id: nullable(synced({ en: 'Id in the source system', ar: 'المعرّف في النظام المصدر' })),
    ...RECORD_TIMES,
  },
});

const complaintEvents = defineTable<ComplaintEventsTable>()({
  name: 'complaint_events',
  domain: 'complaints',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Complaint timeline entry', ar: 'قيد في سجل الشكوى' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    complaint_id: synced({ en: 'Complaint', ar: 'الشكوى' }, 'complaints'),
    kind: synced({ en: 'Kind', ar: 'النوع' }),
    visibility: synced({ en: 'Visible to', ar: 'مرئي لـ' }),
    from_status: nullable(synced({ en: 'From', ar: 'من' })),
    to_status: nullable(synced({ en: 'To', ar: 'إلى' })),
    text: nullable(synced({ en: 'Text', ar: 'النص' })),
    details: nullable(synced({ en: 'Details', ar: 'التفاصيل' })),
    actor_user_id: nullable(synced({ en: 'By', ar: 'بواسطة' })),
    actor_name: synced({ en: 'By', ar: 'بواسطة' }),
    at: synced({ en: 'When', ar: 'الوقت' }),
    ...RECORD_TIMES,
  },
});

const complaintSequences = defineTable<ComplaintSequencesTable>()({
  name: 'complaint_sequences',
  domain: 'complaints',
  sync: 'none',
  scope: 'station',
  columns: { hospital_id: local(), last: local() },
});

export const complaintsTables = [complaints, complaintEvents, complaintSequences] as const;
