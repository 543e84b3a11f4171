import { describe, expect, it } from 'vitest';
import type { SurveySettingsView } from '../../../../src-shared/contract/index.js';
import { DEFAULT_MESSAGE_TEXTS } from '../../../../src-shared/surveys/invitations.js';
import { minutesOfTime, moveChannel, settingsDraftOf, settingsInputOf, settingsProblems, smsSizeOf, timeOfMinutes } from './settings-form.js';

const defaults: SurveySettingsView = {
  hospitalId: '0192f3a0-0000-7000-8000-000000000001',
  sendingEnabled: false,
  windowStartMinute: 540,
  windowEndMinute: 1260,
  fatigueDays: 30,
  expiryDays: 7,
  digits: 'latn',
  channels: ['sms', 'whatsapp', 'email'],
  reminderAfterHours: 48,
  reminderMax: 1,
  linkBaseUrl: null,
  messageTexts: {},
  sender: 'station',
  saved: false,
};

describe('times', () => {
  it.each([
    [0, '00:00'],
    [540, '09:00'],
    [1290, '21:30'],
    [1440, '00:00'], // the end of the day
  ])('%i minutes is %s', (minutes, time) => {
    expect(timeOfMinutes(minutes)).toBe(time);
  });
  it.each([
    ['09:00', false, 540],
    ['21:30', true, 1290],
    ['00:00', false, 0],
    ['00:00', true, 1440], // a window closing at midnight
    ['', false, null],
    ['24:00', true, null],
    ['9:00', false, null],
  ] as const)('%s (end: %s) is %s', (time, end, minutes) => {
    expect(minutesOfTime(time, end)).toBe(minutes);
  });
});

describe('settings input', () => {
  it('sends back what it was given, with no text stored for the shipped ones', () => {
    const input = settingsInputOf(defaults.hospitalId, settingsDraftOf(defaults));
    expect(input).toMatchObject({ windowStartMinute: 540, windowEndMinute: 1260, channels: ['sms', 'whatsapp', 'email'], linkBaseUrl: null, messageTexts: {} });
  });

  it('keeps only the channels ticked, in their order, and only the texts changed', () => {
    const draft = settingsDraftOf({ ...defaults, channels: ['email', 'sms'] });
    expect(draft.channels.map((c) => [c.channel, c.used])).toEqual([
      ['email', true],
      ['sms', true],
      ['whatsapp', false],
    ]);
    draft.channels = moveChannel(draft.channels, 1, -1);
    draft.texts.sms = { ...draft.texts.sms, ar: 'نص جديد {{link}}' };
    const input = settingsInputOf(defaults.hospitalId, draft);
    expect(input.channels).toEqual(['sms', 'email']);
    expect(input.messageTexts).toEqual({ sms: { ar: 'نص جديد {{link}}', en: DEFAULT_MESSAGE_TEXTS.sms.en } });
  });
});

describe('settingsProblems', () => {
  it('names an unknown placeholder and an empty number at their fields', () => {
    const draft = settingsDraftOf(defaults);
    draft.texts.reminder_sms = { ...draft.texts.reminder_sms, en: 'Hello {{name}} {{link}}' };
    draft.fatigueDays = '';
    expect(settingsProblems(draft).map((p) => [p.path, p.key])).toEqual([
      ['fatigueDays', 'field.required'],
      ['messageTexts.reminder_sms.en', 'field.message_template_variable'],
    ]);
  });
});

describe('smsSizeOf', () => {
  const sample = { firstName: 'سارة', hospital: 'مجمع العليا الطبي', linkBaseUrl: 'https://s.example.sa', expiresOn: '2026-01-31' };
  it('counts an Arabic text in UCS-2: one part up to 70, two beyond', () => {
    expect(smsSizeOf('ش'.repeat(70), 'ar', sample)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsSizeOf('ش'.repeat(71), 'ar', sample)).toMatchObject({ encoding: 'ucs2', segments: 2 });
  });
  it('counts the variables as a patient receives them, isolates included', () => {
    // 22-character token, the hospital's name and two isolates around each value
    const size = smsSizeOf('{{hospital}} {{link}}', 'ar', sample);
    expect(size.units).toBe(sample.hospital.length + 2 + 1 + `${sample.linkBaseUrl}/s/`.length + 22 + 2);
  });
  it('counts the text as typed when a placeholder is unknown', () => {
    // braces are GSM-7 extension characters: two septets each
    expect(smsSizeOf('Hi {{nme}}', 'en', sample)).toMatchObject({ encoding: 'gsm7', units: 6 + 4 * 2 });
  });
});
