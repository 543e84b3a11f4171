import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessMinutesBetween } from './business-time.js';
import { badgeOf, type CalendarVersion, type ClockDefinition, clockOf, nextDueAt, type PolicyVersion, type RecordEvent, stepKey, stepsDue } from './clock.js';

const DAY: Array<[string, string]> = [['08:00', '16:00']];
/** Sunday–Thursday 08:00–16:00 in Riyadh; Friday and Saturday off. */
const office: BusinessCalendar = { timeZone: 'Asia/Riyadh', weekly: { 0: DAY, 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: [], 6: [] } };
/** The same office, open on Saturdays too (a calendar change). */
const withSaturdays: BusinessCalendar = { ...office, weekly: { ...office.weekly, 6: DAY } };

const CALENDARS: CalendarVersion[] = [{ id: 'cal-1', effectiveFrom: '2025-01-01T00:00:00Z', calendar: office }];

const resolution: ClockDefinition = {
  kind: 'resolution',
  pausedStatuses: ['waiting_patient', 'waiting_department'],
  stopStatuses: ['resolved', 'closed'],
  stopOnResponse: false,
  restartOnReopen: true,
};
const firstResponse: ClockDefinition = {
  kind: 'first_response',
  pausedStatuses: ['waiting_patient', 'waiting_department'],
  stopStatuses: ['resolved', 'closed'],
  stopOnResponse: true,
  restartOnReopen: false,
};

/** One business day to resolve, two hours to respond; reminders at 50 % and 80 %; a ladder at due, +4 h and +8 h. */
function policy(id: string, effectiveFrom: string, resolutionMinutes = 480): PolicyVersion {
  return {
    id,
    effectiveFrom,
    targets: { first_response: 120, resolution: resolutionMinutes },
    steps: {
      first_response: [],
      resolution: [
        { id: 'reminder_50', kind: 'reminder', percent: 50 },
        { id: 'reminder_80', kind: 'reminder', percent: 80 },
        { id: 'escalation_1', kind: 'escalation', level: 1, afterDueMinutes: 0 },
        { id: 'escalation_2', kind: 'escalation', level: 2, afterDueMinutes: 240 },
        { id: 'escalation_3', kind: 'escalation', level: 3, afterDueMinutes: 480 },
      ],
    },
  };
}
const POLICIES = [policy('pol-1', '2025-01-01T00:00:00Z')];

const status = (at: string, s: string): RecordEvent => ({ at, kind: 'status', status: s });
const iso = (local: string) => new Date(`${local}+03:00`).toISOString();
const at = (local: string) => new Date(`${local}+03:00`);

// Thursday 13 March 2025, 14:00 in Riyadh: a complaint is filed
const FILED = status('2025-03-13T14:00:00+03:00', 'new');

describe('a resolution clock', () => {
  it('runs in business time: filed Thursday 14:00, due Sunday 14:00 (Friday and Saturday are not worked)', () => {
    const clock = clockOf(resolution, [FILED], { policies: POLICIES, calendars: CALENDARS }, at('2025-03-14T10:00:00'));
    expect(clock.current).toMatchObject({ state: 'running', elapsed: 120, remaining: 360, due: iso('2025-03-16T14:00:00'), breached: false });
  });

  it('does not count a pause across the weekend: waiting for the patient Thursday 15:00 to Sunday 10:00 moves the due to Monday 09:00', () => {
    const events = [FILED, status('2025-03-13T15:00:00+03:00', 'waiting_patient'), status('2025-03-16T10:00:00+03:00', 'in_progress')];
    const paused = clockOf(resolution, events.slice(0, 2), { policies: POLICIES, calendars: CALENDARS }, at('2025-03-15T12:00:00'));
    expect(paused.current).toMatchObject({ state: 'paused', elapsed: 60, due: null, paused: [{ start: iso('2025-03-13T15:00:00'), end: null }] });
    const resumed = clockOf(resolution, events, { policies: POLICIES, calendars: CALENDARS }, at('2025-03-16T11:00:00'));
    expect(resumed.current).toMatchObject({ state: 'running', elapsed: 120, due: iso('2025-03-17T09:00:00') });
  });

  it('keeps the paused time out when the policy changes mid-flight, and measures the open cycle by the new target', () => {
    const events = [FILED, status('2025-03-13T15:00:00+03:00', 'waiting_patient'), status('2025-03-16T10:00:00+03:00', 'in_progress')];
    const policies = [...POLICIES, policy('pol-2', '2025-03-16T12:00:00+03:00', 960)];
    const clock = clockOf(resolution, events, { policies, calendars: CALENDARS }, at('2025-03-16T13:00:00'));
    expect(clock.current).toMatchObject({ policyVersionId: 'pol-2', target: 960, elapsed: 60 + 180, due: iso('2025-03-18T09:00:00') });
  });

  it('recomputes an open clock when the calendar changes (Saturdays worked from 15 March)', () => {
    const calendars = [...CALENDARS, { id: 'cal-2', effectiveFrom: '2025-03-15T00:00:00+03:00', calendar: withSaturdays }];
    const before = clockOf(resolution, [FILED], { policies: POLICIES, calendars }, at('2025-03-14T12:00:00'));
    expect(before.current).toMatchObject({ calendarVersionId: 'cal-1', due: iso('2025-03-16T14:00:00') });
    const after = clockOf(resolution, [FILED], { policies: POLICIES, calendars }, at('2025-03-15T09:00:00'));
    expect(after.current).toMatchObject({ calendarVersionId: 'cal-2', elapsed: 180, due: iso('2025-03-15T14:00:00') });
  });

  it('keeps a completed cycle measured against the target it had; a reopening starts a cycle under the policy of now', () => {
    const events = [
      FILED,
      status('2025-03-16T15:00:00+03:00', 'resolved'), // 120 + 420 = 540 business minutes: over the 480
      status('2025-03-18T09:00:00+03:00', 'reopened'),
    ];
    const policies = [...POLICIES, policy('pol-2', '2025-03-17T00:00:00+03:00', 960)];
    const clock = clockOf(resolution, events, { policies, calendars: CALENDARS }, at('2025-03-18T10:00:00'));
    expect(clock.cycles).toHaveLength(2);
    expect(clock.cycles[0]).toMatchObject({
      number: 1,
      state: 'stopped',
      policyVersionId: 'pol-1',
      target: 480,
      elapsed: 540,
      breached: true,
      due: iso('2025-03-16T14:00:00'),
    });
    expect(clock.cycles[1]).toMatchObject({
      number: 2,
      state: 'running',
      policyVersionId: 'pol-2',
      target: 960,
      elapsed: 60,
      start: iso('2025-03-18T09:00:00'),
    });
  });

  it('does not give a stopped cycle the version that took effect at the very instant it stopped', () => {
    const resolvedAt = '2025-03-16T15:00:00+03:00';
    const events = [FILED, status(resolvedAt, 'resolved')];
    const policies = [...POLICIES, policy('pol-from-stop', resolvedAt, 960)];
    const clock = clockOf(resolution, events, { policies, calendars: CALENDARS }, at('2025-03-17T10:00:00'));
    expect(clock.current).toMatchObject({ state: 'stopped', policyVersionId: 'pol-1', target: 480, breached: true });
  });

  it('orders versions by their instants, whatever zone their text is written in', () => {
    // 10:00 in Riyadh is 07:00Z: the version written in UTC at 08:00Z is the later one, though it sorts first as text
    const policies = [...POLICIES, policy('riyadh-10', '2025-03-10T10:00:00+03:00', 600), policy('utc-08', '2025-03-10T08:00:00Z', 720)];
    const clock = clockOf(resolution, [FILED], { policies, calendars: CALENDARS }, at('2025-03-14T10:00:00'));
    expect(clock.current).toMatchObject({ policyVersionId: 'utc-08', target: 720 });
  });

  it('measures a stopped cycle by the priority it stopped under: a later reclassification changes neither its target nor its verdict', () => {
    const events: RecordEvent[] = [
      FILED,
      { at: FILED.at, kind: 'priority', priority: 'low' },
      status('2025-03-16T15:00:00+03:00', 'resolved'), // 540 business minutes: within low's 960
      { at: '2025-03-17T09:00:00+03:00', kind: 'priority', priority: 'urgent' },
    ];
    const byPriority = { low: [policy('low-1', '2025-01-01T00:00:00Z', 960)], urgent: [policy('urgent-1', '2025-01-01T00:00:00Z', 120)] };
    const clock = clockOf(resolution, events, { policies: byPriority.urgent, byPriority, calendars: CALENDARS }, at('2025-03-17T10:00:00'));
    expect(clock.current).toMatchObject({ state: 'stopped', policyVersionId: 'low-1', target: 960, breached: false });
    expect(stepsDue(clock, new Set(), 'c-1').map((d) => d.step.id)).toEqual(['reminder_50']);
    // reopened, the new cycle answers to the priority of now
    const reopened = clockOf(
      resolution,
      [...events, status('2025-03-17T10:00:00+03:00', 'reopened')],
      { policies: byPriority.urgent, byPriority, calendars: CALENDARS },
      at('2025-03-17T11:00:00'),
    );
    expect(reopened.current).toMatchObject({ number: 2, policyVersionId: 'urgent-1', target: 120, elapsed: 60 });
  });

  it('ignores what happened after now, and an unsorted history reads the same', () => {
    const events = [status('2025-03-16T15:00:00+03:00', 'resolved'), FILED];
    const clock = clockOf(resolution, events, { policies: POLICIES, calendars: CALENDARS }, at('2025-03-16T09:00:00'));
    expect(clock.current).toMatchObject({ state: 'running', stop: null, elapsed: 180 });
  });
});

describe('a first-response clock', () => {
  it.each([
    ['stops at the first response', [FILED, { at: '2025-03-13T15:30:00+03:00', kind: 'response' } as RecordEvent], 90, false],
    ['stops when resolved without a response', [FILED, status('2025-03-16T09:00:00+03:00', 'resolved')], 180, true],
    [
      'is not restarted by a reopening',
      [
        FILED,
        { at: '2025-03-13T14:30:00+03:00', kind: 'response' } as RecordEvent,
        status('2025-03-16T09:00:00+03:00', 'resolved'),
        status('2025-03-16T10:00:00+03:00', 'reopened'),
      ],
      30,
      false,
    ],
  ])('%s', (_case, events, elapsed, breached) => {
    const clock = clockOf(firstResponse, events, { policies: POLICIES, calendars: CALENDARS }, at('2025-03-17T12:00:00'));
    expect(clock.cycles).toHaveLength(1);
    expect(clock.current).toMatchObject({ state: 'stopped', elapsed, breached });
  });
});

describe('steps', () => {
  const versions = { policies: POLICIES, calendars: CALENDARS };

  it('fires each step once, in order, when a station comes back after three days', () => {
    // filed Sunday 08:00; the station is off from Sunday 09:00 to Wednesday 09:00
    const events = [status('2025-03-16T08:00:00+03:00', 'new')];
    const clock = clockOf(resolution, events, versions, at('2025-03-19T09:00:00'));
    expect(clock.current?.elapsed).toBe(3 * 480 + 60);
    const due = stepsDue(clock, new Set(), 'CMP-1');
    expect(due.map((d) => [d.step.id, d.step.at])).toEqual([
      ['reminder_50', iso('2025-03-16T12:00:00')],
      ['reminder_80', iso('2025-03-16T14:24:00')],
      ['escalation_1', iso('2025-03-16T16:00:00')],
      ['escalation_2', iso('2025-03-17T12:00:00')],
      ['escalation_3', iso('2025-03-17T16:00:00')],
    ]);
    expect(due.map((d) => d.key)).toContain(stepKey('CMP-1', 'resolution', 1, 'escalation_3'));
    // fired, they are not due again, and nothing is left to come
    const fired = new Set(due.map((d) => d.key));
    expect(stepsDue(clock, fired, 'CMP-1')).toEqual([]);
    expect(nextDueAt(clock, fired, 'CMP-1')).toBeNull();
  });

  it('names the next instant something comes due, for the engine’s index; none while paused', () => {
    const events = [status('2025-03-16T08:00:00+03:00', 'new')];
    const early = clockOf(resolution, events, versions, at('2025-03-16T09:00:00'));
    expect(stepsDue(early, new Set(), 'CMP-1')).toEqual([]);
    expect(nextDueAt(early, new Set(), 'CMP-1')).toBe(iso('2025-03-16T12:00:00'));
    const fired = new Set([stepKey('CMP-1', 'resolution', 1, 'reminder_50')]);
    expect(nextDueAt(early, fired, 'CMP-1')).toBe(iso('2025-03-16T14:24:00'));
    const paused = clockOf(resolution, [...events, status('2025-03-16T09:30:00+03:00', 'waiting_department')], versions, at('2025-03-16T10:00:00'));
    expect(nextDueAt(paused, new Set(), 'CMP-1')).toBeNull();
  });
});

describe('properties', () => {
  const base = Date.parse('2025-03-02T05:00:00Z'); // a Sunday morning in Riyadh
  const STATUSES = ['in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'reopened'];
  const history = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 14 * 24 * 60 }), fc.constantFrom(...STATUSES)), { maxLength: 12 })
    .map((steps) => [
      { at: new Date(base).toISOString(), kind: 'status' as const, status: 'new' },
      ...steps.map(([minutes, s]) => ({ at: new Date(base + minutes * 60_000).toISOString(), kind: 'status' as const, status: s })),
    ]);
  const later = fc.integer({ min: 0, max: 20 * 24 * 60 });

  it('counts no more than the business time since filing, and never less as time goes on', () => {
    fc.assert(
      fc.property(history, later, later, (events, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const total = (clock: ReturnType<typeof clockOf>) => clock.cycles.reduce((sum, c) => sum + c.elapsed, 0);
        const first = clockOf(resolution, events, { policies: POLICIES, calendars: CALENDARS }, new Date(base + early * 60_000));
        const second = clockOf(resolution, events, { policies: POLICIES, calendars: CALENDARS }, new Date(base + late * 60_000));
        expect(total(first)).toBeLessThanOrEqual(total(second) + 1e-9);
        expect(total(second)).toBeLessThanOrEqual(businessMinutesBetween(new Date(base), new Date(base + late * 60_000), office) + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the badge', () => {
  const versions = { policies: POLICIES, calendars: CALENDARS };
  const both = (events: RecordEvent[], now: string) => [firstResponse, resolution].map((d) => clockOf(d, events, versions, at(now)));
  const cases: { name: string; events: RecordEvent[]; now: string; badge: Record<string, unknown> | null }[] = [
    { name: 'nothing yet', events: [], now: '2025-03-13T15:00:00', badge: null },
    // two hours to respond, a day to resolve: the first response has the least time left
    { name: 'both running', events: [FILED], now: '2025-03-13T15:00:00', badge: { clock: 'first_response', state: 'running', remainingMinutes: 60 } },
    {
      name: 'paused while waiting',
      events: [FILED, status('2025-03-13T14:30:00+03:00', 'waiting_patient')],
      now: '2025-03-13T15:00:00',
      badge: { clock: 'first_response', state: 'paused', remainingMinutes: 90 },
    },
    // answered late, resolved in time: the missed first response is what the badge says
    {
      name: 'stopped, one missed',
      events: [FILED, { at: '2025-03-16T10:00:00+03:00', kind: 'response' }, status('2025-03-16T11:00:00+03:00', 'resolved')],
      now: '2025-03-16T12:00:00',
      badge: { clock: 'first_response', state: 'stopped', breached: true },
    },
    {
      name: 'stopped, both met',
      events: [FILED, { at: '2025-03-13T14:30:00+03:00', kind: 'response' }, status('2025-03-13T15:00:00+03:00', 'resolved')],
      now: '2025-03-16T12:00:00',
      badge: { clock: 'resolution', state: 'stopped', breached: false },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const badge = badgeOf(both(c.events, c.now));
      if (c.badge === null) expect(badge).toBeNull();
      else expect(badge).toMatchObject(c.badge);
    });
});
