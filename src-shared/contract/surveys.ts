import { z } from 'zod';
import { PROVIDER_KINDS } from '../notifications/senders/outbound.js';
import { answerSchema } from '../surveys/answers.js';
import { SURVEY_DOMAINS, surveyContentSchema } from '../surveys/template.js';
import { INSTANCE_CHANNELS, INSTANCE_ORIGINS, INSTANCE_STATUSES, MESSAGE_STATUSES, messageTextsSchema, SURVEY_CHANNELS } from '../tables/surveys.js';
import { code, id, isoDate, language, nameAr, nameEn, paged, paging, setActive, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { departmentRef, hospitalRef } from './scoped.js';

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

export const surveyTemplateVersionSchema = z.object({
  id,
  templateId: id,
  createdAt: timestamp,
  current: z.boolean(),
  /** null if what this station holds cannot be read (a newer PX360 wrote it) */
  content: surveyContentSchema.nullable(),
});
export type SurveyTemplateVersion = z.infer<typeof surveyTemplateVersionSchema>;

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
  'surveyTemplates.version': query({
    access: 'surveys.read',
    summary: 'One version of a survey template, as its responses answered it (an older one too).',
    input: z.strictObject({ id }),
    output: surveyTemplateVersionSchema,
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

// ---- sending, answering, the control center (docs/surveys-design.md)

const surveyChannel = z.enum(SURVEY_CHANNELS);
const instanceChannel = z.enum(INSTANCE_CHANNELS);
const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

/** A hospital's survey rules: the defaults until someone saves them. */
export const surveySettingsSchema = z.object({
  hospitalId: id,
  sendingEnabled: z.boolean(),
  windowStartMinute: z.number().int(),
  windowEndMinute: z.number().int(),
  fatigueDays: z.number().int(),
  expiryDays: z.number().int(),
  digits: z.enum(['latn', 'arab']),
  channels: z.array(surveyChannel),
  reminderAfterHours: z.number().int(),
  reminderMax: z.number().int(),
  linkBaseUrl: z.string().nullable(),
  messageTexts: messageTextsSchema,
  /** who sends this hospital's messages: the hub (an enrolled station) or this station */
  sender: z.enum(['hub', 'station']),
  /** never saved: these are the defaults */
  saved: z.boolean(),
});
export type SurveySettingsView = z.infer<typeof surveySettingsSchema>;

const settingsInput = z
  .strictObject({
    hospitalId: hospitalRef,
    sendingEnabled: z.boolean().optional(),
    windowStartMinute: minuteOfDay.optional(),
    windowEndMinute: minuteOfDay.optional(),
    // a patient asked once a month at most by default; a year at most, or nobody is ever asked again
    fatigueDays: z.number().int().min(0).max(365).optional(),
    expiryDays: z.number().int().min(1).max(90).optional(),
    digits: z.enum(['latn', 'arab']).optional(),
    channels: z.array(surveyChannel).min(1).max(3).optional(),
    reminderAfterHours: z
      .number()
      .int()
      .min(1)
      .max(14 * 24)
      .optional(),
    reminderMax: z.number().int().min(0).max(3).optional(),
    linkBaseUrl: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .nullable()
      .optional(),
    messageTexts: messageTextsSchema.optional(),
  })
  .refine((s) => s.windowStartMinute === undefined || s.windowEndMinute === undefined || s.windowStartMinute < s.windowEndMinute, {
    path: ['windowEndMinute'],
    error: 'field.survey_window',
  });

export const surveySummarySchema = z.object({
  id,
  hospitalId: id,
  templateId: id,
  templateNameEn: z.string(),
  templateNameAr: z.string(),
  patient: z.object({ id, mrn: z.string(), nameEn: z.string(), nameAr: z.string() }),
  stageNameEn: z.string().nullable(),
  stageNameAr: z.string().nullable(),
  origin: z.enum(INSTANCE_ORIGINS),
  channel: instanceChannel,
  language: language,
  /** the stored status, or "expired" when the link ran out unanswered */
  status: z.enum([...INSTANCE_STATUSES, 'expired']),
  skipReason: z.string().nullable(),
  sendAt: timestamp.nullable(),
  invitedAt: timestamp.nullable(),
  openedAt: timestamp.nullable(),
  completedAt: timestamp.nullable(),
  expiresAt: timestamp,
  score: z.number().nullable(),
  negative: z.boolean(),
  createdAt: timestamp,
});
export type SurveySummary = z.infer<typeof surveySummarySchema>;

export const notificationViewSchema = z.object({
  id,
  instanceId: id,
  hospitalId: id,
  kind: z.string(),
  channel: surveyChannel,
  language,
  status: z.enum(MESSAGE_STATUSES),
  sendAt: timestamp,
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  provider: z.string().nullable(),
  recipientHint: z.string().nullable(),
  segments: z.number().int().nullable(),
  error: z.string().nullable(),
  sentAt: timestamp.nullable(),
  deliveredAt: timestamp.nullable(),
  readAt: timestamp.nullable(),
  failedAt: timestamp.nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const surveyDetailSchema = surveySummarySchema.extend({
  versionId: id,
  journeyInstanceId: id.nullable(),
  departmentId: id.nullable(),
  physicianId: id.nullable(),
  startedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  remindersSent: z.number().int(),
  /** the questions this survey asked (its version), null if unreadable here */
  content: surveyContentSchema.nullable(),
  response: z
    .object({
      id,
      answers: z.record(z.string(), answerSchema),
      page: z.number().int(),
      language,
      finishedAt: timestamp.nullable(),
      score: z.number().nullable(),
      weightedScore: z.number().nullable(),
      answeredCount: z.number().int(),
      negative: z.boolean(),
    })
    .nullable(),
  messages: z.array(notificationViewSchema),
});
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;

/** What the control center filters by; every figure and list reads the same filter. */
const surveyFilter = {
  hospitalId: hospitalRef.optional(),
  departmentId: departmentRef.optional(),
  templateId: id.optional(),
  stageId: id.optional(),
  physicianId: id.optional(),
  channel: instanceChannel.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const surveyFiltersSchema = z.strictObject(surveyFilter);

/** The list's filter, which its export reads too: what a person sees listed is what the file holds. */
const surveyListFilter = {
  ...surveyFilter,
  status: z.enum([...INSTANCE_STATUSES, 'expired']).optional(),
  negative: z.boolean().optional(),
  q: z.string().trim().max(80).optional(),
};
export type SurveyFilters = z.infer<typeof surveyFiltersSchema>;

export const surveyFiguresSchema = z.object({
  invited: z.number().int(),
  delivered: z.number().int(),
  undeliverable: z.number().int(),
  opened: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  /** completed / (invited − undeliverable), AHRQ; null with nobody invited */
  responseRate: z.number().nullable(),
  /** completed after a reminder was sent: what reminders brought */
  completedAfterReminder: z.number().int(),
  negative: z.number().int(),
  skipped: z.object({ fatigue: z.number().int(), optedOut: z.number().int(), noContact: z.number().int() }),
  templates: z.array(
    z.object({
      templateId: id,
      nameEn: z.string(),
      nameAr: z.string(),
      responses: z.number().int(),
      /** the responses behind the score: those with at least one scored answer */
      scored: z.number().int(),
      score: z.number().nullable(),
      /** the mean of each response's weighted score (questions weighted as the template says) */
      weightedScore: z.number().nullable(),
      nps: z.object({ score: z.number().nullable(), responses: z.number().int() }),
      topBox: z.number().nullable(),
    }),
  ),
  /**
   * Per question domain (communication with doctors, cleanliness, waiting
   * time…), over every template answered: the 0–100 linear mean of its
   * scored answers, the top-box share, and how many answers are behind
   * them. Worst first: where to look.
   */
  domains: z.array(
    z.object({
      domain: z.enum(SURVEY_DOMAINS),
      answered: z.number().int(),
      score: z.number().nullable(),
      topBox: z.number().nullable(),
    }),
  ),
  /** completed responses and mean score per day, oldest first */
  byDay: z.array(z.object({ day: z.string(), completed: z.number().int(), score: z.number().nullable() })),
});
export type SurveyFigures = z.infer<typeof surveyFiguresSchema>;

export const surveyLinkSchema = z.object({
  instance: surveySummarySchema,
  /** the link itself, to open on the kiosk or print as a QR code on discharge papers (the console draws it) */
  link: z.string(),
});

export const EXPORT_FORMATS = ['csv', 'json'] as const;

/** A channel's provider as the console shows it: its settings with every secret replaced by whether it is set. */
export const notificationProviderSchema = z.object({
  channel: surveyChannel,
  kind: z.enum(PROVIDER_KINDS),
  /** the redacted settings (src-shared/notifications/senders/settings.ts) */
  settings: z.record(z.string(), z.unknown()),
  /** false: nobody set one, the console provider writes the messages to a file */
  configured: z.boolean(),
  /** readable here; false when what is stored was sealed with another key or written by a newer PX360 */
  readable: z.boolean(),
});
export type NotificationProviderView = z.infer<typeof notificationProviderSchema>;

export const surveysSendingContract = {
  'surveySettings.get': query({
    access: 'surveys.read',
    summary: 'A hospital’s survey rules: send window, fatigue, link expiry, digits, reminders, message texts.',
    input: z.strictObject({ hospitalId: hospitalRef }),
    output: surveySettingsSchema,
  }),
  'surveySettings.update': mutation({
    access: 'surveys.write',
    summary: 'Change a hospital’s survey rules (fields left out stay as they are).',
    input: settingsInput,
    output: surveySettingsSchema,
  }),
  'surveys.list': query({
    access: 'surveys.read',
    summary: 'Surveys sent or handed out, newest first.',
    input: z.strictObject({ ...paging, ...surveyListFilter }),
    output: paged(surveySummarySchema),
  }),
  'surveys.get': query({
    access: 'surveys.read',
    summary: 'One survey: its questions, the answers, the score and negative flag, its messages.',
    input: z.strictObject({ id }),
    output: surveyDetailSchema,
  }),
  'surveys.send': mutation({
    access: 'surveys.write',
    summary: 'Send a survey to a patient now (inside the send window), by SMS, WhatsApp or email.',
    input: z.strictObject({
      patientId: id,
      templateId: id,
      channel: surveyChannel.optional(),
      language: language.optional(),
      departmentId: departmentRef.optional(),
    }),
    output: surveySummarySchema,
  }),
  'surveys.handOut': mutation({
    access: 'surveys.write',
    summary: 'A survey answered in person: a link for the kiosk tablet, or a QR code to print on discharge papers.',
    input: z.strictObject({
      patientId: id,
      templateId: id,
      channel: z.enum(['kiosk', 'qr']),
      language: language.optional(),
      departmentId: departmentRef.optional(),
    }),
    output: surveyLinkSchema,
  }),
  'surveys.revoke': mutation({
    access: 'surveys.write',
    summary: 'Withdraw a survey: its link stops working and nothing more is sent.',
    input: z.strictObject({ id }),
    output: surveySummarySchema,
  }),
  'surveys.optOut': mutation({
    access: 'surveys.write',
    summary: 'Record that a patient does (or no longer does) want surveys on a channel, or on all.',
    input: z.strictObject({ patientId: id, channel: z.enum([...SURVEY_CHANNELS, 'all']), optedOut: z.boolean() }),
    output: z.object({ patientId: id, channels: z.array(z.enum([...SURVEY_CHANNELS, 'all'])) }),
  }),
  'surveys.figures': query({
    access: 'surveys.read',
    summary: 'Invited, delivered, opened, started, completed, response rate, scores and NPS, for a filter.',
    input: surveyFiltersSchema,
    output: surveyFiguresSchema,
  }),
  'surveys.export': mutation({
    access: 'surveys.read',
    summary: 'Completed and partial responses as CSV or JSON, one row per survey with every answer (audited).',
    input: z.strictObject({ ...surveyListFilter, format: z.enum(EXPORT_FORMATS).default('csv') }),
    output: z.object({ fileName: z.string(), contentType: z.string(), body: z.string(), rows: z.number().int() }),
  }),
  'notificationProviders.list': query({
    access: 'integrations.manage',
    summary: 'How this station sends each channel when it sends itself (secrets shown only as set or not).',
    input: z.strictObject({}),
    output: z.object({ sender: z.enum(['hub', 'station']), providers: z.array(notificationProviderSchema) }),
  }),
  'notificationProviders.set': mutation({
    access: 'integrations.manage',
    summary: 'Set a channel’s provider. A secret left blank keeps the stored one while the provider points at the same server.',
    input: z.strictObject({ channel: surveyChannel, settings: z.record(z.string(), z.unknown()) }),
    output: notificationProviderSchema,
  }),
  'notificationProviders.test': mutation({
    access: 'integrations.manage',
    summary: 'Send a test message through a channel’s provider to a number or address, and say what the provider answered.',
    input: z.strictObject({ channel: surveyChannel, to: z.string().trim().min(3).max(254), language }),
    output: z.object({ outcome: z.enum(['sent', 'retry', 'failed']), reason: z.string().nullable() }),
  }),
  'notifications.list': query({
    access: 'surveys.read',
    summary: 'The message log: every invitation and reminder, its status and the provider’s reason when it failed.',
    input: z.strictObject({ ...paging, hospitalId: hospitalRef.optional(), status: z.enum(MESSAGE_STATUSES).optional(), instanceId: id.optional() }),
    output: paged(notificationViewSchema),
  }),
} as const;
