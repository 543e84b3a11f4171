import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessCalendarSchema,
  businessMinutesBetween,
  isBusinessTime,
  nextBusinessInstant,
} from './business-time.js';

const SPLIT: Array<[string, string]> = [
  ['08:00', '12:00'],
  ['13:00', '16:00'],
];

/** Sunday to Thursday, a split shift, Friday and Saturday off; 30 March – 2 April 2025 closed (the research's test vector). */
const riyadh: BusinessCalendar = {
  timeZone: 'Asia/Riyadh',
  weekly: { 0: SPLIT, 1: SPLIT, 2: SPLIT, 3: SPLIT, 4: SPLIT, 5: [], 6: [] },
  overrides: [
    { from: '2025-03-30', to: '2025-04-02', hours: 'closed' },
    // Ramadan 1447: shorter hours
    { from: '2026-02-18', to: '2026-03-19', hours: [['10:00', '15:00']] },
    // a one-off closed day inside Ramadan: the later override wins
    { from: '2026-02-23', to: '2026-02-23', hours: 'closed' },
  ],
  // Eid al-Fitr 1447, from the end of the working day of 29 Ramadan
  closures: [{ start: '2026-03-18T15:00:00+03:00', end: '2026-03-23T00:00:00+03:00' }],
};

const ALL_DAY: Array<[string, string]> = [['00:00', '24:00']];
/** A ward that never closes, but for a closure across midnight. */
const roundTheClock: BusinessCalendar = {
  timeZone: 'Asia/Riyadh',
  weekly: { 0: ALL_DAY, 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY },
  closures: [{ start: '2025-06-05T20:00:00+03:00', end: '2025-06-06T04:00:00+03:00' }],
};

/** A hospital abroad, whose zone changes its clocks (London: 30 March and 26 October 2025). */
const london: BusinessCalendar = {
  timeZone: 'Europe/London',
  weekly: { 0: ALL_DAY, 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '13:00']], 6: [] },
};

const at = (iso: string) => new Date(iso);
const add = (start: string, minutes: number, calendar = riyadh) => addBusinessMinutes(at(start), minutes, calendar).toISOString();
const between = (from: string, to: string, calendar = riyadh) => businessMinutesBetween(at(from), at(to), calendar);
const utc = (iso: string) => at(iso).toISOString();

describe('addBusinessMinutes', () => {
  it.each([
    // [case, start, minutes, expected]
    ['eight hours from Thursday 15:00, over the weekend and four closed days', '2025-03-27T15:00:00+03:00', 480, '2025-04-03T16:00:00+03:00'],
    ['three hours from Thursday 11:00, over lunch', '2025-03-27T11:00:00+03:00', 180, '2025-03-27T15:00:00+03:00'],
    ['an hour that ends with the day ends at 16:00, not at the next opening', '2025-03-27T15:00:00+03:00', 60, '2025-03-27T16:00:00+03:00'],
    ['from lunch: the clock starts at 13:00', '2025-03-26T12:30:00+03:00', 30, '2025-03-26T13:30:00+03:00'],
    ['before opening: the clock starts at 08:00', '2025-03-23T07:00:00+03:00', 60, '2025-03-23T09:00:00+03:00'],
    ['on a Friday: the first minute is Sunday 08:00–08:01', '2025-03-21T10:00:00+03:00', 1, '2025-03-23T08:01:00+03:00'],
    ['after closing on Thursday: Sunday', '2025-03-20T18:00:00+03:00', 240, '2025-03-23T12:00:00+03:00'],
    ['zero minutes is the start itself, even at night', '2025-03-20T23:00:00+03:00', 0, '2025-03-20T23:00:00+03:00'],
    ['Ramadan hours 10:00–15:00', '2026-02-18T14:00:00+03:00', 120, '2026-02-19T11:00:00+03:00'],
    ['a closed day inside Ramadan (the later override)', '2026-02-22T14:30:00+03:00', 60, '2026-02-24T10:30:00+03:00'],
    ['Eid from the end of 29 Ramadan: back on 23 March, ordinary hours', '2026-03-18T14:00:00+03:00', 120, '2026-03-23T09:00:00+03:00'],
    ['round the clock, through a closure across midnight', '2025-06-05T18:00:00+03:00', 240, '2025-06-06T06:00:00+03:00', roundTheClock],
    ['fractions of a minute, to the millisecond', '2025-03-27T08:00:00+03:00', 1.5, '2025-03-27T08:01:30+03:00'],
  ])('%s', (_case, start, minutes, expected, calendar: BusinessCalendar = riyadh) => {
    expect(add(start, minutes, calendar)).toBe(utc(expected));
  });

  it('follows a zone that changes its clocks: a Sunday worked all day is 23 hours in spring, 25 in autumn', () => {
    // Sunday began at 00:00 GMT and ends at 00:00 BST (23:00Z); the next minute is Monday 09:00–09:01 BST
    expect(add('2025-03-30T00:00:00Z', 23 * 60, london)).toBe(utc('2025-03-30T23:00:00Z'));
    expect(add('2025-03-30T00:00:00Z', 23 * 60 + 1, london)).toBe(utc('2025-03-31T09:01:00+01:00'));
    expect(between('2025-03-30T00:00:00Z', '2025-03-31T00:00:00+01:00', london)).toBe(23 * 60);
    expect(between('2025-10-26T00:00:00+01:00', '2025-10-27T00:00:00Z', london)).toBe(25 * 60);
    // Monday's 09:00–17:00 is local on either side of the change
    expect(add('2025-03-24T00:00:00Z', 60, london)).toBe(utc('2025-03-24T10:00:00Z'));
    expect(add('2025-03-31T00:00:00Z', 60, london)).toBe(utc('2025-03-31T09:00:00Z'));
  });

  it('refuses what is not a span: negative, NaN, an invalid start; and a calendar with no hours says so', () => {
    expect(() => addBusinessMinutes(at('2025-03-27T08:00:00Z'), -1, riyadh)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2025-03-27T08:00:00Z'), Number.NaN, riyadh)).toThrow(RangeError);
    expect(() => addBusinessMinutes(new Date(Number.NaN), 5, riyadh)).toThrow(RangeError);
    const never: BusinessCalendar = { timeZone: 'Asia/Riyadh', weekly: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } };
    expect(() => addBusinessMinutes(at('2025-03-27T08:00:00Z'), 1, never)).toThrow(/fewer than 1 working minutes/);
    expect(() => addBusinessMinutes(at('2025-03-27T08:00:00Z'), 1, { ...never, timeZone: 'Mars/Olympus' })).toThrow(/Not a time zone/);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['Thursday 11:00 to Sunday 09:00, Sunday closed', '2025-03-27T11:00:00+03:00', '2025-03-30T09:00:00+03:00', 240],
    ['one working day', '2025-03-23T00:00:00+03:00', '2025-03-24T00:00:00+03:00', 420],
    ['a week without closures', '2025-03-09T00:00:00+03:00', '2025-03-16T00:00:00+03:00', 5 * 420],
    ['the lunch break counts nothing', '2025-03-23T12:00:00+03:00', '2025-03-23T13:00:00+03:00', 0],
    ['a weekend counts nothing', '2025-03-21T00:00:00+03:00', '2025-03-23T00:00:00+03:00', 0],
    ['the same instant', '2025-03-23T09:00:00+03:00', '2025-03-23T09:00:00+03:00', 0],
    ['backwards is negative', '2025-03-23T10:00:00+03:00', '2025-03-23T09:00:00+03:00', -60],
    ['Ramadan day', '2026-02-18T00:00:00+03:00', '2026-02-19T00:00:00+03:00', 300],
    ['29 Ramadan ends at 15:00, Eid closed until 23 March', '2026-03-18T00:00:00+03:00', '2026-03-23T00:00:00+03:00', 300],
    ['round the clock, less the eight hours across midnight', '2025-06-05T18:00:00+03:00', '2025-06-06T06:00:00+03:00', 240, roundTheClock],
    ['seconds count as fractions', '2025-03-23T08:00:00+03:00', '2025-03-23T08:00:30+03:00', 0.5],
  ])('%s', (_case, from, to, expected, calendar: BusinessCalendar = riyadh) => {
    expect(between(from, to, calendar)).toBe(expected);
  });

  it('answers the same for a calendar read back from JSON (a value, not an object identity)', () => {
    const copy = JSON.parse(JSON.stringify(riyadh)) as BusinessCalendar;
    expect(between('2025-03-27T11:00:00+03:00', '2025-04-06T09:00:00+03:00', copy)).toBe(
      between('2025-03-27T11:00:00+03:00', '2025-04-06T09:00:00+03:00', riyadh),
    );
  });
});

describe('isBusinessTime and nextBusinessInstant (when staff may be notified)', () => {
  it.each([
    ['Sunday 08:00 opens', '2025-03-23T08:00:00+03:00', true, '2025-03-23T08:00:00+03:00'],
    ['16:00 has closed', '2025-03-23T16:00:00+03:00', false, '2025-03-24T08:00:00+03:00'],
    ['lunch', '2025-03-23T12:15:00+03:00', false, '2025-03-23T13:00:00+03:00'],
    ['Friday midnight', '2025-03-21T00:00:00+03:00', false, '2025-03-23T08:00:00+03:00'],
    ['inside a closure', '2026-03-20T10:00:00+03:00', false, '2026-03-23T08:00:00+03:00'],
  ])('%s', (_case, instant, working, next) => {
    expect(isBusinessTime(at(instant), riyadh)).toBe(working);
    expect(nextBusinessInstant(at(instant), riyadh)?.toISOString()).toBe(utc(next));
  });
});

describe('the calendar schema names every problem by field', () => {
  const week = riyadh.weekly;
  it.each([
    ['an unknown zone', { timeZone: 'Asia/Nowhere', weekly: week }, 'field.sla_time_zone', ['timeZone']],
    ['a time that is not HH:MM', { timeZone: 'Asia/Riyadh', weekly: { ...week, 0: [['8', '12:00']] } }, 'field.sla_time', ['weekly', '0']],
    ['24:00 as a start', { timeZone: 'Asia/Riyadh', weekly: { ...week, 1: [['24:00', '24:00']] } }, 'field.sla_time', ['weekly', '1']],
    ['an end before its start', { timeZone: 'Asia/Riyadh', weekly: { ...week, 2: [['16:00', '08:00']] } }, 'field.sla_segment_order', ['weekly', '2']],
    [
      'overlapping periods',
      {
        timeZone: 'Asia/Riyadh',
        weekly: {
          ...week,
          3: [
            ['08:00', '13:00'],
            ['12:00', '16:00'],
          ],
        },
      },
      'field.sla_segment_overlap',
      ['weekly', '3'],
    ],
    [
      'a date that does not exist',
      { timeZone: 'Asia/Riyadh', weekly: week, overrides: [{ from: '2026-02-30', to: '2026-03-01', hours: 'closed' }] },
      'field.sla_date',
      ['overrides', 0, 'from'],
    ],
    [
      'a range backwards',
      { timeZone: 'Asia/Riyadh', weekly: week, overrides: [{ from: '2026-03-02', to: '2026-03-01', hours: 'closed' }] },
      'field.sla_date_order',
      ['overrides', 0, 'to'],
    ],
    [
      'a closure that ends before it starts',
      { timeZone: 'Asia/Riyadh', weekly: week, closures: [{ start: '2026-03-02T00:00:00Z', end: '2026-03-01T00:00:00Z' }] },
      'field.sla_closure_order',
      ['closures', 0, 'end'],
    ],
    [
      'a closure without a time',
      { timeZone: 'Asia/Riyadh', weekly: week, closures: [{ start: '2026-03-01', end: '2026-03-02T00:00:00Z' }] },
      'field.sla_instant',
      ['closures', 0, 'start'],
    ],
    [
      // read in each machine's own zone otherwise: station, hub and console would count it differently
      'a closure without its zone',
      { timeZone: 'Asia/Riyadh', weekly: week, closures: [{ start: '2026-03-01T14:00:00Z', end: '2026-03-01T18:00' }] },
      'field.sla_instant',
      ['closures', 0, 'end'],
    ],
  ])('%s', (_case, input, key, path) => {
    const parsed = businessCalendarSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(expect.objectContaining({ message: key, path }));
  });

  it('accepts the calendars above', () => {
    for (const calendar of [riyadh, roundTheClock, london]) expect(businessCalendarSchema.safeParse(calendar).success).toBe(true);
  });
});

describe('properties', () => {
  const from = Date.parse('2025-01-01T00:00:00Z');
  const to = Date.parse('2027-01-01T00:00:00Z');
  const instant = fc.integer({ min: from, max: to }).map((ms) => new Date(ms));
  const calendar = fc.constantFrom(riyadh, roundTheClock, london);
  const minutes = fc.oneof(
    fc.integer({ min: 0, max: 30_000 }),
    fc.integer({ min: 0, max: 600_000 }).map((n) => n / 1000),
  );

  it('between(s, add(s, m)) is m, and add lands on the earliest such instant', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, start, m) => {
        const end = addBusinessMinutes(start, m, cal);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMinutesBetween(start, end, cal)).toBeCloseTo(Math.round(m * 60_000) / 60_000, 9);
        if (m > 0) expect(businessMinutesBetween(start, new Date(end.getTime() - 1), cal)).toBeLessThan(m);
      }),
      { numRuns: 400 },
    );
  });

  it('is monotonic: later ends count no less, more minutes end no earlier', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, minutes, minutes, (cal, s, a, b, m1, m2) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(businessMinutesBetween(s, early, cal)).toBeLessThanOrEqual(businessMinutesBetween(s, late, cal));
        const [few, many] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessMinutes(s, few, cal).getTime()).toBeLessThanOrEqual(addBusinessMinutes(s, many, cal).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('is additive, in any order of the three instants', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, a, b, c) => {
        const ab = businessMinutesBetween(a, b, cal);
        const bc = businessMinutesBetween(b, c, cal);
        expect(ab + bc).toBeCloseTo(businessMinutesBetween(a, c, cal), 6);
        expect(businessMinutesBetween(b, a, cal) + ab).toBe(0);
        expect(Object.is(businessMinutesBetween(b, a, cal), -0)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never counts more than the wall clock, nor anything when no hour is worked', () => {
    fc.assert(
      fc.property(calendar, instant, instant, (cal, a, b) => {
        const span = Math.abs(b.getTime() - a.getTime()) / 60_000;
        expect(Math.abs(businessMinutesBetween(a, b, cal))).toBeLessThanOrEqual(span + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});
