/**
 * Who may do what, through the dispatcher, for every call in the contract and
 * every role: allowed calls answer, refused ones answer 403 with the reason
 * and leave only their own audit entry.
 *
 * The expectation comes from the contract (a call's `access`) and the default
 * roles (`DEFAULT_ROLES`), not from the code under test (test/harness/access.ts):
 * a call added to the contract without a row in SAMPLES does not compile until
 * someone decides how to call it. The few calls that need a real password or
 * session (REAL_SESSION_CALLS) sign in for real in
 * test/integration/rbac-sessions.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallInput, type CallName, contract } from '../../src-shared/contract/index.js';
import { isWritePermission, type Permission, ROLE_CODES, type RoleCode, roleDefinition } from '../../src-shared/roles.js';
import type { Caller } from './context.js';
import { expectCellAnswer, expectedRefusal, holds, lastAuditRow, REAL_SESSION_CALLS, type RealSessionCall } from '../../test/harness/access.js';
import { DomainHarness } from '../../test/harness/domain-harness.js';
import { twoHospitals, type TwoHospitals } from '../../test/harness/two-hospitals.js';
import { hisEvent } from '../../test/fixtures/his-reference.js';
import { mobile, nationalId } from '../../test/fixtures/group.js';
import { TEST_PASSWORD } from '../../test/fixtures/station.js';
import { SteppingClock } from '../../test/fixtures/totp.js';

let h: DomainHarness;
let group: TwoHospitals;
let rowSerial = 0;

/** One cell of the matrix: a role making a call. */
interface Row {
  readonly role: RoleCode;
  /** distinct in every row, for codes and usernames that must be unique */
  readonly n: number;
}

type HarnessCall = Exclude<CallName, RealSessionCall>;

interface Sample<N extends CallName> {
  /** A valid input aimed at hospital A's records (may create a throwaway record first). */
  input(row: Row): CallInput<N> | Promise<CallInput<N>>;
  /** Puts back a shared record the call changed. */
  restore?(): Promise<unknown>;
  /** How an allowed call answers when 200 is impossible by design. */
  allowedAnswer?: { readonly status: number; readonly key: string };
}
type Samples = { [N in HarnessCall]: Sample<N> };
interface AnySample {
  input(row: Row): unknown;
  restore?(): Promise<unknown>;
  allowedAnswer?: { readonly status: number; readonly key: string };
}

const A = () => group.A;
const clock = new SteppingClock();

/** The password a sample changed, put back as it was (the last 5 cannot be set again through the API). */
let changedPassword: { id: string; hash: string } | null = null;
function rememberPassword(id: string): void {
  changedPassword = { id, hash: h.core.store.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string };
}
function restorePassword(): void {
  if (changedPassword) h.core.store.sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(changedPassword.hash, changedPassword.id);
  changedPassword = null;
}

/** The user a sample turned two-step sign-in on for, turned off again afterwards. */
let enrolledUser: string | null = null;
function turnOffTotp(): void {
  if (enrolledUser) h.core.accounts.twoStep.remove(enrolledUser);
  enrolledUser = null;
}

/** Begins two-step sign-in afresh for the row's caller: the secret its authenticator app would hold. */
async function beginTotp(role: RoleCode): Promise<string> {
  const caller = callerOf(role);
  h.core.accounts.twoStep.remove(caller.me.user.id);
  enrolledUser = caller.me.user.id;
  return (await h.call(caller, 'totp.begin', {})).secret;
}
const asAdmin = <N extends CallName>(name: N, input: CallInput<N>) => h.call(group.admin, name, input);

async function throwawayDepartment(n: number): Promise<string> {
  const d = await asAdmin('departments.create', {
    hospitalId: A().hospital.id,
    parentId: A().departments.MED.id,
    code: `TD${n}`,
    nameEn: `Ward ${n}`,
    nameAr: `جناح ${n}`,
  });
  return d.id;
}

async function throwawayPhysician(n: number): Promise<string> {
  const p = await asAdmin('physicians.create', {
    hospitalId: A().hospital.id,
    departmentId: A().departments.MED.id,
    licenseNumber: `TMP-P-${n}`,
    nameEn: `Dr Temp ${n}`,
    nameAr: `د. مؤقت ${n}`,
  });
  return p.id;
}

async function throwawayEmployee(n: number): Promise<string> {
  const e = await asAdmin('employees.create', {
    hospitalId: A().hospital.id,
    departmentId: A().departments.MED.id,
    employeeNumber: `TMP-E-${n}`,
    nameEn: `Temp ${n}`,
    nameAr: `مؤقت ${n}`,
  });
  return e.id;
}

async function throwawayPatient(n: number): Promise<string> {
  const p = await asAdmin('patients.create', { hospitalId: A().hospital.id, mrn: `TMP-${n}`, nameEn: `Temp Patient ${n}`, nameAr: `مريض مؤقت ${n}` });
  return p.id;
}

/** A staff user in A / CARD (made without a password: no call here signs it in). */
function throwawayUser(n: number): string {
  return h.as('staff', { hospitalId: A().hospital.id, departmentId: A().departments.CARD.id, username: `tmp.${n}` }).me.user.id;
}

/** One integration source, one OPD template and one processed event with its journey, made on first use. */
let sourceSystem: string | null = null;
async function ensureSource(): Promise<{ id: string; sourceSystem: string }> {
  if (!sourceSystem) {
    sourceSystem = 'RBACSRC';
    // bound to hospital A alone: A's administrator manages it as the group admin does
    await asAdmin('integrations.create', { name: 'RBAC source', sourceSystem, hospitalCodes: [A().hospital.code] });
  }
  const source = (await asAdmin('integrations.list', {})).find((s) => s.sourceSystem === sourceSystem)!;
  return { id: source.id, sourceSystem };
}

async function throwawayMapping(n: number): Promise<string> {
  const { sourceSystem: system } = await ensureSource();
  return (await asAdmin('mappings.save', { sourceSystem: system, externalCode: `TMP${n}`, eventCode: 'PHARMACY_DISPENSED' })).id;
}

let opdTemplate: string | null = null;
async function ensureTemplate(): Promise<string> {
  opdTemplate ??= (
    await asAdmin('journeyTemplates.create', {
      hospitalId: A().hospital.id,
      journeyType: 'OPD',
      code: 'OPD-RBAC',
      nameEn: 'Outpatient',
      nameAr: 'العيادات',
      stages: [{ code: 'REG', nameEn: 'Registration', nameAr: 'التسجيل', triggerEventCode: 'OPD_REGISTERED' }],
    })
  ).id;
  return opdTemplate;
}

async function throwawayTemplate(n: number): Promise<string> {
  return (
    await asAdmin('journeyTemplates.create', {
      hospitalId: A().hospital.id,
      journeyType: 'EMS',
      code: `EMS-${n}`,
      nameEn: `EMS ${n}`,
      nameAr: `طوارئ ${n}`,
    })
  ).id;
}

/** The smallest survey a template can hold. */
const oneQuestion: CallInput<'surveyTemplates.create'>['content'] = {
  title: { en: 'Visit', ar: 'الزيارة' },
  thankYou: { en: 'Thank you', ar: 'شكراً لك' },
  pages: [{ questions: [{ id: 'overall', type: 'rating', domain: 'overall', text: { en: 'How was it?', ar: 'كيف كانت؟' } }] }],
};

async function throwawaySurveyTemplate(n: number): Promise<string> {
  return (await asAdmin('surveyTemplates.create', { code: `TS${n}`, nameEn: `Survey ${n}`, nameAr: `استبيان ${n}`, content: oneQuestion })).id;
}

/** A patient with a mobile number, so a survey can be sent to them. */
async function surveyedPatient(n: number): Promise<string> {
  const p = await asAdmin('patients.create', { hospitalId: A().hospital.id, mrn: `SV-${n}`, nameEn: `Surveyed ${n}`, nameAr: `مستطلع ${n}`, phone: mobile() });
  return p.id;
}

async function throwawaySurvey(n: number): Promise<string> {
  const made = await asAdmin('surveys.handOut', {
    patientId: await surveyedPatient(n),
    templateId: await shippedSurveyTemplate(),
    channel: 'kiosk',
    departmentId: A().departments.MED.id,
  });
  return made.instance.id;
}

/** A complaint of hospital A's MED department (the department manager's), made by the admin for a row to act on. */
async function throwawayComplaint(n: number): Promise<string> {
  const made = await asAdmin('complaints.create', {
    hospitalId: A().hospital.id,
    departmentId: A().departments.MED.id,
    channel: 'walk_in',
    descriptionAr: `شكوى رقم ${n}: تأخر الموعد`,
  });
  return made.id;
}

/** A PX action of hospital A's MED department, made by the admin for a row to act on. */
async function throwawayAction(n: number): Promise<string> {
  const made = await asAdmin('actions.create', { hospitalId: A().hospital.id, departmentId: A().departments.MED.id, title: `Action ${n}: shorten the wait` });
  return made.id;
}

/** A small PDF, its bytes in base64, distinct in every row (so each is a file of its own). */
const pdfOf = (n: number) => Buffer.from(`%PDF-1.4\n% row ${n}\n%%EOF\n`).toString('base64');

/** A complaint (or action) of hospital A with a file on it, for a row to open or take off. */
async function complaintWithFile(n: number): Promise<{ id: string; attachmentId: string }> {
  const made = await asAdmin('complaints.attach', { id: await throwawayComplaint(n), fileName: `letter-${n}.pdf`, content: pdfOf(n) });
  return { id: made.id, attachmentId: made.attachments[0]!.id };
}
async function actionWithFile(n: number): Promise<{ id: string; attachmentId: string }> {
  const made = await asAdmin('actions.attach', { id: await throwawayAction(n), fileName: `evidence-${n}.pdf`, content: pdfOf(n) });
  return { id: made.id, attachmentId: made.attachments[0]!.id };
}

const shippedSurveyTemplate = async () => (await asAdmin('surveyTemplates.list', {}))[0]!.id;

let processedEvent: { eventId: string; journeyId: string } | null = null;
async function ensureJourney(): Promise<{ eventId: string; journeyId: string }> {
  if (processedEvent) return processedEvent;
  const { sourceSystem: system } = await ensureSource();
  await ensureTemplate();
  const accepted = await h.receive(
    hisEvent({
      sourceSystem: system,
      externalId: 'rbac-1',
      code: 'OPD_REGISTERED',
      hospitalCode: A().hospital.code,
      encounterId: 'ENC-RBAC',
      occurredAt: new Date().toISOString(),
      departmentCode: null,
      physicianLicense: null,
      mrn: 'RBAC-MRN',
      patient: { name_en: 'Journey Patient', name_ar: 'مريض الرحلة' },
    }),
  );
  h.core.processor.drain();
  const journeyId = h.core.store.sqlite.prepare('SELECT id FROM journey_instances WHERE encounter_id = ?').pluck().get('ENC-RBAC') as string;
  processedEvent = { eventId: accepted.id, journeyId };
  return processedEvent;
}

const SAMPLES: Samples = {
  'system.status': { input: () => ({}) },
  'auth.me': { input: () => ({}) },
  'auth.setLanguage': { input: () => ({ language: 'en' }) },
  'roles.list': { input: () => ({}) },
  'users.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'users.get': { input: () => ({ id: group.target.id }) },
  'users.create': {
    input: (row) => ({
      username: `made.${row.n}`,
      password: TEST_PASSWORD,
      nameEn: `Made ${row.n}`,
      nameAr: 'مستخدم جديد',
      roleCode: 'staff',
      hospitalId: A().hospital.id,
      departmentId: A().departments.CARD.id,
    }),
  },
  'users.update': { input: (row) => ({ id: group.target.id, nameEn: `Target ${row.n}`, phone: mobile() }) },
  'users.setActive': { input: (row) => ({ id: throwawayUser(row.n), active: false }) },
  'users.resetPassword': {
    input: (row) => {
      rememberPassword(group.target.id);
      return { id: group.target.id, newPassword: `Reset-Quartz-${row.n}-Garden` };
    },
    restore: async () => restorePassword(),
  },

  // No sign-in is waiting for a second step: an allowed caller (anyone) is told to sign in again.
  // Each is a failed step from this (one) address: half a minute passes first, so the address is not throttled.
  'auth.verifyTotp': {
    input: () => {
      clock.nextStep();
      return { challenge: 'no-such-challenge-0123456789', code: '123456' };
    },
    allowedAnswer: { status: 401, key: 'error.sign_in_step_expired' },
  },
  'auth.confirmTotpEnrolment': {
    input: () => {
      clock.nextStep();
      return { challenge: 'no-such-challenge-0123456789', code: '123456' };
    },
    allowedAnswer: { status: 401, key: 'error.sign_in_step_expired' },
  },
  'totp.status': { input: () => ({}) },
  'totp.begin': { input: () => ({}), restore: async () => turnOffTotp() },
  // Confirmed with the code of the secret just begun; turned off again afterwards, so the role still signs in with a password alone.
  'totp.confirm': {
    input: async (row) => ({ code: clock.code(await beginTotp(row.role)) }),
    restore: async () => turnOffTotp(),
  },
  'totp.disable': {
    input: async (row) => {
      const secret = await beginTotp(row.role);
      const { recoveryCodes } = await h.call(callerOf(row.role), 'totp.confirm', { code: clock.code(secret) });
      return { code: recoveryCodes[0]! };
    },
    restore: async () => turnOffTotp(),
  },
  'users.resetTotp': { input: () => ({ id: group.target.id }) },
  'groupSettings.get': { input: () => ({}) },
  'groupSettings.update': { input: () => ({ requireAdminTotp: false }) },

  'hospitals.list': { input: () => ({}) },
  'hospitals.get': { input: () => ({ id: A().hospital.id }) },
  'hospitals.create': { input: (row) => ({ code: `NEW-${row.n}`, nameEn: `New hospital ${row.n}`, nameAr: 'مستشفى جديد' }) },
  'hospitals.update': { input: (row) => ({ id: A().hospital.id, nameEn: `Hospital A ${row.n}` }) },
  'hospitals.setActive': {
    input: () => ({ id: A().hospital.id, active: false }),
    restore: () => asAdmin('hospitals.setActive', { id: A().hospital.id, active: true }),
  },

  'departments.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'departments.get': { input: () => ({ id: A().departments.MED.id }) },
  'departments.create': {
    input: (row) => ({ hospitalId: A().hospital.id, parentId: A().departments.MED.id, code: `NEW${row.n}`, nameEn: `Unit ${row.n}`, nameAr: `وحدة ${row.n}` }),
  },
  'departments.update': { input: (row) => ({ id: A().departments.CARD.id, nameEn: `Cardiology ${row.n}` }) },
  'departments.setActive': { input: async (row) => ({ id: await throwawayDepartment(row.n), active: false }) },

  'physicians.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'physicians.get': { input: () => ({ id: A().physicians.MED.id }) },
  'physicians.create': {
    input: (row) => ({
      hospitalId: A().hospital.id,
      departmentId: A().departments.MED.id,
      licenseNumber: `NEW-P-${row.n}`,
      nameEn: `Dr New ${row.n}`,
      nameAr: 'د. جديد',
      specialty: 'Internal Medicine',
    }),
  },
  'physicians.update': { input: (row) => ({ id: A().physicians.MED.id, specialty: `Internal Medicine ${row.n}` }) },
  'physicians.setActive': { input: async (row) => ({ id: await throwawayPhysician(row.n), active: false }) },

  'employees.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'employees.get': { input: () => ({ id: A().employees.MED.id }) },
  'employees.create': {
    input: (row) => ({
      hospitalId: A().hospital.id,
      departmentId: A().departments.MED.id,
      employeeNumber: `NEW-E-${row.n}`,
      nameEn: `New ${row.n}`,
      nameAr: 'موظف جديد',
    }),
  },
  'employees.update': { input: (row) => ({ id: A().employees.MED.id, jobTitle: `Ward clerk ${row.n}` }) },
  'employees.setActive': { input: async (row) => ({ id: await throwawayEmployee(row.n), active: false }) },

  'patients.search': { input: () => ({ hospitalId: A().hospital.id, q: 'patient' }) },
  'patients.get': { input: () => ({ id: A().patient.id }) },
  'patients.create': {
    input: (row) => ({
      hospitalId: A().hospital.id,
      mrn: `NEW-${row.n}`,
      nationalId: nationalId(),
      nameEn: `New Patient ${row.n}`,
      nameAr: 'مريض جديد',
      phone: mobile(),
    }),
  },
  'patients.update': { input: () => ({ id: A().patient.id, phone: mobile() }) },
  'patients.setActive': { input: async (row) => ({ id: await throwawayPatient(row.n), active: false }) },

  'audit.list': { input: () => ({ action: 'patients.' }) },
  'audit.verify': { input: () => ({}) },

  'integrations.list': { input: () => ({}) },
  'integrations.create': {
    input: (row) => ({ name: `Source ${row.n}`, sourceSystem: `SRC${row.n}`, hospitalCodes: [A().hospital.code], mllpPeers: ['10.1.2.3'] }),
  },
  'integrations.update': { input: async (row) => ({ id: (await ensureSource()).id, rateLimitPerMinute: 1000 + row.n }) },
  'integrations.rotateToken': { input: async () => ({ id: (await ensureSource()).id }) },
  'mappings.list': { input: async () => ({ sourceSystem: (await ensureSource()).sourceSystem }) },
  'mappings.save': { input: async (row) => ({ sourceSystem: (await ensureSource()).sourceSystem, externalCode: `X${row.n}`, eventCode: 'OPD_REGISTERED' }) },
  'mappings.remove': { input: async (row) => ({ id: await throwawayMapping(row.n) }) },
  'events.list': { input: () => ({}) },
  'events.get': { input: async () => ({ id: (await ensureJourney()).eventId }) },
  'events.reprocess': { input: async () => ({ ids: [(await ensureJourney()).eventId] }) },

  'journeyTemplates.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'journeyTemplates.create': {
    input: (row) => ({ hospitalId: A().hospital.id, journeyType: 'INPATIENT', code: `IP-${row.n}`, nameEn: `Inpatient ${row.n}`, nameAr: `تنويم ${row.n}` }),
  },
  'journeyTemplates.update': { input: async (row) => ({ id: await ensureTemplate(), nameEn: `Outpatient ${row.n}` }) },
  'journeyTemplates.setActive': { input: async (row) => ({ id: await throwawayTemplate(row.n), active: false }) },
  'complaints.list': { input: () => ({ hospitalId: A().hospital.id, queue: 'all' }) },
  'complaints.get': { input: async (row) => ({ id: await throwawayComplaint(row.n) }) },
  'complaints.create': {
    input: (row) => ({ hospitalId: A().hospital.id, departmentId: A().departments.MED.id, channel: 'phone', descriptionEn: `The wait was long (${row.n})` }),
  },
  'complaints.move': { input: async (row) => ({ id: await throwawayComplaint(row.n), to: 'open' }) },
  'complaints.assign': { input: async (row) => ({ id: await throwawayComplaint(row.n), userId: null, departmentId: A().departments.MED.id }) },
  'complaints.assignees': { input: () => ({ hospitalId: A().hospital.id }) },
  'complaints.assignMany': { input: async (row) => ({ ids: [await throwawayComplaint(row.n)], userId: null, departmentId: A().departments.MED.id }) },
  'complaints.note': { input: async (row) => ({ id: await throwawayComplaint(row.n), text: 'Called the patient back.' }) },
  'complaints.classify': { input: async (row) => ({ id: await throwawayComplaint(row.n), hcatCategory: 'communication', severity: 2 }) },
  'complaints.attach': { input: async (row) => ({ id: await throwawayComplaint(row.n), fileName: `letter-${row.n}.pdf`, content: pdfOf(row.n) }) },
  'complaints.openAttachment': { input: async (row) => complaintWithFile(row.n) },
  'complaints.removeAttachment': { input: async (row) => ({ ...(await complaintWithFile(row.n)), reason: 'Attached to the wrong complaint.' }) },
  'surveyTemplates.list': { input: () => ({}) },
  'surveyTemplates.get': { input: async () => ({ id: await shippedSurveyTemplate() }) },
  'surveyTemplates.version': { input: async () => ({ id: (await asAdmin('surveyTemplates.list', {}))[0]!.currentVersionId! }) },
  'surveyTemplates.create': { input: (row) => ({ code: `SV${row.n}`, nameEn: `Survey ${row.n}`, nameAr: `استبيان ${row.n}`, content: oneQuestion }) },
  'surveyTemplates.update': { input: async (row) => ({ id: await shippedSurveyTemplate(), nameEn: `Clinic visit ${row.n}` }) },
  'surveyTemplates.setActive': { input: async (row) => ({ id: await throwawaySurveyTemplate(row.n), active: false }) },
  'surveySettings.get': { input: () => ({ hospitalId: A().hospital.id }) },
  'surveySettings.update': { input: (row) => ({ hospitalId: A().hospital.id, fatigueDays: 20 + (row.n % 10) }) },
  'surveys.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'surveys.get': { input: async (row) => ({ id: await throwawaySurvey(row.n) }) },
  'surveys.send': { input: async (row) => ({ patientId: await surveyedPatient(row.n), templateId: await shippedSurveyTemplate() }) },
  'surveys.handOut': { input: async (row) => ({ patientId: await surveyedPatient(row.n), templateId: await shippedSurveyTemplate(), channel: 'qr' }) },
  'surveys.revoke': { input: async (row) => ({ id: await throwawaySurvey(row.n) }) },
  'surveys.optOut': { input: async (row) => ({ patientId: await surveyedPatient(row.n), channel: 'sms', optedOut: true }) },
  'surveys.figures': { input: () => ({ hospitalId: A().hospital.id }) },
  'surveys.export': { input: () => ({ hospitalId: A().hospital.id, format: 'json' }) },
  'notifications.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'notificationProviders.list': { input: () => ({}) },
  'notificationProviders.set': { input: () => ({ channel: 'email', settings: { kind: 'console' } }) },
  'notificationProviders.test': { input: () => ({ channel: 'sms', to: '0551234567', language: 'ar' }) },
  'journeys.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'journeys.get': { input: async () => ({ id: (await ensureJourney()).journeyId }) },
  'sync.status': { input: () => ({}) },
  'sync.connection': { input: () => ({}) },
  'sync.problems': { input: () => ({}) },
  // Nothing refused on this station: an allowed caller marks nothing.
  'sync.acknowledgeRejections': { input: () => ({ all: true }) },
  // Nothing listens on port 9: an allowed caller reaches the hub call and is told it is unreachable.
  'sync.enrol': { input: () => ({ hubUrl: 'http://127.0.0.1:9', code: 'RBAC-CODE' }), allowedAnswer: { status: 400, key: 'error.validation' } },
  // Not enrolled: the round ends at once and the status says so.
  'sync.now': { input: () => ({}) },
  // Not enrolled: this station's own figures, and why there are none from the hub.
  'group.overview': { input: () => ({}) },
  // Station machinery, no hospital's records: read by whoever manages integrations, run out of turn by whoever manages sync.
  'jobs.list': { input: () => ({}) },
  // Not enrolled: the sync job's round ends at once.
  'jobs.runNow': { input: () => ({ name: 'sync' }) },
  'sla.policies': { input: () => ({ hospitalId: A().hospital.id }) },
  'sla.savePolicy': {
    input: () => ({
      hospitalId: A().hospital.id,
      recordType: 'complaint',
      priority: 'low',
      content: { targets: { first_response: 960, resolution: 2400 }, steps: { first_response: [], resolution: [] } },
    }),
  },
  'sla.calendar': { input: () => ({ hospitalId: A().hospital.id }) },
  'sla.saveCalendar': {
    input: () => ({
      hospitalId: A().hospital.id,
      calendar: { timeZone: 'Asia/Riyadh', weekly: { 0: [['08:00', '16:00']], 1: [['08:00', '16:00']], 2: [], 3: [], 4: [], 5: [], 6: [] } },
    }),
  },
  'bell.list': { input: () => ({}) },
  'actions.list': { input: () => ({ hospitalId: A().hospital.id }) },
  'actions.get': { input: async (row) => ({ id: await throwawayAction(row.n) }) },
  'actions.create': { input: () => ({ hospitalId: A().hospital.id, departmentId: A().departments.MED.id, title: 'Explain waits at the front desk' }) },
  'actions.move': { input: async (row) => ({ id: await throwawayAction(row.n), verb: 'start' }) },
  'actions.assign': { input: async (row) => ({ id: await throwawayAction(row.n), priority: 'high' }) },
  'actions.note': { input: async (row) => ({ id: await throwawayAction(row.n), text: 'Met the front desk team.' }) },
  'actions.owners': { input: () => ({ hospitalId: A().hospital.id }) },
  'actions.attach': { input: async (row) => ({ id: await throwawayAction(row.n), fileName: `evidence-${row.n}.pdf`, content: pdfOf(row.n) }) },
  'actions.openAttachment': { input: async (row) => actionWithFile(row.n) },
  'actions.removeAttachment': { input: async (row) => ({ ...(await actionWithFile(row.n)), reason: 'Not the right photo.' }) },
  'bell.read': { input: () => ({}) },
};

const samples = SAMPLES as Partial<Record<string, AnySample>>;

function sampleFor(name: string): AnySample {
  const sample = samples[name];
  if (!sample) throw new Error(`No sample input for "${name}": add a row to SAMPLES in rbac-matrix.test.ts`);
  return sample;
}

function callerOf(role: RoleCode): Caller {
  const caller = group.users.get(role);
  if (!caller) throw new Error(`no user for ${role}`);
  return caller;
}

const sqlite = () => h.core.store.sqlite;

beforeAll(async () => {
  h = await DomainHarness.open({ clock: clock.now });
  group = await twoHospitals(h);
  // every caller could sign in here with a password, as two-step sign-in needs
  for (const caller of group.users.values()) h.withLocalPassword(caller);
});

afterAll(() => h.close());

describe('the matrix covers the contract', () => {
  it('has a sample input for every call but those signed in for real, and no sample for a call that does not exist', () => {
    const real: readonly string[] = REAL_SESSION_CALLS;
    expect(CALL_NAMES.filter((name) => !samples[name] && !real.includes(name))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((name) => !(CALL_NAMES as string[]).includes(name) || real.includes(name))).toEqual([]);
    expect(real.filter((name) => !(CALL_NAMES as string[]).includes(name))).toEqual([]);
  });

  it('has a caller of every role, all but the PX admin in hospital A', () => {
    expect([...group.users.keys()].sort()).toEqual([...ROLE_CODES].sort());
    for (const role of ROLE_CODES) {
      const { user } = callerOf(role).me;
      expect(user.roleCode).toBe(role);
      expect(user.hospitalId).toBe(role === 'px_admin' ? null : group.A.hospital.id);
    }
    expect(callerOf('department_manager').me.user.departmentId).toBe(group.A.departments.MED.id);
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
    if ((REAL_SESSION_CALLS as readonly string[]).includes(name)) continue;
    describe(name, () => {
      for (const role of ROLE_CODES) {
        const refusal = expectedRefusal(name, role);
        it(`${role} is ${refusal === null ? 'allowed' : `denied (${refusal})`}`, async () => {
          const sample = sampleFor(name);
          const input = await sample.input({ role, n: (rowSerial += 1) });
          const before = lastAuditRow(sqlite());
          const result = await h.dispatch(callerOf(role), name, input);
          try {
            expectCellAnswer(name, refusal, result, { before, after: lastAuditRow(sqlite()), actorId: callerOf(role).me.user.id }, sample.allowedAnswer);
          } finally {
            await sample.restore?.();
          }
        });
      }
    });
  }
});

describe('group-wide calls', () => {
  const groupWide = CALL_NAMES.filter((name) => contract[name].groupWide);

  it('exist, and each needs a permission as well as the group scope', () => {
    expect(groupWide).toContain('group.overview');
    for (const name of groupWide) expect(['public', 'session'], name).not.toContain(contract[name].access);
  });

  it('answer the group admin, and refuse a user placed in one hospital who holds the same permission, in both languages', async () => {
    // a PX admin placed in hospital A holds every permission, but not the group's scope
    const placedAdmin = h.as('px_admin', { hospitalId: A().hospital.id, username: 'px.admin.a' });
    for (const name of groupWide) {
      const permission = contract[name].access as Permission;
      const sample = sampleFor(name);
      const input = await sample.input({ role: 'px_admin', n: (rowSerial += 1) });
      expect(await h.status(callerOf('px_admin'), name, input), name).toBe(200);
      if (holds('viewer', permission)) expect(await h.status(callerOf('viewer'), name, input), name).toBe(403);
      const holders = [placedAdmin, ...(holds('hospital_admin', permission) ? [callerOf('hospital_admin')] : [])];
      for (const caller of holders) {
        const refused = await h.dispatch(caller, name, input);
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
    const refused = await h.dispatch(callerOf('px_admin'), 'users.create', {
      username: 'group.viewer',
      password: TEST_PASSWORD,
      nameEn: 'Group viewer',
      nameAr: 'مستعرض',
      roleCode: 'viewer',
      hospitalId: null,
    });
    expect(refused.ok ? null : refused.body.error.fields).toEqual([expect.objectContaining({ path: 'hospitalId', key: 'field.scope_required' })]);
  });

  it('shows a viewer placed in no hospital (made before the rule, or synced) nothing, not every hospital', async () => {
    // as a row from before the rule would be: a hospital-scoped role with no hospital
    const unplaced = h.as('viewer', { username: 'unplaced.viewer' });
    const me = await h.call(unplaced, 'auth.me', {});
    expect(me.scope).toEqual({ kind: 'hospital', hospitalId: null, departmentId: null });
    expect(await h.status(unplaced, 'group.overview', {})).toBe(403);
    expect((await h.call(unplaced, 'patients.search', {})).total).toBe(0);
    expect((await h.call(unplaced, 'hospitals.list', {})).total).toBe(0);
    expect(await h.status(unplaced, 'patients.search', { hospitalId: group.A.hospital.id })).toBe(403);
    expect(await h.status(unplaced, 'hospitals.get', { id: group.A.hospital.id })).toBe(404);
  });
});

describe('a tuned role row cannot make a viewer write', () => {
  it('refuses a viewer patients.create even when its stored role lists patients.write', async () => {
    const sqlite = h.core.store.sqlite;
    const original = sqlite.prepare(`SELECT permissions FROM roles WHERE code = 'viewer'`).pluck().get() as string;
    const tuned = [...(JSON.parse(original) as string[]), 'patients.write'];
    sqlite.prepare(`UPDATE roles SET permissions = ? WHERE code = 'viewer'`).run(JSON.stringify(tuned));
    try {
      const me = await h.call(callerOf('viewer'), 'auth.me', {});
      expect(me.role.permissions).toContain('patients.write');
      const count = () => sqlite.prepare('SELECT count(*) FROM patients').pluck().get() as number;
      const patients = count();
      const status = await h.status(callerOf('viewer'), 'patients.create', {
        hospitalId: group.A.hospital.id,
        mrn: 'TUNED-1',
        nameEn: 'Tuned',
        nameAr: 'معدل',
      });
      expect(status).toBe(403);
      expect(count()).toBe(patients);
    } finally {
      sqlite.prepare(`UPDATE roles SET permissions = ? WHERE code = 'viewer'`).run(original);
    }
  });
});

describe('authentication and the edges of the contract', () => {
  const nonPublic = CALL_NAMES.filter((name) => contract[name].access !== 'public');
  /** The calls signed in for real have no sample here; refused before their input is read, they need only its shape. */
  const SESSION_ONLY_INPUTS: Partial<Record<CallName, unknown>> = {
    'auth.logout': {},
    'auth.changePassword': { currentPassword: TEST_PASSWORD, newPassword: 'Changed-Lantern-Meadow' },
  };
  async function inputOf(name: CallName): Promise<unknown> {
    if (!(REAL_SESSION_CALLS as readonly string[]).includes(name)) return sampleFor(name).input({ role: 'px_admin', n: (rowSerial += 1) });
    if (!(name in SESSION_ONLY_INPUTS)) throw new Error(`No input for "${name}": add it to SESSION_ONLY_INPUTS`);
    return SESSION_ONLY_INPUTS[name];
  }

  it('answers 401 to every non-public call without a session', async () => {
    expect(nonPublic).not.toContain('auth.login');
    expect(nonPublic.length).toBeGreaterThan(30);
    for (const name of nonPublic) {
      const result = await h.dispatch(null, name, await inputOf(name));
      expect(result.ok ? 200 : result.status, name).toBe(401);
      expect(result.ok ? null : result.body.error.key, name).toBe('error.unauthenticated');
    }
  });

  it('answers 401 to every non-public call with a garbage token', async () => {
    for (const name of nonPublic) {
      const input = await inputOf(name);
      for (const token of ['garbage', 'Bearer x', 'a'.repeat(43), '']) {
        const result = await h.core.dispatch(name, input, token);
        expect(result.ok ? 200 : result.status, `${name} with ${JSON.stringify(token)}`).toBe(401);
      }
    }
  });

  it('answers a public call without a session', async () => {
    expect(await h.status(null, 'system.status', {})).toBe(200);
  });

  it('answers 404 to an unknown call name, signed in or not', async () => {
    for (const name of ['patients.delete', 'nope', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const caller of [null, group.admin]) {
        const result = await h.dispatch(caller, name, {});
        expect(result.ok ? 200 : result.status, `${JSON.stringify(name)} ${caller ? 'signed in' : 'anonymous'}`).toBe(404);
        expect(result.ok ? null : result.body.error.key).toBe('error.unknown_call');
      }
    }
  });
});
