import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryStatus } from './delivery-status.js';

/**
 * WhatsApp Cloud API, as the hub speaks it (research notes §4.1): a
 * template message whose URL button carries the survey token as the
 * suffix of the link registered with the template
 * (`https://px.example.sa/s/{{1}}`), and the status webhooks that come back,
 * checked against the app secret before anything in them is believed.
 * Server side only (node:crypto).
 */

export interface WhatsAppInvitation {
  /** international digits without "+" (9665XXXXXXXX) */
  readonly to: string;
  /** the approved template's name */
  readonly template: string;
  readonly language: 'ar' | 'en';
  /** the template body's {{1}}, {{2}}… in order */
  readonly bodyParameters: readonly string[];
  /** the survey token: the suffix of the template's URL button ('' for a template without one) */
  readonly buttonSuffix: string;
}

/** The JSON body of `POST /<version>/<phone-number-id>/messages`. */
export function whatsAppTemplateMessage(invitation: WhatsAppInvitation) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: invitation.to,
    type: 'template',
    template: {
      name: invitation.template,
      language: { code: invitation.language },
      components: [
        { type: 'body', parameters: invitation.bodyParameters.map((text) => ({ type: 'text', text })) },
        // a template without a link (an opt-out's confirmation) has no button
        ...(invitation.buttonSuffix ? [{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: invitation.buttonSuffix }] }] : []),
      ],
    },
  } as const;
}

/** `X-Hub-Signature-256: sha256=<hex>` over the raw body with the app secret, compared in constant time. */
export function whatsAppSignatureValid(appSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}

const statusSchema = z.looseObject({
  id: z.string().min(1).max(200),
  status: z.string().max(40),
  timestamp: z.string().regex(/^\d{1,12}$/),
  recipient_id: z.string().max(40).optional(),
  errors: z
    .array(z.looseObject({ code: z.number().int(), title: z.string().max(500).optional(), message: z.string().max(1000).optional() }))
    .max(10)
    .optional(),
});

/** A message a patient sent to the business number: only what a stop reply needs is read. */
const incomingSchema = z.looseObject({
  from: z.string().regex(/^\d{6,15}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().max(40),
  text: z.looseObject({ body: z.string().max(4096) }).optional(),
  button: z.looseObject({ text: z.string().max(200).optional(), payload: z.string().max(200).optional() }).optional(),
});

const webhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.looseObject({
        changes: z
          .array(
            z.looseObject({
              field: z.string(),
              value: z.looseObject({ statuses: z.array(statusSchema).max(1000).optional(), messages: z.array(z.unknown()).max(1000).optional() }),
            }),
          )
          .max(100),
      }),
    )
    .max(100),
});

/** One status report about one message. */
export interface ProviderReport {
  /** the provider's message id (WhatsApp: the wamid) */
  readonly providerMessageId: string;
  readonly status: DeliveryStatus;
  /** when the provider says it happened, ISO 8601 */
  readonly at: string;
  /** why it failed, as the provider says, for the notification log */
  readonly reason: string | null;
}

const STATUSES: Readonly<Record<string, DeliveryStatus>> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

/**
 * The delivery reports in a webhook body (already checked with
 * whatsAppSignatureValid); null for a body that is not a WhatsApp webhook
 * at all, to be refused and logged. Reports of kinds PX360 does not track
 * (a voice message played) are left out.
 */
export function readWhatsAppStatuses(body: unknown): ProviderReport[] | null {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return null;
  const reports: ProviderReport[] = [];
  for (const entry of parsed.data.entry)
    for (const change of entry.changes)
      for (const status of change.value.statuses ?? []) {
        const known = STATUSES[status.status];
        if (!known) continue;
        const error = status.errors?.[0];
        reports.push({
          providerMessageId: status.id,
          status: known,
          at: new Date(Number(status.timestamp) * 1000).toISOString(),
          reason: error ? `${error.code} ${error.title ?? error.message ?? ''}`.trim() : null,
        });
      }
  return reports;
}

/**
 * Words that stop the messages, in either language: the usual SMS keywords
 * and their Arabic ones, with the letters Arabic keyboards write
 * differently (إ/أ/آ/ا, ة/ه, ى/ي) folded together.
 */
const STOP_WORDS = new Set(
  [
    'stop',
    'stopall',
    'unsubscribe',
    'cancel',
    'end',
    'quit',
    'optout',
    'opt out',
    'ايقاف',
    'توقف',
    'توقيف',
    'الغاء',
    'الغاء الاشتراك',
    'لا ترسل',
    'الغاء الرسائل',
  ].map(foldStopWord),
);

function foldStopWord(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '') // harakat and tatweel
    .replace(/[إأآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Is this reply a request to stop? The whole reply must be a stop word: "please stop the noise at the clinic" is feedback, not an opt-out. */
export function isStopReply(text: string): boolean {
  return STOP_WORDS.has(foldStopWord(text));
}

/** A patient asking, by a reply on WhatsApp or by SMS, to get no more messages. */
export interface StopReply {
  /** international digits without "+" (WhatsApp's wa_id) */
  readonly from: string;
  readonly at: string;
}

/** The stop replies in a webhook body (already checked with whatsAppSignatureValid): text messages and quick-reply buttons that say stop. */
export function readWhatsAppStopReplies(body: unknown): StopReply[] {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return [];
  const replies: StopReply[] = [];
  for (const entry of parsed.data.entry)
    for (const change of entry.changes)
      for (const raw of change.value.messages ?? []) {
        // one message of a kind not read here (media, a system notice) leaves the others standing
        const read = incomingSchema.safeParse(raw);
        if (!read.success) continue;
        const message = read.data;
        const said = message.text?.body ?? message.button?.payload ?? message.button?.text ?? '';
        if (isStopReply(said)) replies.push({ from: message.from, at: new Date(Number(message.timestamp) * 1000).toISOString() });
      }
  return replies;
}
