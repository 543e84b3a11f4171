/**
 * The calls whose answer depends on a real password or session — first-run
 * setup, login, logout, changing my password — for every role, through
 * sessions signed in with scrypt; and that a session token resolves to the
 * caller the fast matrix (src-main/core/rbac-matrix.test.ts) stands in for:
 * a read, a write and a group-wide call answer the same through a token.
 *
 * The expectation comes from the contract and the default roles
 * (test/harness/access.ts); a call added to REAL_SESSION_CALLS without a row
 * in SAMPLES does not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallInput, type CallName, contract } from '../../src-shared/contract/index.js';
import { ROLE_CODES, type RoleCode } from '../../src-shared/roles.js';
import { expectCellAnswer, expectedRefusal, lastAuditRow, REAL_SESSION_CALLS, type RealSessionCall } from '../harness/access.js';
import { addHospital, addUsers, type HospitalRecords, type SignedIn } from '../fixtures/group.js';
import { TEST_PASSWORD, TestStation } from '../fixtures/station.js';

let station: TestStation;
let A: HospitalRecords;
/** One signed-in user per role; every one but the PX admin is placed in hospital A. */
const users = new Map<RoleCode, SignedIn>();
let rowSerial = 0;

/** One cell of the matrix: a role making a call. */
interface Row {
  readonly role: RoleCode;
  readonly username: string;
  /** distinct in every row, for codes and usernames that must be unique */
  readonly n: number;
}

interface Sample<N extends CallName> {
  input(row: Row): CallInput<N>;
  /** A session to spend on the call instead of the role's main one (logout). */
  session?(row: Row): Promise<string>;
  /** How an allowed call answers when 200 is impossible by design. */
  allowedAnswer?: { readonly status: number; readonly key: string };
  /** Puts back what the call changed. */
  restore?(): void;
}
type Samples = { [N in RealSessionCall]: Sample<N> };
interface AnySample {
  input(row: Row): unknown;
  session?(row: Row): Promise<string>;
  allowedAnswer?: { readonly status: number; readonly key: string };
  restore?(): void;
}

/** The password a sample changed, put back as it was (the last 5 cannot be set again through the API). */
let changedPassword: { id: string; hash: string } | null = null;
function rememberPassword(id: string): void {
  changedPassword = { id, hash: station.core.store.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string };
}
function restorePassword(): void {
  if (changedPassword) station.core.store.sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(changedPassword.hash, changedPassword.id);
  changedPassword = null;
}

const SAMPLES: Samples = {
  'auth.setup': {
    input: (row) => ({ username: `setup.${row.n}`, password: TEST_PASSWORD, nameEn: 'Another admin', nameAr: 'مدير آخر' }),
    // Public, but answers only while the station has no users: after that,
    // every caller gets 409 — never 401/403, never a second admin.
    allowedAnswer: { status: 409, key: 'error.setup_done' },
  },
  'auth.login': { input: (row) => ({ username: row.username, password: TEST_PASSWORD }) },
  'auth.logout': { input: () => ({}), session: (row) => station.login(row.username) },
  // A new password (the same one again is refused: the last 5 are); it keeps the calling (main) session and ends the others.
  // Restored afterwards to the one every other test signs in with, as it was (hash and all).
  'auth.changePassword': {
    input: (row) => {
      rememberPassword(users.get(row.role)!.user.id);
      return { currentPassword: TEST_PASSWORD, newPassword: `Changed-Lantern-${row.n}-Meadow` };
    },
    restore: restorePassword,
  },
};

function tokenOf(role: RoleCode): string {
  const signedIn = users.get(role);
  if (!signedIn) throw new Error(`no user for ${role}`);
  return signedIn.token;
}

beforeAll(async () => {
  station = await TestStation.open();
  const token = await station.setupAdmin('px.admin');
  users.set('px_admin', { user: (await station.call('auth.me', {}, token)).user, token });
  A = await addHospital((name, input) => station.call(name, input, token), 'HOSP-A');
  const hospitalRoles = ROLE_CODES.filter((r) => r !== 'px_admin');
  const made = await addUsers(
    station,
    token,
    hospitalRoles.map((roleCode) => ({
      username: `${roleCode.replace('_', '.')}.a`,
      roleCode,
      hospitalId: A.hospital.id,
      departmentId: roleCode === 'department_manager' ? A.departments.MED.id : null,
    })),
  );
  hospitalRoles.forEach((role, i) => users.set(role, made[i]!));
});

afterAll(() => station?.close());

describe('the calls that need a real session × every role', () => {
  it('has a signed-in user of every role, all but the PX admin in hospital A', () => {
    expect([...users.keys()].sort()).toEqual([...ROLE_CODES].sort());
    for (const role of ROLE_CODES) expect(users.get(role)!.user).toMatchObject({ roleCode: role, hospitalId: role === 'px_admin' ? null : A.hospital.id });
  });

  for (const name of REAL_SESSION_CALLS) {
    describe(name, () => {
      for (const role of ROLE_CODES) {
        const refusal = expectedRefusal(name, role);
        it(`${role} is ${refusal === null ? 'allowed' : `denied (${refusal})`}`, async () => {
          const sample: AnySample = SAMPLES[name];
          const row: Row = { role, username: users.get(role)!.user.username, n: (rowSerial += 1) };
          const token = sample.session ? await sample.session(row) : tokenOf(role);
          const before = lastAuditRow(station.core.store.sqlite);
          try {
            const result = await station.core.dispatch(name, sample.input(row), token);
            const after = lastAuditRow(station.core.store.sqlite);
            expectCellAnswer(name, refusal, result, { before, after, actorId: users.get(role)!.user.id }, sample.allowedAnswer);
          } finally {
            sample.restore?.();
          }
        });
      }
    });
  }

  it('keeps every main session alive through the matrix (logout and changePassword spent their own)', async () => {
    for (const role of ROLE_CODES) expect(await station.status('auth.me', {}, tokenOf(role)), role).toBe(200);
  });

  it('answers public calls without a session', async () => {
    expect(await station.status('system.status', {}, null)).toBe(200);
    expect(await station.status('auth.login', { username: 'px.admin', password: TEST_PASSWORD }, null)).toBe(200);
  });
});

describe('a session token resolves to the caller the fast matrix stands in for', () => {
  const calls: [CallName, (n: number) => unknown][] = [
    ['users.list', () => ({ hospitalId: A.hospital.id })],
    ['patients.create', (n) => ({ hospitalId: A.hospital.id, mrn: `SESSION-${n}`, nameEn: `Patient ${n}`, nameAr: 'مريض' })],
    ['group.overview', () => ({})],
  ];

  it('answers a read, a write and a group-wide call through a token as the contract and the roles promise', async () => {
    expect(calls.map(([name]) => contract[name].groupWide ?? false)).toEqual([false, false, true]);
    for (const role of ROLE_CODES) {
      for (const [name, input] of calls) {
        const before = lastAuditRow(station.core.store.sqlite);
        const result = await station.core.dispatch(name, input((rowSerial += 1)), tokenOf(role));
        const after = lastAuditRow(station.core.store.sqlite);
        expectCellAnswer(name, expectedRefusal(name, role), result, { before, after, actorId: users.get(role)!.user.id });
      }
    }
  });
});
