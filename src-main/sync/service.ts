import { renderMessage } from '../../src-shared/messages.js';
import type { SyncStatus } from '../../src-shared/contract/sync.js';
import type { DataLayer } from '../core/data-layer.js';
import type { Store } from '../core/db/store.js';
import { RemoteChanges, SYNC_ACTOR } from './apply.js';
import { HubClient, HubError, type HubFailure } from './client.js';
import { SyncProblems } from './problems.js';
import { PULL_LIMIT, PUSH_LIMIT, type SyncMessage } from './protocol.js';
import { SyncState } from './state.js';

/** A remote clock this far ahead of ours is shown as a warning (never a reason to drop an edit). */
export const SKEW_WARNING_MS = 5 * 60_000;
export const DEFAULT_SYNC_INTERVAL_MS = 30_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 10 * 60_000;

export interface SyncProgress {
  readonly pushed: number;
  readonly pulled: number;
  /** outbox messages still to send */
  readonly pending: number;
}

export interface SyncRound {
  readonly ok: boolean;
  readonly failure: HubFailure | 'not_enrolled' | null;
  readonly pushed: number;
  /** rejected by the hub: logged there, kept here in sync_rejections (Sync → Problems), never resent */
  readonly rejected: number;
  readonly pulled: number;
  readonly applied: number;
  readonly skewMs: number;
}

export interface SyncOptions {
  readonly intervalMs?: number;
  readonly log?: (line: string) => void;
  /** random in [0, 1): the jitter of the backoff */
  readonly random?: () => number;
}

/**
 * The station's sync client: pushes the outbox to the hub in acknowledged
 * batches, then pulls and applies what other stations sent, page by page,
 * from the stored cursor. Everything it needs to resume after a cut is in
 * the database: unsent outbox entries and the last applied cursor.
 */
export class SyncService {
  readonly state: SyncState;
  readonly problems: SyncProblems;
  private readonly remote: RemoteChanges;
  private readonly log: (line: string) => void;
  private running: Promise<SyncRound> | null = null;
  private progress: SyncProgress | null = null;
  private readonly listeners = new Set<(progress: SyncProgress) => void>();
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  private failures = 0;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly stationId: string,
    private readonly options: SyncOptions = {},
  ) {
    this.log = options.log ?? (() => {});
    this.state = new SyncState(store);
    this.problems = new SyncProblems(store);
    this.remote = new RemoteChanges(data, this.log);
  }

  onProgress(listener: (progress: SyncProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Trades a one-time code for a station token; the hub decides the station's scope. */
  async enrol(hubUrl: string, code: string, stationName: string): Promise<void> {
    const answer = await new HubClient(hubUrl, null).enrol({ code, stationId: this.stationId, stationName });
    this.data.write(SYNC_ACTOR, (tx) => {
      this.state.enrol({ hubUrl, token: answer.token, scope: answer.scope });
      tx.record({ action: 'sync.enrolled', entityType: 'sync', entityId: null, hospitalId: answer.scope.kind === 'hospital' ? answer.scope.hospitalId : null, after: { hubUrl, scope: answer.scope } });
    });
    this.failures = 0;
    if (this.scheduled) this.schedule(0);
  }

  /** One round now; joins the round already running rather than starting a second. */
  syncNow(): Promise<SyncRound> {
    this.running ??= this.round().finally(() => {
      this.running = null;
      this.progress = null;
    });
    return this.running;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Rounds every interval while the hub answers; backoff with jitter while it does not. */
  start(): void {
    this.scheduled = true;
    this.schedule(0);
  }

  stop(): void {
    this.scheduled = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Waits for a round in progress (closing the station). */
  async settle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow().then((round) => {
        if (!this.scheduled) return;
        // revoked or never enrolled: wait for an enrolment, do not hammer the hub
        if (round.failure === 'revoked' || round.failure === 'not_enrolled') return;
        this.schedule(round.ok ? (this.options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS) : this.backoffMs());
      });
    }, delayMs);
    this.timer.unref();
  }

  private backoffMs(): number {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.failures - 1, 20));
    return Math.round(ceiling * (0.5 + (this.options.random ?? Math.random)() * 0.5));
  }

  private report(progress: SyncProgress): void {
    this.progress = progress;
    for (const listener of this.listeners) listener(progress);
  }

  private async round(): Promise<SyncRound> {
    const enrolment = this.state.enrolment();
    const totals = { pushed: 0, rejected: 0, pulled: 0, applied: 0, skewMs: 0 };
    if (!enrolment) return { ok: false, failure: 'not_enrolled', ...totals };
    const hub = new HubClient(enrolment.hubUrl, enrolment.token);
    const now = () => new Date(this.data.clock()).toISOString();
    this.state.set('last_attempt_at', now());
    try {
      await this.pushAll(hub, totals);
      this.state.set('last_push_at', now());
      await this.pullAll(hub, totals);
      this.store.transaction(() => {
        this.state.set('last_pull_at', now());
        this.state.set('last_attempt_ok', '1');
        this.state.set('last_error', null);
        if (totals.pulled > 0) this.state.set('clock_skew_ms', String(totals.skewMs));
      });
      this.failures = 0;
      if (totals.skewMs > SKEW_WARNING_MS) this.log(`sync: a remote clock is ${Math.round(totals.skewMs / 60_000)} min ahead of this station's`);
      return { ok: true, failure: null, ...totals };
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      this.failures += 1;
      this.log(`sync: round failed (${error.reason}): ${error.message}`);
      this.store.transaction(() => {
        this.state.set('last_attempt_ok', '0');
        this.state.set('last_error', error.reason === 'bad_code' ? 'hub_error' : error.reason);
      });
      return { ok: false, failure: error.reason, ...totals };
    }
  }

  private async pushAll(hub: HubClient, totals: { pushed: number; rejected: number; pulled: number }): Promise<void> {
    for (;;) {
      const batch = this.nextBatch();
      if (batch.messages.length === 0) return;
      const answer = await hub.push(batch.messages);
      // only now, and with what the hub refused in the same transaction: an answer lost on the
      // way means the same batch again (the hub counts duplicates), never a refusal forgotten
      this.data.write(SYNC_ACTOR, (tx) => {
        this.store.statement('UPDATE sync_outbox SET sent_at = ? WHERE seq BETWEEN ? AND ? AND sent_at IS NULL').run(tx.now, batch.firstSeq, batch.lastSeq);
        if (answer.rejected.length === 0) return;
        this.problems.recordRejections(batch, answer.rejected, tx.now);
        const reasons: Record<string, number> = {};
        for (const r of answer.rejected) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
        tx.record({ action: 'sync.rejected', entityType: 'sync', entityId: null, hospitalId: null, after: { count: answer.rejected.length, reasons } });
      });
      for (const rejected of answer.rejected) {
        const message = batch.messages[rejected.index];
        this.log(`sync: the hub rejected ${message ? `${message.table}.${message.column} of ${message.rowId}` : `message ${rejected.index}`}: ${rejected.reason}`);
      }
      totals.pushed += batch.messages.length - answer.rejected.length;
      totals.rejected += answer.rejected.length;
      this.report({ pushed: totals.pushed, pulled: totals.pulled, pending: this.state.pendingMessages() });
    }
  }

  /** The oldest unsent outbox entries, whole, up to PUSH_LIMIT messages; `seqs[i]` is the outbox entry of `messages[i]`. */
  private nextBatch(): { messages: SyncMessage[]; seqs: number[]; firstSeq: number; lastSeq: number } {
    const entries = this.store.statement('SELECT seq, tbl, row_id, cells FROM sync_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?').all(PUSH_LIMIT) as {
      seq: number;
      tbl: string;
      row_id: string;
      cells: string;
    }[];
    const messages: SyncMessage[] = [];
    const seqs: number[] = [];
    let lastSeq = 0;
    for (const entry of entries) {
      const cells = JSON.parse(entry.cells) as [string, string | number | null, string][];
      if (messages.length + cells.length > PUSH_LIMIT) break;
      for (const [column, value, hlc] of cells) {
        messages.push({ hlc, table: entry.tbl, rowId: entry.row_id, column, value });
        seqs.push(entry.seq);
      }
      lastSeq = entry.seq;
    }
    return { messages, seqs, firstSeq: entries[0]?.seq ?? 0, lastSeq };
  }

  private async pullAll(hub: HubClient, totals: { pushed: number; pulled: number; applied: number; skewMs: number }): Promise<void> {
    let appliedPage = false;
    for (;;) {
      const page = await hub.pull(this.state.get('pull_cursor'), PULL_LIMIT);
      // the page and the cursor after it commit together: a cut re-pulls this page or none of it
      this.data.write(SYNC_ACTOR, () => {
        if (page.messages.length > 0) {
          appliedPage = true;
          const batch = this.remote.apply(page.messages);
          totals.applied += batch.applied;
          totals.skewMs = Math.max(totals.skewMs, batch.aheadMs);
        }
        this.state.set('pull_cursor', String(page.next));
      });
      totals.pulled += page.messages.length;
      this.report({ pushed: totals.pushed, pulled: totals.pulled, pending: this.state.pendingMessages() });
      if (!page.more) break;
    }
    // applying a page retries what waits; without one, a local fix (a changed MRN) must still let it land
    if (!appliedPage) totals.applied += this.remote.retry();
  }

  status(): SyncStatus {
    const enrolment = this.state.enrolment();
    const attemptOk = this.state.get('last_attempt_ok');
    const errorKey = this.state.get('last_error');
    const skewMs = Number(this.state.get('clock_skew_ms') ?? 0);
    const key = errorKey === 'revoked' || errorKey === 'unreachable' || errorKey === 'hub_error' ? (`sync.${errorKey}` as const) : null;
    return {
      enrolled: enrolment !== null,
      hubUrl: enrolment?.hubUrl ?? this.state.get('hub_url'),
      scope: enrolment?.scope ?? null,
      online: attemptOk === null ? null : attemptOk === '1',
      lastSyncAt: this.state.get('last_pull_at'),
      lastAttemptAt: this.state.get('last_attempt_at'),
      pendingMessages: this.state.pendingMessages(),
      waitingCells: this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number,
      problems: this.problems.counts(),
      clockSkewMs: skewMs,
      skewWarning: skewMs > SKEW_WARNING_MS,
      lastError: key ? { key, message: renderMessage(key) } : null,
      running: this.running !== null,
      progress: this.progress,
    };
  }
}
