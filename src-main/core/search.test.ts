import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainHarness } from '../../test/harness/domain-harness.js';
import { containsPattern, prefixPattern } from './search.js';

describe('search patterns', () => {
  it.each([
    ['LIC_7781', '%LIC\\_7781%'],
    ['50%', '%50\\%%'],
    ['a\\b', '%a\\\\b%'],
    ['plain', '%plain%'],
  ])('take %j literally', (typed, pattern) => {
    expect(containsPattern(typed)).toBe(pattern);
    expect(prefixPattern(typed)).toBe(pattern.slice(1));
  });
});

/**
 * What a person types is found as typed in every list: `_` and `%` are not
 * wildcards. Without the ESCAPE clause, `LIC_7781` also matched `LICX7781`
 * (or nothing, escaped), and users' search dropped the characters.
 */
describe('every list searches literally', () => {
  let h: DomainHarness;
  let admin: ReturnType<DomainHarness['as']>;
  let hospitalId: string;

  beforeAll(async () => {
    h = await DomainHarness.open();
    hospitalId = h.hospital('OLAYA').id;
    admin = h.as('px_admin');
    for (const licenseNumber of ['LIC_7781', 'LICX7781', 'LIC-7781'])
      await h.call(admin, 'physicians.create', { hospitalId, licenseNumber, nameEn: `Dr ${licenseNumber}`, nameAr: 'طبيب' });
    for (const [employeeNumber, jobTitle] of [
      ['E-50%', 'Half time'],
      ['E-500', 'Full time'],
    ] as const)
      await h.call(admin, 'employees.create', { hospitalId, employeeNumber, nameEn: `Nurse ${employeeNumber}`, nameAr: 'ممرض', jobTitle });
    for (const nameEn of ['Ward 5_B', 'Ward 5XB'])
      await h.call(admin, 'departments.create', { hospitalId, code: nameEn.slice(-3).replace('_', '-'), nameEn, nameAr: 'جناح' });
  });

  afterAll(() => h.close());

  it('finds a licence with an underscore, and only it', async () => {
    const found = await h.call(admin, 'physicians.list', { q: 'LIC_7781' });
    expect(found.items.map((p) => p.licenseNumber)).toEqual(['LIC_7781']);
  });

  it('finds an employee number with a percent sign, and only it', async () => {
    const found = await h.call(admin, 'employees.list', { q: '50%' });
    expect(found.items.map((e) => e.employeeNumber)).toEqual(['E-50%']);
  });

  it('finds a department name with an underscore, and only it', async () => {
    const found = await h.call(admin, 'departments.list', { q: '5_B' });
    expect(found.items.map((d) => d.nameEn)).toEqual(['Ward 5_B']);
  });

  it('finds a username with an underscore as typed', async () => {
    for (const username of ['ward_lead', 'wardxlead'])
      await h.call(admin, 'users.create', {
        username,
        password: 'Tall-Cedar-Window-93',
        nameEn: username,
        nameAr: 'مستخدم',
        roleCode: 'viewer',
        hospitalId,
        preferredLanguage: 'en',
      });
    const found = await h.call(admin, 'users.list', { q: 'ward_lead' });
    expect(found.items.map((u) => u.username)).toEqual(['ward_lead']);
  });

  it('filters the audit trail by an action prefix taken literally', async () => {
    const all = await h.call(admin, 'audit.list', { action: 'physicians.' });
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const literal = await h.call(admin, 'audit.list', { action: 'physicians_' });
    expect(literal.items).toEqual([]);
  });
});
