import { z } from 'zod';
import { COMPLAINT_CHANNELS } from '../../../../src-shared/complaints/taxonomy.js';
import { CLOSE_REASONS, RESOLUTION_CATEGORIES, RESOLUTION_OUTCOMES } from '../../../../src-shared/complaints/workflow.js';

/**
 * What a timeline entry's details say, read (not cast) from the JSON the
 * station keeps with each entry (src-main/domains/complaints): anything a
 * newer station adds, or a value this console does not know, is left out
 * rather than shown wrong.
 */

const text = z.string().min(1);

/** Each field that reads as its schema says; one unknown value (a newer outcome) does not hide the others. */
function readFields<S extends z.ZodRawShape>(shape: S, details: Record<string, unknown> | null): Partial<{ [K in keyof S]: z.infer<S[K]> }> {
  const facts: Partial<Record<keyof S, unknown>> = {};
  for (const field of Object.keys(shape) as (keyof S & string)[]) {
    const value = (shape[field] as z.ZodType).safeParse(details?.[field]);
    if (value.success && value.data !== undefined) facts[field] = value.data;
  }
  return facts as Partial<{ [K in keyof S]: z.infer<S[K]> }>;
}

const CREATED = { channel: z.enum(COMPLAINT_CHANNELS), source: text };

/** How it was filed: the channel, and the source system when one posted it. */
export function createdFacts(details: Record<string, unknown> | null) {
  return readFields(CREATED, details);
}

const STATUS = {
  reopened: z.boolean(),
  outcome: z.enum(RESOLUTION_OUTCOMES),
  category: z.enum(RESOLUTION_CATEGORIES),
  closeReason: z.enum(CLOSE_REASONS),
  duplicateOf: text,
  resolutionSurvey: z.object({ id: text, skipped: z.string().nullable().optional() }),
};

/** A status change's facts: reopened, the resolution's outcome and what was done, why it closed, the resolution survey. */
export function statusFacts(details: Record<string, unknown> | null) {
  return readFields(STATUS, details);
}

const ASSIGNMENT = { userId: z.string().nullable(), userName: z.string().nullable(), departmentId: z.string().nullable() };

/** Whom it was given to (the person's name as the station wrote it, in English) and which team. */
export function assignmentFacts(details: Record<string, unknown> | null): { userId: string | null; userName: string | null; departmentId: string | null } {
  const facts = readFields(ASSIGNMENT, details);
  return { userId: facts.userId ?? null, userName: facts.userName ?? null, departmentId: facts.departmentId ?? null };
}

/** The columns a classification changes, in the order a change lists them. */
export const CLASSIFIED = [
  'hcat_category',
  'hcat_domain',
  'subcategory',
  'severity',
  'priority',
  'harm_level',
  'stage_of_care',
  'department_id',
  'physician_id',
] as const;
export type Classified = (typeof CLASSIFIED)[number];

export interface ClassificationChange {
  field: Classified;
  before: string | number | null;
  after: string | number | null;
}

const cell = z.union([z.string(), z.number(), z.null()]);

/** A classification's changes, column by column, before and after. */
export function classificationChanges(details: Record<string, unknown> | null): ClassificationChange[] {
  const sides = z.object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) }).safeParse(details);
  if (!sides.success) return [];
  const { before, after } = sides.data;
  return CLASSIFIED.filter((field) => Object.hasOwn(after, field)).map((field) => {
    const was = cell.safeParse(before[field] ?? null);
    const now = cell.safeParse(after[field]);
    return { field, before: was.success ? was.data : null, after: now.success ? now.data : null };
  });
}

/** A patient linked to the complaint after it was filed: by hand, or matched by the MRN it was filed with (then that MRN). */
export function patientLink(details: Record<string, unknown> | null): { mrn: string | null } | null {
  const read = z.object({ after: z.object({ patient_id: z.string() }), matchedMrn: z.string().optional() }).safeParse(details);
  return read.success ? { mrn: read.data.matchedMrn ?? null } : null;
}

const SLA = {
  clock: z.enum(['first_response', 'resolution']),
  stepKind: z.enum(['reminder', 'escalation']),
  level: z.number().int().nullable(),
  percent: z.number().nullable(),
  reachedAt: text,
  firedAt: text,
  notified: z.array(z.object({ id: z.string(), nameEn: z.string(), nameAr: z.string(), role: z.string() })),
  unfilled: z.array(z.string()),
  /** the people told whom no email can reach (no address) */
  noEmail: z.array(z.string()),
  problem: z.string().nullable(),
};

/** An SLA step's facts: which clock, a reminder or which escalation level, when it came due and fired, whom it told and whom it lacked. */
export function slaFacts(details: Record<string, unknown> | null) {
  return readFields(SLA, details);
}
