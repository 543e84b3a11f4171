/**
 * What every notification provider does: take one rendered message and say
 * whether it went, whether it is worth sending again later, or whether the
 * provider refused it for good. The outbox (hub, or a station that sends
 * itself) owns retries, backoff and the notification log; a provider only
 * does one attempt's I/O and judges its answer. Node only.
 */

export const CHANNELS = ['sms', 'whatsapp', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Each has its settings schema (settings.ts) and its sender (index.ts). */
export const PROVIDER_KINDS = ['console', 'smtp', 'unifonic', 'webhook', 'whatsapp'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface OutboundMessage {
  /** our message id: the provider's correlation id / idempotency key, so a retried send is recognisable */
  readonly id: string;
  readonly channel: Channel;
  /** E.164 (+9665…) for sms/whatsapp, an address for email */
  readonly to: string;
  readonly language: 'ar' | 'en';
  /** the rendered text (sms, email body) */
  readonly body: string;
  /** email */
  readonly subject: string | null;
  /** the survey link */
  readonly link: string;
  readonly optOutLink: string | null;
  readonly whatsApp: { readonly templateName: string; readonly bodyParameters: readonly string[]; readonly buttonSuffix: string } | null;
}

/**
 * `reason` is short English text for the notification log: the provider's
 * own code and words, never a credential, never the request.
 */
export type SendResult =
  | { readonly outcome: 'sent'; readonly providerMessageId: string | null }
  /** transient: network error, timeout, 5xx, 429, refused credentials — the outbox retries with backoff */
  | { readonly outcome: 'retry'; readonly reason: string }
  /** permanent: the provider refused this message (bad number, 4xx) — not retried */
  | { readonly outcome: 'failed'; readonly reason: string };

export interface NotificationSender {
  readonly provider: ProviderKind;
  readonly channels: readonly Channel[];
  send(message: OutboundMessage): Promise<SendResult>;
}

/** How long one attempt may take before it counts as a network failure (and is retried). */
export const SEND_TIMEOUT_MS = 15_000;

export interface AttemptOptions {
  /** how long one attempt may take (default SEND_TIMEOUT_MS); tests shorten it */
  readonly timeoutMs?: number;
}

const REASON_MAX = 300;
const SECRET_MARK = '••••';

/**
 * A reason as the notification log keeps it: one line, at most 300
 * characters, with every secret (as given and as a form or URL would
 * encode it) replaced before cutting, so that no provider that echoes a
 * request back can put a credential in front of a console user.
 */
export function reasonText(text: string, secrets: readonly (string | null)[] = []): string {
  let clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]))
      clean = clean.split(form).join(SECRET_MARK);
  }
  return clean.replace(/\s+/g, ' ').trim().slice(0, REASON_MAX) || 'no reason given';
}

export function sent(providerMessageId: string | null): SendResult {
  return { outcome: 'sent', providerMessageId };
}

export function retry(reason: string, secrets: readonly (string | null)[] = []): SendResult {
  return { outcome: 'retry', reason: reasonText(reason, secrets) };
}

export function failed(reason: string, secrets: readonly (string | null)[] = []): SendResult {
  return { outcome: 'failed', reason: reasonText(reason, secrets) };
}

/**
 * A sender from its one-message send. A message on a channel the provider
 * does not serve is a wiring mistake upstream, not a network hiccup: it
 * fails, as sending it again would, and reaches no provider.
 */
export function notificationSender(
  provider: ProviderKind,
  channels: readonly Channel[],
  sendOne: (message: OutboundMessage) => Promise<SendResult>,
): NotificationSender {
  return {
    provider,
    channels,
    send: async (message) =>
      channels.includes(message.channel) ? sendOne(message) : failed(`The ${provider} provider does not send ${message.channel} messages`),
  };
}
