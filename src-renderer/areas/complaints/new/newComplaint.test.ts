import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../api/client.js';
import { BLANK, complaintLanguage, createInput, formProblems, zonedToUtc } from './newComplaint.js';

const HOSPITAL = '0190a6a0-0000-7000-8000-000000000001';
const PATIENT = '0190a6a0-0000-7000-8000-000000000002';
const RIYADH = { timeZone: 'Asia/Riyadh', language: 'ar' as const };

describe('zonedToUtc', () => {
  it.each([
    ['2026-03-01T14:30', 'Asia/Riyadh', '2026-03-01T11:30:00.000Z'],
    ['2026-01-01T00:15', 'Asia/Riyadh', '2025-12-31T21:15:00.000Z'],
    // London on the day it moves its clocks forward: 02:30 does not exist, 03:30 is summer time
    ['2026-03-29T03:30', 'Europe/London', '2026-03-29T02:30:00.000Z'],
    ['2026-07-01T09:00', 'Europe/London', '2026-07-01T08:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, utc) => {
    expect(zonedToUtc(local, zone)).toBe(utc);
  });

  it.each(['2026-02-30T10:00', '2026-13-01T10:00', '2026-03-01T24:00', '2026-03-01 10:00', '', 'yesterday'])('refuses %j', (local) => {
    expect(zonedToUtc(local, 'Asia/Riyadh')).toBeNull();
  });
});

describe('complaintLanguage', () => {
  it.each([
    ['نص', '', 'en', 'ar'],
    ['', 'Text', 'ar', 'en'],
    ['نص', 'Text', 'en', 'en'],
    ['  ', '', 'ar', 'ar'],
  ] as const)('Arabic %j, English %j, else %s: %s', (descriptionAr, descriptionEn, fallback, language) => {
    expect(complaintLanguage({ descriptionAr, descriptionEn }, fallback)).toBe(language);
  });
});

describe('createInput', () => {
  it('sends a known patient’s complaint with only what was filled in', () => {
    const input = createInput(
      {
        ...BLANK,
        hospitalId: HOSPITAL,
        channel: 'phone',
        patientId: PATIENT,
        complainantName: 'left from before',
        descriptionAr: ' انتظار طويل ',
        severity: '3',
      },
      RIYADH,
    );
    expect(input).toEqual({
      hospitalId: HOSPITAL,
      type: 'complaint',
      channel: 'phone',
      contactPreference: 'phone',
      language: 'ar',
      priority: 'medium',
      patientId: PATIENT,
      descriptionAr: 'انتظار طويل',
      severity: 3,
    });
    expect(validateInput('complaints.create', input)).toEqual([]);
  });

  it('sends an anonymous complainant’s name and contact instead of a patient, and the time it happened in UTC', () => {
    const input = createInput(
      {
        ...BLANK,
        hospitalId: HOSPITAL,
        who: 'other',
        patientId: PATIENT,
        channel: 'web',
        complainantName: 'Sara',
        contactEmail: 'sara@example.com',
        contactPreference: 'email',
        descriptionEn: 'Rude reception',
        occurredAt: '2026-03-01T14:30',
      },
      RIYADH,
    );
    expect(input).toMatchObject({ complainantName: 'Sara', contactEmail: 'sara@example.com', language: 'en', occurredAt: '2026-03-01T11:30:00.000Z' });
    expect(input).not.toHaveProperty('patientId');
    expect(validateInput('complaints.create', input)).toEqual([]);
  });

  it('leaves the contract to say that the channel is missing', () => {
    const paths = validateInput('complaints.create', createInput({ ...BLANK, hospitalId: HOSPITAL, who: 'other', descriptionEn: 'x' }, RIYADH)).map(
      (e) => e.path,
    );
    expect(paths).toEqual(['channel']);
  });
});

describe('formProblems', () => {
  const FILLED = { ...BLANK, hospitalId: HOSPITAL, channel: 'phone' };
  const now = new Date('2026-03-01T12:00:00Z');
  it('asks for the hospital, the channel and, for a patient on record, the patient', () => {
    expect(formProblems({ ...BLANK, descriptionAr: 'نص' }, now, 'Asia/Riyadh').map((p) => `${p.path}:${p.key}`)).toEqual([
      'hospitalId:field.required',
      'channel:field.required',
      'patientId:field.required',
    ]);
    expect(formProblems({ ...FILLED, who: 'other', descriptionEn: 'Text' }, now, 'Asia/Riyadh')).toEqual([]);
  });

  it('asks for a description in either language, beside the Arabic one', () => {
    expect(formProblems({ ...FILLED, who: 'other', descriptionEn: '  ' }, now, 'Asia/Riyadh').map((p) => `${p.path}:${p.key}`)).toEqual([
      'descriptionAr:field.complaint_description',
    ]);
  });

  it('refuses a time that is not one, or that has not come yet', () => {
    const problems = (occurredAt: string) =>
      formProblems({ ...FILLED, who: 'other', descriptionAr: 'نص', occurredAt }, now, 'Asia/Riyadh').map((p) => `${p.path}:${p.key}`);
    expect(problems('2026-02-30T10:00')).toEqual(['occurredAt:field.date']);
    expect(problems('2026-03-01T15:30')).toEqual(['occurredAt:field.date_future']);
    expect(problems('2026-03-01T14:30')).toEqual([]);
  });
});
