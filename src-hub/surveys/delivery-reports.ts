import { type Kysely, sql } from 'kysely';
import { DELIVERY_STATUSES, type DeliveryStatus, mergeDeliveryStatus } from '../../src-shared/notifications/delivery-status.js';
import type { ProviderReport } from '../../src-shared/notifications/whatsapp.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import type { HubWriter } from '../sync/hub-writer.js';
import { changesTo, readMessage } from './records.js';

function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/**
 * A provider's report about a message it took (WhatsApp's status webhook),
 * merged into what the hub knows: a message only moves forward (sent →
 * delivered → read; a message that reached the phone did not fail), so a
 * report that arrives late or out of order changes nothing it should not.
 * Each step's time is written once. Answers whether the message was found.
 */
export async function applyDeliveryReport(db: Kysely<HubDatabase>, writer: HubWriter, report: ProviderReport, now: () => number = Date.now): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await writer.lock(trx);
    const found = await sql<{ row_id: string }>`
      SELECT row_id FROM records
      WHERE tbl = 'notification_messages' AND (data->>'provider_message_id') IS NOT NULL AND (data->>'provider_message_id') = ${report.providerMessageId}
      LIMIT 1`.execute(trx);
    const id = found.rows[0]?.row_id;
    const message = id ? await readMessage(trx, id) : null;
    if (!id || !message) return false;
    // queued, sending or cancelled: not a message a provider holds (a report about an old attempt)
    if (!isDeliveryStatus(message.status) || message.status === 'queued') return true;
    const status = mergeDeliveryStatus(message.status, report.status);
    const cells: Record<string, CellValue> = { status };
    if (report.status === 'delivered' || report.status === 'read') cells.delivered_at = message.delivered_at ?? report.at;
    if (report.status === 'read') cells.read_at = message.read_at ?? report.at;
    if (status === 'failed' && report.status === 'failed') {
      cells.failed_at = message.failed_at ?? report.at;
      cells.error = report.reason ?? 'The provider reported the message failed';
    }
    const { changed } = await changesTo(trx, 'notification_messages', id, cells);
    if (Object.keys(changed).length > 0) {
      await writer.write(trx, [{ table: 'notification_messages', rowId: id, cells: { ...changed, updated_at: new Date(now()).toISOString() } }]);
    }
    return true;
  });
}
