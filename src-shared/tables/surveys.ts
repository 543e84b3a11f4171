import type { SurveyContent } from '../surveys/template.js';
import { defineTable, type Json, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** Survey templates and their versions: group configuration (docs/surveys-design.md). */

export interface SurveyTemplatesTable extends RecordColumns {
  code: string;
  name_en: string;
  name_ar: string;
  /** the version sent from now on (null only while the first is being written) */
  current_version_id: string | null;
  active: number;
}

export interface SurveyTemplateVersionsTable extends RecordColumns {
  template_id: string;
  /** never changed once written: a response keeps the version it answered */
  content: Json<SurveyContent>;
}

const surveyTemplates = defineTable<SurveyTemplatesTable>()({
  name: 'survey_templates',
  domain: 'surveys',
  sync: 'group',
  scope: 'group',
  keyField: 'code',
  label: { en: 'Survey template', ar: 'قالب استبيان' },
  columns: {
    ...ID,
    code: synced(LABEL.code),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    // not a reference the snapshot orders by: a version names its template, so a template naming its version would be a circle
    current_version_id: nullable(synced({ en: 'Current version', ar: 'النسخة الحالية' })),
    active: synced(LABEL.active),
    ...RECORD_TIMES,
  },
});

const surveyTemplateVersions = defineTable<SurveyTemplateVersionsTable>()({
  name: 'survey_template_versions',
  domain: 'surveys',
  sync: 'group',
  scope: 'group',
  label: { en: 'Survey template version', ar: 'نسخة قالب استبيان' },
  columns: {
    ...ID,
    template_id: synced({ en: 'Survey template', ar: 'قالب الاستبيان' }, 'survey_templates'),
    content: synced({ en: 'Questions', ar: 'الأسئلة' }),
    ...RECORD_TIMES,
  },
});

export const surveysTables = [surveyTemplates, surveyTemplateVersions] as const;
