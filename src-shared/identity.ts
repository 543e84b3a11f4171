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
