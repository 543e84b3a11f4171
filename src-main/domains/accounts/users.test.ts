/**
 * The people who use the console, as their admins manage them: nobody hands
 * out a role at or above their own, or edits a peer; nobody deactivates
 * themselves; each role is placed where it needs to be; and the first admin's
 * password must be strong. Signing in, sessions and lockout — scrypt —
 * are in test/integration/accounts.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../core/context.js';
import { DomainHarness, expectFieldError } from '../../../test/harness/domain-harness.js';
import { TEST_PASSWORD } from '../../../test/fixtures/station.js';

let h: DomainHarness;
let admin: Caller;
let hospitalAdmin: Caller;
let hospitalId: string;
let med: string;
let card: string;
let otherMed: string;
/** a staff user in CARD */
let target: Caller;

beforeAll(async () => {
  h = await DomainHarness.open();
  admin = h.as('px_admin', { username: 'px.admin' });
  hospitalId = h.hospital('OLAYA').id;
  med = h.department(hospitalId, 'MED').id;
  card = h.department(hospitalId, 'CARD', med).id;
  otherMed = h.department(h.hospital('KHOBAR').id, 'MED').id;
  hospitalAdmin = h.as('hospital_admin', { hospitalId, username: 'hospital.admin.a' });
  target = h.as('staff', { hospitalId, departmentId: card, username: 'target.a' });
});

afterAll(() => h.close());

describe('granting roles', () => {
  it('refuses a hospital admin creating a PX admin or another hospital admin (403), and creates nobody', async () => {
    for (const roleCode of ['px_admin', 'hospital_admin'] as const) {
      const result = await h.failure(hospitalAdmin, 'users.create', {
        username: `too.high.${roleCode}`,
        password: TEST_PASSWORD,
        nameEn: 'Too high',
        nameAr: 'أعلى',
        roleCode,
        hospitalId,
      });
      expect(result.status, roleCode).toBe(403);
      expect(result.key).toBe('error.role_too_high');
    }
    expect(h.core.store.sqlite.prepare(`SELECT count(*) FROM users WHERE username LIKE 'too.high.%'`).pluck().get()).toBe(0);
  });

  it('refuses a hospital admin promoting a user to hospital admin or editing a peer', async () => {
    expect(await h.status(hospitalAdmin, 'users.update', { id: target.me.user.id, roleCode: 'hospital_admin' })).toBe(403);
    expect(await h.status(hospitalAdmin, 'users.update', { id: hospitalAdmin.me.user.id, nameEn: 'Self-promoted' })).toBe(403);
    expect((await h.call(admin, 'users.get', { id: target.me.user.id })).roleCode).toBe('staff');
  });
});

describe('deactivating', () => {
  it('refuses to let an admin deactivate themselves', async () => {
    expect(await h.failure(admin, 'users.setActive', { id: admin.me.user.id, active: false })).toMatchObject({ status: 409, key: 'error.self_deactivate' });
  });
});

describe('placing a user', () => {
  it('needs a hospital for every role but the PX admin, a department for a department manager, in that hospital', async () => {
    const id = target.me.user.id;
    expectFieldError(await h.failure(admin, 'users.update', { id, hospitalId: null, departmentId: null }), 'hospitalId', 'field.scope_required');
    expectFieldError(
      await h.failure(admin, 'users.update', { id, roleCode: 'department_manager', departmentId: null }),
      'departmentId',
      'field.department_required',
    );
    expectFieldError(await h.failure(admin, 'users.update', { id, departmentId: otherMed }), 'departmentId', 'error.hospital_mismatch');
    expect(await h.call(admin, 'users.get', { id })).toMatchObject({ roleCode: 'staff', hospitalId, departmentId: card });
    // a viewer's widest scope is a hospital: placed on the whole group it would read every hospital
    expectFieldError(
      await h.failure(admin, 'users.update', { id, roleCode: 'viewer', hospitalId: null, departmentId: null }),
      'hospitalId',
      'field.scope_required',
    );
    // the group role may be
    expect(await h.call(admin, 'users.update', { id, roleCode: 'px_admin', hospitalId: null, departmentId: null })).toMatchObject({
      roleCode: 'px_admin',
      hospitalId: null,
    });
  });
});

describe('first-run setup', () => {
  it.each([
    ['short1', 'field.password_short'],
    ['password1234', 'field.password_common'],
    ['px.admin.2026', 'field.password_personal'],
  ])('refuses the weak password %s with a bilingual field error (%s), and creates nobody', async (password, key) => {
    const fresh = await DomainHarness.open();
    try {
      const result = await fresh.failure(null, 'auth.setup', { username: 'px.admin', password, nameEn: 'A', nameAr: 'ب' });
      expect(result.status).toBe(400);
      expect(result.fields[0]).toMatchObject({ path: 'password', key, message: { en: expect.any(String), ar: expect.stringMatching(/[\u0600-\u06FF]/) } });
      expect(await fresh.status(null, 'system.status', {})).toBe(200);
      expect(fresh.core.accounts.localUserCount()).toBe(0);
    } finally {
      fresh.close();
    }
  });
});
