import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readUnifonicAnswer, unifonicForm } from './unifonic.js';
import { isStopReply, readWhatsAppStatuses, readWhatsAppStopReplies, whatsAppSignatureValid, whatsAppTemplateMessage } from './whatsapp.js';

describe('WhatsApp Cloud API', () => {
  it('sends a template message with the token as the URL button’s suffix', () => {
    expect(
      whatsAppTemplateMessage({
        to: '966501234567',
        template: 'px_survey_invite',
        language: 'ar',
        bodyParameters: ['نورة', 'مجمع العليا'],
        buttonSuffix: 'TOKEN123',
      }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '966501234567',
      type: 'template',
      template: {
        name: 'px_survey_invite',
        language: { code: 'ar' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'نورة' },
              { type: 'text', text: 'مجمع العليا' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'TOKEN123' }] },
        ],
      },
    });
  });

  const body = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [] }));
  const signature = `sha256=${createHmac('sha256', 'app-secret').update(body).digest('hex')}`;

  it.each([
    { name: 'the right signature', secret: 'app-secret', raw: body, header: signature, valid: true },
    {
      name: 'in capitals',
      secret: 'app-secret',
      raw: body,
      header: signature.replace(/[a-f]/g, (c) => c.toUpperCase()).replace('SHA256', 'sha256'),
      valid: true,
    },
    { name: 'another secret', secret: 'other-secret', raw: body, header: signature, valid: false },
    { name: 'a changed body', secret: 'app-secret', raw: Buffer.from(`${body.toString()} `), header: signature, valid: false },
    { name: 'no header', secret: 'app-secret', raw: body, header: undefined, valid: false },
    { name: 'sha1', secret: 'app-secret', raw: body, header: `sha1=${createHmac('sha1', 'app-secret').update(body).digest('hex')}`, valid: false },
    { name: 'a short signature', secret: 'app-secret', raw: body, header: 'sha256=abcd', valid: false },
  ])('checks the webhook signature: $name → $valid', ({ secret, raw, header, valid }) => {
    expect(whatsAppSignatureValid(secret, raw, header)).toBe(valid);
  });

  it('reads the statuses of a webhook, with the reason of a failure, and leaves out kinds it does not track', () => {
    const webhook = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                statuses: [
                  { id: 'wamid.A', status: 'delivered', timestamp: '1796515200', recipient_id: '966501234567' },
                  { id: 'wamid.B', status: 'failed', timestamp: '1796515260', errors: [{ code: 131026, title: 'Message undeliverable' }] },
                  { id: 'wamid.C', status: 'played', timestamp: '1796515320' },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(readWhatsAppStatuses(webhook)).toEqual([
      { providerMessageId: 'wamid.A', status: 'delivered', at: '2026-12-06T00:00:00.000Z', reason: null },
      { providerMessageId: 'wamid.B', status: 'failed', at: '2026-12-06T00:01:00.000Z', reason: '131026 Message undeliverable' },
    ]);
    // an incoming message (no statuses) is no report
    expect(readWhatsAppStatuses({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { messages: [{}] } }] }] })).toEqual([]);
  });

  it.each([
    { name: 'another object', body: { object: 'page', entry: [] } },
    { name: 'no entries', body: { object: 'whatsapp_business_account' } },
    {
      name: 'a timestamp that is no number',
      body: {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'messages', value: { statuses: [{ id: 'w', status: 'read', timestamp: 'soon' }] } }] }],
      },
    },
    { name: 'not JSON of ours', body: 'hello' },
  ])('refuses a body that is no WhatsApp webhook: $name', ({ body: webhook }) => {
    expect(readWhatsAppStatuses(webhook)).toBeNull();
  });
});

describe('WhatsApp stop replies', () => {
  it.each([
    ['STOP', true],
    ['  stop. ', true],
    ['Unsubscribe', true],
    ['إيقاف', true],
    ['ايقاف', true],
    ['إلغاء الاشتراك', true],
    ['الغاء', true],
    ['توقّف', true],
    ['لا ترسل', true],
    ['please stop the noise at the clinic', false],
    ['شكراً', false],
    ['stopped by the pharmacy', false],
    ['', false],
  ])('"%s" is a stop reply: %s', (text, expected) => {
    expect(isStopReply(text)).toBe(expected);
  });

  it('reads text and quick-reply buttons that say stop, and nothing else', () => {
    const message = (extra: Record<string, unknown>) => ({ from: '966551234571', id: 'wamid.X', timestamp: '1796515200', ...extra });
    const webhook = {
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                messages: [
                  message({ type: 'text', text: { body: 'إيقاف' } }),
                  message({ type: 'button', button: { text: 'Stop', payload: 'STOP' }, from: '966551234572' }),
                  message({ type: 'text', text: { body: 'The doctor was kind' }, from: '966551234573' }),
                  message({ type: 'image', image: { id: 'media' }, from: '966551234574' }),
                  { type: 'text', text: { body: 'stop' } },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(readWhatsAppStopReplies(webhook)).toEqual([
      { from: '966551234571', at: '2026-12-06T00:00:00.000Z' },
      { from: '966551234572', at: '2026-12-06T00:00:00.000Z' },
    ]);
    expect(readWhatsAppStopReplies({ object: 'page' })).toEqual([]);
  });
});

describe('Unifonic SMS', () => {
  it('sends a Service message to international digits, with our correlation id', () => {
    const form = unifonicForm({ appSid: 'APP', senderId: 'OlayaHosp', to: '+966501234567', body: 'شاركنا رأيك', correlationId: 'msg-1' });
    expect(Object.fromEntries(form)).toEqual({
      AppSid: 'APP',
      SenderID: 'OlayaHosp',
      Recipient: '966501234567',
      Body: 'شاركنا رأيك',
      MessageType: '3',
      CorrelationID: 'msg-1',
      responseType: 'JSON',
    });
    expect(() => unifonicForm({ appSid: 'APP', senderId: 'S', to: '0501234567', body: 'x', correlationId: 'c' })).toThrow(/E.164/);
  });

  it.each([
    {
      name: 'sent',
      body: { success: true, message: '', errorCode: 'ER-00', data: { MessageID: 4281, CorrelationID: 'msg-1', Status: 'Sent', NumberOfUnits: 2, Cost: 0.1 } },
      answer: { ok: true, providerMessageId: '4281', status: 'sent', units: 2 },
    },
    {
      name: 'queued',
      body: { success: true, data: { MessageID: '99', Status: 'Queued' } },
      answer: { ok: true, providerMessageId: '99', status: 'queued', units: null },
    },
    {
      name: 'refused',
      body: { success: false, message: 'Dest num is too short', errorCode: 'ER-04', data: {} },
      answer: { ok: false, reason: 'ER-04: Dest num is too short', retry: false },
    },
    { name: 'refused with no words', body: { success: false, data: [] }, answer: { ok: false, reason: 'ER: refused', retry: false } },
    {
      name: 'a proxy’s error page',
      body: '<html>502</html>',
      answer: { ok: false, reason: 'The SMS gateway gave an answer that could not be read', retry: true },
    },
  ])('reads the answer: $name', ({ body, answer }) => {
    expect(readUnifonicAnswer(body)).toEqual(answer);
  });
});
