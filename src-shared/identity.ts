/**
 * Identity rules of Saudi patients and staff: national ID / iqama check
 * digits, mobile numbers, and the name normalisation that makes search
 * find "محمد" typed with or without diacritics and "Mohammed" in any case.
 */

/** National ID (starts with 1) or iqama (starts with 2): 10 digits, Luhn check digit. */
export function isValidSaudiId(value: string): boolean {
  if (!/^[12]\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    let digit = Number(value[i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Completes 9 digits with the check digit that makes a valid ID. */
export function withSaudiIdCheckDigit(nineDigits: string): string {
  for (let d = 0; d <= 9; d += 1) {
    const candidate = `${nineDigits}${d}`;
    if (isValidSaudiId(candidate)) return candidate;
  }
  throw new RangeError(`cannot complete ${nineDigits}`);
}

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;
export function westernDigits(value: string): string {
  return value.replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * Saudi mobile numbers to E.164 (`+9665XXXXXXXX`); other international numbers
 * are kept in E.164 as given. Returns null when it is not a phone number.
 */
export function normalizePhone(raw: string): string | null {
  const compact = westernDigits(raw).replace(/[\s()\-.\u200e\u200f]/g, '');
  if (/^05\d{8}$/.test(compact)) return `+966${compact.slice(1)}`;
  if (/^5\d{8}$/.test(compact)) return `+966${compact}`;
  if (/^009665\d{8}$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^9665\d{8}$/.test(compact)) return `+${compact}`;
  if (/^\+9665\d{8}$/.test(compact)) return compact;
  if (/^\+(?!966)[1-9]\d{7,14}$/.test(compact)) return compact;
  return null;
}

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Folds spelling variants so a search matches what a person means. */
export function normalizeNameForSearch(name: string): string {
  return westernDigits(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents
    .replace(ARABIC_DIACRITICS, '') // harakat and tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Why a name, MRN or code a person or a hospital system sent cannot be kept
 * as typed, or null when it can. Refused: control characters (C0, DEL, C1);
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 * which can make "سارة" display as something else or reorder a record's
 * other fields on screen and in exports; lone surrogates (broken UTF-16);
 * and values with nothing visible in them (only spaces, zero-width joiners,
 * marks). Letters with the marks Arabic uses (harakat, ZWNJ inside a word,
 * LRM/RLM) are kept. Check the NFC form (`safeText` does).
 */
export function unsafeTextReason(value: string): 'bad_characters' | 'invisible' | null {
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(value) || /\p{Cs}/u.test(value)) return 'bad_characters';
  if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(value)) return 'invisible';
  return null;
}
