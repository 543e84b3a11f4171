import { describe, expect, it } from 'vitest';
import { contract } from './contract/index.js';
import { fieldErrorsFromZod } from './errors.js';
import { MESSAGES } from './messages.js';

function errorsFor(name: keyof typeof contract, input: unknown) {
  const result = contract[name].input.safeParse(input);
  if (result.success) throw new Error('expected invalid input');
  return fieldErrorsFromZod(result.error);
}

describe('field errors', () => {
  it('name the field and say it in both languages', () => {
    const errors = errorsFor('patients.create', { hospitalId: 'x', mrn: '', nameEn: 'A', nameAr: 'ب', phone: '123', email: 'no' });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.key]));
    expect(byPath).toMatchObject({ hospitalId: 'field.invalid', mrn: 'field.required', phone: 'field.phone', email: 'field.email' });
    for (const e of errors) {
      expect(e.message.en.length).toBeGreaterThan(0);
      expect(e.message.ar).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('tell a missing field from one of the wrong type (with reportInput)', () => {
    const result = contract['patients.create'].input.safeParse({ mrn: 5, nameEn: 'A', nameAr: 'ب' }, { reportInput: true });
    if (result.success) throw new Error('expected invalid input');
    const byPath = Object.fromEntries(fieldErrorsFromZod(result.error).map((e) => [e.path, e.key]));
    expect(byPath).toMatchObject({ mrn: 'field.invalid_type', hospitalId: 'field.required' });
  });

  it('reject unknown fields instead of ignoring them', () => {
    expect(errorsFor('hospitals.create', { code: 'OLAYA', nameEn: 'a', nameAr: 'ب', sneaky: 1 })).toEqual([expect.objectContaining({ key: 'field.unknown' })]);
  });

  it('every message has English and Arabic text', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      expect(text.en, key).not.toBe('');
      expect(text.ar, key).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
