import { z } from 'zod';
import { isValidSaudiId, normalizePhone, unsafeTextReason } from '../identity.js';
import { UUID_PATTERN } from '../ids.js';

export const id = z.string().regex(UUID_PATTERN);
export const timestamp = z.string(); // ISO-8601 UTC, as stored
export const language = z.enum(['ar', 'en']);
/** A state the console explains: a key of src-shared/messages.ts and its text in both languages. */
export const keyedMessage = z.object({ key: z.string(), message: z.object({ en: z.string(), ar: z.string() }) });
export type Language = z.infer<typeof language>;

/**
 * Text people read back as a record's identity — names, MRNs, licence and
 * employee numbers, titles — normalised to NFC and refused when it holds
 * control or bidi-override characters, broken UTF-16, or nothing visible
 * (identity.ts, unsafeTextReason). The console, the HIS JSON path and the
 * MLLP path use the same schemas.
 */
export function safeText(max: number, min = 1) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .superRefine((value, ctx) => {
          const reason = value === '' ? null : unsafeTextReason(value);
          if (reason) ctx.addIssue({ code: 'custom', message: `field.${reason}` });
        }),
    );
}

export const nameEn = safeText(120);
export const nameAr = safeText(120);
export const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,11}$/, { error: 'field.code' });

/** Saudi mobile or E.164, stored as E.164. Empty means none. */
export const phone = z
  .string()
  .trim()
  .max(32)
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'field.phone' });
      return z.NEVER;
    }
    return normalized;
  });

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const saudiId = z.string().trim().refine(isValidSaudiId, { error: 'field.national_id' });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.date' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'field.date' });

export const timeZone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'field.time_zone' },
);

/** Optional text field in a form: blank becomes null. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullable().optional());
}

export const paging = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(25),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ok = z.object({ ok: z.literal(true) });
export const byId = z.strictObject({ id });
export const setActive = z.strictObject({ id, active: z.boolean() });
