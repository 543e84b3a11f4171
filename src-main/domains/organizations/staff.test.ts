/**
 * Physicians and employees as the PX office keeps them: edits and
 * deactivations audited with before and after, a licence unique in the
 * whole group and an employee number unique per hospital, contact details
 * normalised, and an employee linked to a user account that exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../core/context.js';
import { DomainHarness, expectFieldError } from '../../../test/harness/domain-harness.js';

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

describe('physicians', () => {
  it('are created, edited, deactivated and audited; a taken licence is refused on licenseNumber', async () => {
    const dr = await h.call(admin, 'physicians.create', {
      hospitalId,
      licenseNumber: 'SCFHS-1001',
      nameEn: 'Dr Huda Al-Qahtani',
      nameAr: 'د. هدى القحطاني',
      specialty: 'Cardiology',
      phone: '0551234567',
      email: 'Huda@Example.SA',
    });
    expect(dr).toMatchObject({ phone: '+966551234567', email: 'huda@example.sa', departmentId: null, active: true });
    expect(h.lastAudit(dr.id)).toMatchObject({ action: 'physicians.create', after: { license_number: 'SCFHS-1001', phone: '+966551234567' } });

    const edited = await h.call(admin, 'physicians.update', { id: dr.id, specialty: 'Interventional Cardiology', phone: '' });
    expect(edited).toMatchObject({ specialty: 'Interventional Cardiology', phone: null });
    expect(h.lastAudit(dr.id)).toMatchObject({
      action: 'physicians.update',
      before: { specialty: 'Cardiology', phone: '+966551234567' },
      after: { specialty: 'Interventional Cardiology', phone: null },
    });
    expect((await h.call(admin, 'physicians.setActive', { id: dr.id, active: false })).active).toBe(false);
    expect(h.lastAudit(dr.id)).toMatchObject({ action: 'physicians.deactivate' });

    // licences are national: taken in any hospital
    expectFieldError(
      await h.failure(admin, 'physicians.create', { hospitalId: otherHospitalId, licenseNumber: 'SCFHS-1001', nameEn: 'Copy', nameAr: 'نسخة' }),
      'licenseNumber',
      'field.taken',
    );
    const second = await h.call(admin, 'physicians.create', { hospitalId, licenseNumber: 'SCFHS-1002', nameEn: 'Dr Two', nameAr: 'د. اثنان' });
    expectFieldError(await h.failure(admin, 'physicians.update', { id: second.id, licenseNumber: 'SCFHS-1001' }), 'licenseNumber', 'field.taken');
    expectFieldError(
      await h.failure(admin, 'physicians.create', { hospitalId, licenseNumber: 'SCFHS-1003', nameEn: 'Dr Three', nameAr: 'د. ثلاثة', email: 'not-an-email' }),
      'email',
      'field.email',
    );
  });
});

describe('employees', () => {
  it('are created, edited, deactivated and audited; a taken number is refused on employeeNumber', async () => {
    const clerk = await h.call(admin, 'employees.create', {
      hospitalId,
      employeeNumber: 'EMP-001',
      nameEn: 'Sara Al-Harbi',
      nameAr: 'سارة الحربي',
      jobTitle: 'Front desk',
    });
    expect(h.lastAudit(clerk.id)).toMatchObject({ action: 'employees.create', hospitalId, after: { employee_number: 'EMP-001', job_title: 'Front desk' } });
    const edited = await h.call(admin, 'employees.update', { id: clerk.id, jobTitle: 'PX officer', email: 'sara@example.sa' });
    expect(edited).toMatchObject({ jobTitle: 'PX officer', email: 'sara@example.sa' });
    expect(h.lastAudit(clerk.id)).toMatchObject({
      before: { job_title: 'Front desk', email: null },
      after: { job_title: 'PX officer', email: 'sara@example.sa' },
    });
    expect((await h.call(admin, 'employees.setActive', { id: clerk.id, active: false })).active).toBe(false);
    expect(h.lastAudit(clerk.id)).toMatchObject({ action: 'employees.deactivate' });

    expectFieldError(
      await h.failure(admin, 'employees.create', { hospitalId, employeeNumber: 'EMP-001', nameEn: 'Copy', nameAr: 'نسخة' }),
      'employeeNumber',
      'field.taken',
    );
    const elsewhere = await h.call(admin, 'employees.create', { hospitalId: otherHospitalId, employeeNumber: 'EMP-001', nameEn: 'Other', nameAr: 'آخر' });
    expect(elsewhere.employeeNumber).toBe('EMP-001');
  });

  it('links to a user account', async () => {
    const user = h.as('staff', { hospitalId, username: 'sara.h' }).me.user;
    const linked = await h.call(admin, 'employees.create', { hospitalId, employeeNumber: 'EMP-002', nameEn: 'Sara', nameAr: 'سارة', userId: user.id });
    expect(linked.userId).toBe(user.id);
    expectFieldError(
      await h.failure(admin, 'employees.create', {
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
