import { z } from 'zod';
import { PRIORITIES, type Priority } from '../complaints/taxonomy.js';
import type { BusinessCalendar } from './business-time.js';
import type { CalendarVersion, ClockKind, PolicyStep, PolicyVersion } from './clock.js';

/**
 * What an SLA policy holds beyond the clock's arithmetic (docs/sla-design.md):
 * who each step notifies, whether it may notify out of business hours, the
 * defaults a hospital starts from, and how a record picks its policy.
 */

/** The record types with clocks. */
export const SLA_RECORD_TYPES = ['complaint', 'px_action'] as const;
export type SlaRecordType = (typeof SLA_RECORD_TYPES)[number];

/** Whom a step tells: the record's assignee, or the holders of a role over the record (its department's manager, its hospital's admin…). */
export const SLA_RECIPIENTS = ['assignee', 'department_manager', 'px_coordinator', 'hospital_admin', 'px_admin'] as const;
export type SlaRecipient = (typeof SLA_RECIPIENTS)[number];

/** A step as a policy stores it: the clock's threshold, whom it tells, and whether it may tell them out of hours. */
export type SlaStep = PolicyStep & { readonly notify: readonly SlaRecipient[]; readonly anyTime: boolean };

export interface SlaPolicyContent {
  readonly targets: Readonly<Record<ClockKind, number | null>>;
  readonly steps: Readonly<Record<ClockKind, readonly SlaStep[]>>;
}

/** A policy version as the engine reads it: the clock's view plus whom each step tells. */
export type SlaPolicyVersion = Omit<PolicyVersion, 'steps'> & { readonly steps: Readonly<Record<ClockKind, readonly SlaStep[]>> };

/** In force from the beginning: a record older than a hospital's first saved version is measured by the defaults. */
export const DEFAULTS_FROM = '1970-01-01T00:00:00.000Z';

const DAY = 8 * 60; // business minutes in a default working day

/** The business calendar before a hospital saves its own: Sunday–Thursday 08:00–16:00 in the hospital's zone, Friday–Saturday weekend. */
export function defaultCalendar(timeZone: string): BusinessCalendar {
  const day: [string, string][] = [['08:00', '16:00']];
  return { timeZone, weekly: { 0: day, 1: day, 2: day, 3: day, 4: day, 5: [], 6: [] } };
}

const reminder = (id: string, percent: number): SlaStep => ({ id, kind: 'reminder', percent, notify: ['assignee'], anyTime: false });
const escalation = (level: number, afterDueMinutes: number, notify: SlaRecipient[], anyTime: boolean): SlaStep => ({
  id: `escalation_${level}`,
  kind: 'escalation',
  level,
  afterDueMinutes,
  notify,
  anyTime,
});

/**
 * The defaults by priority, in business minutes. Resolution: a medium
 * complaint in three working days (MoH 937 reports "closed within 3 days",
 * research §6.2), urgent the same day. The ladder: the department manager at
 * due, the hospital admin 4 business hours later, the PX admin after 8. An
 * urgent record's escalations reach people out of hours too.
 */
const COMPLAINT_DEFAULTS: Readonly<Record<Priority, readonly [firstResponse: number, resolution: number]>> = {
  urgent: [60, DAY],
  high: [4 * 60, 2 * DAY],
  medium: [DAY, 3 * DAY],
  low: [2 * DAY, 5 * DAY],
};
const PX_ACTION_DEFAULTS: Readonly<Record<Priority, number>> = { urgent: 2 * DAY, high: 5 * DAY, medium: 10 * DAY, low: 20 * DAY };

export function defaultPolicy(recordType: SlaRecordType, priority: Priority): SlaPolicyContent {
  const anyTime = priority === 'urgent';
  const ladder = [
    escalation(1, 0, ['department_manager'], anyTime),
    escalation(2, 4 * 60, ['hospital_admin'], anyTime),
    escalation(3, 8 * 60, ['px_admin'], anyTime),
  ];
  if (recordType === 'px_action')
    return {
      targets: { first_response: null, resolution: PX_ACTION_DEFAULTS[priority] },
      steps: { first_response: [], resolution: [reminder('reminder_50', 50), reminder('reminder_80', 80), ...ladder] },
    };
  const [firstResponse, resolution] = COMPLAINT_DEFAULTS[priority];
  return {
    targets: { first_response: firstResponse, resolution },
    steps: {
      first_response: [reminder('reminder_80', 80), escalation(1, 0, ['department_manager'], anyTime)],
      resolution: [reminder('reminder_50', 50), reminder('reminder_80', 80), ...ladder],
    },
  };
}

/** The id of a default version: the same on every station, so a firing names the version it was measured by. */
export function defaultPolicyId(recordType: SlaRecordType, priority: Priority): string {
  return `default:${recordType}:${priority}`;
}
export function defaultCalendarId(hospitalId: string): string {
  return `default:calendar:${hospitalId}`;
}

export function defaultPolicyVersion(recordType: SlaRecordType, priority: Priority): SlaPolicyVersion {
  return { id: defaultPolicyId(recordType, priority), effectiveFrom: DEFAULTS_FROM, ...defaultPolicy(recordType, priority) };
}
export function defaultCalendarVersion(hospitalId: string, timeZone: string): CalendarVersion {
  return { id: defaultCalendarId(hospitalId), effectiveFrom: DEFAULTS_FROM, calendar: defaultCalendar(timeZone) };
}

const SEVERITY_PRIORITY: Readonly<Record<number, Priority>> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };

/**
 * The priority whose policy a record answers to: the higher of the priority
 * it was given and its HCAT severity's (severity 4 is urgent however it was
 * filed; research §6.3: severity drives the ladder).
 */
export function slaPriorityOf(priority: string, severity: number | null): Priority {
  const given: Priority = (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : 'medium';
  const fromSeverity = severity === null ? null : SEVERITY_PRIORITY[severity];
  if (!fromSeverity) return given;
  return PRIORITIES.indexOf(fromSeverity) > PRIORITIES.indexOf(given) ? fromSeverity : given;
}

// ---- a policy as entered

const minutes = z
  .number()
  .int('field.sla_minutes')
  .min(1, 'field.sla_minutes')
  .max(366 * 24 * 60, 'field.sla_minutes');
const notify = z.array(z.enum(SLA_RECIPIENTS)).min(1, 'field.sla_notify').max(SLA_RECIPIENTS.length);
const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'field.sla_step_id'),
    kind: z.literal('reminder'),
    percent: z.number().int('field.sla_percent').min(1, 'field.sla_percent').max(99, 'field.sla_percent'),
    notify,
    anyTime: z.boolean(),
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'field.sla_step_id'),
    kind: z.literal('escalation'),
    level: z.number().int().min(1, 'field.sla_level').max(9, 'field.sla_level'),
    afterDueMinutes: z
      .number()
      .int('field.sla_minutes')
      .min(0, 'field.sla_minutes')
      .max(366 * 24 * 60, 'field.sla_minutes'),
    notify,
    anyTime: z.boolean(),
  }),
]);
const stepsSchema = z
  .array(stepSchema)
  .max(20)
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((step, index) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', message: 'field.sla_step_id_taken', path: [index, 'id'] });
      seen.add(step.id);
    });
  });

/** A policy's content as a person enters it: each problem named at its field, as message keys. */
export const slaPolicyContentSchema = z.strictObject({
  targets: z.strictObject({ first_response: minutes.nullable(), resolution: minutes.nullable() }),
  steps: z.strictObject({ first_response: stepsSchema, resolution: stepsSchema }),
}) satisfies z.ZodType<SlaPolicyContent>;

/** A change of the fields a record's SLA priority comes from, as its timeline keeps it (the values before and after). */
export interface PriorityChange {
  readonly at: string;
  readonly before: { readonly priority?: unknown; readonly severity?: unknown };
}

/**
 * The record's SLA priority through its life, as clock events: the one it
 * was made with (the current fields with each change undone, newest first),
 * then one at each change. A completed cycle is measured by the priority
 * it stopped under, so reclassifying a resolved complaint never rewrites
 * its verdict nor fires its steps again.
 */
export function priorityHistory(
  current: { readonly priority: string; readonly severity: number | null },
  madeAt: string,
  changes: readonly PriorityChange[],
): { at: string; kind: 'priority'; priority: Priority }[] {
  const ordered = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const state = { ...current };
  const undo: { priority: string; severity: number | null }[] = [];
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    undo.unshift({ ...state });
    const { before } = ordered[i]!;
    if (typeof before.priority === 'string') state.priority = before.priority;
    if (before.severity === null || typeof before.severity === 'number') state.severity = before.severity;
  }
  const history = [{ at: madeAt, kind: 'priority' as const, priority: slaPriorityOf(state.priority, state.severity) }];
  ordered.forEach((change, i) => {
    const after = undo[i]!;
    history.push({ at: change.at, kind: 'priority', priority: slaPriorityOf(after.priority, after.severity) });
  });
  return history;
}
