import { backoffDelayMs } from '../../../src-shared/backoff.js';
import type { NotificationSender, SendResult } from '../../../src-shared/notifications/senders/outbound.js';
import type { BusinessCalendar } from '../../../src-shared/sla/business-time.js';
import { heldUntil, staffEmailAddress, staffEmailInputOf, staffEmailText } from '../../../src-shared/sla/staff-email.js';
import { MAX_SEND_ATTEMPTS, SEND_BACKOFF_BASE_MS } from '../../../src-shared/surveys/invitations.js';
import { recipientHint } from '../../../src-shared/surveys/links.js';
import type { StaffEmailsTable } from '../../../src-shared/tables/index.js';
import { SCHEDULER_ACTOR } from '../../core/domain.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';

const BATCH = 25;
/** A claim left `sending` this long (the station stopped mid-send) is taken again. */
const STALE_SENDING_MS = 10 * 60_000;

export interface StaffMailerOptions {
  /** the station's email provider (the console provider until one is set) */
  /** null: the email provider's settings cannot be read (the emails wait, saying why) */
  readonly sender: () => NotificationSender | null;
  /** the hub sends for an enrolled station */
  readonly sendsItself: () => boolean;
  readonly log: (line: string) => void;
  readonly random?: () => number;
  readonly backoffBaseMs?: number;
  /** the hospital's business calendar in force at an instant */
  readonly calendarAt: (hospitalId: string, at: number) => BusinessCalendar;
}

/**
 * Staff notification emails on a station that is not enrolled (the hub
 * sends them for an enrolled one: src-hub/surveys/outbox.ts): each queued
 * email whose time has come is claimed in one transaction, rendered from
 * its notification (src-shared/sla/staff-email.ts), sent with the
 * station's email provider, and its outcome written: sent, another try
 * later with backoff and the provider's reason, or failed. An address that
 * was removed since the step fired makes it `no_address`.
 */
export class StaffMailer {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly options: StaffMailerOptions,
  ) {}

  async sendDue(): Promise<{ attempted: number; more: boolean }> {
    if (!this.options.sendsItself()) {
      this.releaseToHub();
      return { attempted: 0, more: false };
    }
    const claimed = this.claim();
    if (claimed.length === 0) return { attempted: 0, more: false };
    const sender = this.options.sender();
    for (const email of claimed) await this.sendOne(email, sender);
    return { attempted: claimed.length, more: claimed.length === BATCH };
  }

  /**
   * Enrolled since it claimed them: emails this station left `sending` (it
   * stopped mid-send, then enrolled) go back to `queued`, for the hub,
   * which never takes an email another sender holds.
   */
  private releaseToHub(): void {
    const stale = new Date(this.data.clock() - STALE_SENDING_MS).toISOString();
    const stuck = this.store.statement(`SELECT id FROM staff_emails WHERE status = 'sending' AND updated_at <= ? LIMIT 500`).pluck().all(stale) as string[];
    if (stuck.length === 0) return;
    this.data.write(SCHEDULER_ACTOR, (tx) => {
      for (const id of stuck) tx.update('staff_emails', id, { status: 'queued' }, 'staff_emails.release');
    });
  }

  private claim(): StaffEmailsTable[] {
    return this.data.write(SCHEDULER_ACTOR, (tx) => {
      const stale = new Date(Date.parse(tx.now) - STALE_SENDING_MS).toISOString();
      const due = this.store
        .statement(
          `SELECT * FROM staff_emails WHERE deleted_at IS NULL
             AND ((status = 'queued' AND send_at <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) OR (status = 'sending' AND updated_at <= ?))
           ORDER BY send_at, id LIMIT ${BATCH}`,
        )
        .all(tx.now, tx.now, stale) as StaffEmailsTable[];
      return due.map((e) => tx.update('staff_emails', e.id, { status: 'sending', attempts: e.attempts + 1 }, 'staff_emails.claim'));
    });
  }

  private async sendOne(email: StaffEmailsTable, sender: NotificationSender | null): Promise<void> {
    const row = (table: string, id: string) => this.store.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    const notification = row('staff_notifications', email.notification_id);
    const user = row('users', email.user_id);
    const address = staffEmailAddress(typeof user?.email === 'string' ? user.email : null);
    if (!notification || !user || !address) {
      this.data.write(SCHEDULER_ACTOR, (tx) => tx.update('staff_emails', email.id, { status: 'no_address', next_attempt_at: null }, 'staff_emails.no_address'));
      return;
    }
    // out of business hours now (a retry, a station back at night): it waits for the morning, the try not counted
    const now = this.data.clock();
    let held: string | null = null;
    try {
      held = heldUntil(notification, this.options.calendarAt(email.hospital_id, now), now);
    } catch (error) {
      // a calendar that cannot be read (its zone unknown here) holds nothing back: the email goes, and it is said
      this.options.log(`sla: the calendar of hospital ${email.hospital_id} cannot be read (${(error as Error).message}); email ${email.id} is not held`);
    }
    if (held) {
      this.data.write(SCHEDULER_ACTOR, (tx) =>
        tx.update('staff_emails', email.id, { status: 'queued', attempts: email.attempts - 1, next_attempt_at: held }, 'staff_emails.held'),
      );
      return;
    }
    const language = email.language === 'en' ? 'en' : 'ar';
    const input = staffEmailInputOf(notification, user, row('hospitals', email.hospital_id), language);
    let result: SendResult;
    if (!input) result = { outcome: 'failed', reason: 'The notification could not be read' };
    else if (!sender) result = { outcome: 'retry', reason: "The email provider's settings cannot be read: set them again" };
    else {
      const { subject, body } = staffEmailText(input);
      try {
        result = await sender.send({ id: email.id, channel: 'email', to: address, language, body, subject, link: '', optOutLink: null, whatsApp: null });
      } catch (error) {
        result = { outcome: 'retry', reason: error instanceof Error ? error.name : 'error' };
      }
    }
    this.finish(email, result, sender?.provider ?? null, recipientHint(address));
  }

  private finish(email: StaffEmailsTable, result: SendResult, provider: string | null, hint: string): void {
    this.data.write(SCHEDULER_ACTOR, (tx) => {
      const common = { provider, recipient_hint: hint };
      if (result.outcome === 'sent') {
        tx.update('staff_emails', email.id, { ...common, status: 'sent', sent_at: tx.now, error: null, next_attempt_at: null }, 'staff_emails.sent');
      } else if (result.outcome === 'retry' && email.attempts < MAX_SEND_ATTEMPTS) {
        const wait = backoffDelayMs(email.attempts, this.options.random ?? Math.random, this.options.backoffBaseMs ?? SEND_BACKOFF_BASE_MS);
        const next = new Date(Date.parse(tx.now) + wait).toISOString();
        tx.update('staff_emails', email.id, { ...common, status: 'queued', error: result.reason, next_attempt_at: next }, 'staff_emails.retry');
      } else {
        tx.update('staff_emails', email.id, { ...common, status: 'failed', error: result.reason, next_attempt_at: null }, 'staff_emails.failed');
      }
    });
    if (result.outcome !== 'sent') this.options.log(`sla: staff email ${email.id} ${result.outcome}: ${result.reason}`);
  }
}
