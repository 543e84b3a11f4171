import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_AUTH_PER_MINUTE } from '../../src-shared/server-limits.js';
import { REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE } from '../../src-main/domains/integrations/refusals.js';
import { startupWarnings } from '../../src-main/runner/station-runner.js';
import { ListenerClient, MllpClient } from '../fixtures/his-clients.js';
import { addSource, adt, auditEntries, hisEvent, type HisStation, type IssuedSource, startHisStation, storedCount } from '../fixtures/his-station.js';
import { trickleBody } from '../fixtures/trickle.js';

/*
 * The listener's and the console's limits as a sender meets them: a body
 * trickled a byte a second is cut off; an address guessing tokens is
 * answered 429 while everyone else's valid token works; one address holds
 * only a few MLLP connections, and one that sends nothing admitted is
 * dropped early, while the real feed goes on; /health keeps the station's
 * details to this machine (or a token); MLLP binds on its own address.
 */

/** This machine's address on a network (not loopback), to reach the station as another computer would; null where there is none. */
const LAN_ADDRESS =
  Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address ?? null;

const MLLP_ADMIT_WITHIN_MS = 1_500;
const LISTENER_PER_ADDRESS = 6;

let station: HisStation;
let his: IssuedSource;

beforeAll(async () => {
  station = await startHisStation({
    // the JSON listener open to the LAN, MLLP and the console left on loopback
    listenerHost: '0.0.0.0',
    serveConsole: true,
    limits: {
      http: { requestTimeoutMs: 2_000, headersTimeoutMs: 1_000 },
      listenerConnections: { perAddress: LISTENER_PER_ADDRESS },
      mllp: { perAddress: 3, admitWithinMs: MLLP_ADMIT_WITHIN_MS },
    },
  });
  his = addSource(station.core, 'HIS');
});

afterAll(async () => {
  await station?.close();
});

const port = (url: string) => Number(new URL(url).port);
const closed = (socket: net.Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
const connectFrom = (localAddress: string, to = station.mllpPort) =>
  new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: to, localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });

describe('a body trickled a byte at a time', () => {
  it('is cut off on the listener once the request time is up', async () => {
    const slow = await trickleBody(port(station.listenerUrl), '/api/v1/events', { everyMs: 100, forMs: 10_000 });
    expect(slow.cutAfterMs, 'the listener kept the request open').not.toBeNull();
    expect(slow.cutAfterMs!).toBeLessThan(5_000);
  });

  it('is cut off on the console port too', async () => {
    const consolePort = port(station.running.consoleUrl!);
    const slow = await trickleBody(consolePort, '/rpc/system.status', { everyMs: 100, forMs: 10_000 });
    expect(slow.cutAfterMs, 'the console kept the request open').not.toBeNull();
    expect(slow.cutAfterMs!).toBeLessThan(5_000);
  });
});

describe('connections to the listener', () => {
  it('are capped per address: one more is closed at once, and another address still gets in', async () => {
    const listenerPort = port(station.listenerUrl);
    const held = await Promise.all(Array.from({ length: LISTENER_PER_ADDRESS }, () => connectFrom('127.0.0.4', listenerPort)));
    try {
      const extra = await connectFrom('127.0.0.4', listenerPort);
      await closed(extra);
      const other = new ListenerClient(station.listenerUrl, { localAddress: '127.0.0.5' });
      try {
        expect((await other.postEvent(his.token, hisEvent({ externalId: 'CAP-1', code: 'OPD_REGISTERED', encounterId: 'ENC-CAP' }))).status).toBe(202);
      } finally {
        other.close();
      }
      expect(held.every((socket) => !socket.destroyed)).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
    }
  });
});

describe('bad tokens from one address', () => {
  it('are answered 429 past the limit, while valid tokens, from there and elsewhere, still work', async () => {
    const guesser = new ListenerClient(station.listenerUrl, { localAddress: '127.0.0.2' });
    const hospital = new ListenerClient(station.listenerUrl, { localAddress: '127.0.0.1' });
    try {
      const event = (externalId: string) => hisEvent({ externalId, code: 'OPD_REGISTERED', encounterId: `ENC-${externalId}` });
      const statuses: number[] = [];
      for (let i = 0; i < FAILED_AUTH_PER_MINUTE + 2; i += 1) statuses.push((await guesser.postEvent(`pxk_guess${i}`, event(`GUESS-${i}`))).status);
      expect(statuses.slice(0, FAILED_AUTH_PER_MINUTE)).toEqual(Array<number>(FAILED_AUTH_PER_MINUTE).fill(401));
      const throttled = await guesser.postEvent('pxk_one-more', event('GUESS-X'));
      expect(throttled.status).toBe(429);
      expect(throttled.headers['retry-after']).toBe('60');
      expect(throttled.json).toMatchObject({ error: { key: 'error.rate_limited', message: { ar: expect.stringMatching(/[\u0600-\u06FF]/) } } });

      expect((await hospital.postEvent(his.token, event('REAL-1'))).status).toBe(202);
      // behind a NAT the real feed may share the guesser's address: its valid token is never throttled
      expect((await guesser.postEvent(his.token, event('REAL-2'))).status).toBe(202);
      expect(storedCount(station.core, 'HIS', 'GUESS-X')).toBe(0);
      const audited = auditEntries(station.core, 'integration.refused').filter((e) => e.after.peer === '127.0.0.2' && e.after.reason === 'error.bad_token');
      // each refusal is audited until the address's budget is spent; beyond it they are counted, not each written
      expect(audited.length).toBeGreaterThan(0);
      expect(audited.length).toBeLessThanOrEqual(REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE);
      expect(audited[0]).toMatchObject({ actor_name: 'listener (127.0.0.2)', after: { channel: 'json' } });
    } finally {
      guesser.close();
      hospital.close();
    }
  });
});

describe('MLLP connections', () => {
  it('are capped per address, and a silent one is dropped early, while the real feed keeps working', async () => {
    const silent = await Promise.all([connectFrom('127.0.0.3'), connectFrom('127.0.0.3'), connectFrom('127.0.0.3')]);
    const opened = Date.now();
    // a fourth from the same address is closed at once
    const fourth = await connectFrom('127.0.0.3');
    await closed(fourth);
    expect(Date.now() - opened).toBeLessThan(MLLP_ADMIT_WITHIN_MS);

    const feed = await MllpClient.connect(station.mllpPort, { localAddress: '127.0.0.1' });
    try {
      expect(await feed.request(adt('A08', { controlId: 'FEED-1', encounterId: 'ENC-FEED' }))).toMatchObject({ code: 'AA' });
      await Promise.all(silent.map(closed));
      expect(Date.now() - opened).toBeGreaterThanOrEqual(MLLP_ADMIT_WITHIN_MS - 100);
      // the admitted feed outlives the deadline that closed the silent ones
      expect(feed.isClosed).toBe(false);
      expect(await feed.request(adt('A08', { controlId: 'FEED-2', encounterId: 'ENC-FEED' }))).toMatchObject({ code: 'AA' });
    } finally {
      await feed.close();
    }
    // a connection that sends only what is refused is no better than a silent one
    const refusedOnly = await MllpClient.connect(station.mllpPort, { localAddress: '127.0.0.3' });
    expect((await refusedOnly.request(adt('A08', { controlId: 'STRANGER-1', encounterId: 'ENC-X' }))).code).toBe('AR');
    await closed(refusedOnly.socket);

    const reasons = auditEntries(station.core, 'integration.refused')
      .filter((e) => e.after.peer === '127.0.0.3' && e.after.channel === 'mllp')
      .map((e) => e.after.reason);
    expect(reasons).toEqual(expect.arrayContaining(['error.too_many_connections', 'error.silent_connection', 'error.peer_not_listed']));
  });

  it('binds on its own address: opening the JSON listener to the LAN leaves MLLP on loopback', async () => {
    expect(station.running.warnings.map((w) => w.key)).toEqual(['warning.listener_plain_http']);
    if (!LAN_ADDRESS) return;
    const attempt = new Promise<string>((resolve) => {
      const socket = net.connect({ host: LAN_ADDRESS, port: station.mllpPort }, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(await attempt).toBe('ECONNREFUSED');
  });
});

describe('GET /health', () => {
  it('gives the details on this machine', async () => {
    const local = new ListenerClient(station.listenerUrl);
    try {
      const answer = await local.request('GET', '/health', null);
      expect(answer.json).toMatchObject({
        status: 'ok',
        stationId: station.core.stationId,
        queue: expect.any(Object),
        warnings: [{ key: 'warning.listener_plain_http' }],
      });
    } finally {
      local.close();
    }
  });

  it.skipIf(LAN_ADDRESS === null)('withholds them from another computer without a token, and says the listener is plain HTTP', async () => {
    const remote = new ListenerClient(`http://${LAN_ADDRESS}:${port(station.listenerUrl)}/`);
    try {
      const anonymous = await remote.request('GET', '/health', null);
      expect(anonymous.status).toBe(200);
      expect(anonymous.json).toEqual({
        status: 'ok',
        warnings: [
          { key: 'warning.listener_plain_http', message: { en: expect.stringContaining('plain HTTP'), ar: expect.stringMatching(/[\u0600-\u06FF]/) } },
        ],
      });
      const withToken = await remote.request('GET', '/health', null, { authorization: `Bearer ${his.token}` });
      expect(withToken.json).toMatchObject({ status: 'ok', stationId: station.core.stationId, queue: expect.any(Object) });
      expect((await remote.request('GET', '/health', null, { authorization: 'Bearer pxk_wrong' })).status).toBe(401);
    } finally {
      remote.close();
    }
  });

  it('logs the plain-HTTP warning at start', () => {
    expect(station.logs.filter((line) => line.startsWith('WARNING'))).toEqual([expect.stringContaining('(warning.listener_plain_http)')]);
  });
});

describe('start-up warnings', () => {
  it.each([
    [{}, []],
    [{ listenerHost: '0.0.0.0' }, ['warning.listener_plain_http']],
    [{ listenerHost: '0.0.0.0', listenerTls: { cert: 'c', key: 'k' } }, []],
    [{ mllpHost: '10.1.2.3' }, ['warning.mllp_plain']],
    [{ mllpHost: '10.1.2.3', mllpTls: { cert: 'c', key: 'k' } }, []],
    [{ host: '0.0.0.0' }, ['warning.console_plain_http']],
    [{ host: '0.0.0.0', serveConsole: false, listen: false, listenerHost: '0.0.0.0' }, []],
  ])('%j: %j', (options, keys) => {
    expect(startupWarnings({ dataDir: 'unused', ...options }).map((w) => w.key)).toEqual(keys);
  });
});
