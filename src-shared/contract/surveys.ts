import { z } from 'zod';
import { surveyContentSchema } from '../surveys/template.js';
import { code, id, nameAr, nameEn, setActive, timestamp } from './common.js';
import { mutation, query } from './define.js';

/** A survey template as lists show it: its names, how long its current version takes, whether PX360 ships it. */
export const surveyTemplateSummarySchema = z.object({
  id,
  code: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  active: z.boolean(),
  /** shipped with PX360 (the same row on every station); the central team may still edit it */
  builtIn: z.boolean(),
  currentVersionId: id.nullable(),
  questionCount: z.number().int(),
  /** seconds a patient takes on a phone, reading in each language (src-shared/surveys/template.ts) */
  estimatedSeconds: z.object({ ar: z.number(), en: z.number() }),
  updatedAt: timestamp,
});
export type SurveyTemplateSummary = z.infer<typeof surveyTemplateSummarySchema>;

export const surveyTemplateDetailSchema = surveyTemplateSummarySchema.extend({
  /** the current version's questions; null if what this station holds cannot be read (a newer PX360 wrote it) */
  content: surveyContentSchema.nullable(),
  /** every version, oldest first; a sent one is never changed, and each response keeps its own */
  versions: z.array(z.object({ id, createdAt: timestamp, current: z.boolean() })),
});
export type SurveyTemplateDetail = z.infer<typeof surveyTemplateDetailSchema>;

export const surveysContract = {
  'surveyTemplates.list': query({
    access: 'surveys.read',
    summary: 'The group’s survey templates.',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(surveyTemplateSummarySchema),
  }),
  'surveyTemplates.get': query({
    access: 'surveys.read',
    summary: 'A survey template with its current questions and its versions.',
    input: z.strictObject({ id }),
    output: surveyTemplateDetailSchema,
  }),
  'surveyTemplates.create': mutation({
    access: 'surveys.write',
    // group configuration: the central team's
    groupWide: true,
    summary: 'A new survey template, with its first version.',
    input: z.strictObject({ code, nameEn, nameAr, content: surveyContentSchema }),
    output: surveyTemplateDetailSchema,
  }),
  'surveyTemplates.update': mutation({
    access: 'surveys.write',
    groupWide: true,
    summary: 'Rename a template, or give it new questions: a new version, sent from now on (the old one is kept as it was).',
    input: z.strictObject({ id, nameEn: nameEn.optional(), nameAr: nameAr.optional(), content: surveyContentSchema.optional() }),
    output: surveyTemplateDetailSchema,
  }),
  'surveyTemplates.setActive': mutation({
    access: 'surveys.write',
    groupWide: true,
    summary: 'Retire a template (nothing new is sent with it) or bring it back.',
    input: setActive,
    output: surveyTemplateDetailSchema,
  }),
} as const;
