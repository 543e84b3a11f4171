/**
 * Complaint numbers: `CMP-<hospital code>-<station code>-<sequence>`, e.g.
 * `CMP-RUH-7KQ2-000123`. Each station counts its own complaints, and its
 * code is part of the number, so two stations of a hospital that took
 * complaints while offline never hand out the same number (issue 12). The
 * number is what a patient quotes on the phone and what the hospital's
 * website asks about (`GET /api/v1/complaints/{number}`): short, upper
 * case, no letters that read like digits.
 */

/** Crockford's base 32: no I, L, O or U, so a number read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const STATION_CODE_LENGTH = 4;
const SEQUENCE_WIDTH = 6;
const PATTERN = /^CMP-([A-Z0-9][A-Z0-9-]{1,11})-([0-9A-HJKMNP-TV-Z]{4})-(\d{6,12})$/;

/**
 * A station's code in complaint numbers: 20 bits of a hash of its id
 * (FNV-1a: no secret is involved, and the console reads numbers too, with
 * no node:crypto), in base 32. Stations of one hospital share a code about
 * once in a million pairs; the unique index on the number turns that rare
 * clash into a refused write, never a duplicate number.
 */
export function stationCode(stationId: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`px360 complaint numbers\n${stationId}`)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  let bits = hash >>> 12;
  let code = '';
  for (let i = 0; i < STATION_CODE_LENGTH; i += 1) {
    code = ALPHABET[bits & 31]! + code;
    bits >>= 5;
  }
  return code;
}

export function formatComplaintNumber(hospitalCode: string, station: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`A complaint sequence starts at 1, not ${sequence}`);
  return `CMP-${hospitalCode.toUpperCase()}-${station}-${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
}

export interface ComplaintNumber {
  readonly hospitalCode: string;
  readonly station: string;
  readonly sequence: number;
}

/** A number as a person typed it (any case, spaces around): its parts, or null when it is not a complaint number. */
export function parseComplaintNumber(text: string): ComplaintNumber | null {
  const match = PATTERN.exec(text.trim().toUpperCase());
  if (!match) return null;
  const sequence = Number(match[3]);
  return Number.isSafeInteger(sequence) && sequence > 0 ? { hospitalCode: match[1]!, station: match[2]!, sequence } : null;
}

/** A PX action made by hand: ACT-<hospital>-<station>-<sequence>, apart on two offline stations like a complaint's. */
export function formatActionNumber(hospitalCode: string, station: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`An action sequence starts at 1, not ${sequence}`);
  return `ACT-${hospitalCode.toUpperCase()}-${station}-${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
}

/**
 * An automatic PX action's number, from what it came from (a survey
 * response): ACT-<hospital>-AUTO-<8 characters of its hash>, the same on
 * every station that makes it, so the one action has one number.
 */
export function automaticActionNumber(hospitalCode: string, sourceKey: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const byte of new TextEncoder().encode(`px360 automatic action\n${sourceKey}`)) {
    a = Math.imul(a ^ byte, 0x01000193) >>> 0;
    b = Math.imul(b ^ byte, 0x811c9dc5) >>> 0;
  }
  let code = '';
  for (let i = 0; i < 4; i += 1) code += ALPHABET[(a >>> (i * 5)) & 31]! + ALPHABET[(b >>> (i * 5)) & 31]!;
  return `ACT-${hospitalCode.toUpperCase()}-AUTO-${code}`;
}
