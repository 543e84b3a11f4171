import { describe, expect, it } from 'vitest';
import { isValidSaudiId, normalizeNameForSearch, normalizePhone, withSaudiIdCheckDigit, unsafeTextReason } from './identity.js';
import { uuidv7, UUID_PATTERN } from './ids.js';

describe('Saudi national ID / iqama', () => {
  it.each([
    ['1000000008', true],
    ['1000000009', false],
    ['3000000008', false],
    ['100000000', false],
    ['10000000081', false],
    ['10000000a8', false],
  ])('%s valid: %s', (id, valid) => {
    expect(isValidSaudiId(id)).toBe(valid);
  });

  it('completes any 9 digits to a valid ID', () => {
    for (const nine of ['101234567', '212345678', '199999999']) expect(isValidSaudiId(withSaudiIdCheckDigit(nine))).toBe(true);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['0551234567', '+966551234567'],
    ['055 123 4567', '+966551234567'],
    ['+966 55 123 4567', '+966551234567'],
    ['00966551234567', '+966551234567'],
    ['٠٥٥١٢٣٤٥٦٧', '+966551234567'],
    ['+201001234567', '+201001234567'],
    ['0112345678', null],
    ['hello', null],
  ])('%s → %s', (raw, want) => {
    expect(normalizePhone(raw)).toBe(want);
  });
});

describe('normalizeNameForSearch', () => {
  it.each([
    ['مُحَمَّد', 'محمد'],
    ['أحمد إبراهيم', 'احمد ابراهيم'],
    ['فاطمة', 'فاطمه'],
    ['مصطفى', 'مصطفي'],
    ['Al-Qahtani', 'al qahtani'],
    ['José  ÁLVAREZ', 'jose alvarez'],
  ])('%s → %s', (raw, want) => {
    expect(normalizeNameForSearch(raw)).toBe(want);
  });
});

describe('uuidv7', () => {
  it('is a v7 UUID and sorts by creation', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
    expect(ids[0]![14]).toBe('7');
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('text people read back as a record’s identity', () => {
  it.each([
    ['سارة القحطاني', null],
    ['Sara Al-Qahtani', null],
    ['مُحَمَّد', null], // harakat are letters' marks, kept
    ['می‌خواهم', null], // a ZWNJ inside a word, kept
    ['MRN-1001', null],
    ['Sara\u202Eevil', 'bad_characters'], // right-to-left override: "Sara" + reversed text on screen
    ['\u2067سارة\u2069', 'bad_characters'], // isolates
    ['Sara\u0000', 'bad_characters'],
    ['Sara\tSmith', 'bad_characters'],
    ['Sara\u0085', 'bad_characters'], // C1 next line
    ['Sara\uD800', 'bad_characters'], // a lone surrogate
    ['\u200B\u200B', 'invisible'], // zero-width spaces only
    ['\u200C', 'invisible'],
    ['\u0651', 'invisible'], // a mark with no letter
  ] as const)('%j → %s', (value, reason) => {
    expect(unsafeTextReason(value)).toBe(reason);
  });
});
