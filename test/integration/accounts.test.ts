/**
 * Signing in and staying signed in: first-run setup, login and lockout,
 * deactivation, password changes (the rule, the history, the lockout),
 * idle sessions, language — and that a password hash never leaves the
 * station's users table. Real scrypt on purpose; the rules of managing users
 * that need no sign-in are beside the code (src-main/domains/accounts/).
 * Two-step sign-in: two-step.test.ts; throttling and the hashing queue:
 * sign-in-load.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract/index.js';
import { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from '../../src-main/domains/accounts/service.js';
import { signedIn, TEST_PASSWORD, TestStation } from '../fixtures/station.js';

const NEW_PASSWORD = 'Copper-Violet-Harbour-28';

let station: TestStation;
let adminToken: string;
let hospitalId: string;

/** Every output any call in this file answered, to search for password hashes at the end. */
const outputs: unknown[] = [];

async function call<N extends CallName>(name: N, input: CallInput<N>, token: string | null): Promise<CallOutput<N>> {
  const output = await station.call(name, input, token);
  outputs.push(output);
  return output;
}

/** The failure a call answers with (it must fail). */
async function failure(
  name: string,
  input: unknown,
  token: string | null,
): Promise<{ status: number; code: string; key: string; fields: { path: string; key: string }[] }> {
  const result = await station.core.dispatch(name, input, token);
  if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.data)}`);
  outputs.push(result.body);
  const { code, key, fields } = result.body.error;
  return { status: result.status, code, key, fields: fields ?? [] };
}

async function login(username: string, password = TEST_PASSWORD): Promise<string> {
  return signedIn(await call('auth.login', { username, password }, null)).token;
}

async function createUser(username: string): Promise<string> {
  const user = await call(
    'users.create',
    { username, password: TEST_PASSWORD, nameEn: `User ${username}`, nameAr: 'مستخدم', roleCode: 'px_coordinator', hospitalId },
    adminToken,
  );
  return user.id;
}

function sql(): TestStation['core']['store']['sqlite'] {
  return station.core.store.sqlite;
}

function auditActions(entityId: string, fromSeq = 0): string[] {
  return sql().prepare('SELECT action FROM audit_log WHERE entity_id = ? AND seq > ? ORDER BY seq').pluck().all(entityId, fromSeq) as string[];
}

function lastSeq(): number {
  return (sql().prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number) ?? 0;
}

beforeAll(async () => {
  station = await TestStation.open();
});

afterAll(() => station?.close());

describe('first-run setup', () => {
  it('creates the first PX admin once, then answers 409 to everyone', async () => {
    expect((await call('system.status', {}, null)).needsSetup).toBe(true);
    const session = signedIn(
      await call(
        'auth.setup',
        { username: 'Px.Admin', password: TEST_PASSWORD, nameEn: 'PX Admin', nameAr: 'مدير تجربة المريض', preferredLanguage: 'en' },
        null,
      ),
    );
    adminToken = session.token;
    expect(session.me.user.username).toBe('px.admin');
    expect(session.me.role.code).toBe('px_admin');
    expect(session.me.scope.kind).toBe('group');
    expect((await call('system.status', {}, null)).needsSetup).toBe(false);

    const again = await failure('auth.setup', { username: 'second.admin', password: TEST_PASSWORD, nameEn: 'Second', nameAr: 'ثان' }, null);
    expect(again).toMatchObject({ status: 409, key: 'error.setup_done' });
    const withSession = await failure('auth.setup', { username: 'third.admin', password: TEST_PASSWORD, nameEn: 'Third', nameAr: 'ثالث' }, adminToken);
    expect(withSession).toMatchObject({ status: 409, key: 'error.setup_done' });
    expect(sql().prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);

    hospitalId = (await call('hospitals.create', { code: 'OLAYA', nameEn: 'Olaya Medical Complex', nameAr: 'مجمع العليا الطبي' }, adminToken)).id;
  });

  it.each([
    // the rule of 10 characters with a letter and a digit took all of these
    { password: 'short1', key: 'field.password_short' },
    { password: 'Password2026', key: 'field.password_common' },
    { password: 'qwertyuiop123', key: 'field.password_common' },
    { password: 'Alharbi-Garden-77', key: 'field.password_personal' },
    { password: 'first.admin-2026!', key: 'field.password_personal' },
  ])('refuses $password at setup with a bilingual field error ($key), and creates nobody', async ({ password, key }) => {
    const fresh = await TestStation.open();
    try {
      const result = await fresh.core.dispatch('auth.setup', { username: 'first.admin', password, nameEn: 'Sara Alharbi', nameAr: 'سارة الحربي' }, null);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.status).toBe(400);
      expect(result.body.error.fields).toEqual([
        { path: 'password', key, message: { en: expect.any(String), ar: expect.stringMatching(/\p{Script=Arabic}/u) } },
      ]);
      expect(await fresh.status('system.status', {}, null)).toBe(200);
      expect(fresh.core.accounts.localUserCount()).toBe(0);
    } finally {
      fresh.close();
    }
  });
});

describe('login', () => {
  it('answers a session for the right password, usable at once', async () => {
    await createUser('coordinator.one');
    const session = signedIn(await call('auth.login', { username: '  Coordinator.One ', password: TEST_PASSWORD }, null));
    expect(session.me.user.username).toBe('coordinator.one');
    expect(session.me.user.lastLoginAt).not.toBeNull();
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
    const me = await call('auth.me', {}, session.token);
    expect(me.user.username).toBe('coordinator.one');
    expect(me.scope).toEqual({ kind: 'hospital', hospitalId, departmentId: null });
  });

  it('answers 401 bad_credentials alike for a wrong password and an unknown user, and audits both with the address', async () => {
    const from = lastSeq();
    const wrong = await failure('auth.login', { username: 'coordinator.one', password: 'Wrong-password-1' }, null);
    const unknown = await failure('auth.login', { username: 'nobody.here', password: 'Wrong-password-1' }, null);
    expect(wrong).toMatchObject({ status: 401, key: 'error.bad_credentials' });
    expect(unknown).toEqual(wrong);
    const rows = sql().prepare('SELECT action, actor_name, after_json FROM audit_log WHERE seq > ? ORDER BY seq').all(from);
    expect(rows).toEqual([
      { action: 'auth.login_failed', actor_name: 'coordinator.one', after_json: JSON.stringify({ address: 'local', failedAttempts: 1 }) },
      // a name of no account is not kept either: it may be a password typed in the wrong box
      { action: 'auth.login_failed', actor_name: '[unknown username]', after_json: JSON.stringify({ address: 'local', attempted: '[unknown username]' }) },
    ]);
    // the right password still works: one failure is not a lockout
    await login('coordinator.one');
  });

  it('never stores what was typed in the username box unless it is an account’s username (a password typed in the wrong box)', async () => {
    const typed = [
      { username: 'My Secret Phrase 9', as: '[not a username]' },
      { username: 'سر-المرور-2026', as: '[not a username]' },
      { username: 'x'.repeat(60), as: '[not a username]' },
      // a passphrase is often shaped like a username: no account has it, so it is not written either
      { username: 'Saffron-Ledger-Kettle-41', as: '[unknown username]' },
    ];
    const from = lastSeq();
    for (const { username } of typed) {
      expect(await failure('auth.login', { username, password: 'Whatever-it-was-1' }, null)).toMatchObject({ status: 401, key: 'error.bad_credentials' });
    }
    const rows = sql().prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(from) as Record<string, unknown>[];
    expect(rows.map((r) => [r.action, r.actor_name, r.after_json])).toEqual(
      typed.map(({ as }) => ['auth.login_failed', as, JSON.stringify({ address: 'local', attempted: as })]),
    );
    const everything = JSON.stringify(sql().prepare('SELECT * FROM audit_log').all()).toLowerCase();
    for (const { username } of typed) expect(everything).not.toContain(username.toLowerCase());
  });
});

describe('lockout', () => {
  it(`locks after ${MAX_FAILED_ATTEMPTS} wrong passwords; the right one is then refused, with the answer a wrong password gets; every attempt is audited`, async () => {
    const id = await createUser('locked.out');
    const from = lastSeq();
    const wrongAnswer = await failure('auth.login', { username: 'locked.out', password: 'Wrong-password-0' }, null);
    expect(wrongAnswer).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', key: 'error.bad_credentials' });
    for (let attempt = 2; attempt <= MAX_FAILED_ATTEMPTS; attempt += 1) {
      // the fifth, which locks, answers as the others did: 423 told whoever was guessing that the account exists
      expect(await failure('auth.login', { username: 'locked.out', password: `Wrong-password-${attempt}` }, null), `attempt ${attempt}`).toEqual(wrongAnswer);
    }
    const sixth = await failure('auth.login', { username: 'locked.out', password: TEST_PASSWORD }, null);
    expect(sixth).toEqual(wrongAnswer);

    expect(auditActions(id, from)).toEqual([
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.account_locked',
      'auth.login_locked',
    ]);
    const user = await call('users.get', { id }, adminToken);
    expect(user.lockedUntil).not.toBeNull();
    const lockedFor = Date.parse(user.lockedUntil!) - Date.now();
    expect(lockedFor).toBeGreaterThan(LOCKOUT_MS - 60_000);
    expect(lockedFor).toBeLessThanOrEqual(LOCKOUT_MS);
  });

  it('opens again once the 15 minutes have passed', async () => {
    const id = (await call('users.list', { q: 'locked.out' }, adminToken)).items[0]!.id;
    sql()
      .prepare('UPDATE users SET locked_until = ? WHERE id = ?')
      .run(new Date(Date.now() - 1000).toISOString(), id);
    await login('locked.out');
    expect((await call('users.get', { id }, adminToken)).lockedUntil).toBeNull();
  });

  it('cannot be dodged by sending many wrong passwords at once', async () => {
    const id = await createUser('parallel.guess');
    const attempts = 2 * MAX_FAILED_ATTEMPTS;
    const answers = await Promise.all(
      Array.from({ length: attempts }, (_, i) => failure('auth.login', { username: 'parallel.guess', password: `Guess-number-${i}` }, null)),
    );
    expect(answers.every((a) => a.status === 401 && a.key === 'error.bad_credentials')).toBe(true);
    const actions = auditActions(id).filter((a) => a.startsWith('auth.'));
    expect(actions.filter((a) => a === 'auth.login_failed').length).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS - 1);
    expect(actions).toContain('auth.account_locked');
    expect(await failure('auth.login', { username: 'parallel.guess', password: TEST_PASSWORD }, null)).toMatchObject({ status: 401 });
    expect(auditActions(id).filter((a) => a.startsWith('auth.'))).toHaveLength(attempts + 1);
    expect(auditActions(id).at(-1)).toBe('auth.login_locked');
  });

  it('a password reset by an admin unlocks the account', async () => {
    const id = (await call('users.list', { q: 'parallel.guess' }, adminToken)).items[0]!.id;
    await call('users.resetPassword', { id, newPassword: NEW_PASSWORD }, adminToken);
    await login('parallel.guess', NEW_PASSWORD);
    expect(auditActions(id).at(-2)).toBe('users.password_reset');
  });
});

describe('deactivation', () => {
  it('ends the user’s sessions and refuses their login, even with the right password, as a wrong password is refused', async () => {
    const id = await createUser('leaving.soon');
    const first = await login('leaving.soon');
    const second = await login('leaving.soon');
    const deactivated = await call('users.setActive', { id, active: false }, adminToken);
    expect(deactivated.active).toBe(false);

    for (const token of [first, second]) expect(await failure('auth.me', {}, token)).toMatchObject({ status: 401 });
    const open = sql().prepare('SELECT count(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL').pluck().get(id);
    expect(open).toBe(0);
    // 403 account_inactive told anyone that the account exists and that the password they tried was right
    expect(await failure('auth.login', { username: 'leaving.soon', password: TEST_PASSWORD }, null)).toMatchObject({
      status: 401,
      key: 'error.bad_credentials',
    });
    expect(auditActions(id).slice(-2)).toEqual(['users.deactivate', 'auth.login_inactive']);

    await call('users.setActive', { id, active: true }, adminToken);
    await login('leaving.soon');
  });
});

describe('one answer for every refused sign-in', () => {
  it('is the same body for an unknown, a deactivated, a locked account and a wrong password, right password or not', async () => {
    const inactive = await createUser('gone.away');
    await call('users.setActive', { id: inactive, active: false }, adminToken);
    const locked = await createUser('locked.now');
    sql()
      .prepare('UPDATE users SET locked_until = ? WHERE id = ?')
      .run(new Date(Date.now() + 60_000).toISOString(), locked);
    await createUser('typo.prone');
    const answers = await Promise.all(
      [
        { username: 'never.existed', password: TEST_PASSWORD },
        { username: 'gone.away', password: TEST_PASSWORD },
        { username: 'gone.away', password: 'Wrong-password-7' },
        { username: 'locked.now', password: TEST_PASSWORD },
        { username: 'locked.now', password: 'Wrong-password-7' },
        { username: 'typo.prone', password: 'Wrong-password-7' },
      ].map((input) => station.core.dispatch('auth.login', input, null)),
    );
    const bodies = answers.map((a) => (a.ok ? null : { status: a.status, body: a.body }));
    expect(bodies[0]).toEqual({
      status: 401,
      body: {
        error: {
          code: 'UNAUTHENTICATED',
          key: 'error.bad_credentials',
          message: { en: expect.stringMatching(/^Wrong username or password/), ar: expect.stringMatching(/^اسم المستخدم أو كلمة المرور غير صحيحة/) },
        },
      },
    });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    // the audit log tells them apart, for the PX office
    expect(auditActions(inactive).slice(-2).sort()).toEqual(['auth.login_failed', 'auth.login_inactive']);
    expect(auditActions(locked).slice(-2)).toEqual(['auth.login_locked', 'auth.login_locked']);
  });
});

describe('changing my password', () => {
  it('ends my other sessions, keeps this one, and retires the old password', async () => {
    const id = await createUser('changes.password');
    const here = await login('changes.password');
    const elsewhere = await login('changes.password');
    const from = lastSeq();

    const wrong = await failure('auth.changePassword', { currentPassword: 'Not-my-password-1', newPassword: NEW_PASSWORD }, here);
    expect(wrong).toMatchObject({ status: 400, fields: [{ path: 'currentPassword', key: 'field.password_wrong' }] });
    const weak = await failure('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'abc' }, here);
    expect(weak).toMatchObject({ status: 400, fields: [{ path: 'newPassword', key: 'field.password_short' }] });
    expect(await station.status('auth.me', {}, elsewhere)).toBe(200);

    await call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, here);
    expect(await station.status('auth.me', {}, here)).toBe(200);
    expect(await failure('auth.me', {}, elsewhere)).toMatchObject({ status: 401 });
    expect(await failure('auth.login', { username: 'changes.password', password: TEST_PASSWORD }, null)).toMatchObject({ status: 401 });
    await login('changes.password', NEW_PASSWORD);
    expect(auditActions(id, from)).toEqual(['auth.password_change_failed', 'auth.password_changed', 'auth.login_failed', 'auth.login']);
  });

  it('refuses a password with my own name or username in it, and one of my last passwords; audited, nothing changed', async () => {
    const id = (
      await call(
        'users.create',
        {
          username: 'reem.saud',
          password: TEST_PASSWORD,
          nameEn: 'Reem Alsaud',
          nameAr: 'ريم السعود',
          email: 'reem@olaya.example',
          roleCode: 'px_coordinator',
          hospitalId,
        },
        adminToken,
      )
    ).id;
    const token = await login('reem.saud');
    const hashBefore = sql().prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id);
    const from = lastSeq();
    const refusals = [
      { newPassword: 'Alsaud-Lantern-Meadow', key: 'field.password_personal' },
      { newPassword: 'reem.saud-Lantern-88', key: 'field.password_personal' },
      { newPassword: 'السعود-فانوس-مرج-5', key: 'field.password_personal' },
      // the current password is the newest of the last five
      { newPassword: TEST_PASSWORD, key: 'field.password_reused' },
    ];
    for (const { newPassword, key } of refusals) {
      const answer = await failure('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword }, token);
      expect(answer, newPassword).toMatchObject({ status: 400, code: 'VALIDATION', fields: [{ path: 'newPassword', key }] });
    }
    expect(sql().prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id)).toBe(hashBefore);
    const audited = sql().prepare('SELECT action, after_json FROM audit_log WHERE entity_id = ? AND seq > ? ORDER BY seq').all(id, from);
    expect(audited).toEqual(refusals.map(({ key }) => ({ action: 'auth.password_changed_refused', after_json: JSON.stringify({ reason: key }) })));

    // nor may an admin set it back to a recent one
    await call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, token);
    const reset = await failure('users.resetPassword', { id, newPassword: TEST_PASSWORD }, adminToken);
    expect(reset).toMatchObject({ status: 400, fields: [{ path: 'newPassword', key: 'field.password_reused' }] });
    expect(auditActions(id).at(-1)).toBe('users.password_reset_refused');
    await login('reem.saud', NEW_PASSWORD);
  });

  it(`counts a wrong current password toward the lockout: the ${MAX_FAILED_ATTEMPTS}th locks the account and ends its sessions`, async () => {
    const id = await createUser('left.open');
    const session = await login('left.open');
    const other = await login('left.open');
    const from = lastSeq();
    for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt += 1) {
      const answer = await failure('auth.changePassword', { currentPassword: `Guess-number-${attempt}`, newPassword: NEW_PASSWORD }, session);
      expect(answer, `attempt ${attempt}`).toMatchObject({ status: 400, fields: [{ path: 'currentPassword', key: 'field.password_wrong' }] });
    }
    const last = await failure('auth.changePassword', { currentPassword: 'Guess-number-5', newPassword: NEW_PASSWORD }, session);
    expect(last).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', key: 'error.account_locked' });
    for (const token of [session, other]) expect(await failure('auth.me', {}, token)).toMatchObject({ status: 401 });
    expect(await failure('auth.login', { username: 'left.open', password: TEST_PASSWORD }, null)).toMatchObject({ status: 401, key: 'error.bad_credentials' });
    const audited = sql().prepare('SELECT action, after_json FROM audit_log WHERE entity_id = ? AND seq > ? ORDER BY seq').all(id, from) as {
      action: string;
      after_json: string;
    }[];
    expect(audited.map((e) => e.action)).toEqual([
      ...Array.from({ length: MAX_FAILED_ATTEMPTS - 1 }, () => 'auth.password_change_failed'),
      'auth.account_locked',
      'auth.login_locked',
    ]);
    expect(JSON.parse(audited[MAX_FAILED_ATTEMPTS - 1]!.after_json)).toEqual({
      reason: 'field.password_wrong',
      failedAttempts: MAX_FAILED_ATTEMPTS,
      lockedBy: 'auth.password_change_failed',
    });
    // the password did not change
    sql().prepare('UPDATE users SET locked_until = NULL WHERE id = ?').run(id);
    await login('left.open');
  });
});

describe('sessions', () => {
  it('ends after 31 idle minutes with error.session_expired, and stays ended', async () => {
    await createUser('idle.user');
    const token = await login('idle.user');
    const session = sql()
      .prepare('SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ? AND s.ended_at IS NULL')
      .pluck()
      .get('idle.user') as string;
    sql()
      .prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 31 * 60_000).toISOString(), session);
    expect(await failure('auth.me', {}, token)).toMatchObject({ status: 401, key: 'error.session_expired' });
    expect(sql().prepare('SELECT ended_at FROM sessions WHERE id = ?').pluck().get(session)).not.toBeNull();
    expect(await failure('auth.me', {}, token)).toMatchObject({ status: 401 });
  });

  it('survives 29 idle minutes, and a call pushes the idle clock forward', async () => {
    const token = await login('idle.user');
    const session = sql()
      .prepare('SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ? AND s.ended_at IS NULL')
      .pluck()
      .get('idle.user') as string;
    sql()
      .prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 29 * 60_000).toISOString(), session);
    expect(await station.status('auth.me', {}, token)).toBe(200);
    const seen = sql().prepare('SELECT last_seen_at FROM sessions WHERE id = ?').pluck().get(session) as string;
    expect(Date.now() - Date.parse(seen)).toBeLessThan(60_000);
  });

  it('ends after 12 hours whatever the activity', async () => {
    const token = await login('idle.user');
    sql()
      .prepare(`UPDATE sessions SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE username = 'idle.user') AND ended_at IS NULL`)
      .run(new Date(Date.now() - 1000).toISOString());
    expect(await failure('auth.me', {}, token)).toMatchObject({ status: 401, key: 'error.session_expired' });
  });

  it('logout ends only this session', async () => {
    const one = await login('idle.user');
    const two = await login('idle.user');
    await call('auth.logout', {}, one);
    expect(await failure('auth.me', {}, one)).toMatchObject({ status: 401, key: 'error.unauthenticated' });
    expect(await station.status('auth.me', {}, two)).toBe(200);
  });

  it('stores only a hash of the token', async () => {
    const token = await login('idle.user');
    const stored = sql().prepare('SELECT count(*) FROM sessions WHERE token_hash = ? OR id = ?').pluck().get(token, token);
    expect(stored).toBe(0);
  });
});

describe('language', () => {
  it('remembers my console language across sessions, audited as an edit', async () => {
    const id = await createUser('speaks.english');
    const token = await login('speaks.english');
    expect((await call('auth.me', {}, token)).user.preferredLanguage).toBe('ar');
    await call('auth.setLanguage', { language: 'en' }, token);
    expect((await call('auth.me', {}, token)).user.preferredLanguage).toBe('en');
    const later = signedIn(await call('auth.login', { username: 'speaks.english', password: TEST_PASSWORD }, null));
    expect(later.me.user.preferredLanguage).toBe('en');
    const entry = (await call('audit.list', { entityId: id, action: 'users.update' }, adminToken)).items[0];
    expect(entry?.before).toEqual({ preferred_language: 'ar' });
    expect(entry?.after).toEqual({ preferred_language: 'en' });
    expect(await failure('auth.setLanguage', { language: 'fr' }, token)).toMatchObject({ status: 400, fields: [{ path: 'language' }] });
  });
});

describe('password hashes stay in the users table', () => {
  it('appear in no API output of this file, however the output was reached', async () => {
    const everyone = await call('users.list', { pageSize: 500 }, adminToken);
    for (const user of everyone.items) await call('users.get', { id: user.id }, adminToken);
    for (let page = 1; page <= Math.ceil((await call('audit.list', {}, adminToken)).total / 500); page += 1) {
      await call('audit.list', { page, pageSize: 500 }, adminToken);
    }
    expect(outputs.length).toBeGreaterThan(50);
    for (const output of outputs) {
      const text = JSON.stringify(output);
      expect(text).not.toContain('scrypt$');
      expect(text).not.toMatch(/password_?hash"\s*:\s*"(?!\[redacted\])/i);
    }
  });

  it('appear in no audit entry: creates show "[redacted]", resets and changes show nothing', async () => {
    const rows = sql().prepare('SELECT * FROM audit_log').all() as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain('scrypt$');
    const created = sql().prepare(`SELECT after_json FROM audit_log WHERE action = 'users.create'`).pluck().all() as string[];
    expect(created.length).toBeGreaterThan(5);
    for (const after of created) expect((JSON.parse(after) as Record<string, unknown>).password_hash).toBe('[redacted]');
    // while the users table does hold real hashes
    expect(sql().prepare(`SELECT count(*) FROM users WHERE password_hash LIKE 'scrypt$%'`).pluck().get()).toBe(station.core.accounts.localUserCount());
  });

  it('are not in the sync outbox', () => {
    expect(
      sql()
        .prepare(`SELECT count(*) FROM sync_messages WHERE col IN ('password_hash', 'failed_attempts', 'locked_until') OR value LIKE '%scrypt$%'`)
        .pluck()
        .get(),
    ).toBe(0);
  });
});
