import { defineTable, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** Journey templates (the stages a patient passes) and the journeys of patients through them. */

export interface JourneyTemplatesTable extends RecordColumns {
  hospital_id: string;
  journey_type: string;
  code: string;
  name_en: string;
  name_ar: string;
  active: number;
}

export interface JourneyTemplateStagesTable extends RecordColumns {
  template_id: string;
  hospital_id: string;
  position: number;
  code: string;
  name_en: string;
  name_ar: string;
  trigger_event_code: string;
  survey_template_id: string | null;
  auto_send_survey: number;
  required: number;
  active: number;
  /** minutes between the stage's completion and its survey (then the hospital's send window) */
  survey_delay_minutes: number;
}

export interface JourneyInstancesTable extends RecordColumns {
  hospital_id: string;
  template_id: string;
  patient_id: string;
  encounter_id: string;
  journey_type: string;
  status: string;
  department_id: string | null;
  physician_id: string | null;
  started_at: string;
  completed_at: string | null;
}

export interface JourneyStageInstancesTable extends RecordColumns {
  instance_id: string;
  hospital_id: string;
  stage_id: string;
  status: string;
  completed_at: string | null;
  event_id: string | null;
  department_id: string | null;
  physician_id: string | null;
}

const JOURNEY_TYPE = { en: 'Journey type', ar: 'نوع الرحلة' };

const journeyTemplates = defineTable<JourneyTemplatesTable>()({
  name: 'journey_templates',
  domain: 'journeys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  keyField: 'code',
  label: { en: 'Journey template', ar: 'قالب رحلة' },
  groupOverview: 3,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    journey_type: synced(JOURNEY_TYPE),
    code: synced(LABEL.code),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
  },
});

const journeyTemplateStages = defineTable<JourneyTemplateStagesTable>()({
  name: 'journey_template_stages',
  domain: 'journeys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  keyField: 'code',
  label: { en: 'Journey template stage', ar: 'مرحلة في قالب رحلة' },
  columns: {
    ...ID,
    template_id: synced({ en: 'Journey template', ar: 'قالب الرحلة' }, 'journey_templates'),
    hospital_id: synced(LABEL.hospital),
    position: synced({ en: 'Order', ar: 'الترتيب' }),
    code: synced(LABEL.code),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    trigger_event_code: synced({ en: 'Completed by the event', ar: 'الحدث الذي يُكملها' }),
    survey_template_id: nullable(synced({ en: 'Survey template', ar: 'قالب الاستبيان' })),
    auto_send_survey: synced({ en: 'Automatic survey', ar: 'الاستبيان التلقائي' }),
    required: synced({ en: 'Required', ar: 'إلزامية' }),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
    survey_delay_minutes: synced({ en: 'Survey delay (minutes)', ar: 'تأخير الاستبيان (بالدقائق)' }),
  },
});

const journeyInstances = defineTable<JourneyInstancesTable>()({
  name: 'journey_instances',
  domain: 'journeys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  keyField: 'encounter_id',
  label: { en: 'Patient journey', ar: 'رحلة مريض' },
  groupOverview: 2,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    template_id: synced({ en: 'Journey template', ar: 'قالب الرحلة' }, 'journey_templates'),
    patient_id: synced(LABEL.patient, 'patients'),
    encounter_id: synced(LABEL.encounter),
    journey_type: synced(JOURNEY_TYPE),
    status: synced(LABEL.status),
    department_id: nullable(synced(LABEL.department)),
    physician_id: nullable(synced(LABEL.physician)),
    started_at: synced({ en: 'Started', ar: 'البداية' }),
    completed_at: nullable(synced(LABEL.completed)),
    ...RECORD_TIMES,
  },
});

const journeyStageInstances = defineTable<JourneyStageInstancesTable>()({
  name: 'journey_stage_instances',
  domain: 'journeys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Stage of a patient journey', ar: 'مرحلة في رحلة مريض' },
  columns: {
    ...ID,
    instance_id: synced({ en: 'Patient journey', ar: 'رحلة المريض' }, 'journey_instances'),
    hospital_id: synced(LABEL.hospital),
    stage_id: synced({ en: 'Stage', ar: 'المرحلة' }, 'journey_template_stages'),
    status: synced(LABEL.status),
    completed_at: nullable(synced(LABEL.completed)),
    event_id: nullable(synced({ en: 'HIS event', ar: 'حدث نظام المعلومات الصحية' })),
    department_id: nullable(synced(LABEL.department)),
    physician_id: nullable(synced(LABEL.physician)),
    ...RECORD_TIMES,
  },
});

export const journeysTables = [journeyTemplates, journeyTemplateStages, journeyInstances, journeyStageInstances] as const;
