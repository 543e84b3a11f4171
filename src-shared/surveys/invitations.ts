import { formatDate } from '../dates.js';
import { renderMessageTemplate, smsSize } from '../notifications/message-template.js';
import type { OutboundMessage } from '../notifications/senders/outbound.js';
import type { MessageTexts, SurveyChannel } from '../tables/surveys.js';

/**
 * The invitation and reminder a patient receives, the same wherever it is
 * sent from (the hub, or a station that sends itself). The shipped texts
 * are short: an Arabic SMS is UCS-2, 70 characters a part alone and 67 in a
 * long one, and every part is paid for. No opt-out link in the SMS (a
 * service message; STOP replies are honoured); the email carries one, and
 * the form's footer does for everyone.
 */
export const DEFAULT_MESSAGE_TEXTS = {
  sms: {
    ar: '{{hospital}}: شكراً لزيارتك يا {{first_name}}. شاركنا رأيك في أقل من دقيقة: {{link}}',
    en: '{{hospital}}: thank you for your visit, {{first_name}}. Tell us how it went in under a minute: {{link}}',
  },
  reminder_sms: {
    ar: '{{hospital}}: تذكير لطيف يا {{first_name}}، رأيك يهمنا. الرابط صالح حتى {{expires_on}}: {{link}}',
    en: '{{hospital}}: a gentle reminder, {{first_name}}: your opinion matters. The link works until {{expires_on}}: {{link}}',
  },
  email_subject: {
    ar: 'كيف كانت زيارتك إلى {{hospital}}؟',
    en: 'How was your visit to {{hospital}}?',
  },
  email_body: {
    ar: 'مرحباً {{first_name}}،\n\nنشكرك على زيارتك إلى {{hospital}}. نرجو أن تخبرنا عن تجربتك، فالإجابة تستغرق أقل من دقيقة:\n{{link}}\n\nالرابط صالح حتى {{expires_on}}.\n\nلإيقاف استلام الاستبيانات: {{opt_out_link}}',
    en: 'Hello {{first_name}},\n\nThank you for visiting {{hospital}}. Please tell us about your experience; it takes under a minute:\n{{link}}\n\nThe link works until {{expires_on}}.\n\nTo stop receiving surveys: {{opt_out_link}}',
  },
  whatsapp_template: 'px360_survey_invitation',
} as const satisfies Required<MessageTexts>;

/** The kind of the message that confirms a patient's opt-out (Unifonic's terms ask for one; PDPL for a stop that works). */
export const OPT_OUT_CONFIRMATION = 'opt_out_confirmation';

/**
 * What the confirmation says: no link, nothing to answer, the hospital's
 * name only. The WhatsApp template has the hospital as its one body
 * parameter and no button (to be approved beside the invitation's).
 */
export const OPT_OUT_CONFIRMATION_TEXTS = {
  sms: {
    ar: '{{hospital}}: تم إيقاف الاستبيانات، ولن تصلك رسائل استبيان أخرى منا. شكراً لك.',
    en: '{{hospital}}: surveys are stopped; you will receive no more survey messages from us. Thank you.',
  },
  email_subject: {
    ar: 'لن تصلك استبيانات أخرى من {{hospital}}',
    en: 'No more surveys from {{hospital}}',
  },
  email_body: {
    ar: 'مرحباً {{first_name}}،\n\nسجّلنا طلبك: لن تصلك استبيانات أخرى من {{hospital}} بأي وسيلة.\n\nشكراً لك.',
    en: 'Hello {{first_name}},\n\nWe have recorded your request: you will receive no more surveys from {{hospital}}, by any channel.\n\nThank you.',
  },
  whatsapp_template: 'px360_opt_out_confirmation',
} as const;

/** Whether a message of this kind asks the patient to answer (an invitation or a reminder): it counts on the survey, and never goes after an opt-out. */
export function asksForAnswer(kind: string): boolean {
  return kind !== OPT_OUT_CONFIRMATION;
}

export interface InvitationInput {
  readonly messageId: string;
  /** invitation, reminder_1… */
  readonly kind: string;
  readonly channel: SurveyChannel;
  readonly language: 'ar' | 'en';
  /** E.164 for SMS and WhatsApp, an address for email */
  readonly to: string;
  readonly firstName: string;
  readonly hospitalName: string;
  readonly link: string;
  readonly optOutLink: string;
  /** the link's last day, as the patient reads it (a local date) */
  readonly expiresOn: string;
  readonly texts: MessageTexts;
}

/** The message as a provider takes it, and how many SMS parts it costs (null for other channels). */
export function invitationMessage(input: InvitationInput): { message: OutboundMessage; segments: number | null } {
  if (!asksForAnswer(input.kind)) return confirmationMessage(input);
  const values = { first_name: input.firstName, hospital: input.hospitalName, link: input.link, expires_on: input.expiresOn, opt_out_link: input.optOutLink };
  const reminder = input.kind !== 'invitation';
  const smsText = (reminder ? input.texts.reminder_sms : input.texts.sms) ?? (reminder ? DEFAULT_MESSAGE_TEXTS.reminder_sms : DEFAULT_MESSAGE_TEXTS.sms);
  const body =
    input.channel === 'email'
      ? renderMessageTemplate((input.texts.email_body ?? DEFAULT_MESSAGE_TEXTS.email_body)[input.language], values, input.language)
      : renderMessageTemplate(smsText[input.language], values, input.language);
  const subject =
    input.channel === 'email'
      ? renderMessageTemplate((input.texts.email_subject ?? DEFAULT_MESSAGE_TEXTS.email_subject)[input.language], values, input.language)
      : null;
  const token = input.link.slice(input.link.lastIndexOf('/') + 1);
  const message: OutboundMessage = {
    id: input.messageId,
    channel: input.channel,
    to: input.to,
    language: input.language,
    body,
    subject,
    link: input.link,
    optOutLink: input.channel === 'email' ? input.optOutLink : null,
    whatsApp:
      input.channel === 'whatsapp'
        ? {
            templateName: input.texts.whatsapp_template ?? DEFAULT_MESSAGE_TEXTS.whatsapp_template,
            bodyParameters: [input.firstName, input.hospitalName],
            buttonSuffix: token,
          }
        : null,
  };
  return { message, segments: input.channel === 'sms' ? smsSize(body).segments : null };
}

/** The opt-out's confirmation: the hospital's words that no more surveys will come, with no link. */
function confirmationMessage(input: InvitationInput): { message: OutboundMessage; segments: number | null } {
  const values = { first_name: input.firstName, hospital: input.hospitalName };
  const texts = OPT_OUT_CONFIRMATION_TEXTS;
  const body = renderMessageTemplate((input.channel === 'email' ? texts.email_body : texts.sms)[input.language], values, input.language);
  const message: OutboundMessage = {
    id: input.messageId,
    channel: input.channel,
    to: input.to,
    language: input.language,
    body,
    subject: input.channel === 'email' ? renderMessageTemplate(texts.email_subject[input.language], values, input.language) : null,
    link: '',
    optOutLink: null,
    whatsApp: input.channel === 'whatsapp' ? { templateName: texts.whatsapp_template, bodyParameters: [input.hospitalName], buttonSuffix: '' } : null,
  };
  return { message, segments: input.channel === 'sms' ? smsSize(body).segments : null };
}

/** Attempts before a staff email that keeps failing transiently is given up as failed (a survey's messages: retryUntil). */
export const MAX_SEND_ATTEMPTS = 8;

/** How long a message that asks no answer (an opt-out's confirmation) is tried again after it was due. */
export const RETRY_FOR_MS = 3 * 24 * 3_600_000;

/**
 * Until when a message that keeps failing transiently (a provider down, a
 * timeout, settings that cannot be read) is tried again, in ms: a survey's
 * invitation or reminder until its link expires (it would be cancelled as
 * expired after that anyway), anything else three days after it was due.
 * Nothing is given up after a count of attempts: a provider down for an
 * afternoon loses no message, and the backoff's cap keeps the tries ten
 * minutes apart. One rule for the hub's outbox and a station's.
 */
export function retryUntil(kind: string, sendAt: string, expiresAt: string): number {
  return asksForAnswer(kind) ? Date.parse(expiresAt) : Date.parse(sendAt) + RETRY_FOR_MS;
}
/** The first wait after a transient failure; it doubles from there (src-shared/backoff.ts). */
export const SEND_BACKOFF_BASE_MS = 30_000;

/** The first word of a name: all a survey page or a message shows of the patient. */
export function firstName(name: string): string | null {
  const first = name.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** A message to one patient, from what the outbox holds: their names, the hospital's names, the link and its expiry. */
export function invitationFor(input: {
  readonly messageId: string;
  readonly kind: string;
  readonly channel: SurveyChannel;
  readonly language: 'ar' | 'en';
  readonly to: string;
  readonly patient: { readonly name_ar: string; readonly name_en: string };
  readonly hospital: { readonly ar: string; readonly en: string };
  readonly link: string;
  readonly expiresAt: string;
  readonly timeZone: string;
  readonly texts: MessageTexts;
}): { message: OutboundMessage; segments: number | null } {
  const { language } = input;
  return invitationMessage({
    messageId: input.messageId,
    kind: input.kind,
    channel: input.channel,
    language,
    to: input.to,
    firstName: firstName(language === 'ar' ? input.patient.name_ar : input.patient.name_en) ?? '',
    hospitalName: input.hospital[language],
    link: input.link,
    optOutLink: `${input.link}/opt-out`,
    expiresOn: formatDate(input.expiresAt, { language, timeZone: input.timeZone }),
    texts: input.texts,
  });
}
