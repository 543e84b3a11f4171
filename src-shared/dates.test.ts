import { describe, expect, it } from 'vitest';
import { dateTimeParts, endOfDayUtc, formatAgo, formatDate, formatDateTime, startOfDayUtc, type DisplayLanguage } from './dates.js';

describe('formatDateTime', () => {
  const cases: Array<{ name: string; value: string; language: DisplayLanguage; timeZone?: string; expected: string }> = [
    { name: 'noon UTC is 15:00 in Riyadh', value: '2025-03-01T12:00:00Z', language: 'en', expected: '1 Mar 2025, 15:00 · 1 Ramadan 1446 AH' },
    { name: 'same moment in Arabic, Latin digits', value: '2025-03-01T12:00:00Z', language: 'ar', expected: '1 مارس 2025، 15:00 · 1 رمضان 1446 هـ' },
    {
      name: 'late evening UTC is the next day in Riyadh (both calendars)',
      value: '2025-03-01T22:30:00.000Z',
      language: 'en',
      expected: '2 Mar 2025, 01:30 · 2 Ramadan 1446 AH',
    },
    { name: 'new year in Riyadh while still 31 Dec in UTC', value: '2024-12-31T21:00:00Z', language: 'ar', expected: '1 يناير 2025، 00:00 · 1 رجب 1446 هـ' },
    {
      name: 'the hospital zone is honoured',
      value: '2025-03-01T12:00:00Z',
      language: 'en',
      timeZone: 'Asia/Dubai',
      expected: '1 Mar 2025, 16:00 · 1 Ramadan 1446 AH',
    },
    { name: 'a half-hour zone', value: '2025-03-01T12:00:00Z', language: 'en', timeZone: 'Asia/Kolkata', expected: '1 Mar 2025, 17:30 · 1 Ramadan 1446 AH' },
    { name: 'Eid al-Fitr 1446', value: '2025-03-30T09:00:00Z', language: 'en', expected: '30 Mar 2025, 12:00 · 1 Shawwal 1446 AH' },
    { name: 'unreadable text is shown as given', value: 'not a date', language: 'en', expected: 'not a date' },
    { name: 'empty shows a dash', value: '', language: 'ar', expected: '—' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(formatDateTime(c.value, { language: c.language, timeZone: c.timeZone })).toBe(c.expected);
    });
  }

  it('shows a dash for null', () => {
    expect(formatDateTime(null, { language: 'en' })).toBe('—');
  });
});

describe('formatDate', () => {
  const cases: Array<{ name: string; value: string; language: DisplayLanguage; timeZone?: string; expected: string }> = [
    {
      name: 'a birth date is that calendar day in any zone',
      value: '1990-07-15',
      language: 'en',
      timeZone: 'Pacific/Kiritimati',
      expected: '15 Jul 1990 · 22 Dhuʻl-Hijjah 1410 AH',
    },
    { name: 'a birth date in Arabic', value: '1990-07-15', language: 'ar', expected: '15 يوليو 1990 · 22 ذو الحجة 1410 هـ' },
    { name: 'a timestamp takes the day in the hospital zone', value: '2025-03-01T22:30:00Z', language: 'en', expected: '2 Mar 2025 · 2 Ramadan 1446 AH' },
    { name: 'a day that does not exist is shown as given', value: '2025-02-30', language: 'en', expected: '2025-02-30' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(formatDate(c.value, { language: c.language, timeZone: c.timeZone })).toBe(c.expected);
    });
  }
});

describe('dateTimeParts', () => {
  it('gives the two calendars separately', () => {
    expect(dateTimeParts('2025-03-01T12:00:00Z', { language: 'en' })).toEqual({ gregorian: '1 Mar 2025, 15:00', hijri: '1 Ramadan 1446 AH' });
  });
  it('answers null for unreadable text', () => {
    expect(dateTimeParts('yesterday', { language: 'ar' })).toBeNull();
  });
  it.each([
    ['en', '1 Mar 2025, 15:00:07'],
    ['ar', '1 مارس 2025، 15:00:07'],
  ] as const)('shows the clock to the second when asked (%s)', (language, gregorian) => {
    expect(dateTimeParts('2025-03-01T12:00:07.400Z', { language, seconds: true })?.gregorian).toBe(gregorian);
  });
});

describe('day bounds in a hospital zone', () => {
  const cases: Array<{ date: string; timeZone: string; start: string | null; end: string | null }> = [
    { date: '2025-03-01', timeZone: 'Asia/Riyadh', start: '2025-02-28T21:00:00.000Z', end: '2025-03-01T20:59:59.999Z' },
    { date: '2025-03-01', timeZone: 'UTC', start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T23:59:59.999Z' },
    // the clocks go forward at 02:00: the day is 23 hours long
    { date: '2025-03-09', timeZone: 'America/New_York', start: '2025-03-09T05:00:00.000Z', end: '2025-03-10T03:59:59.999Z' },
    { date: '2025-03-31', timeZone: 'Europe/London', start: '2025-03-30T23:00:00.000Z', end: '2025-03-31T22:59:59.999Z' },
    { date: '2025-02-30', timeZone: 'Asia/Riyadh', start: null, end: null },
    { date: '1/3/2025', timeZone: 'Asia/Riyadh', start: null, end: null },
  ];
  for (const c of cases) {
    it(`${c.date} in ${c.timeZone}`, () => {
      expect(startOfDayUtc(c.date, c.timeZone)).toBe(c.start);
      expect(endOfDayUtc(c.date, c.timeZone)).toBe(c.end);
    });
  }
});

describe('formatAgo', () => {
  const MINUTE = 60_000;
  const cases: Array<{ ms: number; language: DisplayLanguage; expected: string }> = [
    { ms: 0, language: 'en', expected: '0 seconds ago' },
    { ms: 42_500, language: 'en', expected: '42 seconds ago' },
    { ms: 10 * MINUTE, language: 'en', expected: '10 minutes ago' },
    { ms: 10 * MINUTE, language: 'ar', expected: 'قبل 10 دقائق' },
    { ms: 59 * MINUTE + 59_999, language: 'en', expected: '59 minutes ago' },
    { ms: 60 * MINUTE, language: 'en', expected: '1 hour ago' },
    { ms: 47 * 60 * MINUTE, language: 'en', expected: '47 hours ago' },
    { ms: 48 * 60 * MINUTE, language: 'en', expected: '2 days ago' },
    { ms: 12 * 24 * 60 * MINUTE, language: 'ar', expected: 'قبل 12 يومًا' },
    { ms: -5_000, language: 'en', expected: '0 seconds ago' }, // a clock set back does not make figures young
  ];
  for (const c of cases) {
    it(`${c.ms} ms in ${c.language} is "${c.expected}"`, () => {
      expect(formatAgo(c.ms, c.language)).toBe(c.expected);
    });
  }
});
