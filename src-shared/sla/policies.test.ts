import { describe, expect, it } from 'vitest';
import { priorityHistory, slaPriorityOf } from './policies.js';

describe('the priority a record answers to', () => {
  it.each([
    ['the priority given', 'medium', null, 'medium'],
    ['severity 4 is urgent however it was filed', 'low', 4, 'urgent'],
    ['a lower severity never lowers the priority', 'high', 1, 'high'],
    ['an unknown priority reads as medium', 'whatever', null, 'medium'],
  ])('%s', (_case, priority, severity, expected) => {
    expect(slaPriorityOf(priority, severity)).toBe(expected);
  });
});

describe('the priority through a record’s life', () => {
  const made = '2026-12-01T06:00:00.000Z';
  it.each([
    ['never changed', { priority: 'high', severity: null }, [], ['high']],
    [
      'raised, then its severity made urgent',
      { priority: 'high', severity: 4 },
      [
        { at: '2026-12-01T08:00:00.000Z', before: { priority: 'low' } },
        { at: '2026-12-01T07:00:00.000Z', before: { severity: null } }, // out of order: read by time
      ],
      ['low', 'urgent', 'urgent'],
    ],
    ['a change of other fields keeps it', { priority: 'medium', severity: 2 }, [{ at: '2026-12-01T07:00:00.000Z', before: {} }], ['medium', 'medium']],
  ] as const)('%s', (_case, current, changes, expected) => {
    const history = priorityHistory(current, made, changes);
    expect(history.map((e) => e.priority)).toEqual(expected);
    expect(history[0]!.at).toBe(made);
  });
});
