/**
 * Who may do what, through the dispatcher, for every call in the contract and
 * every role — and that no role placed in one hospital sees or touches another.
 *
 * The expectation comes from the contract (a call's `access`) and the default
 * roles (`DEFAULT_ROLES`), not from the code under test: a call added to the
 * contract without a row in SAMPLES fails here until someone decides how to
 * call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, type CallInput, type CallName, contract } from '../../src-shared/contract/index.js';
import { isWritePermission, type Permission, ROLE_CODES, type RoleCode, roleDefinition } from '../../src-shared/roles.js';
import { addHospital, addUsers, type HospitalRecords, mobile, nationalId, type SignedIn } from '../fixtures/group.js';
import { TEST_PASSWORD, TestStation } from '../fixtures/station.js';
import { SteppingClock } from '../fixtures/totp.js';

let station: TestStation;
let A: HospitalRecords;
let B: HospitalRecords;
/** The group PX admin made at setup (no hospital). */
let admin: SignedIn;
/** One signed-in user per role; every one but the PX admin is placed in hospital A. */
const users = new Map<RoleCode, SignedIn>();
/** A staff user in A / CARD that user calls read and edit. */
let target: SignedIn['user'];
/** A staff user in hospital B. */
let userB: SignedIn['user'];

let rowSerial = 0;

/** One cell of the matrix: a role making a call. */
interface Row {
  readonly role: RoleCode;
  readonly username: string;
  /** distinct in every row, for codes and usernames that must be unique */
  readonly n: number;
}

interface Sample<N extends CallName> {
  /** A valid input aimed at hospital A's records (may create a throwaway record first). */
  input(row: Row): CallInput<N> | Promise<CallInput<N>>;
  /** A session to spend on the call instead of the role's main one (logout). */
  session?(row: Row): Promise<string>;
  /** Puts back a shared record the call changed. */
  restore?(): Promise<unknown>;
  /** How an allowed call answers when 200 is impossible by design. */
  allowedAnswer?: { readonly status: number; readonly key: string };
}
type Samples = { [N in CallName]: Sample<N> };
interface AnySample {
  input(row: Row): unknown;
  session?(row: Row): Promise<string>;
  restore?(): Promise<unknown>;
  allowedAnswer?: { readonly status: number; readonly key: string };
}

const adminToken = () => admin.token;
const clock = new SteppingClock();

/** The password a sample changed, to put back as it was (the last 5 cannot be set again through the API). */
let changedPassword: { id: string; hash: string } | null = null;
function passwordHashOf(id: string): string {
  return station.core.store.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string;
}
function restorePassword(): void {
  if (changedPassword) station.core.store.sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(changedPassword.hash, changedPassword.id);
  changedPassword = null;
}

/** The user a sample turned two-step sign-in on for. */
let enrolledUser: string | null = null;
function turnOffTotp(): void {
  if (enrolledUser) station.core.accounts.twoStep.remove(enrolledUser);
  enrolledUser = null;
}

async function throwawayDepartment(n: number): Promise<string> {
  const d = await station.call(
    'departments.create',
    { hospitalId: A.hospital.id, parentId: A.departments.MED.id, code: `TD${n}`, nameEn: `Ward ${n}`, nameAr: `جناح ${n}` },
    adminToken(),
  );
  return d.id;
}

async function throwawayPhysician(n: number): Promise<string> {
  const p = await station.call(
    'physicians.create',
    { hospitalId: A.hospital.id, departmentId: A.departments.MED.id, licenseNumber: `TMP-P-${n}`, nameEn: `Dr Temp ${n}`, nameAr: `د. مؤقت ${n}` },
    adminToken(),
  );
  return p.id;
}

async function throwawayEmployee(n: number): Promise<string> {
  const e = await station.call(
    'employees.create',
    { hospitalId: A.hospital.id, departmentId: A.departments.MED.id, employeeNumber: `TMP-E-${n}`, nameEn: `Temp ${n}`, nameAr: `مؤقت ${n}` },
    adminToken(),
  );
  return e.id;
}

async function throwawayPatient(n: number): Promise<string> {
  const p = await station.call(
    'patients.create',
    { hospitalId: A.hospital.id, mrn: `TMP-${n}`, nameEn: `Temp Patient ${n}`, nameAr: `مريض مؤقت ${n}` },
    adminToken(),
  );
  return p.id;
}

async function throwawayUser(n: number): Promise<string> {
  const [made] = await addUsersWithoutLogin([{ username: `tmp.${n}` }]);
  return made!;
}

async function addUsersWithoutLogin(list: readonly { username: string }[]): Promise<string[]> {
  return Promise.all(
    list.map(async ({ username }) => {
      const user = await station.call(
        'users.create',
        {
          username,
          password: TEST_PASSWORD,
          nameEn: `User ${username}`,
          nameAr: 'مستخدم',
          roleCode: 'staff',
          hospitalId: A.hospital.id,
          departmentId: A.departments.CARD.id,
        },
        adminToken(),
      );
      return user.id;
    }),
  );
}

/** One integration source, one OPD template and one processed event with its journey, made on first use. */
let sourceSystem: string | null = null;
async function ensureSource(): Promise<{ id: string; sourceSystem: string }> {
  if (!sourceSystem) {
    sourceSystem = 'RBACSRC';
    await station.call('integrations.create', { name: 'RBAC source', sourceSystem }, adminToken());
  }
  const source = (await station.call('integrations.list', {}, adminToken())).find((s) => s.sourceSystem === sourceSystem)!;
  return { id: source.id, sourceSystem };
}

async function throwawayMapping(n: number): Promise<string> {
  const { sourceSystem: system } = await ensureSource();
  return (await station.call('mappings.save', { sourceSystem: system, externalCode: `TMP${n}`, eventCode: 'PHARMACY_DISPENSED' }, adminToken())).id;
}

let opdTemplate: string | null = null;
async function ensureTemplate(): Promise<string> {
  opdTemplate ??= (
    await station.call(
      'journeyTemplates.create',
      {
        hospitalId: A.hospital.id,
        journeyType: 'OPD',
        code: 'OPD-RBAC',
        nameEn: 'Outpatient',
        nameAr: 'العيادات',
        stages: [{ code: 'REG', nameEn: 'Registration', nameAr: 'التسجيل', triggerEventCode: 'OPD_REGISTERED' }],
      },
      adminToken(),
    )
  ).id;
  return opdTemplate;
}

async function throwawayTemplate(n: number): Promise<string> {
  return (
    await station.call(
      'journeyTemplates.create',
      { hospitalId: A.hospital.id, journeyType: 'EMS', code: `EMS-${n}`, nameEn: `EMS ${n}`, nameAr: `طوارئ ${n}` },
      adminToken(),
    )
  ).id;
}

let processedEvent: { eventId: string; journeyId: string } | null = null;
async function ensureJourney(): Promise<{ eventId: string; journeyId: string }> {
  if (processedEvent) return processedEvent;
  const { sourceSystem: system } = await ensureSource();
  await ensureTemplate();
  const accepted = await station.core.intake.submit({
    sourceSystem: system,
    externalId: 'rbac-1',
    format: 'json',
    externalCode: 'OPD_REGISTERED',
    hospitalCode: A.hospital.code,
    encounterId: 'ENC-RBAC',
    occurredAt: new Date().toISOString(),
    body: JSON.stringify({
      source_system: system,
      external_id: 'rbac-1',
      event_code: 'OPD_REGISTERED',
      occurred_at: new Date().toISOString(),
      hospital_code: A.hospital.code,
      encounter: { id: 'ENC-RBAC', type: 'OPD' },
      patient: { mrn: 'RBAC-MRN', name_en: 'Journey Patient', name_ar: 'مريض الرحلة' },
    }),
    raw: null,
  });
  station.core.processor.drain();
  const journeyId = station.core.store.sqlite.prepare('SELECT id FROM journey_instances WHERE encounter_id = ?').pluck().get('ENC-RBAC') as string;
  processedEvent = { eventId: accepted.id, journeyId };
  return processedEvent;
}

const SAMPLES: Samples = {
  'system.status': { input: () => ({}) },
  'auth.setup': {
    input: (row) => ({ username: `setup.${row.n}`, password: TEST_PASSWORD, nameEn: 'Another admin', nameAr: 'مدير آخر' }),
    // Public, but answers only while the station has no users: after that,
    // every caller gets 409 — never 401/403, never a second admin.
    allowedAnswer: { status: 409, key: 'error.setup_done' },
  },
  'auth.login': { input: (row) => ({ username: row.username, password: TEST_PASSWORD }) },
  'auth.logout': { input: () => ({}), session: (row) => station.login(row.username) },
  'auth.me': { input: () => ({}) },
  // A new password (the same one again is refused: the last 5 are); it keeps the calling (main) session and ends the others.
  // Restored afterwards to the one every other test signs in with, as it was (hash and all).
  'auth.changePassword': {
    input: (row) => {
      changedPassword = { id: users.get(row.role)!.user.id, hash: passwordHashOf(users.get(row.role)!.user.id) };
      return { currentPassword: TEST_PASSWORD, newPassword: `Changed-Lantern-${row.n}-Meadow` };
    },
    restore: async () => restorePassword(),
  },
  'auth.setLanguage': { input: () => ({ language: 'en' }) },
  'roles.list': { input: () => ({}) },
  'users.list': { input: () => ({ hospitalId: A.hospital.id }) },
  'users.get': { input: () => ({ id: target.id }) },
  'users.create': {
    input: (row) => ({
      username: `made.${row.n}`,
      password: TEST_PASSWORD,
      nameEn: `Made ${row.n}`,
      nameAr: 'مستخدم جديد',
      roleCode: 'staff',
      hospitalId: A.hospital.id,
      departmentId: A.departments.CARD.id,
    }),
  },
  'users.update': { input: (row) => ({ id: target.id, nameEn: `Target ${row.n}`, phone: mobile() }) },
  'users.setActive': { input: async (row) => ({ id: await throwawayUser(row.n), active: false }) },
  'users.resetPassword': {
    input: (row) => {
      changedPassword = { id: target.id, hash: passwordHashOf(target.id) };
      return { id: target.id, newPassword: `Reset-Quartz-${row.n}-Garden` };
    },
    restore: async () => restorePassword(),
  },

  // No sign-in is waiting for a second step: an allowed caller (anyone) is told to sign in again.
  'auth.verifyTotp': {
    input: () => ({ challenge: 'no-such-challenge-0123456789', code: '123456' }),
    allowedAnswer: { status: 401, key: 'error.sign_in_step_expired' },
  },
  'auth.confirmTotpEnrolment': {
    input: () => ({ challenge: 'no-such-challenge-0123456789', code: '123456' }),
    allowedAnswer: { status: 401, key: 'error.sign_in_step_expired' },
  },
  'totp.status': { input: () => ({}) },
  'totp.begin': { input: () => ({}) },
  // Confirmed with the code of the secret just begun; turned off again afterwards, so the role still signs in with a password alone.
  'totp.confirm': {
    input: async (row) => {
      station.core.accounts.twoStep.remove(users.get(row.role)!.user.id);
      const { secret } = await station.call('totp.begin', {}, tokenOf(row.role));
      enrolledUser = users.get(row.role)!.user.id;
      return { code: clock.code(secret) };
    },
    restore: async () => turnOffTotp(),
  },
  'totp.disable': {
    input: async (row) => {
      station.core.accounts.twoStep.remove(users.get(row.role)!.user.id);
      const { secret } = await station.call('totp.begin', {}, tokenOf(row.role));
      const { recoveryCodes } = await station.call('totp.confirm', { code: clock.code(secret) }, tokenOf(row.role));
      enrolledUser = users.get(row.role)!.user.id;
      return { code: recoveryCodes[0]! };
    },
    restore: async () => turnOffTotp(),
  },
  'users.resetTotp': { input: () => ({ id: target.id }) },
  'groupSettings.get': { input: () => ({}) },
  'groupSettings.update': { input: () => ({ requireAdminTotp: false }) },

  'hospitals.list': { input: () => ({}) },
  'hospitals.get': { input: () => ({ id: A.hospital.id }) },
  'hospitals.create': { input: (row) => ({ code: `NEW-${row.n}`, nameEn: `New hospital ${row.n}`, nameAr: 'مستشفى جديد' }) },
  'hospitals.update': { input: (row) => ({ id: A.hospital.id, nameEn: `Hospital A ${row.n}` }) },
  'hospitals.setActive': {
    input: () => ({ id: A.hospital.id, active: false }),
    restore: () => station.call('hospitals.setActive', { id: A.hospital.id, active: true }, adminToken()),
  },

  'departments.list': { input: () => ({ hospitalId: A.hospital.id }) },
  'departments.get': { input: () => ({ id: A.departments.MED.id }) },
  'departments.create': {
    input: (row) => ({ hospitalId: A.hospital.id, parentId: A.departments.MED.id, code: `NEW${row.n}`, nameEn: `Unit ${row.n}`, nameAr: `وحدة ${row.n}` }),
  },
  'departments.update': { input: (row) => ({ id: A.departments.CARD.id, nameEn: `Cardiology ${row.n}` }) },
  'departments.setActive': { input: async (row) => ({ id: await throwawayDepartment(row.n), active: false }) },

  'physicians.list': { input: () => ({ hospitalId: A.hospital.id }) },
  'physicians.get': { input: () => ({ id: A.physicians.MED.id }) },
  'physicians.create': {
    input: (row) => ({
      hospitalId: A.hospital.id,
      departmentId: A.departments.MED.id,
      licenseNumber: `NEW-P-${row.n}`,
      nameEn: `Dr New ${row.n}`,
      nameAr: 'د. جديد',
      specialty: 'Internal Medicine',
    }),
  },
  'physicians.update': { input: (row) => ({ id: A.physicians.MED.id, specialty: `Internal Medicine ${row.n}` }) },
  'physicians.setActive': { input: async (row) => ({ id: await throwawayPhysician(row.n), active: false }) },

  'employees.list': { input: () => ({ hospitalId: A.hospital.id }) },
  'employees.get': { input: () => ({ id: A.employees.MED.id }) },
  'employees.create': {
    input: (row) => ({
      hospitalId: A.hospital.id,
      departmentId: A.departments.MED.id,
      employeeNumber: `NEW-E-${row.n}`,
      nameEn: `New ${row.n}`,
      nameAr: 'موظف جديد',
    }),
  },
  'employees.update': { input: (row) => ({ id: A.employees.MED.id, jobTitle: `Ward clerk ${row.n}` }) },
  'employees.setActive': { input: async (row) => ({ id: await throwawayEmployee(row.n), active: false }) },

  'patients.search': { input: () => ({ hospitalId: A.hospital.id, q: 'patient' }) },
  'patients.get': { input: () => ({ id: A.patient.id }) },
  'patients.create': {
    input: (row) => ({
      hospitalId: A.hospital.id,
      mrn: `NEW-${row.n}`,
      nationalId: nationalId(),
      nameEn: `New Patient ${row.n}`,
      nameAr: 'مريض جديد',
      phone: mobile(),
    }),
  },
  'patients.update': { input: () => ({ id: A.patient.id, phone: mobile() }) },
  'patients.setActive': { input: async (row) => ({ id: await throwawayPatient(row.n), active: false }) },

  'audit.list': { input: () => ({ action: 'patients.' }) },
  'audit.verify': { input: () => ({}) },

  'integrations.list': { input: () => ({}) },
  'integrations.create': { input: (row) => ({ name: `Source ${row.n}`, sourceSystem: `SRC${row.n}` }) },
  'integrations.update': { input: async (row) => ({ id: (await ensureSource()).id, rateLimitPerMinute: 1000 + row.n }) },
  'integrations.rotateToken': { input: async () => ({ id: (await ensureSource()).id }) },
  'mappings.list': { input: async () => ({ sourceSystem: (await ensureSource()).sourceSystem }) },
  'mappings.save': { input: async (row) => ({ sourceSystem: (await ensureSource()).sourceSystem, externalCode: `X${row.n}`, eventCode: 'OPD_REGISTERED' }) },
  'mappings.remove': { input: async (row) => ({ id: await throwawayMapping(row.n) }) },
  'events.list': { input: () => ({}) },
  'events.get': { input: async () => ({ id: (await ensureJourney()).eventId }) },
  'events.reprocess': { input: async () => ({ ids: [(await ensureJourney()).eventId] }) },

  'journeyTemplates.list': { input: () => ({ hospitalId: A.hospital.id }) },
  'journeyTemplates.create': {
    input: (row) => ({ hospitalId: A.hospital.id, journeyType: 'INPATIENT', code: `IP-${row.n}`, nameEn: `Inpatient ${row.n}`, nameAr: `تنويم ${row.n}` }),
  },
  'journeyTemplates.update': { input: async (row) => ({ id: await ensureTemplate(), nameEn: `Outpatient ${row.n}` }) },
  'journeyTemplates.setActive': { input: async (row) => ({ id: await throwawayTemplate(row.n), active: false }) },
  'journeys.list': { input: () => ({ hospitalId: A.hospital.id }) },
  'journeys.get': { input: async () => ({ id: (await ensureJourney()).journeyId }) },
  'sync.status': { input: () => ({}) },
  'sync.problems': { input: () => ({}) },
  // Nothing refused on this station: an allowed caller marks nothing.
  'sync.acknowledgeRejections': { input: () => ({ all: true }) },
  // Nothing listens on port 9: an allowed caller reaches the hub call and is told it is unreachable.
  'sync.enrol': { input: () => ({ hubUrl: 'http://127.0.0.1:9', code: 'RBAC-CODE' }), allowedAnswer: { status: 400, key: 'error.validation' } },
  // Not enrolled: the round ends at once and the status says so.
  'sync.now': { input: () => ({}) },
  // Not enrolled: this station's own figures, and why there are none from the hub.
  'group.overview': { input: () => ({}) },
};

const samples = SAMPLES as Partial<Record<string, AnySample>>;

/** The answer the contract and the default roles promise: null when allowed, else the refusal's key. */
function expectedRefusal(name: CallName, role: RoleCode): 'error.forbidden' | 'error.group_only' | null {
  const { access, groupWide } = contract[name];
  if (access === 'public' || access === 'session') return null;
  // A viewer never writes, whatever its permission list says.
  if (role === 'viewer' && isWritePermission(access)) return 'error.forbidden';
  if (!roleDefinition(role).permissions.includes(access)) return 'error.forbidden';
  // every user of the matrix but the PX admin is placed in hospital A
  if (groupWide && role !== 'px_admin') return 'error.group_only';
  return null;
}

function holds(role: RoleCode, permission: Permission): boolean {
  return roleDefinition(role).permissions.includes(permission);
}

function tokenOf(role: RoleCode): string {
  const signedIn = users.get(role);
  if (!signedIn) throw new Error(`no user for ${role}`);
  return signedIn.token;
}

interface AuditRow {
  seq: number;
  action: string;
  actor_id: string | null;
  after_json: string | null;
}

function lastAuditRow(): AuditRow | undefined {
  return station.core.store.sqlite.prepare('SELECT seq, action, actor_id, after_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
}

function sampleFor(name: string): AnySample {
  const sample = samples[name];
  if (!sample) throw new Error(`No sample input for "${name}": add a row to SAMPLES in rbac-matrix.test.ts`);
  return sample;
}

beforeAll(async () => {
  station = await TestStation.open(undefined, { clock: clock.now });
  const token = await station.setupAdmin('px.admin');
  const me = await station.call('auth.me', {}, token);
  admin = { user: me.user, token };
  users.set('px_admin', admin);
  A = await addHospital(station, token, 'HOSP-A');
  B = await addHospital(station, token, 'HOSP-B');
  const hospitalRoles = ROLE_CODES.filter((r) => r !== 'px_admin');
  const made = await addUsers(station, token, [
    ...hospitalRoles.map((roleCode) => ({
      username: `${roleCode.replace('_', '.')}.a`,
      roleCode,
      hospitalId: A.hospital.id,
      departmentId: roleCode === 'department_manager' ? A.departments.MED.id : null,
    })),
    { username: 'target.a', roleCode: 'staff', hospitalId: A.hospital.id, departmentId: A.departments.CARD.id },
    { username: 'staff.b', roleCode: 'staff', hospitalId: B.hospital.id, departmentId: B.departments.MED.id },
  ]);
  hospitalRoles.forEach((role, i) => users.set(role, made[i]!));
  target = made[hospitalRoles.length]!.user;
  userB = made[hospitalRoles.length + 1]!.user;
});

afterAll(() => station?.close());

describe('the matrix covers the contract', () => {
  it('has a sample input for every call, and no sample for a call that does not exist', () => {
    expect(CALL_NAMES.filter((name) => !samples[name])).toEqual([]);
    expect(Object.keys(SAMPLES).filter((name) => !(CALL_NAMES as string[]).includes(name))).toEqual([]);
  });

  it('has a signed-in user of every role, all but the PX admin in hospital A', () => {
    expect([...users.keys()].sort()).toEqual([...ROLE_CODES].sort());
    for (const role of ROLE_CODES) {
      const { user } = users.get(role)!;
      expect(user.roleCode).toBe(role);
      expect(user.hospitalId).toBe(role === 'px_admin' ? null : A.hospital.id);
    }
    expect(users.get('department_manager')!.user.departmentId).toBe(A.departments.MED.id);
  });

  it('expects a viewer to be refused every mutation that needs a write permission', () => {
    const writes = CALL_NAMES.filter((name) => {
      const access = contract[name].access;
      return access !== 'public' && access !== 'session' && isWritePermission(access);
    });
    expect(writes.length).toBeGreaterThan(10);
    for (const name of writes) expect(expectedRefusal(name, 'viewer'), name).toBe('error.forbidden');
    expect(roleDefinition('viewer').permissions.filter(isWritePermission)).toEqual([]);
  });
});

describe('every call × every role', () => {
  for (const name of CALL_NAMES) {
    describe(name, () => {
      for (const role of ROLE_CODES) {
        const refusal = expectedRefusal(name, role);
        const allowed = refusal === null;
        it(`${role} is ${allowed ? 'allowed' : `denied (${refusal})`}`, async () => {
          const sample = sampleFor(name);
          const row: Row = { role, username: users.get(role)!.user.username, n: (rowSerial += 1) };
          const input = await sample.input(row);
          const token = sample.session ? await sample.session(row) : tokenOf(role);
          const before = lastAuditRow();
          const result = await station.core.dispatch(name, input, token);
          try {
            if (allowed) {
              const want = sample.allowedAnswer;
              if (want) {
                expect(result.ok ? 200 : result.status).toBe(want.status);
                expect(result.ok ? null : result.body.error.key).toBe(want.key);
              } else {
                expect(result.ok, result.ok ? '' : JSON.stringify(result.body)).toBe(true);
                // nothing a caller reads carries a password hash
                if (result.ok) expect(JSON.stringify(result.data)).not.toContain('scrypt$');
              }
            } else {
              expect(result.ok ? 200 : result.status, result.ok ? 'the call succeeded' : JSON.stringify(result.body)).toBe(403);
              expect(result.ok ? null : result.body.error.key).toBe(refusal);
              // a refusal is itself audited, and is the only thing written
              const after = lastAuditRow();
              expect(after?.seq).toBe((before?.seq ?? 0) + 1);
              expect(after?.action).toBe('auth.denied');
              expect(after?.actor_id).toBe(users.get(role)!.user.id);
              const detail = refusal === 'error.group_only' ? { reason: refusal } : { permission: contract[name].access };
              expect(JSON.parse(after?.after_json ?? '{}')).toEqual({ call: name, ...detail });
            }
          } finally {
            await sample.restore?.();
          }
        });
      }
    });
  }

  it('keeps every main session alive through the matrix (logout and changePassword spent their own)', async () => {
    for (const role of ROLE_CODES) expect(await station.status('auth.me', {}, tokenOf(role)), role).toBe(200);
  });
});

describe('group-wide calls', () => {
  const groupWide = CALL_NAMES.filter((name) => contract[name].groupWide);

  it('exist, and each needs a permission as well as the group scope', () => {
    expect(groupWide).toContain('group.overview');
    for (const name of groupWide) expect(['public', 'session'], name).not.toContain(contract[name].access);
  });

  it('answer the group admin, and refuse a user placed in one hospital who holds the same permission, in both languages', async () => {
    // a PX Admin placed in hospital A holds every permission, but not the group's scope
    const [placedAdmin] = await addUsers(station, adminToken(), [
      { username: 'px.admin.a', roleCode: 'px_admin', hospitalId: A.hospital.id, departmentId: null },
    ]);
    for (const name of groupWide) {
      const permission = contract[name].access as Permission;
      const sample = sampleFor(name);
      const input = await sample.input({ role: 'px_admin', username: admin.user.username, n: (rowSerial += 1) });
      expect(await station.status(name, input, adminToken()), name).toBe(200);
      if (holds('viewer', permission)) expect(await station.status(name, input, tokenOf('viewer')), name).toBe(403);
      const holders = [placedAdmin!.token, ...(holds('hospital_admin', permission) ? [tokenOf('hospital_admin')] : [])];
      for (const token of holders) {
        const refused = await station.core.dispatch(name, input, token);
        expect(refused.ok ? null : refused.body.error, name).toEqual({
          code: 'FORBIDDEN',
          key: 'error.group_only',
          message: { en: expect.stringMatching(/whole group/), ar: expect.stringMatching(/المجموعة كاملة/) },
        });
      }
      await sample.restore?.();
    }
  });
});

describe('a user is clamped to the widest scope of their role', () => {
  it('refuses to place a viewer on the whole group', async () => {
    const refused = await station.core.dispatch(
      'users.create',
      { username: 'group.viewer', password: TEST_PASSWORD, nameEn: 'Group viewer', nameAr: 'مستعرض', roleCode: 'viewer', hospitalId: null },
      adminToken(),
    );
    expect(refused.ok ? null : refused.body.error.fields).toEqual([expect.objectContaining({ path: 'hospitalId', key: 'field.scope_required' })]);
  });

  it('shows a viewer placed in no hospital (made before the rule, or synced) nothing, not every hospital', async () => {
    const [viewer] = await addUsers(station, adminToken(), [
      { username: 'unplaced.viewer', roleCode: 'viewer', hospitalId: A.hospital.id, departmentId: null },
    ]);
    // as a row from before the rule would be: a hospital-scoped role with no hospital
    station.core.store.sqlite.prepare('UPDATE users SET hospital_id = NULL WHERE id = ?').run(viewer!.user.id);
    const me = await station.call('auth.me', {}, viewer!.token);
    expect(me.scope).toEqual({ kind: 'hospital', hospitalId: null, departmentId: null });
    expect(await station.status('group.overview', {}, viewer!.token)).toBe(403);
    expect((await station.call('patients.search', {}, viewer!.token)).total).toBe(0);
    expect((await station.call('hospitals.list', {}, viewer!.token)).total).toBe(0);
    expect(await station.status('patients.search', { hospitalId: A.hospital.id }, viewer!.token)).toBe(403);
    expect(await station.status('hospitals.get', { id: A.hospital.id }, viewer!.token)).toBe(403);
  });
});

describe('a tuned role row cannot make a viewer write', () => {
  it('refuses a viewer patients.create even when its stored role lists patients.write', async () => {
    const sqlite = station.core.store.sqlite;
    const original = sqlite.prepare(`SELECT permissions FROM roles WHERE code = 'viewer'`).pluck().get() as string;
    const tuned = [...(JSON.parse(original) as string[]), 'patients.write'];
    sqlite.prepare(`UPDATE roles SET permissions = ? WHERE code = 'viewer'`).run(JSON.stringify(tuned));
    try {
      const me = await station.call('auth.me', {}, tokenOf('viewer'));
      expect(me.role.permissions).toContain('patients.write');
      const count = () => sqlite.prepare('SELECT count(*) FROM patients').pluck().get() as number;
      const patients = count();
      const status = await station.status('patients.create', { hospitalId: A.hospital.id, mrn: 'TUNED-1', nameEn: 'Tuned', nameAr: 'معدل' }, tokenOf('viewer'));
      expect(status).toBe(403);
      expect(count()).toBe(patients);
    } finally {
      sqlite.prepare(`UPDATE roles SET permissions = ? WHERE code = 'viewer'`).run(original);
    }
  });
});

// ---- hospital and department scope ----------------------------------------

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

async function list(name: ListCall, token: string, input: Record<string, unknown> = {}): Promise<{ items: ListItem[]; total: number }> {
  const result = await station.core.dispatch(name, { pageSize: 500, ...input }, token);
  if (!result.ok) throw new Error(`${name}: ${result.status} ${JSON.stringify(result.body)}`);
  return listPage.parse(result.data);
}

/** The hospital a listed item belongs to. */
function hospitalOfItem(name: ListCall, item: ListItem): string | null | undefined {
  return name === 'hospitals.list' ? item.id : item.hospitalId;
}

/** MED and everything under it, walked from the group admin's full list. */
async function subtreeOfMed(): Promise<Set<string>> {
  const all = (await list('departments.list', adminToken())).items;
  const subtree = new Set([A.departments.MED.id]);
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
        const seen = await list(name, tokenOf(role));
        expect(seen.items.length).toBeGreaterThan(0);
        for (const item of seen.items) expect(hospitalOfItem(name, item), `${name} item ${item.id}`).toBe(A.hospital.id);
        const bIds = [B.hospital.id, ...Object.values(B.departments).map((d) => d.id), ...Object.values(B.physicians).map((p) => p.id)];
        bIds.push(...Object.values(B.employees).map((e) => e.id), B.patient.id, userB.id);
        expect(seen.items.filter((i) => bIds.includes(i.id))).toEqual([]);

        if (name === 'audit.list') {
          const inA = station.core.store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE hospital_id = ?').pluck().get(A.hospital.id);
          const inB = station.core.store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE hospital_id = ?').pluck().get(B.hospital.id);
          expect(seen.total).toBe(inA);
          expect(inB).toBeGreaterThan(0);
          return;
        }
        // the same rows the group admin sees for A, narrowed to MED's subtree for the department manager
        const everything = (await list(name, adminToken())).items;
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

    it(`${role}: 403 on get, update and setActive of B's records, on lists filtered to B, and on creates in B`, async () => {
      const token = tokenOf(role);
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
        [
          'users.create',
          { username: `leak.${role}`, password: TEST_PASSWORD, nameEn: 'Leak', nameAr: 'تسريب', roleCode: 'viewer', hospitalId: B.hospital.id },
          'users.write',
        ],
      ];
      for (const [name, input, permission] of refusals) {
        const result = await station.core.dispatch(name, input, token);
        expect(result.ok ? 200 : result.status, `${role} ${name}`).toBe(403);
        const mayCall = holds(role, permission) && !(role === 'viewer' && isWritePermission(permission));
        expect(result.ok ? null : result.body.error.key, `${role} ${name}`).toBe(mayCall ? 'error.out_of_scope' : 'error.forbidden');
      }
    });
  }

  it("left every one of B's records as it was", async () => {
    const token = adminToken();
    expect(await station.call('hospitals.get', { id: B.hospital.id }, token)).toEqual(B.hospital);
    expect(await station.call('departments.get', { id: B.departments.MED.id }, token)).toEqual(B.departments.MED);
    expect(await station.call('physicians.get', { id: B.physicians.MED.id }, token)).toEqual(B.physicians.MED);
    expect(await station.call('employees.get', { id: B.employees.MED.id }, token)).toEqual(B.employees.MED);
    expect(await station.call('patients.get', { id: B.patient.id }, token)).toEqual(B.patient);
    // signing in (in the set-up) stamps lastLoginAt; nothing else may have moved
    expect(await station.call('users.get', { id: userB.id }, token)).toEqual({ ...userB, lastLoginAt: expect.any(String) });
    const leaked = station.core.store.sqlite.prepare(`SELECT count(*) FROM users WHERE username LIKE 'leak.%'`).pluck().get();
    expect(leaked).toBe(0);
    expect(await station.status('auth.login', { username: 'staff.b', password: 'Leaked-password-1' }, null)).toBe(401);
  });
});

describe('a department manager on MED', () => {
  it('sees MED and CARD but not SURG departments, physicians or employees', async () => {
    const token = tokenOf('department_manager');
    const departments = ids((await list('departments.list', token)).items);
    expect(departments).toContain(A.departments.MED.id);
    expect(departments).toContain(A.departments.CARD.id);
    expect(departments).not.toContain(A.departments.SURG.id);
    const physicians = ids((await list('physicians.list', token)).items);
    expect(physicians).toEqual(expect.arrayContaining([A.physicians.MED.id, A.physicians.CARD.id]));
    expect(physicians).not.toContain(A.physicians.SURG.id);
    const employees = ids((await list('employees.list', token)).items);
    expect(employees).toEqual(expect.arrayContaining([A.employees.MED.id, A.employees.CARD.id]));
    expect(employees).not.toContain(A.employees.SURG.id);
  });

  it('gets 403 on SURG records and on placing an employee in SURG', async () => {
    const token = tokenOf('department_manager');
    expect(await station.status('departments.get', { id: A.departments.SURG.id }, token)).toBe(403);
    expect(await station.status('physicians.get', { id: A.physicians.SURG.id }, token)).toBe(403);
    expect(await station.status('employees.get', { id: A.employees.SURG.id }, token)).toBe(403);
    expect(await station.status('employees.update', { id: A.employees.SURG.id, jobTitle: 'Moved' }, token)).toBe(403);
    expect(await station.status('employees.list', { departmentId: A.departments.SURG.id }, token)).toBe(403);
    expect(
      await station.status(
        'employees.create',
        { hospitalId: A.hospital.id, departmentId: A.departments.SURG.id, employeeNumber: 'DM-SURG', nameEn: 'Out of reach', nameAr: 'خارج النطاق' },
        token,
      ),
    ).toBe(403);
    expect(await station.status('employees.update', { id: A.employees.MED.id, departmentId: A.departments.SURG.id }, token)).toBe(403);
    expect((await station.call('employees.get', { id: A.employees.MED.id }, adminToken())).departmentId).toBe(A.departments.MED.id);
  });

  it("sees the patients of the whole hospital (patients move between clinics), none of B's", async () => {
    const seen = await list('patients.search', tokenOf('department_manager'));
    expect(ids(seen.items)).toContain(A.patient.id);
    expect(ids(seen.items)).not.toContain(B.patient.id);
  });
});

describe('the group PX admin', () => {
  it('sees both hospitals in every list', async () => {
    const token = adminToken();
    const expectations: [ListCall, string, string][] = [
      ['hospitals.list', A.hospital.id, B.hospital.id],
      ['departments.list', A.departments.SURG.id, B.departments.SURG.id],
      ['physicians.list', A.physicians.SURG.id, B.physicians.SURG.id],
      ['employees.list', A.employees.SURG.id, B.employees.SURG.id],
      ['patients.search', A.patient.id, B.patient.id],
      ['users.list', target.id, userB.id],
    ];
    for (const [name, inA, inB] of expectations) {
      const seen = ids((await list(name, token)).items);
      expect(seen, name).toEqual(expect.arrayContaining([inA, inB]));
    }
    const hospitalsInAudit = new Set((await list('audit.list', token)).items.map((i) => i.hospitalId));
    expect(hospitalsInAudit.has(A.hospital.id) && hospitalsInAudit.has(B.hospital.id)).toBe(true);
  });

  it("reads B's records by id", async () => {
    const token = adminToken();
    expect(await station.status('patients.get', { id: B.patient.id }, token)).toBe(200);
    expect(await station.status('physicians.get', { id: B.physicians.SURG.id }, token)).toBe(200);
    expect(await station.status('users.get', { id: userB.id }, token)).toBe(200);
  });
});

describe('authentication and the edges of the contract', () => {
  const nonPublic = CALL_NAMES.filter((name) => contract[name].access !== 'public');
  const row = (): Row => ({ role: 'px_admin', username: 'px.admin', n: (rowSerial += 1) });

  it('answers 401 to every non-public call without a session', async () => {
    expect(nonPublic).not.toContain('auth.login');
    expect(nonPublic.length).toBeGreaterThan(30);
    for (const name of nonPublic) {
      const input = await sampleFor(name).input(row());
      const result = await station.core.dispatch(name, input, null);
      expect(result.ok ? 200 : result.status, name).toBe(401);
      expect(result.ok ? null : result.body.error.key, name).toBe('error.unauthenticated');
    }
  });

  it('answers 401 to every non-public call with a garbage token', async () => {
    for (const name of nonPublic) {
      const input = await sampleFor(name).input(row());
      for (const token of ['garbage', 'Bearer x', 'a'.repeat(43), '']) {
        const status = await station.status(name, input, token);
        expect(status, `${name} with ${JSON.stringify(token)}`).toBe(401);
      }
    }
  });

  it('answers public calls without a session', async () => {
    expect(await station.status('system.status', {}, null)).toBe(200);
    expect(await station.status('auth.login', { username: 'px.admin', password: TEST_PASSWORD }, null)).toBe(200);
  });

  it('refuses a hospital admin creating a PX admin or another hospital admin (403), and creates nobody', async () => {
    for (const roleCode of ['px_admin', 'hospital_admin'] as const) {
      const result = await station.core.dispatch(
        'users.create',
        { username: `too.high.${roleCode}`, password: TEST_PASSWORD, nameEn: 'Too high', nameAr: 'أعلى', roleCode, hospitalId: A.hospital.id },
        tokenOf('hospital_admin'),
      );
      expect(result.ok ? 200 : result.status, roleCode).toBe(403);
      expect(result.ok ? null : result.body.error.key).toBe('error.role_too_high');
    }
    expect(station.core.store.sqlite.prepare(`SELECT count(*) FROM users WHERE username LIKE 'too.high.%'`).pluck().get()).toBe(0);
  });

  it('refuses a hospital admin promoting a user to hospital admin or editing a peer', async () => {
    expect(await station.status('users.update', { id: target.id, roleCode: 'hospital_admin' }, tokenOf('hospital_admin'))).toBe(403);
    expect(await station.status('users.update', { id: users.get('hospital_admin')!.user.id, nameEn: 'Self-promoted' }, tokenOf('hospital_admin'))).toBe(403);
    expect((await station.call('users.get', { id: target.id }, adminToken())).roleCode).toBe('staff');
  });

  it('answers 404 to an unknown call name, signed in or not', async () => {
    for (const name of ['patients.delete', 'nope', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const token of [null, adminToken()]) {
        const result = await station.core.dispatch(name, {}, token);
        expect(result.ok ? 200 : result.status, `${JSON.stringify(name)} ${token ? 'signed in' : 'anonymous'}`).toBe(404);
        expect(result.ok ? null : result.body.error.key).toBe('error.unknown_call');
      }
    }
  });
});
