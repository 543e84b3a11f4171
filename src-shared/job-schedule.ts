/**
 * When the station's background jobs run (src-main/core/jobs.ts), as plain
 * rules: what a declared schedule means, when the next run is due after one
 * finished, and which of the pending reasons to run comes first.
 */

/** As a domain declares it: a node-cron expression, a fixed interval, or only when woken. */
export type JobSchedule = string | { readonly everyMs: number } | 'on-demand';

/** The same, spelled out for /health and the console. */
export type ScheduleSpec =
  { readonly kind: 'cron'; readonly expression: string } | { readonly kind: 'every'; readonly ms: number } | { readonly kind: 'on-demand' };

export function scheduleSpec(schedule: JobSchedule): ScheduleSpec {
  if (schedule === 'on-demand') return { kind: 'on-demand' };
  if (typeof schedule === 'string') return { kind: 'cron', expression: schedule };
  return { kind: 'every', ms: schedule.everyMs };
}

/**
 * How long after a run finished the next one is due by timer, or null when
 * only a cron tick or a wake starts it. A run may say when it wants to run
 * again (`asked`): 0 to go on at once (a queue still has work), a delay (a
 * backoff), or null to wait for a wake (sync while not enrolled); otherwise
 * an interval job waits its interval, whatever the run's outcome: a failed
 * run is tried again at its next run.
 */
export function delayAfterRun(schedule: ScheduleSpec, asked: number | null | undefined): number | null {
  if (asked !== undefined) return asked === null ? null : Math.max(0, asked);
  return schedule.kind === 'every' ? schedule.ms : null;
}

/**
 * The next run as /health shows it: now when a run is already asked for
 * (woken during the run in progress, or queued), else the earliest of the
 * timer and the cron tick; null when the job waits for a wake.
 */
export function nextRunAt(at: { now: number; queued: boolean; timerDueAt: number | null; cronNextAt: number | null }): number | null {
  if (at.queued) return at.now;
  const due = [at.timerDueAt, at.cronNextAt].filter((t): t is number => t !== null);
  return due.length === 0 ? null : Math.min(...due);
}
