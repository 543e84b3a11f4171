import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A patient's number as an SMS gateway or WhatsApp needs it: E.164, and a
 * mobile. Registration desks type Saudi numbers every way (05XXXXXXXX,
 * 9665XXXXXXXX, +966 5X XXX XXXX, 00966…, Arabic-Indic digits); all become
 * +9665XXXXXXXX. A landline is refused before anything is sent: an SMS to
 * it is paid for and never arrives, and WhatsApp answers 131026.
 *
 * The 'max' metadata, because the default one knows a Saudi number's length
 * but not whether it is a mobile (getType() answers nothing). Node only,
 * so its size costs nothing that matters.
 */

export type PhoneCheck = { readonly ok: true; readonly e164: string } | { readonly ok: false; readonly reason: 'invalid' | 'not_mobile' };

/** Direction marks a number pasted from Arabic text carries around it. */
const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Longer than any number written with spaces and a prefix: text, not a number. */
const MAX_INPUT = 40;

export function normalizePhone(raw: string, defaultCountry: CountryCode = 'SA'): PhoneCheck {
  const text = raw.replace(BIDI_MARKS, '').trim();
  if (text.length > MAX_INPUT) return { ok: false, reason: 'invalid' };
  const phone = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (!phone?.isValid()) return { ok: false, reason: 'invalid' };
  // North American numbers do not say which they are: a mobile is possible, so they are sent
  const type = phone.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: phone.number };
}

/** The form OutboundMessage.to has for sms and whatsapp: `+`, then 8 to 15 digits. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(value);
}
