/**
 * Hospitals and department trees as the PX office keeps them: edits and
 * deactivations audited with before and after, codes unique where they must
 * be, no department under itself or in another hospital's tree, and lists
 * paged with a stable total.
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
  hospitalId = (await h.call(admin, 'hospitals.create', { code: 'OLAYA', nameEn: 'Olaya Medical Complex', nameAr: 'مجمع العليا الطبي' })).id;
  otherHospitalId = (await h.call(admin, 'hospitals.create', { code: 'KHOBAR', nameEn: 'Al Khobar General Hospital', nameAr: 'مستشفى الخبر العام' })).id;
});

afterAll(() => h.close());

describe('hospitals', () => {
  it('are created, edited and deactivated, each step audited with before and after', async () => {
    const created = await h.call(admin, 'hospitals.create', { code: ' jed-1 ', nameEn: 'Jeddah Specialist', nameAr: 'جدة التخصصي' });
    expect(created).toMatchObject({ code: 'JED-1', timeZone: 'Asia/Riyadh', active: true });
    expect(h.lastAudit(created.id)).toMatchObject({ action: 'hospitals.create', hospitalId: created.id, actor: 'px.admin', before: null });
    expect(h.lastAudit(created.id).after).toMatchObject({ code: 'JED-1', name_en: 'Jeddah Specialist', name_ar: 'جدة التخصصي', active: 1 });

    const edited = await h.call(admin, 'hospitals.update', { id: created.id, nameEn: 'Jeddah Specialist Hospital', timeZone: 'Asia/Aden' });
    expect(edited).toMatchObject({ nameEn: 'Jeddah Specialist Hospital', nameAr: 'جدة التخصصي', timeZone: 'Asia/Aden' });
    expect(h.lastAudit(created.id)).toMatchObject({
      action: 'hospitals.update',
      before: { name_en: 'Jeddah Specialist', time_zone: 'Asia/Riyadh' },
      after: { name_en: 'Jeddah Specialist Hospital', time_zone: 'Asia/Aden' },
    });

    const off = await h.call(admin, 'hospitals.setActive', { id: created.id, active: false });
    expect(off.active).toBe(false);
    expect(h.lastAudit(created.id)).toMatchObject({ action: 'hospitals.deactivate', before: { active: 1 }, after: { active: 0 } });
    expect((await h.call(admin, 'hospitals.list', { active: false })).items.map((x) => x.id)).toEqual([created.id]);
    const on = await h.call(admin, 'hospitals.setActive', { id: created.id, active: true });
    expect(on.active).toBe(true);
    expect(h.lastAudit(created.id)).toMatchObject({ action: 'hospitals.activate', before: { active: 0 }, after: { active: 1 } });
  });

  it('refuses a taken code on the code field, and an unknown time zone', async () => {
    expectFieldError(await h.failure(admin, 'hospitals.create', { code: 'olaya', nameEn: 'Copy', nameAr: 'نسخة' }), 'code', 'field.taken');
    expectFieldError(
      await h.failure(admin, 'hospitals.create', { code: 'MARS', nameEn: 'Mars', nameAr: 'المريخ', timeZone: 'Mars/Olympus' }),
      'timeZone',
      'field.time_zone',
    );
    expectFieldError(await h.failure(admin, 'hospitals.create', { code: 'x', nameEn: 'X', nameAr: 'س' }), 'code', 'field.code');
  });
});

describe('departments', () => {
  let med: string;
  let card: string;
  let echo: string;

  it('form a tree, edited and deactivated with audit entries', async () => {
    med = (await h.call(admin, 'departments.create', { hospitalId, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' })).id;
    card = (await h.call(admin, 'departments.create', { hospitalId, code: 'CARD', parentId: med, nameEn: 'Cardiology', nameAr: 'القلب' })).id;
    echo = (await h.call(admin, 'departments.create', { hospitalId, code: 'ECHO', parentId: card, nameEn: 'Echo lab', nameAr: 'مختبر الإيكو' })).id;
    expect(h.lastAudit(echo)).toMatchObject({ action: 'departments.create', hospitalId, after: { parent_id: card, code: 'ECHO' } });

    const children = await h.call(admin, 'departments.list', { hospitalId, parentId: med });
    expect(children.items.map((d) => d.id)).toEqual([card]);

    const renamed = await h.call(admin, 'departments.update', { id: card, nameEn: 'Cardiology & Vascular', nameAr: 'القلب والأوعية' });
    expect(renamed).toMatchObject({ nameEn: 'Cardiology & Vascular', parentId: med });
    expect(h.lastAudit(card)).toMatchObject({
      action: 'departments.update',
      before: { name_en: 'Cardiology', name_ar: 'القلب' },
      after: { name_en: 'Cardiology & Vascular', name_ar: 'القلب والأوعية' },
    });

    expect((await h.call(admin, 'departments.setActive', { id: echo, active: false })).active).toBe(false);
    expect(h.lastAudit(echo)).toMatchObject({ action: 'departments.deactivate', before: { active: 1 }, after: { active: 0 } });
  });

  it('refuse a cycle: a department under itself or under its own descendant', async () => {
    for (const parentId of [med, card, echo]) {
      expectFieldError(await h.failure(admin, 'departments.update', { id: med, parentId }), 'parentId', 'error.department_cycle');
    }
    const unchanged = await h.call(admin, 'departments.get', { id: med });
    expect(unchanged.parentId).toBeNull();
    // moving a subtree elsewhere is fine
    const surg = (await h.call(admin, 'departments.create', { hospitalId, code: 'SURG', nameEn: 'Surgery', nameAr: 'الجراحة' })).id;
    expect((await h.call(admin, 'departments.update', { id: echo, parentId: surg })).parentId).toBe(surg);
    expect(h.lastAudit(echo)).toMatchObject({ before: { parent_id: card }, after: { parent_id: surg } });
  });

  it('refuse a taken code within the hospital, allow it in another, and refuse a parent from another hospital', async () => {
    expectFieldError(await h.failure(admin, 'departments.create', { hospitalId, code: 'med', nameEn: 'Medicine 2', nameAr: 'باطنة ٢' }), 'code', 'field.taken');
    const elsewhere = await h.call(admin, 'departments.create', { hospitalId: otherHospitalId, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' });
    expect(elsewhere.code).toBe('MED');
    expectFieldError(
      await h.failure(admin, 'departments.create', { hospitalId, code: 'MIXED', parentId: elsewhere.id, nameEn: 'Mixed', nameAr: 'مختلط' }),
      'parentId',
      'error.hospital_mismatch',
    );
    expectFieldError(await h.failure(admin, 'departments.update', { id: card, parentId: elsewhere.id }), 'parentId', 'error.hospital_mismatch');
  });
});

describe('lists', () => {
  it('page physicians and hospitals with totals', async () => {
    for (let i = 0; i < 5; i += 1) {
      await h.call(admin, 'physicians.create', { hospitalId: otherHospitalId, licenseNumber: `PG-${i}`, nameEn: `Dr Page ${i}`, nameAr: `د. صفحة ${i}` });
    }
    const first = await h.call(admin, 'physicians.list', { hospitalId: otherHospitalId, q: 'page', pageSize: 2 });
    const third = await h.call(admin, 'physicians.list', { hospitalId: otherHospitalId, q: 'page', pageSize: 2, page: 3 });
    expect([first.total, third.total]).toEqual([5, 5]);
    expect([first.items.length, third.items.length]).toEqual([2, 1]);
    const hospitals = await h.call(admin, 'hospitals.list', { pageSize: 1, page: 2 });
    expect(hospitals.total).toBe(3);
    expect(hospitals.items).toHaveLength(1);
  });
});
