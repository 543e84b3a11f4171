import { z } from 'zod';
import type { DeliveryStatus } from './delivery-status.js';
import type { ProviderReport } from './whatsapp.js';

/**
 * Unifonic's SMS API (`POST https://el.cloud.unifonic.com/rest/SMS/messages`,
 * form-encoded; research notes §4.2). A survey invitation is a Service
 * message (MessageType 3) from a registered sender; the recipient is written
 * in international digits without "+" or "00"; the correlation id is ours
 * (the message's id), so a retried request is recognisable.
 */
export const UNIFONIC_SMS_URL = 'https://el.cloud.unifonic.com/rest/SMS/messages';
/** Unifonic's message types for KSA traffic: 3 is Services (a post-visit invitation is service content). */
export const UNIFONIC_SERVICE_MESSAGE = '3';

export interface UnifonicSms {
  readonly appSid: string;
  readonly senderId: string;
  /** E.164 (+9665XXXXXXXX) */
  readonly to: string;
  readonly body: string;
  readonly correlationId: string;
}

/** The form fields of one send. */
export function unifonicForm(sms: UnifonicSms): URLSearchParams {
  if (!/^\+[1-9]\d{7,14}$/.test(sms.to)) throw new Error('unifonicForm: the recipient must be E.164');
  return new URLSearchParams({
    AppSid: sms.appSid,
    SenderID: sms.senderId,
    Recipient: sms.to.slice(1),
    Body: sms.body,
    MessageType: UNIFONIC_SERVICE_MESSAGE,
    CorrelationID: sms.correlationId,
    responseType: 'JSON',
  });
}

const answerSchema = z.looseObject({
  success: z.boolean(),
  message: z.string().max(1000).optional(),
  errorCode: z.string().max(40).optional(),
  data: z
    .union([
      z.looseObject({
        MessageID: z.union([z.string(), z.number()]).optional(),
        Status: z.string().max(40).optional(),
        NumberOfUnits: z.union([z.string(), z.number()]).optional(),
      }),
      z.array(z.unknown()),
    ])
    .optional(),
});

export type UnifonicAnswer =
  | { readonly ok: true; readonly providerMessageId: string; readonly status: DeliveryStatus; readonly units: number | null }
  | { readonly ok: false; readonly reason: string; readonly retry: boolean };

/**
 * What Unifonic answered to a send. A refusal keeps Unifonic's own words
 * for the notification log; an answer that is not Unifonic's at all (a proxy's
 * error page) is worth retrying, a refusal of the message itself is not.
 */
export function readUnifonicAnswer(body: unknown): UnifonicAnswer {
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'The SMS gateway gave an answer that could not be read', retry: true };
  const answer = parsed.data;
  if (!answer.success || !answer.data || Array.isArray(answer.data) || answer.data.MessageID === undefined)
    return { ok: false, reason: `${answer.errorCode ?? 'ER'}: ${answer.message || 'refused'}`.slice(0, 300), retry: false };
  const units = Number(answer.data.NumberOfUnits);
  return {
    ok: true,
    providerMessageId: String(answer.data.MessageID),
    status: answer.data.Status?.toLowerCase() === 'queued' ? 'queued' : 'sent',
    units: Number.isFinite(units) ? units : null,
  };
}

/**
 * Unifonic's delivery receipt (DLR), posted to the callback address set in
 * the Unifonic account: `MessageID`, `DLR` ("Delivered" or
 * "Undeliverable"), `Recipient`, `TimeCreated`, `SCTS`, `DLRTimestamp`
 * (support.unifonic.com, "Can I receive DLR receipt update through a
 * webhook?"). Unifonic retries until it gets 200, six times in 72 hours.
 * Field names are read in any case, as JSON or a form, since the documents
 * disagree on the encoding. Its times are in the account's time zone,
 * which the receipt does not name: the report is dated when it arrives.
 * Null for a body that is no receipt (refused and logged).
 */
export function readUnifonicReceipt(body: unknown, now: Date): ProviderReport | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const fields = new Map<string, unknown>(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]));
  const id = fields.get('messageid');
  const dlr = fields.get('dlr') ?? fields.get('status');
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).length === 0 || String(id).length > 100) return null;
  if (typeof dlr !== 'string' || dlr.length === 0 || dlr.length > 40) return null;
  const status = RECEIPT_STATUSES[dlr.toLowerCase()];
  if (!status) return null;
  return {
    providerMessageId: String(id),
    status,
    at: now.toISOString(),
    reason: status === 'failed' ? `Unifonic: ${dlr.replace(/[^\p{L}\p{N} _-]/gu, '')}` : null,
  };
}

const RECEIPT_STATUSES: Readonly<Record<string, DeliveryStatus>> = {
  delivered: 'delivered',
  undeliverable: 'failed',
  undelivered: 'failed',
  failed: 'failed',
  rejected: 'failed',
  expired: 'failed',
  sent: 'sent',
};
