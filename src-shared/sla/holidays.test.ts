import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessMinutesBetween } from './business-time.js';
import { type HolidayProposal, isConfirmed, proposedHolidays } from './holidays.js';

type Override = NonNullable<BusinessCalendar['overrides']>[number];

const ALL_DAY: Array<[string, string]> = [['00:00', '24:00']];
const weekly: BusinessCalendar['weekly'] = { 0: ALL_DAY, 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY };
const calendarWith = (overrides: Override[] | undefined): BusinessCalendar => ({ timeZone: 'Asia/Riyadh', weekly, ...(overrides ? { overrides } : {}) });

/** Eid al-Fitr 1447 as the Umm al-Qura calendar proposes it: 1–3 Shawwal. */
const fitr: HolidayProposal = { key: 'eid_al_fitr_2026-03-20', nameEn: 'Eid al-Fitr', nameAr: 'عيد الفطر', from: '2026-03-20', to: '2026-03-22' };
const ramadanHours: Override = { from: '2026-02-18', to: '2026-03-22', hours: [['10:00', '15:00']] };
const eidClosed: Override = { from: '2026-03-20', to: '2026-03-22', hours: 'closed' };

describe('isConfirmed', () => {
  it.each<[string, Override[] | undefined, boolean]>([
    // [case, the calendar's overrides, confirmed]
    ['no overrides at all', undefined, false],
    ['an empty list', [], false],
    ['one closed override of exactly its days', [eidClosed], true],
    ['a closed override wider than its days', [{ from: '2026-03-18', to: '2026-03-25', hours: 'closed' }], true],
    ['a closed override missing its last day', [{ from: '2026-03-20', to: '2026-03-21', hours: 'closed' }], false],
    ['a closed override missing its first day', [{ from: '2026-03-21', to: '2026-03-22', hours: 'closed' }], false],
    [
      'its days closed by two adjoining overrides',
      [
        { from: '2026-03-20', to: '2026-03-20', hours: 'closed' },
        { from: '2026-03-21', to: '2026-03-22', hours: 'closed' },
      ],
      true,
    ],
    ['closed, then reopened by Ramadan hours later in the list: the later wins', [eidClosed, ramadanHours], false],
    ['Ramadan hours, then closed later in the list: the later wins', [ramadanHours, eidClosed], true],
    ['closed, then one day reopened later in the list', [eidClosed, { from: '2026-03-21', to: '2026-03-21', hours: [['08:00', '12:00']] }], false],
    [
      'closed, reopened, then "closed" with its last day before its first: that covers no day',
      [eidClosed, ramadanHours, { from: '2026-03-22', to: '2026-03-20', hours: 'closed' }],
      false,
    ],
    ['closed, reopened, then all closed again', [eidClosed, ramadanHours, { ...eidClosed }], true],
    ['an override with no working periods closes the day as "closed" does', [{ from: '2026-03-20', to: '2026-03-22', hours: [] }], true],
    ['an override of other dates after it does not reopen it', [eidClosed, { from: '2026-03-23', to: '2026-03-30', hours: [['08:00', '16:00']] }], true],
    ['an override with a date being typed is skipped, not read', [eidClosed, { from: '', to: '2026-03-21', hours: [['08:00', '16:00']] }], true],
  ])('%s', (_case, overrides, confirmed) => {
    expect(isConfirmed(fitr, calendarWith(overrides))).toBe(confirmed);
  });

  it('agrees with business time: confirmed exactly when overrides leave no working minute in its days (a calendar open around the clock)', () => {
    // overrides over a week around the holiday, in any order, closed or with hours: business-time.ts decides which one wins a day
    const day = fc.integer({ min: 17, max: 25 }).map((d) => `2026-03-${String(d)}`);
    const hours = fc.oneof(
      fc.constant<'closed'>('closed'),
      fc.constant<Array<[string, string]>>([]),
      fc.constant<Array<[string, string]>>([['09:00', '13:00']]),
    );
    const override = fc.tuple(day, day, hours).map(([a, b, h]): Override => ({ from: a < b ? a : b, to: a < b ? b : a, hours: h }));
    fc.assert(
      fc.property(fc.array(override, { maxLength: 6 }), (overrides) => {
        const calendar = calendarWith(overrides);
        const working = businessMinutesBetween(new Date('2026-03-20T00:00:00+03:00'), new Date('2026-03-23T00:00:00+03:00'), calendar);
        expect(isConfirmed(fitr, calendar)).toBe(working === 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('proposedHolidays', () => {
  it.each<[number, string, string, string]>([
    // [year, holiday, first day, last day] — Umm al-Qura as ICU computes it
    [2026, 'eid_al_fitr', '2026-03-20', '2026-03-22'],
    [2026, 'eid_al_adha', '2026-05-26', '2026-05-29'],
    [2027, 'eid_al_fitr', '2027-03-09', '2027-03-11'],
    [2026, 'founding_day', '2026-02-22', '2026-02-22'],
    [2027, 'national_day', '2027-09-23', '2027-09-23'],
  ])('%i: %s from %s to %s', (year, key, from, to) => {
    expect(proposedHolidays(year).find((p) => p.key.startsWith(key))).toMatchObject({ from, to });
  });

  it('lists a year’s holidays in date order, each within the year', () => {
    for (const year of [2025, 2026, 2027, 2030]) {
      const proposals = proposedHolidays(year);
      expect(proposals.map((p) => p.from)).toEqual(proposals.map((p) => p.from).sort());
      expect(proposals.every((p) => p.from.startsWith(String(year)))).toBe(true);
    }
  });
});
