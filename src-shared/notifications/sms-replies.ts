import { normalizePhone } from './senders/phone.js';
import { isStopReply, type StopReply } from './whatsapp.js';

/**
 * An SMS a patient sent back to the group's sender number, as an SMS
 * gateway forwards it to the hub (`POST /webhooks/sms-replies/<secret>`).
 * Gateways name the fields differently, so the usual names are read, in
 * any case: the sender as `from` (Unifonic, Infobip, Twilio's `From`),
 * `msisdn` (Vonage), `sender` or `originator`; the text as `text`, `body`
 * (Twilio's `Body`), `message` or `content`. A JSON body may wrap its
 * replies in `results: [ … ]` (Infobip). Anything else about the message is
 * not read.
 *
 * Answers a stop reply (the number as WhatsApp's wa_id: international
 * digits without "+"), `other` for a reply that is not one (feedback, a
 * question: the hub keeps nothing of it), or null for a body that is no SMS
 * reply at all (refused and logged).
 */
export type SmsReply = { readonly kind: 'stop'; readonly reply: StopReply } | { readonly kind: 'other' };

const SENDER_FIELDS = ['from', 'msisdn', 'sender', 'originator'];
const TEXT_FIELDS = ['text', 'body', 'message', 'content'];
/** An SMS is at most a few segments; a longer text is not one */
const MAX_TEXT = 2_000;

/** The most replies one forwarded body is read for (a gateway batching its inbound messages). */
const MAX_REPLIES = 100;

/**
 * The replies in a body: one at its top, or each of `results: [ … ]` (a
 * gateway that batches). Null when the body holds none we can read: a
 * single reply without a sender number or text, or no reply at all. In a
 * batch, an entry that cannot be read is left out and the others stand:
 * one bad entry must not cost another patient's STOP.
 */
export function readSmsReplies(body: unknown, now: Date): SmsReply[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const results = (body as Record<string, unknown>).results;
  if (!Array.isArray(results)) {
    const one = readOne(body, now);
    return one ? [one] : null;
  }
  if (results.length === 0 || results.length > MAX_REPLIES) return null;
  const read = results.map((entry) => readOne(entry, now)).filter((reply) => reply !== null);
  return read.length > 0 ? read : null;
}

function readOne(entry: unknown, now: Date): SmsReply | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const fields = new Map(Object.entries(entry).map(([key, value]) => [key.toLowerCase(), value]));
  const sender = firstText(fields, SENDER_FIELDS);
  const text = firstText(fields, TEXT_FIELDS);
  if (sender === null || text === null || text.length > MAX_TEXT) return null;
  // gateways write the number with or without "+" (9665…, +9665…, 009665…): all read as international
  const international = sender.startsWith('00') ? `+${sender.slice(2)}` : /^\d{11,15}$/.test(sender) ? `+${sender}` : sender;
  const phone = normalizePhone(international);
  if (!phone.ok) return null;
  if (!isStopReply(text)) return { kind: 'other' };
  return { kind: 'stop', reply: { from: phone.e164.slice(1), at: now.toISOString() } };
}

function firstText(fields: ReadonlyMap<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = fields.get(name);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  }
  return null;
}
