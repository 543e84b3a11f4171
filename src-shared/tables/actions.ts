import { defineTable, local, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** The PX Action Center (migration 0018; docs/complaints-design.md). */

export interface PxActionsTable extends RecordColumns {
  hospital_id: string;
  /** ACT-<hospital>-<station>-<sequence>; an automatic action's from its source (src-shared/complaints/numbers.ts) */
  number: string;
  title: string;
  description: string | null;
  /** survey, complaint, call, social, qi, manual */
  source_type: string;
  /** the record it came from (a survey response, a complaint…) */
  source_id: string | null;
  /** how the source names itself to a person (a complaint's number, a survey's name) */
  source_label: string | null;
  department_id: string | null;
  owner_user_id: string | null;
  priority: string;
  status: string;
  /** a date the owner committed to (local, YYYY-MM-DD), beside the SLA clock */
  due_date: string | null;
  evidence_required: number;
  approved_by_user_id: string | null;
  approved_at: string | null;
  closed_at: string | null;
}

export interface PxActionEventsTable extends RecordColumns {
  hospital_id: string;
  action_id: string;
  /** created, status, note, evidence, assignment, sla */
  kind: string;
  from_status: string | null;
  to_status: string | null;
  text: string | null;
  details: string | null;
  actor_user_id: string | null;
  actor_name: string;
  at: string;
}

export interface PxActionSequencesTable {
  hospital_id: string;
  last: number;
}

const pxActions = defineTable<PxActionsTable>()({
  name: 'px_actions',
  domain: 'actions',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'department_id',
  keyField: 'number',
  label: { en: 'PX action', ar: 'إجراء تحسين' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    number: synced({ en: 'Number', ar: 'الرقم' }),
    title: synced({ en: 'Title', ar: 'العنوان' }),
    description: nullable(synced({ en: 'Description', ar: 'الوصف' })),
    source_type: synced({ en: 'Source', ar: 'المصدر' }),
    source_id: nullable(synced({ en: 'Source record', ar: 'سجل المصدر' })),
    source_label: nullable(synced({ en: 'Source', ar: 'المصدر' })),
    department_id: nullable(synced(LABEL.department)),
    owner_user_id: nullable(synced({ en: 'Owner', ar: 'المسؤول' })),
    priority: synced({ en: 'Priority', ar: 'الأولوية' }),
    status: synced(LABEL.status),
    due_date: nullable(synced({ en: 'Due date', ar: 'تاريخ الاستحقاق' })),
    evidence_required: synced({ en: 'Evidence required', ar: 'الدليل مطلوب' }),
    approved_by_user_id: nullable(synced({ en: 'Approved by', ar: 'اعتمده' })),
    approved_at: nullable(synced({ en: 'Approved', ar: 'وقت الاعتماد' })),
    closed_at: nullable(synced({ en: 'Closed', ar: 'وقت الإغلاق' })),
    ...RECORD_TIMES,
  },
});

const pxActionEvents = defineTable<PxActionEventsTable>()({
  name: 'px_action_events',
  domain: 'actions',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'PX action timeline entry', ar: 'قيد في سجل الإجراء' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    action_id: synced({ en: 'PX action', ar: 'الإجراء' }, 'px_actions'),
    kind: synced({ en: 'Kind', ar: 'النوع' }),
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

const pxActionSequences = defineTable<PxActionSequencesTable>()({
  name: 'px_action_sequences',
  domain: 'actions',
  sync: 'none',
  scope: 'station',
  columns: { hospital_id: local(), last: local() },
});

export const actionsTables = [pxActions, pxActionEvents, pxActionSequences] as const;
