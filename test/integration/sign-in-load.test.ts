/**
 * Sign-in under load (issue 9, item 8): failed sign-in steps are throttled
 * per client address, before a hash is spent on them; password hashing is
 * queued with a cap, and a sign-in beyond it is told the station is busy.
 * Latency under 40 concurrent logins is measured by test/bench/login-load.bench.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURES_PER_MINUTE } from '../../src-main/domains/accounts/sign-in-guard.js';
import { HASH_CONCURRENCY, HASH_QUEUE_LIMIT, hashing } from '../../src-main/domains/accounts/passwords.js';
import { startConsoleServer } from '../../src-main/transports/console-http.js';
import { TEST_PASSWORD, TestStation } from '../fixtures/station.js';

let station: TestStation;
/** The station's clock, held still while an address fails (hashing takes seconds here; the budget refills with time) */
let now = Date.now();

const sql = () => station.core.store.sqlite;
const lastSeq = () => sql().prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
const entriesSince = (seq: number) =>
  sql().prepare('SELECT action, actor_name, after_json FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as {
    action: string;
    actor_name: string;
    after_json: string | null;
  }[];

function login(address: string, password: string, username = 'front.desk') {
  return station.core.dispatch('auth.login', { username, password }, null, { address });
}

beforeAll(async () => {
  // the station's own limit, not the wide one the other tests sign in with
  station = await TestStation.open(undefined, { signInFailuresPerMinute: FAILURES_PER_MINUTE, clock: () => now });
  const admin = await station.setupAdmin('px.admin');
  const hospitalId = (await station.call('hospitals.create', { code: 'OLAYA', nameEn: 'Olaya', nameAr: 'العليا' }, admin)).id;
  await station.call(
    'users.create',
    { username: 'front.desk', password: TEST_PASSWORD, nameEn: 'Front Desk', nameAr: 'الاستقبال', roleCode: 'staff', hospitalId },
    admin,
  );
});

afterAll(() => station?.close());

describe('sign-in throttling per client address', () => {
  it(`refuses an address after ${FAILURES_PER_MINUTE} failed steps in a minute — even with the right password, before hashing it; other addresses sign in`, async () => {
    for (let i = 0; i < FAILURES_PER_MINUTE; i += 1) {
      // unknown accounts and wrong passwords count alike, spread over accounts (password spraying)
      const answer = await login('10.20.0.5', `Wrong-guess-${i}`, i % 3 === 0 ? 'front.desk' : `nobody.${i}`);
      expect(answer.ok ? 200 : answer.status, `attempt ${i + 1}`).toBe(401);
    }
    const from = lastSeq();
    const refused = await login('10.20.0.5', TEST_PASSWORD);
    expect(refused.ok ? null : { status: refused.status, error: refused.body.error }).toEqual({
      status: 429,
      error: {
        code: 'RATE_LIMITED',
        key: 'error.login_throttled',
        message: { en: expect.stringMatching(/Too many failed sign-in attempts/), ar: expect.stringMatching(/محاولات دخول فاشلة كثيرة/) },
      },
    });
    // a few more in the same minute: answered alike, audited once (a flood of refusals is no flood of audit writes)
    for (let i = 0; i < 3; i += 1) expect((await login('10.20.0.5', TEST_PASSWORD)).ok).toBe(false);
    expect(entriesSince(from)).toEqual([
      {
        action: 'auth.sign_in_refused',
        actor_name: 'console',
        after_json: JSON.stringify({ reason: 'throttled', call: 'auth.login', address: '10.20.0.5', unrecordedSinceLastEntry: 0 }),
      },
    ]);
    // the guesses at the account counted toward its lockout; none after the throttle did
    expect(sql().prepare(`SELECT failed_attempts FROM users WHERE username = 'front.desk'`).pluck().get()).toBe(Math.ceil(FAILURES_PER_MINUTE / 3));

    expect((await login('10.20.0.6', TEST_PASSWORD)).ok).toBe(true);
    // the login screen still reads the station's status from the throttled address
    expect((await station.core.dispatch('system.status', {}, null, { address: '10.20.0.5' })).ok).toBe(true);
    // and the second step and setup are throttled with it
    const verify = await station.core.dispatch('auth.verifyTotp', { challenge: 'x'.repeat(43), code: '123456' }, null, { address: '10.20.0.5' });
    expect(verify.ok ? 200 : verify.status).toBe(429);

    // a minute later the address may try again
    now += 60_000;
    expect((await login('10.20.0.5', TEST_PASSWORD)).ok).toBe(true);
  });

  it('counts the address the console’s HTTP server saw (the socket’s, whatever X-Forwarded-For says)', async () => {
    const server = await startConsoleServer(
      { dispatch: (name, input, token, origin) => station.core.dispatch(name, input, token, origin), health: () => station.core.health() },
      { host: '127.0.0.1', port: 0, log: () => {} },
    );
    try {
      const from = lastSeq();
      const response = await fetch(`${server.url}rpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.99.99.99' },
        body: JSON.stringify({ username: 'front.desk', password: 'Wrong-over-http-1' }),
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(entriesSince(from)[0]!.after_json!)).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await server.close();
    }
  });
});

describe('the hashing queue', () => {
  it(`runs at most ${HASH_CONCURRENCY} hashes at once with ${HASH_QUEUE_LIMIT} waiting; a sign-in beyond is told to try again (503), audited`, async () => {
    hashing.resize(1, 0);
    let release = () => {};
    const slot = hashing.run(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      const from = lastSeq();
      const busy = await login('10.30.0.7', TEST_PASSWORD);
      expect(busy.ok ? null : { status: busy.status, error: busy.body.error }).toEqual({
        status: 503,
        error: { code: 'BUSY', key: 'error.busy', message: { en: expect.stringMatching(/busy/), ar: expect.stringMatching(/مشغولة/) } },
      });
      expect(entriesSince(from).map((e) => [e.action, JSON.parse(e.after_json!).reason])).toEqual([['auth.sign_in_refused', 'busy']]);
    } finally {
      release();
      await slot;
      hashing.resize(HASH_CONCURRENCY, HASH_QUEUE_LIMIT);
    }
    expect((await login('10.30.0.7', TEST_PASSWORD)).ok).toBe(true);
  });

  it('answers 40 sign-ins at once, each with a session or "busy", none left hanging', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`10.40.0.${i}`, TEST_PASSWORD)));
    const statuses = answers.map((a) => (a.ok ? 200 : a.status));
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(HASH_CONCURRENCY + HASH_QUEUE_LIMIT - 1);
    expect({ active: hashing.active, queued: hashing.queued }).toEqual({ active: 0, queued: 0 });
  });
});
