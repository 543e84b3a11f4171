import { describe, expect, it } from 'vitest';
import { formatComplaintNumber, parseComplaintNumber, stationCode } from './numbers.js';

describe('complaint numbers', () => {
  it('give each station its own code, the same every time', () => {
    const a = stationCode('0193a6f0-7c3e-7b1d-9a5e-2f1c0d4b8e71');
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(stationCode('0193a6f0-7c3e-7b1d-9a5e-2f1c0d4b8e71')).toBe(a);
    expect(stationCode('0193a6f0-7c3e-7b1d-9a5e-2f1c0d4b8e72')).not.toBe(a);
  });

  it('spread station codes: 2,000 stations share few', () => {
    const codes = new Set(Array.from({ length: 2_000 }, (_, i) => stationCode(`station-${i}`)));
    // 20 bits: about 2 clashes expected among 2,000
    expect(codes.size).toBeGreaterThan(1_990);
  });

  it.each([
    ['RUH', 'K7Q2', 1, 'CMP-RUH-K7Q2-000001'],
    ['ruh', 'K7Q2', 123, 'CMP-RUH-K7Q2-000123'],
    ['JED-2', '0000', 1_234_567, 'CMP-JED-2-0000-1234567'],
  ])('format %s %s %d as %s, and read it back', (hospital, station, sequence, text) => {
    expect(formatComplaintNumber(hospital, station, sequence)).toBe(text);
    expect(parseComplaintNumber(text)).toEqual({ hospitalCode: hospital.toUpperCase(), station, sequence });
  });

  it('reads a number typed in lower case with spaces around', () => {
    expect(parseComplaintNumber('  cmp-ruh-k7q2-000045 ')).toEqual({ hospitalCode: 'RUH', station: 'K7Q2', sequence: 45 });
  });

  it.each(['CMP-RUH-K7Q2-12', 'CMP-RUH-KIQ2-000001', 'RUH-K7Q2-000001', 'CMP--K7Q2-000001', 'CMP-RUH-K7Q2-000000', 'CMP-RUH-K7Q2-000001; DROP TABLE', ''])(
    'refuses %j',
    (text) => {
      expect(parseComplaintNumber(text)).toBeNull();
    },
  );

  it('refuses a sequence that is not a count', () => {
    expect(() => formatComplaintNumber('RUH', 'K7Q2', 0)).toThrow(RangeError);
    expect(() => formatComplaintNumber('RUH', 'K7Q2', 1.5)).toThrow(RangeError);
  });
});
