import { z } from 'zod';
import { PRIORITIES } from '../complaints/taxonomy.js';
import { businessCalendarSchema } from '../sla/business-time.js';
import { SLA_RECORD_TYPES, slaPolicyContentSchema } from '../sla/policies.js';
import { id, safeText, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { hospitalRef } from './scoped.js';

/** SLA policies and calendars, the staff notification bell, and a record's clocks (docs/sla-design.md). */

const versionRef = z.object({ id: z.string(), effectiveFrom: timestamp, note: z.string().nullable(), isDefault: z.boolean() });

export const slaPolicySchema = z.object({
  recordType: z.enum(SLA_RECORD_TYPES),
  priority: z.enum(PRIORITIES),
  /** the version in force now */
  current: versionRef.extend({ content: slaPolicyContentSchema }),
  /** a version saved to take effect later, if any */
  upcoming: versionRef.extend({ content: slaPolicyContentSchema }).nullable(),
  /** every version, oldest first (the default in code first) */
  history: z.array(versionRef),
});
export type SlaPolicyView = z.infer<typeof slaPolicySchema>;

/** A holiday from the Umm al-Qura calendar, proposed for an officer to confirm: never applied until it is in a saved calendar. */
export const proposedHolidaySchema = z.object({
  key: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  from: z.string(),
  to: z.string(),
  /** already in the calendar in force (an override covering these days) */
  confirmed: z.boolean(),
});
export type ProposedHoliday = z.infer<typeof proposedHolidaySchema>;

export const slaCalendarViewSchema = z.object({
  hospitalId: id,
  current: versionRef.extend({ calendar: businessCalendarSchema }),
  upcoming: versionRef.extend({ calendar: businessCalendarSchema }).nullable(),
  history: z.array(versionRef),
  proposedHolidays: z.array(proposedHolidaySchema),
});
export type SlaCalendarView = z.infer<typeof slaCalendarViewSchema>;

/** When a new version takes effect: now (absent), or a later instant. */
const effectiveFrom = z.iso.datetime({ offset: true }).optional();

export const bellItemSchema = z.object({
  id,
  kind: z.enum(['sla_reminder', 'sla_escalation']),
  recordType: z.enum(SLA_RECORD_TYPES),
  recordId: id,
  recordNumber: z.string(),
  clock: z.enum(['first_response', 'resolution']),
  level: z.number().int().nullable(),
  percent: z.number().nullable(),
  reachedAt: timestamp,
  deliverAt: timestamp,
  readAt: timestamp.nullable(),
});
export type BellItem = z.infer<typeof bellItemSchema>;

export const slaContract = {
  'sla.policies': query({
    access: 'complaints.read',
    summary: 'A hospital’s SLA policies by record type and priority: the version in force, one saved for later, and their history.',
    input: z.strictObject({ hospitalId: hospitalRef }),
    output: z.array(slaPolicySchema),
  }),
  'sla.savePolicy': mutation({
    access: 'departments.write',
    summary:
      'Hospital administrators: saves a new version of a policy (targets in business minutes, reminders, the escalation ladder); open clocks are recomputed.',
    input: z.strictObject({
      hospitalId: hospitalRef,
      recordType: z.enum(SLA_RECORD_TYPES),
      priority: z.enum(PRIORITIES),
      content: slaPolicyContentSchema,
      note: safeText(500).optional(),
      effectiveFrom,
    }),
    output: slaPolicySchema,
  }),
  'sla.calendar': query({
    access: 'complaints.read',
    summary: 'A hospital’s business calendar: weekly hours (split shifts), overrides (Ramadan hours, holidays), closures, and holidays proposed to confirm.',
    input: z.strictObject({ hospitalId: hospitalRef, year: z.number().int().min(2000).max(2100).optional() }),
    output: slaCalendarViewSchema,
  }),
  'sla.saveCalendar': mutation({
    access: 'departments.write',
    summary: 'Hospital administrators: saves a new version of the hospital’s business calendar; open clocks are recomputed.',
    input: z.strictObject({ hospitalId: hospitalRef, calendar: businessCalendarSchema, note: safeText(500).optional(), effectiveFrom }),
    output: slaCalendarViewSchema,
  }),
  'bell.list': query({
    access: 'session',
    summary: 'The signed-in person’s notifications (reminders and escalations) that are due to show, newest first, and how many are unread.',
    input: z.strictObject({ limit: z.number().int().min(1).max(100).default(30) }),
    output: z.object({ items: z.array(bellItemSchema), unread: z.number().int() }),
  }),
  'bell.read': mutation({
    access: 'session',
    summary: 'Marks the signed-in person’s notifications read: the ones named, or all.',
    input: z.strictObject({ ids: z.array(id).max(200).optional() }),
    output: z.object({ unread: z.number().int() }),
  }),
};

/** What the console's SLA badge shows of a record: the clock of most concern (the least business time left), or the last one stopped. */
export const slaBadgeSchema = z.object({
  clock: z.enum(['first_response', 'resolution']),
  state: z.enum(['running', 'paused', 'stopped']),
  /** business minutes left; negative once breached */
  remainingMinutes: z.number(),
  due: timestamp.nullable(),
  breached: z.boolean(),
});
export type SlaBadge = z.infer<typeof slaBadgeSchema>;

/** One clock of a record as the detail screen shows it: its current cycle, with its steps and which have fired. */
export const slaClockSchema = z.object({
  clock: z.enum(['first_response', 'resolution']),
  cycle: z.number().int(),
  cycles: z.number().int(),
  state: z.enum(['running', 'paused', 'stopped']),
  target: z.number(),
  elapsed: z.number(),
  remaining: z.number(),
  due: timestamp.nullable(),
  breached: z.boolean(),
  policyVersionId: z.string(),
  steps: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['reminder', 'escalation']),
      percent: z.number().nullable(),
      level: z.number().int().nullable(),
      at: timestamp.nullable(),
      reached: z.boolean(),
      fired: z.boolean(),
    }),
  ),
});
export type SlaClockView = z.infer<typeof slaClockSchema>;
