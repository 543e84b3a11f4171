import { z } from 'zod';
import { readUnifonicAnswer, unifonicForm } from '../unifonic.js';
import { judgeHttpStatus, postToGateway } from './http.js';
import { type AttemptOptions, failed, type NotificationSender, notificationSender, retry, SEND_TIMEOUT_MS, type SendResult, sent } from './outbound.js';
import { isE164 } from './phone.js';
import type { SettingsOf } from './settings.js';

/**
 * SMS through Unifonic (research notes §4.2): one form POST per message,
 * a Service message from the registered sender, our message id as the
 * CorrelationID. The form is built and the answer read by ../unifonic.ts;
 * this file does the I/O and decides what a refusal means for the outbox.
 */

/**
 * Refusals that are about the account, not the message (Unifonic, "Understanding
 * reasons of SMS non-delivery"): ER-01 no rate or insufficient funds, ER-08
 * sender ID not registered. Once the balance is topped up or the sender
 * registered, the same message goes, so it is retried. Every other
 * refusal (ER-02…ER-05 invalid or unreachable number, ER-06 empty body,
 * ER-07 filtered, ER-09 duplicate) would be refused again.
 */
const ACCOUNT_REFUSALS = new Set(['ER-01', 'ER-08']);

const errorCodeSchema = z.looseObject({ errorCode: z.string().max(40) });

export function createUnifonicSender(settings: SettingsOf<'unifonic'>, options: AttemptOptions = {}): NotificationSender {
  const secrets = [settings.appSid];
  return notificationSender('unifonic', ['sms'], async (message) => {
    if (!isE164(message.to)) return failed('The recipient is not an international mobile number (E.164)');
    const form = unifonicForm({ appSid: settings.appSid, senderId: settings.senderId, to: message.to, body: message.body, correlationId: message.id });
    const call = await postToGateway({
      url: settings.url,
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      timeoutMs: options.timeoutMs ?? SEND_TIMEOUT_MS,
    });
    return call.answered ? judgeUnifonicAnswer(call.status, call.data, secrets) : retry(call.reason, secrets);
  });
}

/**
 * An HTTP status that is no answer about the message (5xx, 429, refused
 * credentials) decides alone; otherwise Unifonic's own answer does. A 4xx
 * whose body is not Unifonic's is a refusal all the same.
 */
export function judgeUnifonicAnswer(status: number, data: unknown, secrets: readonly (string | null)[] = []): SendResult {
  const byStatus = judgeHttpStatus(status);
  if (byStatus === 'retry') return retry(`Unifonic answered HTTP ${status}`, secrets);
  const answer = readUnifonicAnswer(data);
  if (answer.ok) return sent(answer.providerMessageId);
  if (answer.retry) return byStatus === 'failed' ? failed(`Unifonic answered HTTP ${status}`, secrets) : retry(answer.reason, secrets);
  const code = errorCodeSchema.safeParse(data);
  if (code.success && ACCOUNT_REFUSALS.has(code.data.errorCode)) return retry(answer.reason, secrets);
  return failed(answer.reason, secrets);
}
