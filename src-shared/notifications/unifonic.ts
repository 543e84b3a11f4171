import { z } from 'zod';
import type { DeliveryStatus } from './delivery-status.js';

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
