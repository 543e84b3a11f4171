import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors.js';
import { DomainHarness } from '../../test/harness/domain-harness.js';
import { CompositionError, type JobDefinition } from './domain.js';
import { QUIET_AFTER_MS, QUIET_RUN_MS, type RegisteredJob, RUN_BUDGET_MS, runBudgetMs, Scheduler } from './jobs.js';

/**
 * The scheduler on a migrated station database, with real timers and short
 * intervals (one test with fake ones): what an operator would notice — runs
 * that never overlap, a failing job that stops no other, state that
 * survives a restart, a wake never lost.
 */

let harness: DomainHarness;
let lines: string[];
const schedulers: Scheduler[] = [];

beforeEach(async () => {
  harness = await DomainHarness.open();
  lines = [];
});

afterEach(async () => {
  vi.useRealTimers();
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  harness.close();
});

function scheduler(jobs: readonly JobDefinition[]): Scheduler {
  const made = new Scheduler(harness.core.store, { log: (line) => lines.push(line), writeEveryMs: 50 });
  made.register(jobs.map((job): RegisteredJob => ({ ...job, domain: 'testbed' })));
  schedulers.push(made);
  return made;
}

const label = { en: 'Test job', ar: 'مهمة اختبار' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls (real time) until `done` holds; the test's own timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await sleep(5);
}

/** A promise the test resolves by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('a job never overlaps itself', () => {
  it('woken five times during a run, runs exactly once more after it, never two at once', async () => {
    let inFlight = 0;
    let most = 0;
    let runs = 0;
    const gates = [gate(), gate()];
    const s = scheduler([
      {
        name: 'surveys',
        label,
        schedule: 'on-demand',
        run: async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await gates[runs++]?.promise;
          inFlight -= 1;
        },
      },
    ]);
    s.start();
    s.wake('surveys');
    await until(() => runs === 1);
    expect(s.status('surveys')).toMatchObject({ running: true });
    for (let i = 0; i < 5; i += 1) s.wake('surveys');
    // asked for during the run: shown as due now
    expect(Date.parse(s.status('surveys')!.nextRunAt!)).toBeLessThanOrEqual(Date.now());
    gates[0]!.open();
    await until(() => runs === 2);
    gates[1]!.open();
    await until(() => s.status('surveys')!.runs === 2);
    await sleep(30);
    expect({ runs, most }).toEqual({ runs: 2, most: 1 });
    expect(s.status('surveys')).toMatchObject({ running: false, lastOutcome: 'ok', nextRunAt: null });
  });

  it('a wake during a run is never lost: the news that came after the run looked is seen by the run after it', async () => {
    const queue: number[] = [];
    const seen: number[] = [];
    const looked = gate();
    const release = gate();
    const s = scheduler([
      {
        name: 'reminders',
        label,
        schedule: 'on-demand',
        run: async () => {
          const batch = queue.splice(0);
          looked.open();
          await release.promise;
          seen.push(...batch);
        },
      },
    ]);
    s.start();
    queue.push(1);
    s.wake('reminders');
    await looked.promise;
    queue.push(2); // arrives after the run took its batch
    s.wake('reminders');
    release.open();
    await until(() => seen.length === 2);
    expect(seen).toEqual([1, 2]);
  });
});

describe('one failing job', () => {
  it('never stops another: it is recorded (code and message, not its text), logged with its stack, and tried again at its next run', async () => {
    let healthy = 0;
    let broken = 0;
    const s = scheduler([
      {
        name: 'broken',
        label,
        schedule: { everyMs: 10 },
        run: () => {
          broken += 1;
          throw new TypeError("Cannot read properties of undefined (reading 'mrn') for Layla Alshehri");
        },
      },
      { name: 'healthy', label, schedule: { everyMs: 10 }, run: () => void (healthy += 1) },
    ]);
    s.start();
    await until(() => broken >= 3 && healthy >= 3);
    const status = s.status('broken')!;
    expect(status).toMatchObject({
      lastOutcome: 'failed',
      lastError: { code: 'TypeError', key: 'job.failed', message: { en: expect.stringMatching(/station log/), ar: expect.any(String) } },
    });
    expect(status.failures).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(status)).not.toContain('Layla');
    expect(s.status('healthy')).toMatchObject({ lastOutcome: 'ok', failures: 0, lastError: null });
    // the stack once; the same failure again in one line
    expect(lines.filter((line) => line.startsWith('job broken: run failed (TypeError)'))).toEqual([expect.stringMatching(/Layla[\s\S]*at /)]);
    expect(lines).toContainEqual(expect.stringMatching(/^job broken: run failed again \(2 in a row\) \(TypeError, job\.failed\) after [\d.]+ ms$/));
  });

  it('a run that fails without throwing (the hub unreachable) shows as failed; the next good run clears the count, the last error stays for the record', async () => {
    let fail = true;
    const s = scheduler([
      {
        name: 'sync',
        label,
        schedule: 'on-demand',
        run: () => (fail ? { failure: { code: 'unreachable', key: 'sync.unreachable' } } : undefined),
      },
    ]);
    await s.runNow('sync');
    await s.runNow('sync');
    expect(s.status('sync')).toMatchObject({ lastOutcome: 'failed', failures: 2, lastError: { code: 'unreachable', key: 'sync.unreachable' } });
    fail = false;
    await s.runNow('sync');
    expect(s.status('sync')).toMatchObject({ lastOutcome: 'ok', failures: 0, runs: 3, lastError: { code: 'unreachable' } });
    expect(lines).toContain('job sync: ok again after 2 failed run(s)');
  });
});

describe('when the next run is', () => {
  it('a run with work left goes on at once; one that asks to wait for a wake waits', async () => {
    let left = 3;
    let runs = 0;
    const s = scheduler([
      {
        name: 'drain',
        label,
        schedule: { everyMs: 60_000 },
        run: () => {
          runs += 1;
          if (left === 0) return { nextRunInMs: null };
          left -= 1;
          return { nextRunInMs: 0 };
        },
      },
    ]);
    s.start();
    await until(() => runs === 4);
    await sleep(30);
    expect(runs).toBe(4);
    expect(s.status('drain')!.nextRunAt).toBeNull();
    s.wake('drain');
    await until(() => runs === 5);
  });

  it('two queues draining at once take turns, one run per turn of the event loop', async () => {
    // a turn counter: how many times the event loop came round
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: [string, number][] = [];
    const draining = (name: string, runs: number): JobDefinition => ({
      name,
      label,
      schedule: 'on-demand',
      run: () => {
        seen.push([name, turns]);
        return { nextRunInMs: seen.filter(([n]) => n === name).length < runs ? 0 : null };
      },
    });
    const s = scheduler([draining('events', 6), draining('deliveries', 6)]);
    s.start();
    s.wake('events');
    s.wake('deliveries');
    await until(() => seen.length === 12);
    ticking = false;
    expect(seen.map(([name]) => name)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'events' : 'deliveries')));
    const turnOf = seen.map(([, turn]) => turn);
    for (let i = 1; i < turnOf.length; i += 1) expect(turnOf[i], `run ${i}`).toBeGreaterThan(turnOf[i - 1]!);
  });

  it('an interval job runs at the start and then every interval (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
    let runs = 0;
    const s = scheduler([{ name: 'sla-tick', label, schedule: { everyMs: 60_000 }, run: () => void (runs += 1) }]);
    s.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runs).toBe(1);
    expect(Date.parse(s.status('sla-tick')!.nextRunAt!) - Date.now()).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    // the interval counts from the end of a run (a fake turn of the event loop is 1 ms here)
    await vi.advanceTimersByTimeAsync(5 * 60_000 + 10);
    expect(runs).toBe(7);
  });

  it('a cron job runs at its ticks, and shows the next one', async () => {
    let runs = 0;
    const s = scheduler([{ name: 'kpi-rollup', label, schedule: '* * * * * *', run: () => void (runs += 1) }]);
    s.start();
    const next = Date.parse(s.status('kpi-rollup')!.nextRunAt!);
    expect(next).toBeGreaterThan(Date.now() - 10);
    expect(next).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(runs).toBe(0);
    await until(() => runs >= 1);
    expect(s.status('kpi-rollup')).toMatchObject({ schedule: { kind: 'cron', expression: '* * * * * *' }, lastOutcome: 'ok' });
  });

  it('refuses a schedule that cannot run, naming the job', () => {
    expect(() => scheduler([{ name: 'typo', label, schedule: '61 * * * *', run: () => {} }])).toThrow(CompositionError);
    expect(() => scheduler([{ name: 'typo', label, schedule: '61 * * * *', run: () => {} }])).toThrow(
      /job "typo" \(testbed\) has the schedule "61 \* \* \* \*"/,
    );
    expect(() => scheduler([{ name: 'zero', label, schedule: { everyMs: 0 }, run: () => {} }])).toThrow(/runs every 0 ms/);
    expect(() =>
      scheduler([
        { name: 'twice', label, schedule: 'on-demand', run: () => {} },
        { name: 'twice', label, schedule: 'on-demand', run: () => {} },
      ]),
    ).toThrow(/job "twice" is registered by two domains/);
  });
});

describe('across a restart', () => {
  it('keeps each job’s runs, outcome, duration and last error', async () => {
    const first = scheduler([
      { name: 'broken', label, schedule: 'on-demand', run: () => Promise.reject(new RangeError('bad')) },
      { name: 'fine', label, schedule: 'on-demand', run: async () => void (await sleep(5)) },
    ]);
    first.start();
    await first.runNow('broken');
    await first.runNow('fine');
    await first.runNow('fine');
    const before = first.list();
    await first.stop();

    const second = scheduler([
      { name: 'broken', label, schedule: 'on-demand', run: () => {} },
      { name: 'fine', label, schedule: 'on-demand', run: () => {} },
    ]);
    const after = second.list();
    expect(after).toEqual(before.map((job) => ({ ...job, running: false, nextRunAt: null })));
    expect(after.find((job) => job.name === 'fine')).toMatchObject({ runs: 2, lastOutcome: 'ok', lastDurationMs: expect.any(Number) });
    expect(after.find((job) => job.name === 'broken')).toMatchObject({ runs: 1, failures: 1, lastError: { code: 'RangeError' } });
  });
});

describe('stopping', () => {
  it('waits for the runs in progress to settle and records them; nothing runs after', async () => {
    const slow = gate();
    let runs = 0;
    const s = scheduler([
      {
        name: 'slow',
        label,
        schedule: { everyMs: 5 },
        run: async () => {
          runs += 1;
          await slow.promise;
        },
      },
    ]);
    s.start();
    await until(() => runs === 1);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    s.wake('slow');
    await sleep(20);
    expect(stopped).toBe(false);
    slow.open();
    await stopping;
    await sleep(20);
    expect(runs).toBe(1);
    const row = harness.core.store.sqlite.prepare('SELECT runs, last_outcome FROM job_state WHERE name = ?').get('slow');
    expect(row).toEqual({ runs: 1, last_outcome: 'ok' });
    expect(() => s.runNow('slow')).toThrow(AppError);
  });

  it('runs a job asked for by a person before the start, as a command would, and refuses an unknown name', async () => {
    let runs = 0;
    const s = scheduler([{ name: 'manual', label, schedule: { everyMs: 1000 }, run: () => void (runs += 1) }]);
    await s.runNow('manual');
    expect(runs).toBe(1);
    expect(s.status('manual')).toMatchObject({ runs: 1, nextRunAt: null });
    expect(() => s.runNow('nope')).toThrow(/NOT_FOUND/);
  });
});

describe('how long a run that drains a queue may hold the event loop', () => {
  it.each([
    ['the listener handed an event over just now', 0, RUN_BUDGET_MS],
    ['a second ago, to the millisecond', QUIET_AFTER_MS, RUN_BUDGET_MS],
    ['just over a second ago', QUIET_AFTER_MS + 1, QUIET_RUN_MS],
    ['never since the station started', Infinity, QUIET_RUN_MS],
  ])('%s', (_when, quietMs, budget) => {
    expect(runBudgetMs(quietMs)).toBe(budget);
  });
});
