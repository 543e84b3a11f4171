import { describe, expect, it } from 'vitest';
import { minuteOfDay, nextInWindow, planInvitation } from './send-rules.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('the send window (Riyadh, UTC+3, 09:00–21:00 by default)', () => {
  it.each([
    // 08:59 in Riyadh is 05:59 UTC: wait for 09:00 the same day
    { name: 'before it opens', earliest: '2026-12-06T05:59:00Z', sent: '2026-12-06T06:00:00Z' },
    { name: 'as it opens', earliest: '2026-12-06T06:00:00Z', sent: '2026-12-06T06:00:00Z' },
    { name: 'inside', earliest: '2026-12-06T12:34:56Z', sent: '2026-12-06T12:34:56Z' },
    // 20:59 local
    { name: 'a minute before it closes', earliest: '2026-12-06T17:59:00Z', sent: '2026-12-06T17:59:00Z' },
    // 21:00 local: closed; 09:00 tomorrow
    { name: 'as it closes', earliest: '2026-12-06T18:00:00Z', sent: '2026-12-07T06:00:00Z' },
    // 23:30 UTC is 02:30 on the 7th in Riyadh: 09:00 that (local) day, not the day after
    { name: 'after local midnight, before UTC midnight', earliest: '2026-12-06T23:30:00Z', sent: '2026-12-07T06:00:00Z' },
    { name: 'at the turn of the year', earliest: '2026-12-31T20:00:00Z', sent: '2027-01-01T06:00:00Z' },
  ])('$name: $earliest → $sent', ({ earliest, sent }) => {
    expect(iso(nextInWindow(at(earliest)))).toBe(sent);
  });

  it('follows the hospital’s own window and zone, across a clock change', () => {
    const window = { startMinute: minuteOfDay('08:30')!, endMinute: minuteOfDay('20:00')! };
    expect(iso(nextInWindow(at('2026-12-06T03:00:00Z'), window, 'Asia/Riyadh'))).toBe('2026-12-06T05:30:00Z');
    // London leaves summer time on 25 October 2026: 08:30 is 07:30 UTC before, 08:30 UTC after
    expect(iso(nextInWindow(at('2026-10-24T19:30:00Z'), window, 'Europe/London'))).toBe('2026-10-25T08:30:00Z');
    expect(iso(nextInWindow(at('2026-10-23T19:30:00Z'), window, 'Europe/London'))).toBe('2026-10-24T07:30:00Z');
  });

  it.each([
    ['09:00', 540],
    ['21:00', 1260],
    ['00:00', 0],
    ['23:59', 1439],
    ['24:00', null],
    ['9:00', null],
    ['09:60', null],
  ])('reads %s as %s', (text, minutes) => expect(minuteOfDay(text)).toBe(minutes));
});

describe('an invitation after a completed stage', () => {
  const completed = at('2026-12-06T16:30:00Z'); // 19:30 in Riyadh

  it('waits the stage’s delay, then the window', () => {
    expect(iso(planInvitation({ stageCompletedAt: completed, delayMinutes: 60, lastSurveyAt: null }).at)).toBe('2026-12-06T17:30:00Z');
    // two hours later is 21:30: tomorrow morning
    expect(iso(planInvitation({ stageCompletedAt: completed, delayMinutes: 120, lastSurveyAt: null }).at)).toBe('2026-12-07T06:00:00Z');
  });

  it('skips a patient surveyed within the fatigue period before the send time, and not one surveyed before it', () => {
    const day = 86_400_000;
    const plan = (lastSurveyAt: number, fatigueDays = 30) => planInvitation({ stageCompletedAt: completed, delayMinutes: 0, lastSurveyAt, fatigueDays });
    expect(plan(completed - 29 * day)).toEqual({ at: null, skipped: 'fatigue' });
    expect(plan(completed - 31 * day)).toEqual({ at: completed, skipped: null });
    expect(plan(completed - 8 * day, 7)).toEqual({ at: completed, skipped: null });
  });
});
