import { describe, expect, it } from 'vitest';
import { isDay, oneOf, pageParam } from './address.js';

describe('values read from the address', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['yesterday', false],
    [null, false],
  ])('%s is a day: %s', (value, day) => {
    expect(isDay(value)).toBe(day);
  });

  it('takes only a listed value', () => {
    expect(oneOf(['sms', 'email'] as const, 'sms')).toBe('sms');
    expect(oneOf(['sms', 'email'] as const, 'pigeon')).toBeUndefined();
    expect(oneOf(['sms', 'email'] as const, null)).toBeUndefined();
  });

  it.each([
    ['page=3', 3],
    ['', 1],
    ['page=0', 1],
    ['page=2.5', 1],
    ['page=-1', 1],
    ['page=abc', 1],
    ['page=100001', 1],
  ])('%j is page %i', (query, page) => {
    expect(pageParam(new URLSearchParams(query))).toBe(page);
  });
});
