/**
 * Patients as a front desk and the PX office keep them: edits audited with
 * before and after, the MRN unique per hospital, bilingual field errors,
 * search the way people type (MRN in any case, national ID in Arabic-Indic
 * digits, phone in any local form, Arabic names with or without
 * diacritics) — and that a failed create of any record leaves nothing
 * behind while a successful one writes row, outbox and audit together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../core/context.js';
import { DomainHarness, expectFieldError } from '../../../test/harness/domain-harness.js';
import { mobile, nationalId, nextSerial } from '../../../test/fixtures/group.js';

let h: DomainHarness;
let admin: Caller;
let hospitalId: string;
let otherHospitalId: string;

beforeAll(async () => {
  h = await DomainHarness.open();
  admin = h.as('px_admin', { username: 'px.admin' });
  hospitalId = h.hospital('OLAYA').id;
  otherHospitalId = h.hospital('KHOBAR').id;
});

afterAll(() => h.close());

describe('patients', () => {
  it('are created, edited, deactivated and audited; MRN is unique per hospital', async () => {
    const id = nationalId();
    const patient = await h.call(admin, 'patients.create', {
      hospitalId,
      mrn: 'OL-000001',
      nationalId: id,
      nameEn: 'Fahad Al-Dosari',
      nameAr: 'فهد الدوسري',
      phone: '0501112233',
      birthDate: '1980-02-29',
      gender: 'M',
    });
    expect(patient).toMatchObject({ phone: '+966501112233', preferredLanguage: 'ar', birthDate: '1980-02-29', nationalId: id });
    expect(h.lastAudit(patient.id)).toMatchObject({ action: 'patients.create', hospitalId, actor: 'px.admin', after: { mrn: 'OL-000001', national_id: id } });
    expect(h.lastAudit(patient.id).after).not.toHaveProperty('name_search');

    const edited = await h.call(admin, 'patients.update', { id: patient.id, nameEn: 'Fahad Saad Al-Dosari', preferredLanguage: 'en' });
    expect(edited).toMatchObject({ nameEn: 'Fahad Saad Al-Dosari', preferredLanguage: 'en', mrn: 'OL-000001' });
    expect(h.lastAudit(patient.id)).toMatchObject({
      action: 'patients.update',
      before: { name_en: 'Fahad Al-Dosari', preferred_language: 'ar' },
      after: { name_en: 'Fahad Saad Al-Dosari', preferred_language: 'en' },
    });
    expect((await h.call(admin, 'patients.setActive', { id: patient.id, active: false })).active).toBe(false);
    expect(h.lastAudit(patient.id)).toMatchObject({ action: 'patients.deactivate', before: { active: 1 }, after: { active: 0 } });

    expectFieldError(await h.failure(admin, 'patients.create', { hospitalId, mrn: 'OL-000001', nameEn: 'Copy', nameAr: 'نسخة' }), 'mrn', 'field.taken');
    const sameMrnElsewhere = await h.call(admin, 'patients.create', { hospitalId: otherHospitalId, mrn: 'OL-000001', nameEn: 'Other', nameAr: 'آخر' });
    expect(sameMrnElsewhere.mrn).toBe('OL-000001');
    const second = await h.call(admin, 'patients.create', { hospitalId, mrn: 'OL-000002', nameEn: 'Second', nameAr: 'الثاني' });
    expectFieldError(await h.failure(admin, 'patients.update', { id: second.id, mrn: 'OL-000001' }), 'mrn', 'field.taken');
  });

  it('explain bad fields in English and Arabic: national ID, phone, email, future birth date', async () => {
    const base = { hospitalId, nameEn: 'Bad Input', nameAr: 'مدخلات خاطئة' };
    const valid = nationalId();
    const badCheckDigit = `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
    for (const bad of [badCheckDigit, '3000000001', '12345', 'ABCDEFGHIJ']) {
      expectFieldError(await h.failure(admin, 'patients.create', { ...base, mrn: `BAD-${nextSerial()}`, nationalId: bad }), 'nationalId', 'field.national_id');
    }
    for (const bad of ['12345', '0412345678', '+1 555', '05123']) {
      expectFieldError(await h.failure(admin, 'patients.create', { ...base, mrn: `BAD-${nextSerial()}`, phone: bad }), 'phone', 'field.phone');
    }
    for (const bad of ['fahad@', 'fahad.example.sa', 'a b@example.sa']) {
      expectFieldError(await h.failure(admin, 'patients.create', { ...base, mrn: `BAD-${nextSerial()}`, email: bad }), 'email', 'field.email');
    }
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expectFieldError(await h.failure(admin, 'patients.create', { ...base, mrn: `BAD-${nextSerial()}`, birthDate: tomorrow }), 'birthDate', 'field.date_future');
    expectFieldError(await h.failure(admin, 'patients.create', { ...base, mrn: `BAD-${nextSerial()}`, birthDate: '29/02/1980' }), 'birthDate', 'field.date');

    // several bad fields at once: each is named
    const many = await h.failure(admin, 'patients.create', { ...base, mrn: 'BAD-MANY', nationalId: '12345', phone: '12', email: 'x', birthDate: tomorrow });
    expect(many.fields.map((f) => f.path).sort()).toEqual(['birthDate', 'email', 'nationalId', 'phone']);
    // and on an edit too
    const patient = await h.call(admin, 'patients.create', { ...base, mrn: `OK-${nextSerial()}` });
    expectFieldError(await h.failure(admin, 'patients.update', { id: patient.id, phone: '999' }), 'phone', 'field.phone');
  });
});

describe('patient search', () => {
  let ahmed: string;
  let amal: string;
  let other: string;
  const ahmedId = nationalId();

  beforeAll(async () => {
    ahmed = (
      await h.call(admin, 'patients.create', {
        hospitalId,
        mrn: 'SRCH-7781',
        nationalId: ahmedId,
        nameEn: 'Ahmed Al-Ghamdi',
        nameAr: 'أَحْمَد الغامدي',
        phone: '+966 55 700 8899',
      })
    ).id;
    amal = (await h.call(admin, 'patients.create', { hospitalId, mrn: 'SRCH-7782', nameEn: 'Amal Otaibi', nameAr: 'آمال العتيبي', phone: mobile() })).id;
    other = (
      await h.call(admin, 'patients.create', { hospitalId: otherHospitalId, mrn: 'SRCH-7781', nameEn: 'Ahmed Elsewhere', nameAr: 'أحمد', phone: '0557008899' })
    ).id;
  });

  /** `null`: every hospital the admin sees. */
  async function find(q: string, hospital: string | null = hospitalId): Promise<string[]> {
    const page = await h.call(admin, 'patients.search', { q, ...(hospital ? { hospitalId: hospital } : {}) });
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
    await h.call(admin, 'patients.update', { id: amal, nameEn: 'Amira Otaibi', nameAr: 'أميرة العتيبي' });
    expect(await find('amira')).toEqual([amal]);
    expect(await find('اميره')).toEqual([amal]);
    expect(await find('amal')).toEqual([]);
    expect(await find('امال')).toEqual([]);
  });

  it('pages with a stable total', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      made.push((await h.call(admin, 'patients.create', { hospitalId, mrn: `PAGE-${i}`, nameEn: `Pagination Test ${i}`, nameAr: `اختبار ${i}` })).id);
    }
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push(await h.call(admin, 'patients.search', { hospitalId, q: 'pagination', page, pageSize: 3 }));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7]);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual(made.sort());

    const all = await h.call(admin, 'patients.search', { hospitalId, pageSize: 4 });
    const inHospital = h.core.store.sqlite.prepare('SELECT count(*) FROM patients WHERE hospital_id = ?').pluck().get(hospitalId);
    expect(all.total).toBe(inHospital);
    expect(all.items).toHaveLength(4);
    const active = await h.call(admin, 'patients.search', { hospitalId, active: false });
    expect(active.items.every((p) => !p.active)).toBe(true);
    expect(active.total).toBeGreaterThan(0);
  });
});

describe('a failed create leaves nothing half-written', () => {
  const snapshot = () => ({
    patients: h.count('patients'),
    physicians: h.count('physicians'),
    employees: h.count('employees'),
    departments: h.count('departments'),
    hospitals: h.count('hospitals'),
    sync_outbox: h.count('sync_outbox'),
    audit_log: h.count('audit_log'),
  });

  /** A department of the other hospital; and the licence, employee number and department code each attempt below repeats. */
  let department: string;
  beforeAll(async () => {
    department = (await h.call(admin, 'departments.create', { hospitalId: otherHospitalId, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' })).id;
    await h.call(admin, 'departments.create', { hospitalId, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' });
    await h.call(admin, 'physicians.create', { hospitalId, licenseNumber: 'SCFHS-1001', nameEn: 'Dr Huda', nameAr: 'د. هدى' });
    await h.call(admin, 'employees.create', { hospitalId, employeeNumber: 'EMP-001', nameEn: 'Sara', nameAr: 'سارة' });
  });

  it('writes no row, no outbox message and no audit entry', async () => {
    const coordinator = h.as('px_coordinator', { hospitalId, username: 'coord.olaya' });
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
      expect((await h.failure(admin, name, input)).status, why).toBe(status);
      expect(snapshot(), why).toEqual(before);
    }
    // a refused call writes only its own audit entry (auth.denied), nothing else
    const before = snapshot();
    expect((await h.failure(coordinator, 'physicians.create', { hospitalId, licenseNumber: 'NEW-X', nameEn: 'X', nameAr: 'س' })).status).toBe(403);
    expect(snapshot()).toEqual({ ...before, audit_log: before.audit_log + 1 });
    // an out-of-scope create is refused and audited too, and writes nothing else
    const again = snapshot();
    expect((await h.failure(coordinator, 'patients.create', { hospitalId: otherHospitalId, mrn: 'NEW-4', nameEn: 'X', nameAr: 'س' })).status).toBe(403);
    expect(snapshot()).toEqual({ ...again, audit_log: again.audit_log + 1 });
  });

  it('a successful create writes its row, its outbox messages and one audit entry together', async () => {
    const before = snapshot();
    const patient = await h.call(admin, 'patients.create', { hospitalId, mrn: 'WHOLE-1', nameEn: 'Whole', nameAr: 'كامل', phone: mobile() });
    const after = snapshot();
    expect(after.patients).toBe(before.patients + 1);
    expect(after.audit_log).toBe(before.audit_log + 1);
    // one outbox entry for the write, carrying one message per synced cell
    const messages = h.core.store.sqlite.prepare('SELECT count(*) FROM sync_messages WHERE row_id = ?').pluck().get(patient.id) as number;
    expect(messages).toBeGreaterThan(10);
    expect(after.sync_outbox).toBe(before.sync_outbox + 1);
  });

  it('leaves the audit chain intact after all of the above', async () => {
    expect(await h.call(admin, 'audit.verify', {})).toMatchObject({ ok: true, firstBroken: null });
  });
});
