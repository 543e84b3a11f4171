import type { User } from '../../src-shared/contract/index.js';
import { ROLE_CODES, type RoleCode } from '../../src-shared/roles.js';
import type { Caller } from '../../src-main/core/context.js';
import { addHospital, type AdminCall, type HospitalRecords } from '../fixtures/group.js';
import type { DomainHarness } from './domain-harness.js';

export interface TwoHospitals {
  /** the group's PX admin (no hospital), named px.admin */
  readonly admin: Caller;
  readonly A: HospitalRecords;
  readonly B: HospitalRecords;
  /** one caller per role: the PX admin, and every other role placed in hospital A (the department manager on MED) */
  readonly users: ReadonlyMap<RoleCode, Caller>;
  /** a staff user in A / CARD, for calls that read and edit a user */
  readonly target: User;
  /** a staff user in B / MED */
  readonly userB: User;
}

/** Hospitals HOSP-A and HOSP-B with the same records (test/fixtures/group.ts), and a caller of every role in A. */
export async function twoHospitals(h: DomainHarness): Promise<TwoHospitals> {
  const admin = h.as('px_admin', { username: 'px.admin' });
  const call: AdminCall = (name, input) => h.call(admin, name, input);
  const A = await addHospital(call, 'HOSP-A');
  const B = await addHospital(call, 'HOSP-B');
  const users = new Map<RoleCode, Caller>([['px_admin', admin]]);
  for (const role of ROLE_CODES.filter((r) => r !== 'px_admin')) {
    const departmentId = role === 'department_manager' ? A.departments.MED.id : null;
    users.set(role, h.as(role, { hospitalId: A.hospital.id, departmentId, username: `${role.replace('_', '.')}.a` }));
  }
  const target = h.as('staff', { hospitalId: A.hospital.id, departmentId: A.departments.CARD.id, username: 'target.a' }).me.user;
  const userB = h.as('staff', { hospitalId: B.hospital.id, departmentId: B.departments.MED.id, username: 'staff.b' }).me.user;
  return { admin, A, B, users, target, userB };
}
