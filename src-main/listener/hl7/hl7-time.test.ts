import { describe, expect, it } from 'vitest';
import { formatHl7DateTime, parseHl7DateTime } from './hl7-time.js';

describe('parseHl7DateTime', () => {
  it.each([
    { value: '20261123101500+0300', instant: '2026-11-23T07:15:00.000Z', date: '2026-11-23' },
    { value: '20261123101500', instant: '2026-11-23T07:15:00.000Z', date: '2026-11-23' },
    { value: '20261123101500+0000', instant: '2026-11-23T10:15:00.000Z', date: '2026-11-23' },
    { value: '20261123101500-0500', instant: '2026-11-23T15:15:00.000Z', date: '2026-11-23' },
    { value: '20261123101500+0530', instant: '2026-11-23T04:45:00.000Z', date: '2026-11-23' },
    { value: '20261123101500.1+0300', instant: '2026-11-23T07:15:00.100Z', date: '2026-11-23' },
    { value: '20261123101500.1234', instant: '2026-11-23T07:15:00.123Z', date: '2026-11-23' },
    { value: '202611231015', instant: '2026-11-23T07:15:00.000Z', date: '2026-11-23' },
    { value: '2026112310', instant: '2026-11-23T07:00:00.000Z', date: '2026-11-23' },
    { value: '20261123', instant: '2026-11-22T21:00:00.000Z', date: '2026-11-23' },
    { value: '20261123+0000', instant: '2026-11-23T00:00:00.000Z', date: '2026-11-23' },
    { value: '202611', instant: '2026-10-31T21:00:00.000Z', date: null },
    { value: '2026', instant: '2025-12-31T21:00:00.000Z', date: null },
    { value: '20240229', instant: '2024-02-28T21:00:00.000Z', date: '2024-02-29' },
    { value: '20270101000000+1400', instant: '2026-12-31T10:00:00.000Z', date: '2027-01-01' },
    { value: ' 20261123101500 ', instant: '2026-11-23T07:15:00.000Z', date: '2026-11-23' },
  ])('$value → $instant', ({ value, instant, date }) => {
    const parsed = parseHl7DateTime(value);
    expect(parsed?.instant.toISOString()).toBe(instant);
    expect(parsed?.date).toBe(date);
  });

  it.each([
    '',
    'now',
    '2026-11-23',
    '2026-11-23T10:15:00Z',
    '2026112',
    '20261323',
    '20261100',
    '20260230',
    '20250229',
    '20261123241500',
    '20261123106000',
    '20261123101560',
    '20261123101500+1500',
    '20261123101500+0360',
    '20261123101500+03',
    '20261123101500.',
    '20261123101500.12345',
    '17991231',
    '0202',
    '20261123101500Z',
  ])('rejects %j', (value) => {
    expect(parseHl7DateTime(value)).toBeNull();
  });
});

describe('formatHl7DateTime', () => {
  it.each([
    { instant: '2026-11-23T07:15:00.000Z', want: '20261123101500+0300' },
    { instant: '2026-12-31T22:30:05.999Z', want: '20270101013005+0300' },
  ])('$instant → $want (Riyadh wall time)', ({ instant, want }) => {
    expect(formatHl7DateTime(new Date(instant))).toBe(want);
  });

  it('writes other offsets and reads back the same instant', () => {
    const instant = new Date('2026-03-01T00:00:00.000Z');
    expect(formatHl7DateTime(instant, -330)).toBe('20260228183000-0530');
    expect(parseHl7DateTime(formatHl7DateTime(instant, -330))?.instant.toISOString()).toBe(instant.toISOString());
  });
});
