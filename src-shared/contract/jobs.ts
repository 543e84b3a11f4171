import { z } from 'zod';
import { timestamp } from './common.js';
import { mutation, query } from './define.js';

const bilingual = z.object({ en: z.string(), ar: z.string() });

/** A failed run or delivery as kept: a code for the log, a message for people, when it happened. Never a patient's data. */
export const backgroundErrorSchema = z.object({ code: z.string(), key: z.string(), message: bilingual, at: timestamp });
export type BackgroundErrorView = z.infer<typeof backgroundErrorSchema>;

export const jobScheduleSchema = z.discriminatedUnion('kind', [
  /** a node-cron expression, in the station's time zone */
  z.object({ kind: z.literal('cron'), expression: z.string() }),
  z.object({ kind: z.literal('every'), ms: z.number().int() }),
  /** only when woken (by its queue, or a person) */
  z.object({ kind: z.literal('on-demand') }),
]);

/** One background job (src-main/core/jobs.ts): its schedule, its last run and its next. */
export const jobStatusSchema = z.object({
  name: z.string(),
  /** the domain that runs it */
  domain: z.string(),
  label: bilingual,
  schedule: jobScheduleSchema,
  running: z.boolean(),
  /** runs since the station first ran the job */
  runs: z.number().int(),
  lastStartedAt: timestamp.nullable(),
  lastFinishedAt: timestamp.nullable(),
  lastDurationMs: z.number().nullable(),
  lastOutcome: z.enum(['ok', 'failed']).nullable(),
  /** failed runs in a row: 0 once a run succeeds */
  failures: z.number().int(),
  /** the latest failure, kept after the job recovers */
  lastError: backgroundErrorSchema.nullable(),
  /** null: it runs when woken */
  nextRunAt: timestamp.nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** One reader of domain events (src-main/core/domain-events.ts): where its cursor is and whether it is stuck. */
export const subscriberStatusSchema = z.object({
  name: z.string(),
  domain: z.string(),
  label: bilingual,
  events: z.array(z.string()),
  /** the job that delivers to it */
  job: z.string(),
  /** every event of its types up to this seq is delivered */
  cursor: z.number().int(),
  /** events of its types after the cursor; exact up to `lagCap`, "at least" beyond */
  lag: z.number().int(),
  lagCap: z.number().int(),
  delivered: z.number().int(),
  lastDeliveredAt: timestamp.nullable(),
  failing: z.boolean(),
  /** failed attempts in a row on the event it is stuck on */
  failures: z.number().int(),
  failingSeq: z.number().int().nullable(),
  lastError: backgroundErrorSchema.nullable(),
  nextAttemptAt: timestamp.nullable(),
});
export type SubscriberStatus = z.infer<typeof subscriberStatusSchema>;

export const backgroundWorkSchema = z.object({ jobs: z.array(jobStatusSchema), subscribers: z.array(subscriberStatusSchema) });
export type BackgroundWork = z.infer<typeof backgroundWorkSchema>;

/*
 * Why `integrations.manage` to read and `sync.manage` to run: the jobs are
 * the station's machinery (the HIS event processor, sync, and after them
 * the senders and clocks), not any hospital's records. What they show is
 * names, times, counts and error codes, never a patient or a record, so a
 * hospital admin who runs the integrations of a station (they hold
 * `integrations.manage` and already see its intake queue in the event
 * monitor) may see why its work is late. Starting work out of turn acts
 * on the whole station and on its link to the hub (the sync job), so it
 * needs the permission that manages sync: the group's PX admin by default.
 */
export const jobsContract = {
  'jobs.list': query({
    access: 'integrations.manage',
    summary: "The station's background jobs (schedule, running, last run, outcome, last error, next run) and domain-event subscribers (cursor, lag, failing).",
    input: z.strictObject({}),
    output: backgroundWorkSchema,
  }),
  'jobs.runNow': mutation({
    access: 'sync.manage',
    summary:
      'Run a background job now (audited). A job already running runs once more right after; answers its status with the run asked for. A failing subscriber is tried again at once this way.',
    input: z.strictObject({ name: z.string().trim().min(1).max(120) }),
    output: jobStatusSchema,
  }),
} as const;
