import { describe, expect, it } from 'vitest';
import { formValues } from './useForm.js';

describe('formValues', () => {
  const blank = { hospitalId: 'h-default', departmentId: '', nameEn: '', password: '', preferredLanguage: 'ar' };
  it.each<[string, Parameters<typeof formValues<typeof blank>>[1], typeof blank]>([
    ['a new record opens blank', null, blank],
    [
      'an edited record fills every field it has',
      { hospitalId: 'h1', departmentId: 'd1', nameEn: 'Sara', preferredLanguage: 'en' },
      { hospitalId: 'h1', departmentId: 'd1', nameEn: 'Sara', password: '', preferredLanguage: 'en' },
    ],
    [
      'a missing value is empty, not the default',
      { hospitalId: 'h1', departmentId: null, nameEn: 'Sara', preferredLanguage: 'ar' },
      { hospitalId: 'h1', departmentId: '', nameEn: 'Sara', password: '', preferredLanguage: 'ar' },
    ],
    ['a field the record lacks keeps its blank value', { nameEn: 'Sara' }, { ...blank, nameEn: 'Sara' }],
  ])('%s', (_, record, expected) => {
    expect(formValues(blank, record)).toEqual(expected);
  });

  it('takes no field the form does not have', () => {
    const record = { nameEn: 'Sara', id: 'u1', createdAt: '2025-01-01' };
    expect(Object.keys(formValues(blank, record)).sort()).toEqual(Object.keys(blank).sort());
  });
});
