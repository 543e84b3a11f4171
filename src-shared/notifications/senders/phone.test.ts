import { describe, expect, it } from 'vitest';
import { isE164, normalizePhone, type PhoneCheck } from './phone.js';

const mobile = (e164: string): PhoneCheck => ({ ok: true, e164 });
const invalid: PhoneCheck = { ok: false, reason: 'invalid' };
const notMobile: PhoneCheck = { ok: false, reason: 'not_mobile' };

describe('normalising a patient’s number for SMS and WhatsApp', () => {
  it.each<[string, PhoneCheck]>([
    // a Saudi mobile, every way a registration desk types it
    ['0501234567', mobile('+966501234567')],
    ['966501234567', mobile('+966501234567')],
    ['+966501234567', mobile('+966501234567')],
    ['00966501234567', mobile('+966501234567')],
    ['+966 50 123 4567', mobile('+966501234567')],
    ['050-123-4567', mobile('+966501234567')],
    ['(050) 123 4567', mobile('+966501234567')],
    ['٠٥٠١٢٣٤٥٦٧', mobile('+966501234567')],
    ['\u200e+966501234567\u200f', mobile('+966501234567')],
    ['  0551234567 ', mobile('+966551234567')],
    ['0591234567', mobile('+966591234567')],
    // a Saudi landline (Riyadh) is a number, but no SMS or WhatsApp reaches it
    ['0112345678', notMobile],
    ['+966112345678', notMobile],
    // not a Saudi number at all
    ['050123456', invalid],
    ['05012345678', invalid],
    ['+96650123456', invalid],
    ['0521234567', invalid],
    ['800123', invalid],
    ['', invalid],
    ['not a number', invalid],
    ['call me on 0501234567', invalid],
    ['0501234567'.repeat(5), invalid],
    // other countries, written internationally
    ['+447911123456', mobile('+447911123456')],
    ['+442071234567', notMobile],
    ['+201001234567', mobile('+201001234567')],
    // North American numbers do not say whether they are mobiles: sent
    ['+12025550123', mobile('+12025550123')],
  ])('%s → %o', (raw, expected) => {
    expect(normalizePhone(raw)).toEqual(expected);
  });

  it('reads a national number by the country given', () => {
    expect(normalizePhone('07911 123456', 'GB')).toEqual(mobile('+447911123456'));
    expect(normalizePhone('07911 123456')).toEqual(invalid);
  });

  it.each([
    ['+966501234567', true],
    ['966501234567', false],
    ['+0501234567', false],
    ['+1234567', false],
    ['+1234567890123456', false],
  ])('%s is E.164: %s', (value, expected) => {
    expect(isE164(value)).toBe(expected);
  });
});
