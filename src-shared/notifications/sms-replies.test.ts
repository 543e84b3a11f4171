import { describe, expect, it } from 'vitest';
import { readSmsReplies } from './sms-replies.js';

const NOW = new Date('2026-12-07T08:00:00.000Z');
const stopFrom = (from: string) => ({ kind: 'stop', reply: { from, at: NOW.toISOString() } });

describe('readSmsReply', () => {
  it.each([
    ['Unifonic-like JSON, international digits', { from: '966551234567', text: 'STOP' }, stopFrom('966551234567')],
    ['with a plus', { from: '+966551234567', text: 'stop' }, stopFrom('966551234567')],
    ['with 00', { from: '00966551234567', text: 'Stop' }, stopFrom('966551234567')],
    ['a local number', { from: '0551234567', text: 'إيقاف' }, stopFrom('966551234567')],
    ['Vonage: msisdn as a number', { msisdn: 966551234567, text: 'STOP' }, stopFrom('966551234567')],
    ["Twilio's capitalised form fields", { From: '+966551234567', Body: 'الغاء' }, stopFrom('966551234567')],
    ['Infobip: one result wrapped', { results: [{ from: '966551234567', text: 'توقف' }] }, stopFrom('966551234567')],
    ['Arabic with another hamza and harakat', { sender: '966551234567', message: 'أيقاف' }, stopFrom('966551234567')],
    ['feedback that mentions stopping', { from: '966551234567', text: 'please stop the noise at the clinic' }, { kind: 'other' }],
    ['an answer to the survey by text', { from: '966551234567', text: '5' }, { kind: 'other' }],
  ])('%s', (_name, body, expected) => {
    expect(readSmsReplies(body, NOW)).toEqual([expected]);
  });

  it('reads every reply a gateway batches, leaving out one it cannot read: another patient’s STOP is not lost', () => {
    const body = {
      results: [
        { from: '966551234567', text: 'STOP' },
        { from: 'UNIFONIC', text: 'STOP' },
        { from: '966551234568', text: 'thanks' },
        { from: '966551234569', text: 'إيقاف' },
      ],
    };
    expect(readSmsReplies(body, NOW)).toEqual([stopFrom('966551234567'), { kind: 'other' }, stopFrom('966551234569')]);
  });

  it.each([
    ['no body', null],
    ['an array', [{ from: '966551234567', text: 'STOP' }]],
    ['no sender', { text: 'STOP' }],
    ['no text', { from: '966551234567' }],
    ['an empty text', { from: '966551234567', text: '  ' }],
    ['a sender that is no number', { from: 'UNIFONIC', text: 'STOP' }],
    ['a landline', { from: '+966112345678', text: 'STOP' }],
    ['a text no SMS is', { from: '966551234567', text: 'x'.repeat(2_001) }],
    ['a batch of which nothing can be read', { results: [{ from: 'UNIFONIC', text: 'STOP' }, { text: 'STOP' }] }],
    ['an empty batch', { results: [] }],
    ['a batch of more than a hundred', { results: Array.from({ length: 101 }, () => ({ from: '966551234567', text: 'STOP' })) }],
    ['a sender given as an object', { from: { number: '966551234567' }, text: 'STOP' }],
  ])('refuses %s', (_name, body) => {
    expect(readSmsReplies(body, NOW)).toBeNull();
  });
});
