import { describe, expect, it } from 'vitest';
import { delayAfterRun, nextRunAt, scheduleSpec, type ScheduleSpec } from './job-schedule.js';

const every = (ms: number): ScheduleSpec => ({ kind: 'every', ms });
const cron: ScheduleSpec = { kind: 'cron', expression: '*/5 * * * *' };
const onDemand: ScheduleSpec = { kind: 'on-demand' };

describe('a declared schedule', () => {
  it.each([
    ['on-demand', { kind: 'on-demand' }],
    ['0 3 * * *', { kind: 'cron', expression: '0 3 * * *' }],
    [{ everyMs: 1000 }, { kind: 'every', ms: 1000 }],
  ] as const)('%j reads as %j', (declared, spec) => {
    expect(scheduleSpec(declared)).toEqual(spec);
  });
});

describe('the wait after a run', () => {
  it.each([
    // schedule, what the run asked for, the wait
    ['every second, nothing asked', every(1000), undefined, 1000],
    ['every second, work left', every(1000), 0, 0],
    ['every 30 s, a backoff after a failed round', every(30_000), 2_500, 2_500],
    ['every 30 s, waiting for an enrolment', every(30_000), null, null],
    ['a negative ask is now', every(1000), -5, 0],
    ['cron, nothing asked: the next tick', cron, undefined, null],
    ['cron, a retry asked', cron, 10_000, 10_000],
    ['on demand, nothing asked: the next wake', onDemand, undefined, null],
    ['on demand, work left', onDemand, 0, 0],
    ['on demand, a backoff', onDemand, 20, 20],
  ] as const)('%s', (_label, schedule, asked, wait) => {
    expect(delayAfterRun(schedule, asked)).toBe(wait);
  });
});

describe('the next run shown', () => {
  const now = 1_000_000;
  it.each([
    ['queued beats everything', { queued: true, timerDueAt: now + 500, cronNextAt: now + 100 }, now],
    ['the timer when it comes first', { queued: false, timerDueAt: now + 500, cronNextAt: now + 60_000 }, now + 500],
    ['the cron tick when it comes first', { queued: false, timerDueAt: now + 90_000, cronNextAt: now + 60_000 }, now + 60_000],
    ['only a timer', { queued: false, timerDueAt: now + 1, cronNextAt: null }, now + 1],
    ['only a tick', { queued: false, timerDueAt: null, cronNextAt: now + 2 }, now + 2],
    ['waiting for a wake', { queued: false, timerDueAt: null, cronNextAt: null }, null],
  ] as const)('%s', (_label, at, expected) => {
    expect(nextRunAt({ now, ...at })).toBe(expected);
  });
});
