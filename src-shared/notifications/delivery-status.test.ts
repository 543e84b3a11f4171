import { describe, expect, it } from 'vitest';
import { type DeliveryStatus, mergeDeliveryStatus, reached } from './delivery-status.js';

describe('merging a provider’s report into what is known', () => {
  it.each<[DeliveryStatus, DeliveryStatus, DeliveryStatus]>([
    // in order
    ['queued', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['delivered', 'read', 'read'],
    // out of order: a late "sent" does not take a message back
    ['delivered', 'sent', 'delivered'],
    ['read', 'delivered', 'read'],
    // WhatsApp may skip "delivered": read implies it
    ['sent', 'read', 'read'],
    // a failure of a message not yet through
    ['queued', 'failed', 'failed'],
    ['sent', 'failed', 'failed'],
    // "delivered" can arrive after "failed" (YCloud): the phone got it
    ['failed', 'delivered', 'delivered'],
    ['failed', 'read', 'read'],
    // a failure reported after delivery is about something else (a retry of the webhook)
    ['delivered', 'failed', 'delivered'],
    ['read', 'failed', 'read'],
    ['failed', 'sent', 'failed'],
  ])('%s, then %s → %s', (current, incoming, kept) => {
    expect(mergeDeliveryStatus(current, incoming)).toBe(kept);
  });

  it('gives the same end state whatever order the reports arrive in', () => {
    const reports: DeliveryStatus[] = ['sent', 'failed', 'delivered', 'read'];
    const orders = [reports, [...reports].reverse(), ['read', 'sent', 'failed', 'delivered'] as DeliveryStatus[]];
    for (const order of orders) expect(order.reduce(mergeDeliveryStatus, 'queued')).toBe('read');
  });

  it('counts delivered and read as reached', () => {
    expect((['queued', 'sent', 'delivered', 'read', 'failed'] as const).filter(reached)).toEqual(['delivered', 'read']);
  });
});
