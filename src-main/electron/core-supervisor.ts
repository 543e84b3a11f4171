import type { RpcResult } from '../../src-shared/bridge.js';
import { coreUnavailableResult, fromCoreMessageSchema, type ToCoreMessage } from './core-messages.js';

/** The slice of Electron's UtilityProcess the supervisor needs; a fake stands in for it in tests. */
export interface CoreChild {
  postMessage(message: ToCoreMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface CoreReadyInfo {
  readonly stationId: string;
  readonly dataDir: string;
}

export interface CoreSupervisorOptions {
  spawn: () => CoreChild;
  /** the station's master key for each (re)started core (null: the core keeps its own in the data folder) */
  masterKey?: () => Buffer | null;
  log: (line: string) => void;
  /** called each time a (re)started core reports ready */
  onReady?: (info: CoreReadyInfo) => void;
  /** a call the core has not answered by then fails; long reports still fit */
  callTimeoutMs?: number;
  /** how long a call made while the core is (re)starting waits for it */
  readyTimeoutMs?: number;
  /** restart delay after the n-th consecutive crash (n starts at 1) */
  backoffMs?: (attempt: number) => number;
  /** a core that stayed up this long is healthy again: the next crash starts the backoff afresh */
  stableAfterMs?: number;
  /** after asking the core to close its database, kill it if it has not exited by then */
  shutdownTimeoutMs?: number;
}

interface PendingCall {
  readonly name: string;
  readonly resolve: (result: RpcResult) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

interface ReadyWaiter {
  readonly resolve: (ready: boolean) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function defaultBackoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Keeps the station core running in its own process and relays calls to it
 * with request ids. A crashed core is restarted with exponential backoff;
 * calls in flight when it dies fail rather than being retried, because a
 * mutation may or may not have committed and only the user can tell whether
 * to try again.
 */
export class CoreSupervisor {
  private child: CoreChild | null = null;
  private ready = false;
  private stopping = false;
  private nextId = 1;
  private attempt = 0;
  private readyAt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, PendingCall>();
  private readonly waiters = new Set<ReadyWaiter>();
  private exitWaiter: (() => void) | null = null;
  private readonly callTimeoutMs: number;
  private readonly readyTimeoutMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly stableAfterMs: number;
  private readonly shutdownTimeoutMs: number;

  constructor(private readonly options: CoreSupervisorOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? 120_000;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
  }

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    if (this.child !== null || this.stopping) return;
    const child = this.options.spawn();
    this.child = child;
    this.ready = false;
    // before anything else: the core opens the database only once it has the key
    child.postMessage({ type: 'keys', masterKey: this.options.masterKey?.()?.toString('base64') ?? null });
    child.onMessage((message) => {
      if (this.child === child) this.receive(message);
    });
    child.onExit((code) => {
      if (this.child === child) this.exited(code);
    });
  }

  async call(name: string, input: unknown, token: string | null): Promise<RpcResult> {
    if (!this.ready && !(await this.waitForReady())) return coreUnavailableResult();
    const child = this.child;
    if (child === null) return coreUnavailableResult();
    const id = this.nextId++;
    return new Promise<RpcResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.options.log(`station core did not answer ${name} within ${this.callTimeoutMs} ms`);
        resolve(coreUnavailableResult());
      }, this.callTimeoutMs);
      this.pending.set(id, { name, resolve, timer });
      child.postMessage({ type: 'rpc', id, name, input, token });
    });
  }

  /** Asks the core to close the database cleanly; kills it if it hangs. Safe to call twice. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.failWaiters();
    const child = this.child;
    if (child === null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.options.log(`station core did not exit within ${this.shutdownTimeoutMs} ms; killing it`);
        child.kill();
        resolve();
      }, this.shutdownTimeoutMs);
      this.exitWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
      child.postMessage({ type: 'shutdown' });
    });
  }

  private receive(raw: unknown): void {
    const parsed = fromCoreMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.log(`ignored a malformed message from the station core: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        this.readyAt = Date.now();
        this.options.log(`station core ready (station ${message.stationId}, data in ${message.dataDir})`);
        for (const waiter of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.resolve(true);
        }
        this.waiters.clear();
        this.options.onReady?.({ stationId: message.stationId, dataDir: message.dataDir });
        return;
      }
      case 'rpc-result': {
        const call = this.pending.get(message.id);
        if (call === undefined) return; // answered after its timeout; the caller already has an error
        this.pending.delete(message.id);
        clearTimeout(call.timer);
        call.resolve(message.result);
        return;
      }
      case 'log':
        this.options.log(message.line);
        return;
      case 'fatal':
        this.options.log(`station core failed: ${message.message}`);
        return;
    }
  }

  private exited(code: number): void {
    this.child = null;
    this.ready = false;
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.resolve(coreUnavailableResult());
    }
    if (this.pending.size > 0) this.options.log(`${this.pending.size} call(s) in flight failed because the station core exited`);
    this.pending.clear();

    if (this.stopping) {
      this.options.log(`station core stopped (exit code ${code})`);
      this.exitWaiter?.();
      this.exitWaiter = null;
      return;
    }
    if (this.readyAt > 0 && Date.now() - this.readyAt >= this.stableAfterMs) this.attempt = 0;
    this.readyAt = 0;
    this.attempt += 1;
    const delay = this.backoffMs(this.attempt);
    this.options.log(`station core exited with code ${code}; restarting in ${delay} ms (attempt ${this.attempt})`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, delay);
  }

  private waitForReady(): Promise<boolean> {
    if (this.stopping) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: ReadyWaiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, this.readyTimeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private failWaiters(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
  }
}
