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
  /** the survey token: the suffix of the template's URL button */
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
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: invitation.buttonSuffix }] },
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

const webhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.looseObject({
        changes: z.array(z.looseObject({ field: z.string(), value: z.looseObject({ statuses: z.array(statusSchema).max(1000).optional() }) })).max(100),
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
