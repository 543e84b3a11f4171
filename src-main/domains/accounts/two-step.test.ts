/**
 * The rules of two-step sign-in, through the dispatcher as a signed-in user
 * (no scrypt: test/harness). Signing in with a code is in
 * test/integration/two-step.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../core/context.js';
import { CallFailed, DomainHarness } from '../../../test/harness/domain-harness.js';
import { secretOfUri, SteppingClock } from '../../../test/fixtures/totp.js';

const clock = new SteppingClock();
let h: DomainHarness;
let hospitalId: string;

/** A harness caller who could sign in on this station (harness users have no local password). */
const withLocalPassword = (caller: Caller): Caller => h.withLocalPassword(caller);

/** The refusal a call answers with (it must be refused). */
async function failure(caller: Caller | null, name: string, input: unknown): Promise<CallFailed> {
  const result = await h.core.dispatcher.dispatchAs(caller, name, input);
  if (result.ok) throw new Error(`${name} succeeded`);
  return new CallFailed(result.status, result.body);
}

function audit(userId: string): { action: string; after_json: string | null }[] {
  return h.core.store.sqlite.prepare('SELECT action, after_json FROM audit_log WHERE entity_id = ? ORDER BY seq').all(userId) as {
    action: string;
    after_json: string | null;
  }[];
}

/** Enrols `caller`: answers the secret and the recovery codes. */
async function enrol(caller: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await h.call(caller, 'totp.begin', {});
  clock.nextStep();
  const { recoveryCodes } = await h.call(caller, 'totp.confirm', { code: clock.code(secret) });
  return { secret, recoveryCodes };
}

beforeAll(async () => {
  h = await DomainHarness.open({ clock: clock.now });
  hospitalId = h.hospital('OLAYA').id;
});

afterAll(() => h.close());

describe('setting up an authenticator app', () => {
  it('shows a new secret once, as text and as an otpauth:// URI naming the account, and changes nothing until confirmed', async () => {
    const nurse = withLocalPassword(h.as('nurse', { hospitalId }));
    const enrolment = await h.call(nurse, 'totp.begin', {});
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/PX360:${nurse.me.user.username}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: enrolment.secret, issuer: 'PX360', algorithm: 'SHA1', digits: '6', period: '30' });
    expect(await h.call(nurse, 'totp.status', {})).toEqual({ enrolled: false, enrolledAt: null, recoveryCodesLeft: 0, required: false });

    // starting again replaces the pending secret: the first one's codes no longer confirm
    const again = await h.call(nurse, 'totp.begin', {});
    expect(again.secret).not.toBe(enrolment.secret);
    clock.nextStep();
    expect((await failure(nurse, 'totp.confirm', { code: clock.code(enrolment.secret) })).body.error.fields).toEqual([
      expect.objectContaining({ path: 'code', key: 'field.totp_wrong' }),
    ]);
    const { recoveryCodes } = await h.call(nurse, 'totp.confirm', { code: clock.code(secretOfUri(again.uri)) });
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await h.call(nurse, 'totp.status', {})).toMatchObject({ enrolled: true, recoveryCodesLeft: 10, required: false });
    expect(audit(nurse.me.user.id).map((e) => e.action)).toEqual([
      'users.create',
      'auth.totp_setup_started',
      'auth.totp_setup_started',
      'auth.totp_setup_failed',
      'auth.totp_enabled',
    ]);
  });

  it('refuses a second set-up while one is on, and a confirmation with nothing pending', async () => {
    const agent = withLocalPassword(h.as('staff', { hospitalId }));
    expect((await failure(agent, 'totp.confirm', { code: '123456' })).body.error).toMatchObject({ code: 'CONFLICT', key: 'error.totp_not_started' });
    await enrol(agent);
    expect((await failure(agent, 'totp.begin', {})).body.error).toMatchObject({ code: 'CONFLICT', key: 'error.totp_enrolled' });
  });

  it('is refused to an account made on another station (it signs in there)', async () => {
    const remote = h.as('px_coordinator', { hospitalId });
    expect((await failure(remote, 'totp.begin', {})).body.error).toMatchObject({ code: 'CONFLICT', key: 'error.totp_no_local_password' });
  });

  it('keeps the secret and the recovery codes out of the audit log, the sync outbox and the clear; the codes only as hashes', async () => {
    const viewer = withLocalPassword(h.as('viewer', { hospitalId }));
    const { secret, recoveryCodes } = await enrol(viewer);
    const sqlite = h.core.store.sqlite;
    // the secret itself sealed under the station's key: a copy of the database cannot make codes
    const stored = sqlite.prepare('SELECT secret FROM user_totp WHERE user_id = ?').pluck().get(viewer.me.user.id) as string;
    expect(stored).toMatch(/^px360s1:/);
    const everywhere = [
      stored,
      ...(sqlite.prepare('SELECT * FROM audit_log').all() as unknown[]),
      ...(sqlite.prepare('SELECT * FROM sync_outbox').all() as unknown[]),
    ].map((row) => JSON.stringify(row));
    for (const text of everywhere) {
      expect(text).not.toContain(secret);
      for (const code of recoveryCodes) expect(text).not.toContain(code.replaceAll('-', ''));
    }
    const hashes = sqlite.prepare('SELECT code_hash FROM user_recovery_codes WHERE user_id = ?').pluck().all(viewer.me.user.id) as string[];
    expect(hashes).toHaveLength(10);
    for (const hash of hashes) expect(recoveryCodes.map((c) => c.replaceAll('-', ''))).not.toContain(hash);
  });
});

describe('turning it off', () => {
  it('needs a current code or a recovery code; a wrong one is audited and counts toward the lockout', async () => {
    const physician = withLocalPassword(h.as('physician', { hospitalId }));
    const { secret } = await enrol(physician);
    const wrong = await failure(physician, 'totp.disable', { code: '000000' });
    expect(wrong.body.error.fields).toEqual([expect.objectContaining({ path: 'code', key: 'field.totp_wrong' })]);
    expect(h.core.store.sqlite.prepare('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(physician.me.user.id)).toBe(1);
    // the code that confirmed the set-up was spent: the same 30 seconds' code does not work again
    expect((await failure(physician, 'totp.disable', { code: clock.code(secret) })).body.error.fields?.[0]?.key).toBe('field.totp_wrong');
    clock.nextStep();
    await h.call(physician, 'totp.disable', { code: clock.code(secret) });
    expect(await h.call(physician, 'totp.status', {})).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });
    expect(
      audit(physician.me.user.id)
        .map((e) => e.action)
        .slice(-3),
    ).toEqual(['auth.totp_disable_failed', 'auth.totp_disable_failed', 'auth.totp_disabled']);
  });

  it('with a recovery code, spent: the same code does nothing a second time', async () => {
    const manager = withLocalPassword(h.as('hospital_admin', { hospitalId }));
    const { recoveryCodes } = await enrol(manager);
    // typed in lower case, without dashes: still the code
    await h.call(manager, 'totp.disable', { code: recoveryCodes[3]!.toLowerCase().replaceAll('-', ' ') });
    await enrol(manager);
    expect((await failure(manager, 'totp.disable', { code: recoveryCodes[3]! })).body.error.fields?.[0]?.key).toBe('field.totp_wrong');
  });

  it('by an admin for someone who lost their phone and codes, within the admin’s reach, audited', async () => {
    const lost = withLocalPassword(h.as('px_coordinator', { hospitalId }));
    await enrol(lost);
    const admin = h.as('hospital_admin', { hospitalId });
    await h.call(admin, 'users.resetTotp', { id: lost.me.user.id });
    expect(await h.call(lost, 'totp.status', {})).toMatchObject({ enrolled: false });
    expect(audit(lost.me.user.id).at(-1)).toEqual({ action: 'users.totp_reset', after_json: JSON.stringify({ removed: true }) });
    // an admin of another hospital cannot: to them the user does not exist
    const elsewhere = h.as('hospital_admin', { hospitalId: h.hospital('KHOBAR').id });
    expect((await failure(elsewhere, 'users.resetTotp', { id: lost.me.user.id })).body.error.key).toBe('error.not_found');
  });
});

describe('required of admins by the group', () => {
  it('is shown as required to PX Admins and Hospital Admins only, once the group turns it on', async () => {
    const groupAdmin = h.as('px_admin');
    const hospitalAdmin = h.as('hospital_admin', { hospitalId });
    const coordinator = h.as('px_coordinator', { hospitalId });
    expect((await h.call(hospitalAdmin, 'totp.status', {})).required).toBe(false);
    await h.call(groupAdmin, 'groupSettings.update', { requireAdminTotp: true });
    expect((await h.call(groupAdmin, 'totp.status', {})).required).toBe(true);
    expect((await h.call(hospitalAdmin, 'totp.status', {})).required).toBe(true);
    expect((await h.call(coordinator, 'totp.status', {})).required).toBe(false);
    await h.call(groupAdmin, 'groupSettings.update', { requireAdminTotp: false });
    expect((await h.call(hospitalAdmin, 'totp.status', {})).required).toBe(false);
  });
});
