import type { CallInput, SurveySettingsView } from '../../../../src-shared/contract/index.js';
import { fieldError, type FieldError } from '../../../../src-shared/errors.js';
import { messageTemplateProblems, renderMessageTemplate, smsSize, type SmsSize } from '../../../../src-shared/notifications/message-template.js';
import { DEFAULT_MESSAGE_TEXTS } from '../../../../src-shared/surveys/invitations.js';
import { SURVEY_CHANNELS, type MessageTexts, type SurveyChannel } from '../../../../src-shared/tables/surveys.js';

/**
 * A hospital's survey settings as the form edits them: times as HH:MM,
 * every channel with whether it is used, each message text in both
 * languages (the shipped text until someone changes it).
 */

/** The texts a hospital may reword, each in Arabic and English. */
export const TEXT_KINDS = ['sms', 'reminder_sms', 'email_subject', 'email_body'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];
/** The ones sent as SMS: their size is counted in parts. */
export const SMS_KINDS: readonly TextKind[] = ['sms', 'reminder_sms'];

export interface SettingsDraft {
  sendingEnabled: boolean;
  windowStart: string;
  windowEnd: string;
  fatigueDays: number | '';
  expiryDays: number | '';
  digits: 'latn' | 'arab';
  channels: { channel: SurveyChannel; used: boolean }[];
  reminderAfterHours: number | '';
  reminderMax: number | '';
  linkBaseUrl: string;
  texts: Record<TextKind, { ar: string; en: string }>;
  whatsappTemplate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 540 → "09:00". The end of the day (1440) is midnight, "00:00" on a time input. */
export function timeOfMinutes(minutes: number): string {
  const within = ((minutes % 1440) + 1440) % 1440;
  return `${pad(Math.floor(within / 60))}:${pad(within % 60)}`;
}

/** "21:30" → 1290; an end at "00:00" is midnight at the end of the day (1440); null for what is no time. */
export function minutesOfTime(time: string, end: boolean): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return end && total === 0 ? 1440 : total;
}

export function settingsDraftOf(view: SurveySettingsView): SettingsDraft {
  const used = new Set(view.channels);
  const texts = Object.fromEntries(TEXT_KINDS.map((kind) => [kind, { ...(view.messageTexts[kind] ?? DEFAULT_MESSAGE_TEXTS[kind]) }])) as SettingsDraft['texts'];
  return {
    sendingEnabled: view.sendingEnabled,
    windowStart: timeOfMinutes(view.windowStartMinute),
    windowEnd: timeOfMinutes(view.windowEndMinute),
    fatigueDays: view.fatigueDays,
    expiryDays: view.expiryDays,
    digits: view.digits,
    // the channels in use in their order, then the others
    channels: [...view.channels, ...SURVEY_CHANNELS.filter((c) => !used.has(c))].map((channel) => ({ channel, used: used.has(channel) })),
    reminderAfterHours: view.reminderAfterHours,
    reminderMax: view.reminderMax,
    linkBaseUrl: view.linkBaseUrl ?? '',
    texts,
    whatsappTemplate: view.messageTexts.whatsapp_template ?? DEFAULT_MESSAGE_TEXTS.whatsapp_template,
  };
}

export const isDefaultText = (kind: TextKind, text: { ar: string; en: string }) =>
  text.ar === DEFAULT_MESSAGE_TEXTS[kind].ar && text.en === DEFAULT_MESSAGE_TEXTS[kind].en;

/** Only what differs from the shipped texts is stored: a hospital that never changed one gets the next release's wording. */
export function messageTextsOf(draft: SettingsDraft): MessageTexts {
  const texts: MessageTexts = {};
  for (const kind of TEXT_KINDS) if (!isDefaultText(kind, draft.texts[kind])) texts[kind] = { ...draft.texts[kind] };
  const template = draft.whatsappTemplate.trim();
  if (template !== DEFAULT_MESSAGE_TEXTS.whatsapp_template) texts.whatsapp_template = template;
  return texts;
}

type SettingsInput = CallInput<'surveySettings.update'>;

/** Empty numbers and times are caught first (settingsProblems); NaN keeps the type honest should one slip through: the station refuses it. */
const numberOf = (value: number | '') => (value === '' ? Number.NaN : value);

export function settingsInputOf(hospitalId: string, draft: SettingsDraft): SettingsInput {
  const linkBaseUrl = draft.linkBaseUrl.trim();
  return {
    hospitalId,
    sendingEnabled: draft.sendingEnabled,
    windowStartMinute: minutesOfTime(draft.windowStart, false) ?? Number.NaN,
    windowEndMinute: minutesOfTime(draft.windowEnd, true) ?? Number.NaN,
    fatigueDays: numberOf(draft.fatigueDays),
    expiryDays: numberOf(draft.expiryDays),
    digits: draft.digits,
    channels: draft.channels.filter((c) => c.used).map((c) => c.channel),
    reminderAfterHours: numberOf(draft.reminderAfterHours),
    reminderMax: numberOf(draft.reminderMax),
    linkBaseUrl: linkBaseUrl === '' ? null : linkBaseUrl,
    messageTexts: messageTextsOf(draft),
  };
}

/**
 * What the console can tell before sending: a number or a time left empty
 * (sent as is, the station would only say "wrong type"), and unknown
 * `{{variables}}` or stray braces in a text, at the text's field
 * (`messageTexts.sms.ar`): a message with one could never be sent.
 */
export function settingsProblems(draft: SettingsDraft): FieldError[] {
  const problems: FieldError[] = [];
  const numbers = {
    fatigueDays: draft.fatigueDays,
    expiryDays: draft.expiryDays,
    reminderAfterHours: draft.reminderAfterHours,
    reminderMax: draft.reminderMax,
  };
  for (const [path, value] of Object.entries(numbers)) if (value === '') problems.push(fieldError(path, 'field.required'));
  if (minutesOfTime(draft.windowStart, false) === null) problems.push(fieldError('windowStartMinute', 'field.required'));
  if (minutesOfTime(draft.windowEnd, true) === null) problems.push(fieldError('windowEndMinute', 'field.required'));
  for (const kind of TEXT_KINDS) {
    for (const language of ['ar', 'en'] as const) {
      const [first] = messageTemplateProblems(draft.texts[kind][language]);
      if (first) problems.push(fieldError(`messageTexts.${kind}.${language}`, first.key));
    }
  }
  return problems;
}

/** What a patient's SMS is made of besides the text: a name, the hospital, a link as the station makes them (22-character token). */
export interface SampleValues {
  firstName: string;
  hospital: string;
  linkBaseUrl: string;
  expiresOn: string;
}

/**
 * The size of the SMS a patient would get from this text, with sample
 * values in its variables (and, in Arabic, the isolates around each); the
 * text as typed when it cannot be rendered (an unknown variable).
 */
export function smsSizeOf(text: string, language: 'ar' | 'en', sample: SampleValues): SmsSize {
  if (messageTemplateProblems(text).length > 0) return smsSize(text);
  const link = `${sample.linkBaseUrl.replace(/\/+$/, '')}/s/${'x'.repeat(22)}`;
  const body = renderMessageTemplate(
    text,
    { first_name: sample.firstName, hospital: sample.hospital, link, expires_on: sample.expiresOn, opt_out_link: `${link}/stop` },
    language,
  );
  return smsSize(body);
}

/** The channels with one moved up or down. */
export function moveChannel(channels: SettingsDraft['channels'], index: number, delta: -1 | 1): SettingsDraft['channels'] {
  const target = index + delta;
  if (target < 0 || target >= channels.length) return channels;
  const next = [...channels];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved!);
  return next;
}
