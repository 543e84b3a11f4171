import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-time.js';
import { heldUntil, staffEmailAddress, staffEmailText, type StaffEmailInput } from './staff-email.js';

const DAY_8_16: Array<[string, string]> = [['08:00', '16:00']];

const base: StaffEmailInput = {
  kind: 'sla_escalation',
  recordType: 'complaint',
  recordNumber: 'CMP-OLAYA-AB12-000042',
  clock: 'resolution',
  level: 2,
  percent: null,
  reachedAt: '2026-11-23T13:00:00.000Z', // Monday 16:00 in Riyadh
  role: 'hospital_admin',
  recipientName: 'Dr Huda',
  hospitalName: 'Olaya Medical Complex',
  timeZone: 'Asia/Riyadh',
  language: 'en',
};

describe('the email of a staff notification', () => {
  it.each([
    [
      'an escalation in English',
      base,
      'Escalation level 2: complaint \u2068CMP-OLAYA-AB12-000042\u2069 is past its resolution time',
      ['Dear \u2068Dr Huda\u2069,', 'escalated to you (level 2)', 'Monday, 23 November 2026 at 16:00', 'You receive this as an administrator of the hospital.'],
    ],
    [
      'a reminder in English',
      { ...base, kind: 'sla_reminder', level: null, percent: 80, clock: 'first_response', role: 'assignee', recordType: 'px_action' } as const,
      'Reminder: PX action \u2068CMP-OLAYA-AB12-000042\u2069 has used 80 % of its first response time',
      ['has used 80 % of the time allowed for its first response', 'as the person it is assigned to'],
    ],
    [
      'an escalation in Arabic, Gregorian dates in Latin digits',
      { ...base, language: 'ar' } as const,
      'تصعيد المستوى 2: تجاوزت الشكوى \u2068CMP-OLAYA-AB12-000042\u2069 مهلة الحل',
      ['\u2068Dr Huda\u2069، تحية طيبة،', 'صُعِّدت إليك (المستوى 2)', '2026', '16:00', 'بصفتك مسؤول المستشفى'],
    ],
  ])('%s', (_name, input, subject, bodyParts) => {
    const email = staffEmailText(input);
    expect(email.subject).toBe(subject);
    for (const part of bodyParts) expect(email.body).toContain(part);
  });

  it('carries the record number and nothing of the patient or the complaint', () => {
    const email = staffEmailText(base);
    expect(email.body).toContain('CMP-OLAYA-AB12-000042');
    expect(Object.keys(base)).not.toContain('patient');
  });

  it.each([
    ['huda@olaya.sa', 'huda@olaya.sa'],
    ['  huda@olaya.sa ', 'huda@olaya.sa'],
    ['huda@olaya', null],
    ['', null],
    [null, null],
  ])('an address %j is %j', (raw, expected) => {
    expect(staffEmailAddress(raw)).toBe(expected);
  });
});

describe('an email held to business hours', () => {
  const office: BusinessCalendar = { timeZone: 'Asia/Riyadh', weekly: { 0: DAY_8_16, 1: DAY_8_16, 2: DAY_8_16, 3: DAY_8_16, 4: DAY_8_16, 5: [], 6: [] } };
  const notice = (details: Record<string, unknown> | string) => ({ details: typeof details === 'string' ? details : JSON.stringify(details) });
  const at = (wall: string) => Date.parse(`${wall}+03:00`);
  it.each([
    ['in hours: goes now', { anyTime: false }, '2026-12-01T10:00:00', null],
    ['at night: waits for 08:00', { anyTime: false }, '2026-12-01T22:00:00', '2026-12-02T08:00:00'],
    ['on Friday: waits for Sunday', { anyTime: false }, '2026-12-04T10:00:00', '2026-12-06T08:00:00'],
    ['a step that may reach people any time: goes at night', { anyTime: true }, '2026-12-01T22:00:00', null],
    ['a notification from before anyTime was kept: goes as queued', { clock: 'resolution' }, '2026-12-01T22:00:00', null],
    ['details that cannot be read: goes as queued', '{', '2026-12-01T22:00:00', null],
  ])('%s', (_case, details, now, expected) => {
    const held = heldUntil(notice(details), office, at(now));
    expect(held).toBe(expected === null ? null : new Date(at(expected)).toISOString());
  });
});
