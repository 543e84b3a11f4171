import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToCoreMessage } from './core-messages.js';
import { CoreSupervisor, defaultBackoffMs, type CoreChild } from './core-supervisor.js';

/** A core process that answers whatever the test tells it to. */
class FakeCore implements CoreChild {
  readonly sent: ToCoreMessage[] = [];
  killed = false;
  private messageListener: (message: unknown) => void = () => undefined;
  private exitListener: (code: number) => void = () => undefined;

  postMessage(message: ToCoreMessage): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exitListener(-1);
  }
  emit(message: unknown): void {
    this.messageListener(message);
  }
  exit(code: number): void {
    this.exitListener(code);
  }
  ready(): void {
    this.emit({ type: 'ready', stationId: 'st-1', dataDir: '/data' });
  }
  lastRpc(): Extract<ToCoreMessage, { type: 'rpc' }> {
    const rpc = this.sent.filter((m): m is Extract<ToCoreMessage, { type: 'rpc' }> => m.type === 'rpc').at(-1);
    if (!rpc) throw new Error('no rpc sent');
    return rpc;
  }
}

function setup(overrides: Partial<ConstructorParameters<typeof CoreSupervisor>[0]> = {}) {
  const cores: FakeCore[] = [];
  const lines: string[] = [];
  const supervisor = new CoreSupervisor({
    spawn: () => {
      const core = new FakeCore();
      cores.push(core);
      return core;
    },
    log: (line) => lines.push(line),
    backoffMs: (attempt) => attempt * 1000,
    ...overrides,
  });
  const current = (): FakeCore => {
    const core = cores.at(-1);
    if (!core) throw new Error('no core spawned');
    return core;
  };
  return { supervisor, cores, lines, current };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CoreSupervisor', () => {
  it('relays a call and matches the answer to it by id', async () => {
    const { supervisor, current } = setup();
    supervisor.start();
    current().ready();
    const first = supervisor.call('system.status', {}, null);
    const second = supervisor.call('users.list', { page: 1 }, 'tok');
    const [a, b] = current().sent.filter((m) => m.type === 'rpc');
    expect(a).toMatchObject({ name: 'system.status', token: null });
    expect(b).toMatchObject({ name: 'users.list', input: { page: 1 }, token: 'tok' });
    if (a?.type !== 'rpc' || b?.type !== 'rpc') throw new Error('expected rpc messages');
    // Answers may come back out of order.
    current().emit({ type: 'rpc-result', id: b.id, result: { ok: true, data: ['users'] } });
    current().emit({ type: 'rpc-result', id: a.id, result: { ok: true, data: { stationId: 'st-1' } } });
    await expect(first).resolves.toEqual({ ok: true, data: { stationId: 'st-1' } });
    await expect(second).resolves.toEqual({ ok: true, data: ['users'] });
  });

  it('holds calls made while the core starts and sends them once it is ready', async () => {
    const { supervisor, current } = setup();
    supervisor.start();
    const pending = supervisor.call('system.status', {}, null);
    await vi.advanceTimersByTimeAsync(100);
    // the key first, and no call before the core is ready
    expect(current().sent).toEqual([{ type: 'keys', masterKey: null }]);
    current().ready();
    await vi.advanceTimersByTimeAsync(0);
    current().emit({ type: 'rpc-result', id: current().lastRpc().id, result: { ok: true, data: 1 } });
    await expect(pending).resolves.toEqual({ ok: true, data: 1 });
  });

  it('fails a call with 503 when the core never becomes ready', async () => {
    const { supervisor } = setup({ readyTimeoutMs: 1000 });
    supervisor.start();
    const pending = supervisor.call('system.status', {}, null);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(pending).resolves.toMatchObject({ ok: false, status: 503, body: { error: { code: 'INTERNAL' } } });
  });

  it('fails in-flight calls when the core crashes, then restarts it with growing backoff', async () => {
    const { supervisor, cores, current, lines } = setup();
    supervisor.start();
    current().ready();
    const inFlight = supervisor.call('complaints.create', { subject: 'x' }, 'tok');
    current().exit(1);
    await expect(inFlight).resolves.toMatchObject({ ok: false, status: 503 });
    expect(cores).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(999);
    expect(cores).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(cores).toHaveLength(2);

    current().exit(1); // crashes again before becoming ready: the wait doubles
    await vi.advanceTimersByTimeAsync(1999);
    expect(cores).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(cores).toHaveLength(3);
    expect(lines.some((l) => l.includes('restarting in 2000 ms (attempt 2)'))).toBe(true);
  });

  it('starts the backoff afresh after the core has been up for a while', async () => {
    const { supervisor, cores, current, lines } = setup({ stableAfterMs: 10_000 });
    supervisor.start();
    current().exit(1);
    await vi.advanceTimersByTimeAsync(1000);
    current().ready();
    await vi.advanceTimersByTimeAsync(10_000);
    current().exit(1);
    expect(lines.at(-1)).toContain('restarting in 1000 ms (attempt 1)');
    await vi.advanceTimersByTimeAsync(1000);
    expect(cores).toHaveLength(3);
  });

  it('ignores malformed messages and answers that arrive after their timeout', async () => {
    const { supervisor, current, lines } = setup({ callTimeoutMs: 500 });
    supervisor.start();
    current().ready();
    current().emit({ type: 'rpc-result', id: 'one' });
    current().emit('garbage');
    expect(lines.filter((l) => l.includes('malformed'))).toHaveLength(2);
    const slow = supervisor.call('reports.run', {}, 'tok');
    await vi.advanceTimersByTimeAsync(500);
    await expect(slow).resolves.toMatchObject({ ok: false, status: 503 });
    current().emit({ type: 'rpc-result', id: current().lastRpc().id, result: { ok: true, data: 'late' } });
  });

  it('asks the core to shut down, and kills it if it does not exit in time', async () => {
    const { supervisor, current, cores } = setup({ shutdownTimeoutMs: 2000 });
    supervisor.start();
    current().ready();
    const stopped = supervisor.stop();
    expect(current().sent.at(-1)).toEqual({ type: 'shutdown' });
    await vi.advanceTimersByTimeAsync(2000);
    await stopped;
    expect(current().killed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cores).toHaveLength(1); // no restart after a deliberate stop
    await expect(supervisor.call('system.status', {}, null)).resolves.toMatchObject({ ok: false, status: 503 });
  });

  it('finishes stopping as soon as the core exits on its own', async () => {
    const { supervisor, current } = setup();
    supervisor.start();
    current().ready();
    const stopped = supervisor.stop();
    current().exit(0);
    await stopped;
    expect(current().killed).toBe(false);
  });
});

describe('defaultBackoffMs', () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [7, 30_000],
    [50, 30_000],
  ])('attempt %i waits %i ms', (attempt, ms) => {
    expect(defaultBackoffMs(attempt)).toBe(ms);
  });
});

describe('the station key', () => {
  it('goes to each (re)started core before anything else', async () => {
    const key = Buffer.alloc(32, 7);
    const { supervisor, cores, current } = setup({ masterKey: () => key });
    supervisor.start();
    expect(current().sent[0]).toEqual({ type: 'keys', masterKey: key.toString('base64') });
    current().exit(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cores.length).toBe(2);
    expect(current().sent[0]).toEqual({ type: 'keys', masterKey: key.toString('base64') });
  });
});
