/**
 * Signing in with two steps (real passwords, real scrypt): a right password
 * answers a short-lived challenge, not a session; the code of the
 * authenticator (or a recovery code, once) answers the session. And the
 * group's switch: once PX Admins and Hospital Admins are required to have an
 * authenticator, one without sets it up before any session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput, SignIn } from '../../src-shared/contract/index.js';
import { MAX_FAILED_ATTEMPTS } from '../../src-main/domains/accounts/service.js';
import { signedIn, TEST_PASSWORD, TestStation } from '../fixtures/station.js';
import { secretOfUri, SteppingClock } from '../fixtures/totp.js';

const clock = new SteppingClock();
let station: TestStation;
let adminToken: string;
let hospitalId: string;

async function call<N extends CallName>(name: N, input: CallInput<N>, token: string | null = null): Promise<CallOutput<N>> {
  return station.call(name, input, token);
}

async function failure(name: string, input: unknown, token: string | null = null) {
  const result = await station.core.dispatch(name, input, token);
  if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.data)}`);
  const { code, key, fields } = result.body.error;
  return { status: result.status, code, key, fields: fields ?? [] };
}

const sql = () => station.core.store.sqlite;
const openSessions = (userId: string) => sql().prepare('SELECT count(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL').pluck().get(userId) as number;
const actions = (userId: string, fromSeq: number) =>
  sql().prepare('SELECT action FROM audit_log WHERE entity_id = ? AND seq > ? ORDER BY seq').pluck().all(userId, fromSeq) as string[];
const lastSeq = () => sql().prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;

async function createUser(username: string, roleCode: 'hospital_admin' | 'px_coordinator' | 'staff' = 'staff'): Promise<string> {
  return (await call('users.create', { username, password: TEST_PASSWORD, nameEn: `User ${username}`, nameAr: 'مستخدم', roleCode, hospitalId }, adminToken)).id;
}

async function passwordStep(username: string): Promise<SignIn> {
  return call('auth.login', { username, password: TEST_PASSWORD });
}

/** Signs in with a password, turns two-step sign-in on from the session: the secret and the recovery codes. */
async function enrol(username: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const token = signedIn(await passwordStep(username)).token;
  const { secret } = await call('totp.begin', {}, token);
  clock.nextStep();
  const { recoveryCodes } = await call('totp.confirm', { code: clock.code(secret) }, token);
  return { secret, recoveryCodes };
}

beforeAll(async () => {
  station = await TestStation.open(undefined, { clock: clock.now });
  adminToken = await station.setupAdmin('px.admin');
  hospitalId = (await call('hospitals.create', { code: 'OLAYA', nameEn: 'Olaya Medical Complex', nameAr: 'مجمع العليا الطبي' }, adminToken)).id;
});

afterAll(() => station?.close());

describe('signing in with an authenticator app', () => {
  it('answers a right password with a challenge, not a session; the current code then opens the session', async () => {
    const id = await createUser('two.step');
    const { secret } = await enrol('two.step');
    const sessionsBefore = openSessions(id);
    const from = lastSeq();

    const first = await passwordStep('two.step');
    expect(first).toEqual({ step: 'totp', challenge: expect.stringMatching(/^[\w-]{43}$/), expiresAt: expect.any(String) });
    if (first.step !== 'totp') return;
    expect(Date.parse(first.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(openSessions(id)).toBe(sessionsBefore);
    // a challenge is no session
    expect(await failure('auth.me', {}, first.challenge)).toMatchObject({ status: 401 });

    // a wrong code is told beside the box, and counts toward the lockout
    expect(await failure('auth.verifyTotp', { challenge: first.challenge, code: '000000' })).toMatchObject({
      status: 400,
      fields: [{ path: 'code', key: 'field.totp_wrong' }],
    });
    expect(sql().prepare('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(id)).toBe(1);

    clock.nextStep();
    const code = clock.code(secret);
    const session = await call('auth.verifyTotp', { challenge: first.challenge, code });
    expect(session.me.user.username).toBe('two.step');
    expect(await station.status('auth.me', {}, session.token)).toBe(200);
    expect(sql().prepare('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(id)).toBe(0);
    expect(actions(id, from)).toEqual(['auth.login_second_step', 'auth.totp_failed', 'auth.login']);

    // the challenge is spent, and the same code does not open a second session
    expect(await failure('auth.verifyTotp', { challenge: first.challenge, code })).toMatchObject({ status: 401, key: 'error.sign_in_step_expired' });
    const again = await passwordStep('two.step');
    if (again.step !== 'totp') throw new Error('expected the second step');
    expect(await failure('auth.verifyTotp', { challenge: again.challenge, code })).toMatchObject({ status: 400, fields: [{ key: 'field.totp_wrong' }] });
  });

  it('takes each recovery code once, and says how many are left', async () => {
    const id = await createUser('lost.phone');
    const { recoveryCodes } = await enrol('lost.phone');
    const step = await passwordStep('lost.phone');
    if (step.step !== 'totp') throw new Error('expected the second step');
    const session = await call('auth.verifyTotp', { challenge: step.challenge, code: recoveryCodes[0]! });
    expect((await call('totp.status', {}, session.token)).recoveryCodesLeft).toBe(9);
    const login = sql().prepare(`SELECT after_json FROM audit_log WHERE entity_id = ? AND action = 'auth.login' ORDER BY seq DESC`).pluck().get(id) as string;
    expect(JSON.parse(login)).toEqual({ address: 'local', secondStep: 'recovery_code', recoveryCodesLeft: 9 });

    const reused = await passwordStep('lost.phone');
    if (reused.step !== 'totp') throw new Error('expected the second step');
    expect(await failure('auth.verifyTotp', { challenge: reused.challenge, code: recoveryCodes[0]! })).toMatchObject({
      status: 400,
      fields: [{ path: 'code', key: 'field.totp_wrong' }],
    });
    await call('auth.verifyTotp', { challenge: reused.challenge, code: recoveryCodes[1]! });
  });

  it('lets a challenge take only three wrong codes, and locks the account at the fifth failure, ending its sessions', async () => {
    const id = await createUser('guessed.password');
    await enrol('guessed.password');
    const kept = signedIn(await call('auth.login', { username: 'px.admin', password: TEST_PASSWORD })).token;
    const ownSession = sql().prepare('SELECT count(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL').pluck().get(id) as number;
    expect(ownSession).toBeGreaterThan(0);

    const first = await passwordStep('guessed.password');
    if (first.step !== 'totp') throw new Error('expected the second step');
    for (const code of ['111111', '222222']) expect((await failure('auth.verifyTotp', { challenge: first.challenge, code })).status).toBe(400);
    expect(await failure('auth.verifyTotp', { challenge: first.challenge, code: '333333' })).toMatchObject({ status: 401, key: 'error.sign_in_step_expired' });

    const second = await passwordStep('guessed.password');
    if (second.step !== 'totp') throw new Error('expected the second step');
    expect((await failure('auth.verifyTotp', { challenge: second.challenge, code: '444444' })).status).toBe(400);
    // the fifth failure in a row
    expect(await failure('auth.verifyTotp', { challenge: second.challenge, code: '555555' })).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      key: 'error.account_locked',
    });
    expect(openSessions(id)).toBe(0);
    expect(await station.status('auth.me', {}, kept)).toBe(200);
    expect(await failure('auth.login', { username: 'guessed.password', password: TEST_PASSWORD })).toMatchObject({ status: 401, key: 'error.bad_credentials' });
    const locked = sql().prepare(`SELECT after_json FROM audit_log WHERE entity_id = ? AND action = 'auth.account_locked'`).pluck().get(id) as string;
    expect(JSON.parse(locked)).toMatchObject({ failedAttempts: MAX_FAILED_ATTEMPTS, lockedBy: 'auth.totp_failed' });
  });

  it('signs in with the password alone once two-step sign-in is turned off with a code', async () => {
    await createUser('changed.mind');
    const { secret } = await enrol('changed.mind');
    const step = await passwordStep('changed.mind');
    if (step.step !== 'totp') throw new Error('expected the second step');
    clock.nextStep();
    const session = await call('auth.verifyTotp', { challenge: step.challenge, code: clock.code(secret) });
    clock.nextStep();
    await call('totp.disable', { code: clock.code(secret) }, session.token);
    expect((await passwordStep('changed.mind')).step).toBe('signed_in');
  });
});

describe('the group requires two-step sign-in of PX Admins and Hospital Admins', () => {
  it('takes an admin without an authenticator through setting one up before any session; others sign in as before', async () => {
    const adminId = await createUser('olaya.head', 'hospital_admin');
    await createUser('olaya.coordinator', 'px_coordinator');
    await call('groupSettings.update', { requireAdminTotp: true }, adminToken);
    const from = lastSeq();

    const step = await passwordStep('olaya.head');
    expect(step).toMatchObject({ step: 'totp_enrolment', challenge: expect.any(String), enrolment: { secret: expect.any(String), uri: expect.any(String) } });
    if (step.step !== 'totp_enrolment') return;
    expect(secretOfUri(step.enrolment.uri)).toBe(step.enrolment.secret);
    expect(openSessions(adminId)).toBe(0);
    // the enrolment challenge is not a second step of an enrolled account
    expect(await failure('auth.verifyTotp', { challenge: step.challenge, code: clock.code(step.enrolment.secret) })).toMatchObject({ status: 401 });

    const again = await passwordStep('olaya.head');
    if (again.step !== 'totp_enrolment') throw new Error('expected the set-up step');
    expect(await failure('auth.confirmTotpEnrolment', { challenge: again.challenge, code: '000000' })).toMatchObject({
      status: 400,
      fields: [{ path: 'code', key: 'field.totp_wrong' }],
    });
    clock.nextStep();
    const done = await call('auth.confirmTotpEnrolment', { challenge: again.challenge, code: clock.code(again.enrolment.secret) });
    expect(done.recoveryCodes).toHaveLength(10);
    expect(await station.status('auth.me', {}, done.token)).toBe(200);
    expect(await call('totp.status', {}, done.token)).toMatchObject({ enrolled: true, required: true, recoveryCodesLeft: 10 });
    expect(actions(adminId, from)).toEqual([
      'auth.totp_setup_started',
      'auth.login_second_step',
      'auth.totp_setup_started',
      'auth.login_second_step',
      'auth.totp_failed',
      'auth.totp_enabled',
      'auth.login',
    ]);

    expect((await passwordStep('olaya.head')).step).toBe('totp');
    expect((await passwordStep('olaya.coordinator')).step).toBe('signed_in');
    // the group PX Admin too
    expect((await passwordStep('px.admin')).step).toBe('totp_enrolment');

    // turned off again: an admin who set one up keeps it; one who did not signs in with a password
    await call('groupSettings.update', { requireAdminTotp: false }, adminToken);
    expect((await passwordStep('olaya.head')).step).toBe('totp');
    expect((await passwordStep('px.admin')).step).toBe('signed_in');
  });
});

describe('secrets stay on the station', () => {
  it('keeps TOTP secrets and recovery codes out of every audit entry, every API output of the audit log, and the sync outbox', async () => {
    await createUser('keeps.secret');
    const { secret, recoveryCodes } = await enrol('keeps.secret');
    const audit = await call('audit.list', { pageSize: 500 }, adminToken);
    const texts = [
      JSON.stringify(audit),
      JSON.stringify(sql().prepare('SELECT * FROM audit_log').all()),
      JSON.stringify(sql().prepare('SELECT * FROM sync_outbox').all()),
    ];
    for (const text of texts) {
      expect(text).not.toContain(secret);
      for (const code of recoveryCodes) expect(text).not.toContain(code);
    }
    const synced = sql().prepare(`SELECT count(*) FROM sync_outbox WHERE tbl IN ('user_totp', 'user_recovery_codes', 'password_history')`).pluck().get();
    expect(synced).toBe(0);
  });
});
