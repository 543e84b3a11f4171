import { describe, expect, it } from 'vitest';
import { durationParts, intervalParts, jobState, readerState } from './jobStates.js';

describe("a job's badge", () => {
  it.each([
    [{ running: true, lastOutcome: 'failed' }, 'running'],
    [{ running: true, lastOutcome: null }, 'running'],
    [{ running: false, lastOutcome: 'failed' }, 'failing'],
    [{ running: false, lastOutcome: 'ok' }, 'ok'],
    [{ running: false, lastOutcome: null }, 'notRunYet'],
  ] as const)('%j is %s', (job, state) => {
    expect(jobState(job)).toBe(state);
  });
});

describe("an event reader's badge", () => {
  it.each([
    [{ failing: true, lag: 12 }, 'failing'],
    [{ failing: true, lag: 0 }, 'failing'],
    [{ failing: false, lag: 3 }, 'behind'],
    [{ failing: false, lag: 0 }, 'upToDate'],
  ] as const)('%j is %s', (reader, state) => {
    expect(readerState(reader)).toBe(state);
  });
});

describe('times as a reader sees them', () => {
  it.each([
    [1_000, { value: 1, unit: 'second' }],
    [30_000, { value: 30, unit: 'second' }],
    [90_000, { value: 90, unit: 'second' }],
    [300_000, { value: 5, unit: 'minute' }],
    [7_200_000, { value: 2, unit: 'hour' }],
    [1_500, { value: 1_500, unit: 'millisecond' }],
    [250, { value: 250, unit: 'millisecond' }],
  ] as const)('an interval of %i ms reads %j', (ms, parts) => {
    expect(intervalParts(ms)).toEqual(parts);
  });

  it.each([
    [0.04, { value: 0, unit: 'millisecond' }],
    [3.26, { value: 3.3, unit: 'millisecond' }],
    [999.9, { value: 999.9, unit: 'millisecond' }],
    [1_000, { value: 1, unit: 'second' }],
    [12_345, { value: 12.3, unit: 'second' }],
    [119_999, { value: 120, unit: 'second' }],
    [150_000, { value: 2.5, unit: 'minute' }],
  ] as const)('a run of %d ms took %j', (ms, parts) => {
    expect(durationParts(ms)).toEqual(parts);
  });
});
