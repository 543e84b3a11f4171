import type { SyncRecord } from '../../src-shared/contract/index.js';
import type { commonEn } from '../i18n/common.en.js';
import { useAnyNamespace, useLanguage } from '../i18n/index.js';

/**
 * How a synced table and its columns are named on screen, in the reader's
 * language: a record type ("Patient"), a field by the label its form uses
 * ("MRN"), a record by its name and identifying value. A name the console
 * does not know is shown as it is.
 */
const FIELD_LABEL = {
  code: 'fields.code',
  name_en: 'fields.nameEn',
  name_ar: 'fields.nameAr',
  time_zone: 'fields.timeZone',
  active: 'common.active',
  created_at: 'fields.createdAt',
  updated_at: 'recordField.updatedAt',
  deleted_at: 'recordField.deletedAt',
  hospital_id: 'fields.hospital',
  department_id: 'fields.department',
  parent_id: 'fields.parentDepartment',
  license_number: 'fields.licenseNumber',
  specialty: 'fields.specialty',
  phone: 'fields.phone',
  email: 'fields.email',
  employee_number: 'fields.employeeNumber',
  job_title: 'fields.jobTitle',
  user_id: 'employees.linkedUser',
  mrn: 'fields.mrn',
  national_id: 'fields.nationalId',
  preferred_language: 'fields.language',
  birth_date: 'fields.birthDate',
  gender: 'fields.gender',
  level: 'fields.level',
  scope: 'fields.scope',
  permissions: 'fields.permissions',
  username: 'fields.username',
  role_id: 'fields.role',
  journey_type: 'journeys.type',
  template_id: 'recordField.template',
  position: 'recordField.position',
  trigger_event_code: 'templates.trigger',
  survey_template_id: 'templates.surveyTemplate',
  auto_send_survey: 'recordField.autoSendSurvey',
  required: 'templates.requiredBadge',
  patient_id: 'journeys.patient',
  encounter_id: 'events.encounter',
  status: 'common.status',
  physician_id: 'journeys.physician',
  started_at: 'journeys.started',
  completed_at: 'journeys.completed',
  instance_id: 'recordField.journey',
  stage_id: 'recordField.stage',
  event_id: 'recordField.event',
} as const;

type LabelledColumn = keyof typeof FIELD_LABEL;
type RecordTable = keyof (typeof commonEn)['recordType'];

const isLabelled = (column: string): column is LabelledColumn => Object.hasOwn(FIELD_LABEL, column);

export interface RecordLabels {
  type(table: string): string;
  field(column: string): string;
  /** several fields, in one line */
  fields(columns: readonly string[]): string;
  /** the record's name in the reader's language (the other one if missing) */
  name(record: SyncRecord | null): string | null;
  /** “name” (key, hospital), for a record named inside a sentence */
  quoted(record: SyncRecord): string;
  /** the name of the hospital a record belongs to, in the reader's language */
  hospital(record: SyncRecord | null): string | null;
}

export function useRecordLabels(): RecordLabels {
  const { t, i18n } = useAnyNamespace();
  const language = useLanguage();
  const field = (column: string) => (isLabelled(column) ? t(FIELD_LABEL[column]) : column);
  const name = (record: SyncRecord | null) => (record ? (language === 'ar' ? (record.nameAr ?? record.nameEn) : (record.nameEn ?? record.nameAr)) : null);
  const hospital = (record: SyncRecord | null) => (record?.hospital ? (language === 'ar' ? record.hospital.nameAr : record.hospital.nameEn) : null);
  return {
    type: (table) => (i18n.exists(`recordType.${table}`) ? t(`recordType.${table as RecordTable}`) : table),
    field,
    fields: (columns) => columns.map(field).join(language === 'ar' ? '، ' : ', '),
    name,
    hospital,
    quoted: (record) => {
      const [open, close] = language === 'ar' ? ['«', '»'] : ['“', '”'];
      const named = name(record);
      // the key is Latin (an MRN, a code): isolated, so it is not reordered inside Arabic text, and
      // with non-breaking hyphens, so a line never breaks inside it ("MRN-" | "100018")
      const key = record.key ? `\u2068${record.key.replaceAll('-', '\u2011')}\u2069` : null;
      // its hospital beside the key: each hospital has its own "Medicine (MED)"
      const beside = [key, hospital(record)].filter((part) => part !== null).join(language === 'ar' ? '، ' : ', ');
      if (!named) return beside || '—';
      return beside ? `${open}${named}${close} (${beside})` : `${open}${named}${close}`;
    },
  };
}
