import { z } from 'zod';
import { type Channel, CHANNELS } from '../notifications/senders/outbound.js';
import { type Answers, answerSchema } from '../surveys/answers.js';
import { scoreResponse } from '../surveys/scoring.js';
import { type SurveyContent, surveyContentSchema } from '../surveys/template.js';
import { defineTable, derived, type Json, local, nullable, type RowReader, secret, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns, STATION_TIMES } from './labels.js';

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

// ---- sending and answering (migration 0013)

/** The channels a message reaches a patient by: the providers' (src-shared/notifications/senders). */
export const SURVEY_CHANNELS = CHANNELS;
export type SurveyChannel = Channel;
/** How an instance reaches the patient: a message, or in person (a kiosk tablet, a QR code on discharge papers). */
export const INSTANCE_CHANNELS = [...SURVEY_CHANNELS, 'kiosk', 'qr'] as const;
export type InstanceChannel = (typeof INSTANCE_CHANNELS)[number];
export const INSTANCE_ORIGINS = ['stage', 'manual', 'kiosk', 'qr', 'complaint'] as const;
export type InstanceOrigin = (typeof INSTANCE_ORIGINS)[number];
/** Stored status, derived from the instance's times; "expired" is read against the clock, never stored. */
export const INSTANCE_STATUSES = ['scheduled', 'skipped', 'invited', 'opened', 'started', 'completed', 'revoked'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A hospital's bilingual message texts by channel and kind; a missing one falls back to the shipped text. */
export const messageTextsSchema = z.strictObject({
  sms: z.strictObject({ ar: z.string().max(600), en: z.string().max(600) }).optional(),
  whatsapp_template: z.string().max(120).optional(),
  email_subject: z.strictObject({ ar: z.string().max(200), en: z.string().max(200) }).optional(),
  email_body: z.strictObject({ ar: z.string().max(4000), en: z.string().max(4000) }).optional(),
  reminder_sms: z.strictObject({ ar: z.string().max(600), en: z.string().max(600) }).optional(),
});
export type MessageTexts = z.infer<typeof messageTextsSchema>;

export interface SurveySettingsTable extends RecordColumns {
  hospital_id: string;
  /** off until the hospital has checked its texts and provider: instances are made, nothing is sent */
  sending_enabled: number;
  window_start_minute: number;
  window_end_minute: number;
  fatigue_days: number;
  expiry_days: number;
  digits: string;
  /** the channels tried in order (JSON array of SurveyChannel) */
  channels: Json<SurveyChannel[]>;
  reminder_after_hours: number;
  reminder_max: number;
  /** where links point when this hospital's station sends itself (its listener's address on the LAN or the internet) */
  link_base_url: string | null;
  message_texts: Json<MessageTexts> | null;
}

export interface SurveyOptOutsTable extends RecordColumns {
  hospital_id: string;
  patient_id: string;
  /** a SurveyChannel, or 'all' */
  channel: string;
  /** 0: opted back in (the row stays, for the record) */
  active: number;
  /** link, console, reply */
  source: string;
  recorded_at: string;
}

export interface SurveyInstancesTable extends RecordColumns {
  hospital_id: string;
  template_id: string;
  version_id: string;
  patient_id: string;
  journey_instance_id: string | null;
  stage_instance_id: string | null;
  stage_id: string | null;
  department_id: string | null;
  physician_id: string | null;
  origin: string;
  channel: string;
  language: string;
  send_at: string | null;
  expires_at: string;
  invited_at: string | null;
  opened_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  revoked_at: string | null;
  /** why no invitation went: fatigue, opted_out, no_contact, sending_off */
  skip_reason: string | null;
  reminders_sent: number;
  /** SHA-256 of the link this station issued; never leaves it */
  token_hash: string | null;
  status: string;
}

export interface SurveyResponsesTable extends RecordColumns {
  hospital_id: string;
  instance_id: string;
  version_id: string;
  answers: Json<Answers>;
  /** the last page saved (0-based): a dropped connection resumes after it */
  page: number;
  language: string;
  finished_at: string | null;
  score: number | null;
  weighted_score: number | null;
  answered_count: number;
  negative: number;
}

export interface NotificationMessagesTable extends RecordColumns {
  hospital_id: string;
  instance_id: string;
  /** invitation, reminder_1, reminder_2… */
  kind: string;
  channel: string;
  language: string;
  send_at: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  provider: string | null;
  provider_message_id: string | null;
  /** the recipient as a log may show it (+9665•••••123) */
  recipient_hint: string | null;
  segments: number | null;
  /** the provider's reason for the last failure, never a credential */
  error: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  failed_at: string | null;
}

export interface NotificationProvidersTable extends RecordColumns {
  /** sms, whatsapp, email */
  channel: string;
  /** console, smtp, unifonic, webhook, whatsapp */
  kind: string;
  /** the provider's settings as JSON, sealed (SecretBox): they hold its credentials */
  settings: string;
  active: number;
}

/** The stored status of an instance: what its times say, the latest step first. */
export function instanceStatusOf(row: Readonly<Record<string, unknown>>): InstanceStatus {
  if (row.revoked_at) return 'revoked';
  if (row.completed_at) return 'completed';
  if (row.started_at) return 'started';
  if (row.opened_at) return 'opened';
  if (row.invited_at) return 'invited';
  if (row.skip_reason) return 'skipped';
  return 'scheduled';
}

/** Parsed versions by id: a version is never changed, so what was read once stays right. */
const versionContent = new Map<string, SurveyContent | null>();

/**
 * The questions of a template version, or null when they are not here yet
 * or do not read as a template (written by a newer PX360, or damaged).
 * Parsed once per version: a version is never changed.
 */
export function versionContentOf(versionId: unknown, read: RowReader): SurveyContent | null {
  if (typeof versionId !== 'string') return null;
  if (versionContent.has(versionId)) return versionContent.get(versionId) ?? null;
  const row = read('survey_template_versions', versionId);
  if (!row) return null; // not here yet: not cached, the next write computes it
  let content: SurveyContent | null;
  try {
    const parsed = surveyContentSchema.safeParse(JSON.parse(String(row.content)));
    content = parsed.success ? parsed.data : null;
  } catch {
    content = null;
  }
  if (versionContent.size > 500) versionContent.clear();
  versionContent.set(versionId, content);
  return content;
}

function answersOf(text: unknown): Answers {
  try {
    const parsed = z.record(z.string(), answerSchema).safeParse(JSON.parse(String(text)));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * A response's score columns, from its answers and its version's questions
 * (src-shared/surveys/scoring.ts). Negative only once the patient finished:
 * a half-answered survey is not yet what the patient said.
 */
export function responseScoreColumns(row: Readonly<Record<string, unknown>>, read: RowReader) {
  const content = versionContentOf(row.version_id, read);
  if (!content) return { score: null, weighted_score: null, answered_count: 0, negative: 0 };
  const scored = scoreResponse(content, answersOf(row.answers));
  return {
    score: scored.score,
    weighted_score: scored.weightedScore,
    answered_count: scored.answeredCount,
    negative: scored.negative && row.finished_at ? 1 : 0,
  };
}

const surveySettings = defineTable<SurveySettingsTable>()({
  name: 'survey_settings',
  domain: 'surveys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Survey settings', ar: 'إعدادات الاستبيانات' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    sending_enabled: synced({ en: 'Sending switched on', ar: 'الإرسال مفعّل' }),
    window_start_minute: synced({ en: 'Send window opens', ar: 'بداية نافذة الإرسال' }),
    window_end_minute: synced({ en: 'Send window closes', ar: 'نهاية نافذة الإرسال' }),
    fatigue_days: synced({ en: 'Days between surveys', ar: 'الأيام بين استبيانين' }),
    expiry_days: synced({ en: 'Link valid (days)', ar: 'صلاحية الرابط (بالأيام)' }),
    digits: synced({ en: 'Digits', ar: 'الأرقام' }),
    channels: synced({ en: 'Channels', ar: 'القنوات' }),
    reminder_after_hours: synced({ en: 'Reminder after (hours)', ar: 'التذكير بعد (بالساعات)' }),
    reminder_max: synced({ en: 'Reminders at most', ar: 'أقصى عدد للتذكيرات' }),
    link_base_url: nullable(synced({ en: 'Link address', ar: 'عنوان الروابط' })),
    message_texts: nullable(synced({ en: 'Message texts', ar: 'نصوص الرسائل' })),
    ...RECORD_TIMES,
  },
});

const surveyOptOuts = defineTable<SurveyOptOutsTable>()({
  name: 'survey_opt_outs',
  domain: 'surveys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Survey opt-out', ar: 'إلغاء الاشتراك في الاستبيانات' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    patient_id: synced(LABEL.patient, 'patients'),
    channel: synced({ en: 'Channel', ar: 'القناة' }),
    active: synced(LABEL.active),
    source: synced({ en: 'Recorded from', ar: 'مصدر التسجيل' }),
    recorded_at: synced({ en: 'Recorded', ar: 'وقت التسجيل' }),
    ...RECORD_TIMES,
  },
});

const surveyInstances = defineTable<SurveyInstancesTable>()({
  name: 'survey_instances',
  domain: 'surveys',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'department_id',
  label: { en: 'Survey', ar: 'استبيان' },
  groupOverview: 8,
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    template_id: synced({ en: 'Survey template', ar: 'قالب الاستبيان' }, 'survey_templates'),
    version_id: synced({ en: 'Template version', ar: 'نسخة القالب' }, 'survey_template_versions'),
    patient_id: synced(LABEL.patient, 'patients'),
    journey_instance_id: nullable(synced({ en: 'Journey', ar: 'الرحلة' })),
    stage_instance_id: nullable(synced({ en: 'Journey stage', ar: 'مرحلة الرحلة' })),
    stage_id: nullable(synced({ en: 'Stage', ar: 'المرحلة' })),
    department_id: nullable(synced(LABEL.department)),
    physician_id: nullable(synced(LABEL.physician)),
    origin: synced({ en: 'Made by', ar: 'المصدر' }),
    channel: synced({ en: 'Channel', ar: 'القناة' }),
    language: synced({ en: 'Language', ar: 'اللغة' }),
    send_at: nullable(synced({ en: 'Send at', ar: 'وقت الإرسال' })),
    expires_at: synced({ en: 'Link expires', ar: 'انتهاء الرابط' }),
    invited_at: nullable(synced({ en: 'Invited', ar: 'وقت الدعوة' })),
    opened_at: nullable(synced({ en: 'Opened', ar: 'وقت الفتح' })),
    started_at: nullable(synced({ en: 'Started', ar: 'وقت البدء' })),
    completed_at: nullable(synced(LABEL.completed)),
    revoked_at: nullable(synced({ en: 'Revoked', ar: 'وقت الإلغاء' })),
    skip_reason: nullable(synced({ en: 'Not sent because', ar: 'سبب عدم الإرسال' })),
    reminders_sent: synced({ en: 'Reminders sent', ar: 'التذكيرات المرسلة' }),
    ...RECORD_TIMES,
    // the hash of the link's token when a station issued it (kiosk, QR, sending itself): synced, so the hub and the
    // hospital's other stations take the link too (a QR code scanned at home reaches the hub); the token itself is never kept
    token_hash: nullable(synced({ en: 'Link (hash)', ar: 'الرابط (بصمة)' })),
    status: derived,
  },
  derived: {
    inputs: ['revoked_at', 'completed_at', 'started_at', 'opened_at', 'invited_at', 'skip_reason'],
    compute: (row) => ({ status: instanceStatusOf(row) }),
  },
});

const surveyResponses = defineTable<SurveyResponsesTable>()({
  name: 'survey_responses',
  domain: 'surveys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Survey response', ar: 'إجابة استبيان' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    instance_id: synced({ en: 'Survey', ar: 'الاستبيان' }, 'survey_instances'),
    version_id: synced({ en: 'Template version', ar: 'نسخة القالب' }, 'survey_template_versions'),
    answers: synced({ en: 'Answers', ar: 'الإجابات' }),
    page: synced({ en: 'Page reached', ar: 'الصفحة التي وصل إليها' }),
    language: synced({ en: 'Language', ar: 'اللغة' }),
    finished_at: nullable(synced({ en: 'Finished', ar: 'وقت الإنهاء' })),
    ...RECORD_TIMES,
    score: nullable(derived),
    weighted_score: nullable(derived),
    answered_count: derived,
    negative: derived,
  },
  derived: {
    inputs: ['answers', 'version_id', 'finished_at'],
    compute: responseScoreColumns,
  },
});

const notificationMessages = defineTable<NotificationMessagesTable>()({
  name: 'notification_messages',
  domain: 'surveys',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  label: { en: 'Message', ar: 'رسالة' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    instance_id: synced({ en: 'Survey', ar: 'الاستبيان' }, 'survey_instances'),
    kind: synced({ en: 'Kind', ar: 'النوع' }),
    channel: synced({ en: 'Channel', ar: 'القناة' }),
    language: synced({ en: 'Language', ar: 'اللغة' }),
    send_at: synced({ en: 'Send at', ar: 'وقت الإرسال' }),
    status: synced(LABEL.status),
    attempts: synced({ en: 'Attempts', ar: 'المحاولات' }),
    next_attempt_at: nullable(synced({ en: 'Next attempt', ar: 'المحاولة التالية' })),
    provider: nullable(synced({ en: 'Provider', ar: 'المزوّد' })),
    provider_message_id: nullable(synced({ en: "Provider's id", ar: 'معرّف المزوّد' })),
    recipient_hint: nullable(synced({ en: 'To', ar: 'إلى' })),
    segments: nullable(synced({ en: 'SMS parts', ar: 'أجزاء الرسالة' })),
    error: nullable(synced({ en: 'Error', ar: 'الخطأ' })),
    sent_at: nullable(synced({ en: 'Sent', ar: 'وقت الإرسال الفعلي' })),
    delivered_at: nullable(synced({ en: 'Delivered', ar: 'وقت التسليم' })),
    read_at: nullable(synced({ en: 'Read', ar: 'وقت القراءة' })),
    failed_at: nullable(synced({ en: 'Failed', ar: 'وقت الفشل' })),
    ...RECORD_TIMES,
  },
});

const notificationProviders = defineTable<NotificationProvidersTable>()({
  name: 'notification_providers',
  domain: 'surveys',
  sync: 'station',
  scope: 'station',
  label: { en: 'Message provider', ar: 'مزوّد الرسائل' },
  columns: {
    ...ID,
    channel: local({ en: 'Channel', ar: 'القناة' }),
    kind: local({ en: 'Provider', ar: 'المزوّد' }),
    settings: secret,
    active: local(LABEL.active),
    ...STATION_TIMES,
  },
});

export const surveysTables = [
  surveyTemplates,
  surveyTemplateVersions,
  surveySettings,
  surveyOptOuts,
  surveyInstances,
  surveyResponses,
  notificationMessages,
  notificationProviders,
] as const;
