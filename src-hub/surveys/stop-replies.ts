import { sql, type Kysely } from 'kysely';
import { optOutId } from '../../src-shared/surveys/ids.js';
import type { StopReply } from '../../src-shared/notifications/whatsapp.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import type { HubRow, HubWriter } from '../sync/hub-writer.js';
import { recipientHashOf } from './outbox.js';
import { changesAgainst, instanceOf, optOutConfirmationRow, readRecords, recordKey } from './records.js';

/** The channels a patient can reply "stop" on. */
export type ReplyChannel = 'whatsapp' | 'sms';

/**
 * A patient replied "stop" (or إيقاف) to an invitation, on WhatsApp or by
 * SMS: no more surveys by any channel, recorded as each hospital's opt-out
 * row for every patient the hub invited at that number (source
 * `whatsapp_reply` or `sms_reply`),
 * which every station of the hospital learns and honours. The number is
 * found through the invitations the hub sent (notification_claims keeps a
 * hash of hospital and number), never by searching patients' phones: a
 * reply opts out only the people this number was actually invited as.
 * Answers how many patients it opted out (already opted out: not counted).
 * The patient is told it is done, once, on the channel they replied on.
 */
export async function optOutByReply(
  db: Kysely<HubDatabase>,
  writer: HubWriter,
  reply: StopReply,
  channel: ReplyChannel = 'whatsapp',
  now: () => number = Date.now,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await writer.lock(trx);
    const hospitals = await sql<{ row_id: string }>`SELECT row_id FROM records WHERE tbl = 'hospitals'`.execute(trx);
    const hashes = hospitals.rows.map((h) => recipientHashOf(h.row_id, `+${reply.from}`));
    if (hashes.length === 0) return 0;
    const claims = await trx.selectFrom('notification_claims').select('message_id').where('state', '=', 'sent').where('recipient_hash', 'in', hashes).execute();
    const messages = await readRecords(
      trx,
      claims.map((c) => ['notification_messages', c.message_id] as const),
    );
    const instanceIds = [...new Set([...messages.values()].map((m) => m.instance_id).filter((id): id is string => typeof id === 'string'))];
    const instances = await readRecords(
      trx,
      instanceIds.map((id) => ['survey_instances', id] as const),
    );
    const patients = new Map<string, string>(); // patient → hospital
    for (const id of instanceIds) {
      const instance = instanceOf(id, instances.get(recordKey('survey_instances', id)));
      if (instance) patients.set(instance.patient_id, instance.hospital_id);
    }
    const held = await readRecords(
      trx,
      [...patients.keys()].map((patientId) => ['survey_opt_outs', optOutId(patientId, 'all')] as const),
    );
    const at = new Date(now()).toISOString();
    const rows: HubRow[] = [];
    for (const [patientId, hospitalId] of patients) {
      const id = optOutId(patientId, 'all');
      const cells = held.get(recordKey('survey_opt_outs', id)) ?? null;
      if (cells?.active === 1 && !cells.deleted_at) continue;
      const values: Record<string, CellValue> = { active: 1, source: `${channel}_reply`, recorded_at: reply.at, deleted_at: null };
      const { exists, changed } = changesAgainst(cells, values);
      rows.push({
        table: 'survey_opt_outs',
        rowId: id,
        cells: exists
          ? { ...changed, updated_at: at }
          : { hospital_id: hospitalId, patient_id: patientId, channel: 'all', ...values, created_at: at, updated_at: at },
      });
    }
    const optedOut = rows.length;
    // told so, once, where they asked: the survey of the latest message this number was sent
    const newly = new Set(rows.map((row) => String(row.cells.patient_id ?? held.get(recordKey('survey_opt_outs', row.rowId))?.patient_id ?? '')));
    const latest = [...messages.values()]
      .filter((m) => typeof m.instance_id === 'string')
      .map((m) => ({
        sendAt: String(m.send_at ?? ''),
        instance: instanceOf(m.instance_id as string, instances.get(recordKey('survey_instances', m.instance_id as string))),
      }))
      .filter((m) => m.instance !== null && newly.has(m.instance.patient_id))
      .sort((a, b) => b.sendAt.localeCompare(a.sendAt))[0]?.instance;
    if (latest) {
      const confirmation = optOutConfirmationRow(latest, channel, at);
      const existing = confirmation ? await readRecords(trx, [['notification_messages', confirmation.rowId]]) : new Map();
      if (confirmation && existing.size === 0) rows.push(confirmation);
    }
    await writer.write(trx, rows);
    return optedOut;
  });
}
