import { type Kysely, sql } from 'kysely';
import { backoffDelayMs } from '../../src-shared/backoff.js';
import type { SendResult } from '../../src-shared/notifications/senders/outbound.js';
import { type BusinessCalendar, businessCalendarSchema } from '../../src-shared/sla/business-time.js';
import { type CalendarVersion, versionAt } from '../../src-shared/sla/clock.js';
import { defaultCalendarVersion } from '../../src-shared/sla/policies.js';
import { heldUntil, staffEmailAddress, staffEmailInputOf, staffEmailText } from '../../src-shared/sla/staff-email.js';
import { MAX_SEND_ATTEMPTS, SEND_BACKOFF_BASE_MS } from '../../src-shared/surveys/invitations.js';
import { recipientHint } from '../../src-shared/surveys/links.js';
import type { CellValue, ClaimState, HubDatabase } from '../db/schema.js';
import type { HubLog } from '../log.js';
import type { HubRow, HubWriter } from '../sync/hub-writer.js';
import { sendClaimed } from './outbox.js';
import type { HubProviders } from './providers.js';
import { changesTo, recordKey, readRecords } from './records.js';

const BATCH = 25;
/** A notification or its person not at the hub yet: looked at again after this. */
const NOT_HERE_YET_MS = 5 * 60_000;

export interface StaffMailOptions {
  readonly backoffBaseMs?: number | undefined;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * Staff notification emails of every enrolled hospital (docs/sla-design.md),
 * with the group's email provider; a station that is not enrolled sends
 * its own (src-main/domains/sla/mailer.ts). Stations queue the emails
 * (`staff_emails`, one row per notification whichever station fired the
 * step); the hub claims each in `notification_claims` with one guarded
 * statement, as it does survey messages, so no email goes twice, and
 * writes what came of it as cells of its own, which reach the hospital's
 * stations. An outcome overwritten by a late station's copy of the row is
 * written again, never sent again.
 */
export class HubStaffMail {
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly writer: HubWriter,
    private readonly providers: HubProviders,
    private readonly log: HubLog,
    private readonly options: StaffMailOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async sendDue(): Promise<{ attempted: number; more: boolean }> {
    const now = new Date(this.now()).toISOString();
    const due = await sql<{ row_id: string; hospital_id: string; attempts: number | null }>`
      SELECT m.row_id, m.hospital_id, CASE WHEN (m.data->>'attempts') ~ '^[0-9]{1,6}$' THEN (m.data->>'attempts')::int END AS attempts FROM records m
      WHERE m.tbl = 'staff_emails' AND (m.data->>'status') = 'queued' AND (m.data->>'send_at') <= ${now}
        AND coalesce(m.data->>'next_attempt_at', '') <= ${now} AND (m.data->>'deleted_at') IS NULL AND m.hospital_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM stations st WHERE st.revoked_at IS NULL AND (st.scope = 'group' OR st.hospital_id = m.hospital_id))
      ORDER BY (m.data->>'send_at'), m.row_id
      LIMIT ${BATCH}`.execute(this.db);
    return sendClaimed(this.db, due.rows, BATCH, {
      now: this.now,
      writeAgain: (id) => this.writeAgain(id),
      send: (id, attempts) => this.sendOne(id, attempts),
      failed: (id, message) => this.log('sla.staff_email_failed', { emailId: id, message }),
    });
  }

  /** A finished email a station's late copy put back to `queued`: its outcome written again, newer. */
  private async writeAgain(emailId: string): Promise<void> {
    const claim = await this.db.selectFrom('notification_claims').select(['state', 'outcome']).where('message_id', '=', emailId).executeTakeFirst();
    if (!claim?.outcome || (claim.state !== 'sent' && claim.state !== 'failed')) return;
    await this.write(emailId, claim.outcome as Record<string, CellValue>);
  }

  private async sendOne(emailId: string, attempts: number): Promise<void> {
    const email = (await readRecords(this.db, [['staff_emails', emailId]])).get(recordKey('staff_emails', emailId));
    if (!email || email.status !== 'queued') return this.settle(emailId, 'retry', attempts - 1, null);
    const notificationId = String(email.notification_id ?? '');
    const userId = String(email.user_id ?? '');
    const hospitalId = String(email.hospital_id ?? '');
    const found = await readRecords(this.db, [
      ['staff_notifications', notificationId],
      ['users', userId],
      ['hospitals', hospitalId],
    ]);
    const notification = found.get(recordKey('staff_notifications', notificationId));
    const user = found.get(recordKey('users', userId));
    const stamp = new Date(this.now()).toISOString();
    if (!notification || !user) {
      // not here yet: later, the attempt not counted
      await this.write(emailId, { next_attempt_at: new Date(this.now() + NOT_HERE_YET_MS).toISOString() });
      return this.settle(emailId, 'retry', attempts - 1, null);
    }
    // out of the hospital's business hours now (a retry, a late sync, a backlog after the hub was down): the morning, the try not counted
    let held: string | null = null;
    try {
      held = heldUntil(notification, await this.calendarOf(hospitalId, found.get(recordKey('hospitals', hospitalId))), this.now());
    } catch (error) {
      // a calendar that cannot be read holds nothing back: the email goes, and it is said
      this.log('sla.staff_email_calendar', { emailId, message: error instanceof Error ? error.message : 'error' });
    }
    if (held) {
      await this.write(emailId, { next_attempt_at: held });
      return this.settle(emailId, 'retry', attempts - 1, null);
    }
    const address = staffEmailAddress(typeof user.email === 'string' ? user.email : null);
    if (!address) {
      const cells = { status: 'no_address', next_attempt_at: null };
      await this.write(emailId, cells);
      return this.settle(emailId, 'failed', attempts - 1, cells);
    }
    const language = email.language === 'en' ? 'en' : 'ar';
    const input = staffEmailInputOf(notification, user, found.get(recordKey('hospitals', hospitalId)), language);
    const sender = await this.providers.senderOf('email');
    let result: SendResult;
    if (!input) result = { outcome: 'failed', reason: 'The notification could not be read' };
    else if (!sender) result = { outcome: 'retry', reason: "The email provider's settings cannot be read on this hub: set them again" };
    else {
      const { subject, body } = staffEmailText(input);
      try {
        result = await sender.send({ id: emailId, channel: 'email', to: address, language, body, subject, link: '', optOutLink: null, whatsApp: null });
      } catch (error) {
        result = { outcome: 'retry', reason: error instanceof Error ? error.name : 'error' };
      }
    }
    const common = { provider: sender?.provider ?? null, recipient_hint: recipientHint(address), attempts };
    let state: ClaimState;
    let cells: Record<string, CellValue>;
    if (result.outcome === 'sent') {
      state = 'sent';
      cells = { ...common, status: 'sent', sent_at: stamp, error: null, next_attempt_at: null };
    } else if (result.outcome === 'retry' && attempts < MAX_SEND_ATTEMPTS) {
      state = 'retry';
      const wait = backoffDelayMs(attempts, this.options.random ?? Math.random, this.options.backoffBaseMs ?? SEND_BACKOFF_BASE_MS);
      cells = { ...common, status: 'queued', error: result.reason, next_attempt_at: new Date(this.now() + wait).toISOString() };
    } else {
      state = 'failed';
      cells = { ...common, status: 'failed', error: result.reason, next_attempt_at: null };
    }
    if (result.outcome !== 'sent') this.log('sla.staff_email_not_sent', { emailId, outcome: state, attempts, reason: result.reason });
    await this.write(emailId, cells);
    await this.settle(emailId, state, attempts, state === 'retry' ? null : cells);
  }

  /** The hospital's business calendar in force now, from the versions its stations saved (synced), else the default in its zone. */
  private async calendarOf(hospitalId: string, hospital: Record<string, CellValue> | undefined): Promise<BusinessCalendar> {
    const saved = await sql<{ row_id: string; effective_from: string | null; calendar: string | null }>`
      SELECT row_id, data->>'effective_from' AS effective_from, data->>'calendar' AS calendar FROM records
      WHERE tbl = 'sla_calendar_versions' AND hospital_id = ${hospitalId} AND (data->>'deleted_at') IS NULL
      ORDER BY data->>'effective_from', row_id`.execute(this.db);
    const zone = typeof hospital?.time_zone === 'string' && hospital.time_zone ? hospital.time_zone : 'Asia/Riyadh';
    const versions: CalendarVersion[] = [defaultCalendarVersion(hospitalId, zone)];
    for (const row of saved.rows) {
      const parsed = row.calendar && row.effective_from ? businessCalendarSchema.safeParse(parseJson(row.calendar)) : null;
      if (parsed?.success) versions.push({ id: row.row_id, effectiveFrom: row.effective_from!, calendar: parsed.data });
    }
    return (versionAt(versions, this.now()) ?? versions[0]!).calendar;
  }

  /** The hub's cells on the email row (what changed only), stamped by its HLC node. */
  private async write(emailId: string, cells: Record<string, CellValue>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.writer.lock(trx);
      const { changed } = await changesTo(trx, 'staff_emails', emailId, cells);
      if (Object.keys(changed).length === 0) return;
      const rows: HubRow[] = [{ table: 'staff_emails', rowId: emailId, cells: { ...changed, updated_at: new Date(this.now()).toISOString() } }];
      await this.writer.write(trx, rows);
    });
  }

  private async settle(emailId: string, state: ClaimState, attempts: number, outcome: Record<string, CellValue> | null): Promise<void> {
    await this.db
      .updateTable('notification_claims')
      .set({ state, attempts, outcome: outcome ? JSON.stringify(outcome) : null })
      .where('message_id', '=', emailId)
      .execute();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
