/**
 * Where a message stands with its provider. Providers report out of order
 * (WhatsApp may send `delivered` after `failed`, or never send `delivered`
 * before `read`; an SMS gateway's callback can overtake the answer to the
 * send request), so a report is merged into what is known, never simply
 * written over it: a message only moves forward, and a message that reached
 * the phone did not fail, whatever arrived last.
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const RANK: Readonly<Record<DeliveryStatus, number>> = { queued: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

/** The status to keep when `incoming` is reported for a message that is `current`. */
export function mergeDeliveryStatus(current: DeliveryStatus, incoming: DeliveryStatus): DeliveryStatus {
  return RANK[incoming] > RANK[current] ? incoming : current;
}

/** Did the message reach the patient's phone or mailbox (for the response rate's "delivered")? */
export function reached(status: DeliveryStatus): boolean {
  return status === 'delivered' || status === 'read';
}
