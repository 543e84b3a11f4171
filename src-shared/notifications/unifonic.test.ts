import { describe, expect, it } from 'vitest';
import { readUnifonicReceipt } from './unifonic.js';

const NOW = new Date('2026-12-06T10:00:00Z');

describe('Unifonic delivery receipts', () => {
  it.each([
    [
      'a delivered form receipt',
      { MessageID: '41230099', DLR: 'Delivered', Recipient: '966551234572' },
      { providerMessageId: '41230099', status: 'delivered', reason: null },
    ],
    ['a numeric id', { MessageID: 41230099, DLR: 'Delivered' }, { providerMessageId: '41230099', status: 'delivered' }],
    ['undeliverable, with its word kept', { MessageID: '7', DLR: 'Undeliverable' }, { status: 'failed', reason: 'Unifonic: Undeliverable' }],
    ['field names in another case', { messageId: '7', dlr: 'delivered' }, { status: 'delivered' }],
    ['a "Status" field in place of "DLR"', { MessageID: '7', Status: 'Rejected' }, { status: 'failed', reason: 'Unifonic: Rejected' }],
  ])('reads %s', (_case, body, expected) => {
    expect(readUnifonicReceipt(body, NOW)).toMatchObject({ ...expected, at: NOW.toISOString() });
  });

  it.each([
    ['no id', { DLR: 'Delivered' }],
    ['no status', { MessageID: '7' }],
    ['a status Unifonic does not send', { MessageID: '7', DLR: 'Teleported' }],
    ['an id of another type', { MessageID: { $ne: 1 }, DLR: 'Delivered' }],
    ['a huge id', { MessageID: 'x'.repeat(101), DLR: 'Delivered' }],
    ['an array', [{ MessageID: '7', DLR: 'Delivered' }]],
    ['nothing', null],
  ])('refuses %s', (_case, body) => {
    expect(readUnifonicReceipt(body, NOW)).toBeNull();
  });
});
