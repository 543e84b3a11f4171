/**
 * No role placed in one hospital sees or touches another: every list shows
 * exactly the caller's hospital (a department manager: their subtree, and
 * the patients of the whole hospital), and every read, edit or create aimed
 * at another hospital's record is refused — through the dispatcher, for
 * every hospital role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CallName, contract } from '../../src-shared/contract/index.js';
import { isWritePermission, type Permission, type RoleCode } from '../../src-shared/roles.js';
import { NO_LOCAL_PASSWORD } from '../../src-shared/tables/index.js';
import type { Caller } from './context.js';
import { holds } from '../../test/harness/access.js';
import { DomainHarness } from '../../test/harness/domain-harness.js';
import { twoHospitals, type TwoHospitals } from '../../test/harness/two-hospitals.js';
import { TEST_PASSWORD } from '../../test/fixtures/station.js';

let h: DomainHarness;
let group: TwoHospitals;
/** An integration source bound to hospital B alone. */
let sourceB: { id: string; sourceSystem: string; tokenHint: string };

beforeAll(async () => {
  h = await DomainHarness.open();
  group = await twoHospitals(h);
  const issued = await h.call(group.admin, 'integrations.create', { name: 'B feed', sourceSystem: 'B-HIS', hospitalCodes: [group.B.hospital.code] });
  sourceB = { id: issued.source.id, sourceSystem: issued.source.sourceSystem, tokenHint: issued.source.tokenHint };
});

afterAll(() => h.close());

function callerOf(role: RoleCode): Caller {
  const caller = group.users.get(role);
  if (!caller) throw new Error(`no user for ${role}`);
  return caller;
}

const listItem = z.looseObject({
  id: z.string(),
  hospitalId: z.string().nullable().optional(),
  departmentId: z.string().nullable().optional(),
  parentId: z.string().nullable().optional(),
});
const listPage = z.object({ items: z.array(listItem), total: z.number() });
type ListItem = z.infer<typeof listItem>;

type ListCall = 'hospitals.list' | 'departments.list' | 'physicians.list' | 'employees.list' | 'patients.search' | 'users.list' | 'audit.list';
const LIST_CALLS: readonly ListCall[] = [
  'hospitals.list',
  'departments.list',
  'physicians.list',
  'employees.list',
  'patients.search',
  'users.list',
  'audit.list',
];

async function list(name: ListCall, caller: Caller, input: Record<string, unknown> = {}): Promise<{ items: ListItem[]; total: number }> {
  const result = await h.dispatch(caller, name, { pageSize: 500, ...input });
  if (!result.ok) throw new Error(`${name}: ${result.status} ${JSON.stringify(result.body)}`);
  return listPage.parse(result.data);
}

/** The hospital a listed item belongs to. */
function hospitalOfItem(name: ListCall, item: ListItem): string | null | undefined {
  return name === 'hospitals.list' ? item.id : item.hospitalId;
}

/** MED and everything under it, walked from the group admin's full list. */
async function subtreeOfMed(): Promise<Set<string>> {
  const all = (await list('departments.list', group.admin)).items;
  const subtree = new Set([group.A.departments.MED.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of all) {
      if (d.parentId && subtree.has(d.parentId) && !subtree.has(d.id)) {
        subtree.add(d.id);
        grew = true;
      }
    }
  }
  return subtree;
}

const ids = (items: readonly ListItem[]) => items.map((i) => i.id).sort();

const HOSPITAL_SCOPED: readonly RoleCode[] = ['hospital_admin', 'department_manager', 'px_coordinator', 'physician', 'nurse', 'staff', 'viewer'];

describe('a user of hospital A sees nothing of hospital B', () => {
  for (const role of HOSPITAL_SCOPED) {
    for (const name of LIST_CALLS) {
      const permission = contract[name].access as Permission;
      if (!holds(role, permission)) continue;
      it(`${role}: ${name} lists exactly A's rows in their scope`, async () => {
        const { A, B, userB } = group;
        const seen = await list(name, callerOf(role));
        expect(seen.items.length).toBeGreaterThan(0);
        for (const item of seen.items) expect(hospitalOfItem(name, item), `${name} item ${item.id}`).toBe(A.hospital.id);
        const bIds = [B.hospital.id, ...Object.values(B.departments).map((d) => d.id), ...Object.values(B.physicians).map((p) => p.id)];
        bIds.push(...Object.values(B.employees).map((e) => e.id), B.patient.id, userB.id);
        expect(seen.items.filter((i) => bIds.includes(i.id))).toEqual([]);

        if (name === 'audit.list') {
          const inA = h.core.store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE hospital_id = ?').pluck().get(A.hospital.id);
          const inB = h.core.store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE hospital_id = ?').pluck().get(B.hospital.id);
          expect(seen.total).toBe(inA);
          expect(inB).toBeGreaterThan(0);
          return;
        }
        // the same rows the group admin sees for A, narrowed to MED's subtree for the department manager
        const everything = (await list(name, group.admin)).items;
        let expected = everything.filter((i) => hospitalOfItem(name, i) === A.hospital.id);
        if (role === 'department_manager') {
          const subtree = await subtreeOfMed();
          if (name === 'departments.list') expected = expected.filter((i) => subtree.has(i.id));
          if (name === 'physicians.list' || name === 'employees.list' || name === 'users.list') {
            expected = expected.filter((i) => typeof i.departmentId === 'string' && subtree.has(i.departmentId));
          }
        }
        expect(ids(seen.items)).toEqual(ids(expected));
      });
    }

    it(`${role}: B's records by id are not found (the denial audited); lists filtered to B and creates in B are refused`, async () => {
      const { B, userB } = group;
      const refusals: [CallName, unknown, Permission][] = [
        ['hospitals.get', { id: B.hospital.id }, 'hospitals.read'],
        ['hospitals.update', { id: B.hospital.id, nameEn: 'Leaked' }, 'hospitals.write'],
        ['hospitals.setActive', { id: B.hospital.id, active: false }, 'hospitals.write'],
        ['departments.get', { id: B.departments.MED.id }, 'departments.read'],
        ['departments.update', { id: B.departments.MED.id, nameEn: 'Leaked' }, 'departments.write'],
        ['departments.setActive', { id: B.departments.MED.id, active: false }, 'departments.write'],
        ['departments.list', { hospitalId: B.hospital.id }, 'departments.read'],
        ['departments.create', { hospitalId: B.hospital.id, code: 'LEAK', nameEn: 'Leak', nameAr: 'تسريب' }, 'departments.write'],
        ['physicians.get', { id: B.physicians.MED.id }, 'physicians.read'],
        ['physicians.update', { id: B.physicians.MED.id, nameEn: 'Leaked' }, 'physicians.write'],
        ['physicians.setActive', { id: B.physicians.MED.id, active: false }, 'physicians.write'],
        ['physicians.list', { hospitalId: B.hospital.id }, 'physicians.read'],
        ['physicians.create', { hospitalId: B.hospital.id, licenseNumber: 'LEAK-1', nameEn: 'Leak', nameAr: 'تسريب' }, 'physicians.write'],
        ['employees.get', { id: B.employees.MED.id }, 'employees.read'],
        ['employees.update', { id: B.employees.MED.id, nameEn: 'Leaked' }, 'employees.write'],
        ['employees.setActive', { id: B.employees.MED.id, active: false }, 'employees.write'],
        ['employees.list', { hospitalId: B.hospital.id }, 'employees.read'],
        ['employees.create', { hospitalId: B.hospital.id, employeeNumber: 'LEAK-1', nameEn: 'Leak', nameAr: 'تسريب' }, 'employees.write'],
        ['patients.get', { id: B.patient.id }, 'patients.read'],
        ['patients.update', { id: B.patient.id, nameEn: 'Leaked' }, 'patients.write'],
        ['patients.setActive', { id: B.patient.id, active: false }, 'patients.write'],
        ['patients.search', { hospitalId: B.hospital.id }, 'patients.read'],
        ['patients.create', { hospitalId: B.hospital.id, mrn: 'LEAK-1', nameEn: 'Leak', nameAr: 'تسريب' }, 'patients.write'],
        ['users.get', { id: userB.id }, 'users.read'],
        ['users.update', { id: userB.id, nameEn: 'Leaked' }, 'users.write'],
        ['users.setActive', { id: userB.id, active: false }, 'users.write'],
        ['users.resetPassword', { id: userB.id, newPassword: 'Leaked-password-1' }, 'users.write'],
        ['users.list', { hospitalId: B.hospital.id }, 'users.read'],
        ['integrations.update', { id: sourceB.id, enabled: false }, 'integrations.manage'],
        ['integrations.rotateToken', { id: sourceB.id }, 'integrations.manage'],
        [
          'integrations.create',
          { name: 'Leak', sourceSystem: `LEAK-${role}`.slice(0, 32).toUpperCase(), hospitalCodes: [B.hospital.code] },
          'integrations.manage',
        ],
        ['mappings.list', { sourceSystem: sourceB.sourceSystem }, 'integrations.manage'],
        [
          'users.create',
          { username: `leak.${role}`, password: TEST_PASSWORD, nameEn: 'Leak', nameAr: 'تسريب', roleCode: 'viewer', hospitalId: B.hospital.id },
          'users.write',
        ],
      ];
      for (const [name, input, permission] of refusals) {
        const result = await h.dispatch(callerOf(role), name, input);
        const mayCall = holds(role, permission) && !(role === 'viewer' && isWritePermission(permission));
        // another hospital's record asked for by its id (or a source by its code) answers as one that does not exist: a 403 would confirm it
        const byId = typeof input === 'object' && input !== null && ('id' in input || name === 'mappings.list');
        if (mayCall && byId) {
          expect(result.ok ? 200 : result.status, `${role} ${name}`).toBe(404);
          expect(result.ok ? null : result.body.error.key, `${role} ${name}`).toBe('error.not_found');
          expect(h.lastAudit(), `${role} ${name}`).toMatchObject({ action: 'auth.denied', after: { call: name, reason: 'error.out_of_scope' } });
        } else {
          expect(result.ok ? 200 : result.status, `${role} ${name}`).toBe(403);
          expect(result.ok ? null : result.body.error.key, `${role} ${name}`).toBe(mayCall ? 'error.out_of_scope' : 'error.forbidden');
        }
      }
    });
  }

  it("left every one of B's records as it was", async () => {
    const { admin, B, userB } = group;
    expect(await h.call(admin, 'hospitals.get', { id: B.hospital.id })).toEqual(B.hospital);
    expect(await h.call(admin, 'departments.get', { id: B.departments.MED.id })).toEqual(B.departments.MED);
    expect(await h.call(admin, 'physicians.get', { id: B.physicians.MED.id })).toEqual(B.physicians.MED);
    expect(await h.call(admin, 'employees.get', { id: B.employees.MED.id })).toEqual(B.employees.MED);
    expect(await h.call(admin, 'patients.get', { id: B.patient.id })).toEqual(B.patient);
    expect(await h.call(admin, 'users.get', { id: userB.id })).toEqual(userB);
    const leaked = h.core.store.sqlite.prepare(`SELECT count(*) FROM users WHERE username LIKE 'leak.%'`).pluck().get();
    expect(leaked).toBe(0);
    const sourcesOfB = (await h.call(admin, 'integrations.list', {})).filter((source) => source.id === sourceB.id);
    expect(sourcesOfB).toEqual([expect.objectContaining({ enabled: true, hospitalCodes: [B.hospital.code], tokenHint: sourceB.tokenHint })]);
    expect(h.core.store.sqlite.prepare(`SELECT count(*) FROM integration_sources WHERE source_system LIKE 'LEAK-%'`).pluck().get()).toBe(0);
    // no password was set on B's user: it still cannot sign in at all
    expect(h.core.store.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(userB.id)).toBe(NO_LOCAL_PASSWORD);
  });
});

describe('a department manager on MED', () => {
  it('sees MED and CARD but not SURG departments, physicians or employees', async () => {
    const { A } = group;
    const manager = callerOf('department_manager');
    const departments = ids((await list('departments.list', manager)).items);
    expect(departments).toContain(A.departments.MED.id);
    expect(departments).toContain(A.departments.CARD.id);
    expect(departments).not.toContain(A.departments.SURG.id);
    const physicians = ids((await list('physicians.list', manager)).items);
    expect(physicians).toEqual(expect.arrayContaining([A.physicians.MED.id, A.physicians.CARD.id]));
    expect(physicians).not.toContain(A.physicians.SURG.id);
    const employees = ids((await list('employees.list', manager)).items);
    expect(employees).toEqual(expect.arrayContaining([A.employees.MED.id, A.employees.CARD.id]));
    expect(employees).not.toContain(A.employees.SURG.id);
  });

  it('does not find SURG records by id, and gets 403 on lists of SURG and on placing an employee in SURG', async () => {
    const { A } = group;
    const manager = callerOf('department_manager');
    expect(await h.status(manager, 'departments.get', { id: A.departments.SURG.id })).toBe(404);
    expect(await h.status(manager, 'physicians.get', { id: A.physicians.SURG.id })).toBe(404);
    expect(await h.status(manager, 'employees.get', { id: A.employees.SURG.id })).toBe(404);
    expect(await h.status(manager, 'employees.update', { id: A.employees.SURG.id, jobTitle: 'Moved' })).toBe(404);
    expect(await h.status(manager, 'employees.list', { departmentId: A.departments.SURG.id })).toBe(403);
    expect(
      await h.status(manager, 'employees.create', {
        hospitalId: A.hospital.id,
        departmentId: A.departments.SURG.id,
        employeeNumber: 'DM-SURG',
        nameEn: 'Out of reach',
        nameAr: 'خارج النطاق',
      }),
    ).toBe(403);
    expect(await h.status(manager, 'employees.update', { id: A.employees.MED.id, departmentId: A.departments.SURG.id })).toBe(403);
    expect((await h.call(group.admin, 'employees.get', { id: A.employees.MED.id })).departmentId).toBe(A.departments.MED.id);
  });

  it('sees a department added under MED after it was placed, as a session would on its next call', async () => {
    const { A } = group;
    const ward = await h.call(group.admin, 'departments.create', {
      hospitalId: A.hospital.id,
      parentId: A.departments.CARD.id,
      code: 'CCU',
      nameEn: 'CCU',
      nameAr: 'العناية القلبية',
    });
    expect(ids((await list('departments.list', callerOf('department_manager'))).items)).toContain(ward.id);
    expect(await h.status(callerOf('department_manager'), 'departments.get', { id: ward.id })).toBe(200);
  });

  it("sees the patients of the whole hospital (patients move between clinics), none of B's", async () => {
    const seen = await list('patients.search', callerOf('department_manager'));
    expect(ids(seen.items)).toContain(group.A.patient.id);
    expect(ids(seen.items)).not.toContain(group.B.patient.id);
  });
});

describe('the group PX admin', () => {
  it('sees both hospitals in every list', async () => {
    const { admin, A, B, target, userB } = group;
    const expectations: [ListCall, string, string][] = [
      ['hospitals.list', A.hospital.id, B.hospital.id],
      ['departments.list', A.departments.SURG.id, B.departments.SURG.id],
      ['physicians.list', A.physicians.SURG.id, B.physicians.SURG.id],
      ['employees.list', A.employees.SURG.id, B.employees.SURG.id],
      ['patients.search', A.patient.id, B.patient.id],
      ['users.list', target.id, userB.id],
    ];
    for (const [name, inA, inB] of expectations) {
      const seen = ids((await list(name, admin)).items);
      expect(seen, name).toEqual(expect.arrayContaining([inA, inB]));
    }
    const hospitalsInAudit = new Set((await list('audit.list', admin)).items.map((i) => i.hospitalId));
    expect(hospitalsInAudit.has(A.hospital.id) && hospitalsInAudit.has(B.hospital.id)).toBe(true);
  });

  it("reads B's records by id", async () => {
    const { admin, B, userB } = group;
    expect(await h.status(admin, 'patients.get', { id: B.patient.id })).toBe(200);
    expect(await h.status(admin, 'physicians.get', { id: B.physicians.SURG.id })).toBe(200);
    expect(await h.status(admin, 'users.get', { id: userB.id })).toBe(200);
  });
});
