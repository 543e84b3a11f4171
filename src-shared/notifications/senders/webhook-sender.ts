import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { judgeHttpStatus, postToGateway } from './http.js';
import {
  type AttemptOptions,
  CHANNELS,
  failed,
  type NotificationSender,
  notificationSender,
  type OutboundMessage,
  retry,
  SEND_TIMEOUT_MS,
  type SendResult,
  sent,
} from './outbound.js';
import type { SettingsOf } from './settings.js';

/**
 * Any other gateway (Taqnyat, Msegat, a hospital's integration engine)
 * behind a small JSON webhook the hospital's IT writes once:
 *
 *     POST <url>
 *     Content-Type: application/json
 *     Idempotency-Key: <message id>
 *     X-PX360-Signature: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>
 *
 *     {"id":"…","channel":"sms","to":"+9665…","language":"ar","body":"…","link":"https://…"}
 *
 * 2xx is sent (the answer's JSON `id`, if any, is the gateway's message
 * id); 408, 429, 401, 403 and 5xx are tried again with the same
 * Idempotency-Key, so the receiver can tell a retry from a new message;
 * any other 4xx refuses the message.
 */

export const WEBHOOK_SIGNATURE_HEADER = 'X-PX360-Signature';

export function createWebhookSender(settings: SettingsOf<'webhook'>, options: AttemptOptions = {}): NotificationSender {
  const secrets = [settings.secret];
  return notificationSender('webhook', CHANNELS, async (message) => {
    const body = webhookBody(message);
    const call = await postToGateway({
      url: settings.url,
      body,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': message.id,
        [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(settings.secret, body),
      },
      timeoutMs: options.timeoutMs ?? SEND_TIMEOUT_MS,
    });
    return call.answered ? judgeWebhookAnswer(call.status, call.data, secrets) : retry(call.reason, secrets);
  });
}

/** The raw body: signed as these exact bytes, so it is serialised once, here. */
export function webhookBody(message: OutboundMessage): string {
  const { id, channel, to, language, body, link } = message;
  return JSON.stringify({ id, channel, to, language, body, link });
}

/** `sha256=<hex>`, as WhatsApp signs its webhooks (whatsapp.ts), so a receiver checks both the same way. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

const acceptedSchema = z.looseObject({ id: z.union([z.string().min(1).max(200), z.number()]) });
const refusalSchema = z.looseObject({
  error: z.union([z.string(), z.looseObject({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() })]).optional(),
  message: z.string().optional(),
});

export function judgeWebhookAnswer(status: number, data: unknown, secrets: readonly (string | null)[] = []): SendResult {
  const judged = judgeHttpStatus(status);
  if (judged === 'ok') {
    const accepted = acceptedSchema.safeParse(data);
    return sent(accepted.success ? String(accepted.data.id) : null);
  }
  const reason = `The gateway answered HTTP ${status}${refusalText(data)}`;
  return judged === 'retry' ? retry(reason, secrets) : failed(reason, secrets);
}

/** The gateway's own words, when its answer has them (`{"error": …}` or `{"message": …}`). */
function refusalText(data: unknown): string {
  const refusal = refusalSchema.safeParse(data);
  if (!refusal.success) return '';
  const { error, message } = refusal.data;
  const words = typeof error === 'string' ? error : [error?.code, error?.message ?? message].filter((part) => part !== undefined).join(' ');
  return words ? `: ${words}` : '';
}
