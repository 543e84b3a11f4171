import type { BusinessCalendar } from '../sla/business-time.js';
import type { ClockKind } from '../sla/clock.js';
import type { SlaStep } from '../sla/policies.js';
import { defineTable, type Json, local, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** The SLA engine's tables (migration 0017; docs/sla-design.md). */

export interface SlaPolicyVersionsTable extends RecordColumns {
  hospital_id: string;
  /** complaint, px_action */
  record_type: string;
  /** low, medium, high, urgent */
  priority: string;
  effective_from: string;
  targets: Json<Record<ClockKind, number | null>>;
  steps: Json<Record<ClockKind, SlaStep[]>>;
  note: string | null;
}

export interface SlaCalendarVersionsTable extends RecordColumns {
  hospital_id: string;
  effective_from: string;
  calendar: Json<BusinessCalendar>;
  note: string | null;
}

/** Whom a firing told, or whom it meant to and could not (src-main/domains/sla/engine.ts). */
export interface SlaFiringRecipients {
  readonly users: readonly { readonly id: string; readonly nameEn: string; readonly nameAr: string; readonly role: string }[];
  /** the roles the step names that nobody holds over this record */
  readonly unfilled: readonly string[];
}

export interface SlaFiringsTable extends RecordColumns {
  hospital_id: string;
  record_type: string;
  record_id: string;
  /** first_response, resolution */
  clock: string;
  cycle: number;
  step_id: string;
  /** reminder, escalation */
  step_kind: string;
  level: number | null;
  /** when the clock reached the step (a station that was off fires it late, but says when it came due) */
  reached_at: string;
  fired_at: string;
  policy_version_id: string;
  recipients: Json<SlaFiringRecipients>;
  /** null, or why nobody (or not everybody) could be told: no_recipient */
  problem: string | null;
}

export interface StaffNotificationsTable extends RecordColumns {
  hospital_id: string;
  user_id: string;
  /** sla_reminder, sla_escalation */
  kind: string;
  record_type: string;
  record_id: string;
  /** the record's number, as the bell names it (CMP-…) */
  record_number: string;
  firing_id: string | null;
  /** JSON: what the notification says beside its kind (the clock, the level, when it came due) */
  details: string;
  /** shown from then: the next business instant of the hospital unless the step may notify any time */
  deliver_at: string;
  read_at: string | null;
}

/**
 * The email of a staff notification (migration 0021; docs/sla-design.md):
 * one per notification, its id derived from it, sent by the hub for an
 * enrolled hospital and by the station itself otherwise, at the time the
 * notification is shown (business hours unless the step says otherwise).
 */
export interface StaffEmailsTable extends RecordColumns {
  hospital_id: string;
  notification_id: string;
  user_id: string;
  language: string;
  send_at: string;
  /** queued, sending, sent, failed, no_address (the person has no email address: recorded, shown) */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  provider: string | null;
  /** the address as a log may show it (a•••@hospital.sa) */
  recipient_hint: string | null;
  /** the provider's reason for the last failure, never a credential */
  error: string | null;
  sent_at: string | null;
}

export interface SlaDueTable {
  record_id: string;
  record_type: string;
  next_due_at: string;
}

/** When a record's running clock is due (the earliest of its running clocks): the overdue and due-today queues. */
export interface SlaClockDueTable {
  record_id: string;
  record_type: string;
  due_at: string;
  /** the record's hospital: the clock queues read one hospital's range */
  hospital_id: string | null;
}

export interface SlaDirtyTable {
  record_id: string;
  record_type: string;
}

const recordType = { en: 'Record type', ar: 'نوع السجل' };

const slaPolicyVersions = defineTable<SlaPolicyVersionsTable>()({
  name: 'sla_policy_versions',
  domain: 'sla',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'SLA policy', ar: 'سياسة مستوى الخدمة' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    record_type: synced(recordType),
    priority: synced({ en: 'Priority', ar: 'الأولوية' }),
    effective_from: synced({ en: 'In force from', ar: 'ساري من' }),
    targets: synced({ en: 'Targets', ar: 'المدد المستهدفة' }),
    steps: synced({ en: 'Reminders and escalations', ar: 'التذكيرات والتصعيد' }),
    note: nullable(synced({ en: 'Note', ar: 'ملاحظة' })),
    ...RECORD_TIMES,
  },
});

const slaCalendarVersions = defineTable<SlaCalendarVersionsTable>()({
  name: 'sla_calendar_versions',
  domain: 'sla',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Business calendar', ar: 'تقويم العمل' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    effective_from: synced({ en: 'In force from', ar: 'ساري من' }),
    calendar: synced({ en: 'Calendar', ar: 'التقويم' }),
    note: nullable(synced({ en: 'Note', ar: 'ملاحظة' })),
    ...RECORD_TIMES,
  },
});

const slaFirings = defineTable<SlaFiringsTable>()({
  name: 'sla_firings',
  domain: 'sla',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'SLA reminder or escalation', ar: 'تذكير أو تصعيد' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    record_type: synced(recordType),
    record_id: synced({ en: 'Record', ar: 'السجل' }),
    clock: synced({ en: 'Clock', ar: 'المؤقت' }),
    cycle: synced({ en: 'Cycle', ar: 'الدورة' }),
    step_id: synced({ en: 'Step', ar: 'الخطوة' }),
    step_kind: synced({ en: 'Kind', ar: 'النوع' }),
    level: nullable(synced({ en: 'Level', ar: 'المستوى' })),
    reached_at: synced({ en: 'Came due', ar: 'وقت الاستحقاق' }),
    fired_at: synced({ en: 'Fired', ar: 'وقت التنفيذ' }),
    policy_version_id: synced({ en: 'Policy version', ar: 'إصدار السياسة' }),
    recipients: synced({ en: 'Notified', ar: 'من أُبلغ' }),
    problem: nullable(synced({ en: 'Problem', ar: 'المشكلة' })),
    ...RECORD_TIMES,
  },
});

const staffNotifications = defineTable<StaffNotificationsTable>()({
  name: 'staff_notifications',
  domain: 'sla',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Notification', ar: 'إشعار' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    user_id: synced({ en: 'For', ar: 'إلى' }, 'users'),
    kind: synced({ en: 'Kind', ar: 'النوع' }),
    record_type: synced(recordType),
    record_id: synced({ en: 'Record', ar: 'السجل' }),
    record_number: synced({ en: 'Number', ar: 'الرقم' }),
    firing_id: nullable(synced({ en: 'Firing', ar: 'التنفيذ' })),
    details: synced({ en: 'Details', ar: 'التفاصيل' }),
    deliver_at: synced({ en: 'Shown from', ar: 'يظهر من' }),
    read_at: nullable(synced({ en: 'Read', ar: 'وقت القراءة' })),
    ...RECORD_TIMES,
  },
});

const staffEmails = defineTable<StaffEmailsTable>()({
  name: 'staff_emails',
  domain: 'sla',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Notification email', ar: 'بريد الإشعار' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    notification_id: synced({ en: 'Notification', ar: 'الإشعار' }, 'staff_notifications'),
    user_id: synced({ en: 'For', ar: 'إلى' }, 'users'),
    language: synced(LABEL.language),
    send_at: synced({ en: 'Send at', ar: 'وقت الإرسال' }),
    status: synced(LABEL.status),
    attempts: synced({ en: 'Attempts', ar: 'المحاولات' }),
    next_attempt_at: nullable(synced({ en: 'Next attempt', ar: 'المحاولة التالية' })),
    provider: nullable(synced({ en: 'Provider', ar: 'المزوّد' })),
    recipient_hint: nullable(synced({ en: 'To', ar: 'إلى' })),
    error: nullable(synced({ en: 'Error', ar: 'الخطأ' })),
    sent_at: nullable(synced({ en: 'Sent', ar: 'وقت الإرسال الفعلي' })),
    ...RECORD_TIMES,
  },
});

const slaDue = defineTable<SlaDueTable>()({
  name: 'sla_due',
  domain: 'sla',
  sync: 'none',
  scope: 'station',
  columns: { record_id: local(), record_type: local(), next_due_at: local() },
});

const slaClockDue = defineTable<SlaClockDueTable>()({
  name: 'sla_clock_due',
  domain: 'sla',
  sync: 'none',
  scope: 'station',
  columns: { record_id: local(), record_type: local(), due_at: local(), hospital_id: nullable(local()) },
});

const slaDirty = defineTable<SlaDirtyTable>()({
  name: 'sla_dirty',
  domain: 'sla',
  sync: 'none',
  scope: 'station',
  columns: { record_id: local(), record_type: local() },
});

export const slaTables = [slaPolicyVersions, slaCalendarVersions, slaFirings, staffNotifications, staffEmails, slaDue, slaClockDue, slaDirty] as const;
