import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, type HlcTime, initialHlc, parseHlc, receiveHlc, tickHlc } from './hlc.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (wallMs: number, counter: number, node = 'a1'): HlcTime => ({ wallMs, counter, node });

describe('tickHlc', () => {
  it.each([
    { name: 'physical clock ahead: adopt it, counter resets', last: at(T0, 5), physical: T0 + 10, want: at(T0 + 10, 0) },
    { name: 'same millisecond: counter goes up', last: at(T0, 5), physical: T0, want: at(T0, 6) },
    { name: 'physical clock went backwards: keep logical time', last: at(T0, 5), physical: T0 - 60_000, want: at(T0, 6) },
    { name: 'counter overflow borrows the next millisecond', last: at(T0, 0xffff), physical: T0, want: at(T0 + 1, 0) },
  ])('$name', ({ last, physical, want }) => {
    expect(tickHlc(last, physical).time).toEqual(want);
  });
});

describe('receiveHlc', () => {
  it.each([
    {
      name: 'remote ahead of both: adopt remote, counter + 1',
      last: at(T0, 3),
      remote: at(T0 + 500, 7, 'b2'),
      physical: T0 + 100,
      want: at(T0 + 500, 8),
      ahead: 400,
    },
    { name: 'all equal: max counter + 1', last: at(T0, 3), remote: at(T0, 9, 'b2'), physical: T0, want: at(T0, 10), ahead: 0 },
    { name: 'local ahead: local counter + 1', last: at(T0 + 50, 3), remote: at(T0, 9, 'b2'), physical: T0, want: at(T0 + 50, 4), ahead: 0 },
    { name: 'physical ahead of both: counter resets', last: at(T0, 3), remote: at(T0 + 1, 9, 'b2'), physical: T0 + 1000, want: at(T0 + 1000, 0), ahead: 0 },
    {
      name: 'peer 10 minutes fast: accepted, drift reported',
      last: at(T0, 0),
      remote: at(T0 + 600_000, 0, 'b2'),
      physical: T0,
      want: at(T0 + 600_000, 1),
      ahead: 600_000,
    },
  ])('$name', ({ last, remote, physical, want, ahead }) => {
    const receipt = receiveHlc(last, remote, physical);
    expect(receipt.time).toEqual(want);
    expect(receipt.remoteAheadMs).toBe(ahead);
  });
});

describe('format and parse', () => {
  it('round-trips and is fixed width', () => {
    const stamp = formatHlc(at(T0, 0x1a, 'station7'));
    expect(stamp).toBe('2026-11-23T10:00:00.000Z-001A-station7');
    expect(parseHlc(stamp)).toEqual(at(T0, 0x1a, 'station7'));
  });

  it.each(['', 'nonsense', '2026-11-23T10:00:00.000Z-1A-x', '2026-11-23T10:00:00Z-0001-x', '2026-11-23T10:00:00.000Z-0001-'])('rejects %j', (bad) => {
    expect(() => parseHlc(bad)).toThrow(RangeError);
  });
});

const wall = fc.integer({ min: T0 - 86_400_000, max: T0 + 86_400_000 });

describe('properties', () => {
  it('stamps of one node strictly increase, whatever the physical clock does', () => {
    fc.assert(
      fc.property(fc.array(wall, { minLength: 1, maxLength: 200 }), (physicalTimes) => {
        let time = initialHlc('n1');
        let previous = '';
        for (const physical of physicalTimes) {
          const tick = tickHlc(time, physical);
          expect(compareHlc(tick.stamp, previous)).toBe(1);
          previous = tick.stamp;
          time = tick.time;
        }
      }),
    );
  });

  it('text order equals (wall, counter, node) order: a total order', () => {
    const time = fc.record({ wallMs: wall, counter: fc.integer({ min: 0, max: 0xffff }), node: fc.constantFrom('a', 'b', 'c1', 'c2') });
    fc.assert(
      fc.property(time, time, (a, b) => {
        const byFields = a.wallMs - b.wallMs || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(byFields));
      }),
    );
  });

  it('after receiving from a skewed peer, the next local stamp sorts after the peer stamp', () => {
    fc.assert(
      fc.property(wall, fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.integer({ min: 0, max: 0xffff }), (physical, skew, counter) => {
        const local = tickHlc(initialHlc('local'), physical).time;
        const remote = at(physical + skew, counter, 'remote');
        const merged = receiveHlc(local, remote, physical).time;
        const next = tickHlc(merged, physical);
        expect(compareHlc(next.stamp, formatHlc(remote))).toBe(1);
        expect(compareHlc(next.stamp, formatHlc(local))).toBe(1);
      }),
    );
  });
});
