import { z } from 'zod';
import { EVENT_CODES, JOURNEY_TYPES } from '../his-events.js';
import { code, id, nameAr, nameEn, paged, paging, setActive, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { hospitalRef } from './scoped.js';

export const journeyStageSchema = z.object({
  id,
  position: z.number().int(),
  code: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  triggerEventCode: z.string(),
  surveyTemplateId: id.nullable(),
  autoSendSurvey: z.boolean(),
  /** minutes after the stage before its survey goes (then the hospital's send window) */
  surveyDelayMinutes: z.number().int(),
  required: z.boolean(),
});
export type JourneyStage = z.infer<typeof journeyStageSchema>;

export const journeyTemplateSchema = z.object({
  id,
  hospitalId: id,
  journeyType: z.enum(JOURNEY_TYPES),
  code: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  active: z.boolean(),
  stages: z.array(journeyStageSchema),
  updatedAt: timestamp,
});
export type JourneyTemplate = z.infer<typeof journeyTemplateSchema>;

export const JOURNEY_STATUSES = ['active', 'completed', 'cancelled'] as const;
export const journeySummarySchema = z.object({
  id,
  hospitalId: id,
  templateId: id,
  journeyType: z.enum(JOURNEY_TYPES),
  encounterId: z.string(),
  status: z.enum(JOURNEY_STATUSES),
  patient: z.object({ id, mrn: z.string(), nameEn: z.string(), nameAr: z.string() }),
  departmentId: id.nullable(),
  physicianId: id.nullable(),
  startedAt: timestamp,
  completedAt: timestamp.nullable(),
  stagesCompleted: z.number().int(),
  stagesTotal: z.number().int(),
});
export type JourneySummary = z.infer<typeof journeySummarySchema>;

export const journeyDetailSchema = journeySummarySchema.extend({
  templateNameEn: z.string(),
  templateNameAr: z.string(),
  stages: z.array(
    journeyStageSchema.extend({
      status: z.enum(['pending', 'completed', 'skipped']),
      completedAt: timestamp.nullable(),
      eventId: id.nullable(),
      departmentId: id.nullable(),
      physicianId: id.nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id,
      externalCode: z.string(),
      eventCode: z.string().nullable(),
      status: z.string(),
      occurredAt: timestamp,
      receivedAt: timestamp,
      sourceSystem: z.string(),
    }),
  ),
});
export type JourneyDetail = z.infer<typeof journeyDetailSchema>;

const stageInput = z.strictObject({
  id: id.optional(),
  code,
  nameEn,
  nameAr,
  triggerEventCode: z.enum(EVENT_CODES),
  surveyTemplateId: id.nullish(),
  autoSendSurvey: z.boolean().default(false),
  // at most a week: a survey about a visit longer after it is answered about something else
  surveyDelayMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(0),
  required: z.boolean().default(true),
});

export const journeysContract = {
  'journeyTemplates.list': query({
    access: 'journeys.read',
    summary: 'Journey templates with their stages, in my scope.',
    input: z.strictObject({ hospitalId: hospitalRef.optional(), journeyType: z.enum(JOURNEY_TYPES).optional() }),
    output: z.array(journeyTemplateSchema),
  }),
  'journeyTemplates.create': mutation({
    access: 'journeys.write',
    summary: 'A new template for a hospital and journey type.',
    input: z.strictObject({
      hospitalId: hospitalRef,
      journeyType: z.enum(JOURNEY_TYPES),
      code,
      nameEn,
      nameAr,
      stages: z.array(stageInput).max(30).default([]),
    }),
    output: journeyTemplateSchema,
  }),
  'journeyTemplates.update': mutation({
    access: 'journeys.write',
    summary: 'Rename a template and set its stages in order (add, edit, reorder; a stage left out is retired).',
    input: z.strictObject({ id, nameEn: nameEn.optional(), nameAr: nameAr.optional(), stages: z.array(stageInput).max(30).optional() }),
    output: journeyTemplateSchema,
  }),
  'journeyTemplates.setActive': mutation({
    access: 'journeys.write',
    summary: 'Activate or retire a template.',
    input: setActive,
    output: journeyTemplateSchema,
  }),
  'journeys.list': query({
    access: 'journeys.read',
    summary: 'Patient journeys, newest first.',
    input: z.strictObject({
      ...paging,
      hospitalId: hospitalRef.optional(),
      journeyType: z.enum(JOURNEY_TYPES).optional(),
      status: z.enum(JOURNEY_STATUSES).optional(),
      q: z.string().trim().max(80).optional(),
    }),
    output: paged(journeySummarySchema),
  }),
  'journeys.get': query({
    access: 'journeys.read',
    summary: 'A journey with its stage timeline and events.',
    input: z.strictObject({ id }),
    output: journeyDetailSchema,
  }),
} as const;
