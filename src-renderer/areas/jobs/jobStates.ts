import type { JobStatus, SubscriberStatus } from '../../../src-shared/contract/index.js';

/** What a job's badge says: running now, failing (its last run failed), fine, or never run on this station. */
export type JobState = 'running' | 'failing' | 'ok' | 'notRunYet';

export function jobState(job: Pick<JobStatus, 'running' | 'lastOutcome'>): JobState {
  if (job.running) return 'running';
  if (job.lastOutcome === 'failed') return 'failing';
  return job.lastOutcome === 'ok' ? 'ok' : 'notRunYet';
}

/** What an event reader's badge says: stuck on an event, behind (events wait), or up to date. */
export type ReaderState = 'failing' | 'behind' | 'upToDate';

export function readerState(reader: Pick<SubscriberStatus, 'failing' | 'lag'>): ReaderState {
  if (reader.failing) return 'failing';
  return reader.lag > 0 ? 'behind' : 'upToDate';
}

export type TimeUnit = 'millisecond' | 'second' | 'minute' | 'hour';

/**
 * A length of time in the largest unit it is a whole number of (an
 * interval: every 30 seconds, every 5 minutes), for Intl's unit formatting,
 * which says it right in each language ("ثانيتان", "2 seconds").
 */
export function intervalParts(ms: number): { value: number; unit: TimeUnit } {
  for (const [unit, size] of [
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1_000],
  ] as const) {
    if (ms >= size && ms % size === 0) return { value: ms / size, unit };
  }
  return { value: ms, unit: 'millisecond' };
}

/** How long a run took: milliseconds below a second (one decimal), seconds up to two minutes, then minutes. */
export function durationParts(ms: number): { value: number; unit: TimeUnit } {
  if (ms < 1_000) return { value: Math.round(ms * 10) / 10, unit: 'millisecond' };
  if (ms < 120_000) return { value: Math.round(ms / 100) / 10, unit: 'second' };
  return { value: Math.round(ms / 6_000) / 10, unit: 'minute' };
}
