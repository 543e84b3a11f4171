import { z } from 'zod';
import { email, phone, safeText } from '../contract/common.js';
import { COMPLAINT_CHANNELS, COMPLAINT_TYPES, HCAT_CATEGORY_CODES } from './taxonomy.js';
import { COMPLAINT_STATUSES } from './workflow.js';

/**
 * External complaint intake (docs/external-interfaces.md, "Complaints"): what
 * the hospital's website and app, and a 937 referral system, post to the
 * listener's `POST /api/v1/complaints` with their source token. Field names
 * are snake_case as the HIS events' are. The same text rules as the
 * console's (a name, phone or email the console would refuse is refused
 * here with the same bilingual field error); fields it does not know are
 * refused, so a typo is not silently lost.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** Null, missing or an empty string: "not sent". */
const blankIsNone = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullish());

export const complaintIntakeSchema = z.strictObject({
  source_system: text(32).regex(/^[A-Z0-9_-]+$/i, { error: 'field.code' }),
  external_id: text(128),
  hospital_code: text(32),
  channel: z.enum(COMPLAINT_CHANNELS),
  description: safeText(8000),
  type: z.enum(COMPLAINT_TYPES).default('complaint'),
  /** the complaint's own language; read from its letters when not sent */
  language: z.enum(['ar', 'en']).nullish(),
  department_code: blankIsNone(text(32)),
  occurred_at: z.iso.datetime({ offset: true }).nullish(),
  category: z.enum(HCAT_CATEGORY_CODES as [string, ...string[]]).nullish(),
  patient: z
    .strictObject({
      mrn: blankIsNone(safeText(40)),
      name_ar: blankIsNone(safeText(160)),
      name_en: blankIsNone(safeText(160)),
      phone: blankIsNone(phone),
      email: blankIsNone(email),
      language: z.enum(['ar', 'en']).nullish(),
    })
    .nullish(),
});
export type ComplaintIntake = z.infer<typeof complaintIntakeSchema>;

/** The answer to a filing: the number the source shows its user, and whether this filing was new. */
export interface ComplaintFiled {
  readonly number: string;
  readonly status: 'accepted' | 'duplicate';
}

/** What a source may read of a complaint it filed: its progress and what was written for the complainant, nothing internal. */
export const complaintStatusViewSchema = z.object({
  number: z.string(),
  external_id: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  received_at: z.string(),
  updated_at: z.string(),
  first_response_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  notes: z.array(z.object({ at: z.string(), text: z.string() })),
});
export type ComplaintStatusView = z.infer<typeof complaintStatusViewSchema>;

/** Arabic letters decide a text's language when the source does not say it. */
export function languageOfText(text: string): 'ar' | 'en' {
  const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return arabic >= latin ? 'ar' : 'en';
}
