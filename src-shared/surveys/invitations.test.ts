import { describe, expect, it } from 'vitest';
import { whatsAppTemplateMessage } from '../notifications/whatsapp.js';
import { asksForAnswer, invitationMessage, OPT_OUT_CONFIRMATION, retryUntil } from './invitations.js';

const base = {
  messageId: '01a24efc-29ef-7002-9aff-69e93dc93cff',
  kind: OPT_OUT_CONFIRMATION,
  to: '+966551234571',
  firstName: 'Noura',
  hospitalName: 'Olaya Medical Complex',
  link: '',
  optOutLink: '/opt-out',
  expiresOn: '14 December 2026',
  texts: {},
} as const;

describe('the confirmation of an opt-out', () => {
  it.each([
    ['SMS in Arabic', 'sms', 'ar', /^\u2068?Olaya Medical Complex\u2069?: تم إيقاف الاستبيانات، ولن تصلك رسائل استبيان أخرى منا\. شكراً لك\.$/, null],
    ['SMS in English', 'sms', 'en', /surveys are stopped; you will receive no more survey messages from us/, null],
    [
      'email in English',
      'email',
      'en',
      /We have recorded your request: you will receive no more surveys from \u2068?Olaya Medical Complex\u2069?, by any channel\./,
      /^No more surveys from \u2068?Olaya Medical Complex\u2069?$/,
    ],
  ] as const)('%s: says it is done, with no link', (_name, channel, language, body, subject) => {
    const { message, segments } = invitationMessage({ ...base, channel, language });
    expect(message.body).toMatch(body);
    if (subject) expect(message.subject).toMatch(subject);
    else expect(message.subject).toBeNull();
    expect(message.link).toBe('');
    expect(message.optOutLink).toBeNull();
    expect(message.body).not.toMatch(/https?:/);
    if (channel === 'sms') expect(segments).toBeGreaterThanOrEqual(1);
  });

  it('on WhatsApp: its own template, the hospital as its one parameter, and no button', () => {
    const { message } = invitationMessage({ ...base, channel: 'whatsapp', language: 'ar' });
    expect(message.whatsApp).toEqual({ templateName: 'px360_opt_out_confirmation', bodyParameters: ['Olaya Medical Complex'], buttonSuffix: '' });
    const body = whatsAppTemplateMessage({
      to: '966551234571',
      template: 'px360_opt_out_confirmation',
      language: 'ar',
      bodyParameters: ['Olaya Medical Complex'],
      buttonSuffix: '',
    });
    expect(body.template.components).toEqual([{ type: 'body', parameters: [{ type: 'text', text: 'Olaya Medical Complex' }] }]);
  });

  it.each([
    ['invitation', true],
    ['reminder_1', true],
    [OPT_OUT_CONFIRMATION, false],
  ])('a %s asks for an answer: %s', (kind, asks) => {
    expect(asksForAnswer(kind)).toBe(asks);
  });
});

describe('retryUntil', () => {
  const sendAt = '2026-12-07T09:00:00.000Z';
  const expiresAt = '2026-12-14T09:00:00.000Z';
  it.each([
    ['an invitation: until its link expires', 'invitation', Date.parse(expiresAt)],
    ['a reminder: until its link expires', 'reminder_1', Date.parse(expiresAt)],
    ['an opt-out’s confirmation: three days after it was due', 'opt_out_confirmation', Date.parse(sendAt) + 3 * 24 * 3_600_000],
  ])('%s', (_name, kind, until) => {
    expect(retryUntil(kind, sendAt, expiresAt)).toBe(until);
  });
});
