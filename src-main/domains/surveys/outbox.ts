import path from 'node:path';
import { backoffDelayMs } from '../../../src-shared/backoff.js';
import { type NotificationSender, type SendResult } from '../../../src-shared/notifications/senders/outbound.js';
import { normalizePhone } from '../../../src-shared/notifications/senders/phone.js';
import { type ProviderSettings, providerSettingsSchema } from '../../../src-shared/notifications/senders/settings.js';
import { senderFor } from '../../../src-shared/notifications/senders/index.js';
import { isLoopbackAddress } from '../../../src-shared/net-address.js';
import { recipientHint } from '../../../src-shared/surveys/links.js';
import { asksForAnswer, invitationFor, retryUntil, SEND_BACKOFF_BASE_MS } from '../../../src-shared/surveys/invitations.js';
import { nextInWindow } from '../../../src-shared/surveys/send-rules.js';
import type {
  NotificationMessagesTable,
  NotificationProvidersTable,
  PatientsTable,
  SurveyChannel,
  SurveyInstancesTable,
} from '../../../src-shared/tables/index.js';
import { SCHEDULER_ACTOR } from '../../core/domain.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { SecretBox } from '../../core/keys.js';
import type { StationRole } from '../organizations/group-settings.js';
import { type SurveyInstances } from './instances.js';
import type { OptOuts } from './opt-outs.js';
import type { SurveySettings } from './settings.js';

/** Whether a patient's phone could open the link: a full address that is not this computer. */
export function reachableFromPhones(link: string): boolean {
  try {
    const host = new URL(link).hostname.replace(/^\[|\]$/g, '');
    return host !== 'localhost' && !isLoopbackAddress(host);
  } catch {
    return false;
  }
}

/** Messages one run takes; the job runs again at once while more are due. */
export const SEND_BATCH = 25;
/** A message left `sending` this long (the station stopped mid-send) is tried again. */
const STALE_SENDING_MS = 10 * 60_000;

export interface OutboxOptions {
  readonly dataDir: string;
  readonly log: (line: string) => void;
  readonly random?: () => number;
  /** the first wait after a transient failure (default 30 s) */
  readonly backoffBaseMs?: number;
  /** how long one provider attempt may take */
  readonly sendTimeoutMs?: number;
}

/**
 * The outbox of a station that sends itself (not enrolled; an enrolled
 * group's hub sends, with the group's credentials). One run claims due
 * messages by moving them from `queued` to `sending` (a guarded write, so
 * two runs never take one message), sends each through its channel's
 * provider, and records what the provider said: sent, retry later with
 * backoff, or failed with the provider's reason. A provider that is down
 * loses nothing: the message waits and says why.
 */
export class SurveyOutbox {
  private readonly consoleLogPath: string;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly settings: SurveySettings,
    private readonly instances: SurveyInstances,
    private readonly optOuts: OptOuts,
    private readonly secrets: SecretBox,
    private readonly stationRole: () => StationRole,
    private readonly options: OutboxOptions,
  ) {
    this.consoleLogPath = path.join(options.dataDir, 'logs', 'notifications.jsonl');
  }

  get logPath(): string {
    return this.consoleLogPath;
  }

  /**
   * The provider settings of a channel: the console provider until someone
   * sets one; null when the stored ones cannot be read (sealed with another
   * key, damaged). Never the console provider in their place: a patient's
   * message would be marked sent into a file. Such messages wait, saying why.
   */
  providerSettings(channel: SurveyChannel): ProviderSettings | null {
    const row = this.store.statement('SELECT * FROM notification_providers WHERE channel = ? AND active = 1 AND deleted_at IS NULL').get(channel) as
      NotificationProvidersTable | undefined;
    if (!row) return { kind: 'console' };
    try {
      const parsed = providerSettingsSchema.safeParse(JSON.parse(this.secrets.open(row.settings)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The sender of a channel with this station's provider settings (staff emails use it too: src-main/domains/sla/mailer.ts); null: unreadable. */
  senderOf(channel: SurveyChannel): NotificationSender | null {
    const settings = this.providerSettings(channel);
    if (!settings) return null;
    return senderFor(settings, {
      consoleLogPath: this.consoleLogPath,
      ...(this.options.sendTimeoutMs ? { timeoutMs: this.options.sendTimeoutMs } : {}),
    });
  }

  /** Sends what is due; answers how many messages were attempted, and whether more are waiting. */
  async sendDue(): Promise<{ attempted: number; more: boolean }> {
    if (this.stationRole() !== 'not_enrolled') {
      this.releaseToHub();
      return { attempted: 0, more: false };
    }
    const claimed = this.claim();
    for (const message of claimed) {
      try {
        await this.sendOne(message);
      } catch (error) {
        // one message's trouble (a row it cannot read) is its own: it waits with the reason, the others go
        this.finish(message, { outcome: 'retry', reason: error instanceof Error ? error.name : 'error' }, null, null, null);
      }
    }
    return { attempted: claimed.length, more: claimed.length === SEND_BATCH };
  }

  /**
   * Enrolled since it claimed them: messages this station left `sending`
   * (it stopped mid-send, then enrolled) go back to `queued`, for the hub,
   * which sends for enrolled stations and never takes a message in `sending`.
   */
  private releaseToHub(): void {
    const stale = new Date(this.data.clock() - STALE_SENDING_MS).toISOString();
    const stuck = this.store
      .statement(`SELECT id FROM notification_messages WHERE status = 'sending' AND updated_at <= ? LIMIT 500`)
      .pluck()
      .all(stale) as string[];
    if (stuck.length === 0) return;
    this.data.write(SCHEDULER_ACTOR, (tx) => {
      for (const id of stuck) tx.update('notification_messages', id, { status: 'queued' }, 'notification_messages.release');
    });
  }

  /** Takes up to SEND_BATCH due messages of hospitals that switched sending on, in one transaction. */
  private claim(): NotificationMessagesTable[] {
    return this.data.write(SCHEDULER_ACTOR, (tx) => {
      const stale = new Date(Date.parse(tx.now) - STALE_SENDING_MS).toISOString();
      const due = this.store
        .statement(
          `SELECT m.* FROM notification_messages m JOIN survey_settings s ON s.hospital_id = m.hospital_id AND s.sending_enabled = 1 AND s.deleted_at IS NULL
           WHERE m.deleted_at IS NULL AND ((m.status = 'queued' AND m.send_at <= ? AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?))
              OR (m.status = 'sending' AND m.updated_at <= ?))
           ORDER BY m.send_at, m.id LIMIT ${SEND_BATCH}`,
        )
        .all(tx.now, tx.now, stale) as NotificationMessagesTable[];
      return due.map((m) => tx.update('notification_messages', m.id, { status: 'sending', attempts: m.attempts + 1 }, 'notification_messages.claim'));
    });
  }

  private async sendOne(message: NotificationMessagesTable): Promise<void> {
    const instance = this.store.statement('SELECT * FROM survey_instances WHERE id = ?').get(message.instance_id) as SurveyInstancesTable | undefined;
    const patient = instance ? (this.store.statement('SELECT * FROM patients WHERE id = ?').get(instance.patient_id) as PatientsTable | undefined) : undefined;
    const now = this.data.clock();
    // an opt-out's confirmation goes whatever the survey's state, the opt-out itself and the window: the patient just asked
    const survey = asksForAnswer(message.kind);
    const cancel = survey ? this.whyNot(message, instance, patient, now) : instance && patient ? null : 'gone';
    if (cancel || !instance || !patient) {
      this.data.write(SCHEDULER_ACTOR, (tx) =>
        tx.update('notification_messages', message.id, { status: 'cancelled', error: cancel ?? 'gone' }, 'notification_messages.cancel'),
      );
      return;
    }
    const rules = this.settings.rules(instance.hospital_id);
    const inWindow = survey ? nextInWindow(now, rules.window, rules.timeZone) : now;
    if (inWindow > now) {
      // the window closed since it was planned (a retry that ran late): wait for it to open, no attempt counted
      this.data.write(SCHEDULER_ACTOR, (tx) =>
        tx.update('notification_messages', message.id, { status: 'queued', attempts: message.attempts - 1, next_attempt_at: new Date(inWindow).toISOString() }),
      );
      return;
    }
    const channel = message.channel as SurveyChannel;
    const to = this.recipient(channel, patient);
    if (!to) {
      this.finish(message, { outcome: 'failed', reason: channel === 'email' ? 'No valid email address' : 'No valid mobile number' }, null, null, null);
      return;
    }
    const link = survey ? this.instances.linkOf(instance.id, rules) : '';
    const hospital = this.store.statement('SELECT name_ar AS ar, name_en AS en FROM hospitals WHERE id = ?').get(instance.hospital_id) as {
      ar: string;
      en: string;
    };
    const built = invitationFor({
      messageId: message.id,
      kind: message.kind,
      channel,
      language: message.language === 'en' ? 'en' : 'ar',
      to,
      patient,
      hospital,
      link,
      expiresAt: instance.expires_at,
      timeZone: rules.timeZone,
      texts: rules.messageTexts,
    });
    const sender = this.senderOf(channel);
    if (!sender) {
      this.finish(
        message,
        { outcome: 'retry', reason: `The ${channel} provider's settings cannot be read: set them again` },
        null,
        recipientHint(to),
        built.segments,
      );
      return;
    }
    if (survey && sender.provider !== 'console' && !reachableFromPhones(link)) {
      // a link to this computer reaches no patient's phone: wait for the hospital's link address, lose nothing
      this.finish(
        message,
        { outcome: 'retry', reason: 'Set the link address in the survey settings: patients cannot open a link to this computer' },
        sender.provider,
        recipientHint(to),
        built.segments,
      );
      return;
    }
    let result: SendResult;
    try {
      result = await sender.send(built.message);
    } catch (error) {
      result = { outcome: 'retry', reason: error instanceof Error ? error.name : 'error' };
    }
    this.finish(message, result, sender.provider, recipientHint(to), built.segments);
  }

  /** Why this message must not go now, whatever the provider: revoked, answered, expired, opted out. */
  private whyNot(
    message: NotificationMessagesTable,
    instance: SurveyInstancesTable | undefined,
    patient: PatientsTable | undefined,
    now: number,
  ): string | null {
    if (!instance || !patient) return 'gone';
    if (instance.revoked_at) return 'revoked';
    if (instance.completed_at) return 'answered';
    if (Date.parse(instance.expires_at) <= now) return 'expired';
    if (this.optOuts.declined(patient.id, message.channel)) return 'opted_out';
    return null;
  }

  private recipient(channel: SurveyChannel, patient: PatientsTable): string | null {
    if (channel === 'email') return patient.email && /^[^\s@]+@[^\s@]+$/.test(patient.email) ? patient.email : null;
    if (!patient.phone) return null;
    const phone = normalizePhone(patient.phone);
    return phone.ok ? phone.e164 : null;
  }

  private finish(message: NotificationMessagesTable, result: SendResult, provider: string | null, hint: string | null, segments: number | null): void {
    this.data.write(SCHEDULER_ACTOR, (tx) => {
      const common = { provider, recipient_hint: hint, segments };
      if (result.outcome === 'sent') {
        tx.update(
          'notification_messages',
          message.id,
          { ...common, status: 'sent', sent_at: tx.now, provider_message_id: result.providerMessageId, error: null, next_attempt_at: null },
          'notification_messages.sent',
        );
        const instance = tx.get('survey_instances', message.instance_id)!;
        if (message.kind === 'invitation') tx.update('survey_instances', instance.id, { invited_at: instance.invited_at ?? tx.now });
        else if (asksForAnswer(message.kind)) tx.update('survey_instances', instance.id, { reminders_sent: instance.reminders_sent + 1 });
        return;
      }
      const wait = backoffDelayMs(message.attempts, this.options.random ?? Math.random, this.options.backoffBaseMs ?? SEND_BACKOFF_BASE_MS);
      const expiresAt = tx.get('survey_instances', message.instance_id)?.expires_at ?? tx.now;
      if (result.outcome === 'retry' && Date.parse(tx.now) + wait < retryUntil(message.kind, message.send_at, expiresAt)) {
        tx.update(
          'notification_messages',
          message.id,
          { ...common, status: 'queued', error: result.reason, next_attempt_at: new Date(Date.parse(tx.now) + wait).toISOString() },
          'notification_messages.retry',
        );
        return;
      }
      tx.update(
        'notification_messages',
        message.id,
        { ...common, status: 'failed', error: result.reason, failed_at: tx.now, next_attempt_at: null },
        'notification_messages.failed',
      );
    });
    if (result.outcome !== 'sent') this.options.log(`surveys: message ${message.id} ${result.outcome}: ${result.reason}`);
  }

  /**
   * Queues the reminders now due: invited, not answered, not revoked or
   * expired, fewer reminders than the hospital allows, the last message
   * long enough ago. Each reminder has a deterministic id, so stations that
   * plan the same one write one row.
   */
  planReminders(): number {
    return this.data.write(SCHEDULER_ACTOR, (tx) => {
      let queued = 0;
      const candidates = this.store
        .statement(
          `SELECT i.* FROM survey_instances i JOIN survey_settings s ON s.hospital_id = i.hospital_id AND s.deleted_at IS NULL
           WHERE i.invited_at IS NOT NULL AND i.completed_at IS NULL AND i.revoked_at IS NULL AND i.deleted_at IS NULL
             AND i.expires_at > ? AND i.channel IN ('sms', 'whatsapp', 'email') AND i.reminders_sent < s.reminder_max
             AND i.invited_at <= strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || s.reminder_after_hours || ' hours')
           LIMIT 500`,
        )
        .all(tx.now, tx.now) as SurveyInstancesTable[];
      for (const instance of candidates) {
        const rules = this.settings.rules(instance.hospital_id);
        const kind = `reminder_${instance.reminders_sent + 1}`;
        const last = this.store
          .statement('SELECT max(coalesce(sent_at, send_at)) FROM notification_messages WHERE instance_id = ?')
          .pluck()
          .get(instance.id) as string | null;
        if (last && Date.parse(last) > Date.parse(tx.now) - rules.reminderAfterHours * 3_600_000) continue;
        if (this.optOuts.declined(instance.patient_id, instance.channel)) continue;
        const sendAt = nextInWindow(Date.parse(tx.now), rules.window, rules.timeZone);
        if (
          this.instances.queueMessage(tx, {
            instanceId: instance.id,
            hospitalId: instance.hospital_id,
            kind,
            channel: instance.channel as SurveyChannel,
            language: instance.language,
            sendAt,
          })
        )
          queued += 1;
      }
      return queued;
    });
  }
}
