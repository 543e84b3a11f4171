/**
 * The group's structure and people as the PX office maintains them:
 * hospitals, department trees, physicians, employees and patients — their
 * edits, their uniqueness rules, bilingual field errors, patient search the
 * way a front desk types, and that every change is audited and a failed one
 * leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, type MessageKey } from '../../src-shared/messages.js';
import { mobile, nationalId, nextSerial } from '../fixtures/group.js';
import { TEST_PASSWORD, TestStation } from '../fixtures/station.js';

let station: TestStation;
let admin: string;
let hospitalId: string;
let otherHospitalId: string;

interface Failure {
  status: number;
  key: string;
  fields: { path: string; key: string; message: { en: string; ar: string } }[];
}

async function failure(name: string, input: unknown, token = admin): Promise<Failure> {
  const result = await station.core.dispatch(name, input, token);
  if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.data)}`);
  return { status: result.status, key: result.body.error.key, fields: result.body.error.fields ?? [] };
}

interface AuditRow {
  seq: number;
  action: string;
  entity_type: string;
  entity_id: string | null;
  hospital_id: string | null;
  actor_name: string;
  before_json: string | null;
  after_json: string | null;
}

/** The newest audit entry about one record. */
function lastAudit(entityId: string): {
  action: string;
  hospitalId: string | null;
  actor: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
} {
  const row = station.core.store.sqlite.prepare('SELECT * FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1').get(entityId) as AuditRow | undefined;
  if (!row) throw new Error(`no audit entry for ${entityId}`);
  return {
    action: row.action,
    hospitalId: row.hospital_id,
    actor: row.actor_name,
    before: row.before_json ? (JSON.parse(row.before_json) as Record<string, unknown>) : null,
    after: row.after_json ? (JSON.parse(row.after_json) as Record<string, unknown>) : null,
  };
}

function count(table: 'patients' | 'physicians' | 'employees' | 'departments' | 'hospitals' | 'sync_outbox' | 'audit_log'): number {
  return station.core.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

const ARABIC = /[\u0600-\u06FF]/;

/** One field error, with both languages spelled out as the message table says. */
function expectFieldError(result: Failure, path: string, key: MessageKey): void {
  expect(result.status).toBe(400);
  expect(result.key).toBe('error.validation');
  const field = result.fields.find((f) => f.path === path);
  expect(field, `${path} in ${JSON.stringify(result.fields)}`).toBeDefined();
  expect(field?.key).toBe(key);
  expect(field?.message.en).toBe(MESSAGES[key].en);
  expect(field?.message.ar).toBe(MESSAGES[key].ar);
  expect(field?.message.en).toMatch(/[A-Za-z]/);
  expect(field?.message.ar).toMatch(ARABIC);
}

beforeAll(async () => {
  station = await TestStation.open();
  admin = await station.setupAdmin();
  hospitalId = (await station.call('hospitals.create', { code: 'OLAYA', nameEn: 'Olaya Medical Complex', nameAr: 'مجمع العليا الطبي' }, admin)).id;
  otherHospitalId = (await station.call('hospitals.create', { code: 'KHOBAR', nameEn: 'Al Khobar General Hospital', nameAr: 'مستشفى الخبر العام' }, admin)).id;
});

afterAll(() => station?.close());

describe('hospitals', () => {
  it('are created, edited and deactivated, each step audited with before and after', async () => {
    const created = await station.call('hospitals.create', { code: ' jed-1 ', nameEn: 'Jeddah Specialist', nameAr: 'جدة التخصصي' }, admin);
    expect(created).toMatchObject({ code: 'JED-1', timeZone: 'Asia/Riyadh', active: true });
    expect(lastAudit(created.id)).toMatchObject({ action: 'hospitals.create', hospitalId: created.id, actor: 'px.admin', before: null });
    expect(lastAudit(created.id).after).toMatchObject({ code: 'JED-1', name_en: 'Jeddah Specialist', name_ar: 'جدة التخصصي', active: 1 });

    const edited = await station.call('hospitals.update', { id: created.id, nameEn: 'Jeddah Specialist Hospital', timeZone: 'Asia/Aden' }, admin);
    expect(edited).toMatchObject({ nameEn: 'Jeddah Specialist Hospital', nameAr: 'جدة التخصصي', timeZone: 'Asia/Aden' });
    expect(lastAudit(created.id)).toMatchObject({
      action: 'hospitals.update',
      before: { name_en: 'Jeddah Specialist', time_zone: 'Asia/Riyadh' },
      after: { name_en: 'Jeddah Specialist Hospital', time_zone: 'Asia/Aden' },
    });

    const off = await station.call('hospitals.setActive', { id: created.id, active: false }, admin);
    expect(off.active).toBe(false);
    expect(lastAudit(created.id)).toMatchObject({ action: 'hospitals.deactivate', before: { active: 1 }, after: { active: 0 } });
    expect((await station.call('hospitals.list', { active: false }, admin)).items.map((h) => h.id)).toEqual([created.id]);
    const on = await station.call('hospitals.setActive', { id: created.id, active: true }, admin);
    expect(on.active).toBe(true);
    expect(lastAudit(created.id)).toMatchObject({ action: 'hospitals.activate', before: { active: 0 }, after: { active: 1 } });
  });

  it('refuses a taken code on the code field, and an unknown time zone', async () => {
    expectFieldError(await failure('hospitals.create', { code: 'olaya', nameEn: 'Copy', nameAr: 'نسخة' }), 'code', 'field.taken');
    expectFieldError(
      await failure('hospitals.create', { code: 'MARS', nameEn: 'Mars', nameAr: 'المريخ', timeZone: 'Mars/Olympus' }),
      'timeZone',
      'field.time_zone',
    );
    expectFieldError(await failure('hospitals.create', { code: 'x', nameEn: 'X', nameAr: 'س' }), 'code', 'field.code');
  });
});

describe('departments', () => {
  let med: string;
  let card: string;
  let echo: string;

  it('form a tree, edited and deactivated with audit entries', async () => {
    med = (await station.call('departments.create', { hospitalId, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' }, admin)).id;
    card = (await station.call('departments.create', { hospitalId, code: 'CARD', parentId: med, nameEn: 'Cardiology', nameAr: 'القلب' }, admin)).id;
    echo = (await station.call('departments.create', { hospitalId, code: 'ECHO', parentId: card, nameEn: 'Echo lab', nameAr: 'مختبر الإيكو' }, admin)).id;
    expect(lastAudit(echo)).toMatchObject({ action: 'departments.create', hospitalId, after: { parent_id: card, code: 'ECHO' } });

    const children = await station.call('departments.list', { hospitalId, parentId: med }, admin);
    expect(children.items.map((d) => d.id)).toEqual([card]);

    const renamed = await station.call('departments.update', { id: card, nameEn: 'Cardiology & Vascular', nameAr: 'القلب والأوعية' }, admin);
    expect(renamed).toMatchObject({ nameEn: 'Cardiology & Vascular', parentId: med });
    expect(lastAudit(card)).toMatchObject({
      action: 'departments.update',
      before: { name_en: 'Cardiology', name_ar: 'القلب' },
      after: { name_en: 'Cardiology & Vascular', name_ar: 'القلب والأوعية' },
    });

    expect((await station.call('departments.setActive', { id: echo, active: false }, admin)).active).toBe(false);
    expect(lastAudit(echo)).toMatchObject({ action: 'departments.deactivate', before: { active: 1 }, after: { active: 0 } });
  });

  it('refuse a cycle: a department under itself or under its own descendant', async () => {
    for (const parentId of [med, card, echo]) {
      const result = await failure('departments.update', { id: med, parentId });
      expectFieldError(result, 'parentId', 'error.department_cycle');
    }
    const unchanged = await station.call('departments.get', { id: med }, admin);
    expect(unchanged.parentId).toBeNull();
    // moving a subtree elsewhere is fine
    const surg = (await station.call('departments.create', { hospitalId, code: 'SURG', nameEn: 'Surgery', nameAr: 'الجراحة' }, admin)).id;
    expect((await station.call('departments.update', { id: echo, parentId: surg }, admin)).parentId).toBe(surg);
    expect(lastAudit(echo)).toMatchObject({ before: { parent_id: card }, after: { parent_id: surg } });
  });

  it('refuse a taken code within the hospital, allow it in another, and refuse a parent from another hospital', async () => {
    expectFieldError(await failure('departments.create', { hospitalId, code: 'med', nameEn: 'Medicine 2', nameAr: 'باطنة ٢' }), 'code', 'field.taken');
    const elsewhere = await station.call('departments.create', { hospitalId: otherHospitalId, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' }, admin);
    expect(elsewhere.code).toBe('MED');
    expectFieldError(
      await failure('departments.create', { hospitalId, code: 'MIXED', parentId: elsewhere.id, nameEn: 'Mixed', nameAr: 'مختلط' }),
      'parentId',
      'error.hospital_mismatch',
    );
    expectFieldError(await failure('departments.update', { id: card, parentId: elsewhere.id }), 'parentId', 'error.hospital_mismatch');
  });
});

describe('physicians', () => {
  it('are created, edited, deactivated and audited; a taken licence is refused on licenseNumber', async () => {
    const dr = await station.call(
      'physicians.create',
      {
        hospitalId,
        licenseNumber: 'SCFHS-1001',
        nameEn: 'Dr Huda Al-Qahtani',
        nameAr: 'د. هدى القحطاني',
        specialty: 'Cardiology',
        phone: '0551234567',
        email: 'Huda@Example.SA',
      },
      admin,
    );
    expect(dr).toMatchObject({ phone: '+966551234567', email: 'huda@example.sa', departmentId: null, active: true });
    expect(lastAudit(dr.id)).toMatchObject({ action: 'physicians.create', after: { license_number: 'SCFHS-1001', phone: '+966551234567' } });

    const edited = await station.call('physicians.update', { id: dr.id, specialty: 'Interventional Cardiology', phone: '' }, admin);
    expect(edited).toMatchObject({ specialty: 'Interventional Cardiology', phone: null });
    expect(lastAudit(dr.id)).toMatchObject({
      action: 'physicians.update',
      before: { specialty: 'Cardiology', phone: '+966551234567' },
      after: { specialty: 'Interventional Cardiology', phone: null },
    });
    expect((await station.call('physicians.setActive', { id: dr.id, active: false }, admin)).active).toBe(false);
    expect(lastAudit(dr.id)).toMatchObject({ action: 'physicians.deactivate' });

    // licences are national: taken in any hospital
    expectFieldError(
      await failure('physicians.create', { hospitalId: otherHospitalId, licenseNumber: 'SCFHS-1001', nameEn: 'Copy', nameAr: 'نسخة' }),
      'licenseNumber',
      'field.taken',
    );
    const second = await station.call('physicians.create', { hospitalId, licenseNumber: 'SCFHS-1002', nameEn: 'Dr Two', nameAr: 'د. اثنان' }, admin);
    expectFieldError(await failure('physicians.update', { id: second.id, licenseNumber: 'SCFHS-1001' }), 'licenseNumber', 'field.taken');
    expectFieldError(
      await failure('physicians.create', { hospitalId, licenseNumber: 'SCFHS-1003', nameEn: 'Dr Three', nameAr: 'د. ثلاثة', email: 'not-an-email' }),
      'email',
      'field.email',
    );
  });
});

describe('employees', () => {
  it('are created, edited, deactivated and audited; a taken number is refused on employeeNumber', async () => {
    const clerk = await station.call(
      'employees.create',
      { hospitalId, employeeNumber: 'EMP-001', nameEn: 'Sara Al-Harbi', nameAr: 'سارة الحربي', jobTitle: 'Front desk' },
      admin,
    );
    expect(lastAudit(clerk.id)).toMatchObject({ action: 'employees.create', hospitalId, after: { employee_number: 'EMP-001', job_title: 'Front desk' } });
    const edited = await station.call('employees.update', { id: clerk.id, jobTitle: 'PX officer', email: 'sara@example.sa' }, admin);
    expect(edited).toMatchObject({ jobTitle: 'PX officer', email: 'sara@example.sa' });
    expect(lastAudit(clerk.id)).toMatchObject({
      before: { job_title: 'Front desk', email: null },
      after: { job_title: 'PX officer', email: 'sara@example.sa' },
    });
    expect((await station.call('employees.setActive', { id: clerk.id, active: false }, admin)).active).toBe(false);
    expect(lastAudit(clerk.id)).toMatchObject({ action: 'employees.deactivate' });

    expectFieldError(
      await failure('employees.create', { hospitalId, employeeNumber: 'EMP-001', nameEn: 'Copy', nameAr: 'نسخة' }),
      'employeeNumber',
      'field.taken',
    );
    const elsewhere = await station.call('employees.create', { hospitalId: otherHospitalId, employeeNumber: 'EMP-001', nameEn: 'Other', nameAr: 'آخر' }, admin);
    expect(elsewhere.employeeNumber).toBe('EMP-001');
  });

  it('links to a user account', async () => {
    const user = await station.call(
      'users.create',
      { username: 'sara.h', password: TEST_PASSWORD, nameEn: 'Sara', nameAr: 'سارة', roleCode: 'staff', hospitalId },
      admin,
    );
    const linked = await station.call('employees.create', { hospitalId, employeeNumber: 'EMP-002', nameEn: 'Sara', nameAr: 'سارة', userId: user.id }, admin);
    expect(linked.userId).toBe(user.id);
    expectFieldError(
      await failure('employees.create', {
        hospitalId,
        employeeNumber: 'EMP-003',
        nameEn: 'Ghost',
        nameAr: 'شبح',
        userId: '0190f000-0000-7000-8000-000000000000',
      }),
      'userId',
      'field.not_found',
    );
  });
});

describe('patients', () => {
  it('are created, edited, deactivated and audited; MRN is unique per hospital', async () => {
    const id = nationalId();
    const patient = await station.call(
      'patients.create',
      {
        hospitalId,
        mrn: 'OL-000001',
        nationalId: id,
        nameEn: 'Fahad Al-Dosari',
        nameAr: 'فهد الدوسري',
        phone: '0501112233',
        birthDate: '1980-02-29',
        gender: 'M',
      },
      admin,
    );
    expect(patient).toMatchObject({ phone: '+966501112233', preferredLanguage: 'ar', birthDate: '1980-02-29', nationalId: id });
    expect(lastAudit(patient.id)).toMatchObject({ action: 'patients.create', hospitalId, after: { mrn: 'OL-000001', national_id: id } });
    expect(lastAudit(patient.id).after).not.toHaveProperty('name_search');

    const edited = await station.call('patients.update', { id: patient.id, nameEn: 'Fahad Saad Al-Dosari', preferredLanguage: 'en' }, admin);
    expect(edited).toMatchObject({ nameEn: 'Fahad Saad Al-Dosari', preferredLanguage: 'en', mrn: 'OL-000001' });
    expect(lastAudit(patient.id)).toMatchObject({
      action: 'patients.update',
      before: { name_en: 'Fahad Al-Dosari', preferred_language: 'ar' },
      after: { name_en: 'Fahad Saad Al-Dosari', preferred_language: 'en' },
    });
    expect((await station.call('patients.setActive', { id: patient.id, active: false }, admin)).active).toBe(false);
    expect(lastAudit(patient.id)).toMatchObject({ action: 'patients.deactivate', before: { active: 1 }, after: { active: 0 } });

    expectFieldError(await failure('patients.create', { hospitalId, mrn: 'OL-000001', nameEn: 'Copy', nameAr: 'نسخة' }), 'mrn', 'field.taken');
    const sameMrnElsewhere = await station.call('patients.create', { hospitalId: otherHospitalId, mrn: 'OL-000001', nameEn: 'Other', nameAr: 'آخر' }, admin);
    expect(sameMrnElsewhere.mrn).toBe('OL-000001');
    const second = await station.call('patients.create', { hospitalId, mrn: 'OL-000002', nameEn: 'Second', nameAr: 'الثاني' }, admin);
    expectFieldError(await failure('patients.update', { id: second.id, mrn: 'OL-000001' }), 'mrn', 'field.taken');
  });

  it('explain bad fields in English and Arabic: national ID, phone, email, future birth date', async () => {
    const base = { hospitalId, nameEn: 'Bad Input', nameAr: 'مدخلات خاطئة' };
    const valid = nationalId();
    const badCheckDigit = `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
    for (const bad of [badCheckDigit, '3000000001', '12345', 'ABCDEFGHIJ']) {
      expectFieldError(await failure('patients.create', { ...base, mrn: `BAD-${nextSerial()}`, nationalId: bad }), 'nationalId', 'field.national_id');
    }
    for (const bad of ['12345', '0412345678', '+1 555', '05123']) {
      expectFieldError(await failure('patients.create', { ...base, mrn: `BAD-${nextSerial()}`, phone: bad }), 'phone', 'field.phone');
    }
    for (const bad of ['fahad@', 'fahad.example.sa', 'a b@example.sa']) {
      expectFieldError(await failure('patients.create', { ...base, mrn: `BAD-${nextSerial()}`, email: bad }), 'email', 'field.email');
    }
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expectFieldError(await failure('patients.create', { ...base, mrn: `BAD-${nextSerial()}`, birthDate: tomorrow }), 'birthDate', 'field.date_future');
    expectFieldError(await failure('patients.create', { ...base, mrn: `BAD-${nextSerial()}`, birthDate: '29/02/1980' }), 'birthDate', 'field.date');

    // several bad fields at once: each is named
    const many = await failure('patients.create', { ...base, mrn: 'BAD-MANY', nationalId: '12345', phone: '12', email: 'x', birthDate: tomorrow });
    expect(many.fields.map((f) => f.path).sort()).toEqual(['birthDate', 'email', 'nationalId', 'phone']);
    // and on an edit too
    const patient = await station.call('patients.create', { ...base, mrn: `OK-${nextSerial()}` }, admin);
    expectFieldError(await failure('patients.update', { id: patient.id, phone: '999' }), 'phone', 'field.phone');
  });
});

describe('patient search', () => {
  let ahmed: string;
  let amal: string;
  let other: string;
  const ahmedId = nationalId();

  beforeAll(async () => {
    ahmed = (
      await station.call(
        'patients.create',
        { hospitalId, mrn: 'SRCH-7781', nationalId: ahmedId, nameEn: 'Ahmed Al-Ghamdi', nameAr: 'أَحْمَد الغامدي', phone: '+966 55 700 8899' },
        admin,
      )
    ).id;
    amal = (await station.call('patients.create', { hospitalId, mrn: 'SRCH-7782', nameEn: 'Amal Otaibi', nameAr: 'آمال العتيبي', phone: mobile() }, admin)).id;
    other = (
      await station.call(
        'patients.create',
        { hospitalId: otherHospitalId, mrn: 'SRCH-7781', nameEn: 'Ahmed Elsewhere', nameAr: 'أحمد', phone: '0557008899' },
        admin,
      )
    ).id;
  });

  /** `null`: every hospital the admin sees. */
  async function find(q: string, hospital: string | null = hospitalId): Promise<string[]> {
    const page = await station.call('patients.search', { q, ...(hospital ? { hospitalId: hospital } : {}) }, admin);
    return page.items.map((p) => p.id);
  }

  it('finds by MRN in any case', async () => {
    expect(await find('SRCH-7781')).toEqual([ahmed]);
    expect(await find('srch-7781')).toEqual([ahmed]);
    expect(await find('  Srch-7781 ')).toEqual([ahmed]);
    expect((await find('srch-7781', null)).sort()).toEqual([ahmed, other].sort());
  });

  it('finds by national ID, also typed in Arabic-Indic digits', async () => {
    expect(await find(ahmedId)).toEqual([ahmed]);
    const arabicDigits = ahmedId.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    expect(await find(arabicDigits)).toEqual([ahmed]);
  });

  it('finds by phone typed as 05XXXXXXXX, 5XXXXXXXX or +966', async () => {
    expect(await find('0557008899')).toEqual([ahmed]);
    expect(await find('055 700 8899')).toEqual([ahmed]);
    expect(await find('557008899')).toEqual([ahmed]);
    expect(await find('+966557008899')).toEqual([ahmed]);
  });

  it('finds an Arabic name prefix with or without diacritics, with أ or ا', async () => {
    for (const q of ['أحمد', 'احمد', 'أَحْمَد', 'اح', 'أح', 'أَح', 'الغامدي', 'الغا', 'احمد الغ']) {
      expect(await find(q), q).toEqual([ahmed]);
    }
    for (const q of ['امال', 'آمال', 'أمال', 'العتيب']) {
      expect(await find(q), q).toEqual([amal]);
    }
  });

  it('finds an English name prefix in any case, word by word', async () => {
    for (const q of ['ahmed', 'AHMED', 'Ahm', 'al-gh', 'ghamdi', 'ahmed al', 'AHMED GHAM']) {
      expect(await find(q), q).toEqual([ahmed]);
    }
    expect(await find('otaibi amal')).toEqual([amal]);
    expect(await find('hmed')).toEqual([]);
    expect(await find('ahmedx')).toEqual([]);
  });

  it('keeps a renamed patient findable by the new name only', async () => {
    await station.call('patients.update', { id: amal, nameEn: 'Amira Otaibi', nameAr: 'أميرة العتيبي' }, admin);
    expect(await find('amira')).toEqual([amal]);
    expect(await find('اميره')).toEqual([amal]);
    expect(await find('amal')).toEqual([]);
    expect(await find('امال')).toEqual([]);
  });

  it('pages with a stable total', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      made.push((await station.call('patients.create', { hospitalId, mrn: `PAGE-${i}`, nameEn: `Pagination Test ${i}`, nameAr: `اختبار ${i}` }, admin)).id);
    }
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push(await station.call('patients.search', { hospitalId, q: 'pagination', page, pageSize: 3 }, admin));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7]);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual(made.sort());

    const all = await station.call('patients.search', { hospitalId, pageSize: 4 }, admin);
    const inHospital = station.core.store.sqlite.prepare('SELECT count(*) FROM patients WHERE hospital_id = ?').pluck().get(hospitalId);
    expect(all.total).toBe(inHospital);
    expect(all.items).toHaveLength(4);
    const active = await station.call('patients.search', { hospitalId, active: false }, admin);
    expect(active.items.every((p) => !p.active)).toBe(true);
    expect(active.total).toBeGreaterThan(0);
  });

  it('pages physicians and hospitals with totals too', async () => {
    for (let i = 0; i < 5; i += 1) {
      await station.call('physicians.create', { hospitalId: otherHospitalId, licenseNumber: `PG-${i}`, nameEn: `Dr Page ${i}`, nameAr: `د. صفحة ${i}` }, admin);
    }
    const first = await station.call('physicians.list', { hospitalId: otherHospitalId, q: 'page', pageSize: 2 }, admin);
    const third = await station.call('physicians.list', { hospitalId: otherHospitalId, q: 'page', pageSize: 2, page: 3 }, admin);
    expect([first.total, third.total]).toEqual([5, 5]);
    expect([first.items.length, third.items.length]).toEqual([2, 1]);
    const hospitals = await station.call('hospitals.list', { pageSize: 1, page: 2 }, admin);
    expect(hospitals.total).toBe(3);
    expect(hospitals.items).toHaveLength(1);
  });
});

describe('a failed create leaves nothing half-written', () => {
  const snapshot = () => ({
    patients: count('patients'),
    physicians: count('physicians'),
    employees: count('employees'),
    departments: count('departments'),
    hospitals: count('hospitals'),
    sync_outbox: count('sync_outbox'),
    audit_log: count('audit_log'),
  });

  it('writes no row, no outbox message and no audit entry', async () => {
    const department = (await station.call('departments.list', { hospitalId: otherHospitalId }, admin)).items[0]!.id;
    const coordinator = await station.call(
      'users.create',
      { username: 'coord.olaya', password: TEST_PASSWORD, nameEn: 'Coordinator', nameAr: 'منسق', roleCode: 'px_coordinator', hospitalId },
      admin,
    );
    const coordinatorToken = await station.login(coordinator.username);
    const attempts: [string, unknown, string, number][] = [
      ['duplicate MRN', { hospitalId, mrn: 'OL-000001', nameEn: 'Dup', nameAr: 'مكرر' }, 'patients.create', 400],
      ['bad national ID', { hospitalId, mrn: 'NEW-1', nationalId: '1000000000', nameEn: 'Bad', nameAr: 'خطأ' }, 'patients.create', 400],
      ['future birth date', { hospitalId, mrn: 'NEW-2', nameEn: 'Bad', nameAr: 'خطأ', birthDate: '2999-01-01' }, 'patients.create', 400],
      ['unknown hospital', { hospitalId: '0190f000-0000-7000-8000-000000000001', mrn: 'NEW-3', nameEn: 'Bad', nameAr: 'خطأ' }, 'patients.create', 404],
      ['duplicate licence', { hospitalId, licenseNumber: 'SCFHS-1001', nameEn: 'Dup', nameAr: 'مكرر' }, 'physicians.create', 400],
      [
        'department of another hospital',
        { hospitalId, departmentId: department, licenseNumber: 'NEW-L', nameEn: 'Bad', nameAr: 'خطأ' },
        'physicians.create',
        400,
      ],
      ['duplicate employee number', { hospitalId, employeeNumber: 'EMP-001', nameEn: 'Dup', nameAr: 'مكرر' }, 'employees.create', 400],
      ['duplicate department code', { hospitalId, code: 'MED', nameEn: 'Dup', nameAr: 'مكرر' }, 'departments.create', 400],
      ['duplicate hospital code', { code: 'OLAYA', nameEn: 'Dup', nameAr: 'مكرر' }, 'hospitals.create', 400],
    ];
    for (const [why, input, name, status] of attempts) {
      const before = snapshot();
      expect((await failure(name, input)).status, why).toBe(status);
      expect(snapshot(), why).toEqual(before);
    }
    // a refused call writes only its own audit entry (auth.denied), nothing else
    const before = snapshot();
    expect((await failure('physicians.create', { hospitalId, licenseNumber: 'NEW-X', nameEn: 'X', nameAr: 'س' }, coordinatorToken)).status).toBe(403);
    expect(snapshot()).toEqual({ ...before, audit_log: before.audit_log + 1 });
    // an out-of-scope create is refused and audited too, and writes nothing else
    const again = snapshot();
    expect((await failure('patients.create', { hospitalId: otherHospitalId, mrn: 'NEW-4', nameEn: 'X', nameAr: 'س' }, coordinatorToken)).status).toBe(403);
    expect(snapshot()).toEqual({ ...again, audit_log: again.audit_log + 1 });
  });

  it('a successful create writes its row, its outbox messages and one audit entry together', async () => {
    const before = snapshot();
    const patient = await station.call('patients.create', { hospitalId, mrn: 'WHOLE-1', nameEn: 'Whole', nameAr: 'كامل', phone: mobile() }, admin);
    const after = snapshot();
    expect(after.patients).toBe(before.patients + 1);
    expect(after.audit_log).toBe(before.audit_log + 1);
    // one outbox entry for the write, carrying one message per synced cell
    const messages = station.core.store.sqlite.prepare('SELECT count(*) FROM sync_messages WHERE row_id = ?').pluck().get(patient.id) as number;
    expect(messages).toBeGreaterThan(10);
    expect(after.sync_outbox).toBe(before.sync_outbox + 1);
  });

  it('leaves the audit chain intact after all of the above', async () => {
    expect(await station.call('audit.verify', {}, admin)).toMatchObject({ ok: true, firstBroken: null });
  });
});
