import { backoffDelayMs } from '../../src-shared/backoff.js';
import { invalidField } from '../../src-shared/errors.js';
import { HLC_MAX_AHEAD_MS } from '../../src-shared/hub-api.js';
import { parseHlc } from '../../src-shared/hlc.js';
import { renderMessage } from '../../src-shared/messages.js';
import type { SyncStatus } from '../../src-shared/contract/sync.js';
import type { DataLayer } from '../core/data-layer.js';
import type { Actor } from '../core/audit-log.js';
import type { Store } from '../core/db/store.js';
import type { JobResult } from '../core/domain.js';
import { SecretBox, type StationKeys } from '../core/keys.js';
import { AuditAnchoring } from './audit-anchor.js';
import type { AuditAnchor } from '../../src-shared/contract/index.js';
import { RemoteChanges, SYNC_ACTOR } from './apply.js';
import { HubClient, HubError, type HubFailure, isHubFailure } from './client.js';
import { bringClockToHub, clockCorrection } from './hub-clock.js';
import { FileTransfer } from './files.js';
import { compactSentOutbox, OUTBOX_KEEP_MS } from './outbox.js';
import type { Attachments } from '../domains/attachments/attachments.js';
import { SyncProblems } from './problems.js';
import { PULL_LIMIT, PUSH_LIMIT, SNAPSHOT_LIMIT, type SnapshotAnswer, type SyncMessage } from './protocol.js';
import { SyncState } from './state.js';

/** An http:// address whose host is not this machine. */
export function isPlainHttpBeyondThisMachine(hubUrl: string): boolean {
  const url = new URL(hubUrl);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\./.test(host));
}

/** A remote clock this far ahead of ours is shown as a warning (never a reason to drop an edit). */
export const SKEW_WARNING_MS = 5 * 60_000;
export const DEFAULT_SYNC_INTERVAL_MS = 30_000;

export interface SyncProgress {
  /** sending the outbox, a new station's catch-up from the snapshot, or receiving messages */
  readonly phase: 'sending' | 'catching_up' | 'receiving';
  readonly pushed: number;
  /** messages received, or during a catch-up, records */
  readonly pulled: number;
  /** outbox messages still to send */
  readonly pending: number;
  /** during a catch-up: the records the snapshot holds; otherwise null (receiving has no known end) */
  readonly total: number | null;
}

export interface SyncRound {
  readonly ok: boolean;
  readonly failure: HubFailure | 'not_enrolled' | null;
  readonly pushed: number;
  /** rejected by the hub: logged there, kept here in sync_rejections (Sync → Problems), never resent */
  readonly rejected: number;
  readonly pulled: number;
  readonly applied: number;
  /** records read from the snapshot by a new station's catch-up */
  readonly snapshotRecords: number;
  readonly skewMs: number;
  /** attachment contents sent to the hub and received from it */
  readonly filesSent: number;
  readonly filesReceived: number;
}

type Totals = { -readonly [K in Exclude<keyof SyncRound, 'ok' | 'failure'>]: SyncRound[K] };

function parseSnapshotNext(stored: string | null): { table: string; after: string } | null {
  if (stored === null) return null;
  const value = JSON.parse(stored) as { table?: unknown; after?: unknown };
  return typeof value.table === 'string' && typeof value.after === 'string' ? { table: value.table, after: value.after } : null;
}

export interface SyncOptions {
  readonly log?: (line: string) => void;
  /** random in [0, 1): the jitter of the backoff */
  readonly random?: () => number;
  /** the first wait after a failed round (default 5 s; tests make it short) */
  readonly backoffBaseMs?: number;
  /** how long entries the hub acknowledged stay in the outbox before they are folded away (default 7 days) */
  readonly outboxKeepMs?: number;
  /** messages a pull asks for and records a snapshot page asks for (tests make pages small) */
  readonly pageSize?: number;
  /** after an enrolment: the sync job waits for one while the station is not enrolled */
  readonly onEnrolled?: () => void;
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
  private readonly anchoring: AuditAnchoring;
  private readonly files: FileTransfer;
  private readonly log: (line: string) => void;
  private running: Promise<SyncRound> | null = null;
  private progress: SyncProgress | null = null;
  private readonly listeners = new Set<(progress: SyncProgress) => void>();
  private failures = 0;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly stationId: string,
    keys: StationKeys,
    attachments: Attachments,
    private readonly options: SyncOptions = {},
  ) {
    this.log = options.log ?? (() => {});
    this.files = new FileTransfer(store, attachments, () => new Date(data.clock()).toISOString(), this.log);
    this.state = new SyncState(store, new SecretBox(keys.secrets));
    this.anchoring = new AuditAnchoring(data.audit, keys, stationId, this.state, this.log);
    if (this.state.sealStoredToken()) this.log('sync: the station token stored in clear by an earlier version is now sealed');
    this.problems = new SyncProblems(store);
    this.remote = new RemoteChanges(data, this.log);
    // a catch-up that will not resume here (re-enrolled elsewhere, or ended) must not leave the name index behind
    if (this.remote.searchIndexDeferred && !(this.state.enrolment() !== null && this.state.get('pull_cursor') === null)) this.remote.rebuildSearchIndex();
  }

  onProgress(listener: (progress: SyncProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Trades a one-time code for a station token; the hub decides the station's scope. Audited as `actor`'s. */
  /**
   * `insecure`: enrol with a plain-HTTP hub beyond this machine (a test
   * network; the CLI's --insecure-hub). Otherwise refused: the token and
   * every patient record would cross the network unencrypted.
   */
  async enrol(hubUrl: string, code: string, stationName: string, actor: Actor = SYNC_ACTOR, options: { insecure?: boolean } = {}): Promise<void> {
    if (isPlainHttpBeyondThisMachine(hubUrl) && !options.insecure) throw invalidField('hubUrl', 'sync.insecure_hub');
    // at the hub it is enrolled with, the station proves it is itself; its token never goes to another address
    const current = this.state.enrolment();
    const answer = await new HubClient(hubUrl, current?.hubUrl === hubUrl ? current.token : null).enrol({ code, stationId: this.stationId, stationName });
    this.data.write(actor, (tx) => {
      this.state.enrol({ hubUrl, token: answer.token, scope: answer.scope });
      tx.record({
        action: 'sync.enrolled',
        entityType: 'sync',
        entityId: null,
        hospitalId: answer.scope.kind === 'hospital' ? answer.scope.hospitalId : null,
        after: { hubUrl, scope: answer.scope },
      });
    });
    this.failures = 0;
    this.options.onEnrolled?.();
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

  /**
   * One run of the sync job (src-main/sync/index.ts): a round, then when the
   * next is due. While the hub answers, the job's interval; while it does
   * not, a backoff with jitter (the round is shown as failed); while the
   * station is not enrolled or was revoked, only when woken by an enrolment.
   */
  async scheduledRound(): Promise<JobResult> {
    const round = await this.syncNow();
    if (round.ok) return {};
    // revoked or never enrolled: wait for an enrolment, do not hammer the hub
    if (round.failure === 'not_enrolled') return { nextRunInMs: null };
    if (round.failure === 'revoked') return { nextRunInMs: null, failure: { code: round.failure, key: 'sync.revoked' } };
    const delayMs = backoffDelayMs(this.failures, this.options.random ?? Math.random, this.options.backoffBaseMs);
    this.log(`sync: next try in ${delayMs} ms (${this.failures} failed in a row)`);
    return { nextRunInMs: delayMs, failure: { code: round.failure ?? 'hub_error', key: `sync.${round.failure ?? 'hub_error'}` } };
  }

  /** Waits for a round in progress (closing the station). */
  async settle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /**
   * Folds outbox entries the hub acknowledged more than `keepMs` ago into the
   * stored cell versions (outbox.ts); runs after every successful round, a
   * bounded step at a time. Returns the entries folded.
   */
  compactOutbox(keepMs = this.options.outboxKeepMs ?? OUTBOX_KEEP_MS): number {
    const folded = compactSentOutbox(this.store, new Date(this.data.clock() - keepMs).toISOString());
    if (folded > 0) this.log(`sync: folded ${folded} acknowledged outbox entries into the stored versions`);
    return folded;
  }

  private report(progress: SyncProgress): void {
    this.progress = progress;
    for (const listener of this.listeners) listener(progress);
  }

  private async round(): Promise<SyncRound> {
    const enrolment = this.state.enrolment();
    const totals: Totals = { pushed: 0, rejected: 0, pulled: 0, applied: 0, snapshotRecords: 0, skewMs: 0, filesSent: 0, filesReceived: 0 };
    if (!enrolment) return { ok: false, failure: 'not_enrolled', ...totals };
    const hub = new HubClient(enrolment.hubUrl, enrolment.token);
    const now = () => new Date(this.data.clock()).toISOString();
    this.state.set('last_attempt_at', now());
    try {
      await this.followHubClock(hub);
      await this.pushAll(hub, totals);
      this.state.set('last_push_at', now());
      if (this.state.get('pull_cursor') === null) await this.catchUp(hub, totals);
      await this.pullAll(hub, totals);
      // the contents of attachments, after their rows: the hub takes a content only for a row it holds
      const files = await this.files.run(hub);
      totals.filesSent = files.sent;
      totals.filesReceived = files.received;
      await this.anchoring.anchor(hub);
      this.store.transaction(() => {
        this.state.set('last_pull_at', now());
        this.state.set('last_attempt_ok', '1');
        this.state.set('last_error', null);
        if (totals.pulled + totals.snapshotRecords > 0) this.state.set('clock_skew_ms', String(totals.skewMs));
      });
      this.failures = 0;
      this.compactOutbox();
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

  /**
   * Stamps in the hub's time from here on (src-main/sync/hub-clock.ts): the
   * hub's clock is asked at each round, the correction kept for offline
   * work, and changes a fast clock stamped beyond what the hub takes are
   * stamped again before they are sent.
   */
  private async followHubClock(hub: HubClient): Promise<void> {
    const correction = clockCorrection(await hub.clockOffset(this.data.machineClock), this.data.clockOffsetMs);
    if (correction !== this.data.clockOffsetMs) {
      this.log(`sync: this computer's clock is ${Math.round(correction / 1000)} s off the hub's; stamping in the hub's time`);
      this.data.setClockOffset(correction);
      this.state.set('clock_offset_ms', String(correction));
    }
    const saved = this.store.statement('SELECT last_hlc FROM sync_clock WHERE id = 1').pluck().get() as string | undefined;
    const hubNow = this.data.clock();
    if (saved === undefined || parseHlc(saved).wallMs <= hubNow + HLC_MAX_AHEAD_MS) return;
    const restamped = this.data.write(SYNC_ACTOR, (tx) => {
      const cells = bringClockToHub(tx, this.store, hubNow);
      tx.record({ action: 'sync.clock_corrected', entityType: 'sync', entityId: null, hospitalId: null, after: { offsetMs: correction, restamped: cells } });
      return cells;
    });
    this.log(`sync: the station clock ran ahead of the hub's; ${restamped} unsent changes stamped again`);
  }

  private async pushAll(hub: HubClient, totals: Totals): Promise<void> {
    // counted once: recounting the whole outbox after every batch is quadratic in a long offline backlog
    let pending = this.state.pendingMessages();
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
        this.log(
          `sync: the hub rejected ${message ? `${message.table}.${message.column} of ${message.rowId}` : `message ${rejected.index}`}: ${rejected.reason}`,
        );
      }
      totals.pushed += batch.messages.length - answer.rejected.length;
      totals.rejected += answer.rejected.length;
      pending = Math.max(0, pending - batch.messages.length);
      this.report({ phase: 'sending', pushed: totals.pushed, pulled: totals.pulled, pending, total: null });
    }
  }

  /** The oldest unsent outbox entries, whole, up to PUSH_LIMIT messages; `seqs[i]` is the outbox entry of `messages[i]`. */
  private nextBatch(): { messages: SyncMessage[]; seqs: number[]; firstSeq: number; lastSeq: number } {
    const messages: SyncMessage[] = [];
    const seqs: number[] = [];
    let firstSeq = 0;
    let lastSeq = 0;
    // read entry by entry and stop when the batch is full: an entry holds one cell or dozens
    const entries = this.store.statement('SELECT seq, tbl, row_id, cells FROM sync_outbox WHERE sent_at IS NULL ORDER BY seq').iterate() as IterableIterator<{
      seq: number;
      tbl: string;
      row_id: string;
      cells: string;
    }>;
    for (const entry of entries) {
      const cells = JSON.parse(entry.cells) as [string, string | number | null, string][];
      if (messages.length > 0 && messages.length + cells.length > PUSH_LIMIT) break; // leaving the loop closes the cursor
      for (const [column, value, hlc] of cells) {
        messages.push({ hlc, table: entry.tbl, rowId: entry.row_id, column, value });
        seqs.push(entry.seq);
      }
      if (firstSeq === 0) firstSeq = entry.seq;
      lastSeq = entry.seq;
    }
    return { messages, seqs, firstSeq, lastSeq };
  }

  /**
   * A station that has never pulled from this hub reads the hub's current
   * records instead of every message ever sent, then pulls from the
   * snapshot's `upTo`. Each page and the place after it commit together, so
   * a cut resumes at the next page; the `upTo` of the first page is kept for
   * the whole catch-up (see src-hub/sync/snapshot.ts for why that is safe).
   */
  private async catchUp(hub: HubClient, totals: Totals): Promise<void> {
    let total = this.state.get('snapshot_total') === null ? null : Number(this.state.get('snapshot_total'));
    let from = parseSnapshotNext(this.state.get('snapshot_next'));
    let done = Number(this.state.get('snapshot_done') ?? 0);
    let page: Promise<SnapshotAnswer> = hub.snapshot(from, this.options.pageSize ?? SNAPSHOT_LIMIT);
    for (;;) {
      let answer = await page;
      const order = answer.order ? JSON.stringify(answer.order) : null;
      const knownOrder = this.state.get('snapshot_order');
      if (from !== null && order !== null && knownOrder !== null && order !== knownOrder) {
        // the hub walks its tables in another order than when this catch-up began (it was upgraded): a resumed
        // walk could skip tables, so start from the first page again (records already here are merged as usual)
        this.log(`sync: the hub's snapshot order changed during the catch-up; starting it again`);
        this.data.write(SYNC_ACTOR, () => {
          for (const key of ['snapshot_next', 'snapshot_done', 'snapshot_order'] as const) this.state.set(key, null);
        });
        from = null;
        done = 0;
        answer = await hub.snapshot(null, this.options.pageSize ?? SNAPSHOT_LIMIT);
      }
      // ask for the next page before applying this one: the hub reads it while we write
      if (answer.next) {
        page = hub.snapshot(answer.next, this.options.pageSize ?? SNAPSHOT_LIMIT);
        page.catch(() => {}); // awaited on the next turn; a failure then is the round's failure
        await new Promise((resolve) => setImmediate(resolve));
      }
      done += answer.records.length;
      total ??= answer.total;
      this.data.write(SYNC_ACTOR, () => {
        if (answer.records.length > 0) {
          const batch = this.remote.applySnapshot(answer.records, answer.groupStations);
          totals.applied += batch.applied;
          totals.skewMs = Math.max(totals.skewMs, batch.aheadMs);
        }
        if (from === null && this.state.get('snapshot_up_to') === null) {
          this.remote.deferSearchIndex();
          this.state.set('snapshot_up_to', String(answer.upTo));
          this.state.set('snapshot_total', String(total ?? done));
        }
        if (from === null && answer.order) this.state.set('snapshot_order', JSON.stringify(answer.order));
        if (answer.next) {
          this.state.set('snapshot_next', JSON.stringify(answer.next));
          this.state.set('snapshot_done', String(done));
        } else {
          this.remote.rebuildSearchIndex();
          this.state.set('pull_cursor', this.state.get('snapshot_up_to') ?? String(answer.upTo));
          for (const key of ['snapshot_up_to', 'snapshot_next', 'snapshot_total', 'snapshot_done', 'snapshot_order'] as const) this.state.set(key, null);
        }
      });
      totals.snapshotRecords += answer.records.length;
      this.report({ phase: 'catching_up', pushed: totals.pushed, pulled: done, pending: this.state.pendingMessages(), total: Math.max(total ?? done, done) });
      if (!answer.next) return;
      from = answer.next;
    }
  }

  private async pullAll(hub: HubClient, totals: Totals): Promise<void> {
    let appliedPage = totals.snapshotRecords > 0;
    for (;;) {
      const page = await hub.pull(this.state.get('pull_cursor'), this.options.pageSize ?? PULL_LIMIT);
      // the page and the cursor after it commit together: a cut re-pulls this page or none of it
      this.data.write(SYNC_ACTOR, () => {
        if (page.messages.length > 0) {
          appliedPage = true;
          const batch = this.remote.apply(page.messages, page.groupStations);
          totals.applied += batch.applied;
          totals.skewMs = Math.max(totals.skewMs, batch.aheadMs);
        }
        this.state.set('pull_cursor', String(page.next));
      });
      totals.pulled += page.messages.length;
      this.report({ phase: 'receiving', pushed: totals.pushed, pulled: totals.pulled, pending: this.state.pendingMessages(), total: null });
      if (!page.more) break;
    }
    // applying a page retries what waits; without one, a local fix (a changed MRN) must still let it land
    if (!appliedPage) totals.applied += this.remote.retry();
  }

  /** The audit chain's head against the hub's last checkpoint of it (src-main/sync/audit-anchor.ts). */
  async compareAuditAnchor(head: { seq: number } | null): Promise<AuditAnchor> {
    const enrolment = this.state.enrolment();
    return this.anchoring.compare(head, enrolment ? new HubClient(enrolment.hubUrl, enrolment.token) : null);
  }

  status(): SyncStatus {
    const enrolment = this.state.enrolment();
    const attemptOk = this.state.get('last_attempt_ok');
    const errorKey = this.state.get('last_error');
    const skewMs = Number(this.state.get('clock_skew_ms') ?? 0);
    const key = isHubFailure(errorKey) ? (`sync.${errorKey}` as const) : null;
    return {
      enrolled: enrolment !== null,
      hubUrl: enrolment?.hubUrl ?? this.state.get('hub_url'),
      scope: enrolment?.scope ?? null,
      online: attemptOk === null ? null : attemptOk === '1',
      lastSyncAt: this.state.get('last_pull_at'),
      lastAttemptAt: this.state.get('last_attempt_at'),
      pendingMessages: this.state.pendingMessages(),
      waitingCells: this.store.statement('SELECT count(*) FROM sync_pending_cells').pluck().get() as number,
      filesWaiting: this.files.waiting(),
      problems: this.problems.counts(),
      clockSkewMs: skewMs,
      clockOffsetMs: this.data.clockOffsetMs,
      skewWarning: skewMs > SKEW_WARNING_MS || Math.abs(this.data.clockOffsetMs) > SKEW_WARNING_MS,
      lastError: key ? { key, message: renderMessage(key) } : null,
      running: this.running !== null,
      progress: this.progress,
    };
  }
}
