import { createTask, type Logger as CronLogger, type ScheduledTask, validate } from 'node-cron';
import { backgroundErrorOf } from '../../src-shared/background-errors.js';
import type { BackgroundErrorView, JobStatus } from '../../src-shared/contract/jobs.js';
import { DEFAULT_TIME_ZONE } from '../../src-shared/dates.js';
import { AppError } from '../../src-shared/errors.js';
import { delayAfterRun, nextRunAt, scheduleSpec, type ScheduleSpec } from '../../src-shared/job-schedule.js';
import { isMessageKey, renderMessage } from '../../src-shared/messages.js';
import { type BackgroundError, fromJson, type JobOutcome, type JobStateTable, toJson } from '../../src-shared/tables/index.js';
import type { Store } from './db/store.js';
import { CompositionError, type JobDefinition, type JobResult, type JobWaker } from './domain.js';

export type RegisteredJob = JobDefinition & { readonly domain: string };

/**
 * How long one run of a busy job should hold the event loop: a job with a
 * queue stops when this is spent and asks to go on (`nextRunInMs: 0`), so
 * the HIS listener's acknowledgements wait for at most one short run
 * (test/bench his-ingest measures it). Its commit comes on top; 8 ms left
 * the ack latency's p99 well above the intake's own on a busy machine, 4 ms
 * close to it, at the price of a commit per few events while draining.
 */
export const RUN_BUDGET_MS = 4;

/**
 * With no HIS event handed over for this long the listener is quiet, and a
 * job drains its queue in runs of QUIET_RUN_MS: fewer commits, a backlog
 * gone several times sooner. The first event of the next burst waits for
 * at most one such run; after it, runs are short again (RUN_BUDGET_MS).
 */
export const QUIET_AFTER_MS = 1_000;
export const QUIET_RUN_MS = 50;

/** The run budget of a job that drains a queue, by how long the HIS listener has been quiet. */
export function runBudgetMs(listenerQuietMs: number): number {
  return listenerQuietMs > QUIET_AFTER_MS ? QUIET_RUN_MS : RUN_BUDGET_MS;
}

/** Unchanged job state (a run that went as the one before) is written at most this often; a change of outcome at once. */
export const JOB_STATE_WRITE_EVERY_MS = 10_000;

export interface SchedulerOptions {
  readonly log: (line: string) => void;
  /** the station's clock in ms: the times shown (timers and durations run on the real clock) */
  readonly clock?: () => number;
  /** the zone cron expressions are read in (default Asia/Riyadh: "0 3 * * *" is 03:00 at the hospital) */
  readonly timeZone?: string;
  readonly writeEveryMs?: number;
}

/** What is kept of a job's runs (job_state), in memory between writes. */
interface RunRecord {
  runs: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastDurationMs: number | null;
  lastOutcome: JobOutcome | null;
  failures: number;
  lastError: BackgroundError | null;
  lastErrorAt: string | null;
}

const NO_RUNS: RunRecord = {
  runs: 0,
  lastStartedAt: null,
  lastFinishedAt: null,
  lastDurationMs: null,
  lastOutcome: null,
  failures: 0,
  lastError: null,
  lastErrorAt: null,
};

class JobEntry {
  readonly spec: ScheduleSpec;
  record: RunRecord;
  /** the run in progress */
  running: Promise<void> | null = null;
  /** woken during the run in progress: one more run right after it (never two at once, never a wake lost) */
  again = false;
  /** waiting in the scheduler's line for a turn of the event loop */
  queued = false;
  /** the next run by timer: an interval, a backoff, or a run that asked to go on */
  timer: NodeJS.Timeout | null = null;
  timerDueAt: number | null = null;
  cron: ScheduledTask | null = null;
  /** runNow callers, told when the next run to start has finished */
  waiting: (() => void)[] = [];
  /** the next run was asked for by a person (runNow): a job may skip a backoff for it */
  manual = false;
  dirty = false;

  constructor(
    readonly job: RegisteredJob,
    record: RunRecord,
  ) {
    this.spec = scheduleSpec(job.schedule);
    this.record = record;
  }
}

/**
 * One scheduler for all of the station's background work: the jobs the
 * domains declare (`jobs: [...]` in defineDomain) and one job per domain-event
 * subscriber (src-main/core/domain-events.ts).
 *
 * - A job runs on its cron expression (node-cron), every `everyMs`, or when
 *   woken (`wake(name)`: an event arrived); a run may ask to go on at once,
 *   after a delay (its own backoff), or only when woken.
 * - A run never overlaps the job's previous run: a wake or a tick during a
 *   run asks for exactly one more run after it.
 * - Runs start one per turn of the event loop (setImmediate), the jobs due
 *   taking turns, so the HIS listener's sockets are served between two runs
 *   however many queues are busy; a job keeps each run short (RUN_BUDGET_MS)
 *   and says it has more.
 * - A run that throws is logged (with its stack the first time) and recorded
 *   (code and message key, never the error's text) and tried again at its
 *   next run; it stops neither another job nor the station.
 * - What an operator needs (last run, duration, outcome, last error, next
 *   run) is kept in `job_state`, so it survives a restart: a change of
 *   outcome or of error is written at once, a run that went as the one
 *   before at most every JOB_STATE_WRITE_EVERY_MS (a queue drained in a
 *   thousand small runs must not cost a thousand extra commits), and
 *   everything on stop.
 */
export class Scheduler implements JobWaker {
  private readonly entries = new Map<string, JobEntry>();
  /** jobs due now, in the order they were asked for */
  private readonly line: JobEntry[] = [];
  private turn: NodeJS.Immediate | null = null;
  private phase: 'idle' | 'started' | 'stopped' = 'idle';
  private writeTimer: NodeJS.Timeout | null = null;
  private writeDueAt = Infinity;
  private readonly clock: () => number;
  private readonly log: (line: string) => void;
  private readonly cronLogger: CronLogger;

  constructor(
    private readonly store: Store,
    private readonly options: SchedulerOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.log = options.log;
    this.cronLogger = {
      info: () => {},
      debug: () => {},
      warn: (message) => this.log(`scheduler: ${message}`),
      error: (message) => this.log(`scheduler: ${message instanceof Error ? (message.stack ?? message.message) : message}`),
    };
  }

  /** Adds jobs before the start; refuses a name given twice and a schedule that cannot run. */
  register(jobs: readonly RegisteredJob[]): void {
    if (this.phase !== 'idle') throw new Error('jobs are registered before the scheduler starts');
    for (const job of jobs) {
      const other = this.entries.get(job.name);
      if (other) throw new CompositionError(`The job "${job.name}" is registered by two domains: "${other.job.domain}" and "${job.domain}".`);
      const spec = scheduleSpec(job.schedule);
      if (spec.kind === 'cron' && !validate(spec.expression)) {
        throw new CompositionError(`The job "${job.name}" (${job.domain}) has the schedule "${spec.expression}", which is not a cron expression.`);
      }
      if (spec.kind === 'every' && !(Number.isInteger(spec.ms) && spec.ms > 0)) {
        throw new CompositionError(`The job "${job.name}" (${job.domain}) runs every ${spec.ms} ms: give a whole number of milliseconds above 0.`);
      }
      this.entries.set(job.name, new JobEntry(job, this.storedRecord(job.name)));
    }
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** Starts the schedules: interval jobs run at once, cron jobs at their next tick, on-demand jobs when woken. */
  start(): void {
    if (this.phase !== 'idle') throw new Error(`the scheduler is ${this.phase}`);
    this.phase = 'started';
    for (const entry of this.entries.values()) {
      if (entry.spec.kind === 'cron') {
        entry.cron = createTask(entry.spec.expression, () => this.queue(entry), {
          name: entry.job.name,
          timezone: this.options.timeZone ?? DEFAULT_TIME_ZONE,
          unref: true,
          logger: this.cronLogger,
        });
        void entry.cron.start();
      } else if (entry.spec.kind === 'every') this.queue(entry);
      entry.dirty = true;
    }
    this.write();
  }

  /** Runs the job soon (it is not running: on the next turn; running: once more right after). Unknown names and a scheduler not started are ignored. */
  wake(name: string): void {
    const entry = this.entries.get(name);
    if (entry) this.queue(entry);
  }

  /**
   * A run asked for by a person: resolves when it has finished. Works
   * before the start too (a manual run, as the CLI's commands are), never
   * after the stop.
   */
  runNow(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw new AppError('NOT_FOUND', 'error.not_found');
    if (this.phase === 'stopped') throw new AppError('CONFLICT', 'job.stopped');
    const finished = new Promise<void>((resolve) => entry.waiting.push(resolve));
    entry.manual = true;
    if (this.phase === 'started') this.queue(entry);
    else if (entry.running) entry.again = true;
    else void this.execute(entry);
    return finished;
  }

  status(name: string): JobStatus | null {
    const entry = this.entries.get(name);
    return entry ? this.statusOf(entry) : null;
  }

  list(): JobStatus[] {
    return [...this.entries.values()].map((entry) => this.statusOf(entry));
  }

  /** Stops the schedules now (no run starts after this) and writes the state; runs in progress finish on their own. */
  halt(): void {
    if (this.phase === 'stopped') return;
    const wasStarted = this.phase === 'started';
    this.phase = 'stopped';
    if (this.turn) clearImmediate(this.turn);
    this.turn = null;
    this.line.length = 0;
    for (const entry of this.entries.values()) {
      entry.queued = false;
      this.clearTimer(entry);
      if (entry.cron) void entry.cron.destroy();
      entry.cron = null;
      entry.again = false;
      for (const tell of entry.waiting.splice(0)) tell();
      // a scheduler that never started (a CLI command's core) has nothing new to keep
      if (wasStarted) entry.dirty = true;
    }
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    this.write();
  }

  /** Stops the schedules and waits for the runs in progress to settle, then writes their outcome. */
  async stop(): Promise<void> {
    this.halt();
    await Promise.all([...this.entries.values()].map((entry) => entry.running));
    this.write();
  }

  private queue(entry: JobEntry): void {
    if (this.phase !== 'started') return;
    if (entry.running) {
      entry.again = true;
      return;
    }
    if (entry.queued) return;
    this.clearTimer(entry);
    entry.queued = true;
    this.line.push(entry);
    this.turn ??= setImmediate(() => this.nextInLine());
  }

  /**
   * One run starts per turn of the event loop, the jobs taking turns: however
   * many queues drain at once (events, deliveries), what runs between two
   * reads of the sockets is one bounded run, never one of each.
   */
  private nextInLine(): void {
    this.turn = null;
    const entry = this.line.shift();
    if (this.line.length > 0) this.turn = setImmediate(() => this.nextInLine());
    if (!entry || !entry.queued) return;
    entry.queued = false;
    void this.execute(entry);
  }

  private plan(entry: JobEntry, delayMs: number | null): void {
    this.clearTimer(entry);
    if (delayMs === null) return;
    if (delayMs === 0) return this.queue(entry);
    entry.timerDueAt = performance.now() + delayMs;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      entry.timerDueAt = null;
      this.queue(entry);
    }, delayMs);
    entry.timer.unref();
  }

  private clearTimer(entry: JobEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.timerDueAt = null;
  }

  private async execute(entry: JobEntry): Promise<void> {
    const { job } = entry;
    this.clearTimer(entry);
    const waiting = entry.waiting.splice(0);
    const manual = entry.manual;
    entry.manual = false;
    let settled!: () => void;
    entry.running = new Promise((resolve) => (settled = resolve));
    const startedAt = new Date(this.clock()).toISOString();
    const began = performance.now();
    let result: JobResult = {};
    let thrown: { error: unknown } | null = null;
    try {
      result = (await job.run({ manual })) ?? {};
    } catch (error) {
      thrown = { error };
    }
    const durationMs = Math.round((performance.now() - began) * 10) / 10;
    entry.running = null;

    let changed = false;
    if (thrown || !result.deferred) {
      const failure = thrown ? backgroundErrorOf(thrown.error, 'job.failed') : (result.failure ?? null);
      const before = entry.record;
      const finishedAt = new Date(this.clock()).toISOString();
      entry.record = {
        runs: before.runs + 1,
        lastStartedAt: startedAt,
        lastFinishedAt: finishedAt,
        lastDurationMs: durationMs,
        lastOutcome: failure ? 'failed' : 'ok',
        failures: failure ? before.failures + 1 : 0,
        lastError: failure ?? before.lastError,
        lastErrorAt: failure ? finishedAt : before.lastErrorAt,
      };
      // written at once when the outcome or the error changes; the same failure again waits for the next write
      const sameError = failure !== null && before.lastError?.code === failure.code && before.lastError.key === failure.key;
      changed = entry.record.lastOutcome !== before.lastOutcome || (failure !== null && !sameError);
      const again = before.failures > 0 && sameError ? ` again (${before.failures + 1} in a row)` : '';
      if (thrown && !again) {
        // the whole stack once; the same failure again in one line, so a job failing every second does not bury the log
        const error = thrown.error;
        this.log(
          `job ${job.name}: run failed (${failure!.code}) after ${durationMs} ms: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      } else if (failure) this.log(`job ${job.name}: run failed${again} (${failure.code}, ${failure.key}) after ${durationMs} ms`);
      else if (before.failures > 0) this.log(`job ${job.name}: ok again after ${before.failures} failed run(s)`);
    }

    if (entry.again && this.phase !== 'stopped') {
      // woken during the run: its news may have come after the run looked
      entry.again = false;
      if (this.phase === 'started') this.queue(entry);
      else void this.execute(entry);
    } else if (this.phase === 'started') this.plan(entry, delayAfterRun(entry.spec, thrown ? undefined : result.nextRunInMs));
    this.markDirty(entry, changed);
    settled();
    for (const tell of waiting) tell();
  }

  private statusOf(entry: JobEntry): JobStatus {
    const { job, record } = entry;
    const now = this.clock();
    const next =
      this.phase === 'started'
        ? nextRunAt({
            now,
            queued: entry.queued || entry.again,
            // the timer runs on the monotonic clock; shown on the station's
            timerDueAt: entry.timerDueAt === null ? null : now + Math.max(0, entry.timerDueAt - performance.now()),
            cronNextAt: entry.cron?.getNextRun()?.getTime() ?? null,
          })
        : null;
    return {
      name: job.name,
      domain: job.domain,
      label: job.label,
      schedule: entry.spec,
      running: entry.running !== null,
      runs: record.runs,
      lastStartedAt: record.lastStartedAt,
      lastFinishedAt: record.lastFinishedAt,
      lastDurationMs: record.lastDurationMs,
      lastOutcome: record.lastOutcome,
      failures: record.failures,
      lastError: errorView(record.lastError, record.lastErrorAt),
      nextRunAt: next === null ? null : new Date(next).toISOString(),
    };
  }

  // ---- job_state -------------------------------------------------------

  private storedRecord(name: string): RunRecord {
    const row = this.store.statement('SELECT * FROM job_state WHERE name = ?').get(name) as JobStateTable | undefined;
    if (!row) return { ...NO_RUNS };
    return {
      runs: row.runs,
      lastStartedAt: row.last_started_at,
      lastFinishedAt: row.last_finished_at,
      lastDurationMs: row.last_duration_ms,
      lastOutcome: row.last_outcome,
      failures: row.failures,
      lastError: row.last_error ? fromJson(row.last_error) : null,
      lastErrorAt: row.last_error_at,
    };
  }

  private markDirty(entry: JobEntry, now: boolean): void {
    entry.dirty = true;
    if (this.phase !== 'started') return; // written by the stop
    const dueAt = performance.now() + (now ? 0 : (this.options.writeEveryMs ?? JOB_STATE_WRITE_EVERY_MS));
    if (this.writeTimer && this.writeDueAt <= dueAt) return;
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeDueAt = dueAt;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      this.writeDueAt = Infinity;
      this.write();
    }, dueAt - performance.now());
    this.writeTimer.unref();
  }

  /** Writes every changed job's state in one transaction. A failure to write is logged: it never stops a job. */
  private write(): void {
    const dirty = [...this.entries.values()].filter((entry) => entry.dirty);
    if (dirty.length === 0 || !this.store.sqlite.open) return;
    const upsert = this.store.statement(
      `INSERT INTO job_state (name, runs, last_started_at, last_finished_at, last_duration_ms, last_outcome, failures, last_error, last_error_at, next_run_at, updated_at)
       VALUES (@name, @runs, @last_started_at, @last_finished_at, @last_duration_ms, @last_outcome, @failures, @last_error, @last_error_at, @next_run_at, @updated_at)
       ON CONFLICT (name) DO UPDATE SET runs = excluded.runs, last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at,
         last_duration_ms = excluded.last_duration_ms, last_outcome = excluded.last_outcome, failures = excluded.failures, last_error = excluded.last_error,
         last_error_at = excluded.last_error_at, next_run_at = excluded.next_run_at, updated_at = excluded.updated_at`,
    );
    try {
      this.store.transaction(() => {
        for (const entry of dirty) {
          const { record } = entry;
          const row: JobStateTable = {
            name: entry.job.name,
            runs: record.runs,
            last_started_at: record.lastStartedAt,
            last_finished_at: record.lastFinishedAt,
            last_duration_ms: record.lastDurationMs,
            last_outcome: record.lastOutcome,
            failures: record.failures,
            last_error: record.lastError ? toJson(record.lastError) : null,
            last_error_at: record.lastErrorAt,
            next_run_at: this.statusOf(entry).nextRunAt,
            updated_at: new Date(this.clock()).toISOString(),
          };
          upsert.run(row);
        }
      });
      for (const entry of dirty) entry.dirty = false;
    } catch (error) {
      this.log(`scheduler: could not write the jobs' state: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** A kept error as the console and /health show it. */
export function errorView(error: BackgroundError | null, at: string | null): BackgroundErrorView | null {
  if (!error || !at) return null;
  const key = isMessageKey(error.key) ? error.key : 'job.failed';
  return { code: error.code, key, message: renderMessage(key), at };
}
