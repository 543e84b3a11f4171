import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClosureRow, closureOfRow, closureRowOf, instantOfWallTime, newClosureRow, wallTimeOf } from './closureTimes.js';

describe('instantOfWallTime', () => {
  it.each<[string, string, string, string, string | null]>([
    // [case, date, time, zone, instant as stored]
    ['16:00 on 29 Ramadan 1447 in Riyadh', '2026-03-18', '16:00', 'Asia/Riyadh', '2026-03-18T16:00:00+03:00'],
    ['midnight starts the day', '2026-03-18', '00:00', 'Asia/Riyadh', '2026-03-18T00:00:00+03:00'],
    ['24:00 ends the day: the next midnight', '2026-03-22', '24:00', 'Asia/Riyadh', '2026-03-23T00:00:00+03:00'],
    ['a half-hour zone', '2026-03-18', '16:00', 'Asia/Kolkata', '2026-03-18T16:00:00+05:30'],
    ['a zone behind UTC', '2026-01-15', '09:00', 'America/New_York', '2026-01-15T09:00:00-05:00'],
    ['London in winter', '2026-01-15', '09:00', 'Europe/London', '2026-01-15T09:00:00+00:00'],
    ['London in summer: the offset of that instant, not of today', '2026-07-15', '09:00', 'Europe/London', '2026-07-15T09:00:00+01:00'],
    ['London on the day the clocks go forward, before the change', '2026-03-29', '00:30', 'Europe/London', '2026-03-29T00:30:00+00:00'],
    ['London on the day the clocks go forward, after the change', '2026-03-29', '12:00', 'Europe/London', '2026-03-29T12:00:00+01:00'],
    ['a date that does not exist', '2026-02-30', '10:00', 'Asia/Riyadh', null],
    ['a date being typed', '', '10:00', 'Asia/Riyadh', null],
    ['a time that does not exist', '2026-03-18', '25:00', 'Asia/Riyadh', null],
    ['a time being typed', '2026-03-18', '16:0', 'Asia/Riyadh', null],
  ])('%s', (_case, date, time, zone, stored) => {
    expect(instantOfWallTime(date, time, zone)).toBe(stored);
  });

  it('is the instant the wall time names (16:00 in Riyadh is 13:00 UTC)', () => {
    expect(new Date(instantOfWallTime('2026-03-18', '16:00', 'Asia/Riyadh')!).toISOString()).toBe('2026-03-18T13:00:00.000Z');
  });

  it('reads back as the wall time it was made of', () => {
    const zone = fc.constantFrom('Asia/Riyadh', 'Asia/Kolkata', 'Europe/London', 'America/New_York');
    const day = fc.integer({ min: 20_000, max: 22_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    // from 04:00: no zone here changes its clocks after 03:00, so every such wall time exists once
    const time = fc.integer({ min: 4 * 60, max: 24 * 60 - 1 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(zone, day, time, (z, d, t) => {
        expect(wallTimeOf(instantOfWallTime(d, t, z)!, z)).toEqual({ date: d, time: t });
      }),
      { numRuns: 300 },
    );
  });
});

describe('wallTimeOf', () => {
  it.each<[string, string, string, { date: string; time: string } | null]>([
    // [case, instant, zone, wall time]
    ['an instant in UTC, in Riyadh', '2026-03-18T13:00:00Z', 'Asia/Riyadh', { date: '2026-03-18', time: '16:00' }],
    ['late in UTC is the next day in Riyadh', '2026-03-18T21:30:00Z', 'Asia/Riyadh', { date: '2026-03-19', time: '00:30' }],
    ['an instant with another offset', '2026-03-18T16:00:00+05:30', 'Asia/Riyadh', { date: '2026-03-18', time: '13:30' }],
    ['seconds are not shown', '2026-03-18T13:00:59Z', 'Asia/Riyadh', { date: '2026-03-18', time: '16:00' }],
    ['not an instant', 'soon', 'Asia/Riyadh', null],
  ])('%s', (_case, instant, zone, wall) => {
    expect(wallTimeOf(instant, zone)).toEqual(wall);
  });
});

describe('closureOfRow', () => {
  const row = (startDate: string, startTime: string, endDate: string, endTime: string): ClosureRow => ({ startDate, startTime, endDate, endTime });
  it.each<[string, ClosureRow, unknown]>([
    // [case, row, closure or problems]
    [
      'Eid al-Fitr from 16:00 on 29 Ramadan to the end of 3 Shawwal',
      row('2026-03-18', '16:00', '2026-03-22', '24:00'),
      { closure: { start: '2026-03-18T16:00:00+03:00', end: '2026-03-23T00:00:00+03:00' }, problems: null },
    ],
    [
      'across midnight',
      row('2026-06-05', '20:00', '2026-06-06', '04:00'),
      { closure: { start: '2026-06-05T20:00:00+03:00', end: '2026-06-06T04:00:00+03:00' } },
    ],
    ['an end before the start', row('2026-03-18', '16:00', '2026-03-18', '15:59'), { closure: null, problems: { end: 'field.sla_closure_order' } }],
    ['an end at the start', row('2026-03-18', '16:00', '2026-03-18', '16:00'), { closure: null, problems: { end: 'field.sla_closure_order' } }],
    ['an end date before the start date', row('2026-03-19', '08:00', '2026-03-18', '20:00'), { closure: null, problems: { end: 'field.sla_closure_order' } }],
    ['no start time', row('2026-03-18', '', '2026-03-19', '08:00'), { closure: null, problems: { start: 'field.sla_instant' } }],
    ['nothing entered', row('', '', '', ''), { closure: null, problems: { start: 'field.sla_instant', end: 'field.sla_instant' } }],
  ])('%s', (_case, given, expected) => {
    expect(closureOfRow(given, 'Asia/Riyadh')).toMatchObject(expected as object);
  });

  it('saves a stored closure as it was while its row is unchanged, and anew once edited', () => {
    const saved = { start: '2026-03-18T13:00:30Z', end: '2026-03-22T21:00:00Z' };
    const read = closureRowOf(saved, 'Asia/Riyadh');
    expect(read).toMatchObject({ startDate: '2026-03-18', startTime: '16:00', endDate: '2026-03-22', endTime: '24:00' });
    expect(closureOfRow(read, 'Asia/Riyadh').closure).toBe(saved);
    expect(closureOfRow({ ...read, startTime: '15:00' }, 'Asia/Riyadh').closure).toEqual({
      start: '2026-03-18T15:00:00+03:00',
      end: '2026-03-23T00:00:00+03:00',
    });
  });
});

describe('closureRowOf', () => {
  it.each<[string, { start: string; end: string }, Omit<ClosureRow, 'saved'>]>([
    // [case, stored closure, row as shown]
    [
      'Eid to the end of 3 Shawwal: an end at midnight shows as 24:00 of the day before',
      { start: '2026-03-18T16:00:00+03:00', end: '2026-03-23T00:00:00+03:00' },
      { startDate: '2026-03-18', startTime: '16:00', endDate: '2026-03-22', endTime: '24:00' },
    ],
    [
      'a start at midnight stays 00:00 of its day',
      { start: '2026-03-20T00:00:00+03:00', end: '2026-03-20T12:00:00+03:00' },
      { startDate: '2026-03-20', startTime: '00:00', endDate: '2026-03-20', endTime: '12:00' },
    ],
    [
      'instants in UTC, shown on the hospital’s clock',
      { start: '2026-06-05T17:00:00Z', end: '2026-06-06T01:00:00Z' },
      { startDate: '2026-06-05', startTime: '20:00', endDate: '2026-06-06', endTime: '04:00' },
    ],
    [
      'an unreadable instant shows empty',
      { start: 'soon', end: '2026-06-06T01:00:00Z' },
      { startDate: '', startTime: '', endDate: '2026-06-06', endTime: '04:00' },
    ],
  ])('%s', (_case, closure, row) => {
    expect(closureRowOf(closure, 'Asia/Riyadh')).toEqual({ ...row, saved: closure });
  });

  it('gives back the closure a row makes, whatever the wall times', () => {
    const minute = fc.integer({ min: 0, max: 24 * 60 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    const day = fc.integer({ min: 20_000, max: 22_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, minute, day, minute, (startDate, startTime, endDate, endTime) => {
        const made = closureOfRow({ startDate, startTime, endDate, endTime }, 'Asia/Riyadh').closure;
        if (!made) return;
        const again = closureOfRow({ ...closureRowOf(made, 'Asia/Riyadh'), saved: undefined }, 'Asia/Riyadh').closure;
        expect(again && [Date.parse(again.start), Date.parse(again.end)]).toEqual([Date.parse(made.start), Date.parse(made.end)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('newClosureRow', () => {
  it('starts today on the hospital’s clock, not the console’s', () => {
    // 22:30 UTC is already 01:30 the next day in Riyadh
    expect(newClosureRow(new Date('2026-03-18T22:30:00Z'), 'Asia/Riyadh')).toEqual({
      startDate: '2026-03-19',
      startTime: '16:00',
      endDate: '2026-03-20',
      endTime: '08:00',
    });
    expect(closureOfRow(newClosureRow(new Date('2026-12-31T12:00:00Z'), 'Asia/Riyadh'), 'Asia/Riyadh').problems).toBeNull();
  });
});
