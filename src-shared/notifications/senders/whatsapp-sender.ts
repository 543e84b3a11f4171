import { z } from 'zod';
import { whatsAppTemplateMessage } from '../whatsapp.js';
import { judgeHttpStatus, postToGateway } from './http.js';
import { type AttemptOptions, failed, type NotificationSender, notificationSender, retry, SEND_TIMEOUT_MS, type SendResult, sent } from './outbound.js';
import { isE164 } from './phone.js';
import type { SettingsOf } from './settings.js';

/**
 * WhatsApp through Meta's Cloud API (research notes §4.1): an approved
 * template whose URL button carries the survey token, POSTed to
 * `<graph>/<version>/<phone-number-id>/messages` with the access token.
 * Meta's answer is the wamid that later status webhooks name.
 */

/**
 * Meta's error codes that refuse the message itself (WhatsApp error codes
 * reference): 100 invalid parameter, 131026 undeliverable (no WhatsApp on
 * that number, an old app, terms not accepted), 131047 re-engagement
 * (outside the 24-hour window), 131051 unsupported message type, and the
 * 132xxx template errors (missing, paused, parameters not matching).
 */
const REFUSED = new Set([100, 131026, 131047, 131051]);
const isTemplateError = (code: number) => code >= 132000 && code < 133000;
/**
 * Throughput and rate limits, which pass: 130429 the number's throughput,
 * 131056 too many messages to the same recipient, 131048 the spam rate
 * limit, 80007 the account's rate limit, 4 the app's call limit.
 */
const THROTTLED = new Set([4, 80007, 130429, 131048, 131056]);

const acceptedSchema = z.looseObject({ messages: z.tuple([z.looseObject({ id: z.string().min(1).max(200) })], z.unknown()) });
const graphErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.number().int(),
    message: z.string().max(1000).optional(),
    error_data: z.looseObject({ details: z.string().max(1000).optional() }).optional(),
  }),
});

export function createWhatsAppSender(settings: SettingsOf<'whatsapp'>, options: AttemptOptions = {}): NotificationSender {
  const secrets = [settings.accessToken, settings.appSecret];
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/${settings.apiVersion}/${settings.phoneNumberId}/messages`;
  return notificationSender('whatsapp', ['whatsapp'], async (message) => {
    if (!message.whatsApp) return failed('A WhatsApp message needs an approved template, and none was given');
    if (!isE164(message.to)) return failed('The recipient is not an international mobile number (E.164)');
    const body = whatsAppTemplateMessage({
      to: message.to.slice(1),
      template: message.whatsApp.templateName,
      language: message.language,
      bodyParameters: message.whatsApp.bodyParameters,
      buttonSuffix: message.whatsApp.buttonSuffix,
    });
    const call = await postToGateway({
      url,
      body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${settings.accessToken}`, 'Content-Type': 'application/json' },
      timeoutMs: options.timeoutMs ?? SEND_TIMEOUT_MS,
    });
    return call.answered ? judgeWhatsAppAnswer(call.status, call.data, secrets) : retry(call.reason, secrets);
  });
}

/**
 * Meta asks that errors be handled by their `code`, not the HTTP status
 * or the title; the status decides only for codes not named above (5xx
 * and refused tokens are retried, another 4xx refuses the message). An
 * accepted answer without a wamid is not Meta's: retried.
 */
export function judgeWhatsAppAnswer(status: number, data: unknown, secrets: readonly (string | null)[] = []): SendResult {
  const byStatus = judgeHttpStatus(status);
  if (byStatus === 'ok') {
    const accepted = acceptedSchema.safeParse(data);
    return accepted.success ? sent(accepted.data.messages[0].id) : retry('WhatsApp gave an answer that could not be read', secrets);
  }
  const graph = graphErrorSchema.safeParse(data);
  if (!graph.success) return byStatus === 'retry' ? retry(`WhatsApp answered HTTP ${status}`, secrets) : failed(`WhatsApp answered HTTP ${status}`, secrets);
  const { code, message, error_data: errorData } = graph.data.error;
  const reason = `WhatsApp ${code}: ${message ?? 'error'}${errorData?.details ? ` (${errorData.details})` : ''}`;
  if (THROTTLED.has(code)) return retry(reason, secrets);
  if (REFUSED.has(code) || isTemplateError(code)) return failed(reason, secrets);
  return byStatus === 'retry' ? retry(reason, secrets) : failed(reason, secrets);
}
