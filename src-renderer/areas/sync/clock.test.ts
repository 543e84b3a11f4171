import { describe, expect, it } from 'vitest';
import { clockWarning } from './clock.js';

describe('the clock warning', () => {
  it.each([
    [{ clockOffsetMs: 0, clockSkewMs: 0 }, null],
    [{ clockOffsetMs: 4 * 60_000, clockSkewMs: 4 * 60_000 }, null],
    [
      { clockOffsetMs: 10 * 60_000, clockSkewMs: 0 },
      { kind: 'slow', minutes: 10 },
    ],
    [
      { clockOffsetMs: -3 * 3_600_000, clockSkewMs: 0 },
      { kind: 'fast', minutes: 180 },
    ],
    [
      { clockOffsetMs: 0, clockSkewMs: 20 * 60_000 },
      { kind: 'remoteAhead', minutes: 20 },
    ],
    // this computer's own clock comes first: it is the one this office can fix
    [
      { clockOffsetMs: -10 * 60_000, clockSkewMs: 20 * 60_000 },
      { kind: 'fast', minutes: 10 },
    ],
  ])('%j → %j', (status, warning) => {
    expect(clockWarning(status)).toEqual(warning);
  });
});
