import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoff after failed tries (sync rounds, event deliveries)', () => {
  it.each([
    // failures, random, wait
    [1, 0, 2_500],
    [1, 0.999_999, 5_000],
    [2, 0, 5_000],
    [3, 0.5, 15_000],
    [7, 0, 160_000],
    [8, 0.999_999, 600_000], // 640 s capped at ten minutes
    [60, 0, 300_000], // weeks offline: never beyond the cap, never overflowing
    [60, 0.999_999, 600_000],
  ])('after %i failures with random %d waits %i ms', (failures, random, wait) => {
    expect(backoffDelayMs(failures, () => random)).toBe(wait);
  });

  it('doubles, with jitter inside the upper half of each step', () => {
    for (let failures = 1; failures <= 12; failures += 1) {
      const ceiling = Math.min(600_000, 5_000 * 2 ** (failures - 1));
      for (const random of [0, 0.25, 0.5, 0.75, 0.999]) {
        const wait = backoffDelayMs(failures, () => random);
        expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
        expect(wait).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('takes its first step from the base given', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, () => 0.5, 20))).toEqual([15, 30, 60, 120]);
  });
});
