import { describe, expect, it } from 'vitest';
import type { EventCode } from './his-events.js';
import { foldJourney, type JourneyEvent, type StageDefinition } from './journey-rules.js';

const INPATIENT: StageDefinition[] = [
  { id: 'adm', position: 1, triggerEventCode: 'IP_ADMITTED', required: true },
  { id: 'trf', position: 2, triggerEventCode: 'IP_TRANSFERRED', required: false },
  { id: 'dis', position: 3, triggerEventCode: 'IP_DISCHARGED', required: true },
];

let seq = 0;
const ev = (eventCode: EventCode, minute: number): JourneyEvent => ({
  id: `e${(seq += 1)}`,
  seq,
  eventCode,
  occurredAt: `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`,
  departmentId: null,
  physicianId: null,
});
const statuses = (events: JourneyEvent[]) => {
  const state = foldJourney(INPATIENT, events);
  return { journey: state.status, stages: Object.fromEntries(state.stages.map((s) => [s.stageId, s.status])) };
};

describe('foldJourney', () => {
  it.each([
    { name: 'nothing happened yet', events: [], journey: 'active', stages: { adm: 'pending', trf: 'pending', dis: 'pending' } },
    { name: 'admitted', events: [ev('IP_ADMITTED', 1)], journey: 'active', stages: { adm: 'completed', trf: 'pending', dis: 'pending' } },
    {
      name: 'admitted and discharged: optional transfer skipped, journey completed',
      events: [ev('IP_ADMITTED', 1), ev('IP_DISCHARGED', 9)],
      journey: 'completed',
      stages: { adm: 'completed', trf: 'skipped', dis: 'completed' },
    },
    {
      name: 'discharge arrives before admission (out of order): same result',
      events: [ev('IP_DISCHARGED', 9), ev('IP_ADMITTED', 1)],
      journey: 'completed',
      stages: { adm: 'completed', trf: 'skipped', dis: 'completed' },
    },
    {
      name: 'discharge cancelled (A13): back to active',
      events: [ev('IP_ADMITTED', 1), ev('IP_DISCHARGED', 9), ev('DISCHARGE_CANCELLED', 10)],
      journey: 'active',
      stages: { adm: 'completed', trf: 'pending', dis: 'pending' },
    },
    {
      name: 'admission cancelled (A11): journey cancelled',
      events: [ev('IP_ADMITTED', 1), ev('ADMISSION_CANCELLED', 2)],
      journey: 'cancelled',
      stages: { adm: 'pending', trf: 'pending', dis: 'pending' },
    },
    {
      name: 'cancel that arrived late still applies in time order',
      events: [ev('ADMISSION_CANCELLED', 2), ev('IP_ADMITTED', 1)],
      journey: 'cancelled',
      stages: { adm: 'pending', trf: 'pending', dis: 'pending' },
    },
    {
      name: 'readmitted after a cancel',
      events: [ev('IP_ADMITTED', 1), ev('ADMISSION_CANCELLED', 2), ev('IP_ADMITTED', 3)],
      journey: 'active',
      stages: { adm: 'completed', trf: 'pending', dis: 'pending' },
    },
  ])('$name', ({ events, journey, stages }) => {
    expect(statuses(events)).toEqual({ journey, stages });
  });

  it('the first completion of a stage stands, and completedAt is the last required stage', () => {
    const first = ev('IP_ADMITTED', 1);
    const state = foldJourney(INPATIENT, [first, ev('IP_ADMITTED', 5), ev('IP_DISCHARGED', 30)]);
    expect(state.stages[0]).toMatchObject({ eventId: first.id, completedAt: first.occurredAt });
    expect(state.completedAt).toBe('2026-11-23T10:30:00.000Z');
  });
});
