import { backoffDelayMs } from '../../src-shared/backoff.js';
import { backgroundErrorOf } from '../../src-shared/background-errors.js';
import type { SubscriberStatus } from '../../src-shared/contract/jobs.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { type BackgroundError, type DomainEventCursorsTable, type DomainEventsTable, fromJson, toJson } from '../../src-shared/tables/index.js';
import type { Actor } from './audit-log.js';
import type { DataLayer, WriteTx } from './data-layer.js';
import type { Store } from './db/store.js';
import type { DomainEventRecord, EventPublisher, JobResult, JobRunContext, JobWaker, SubscriberDefinition } from './domain.js';
import { errorView, type RegisteredJob, RUN_BUDGET_MS } from './jobs.js';

export type RegisteredSubscriber = SubscriberDefinition & { readonly domain: string };

/** The most events handed to a subscriber in one run (for `handle`, in one transaction); a run also stops when RUN_BUDGET_MS is spent. */
export const DELIVERY_BATCH = 100;
/** The batch of a run while the HIS listener is quiet (runBudgetMs). */
export const QUIET_DELIVERY_BATCH = 500;
/** A subscriber also looks every minute: an event published by another process on this database (a CLI command) woke nobody here. */
export const SUBSCRIBER_POLL_MS = 60_000;
/** Lag in /health is exact up to this, "at least" beyond (a count must not stall the listener). */
export const LAG_CAP = 10_000;

/** The job that delivers to a subscriber. */
export function subscriberJobName(subscriber: string): string {
  return `events:${subscriber}`;
}

export interface DomainEventsOptions {
  readonly log: (line: string) => void;
  readonly clock: () => number;
  /** random in [0, 1): the jitter of the backoff */
  readonly random?: () => number;
  /** the first wait after a failed delivery (default 5 s; tests make it short) */
  readonly backoffBaseMs?: number;
}

type CursorRow = Omit<DomainEventCursorsTable, 'subscriber' | 'updated_at'>;

/** How far a run got: events delivered, and the one that failed. */
interface Delivery {
  readonly delivered: number;
  readonly failure: { readonly seq: number; readonly error: unknown } | null;
}

const NEW_CURSOR: CursorRow = {
  last_seq: 0,
  delivered: 0,
  last_delivered_at: null,
  failures: 0,
  failing_seq: null,
  last_error: null,
  last_error_at: null,
  next_attempt_at: null,
};

function recordOf(row: DomainEventsTable & { seq: number }): DomainEventRecord {
  return { seq: row.seq, id: row.id, type: row.type, hospitalId: row.hospital_id, payload: fromJson(row.payload), createdAt: row.created_at };
}

/**
 * Domains talk through domain events: one publishes (`journey.stage_completed`)
 * inside the write transaction that caused it, others read them in order,
 * each from its own cursor, each as a job of its own (`events:<subscriber>`)
 * woken when an event of its types is published.
 *
 * Delivery is at least once and in seq order, per subscriber. How to write
 * an idempotent subscriber:
 *
 * - Its effects are rows in this database (a survey for a completed stage):
 *   give it `handle(event, tx)` and write through `tx`. The writes and the
 *   cursor move past the event commit in one transaction (a savepoint per
 *   event inside a batch), so the effect happens exactly once however often
 *   the event is offered: nothing else to do. Keep it synchronous and
 *   short: it runs inside the station's write lock.
 * - Its effects leave the database (a call to the hub): give it
 *   `deliver(event)`, which may await. The cursor moves after it resolves, so
 *   a crash in between offers the event again: make the effect idempotent
 *   on `event.id` (a deterministic id, a unique key at the other end).
 *
 * A delivery that throws keeps the cursor before that event (a `handle`
 * batch commits the events before it), records the error (code and message
 * key, never the text), and is retried with backoff; later events wait
 * behind it, so none is skipped. Other subscribers go on: each is its own
 * job with its own cursor. Administration → Jobs, or `jobs.runNow`, retries
 * at once.
 *
 * Why `seq` is a safe cursor here (the hub's cursor trap does not apply):
 * SQLite has one writer at a time, so a row's seq is handed out and
 * committed under the same write lock, and no smaller seq can appear after
 * a larger one is visible; the table is append-only, so seq never goes back.
 */
export class DomainEvents implements EventPublisher {
  private readonly subscribers = new Map<string, RegisteredSubscriber>();
  /** event type → the jobs of the subscribers that read it */
  private readonly readers = new Map<string, string[]>();
  private readonly insert;
  private readonly insertOnce;
  /** runs a function in a SAVEPOINT (made once: better-sqlite3 prepares its statements when a transaction function is made) */
  private readonly savepoint: (fn: () => void) => void;
  /** how long one delivery run may hold the event loop now (setRunBudget) */
  private runBudget: () => number = () => RUN_BUDGET_MS;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly jobs: JobWaker,
    private readonly options: DomainEventsOptions,
  ) {
    this.insert = store.statement('INSERT INTO domain_events (id, type, hospital_id, payload, created_at) VALUES (?, ?, ?, ?, ?)');
    this.savepoint = store.sqlite.transaction((fn: () => void) => fn());
    this.insertOnce = store.statement(
      'INSERT INTO domain_events (id, type, hospital_id, payload, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
  }

  /** Writes the event in the caller's transaction; its readers are woken on the next turn, after the commit. */
  publish(
    tx: WriteTx,
    event: { readonly type: string; readonly hospitalId: string | null; readonly payload: Readonly<Record<string, unknown>> },
  ): DomainEventRecord {
    const id = uuidv7();
    const seq = Number(this.insert.run(id, event.type, event.hospitalId, toJson(event.payload), tx.now).lastInsertRowid);
    // a wake only queues a run for the next turn of the event loop: this transaction has committed by then
    // (or rolled back, and the run finds nothing new)
    this.wakeReaders(event.type);
    return { seq, id, type: event.type, hospitalId: event.hospitalId, payload: event.payload, createdAt: tx.now };
  }

  publishOnce(
    tx: WriteTx,
    event: { readonly id: string; readonly type: string; readonly hospitalId: string | null; readonly payload: Readonly<Record<string, unknown>> },
  ): boolean {
    const inserted = this.insertOnce.run(event.id, event.type, event.hospitalId, toJson(event.payload), tx.now).changes === 1;
    if (inserted) this.wakeReaders(event.type);
    return inserted;
  }

  private wakeReaders(type: string): void {
    for (const job of this.readers.get(type) ?? []) this.jobs.wake(job);
  }

  /** Takes the station's subscribers; answers the jobs that deliver to them, for the scheduler. */
  register(subscribers: readonly RegisteredSubscriber[]): RegisteredJob[] {
    return subscribers.map((subscriber) => {
      this.subscribers.set(subscriber.name, subscriber);
      const job = subscriberJobName(subscriber.name);
      for (const type of subscriber.events) this.readers.set(type, [...(this.readers.get(type) ?? []), job]);
      return {
        name: job,
        domain: subscriber.domain,
        label: { en: `Deliver events: ${subscriber.label.en}`, ar: `تسليم الأحداث: ${subscriber.label.ar}` },
        schedule: { everyMs: SUBSCRIBER_POLL_MS },
        run: (context: JobRunContext) => this.deliverDue(subscriber, context),
      };
    });
  }

  status(): SubscriberStatus[] {
    return [...this.subscribers.values()].map((subscriber) => {
      const cursor = this.cursor(subscriber.name);
      const types = subscriber.events;
      const lag = this.store
        .statement(`SELECT count(*) FROM (SELECT 1 FROM domain_events WHERE type IN (${types.map(() => '?').join(', ')}) AND seq > ? LIMIT ${LAG_CAP})`)
        .pluck()
        .get(...types, cursor.last_seq) as number;
      return {
        name: subscriber.name,
        domain: subscriber.domain,
        label: subscriber.label,
        events: [...types],
        job: subscriberJobName(subscriber.name),
        cursor: cursor.last_seq,
        lag,
        lagCap: LAG_CAP,
        delivered: cursor.delivered,
        lastDeliveredAt: cursor.last_delivered_at,
        failing: cursor.failures > 0,
        failures: cursor.failures,
        failingSeq: cursor.failing_seq,
        lastError: errorView(cursor.last_error ? fromJson(cursor.last_error) : null, cursor.last_error_at),
        nextAttemptAt: cursor.next_attempt_at,
      };
    });
  }

  private cursor(subscriber: string): CursorRow {
    const row = this.store.statement('SELECT * FROM domain_event_cursors WHERE subscriber = ?').get(subscriber) as DomainEventCursorsTable | undefined;
    return row ?? { ...NEW_CURSOR };
  }

  private saveCursor(subscriber: string, row: CursorRow, now: string): void {
    this.store
      .statement(
        `INSERT INTO domain_event_cursors (subscriber, last_seq, delivered, last_delivered_at, failures, failing_seq, last_error, last_error_at, next_attempt_at, updated_at)
         VALUES (@subscriber, @last_seq, @delivered, @last_delivered_at, @failures, @failing_seq, @last_error, @last_error_at, @next_attempt_at, @updated_at)
         ON CONFLICT (subscriber) DO UPDATE SET last_seq = excluded.last_seq, delivered = excluded.delivered, last_delivered_at = excluded.last_delivered_at,
           failures = excluded.failures, failing_seq = excluded.failing_seq, last_error = excluded.last_error, last_error_at = excluded.last_error_at,
           next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`,
      )
      .run({ ...row, subscriber, updated_at: now });
  }

  /** The cursor after events up to `seq` were delivered: past them, and no longer failing (the last error stays, for the record). */
  private static advanced(cursor: CursorRow, seq: number, count: number, now: string): CursorRow {
    return { ...cursor, last_seq: seq, delivered: cursor.delivered + count, last_delivered_at: now, failures: 0, failing_seq: null, next_attempt_at: null };
  }

  /** The cursor after the delivery of event `seq` failed: where it was, with the error and the next attempt after the backoff. */
  private failed(cursor: CursorRow, seq: number, error: BackgroundError, now: number): CursorRow {
    const failures = cursor.failures + 1;
    const waitMs = backoffDelayMs(failures, this.options.random ?? Math.random, this.options.backoffBaseMs);
    return {
      ...cursor,
      failures,
      failing_seq: seq,
      last_error: toJson(error),
      last_error_at: new Date(now).toISOString(),
      next_attempt_at: new Date(now + waitMs).toISOString(),
    };
  }

  /**
   * How long a delivery run may take, asked at each run: short while the
   * HIS listener is handing events over (its acknowledgements wait for a
   * run), longer while it is quiet, so a backlog drains in fewer commits
   * (the station sets it once the listener's queue exists: src-main/core/station.ts).
   */
  setRunBudget(budget: () => number): void {
    this.runBudget = budget;
  }

  private async deliverDue(subscriber: RegisteredSubscriber, context: JobRunContext): Promise<JobResult> {
    const cursor = this.cursor(subscriber.name);
    const now = this.options.clock();
    const waitMs = cursor.next_attempt_at === null ? 0 : Date.parse(cursor.next_attempt_at) - now;
    // woken by a new event while waiting out a backoff: not yet (a person asking runs it anyway)
    if (waitMs > 0 && !context.manual) return { deferred: true, nextRunInMs: waitMs };
    const types = subscriber.events;
    const budget = this.runBudget();
    // a longer run (the listener quiet) takes a bigger batch: its commit is shared by more events
    const limit = budget > RUN_BUDGET_MS ? QUIET_DELIVERY_BATCH : DELIVERY_BATCH;
    const due = this.store
      .statement(`SELECT * FROM domain_events WHERE type IN (${types.map(() => '?').join(', ')}) AND seq > ? ORDER BY seq LIMIT ${limit}`)
      .all(...types, cursor.last_seq) as (DomainEventsTable & { seq: number })[];
    if (due.length === 0) return {};
    const events = due.map(recordOf);
    const deadline = performance.now() + budget;
    const { delivered, failure } =
      'handle' in subscriber ? this.handleBatch(subscriber, cursor, events, deadline) : await this.deliverEach(subscriber, cursor, events, deadline);
    if (failure) {
      const { seq, error } = failure;
      const kept = backgroundErrorOf(error, 'job.delivery_failed');
      this.options.log(
        `events: ${subscriber.name} failed on event ${seq} (${kept.code}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      const after = this.cursor(subscriber.name);
      const next = this.failed(after, seq, kept, this.options.clock());
      this.store.transaction(() => this.saveCursor(subscriber.name, next, new Date(this.options.clock()).toISOString()));
      return { failure: kept, nextRunInMs: Math.max(0, Date.parse(next.next_attempt_at!) - this.options.clock()) };
    }
    // stopped by the time budget, or a full batch: there may be more
    return delivered < events.length || due.length === limit ? { nextRunInMs: 0 } : {};
  }

  /** `handle` subscribers: the batch in one transaction, a savepoint per event; the cursor moves with the writes. */
  private handleBatch(
    subscriber: RegisteredSubscriber & { handle: (event: DomainEventRecord, tx: WriteTx) => void },
    cursor: CursorRow,
    events: readonly DomainEventRecord[],
    deadline: number,
  ): Delivery {
    const actor: Actor = { id: null, name: `subscriber:${subscriber.name}` };
    let failure: Delivery['failure'] = null;
    let delivered = 0;
    this.data.write(actor, (tx) => {
      for (const event of events) {
        if (delivered > 0 && performance.now() >= deadline) break;
        try {
          // a nested better-sqlite3 transaction is a SAVEPOINT: a failing event's writes roll back alone
          this.savepoint(() => subscriber.handle(event, tx));
        } catch (error) {
          failure = { seq: event.seq, error };
          break;
        }
        delivered += 1;
      }
      if (delivered > 0) this.saveCursor(subscriber.name, DomainEvents.advanced(cursor, events[delivered - 1]!.seq, delivered, tx.now), tx.now);
    });
    return { delivered, failure };
  }

  /** `deliver` subscribers: one event at a time, the cursor moved after each resolves. */
  private async deliverEach(
    subscriber: RegisteredSubscriber & { deliver: (event: DomainEventRecord) => Promise<void> },
    cursor: CursorRow,
    events: readonly DomainEventRecord[],
    deadline: number,
  ): Promise<Delivery> {
    let current = cursor;
    let delivered = 0;
    for (const event of events) {
      // a promise that settles at once yields to no socket: the budget does
      if (delivered > 0 && performance.now() >= deadline) break;
      try {
        await subscriber.deliver(event);
      } catch (error) {
        return { delivered, failure: { seq: event.seq, error } };
      }
      const now = new Date(this.options.clock()).toISOString();
      current = DomainEvents.advanced(current, event.seq, 1, now);
      const moved = current;
      this.store.transaction(() => this.saveCursor(subscriber.name, moved, now));
      delivered += 1;
    }
    return { delivered, failure: null };
  }
}
