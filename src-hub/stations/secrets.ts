import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Station tokens, admin tokens and enrolment codes are long random strings,
 * so a plain SHA-256 is enough to store them: nobody can guess one from its
 * hash, and a lookup by hash stays one index probe.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newStationToken(): string {
  return `pxs_${randomBytes(32).toString('base64url')}`;
}

export function newAdminToken(): string {
  return `pxa_${randomBytes(32).toString('base64url')}`;
}

// Crockford base32 without I, L, O, U: read aloud over the phone without mistakes.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time enrolment code such as `7KQ2-M9XD-4TRB-P1HW` (80 bits). */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b & 31]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Codes are compared without case, spaces or dashes. */
export function normaliseEnrolmentCode(code: string): string {
  const plain = code.toUpperCase().replace(/[\s-]/g, '');
  return plain.length === 16 ? [0, 4, 8, 12].map((i) => plain.slice(i, i + 4)).join('-') : plain;
}
