import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { backoffDelayMs } from '../../src-shared/backoff.js';
import type { SendResult } from '../../src-shared/notifications/senders/outbound.js';
import { normalizePhone } from '../../src-shared/notifications/senders/phone.js';
import { asksForAnswer, invitationFor, retryUntil, SEND_BACKOFF_BASE_MS } from '../../src-shared/surveys/invitations.js';
import { recipientHint, surveyLink } from '../../src-shared/surveys/links.js';
import { nextInWindow } from '../../src-shared/surveys/send-rules.js';
import type { CellValue, ClaimState, HubDatabase } from '../db/schema.js';
import type { HubLog } from '../log.js';
import type { HubRow, HubWriter } from '../sync/hub-writer.js';
import type { SurveyLinks } from './links.js';
import { type HubProviders, isChannel } from './providers.js';
import {
  changesTo,
  type InstanceRecord,
  type MessageRecord,
  optedOut,
  type PatientRecord,
  readHospitalRules,
  readInstance,
  readMessage,
  readPatient,
} from './records.js';

/** Messages one run takes; the loop runs again at once while more are due. */
export const SEND_BATCH = 25;
/** Attempts before a message that keeps failing transiently is given up as failed (as on a station that sends itself). */
/** A claim left `sending` this long (the hub stopped mid-send) is taken again. */
const STALE_SENDING_MS = 10 * 60_000;
/** How long a message whose survey or patient has not reached the hub yet waits before it is looked at again. */
const NOT_HERE_YET_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface HubOutboxOptions {
  /** the hub's public address: links are `<publicUrl>/s/<token>` */
  readonly publicUrl: () => string;
  /** how often the loop looks for due messages besides being woken (default 15 s) */
  readonly intervalMs?: number | undefined;
  /** the first wait after a transient failure (default 30 s) */
  readonly backoffBaseMs?: number | undefined;
  readonly random?: () => number;
  readonly now?: () => number;
  /** more mail that goes out on this loop (staff notification emails: src-hub/surveys/staff-mail.ts) */
  readonly alsoSend?: () => Promise<{ more: boolean }>;
}

/** What a run decided about one message. */
type Decision =
  | {
      readonly kind: 'result';
      readonly result: SendResult;
      readonly provider: string | null;
      readonly hint: string | null;
      readonly segments: number | null;
      /** an invitation: who it went to, hashed, for survey fatigue */
      readonly recipientHash?: string;
      /** a transient failure is tried again until then (retryUntil); 0: never */
      readonly retryUntil: number;
    }
  | { readonly kind: 'cancel'; readonly reason: string; readonly skip?: 'fatigue' }
  /** not now, and not an attempt: the send window is shut, or the survey has not reached the hub yet */
  | { readonly kind: 'later'; readonly at: number; readonly reason: string | null };

interface Outcome {
  readonly message: Record<string, CellValue>;
  readonly instance: Record<string, CellValue>;
}

/**
 * The hub's outbox: it sends the invitations and reminders of every
 * enrolled hospital that switched sending on, with the group's providers
 * (a station that is not enrolled sends itself: src-main/domains/surveys/outbox.ts).
 *
 * Stations plan the messages (`notification_messages`, deterministic ids,
 * one row however many stations plan it); the hub claims each with one
 * guarded statement on `notification_claims`, so two runs or two hub
 * workers never send one message twice, sends it, and writes what came of
 * it as cells of its own, which reach every station of the hospital:
 * sent (and the survey's invited_at or reminders_sent), waiting for another
 * try with backoff and the provider's reason, failed, or cancelled because
 * the survey was revoked, answered, expired or the patient opted out.
 */
export class HubOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly writer: HubWriter,
    private readonly providers: HubProviders,
    private readonly links: SurveyLinks,
    private readonly log: HubLog,
    private readonly options: HubOutboxOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Looks for due messages now and every `intervalMs`. */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.intervalMs ?? 15_000);
    this.timer.unref();
    this.wake();
  }

  /** Sends what is due now (after a push that carried messages or settings); a run already going runs once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops the loop and waits for the run in progress (a message being sent is finished and recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  /** Resolves once no run is going: for tests that wake the loop and look at what it did. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.sendDue()).more);
      while (!this.stopped && this.options.alsoSend && (await this.options.alsoSend()).more);
    } catch (error) {
      this.log('surveys.send_failed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** One run: claims and sends up to SEND_BATCH due messages; answers how many were attempted and whether more are waiting. */
  async sendDue(): Promise<{ attempted: number; more: boolean }> {
    const now = new Date(this.now()).toISOString();
    // Due: queued, its time come, in a hospital that switched sending on and has a station enrolled
    // (a hospital with none sends itself). ISO 8601 times in UTC compare as text. A cell is a station's
    // writing: nothing here casts one that could fail, or one bad row would stop every hospital's sending.
    const due = await sql<{ row_id: string; hospital_id: string; attempts: number | null }>`
      SELECT m.row_id, m.hospital_id, CASE WHEN (m.data->>'attempts') ~ '^[0-9]{1,6}$' THEN (m.data->>'attempts')::int END AS attempts FROM records m
      WHERE m.tbl = 'notification_messages' AND (m.data->>'status') = 'queued' AND (m.data->>'send_at') <= ${now}
        AND coalesce(m.data->>'next_attempt_at', '') <= ${now} AND (m.data->>'deleted_at') IS NULL AND m.hospital_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM records s WHERE s.tbl = 'survey_settings' AND s.hospital_id = m.hospital_id
                    AND (s.data->>'sending_enabled') IN ('1', 'true') AND (s.data->>'deleted_at') IS NULL)
        AND EXISTS (SELECT 1 FROM stations st WHERE st.revoked_at IS NULL AND (st.scope = 'group' OR st.hospital_id = m.hospital_id))
      ORDER BY (m.data->>'send_at'), m.row_id
      LIMIT ${SEND_BATCH}`.execute(this.db);
    return sendClaimed(this.db, due.rows, SEND_BATCH, {
      now: this.now,
      writeAgain: (id) => this.writeAgain(id),
      send: (id, attempts) => this.sendOne(id, attempts),
      // left `sending`: taken again once the claim is stale
      failed: (id, message) => this.log('surveys.send_failed', { messageId: id, message }),
    });
  }

  /**
   * A message the hub finished with reads `queued` again when a station
   * that planned the same message late (it had not pulled it yet) wrote its
   * row after the hub wrote the outcome: its newer cells win. The hub does
   * not send it again; it writes its outcome again, newer still.
   */
  private async writeAgain(messageId: string): Promise<void> {
    const claim = await this.db.selectFrom('notification_claims').select(['state', 'outcome']).where('message_id', '=', messageId).executeTakeFirst();
    if (!claim?.outcome || (claim.state !== 'sent' && claim.state !== 'failed' && claim.state !== 'cancelled')) return;
    const outcome = claim.outcome as unknown as Outcome;
    const wrote = await this.db.transaction().execute(async (trx) => {
      await this.writer.lock(trx);
      const message = await readMessage(trx, messageId);
      if (message?.status !== 'queued') return false;
      const stamp = new Date(this.now()).toISOString();
      const rows: HubRow[] = [];
      const { changed } = await changesTo(trx, 'notification_messages', messageId, outcome.message);
      if (Object.keys(changed).length > 0) rows.push({ table: 'notification_messages', rowId: messageId, cells: { ...changed, updated_at: stamp } });
      const instance = await readInstance(trx, message.instance_id);
      if (instance && outcome.instance.invited_at && !instance.invited_at) {
        rows.push({ table: 'survey_instances', rowId: instance.id, cells: { invited_at: outcome.instance.invited_at, updated_at: stamp } });
      }
      await this.writer.write(trx, rows);
      return rows.length > 0;
    });
    if (wrote) this.log('surveys.outcome_written_again', { messageId, state: claim.state });
  }

  private async sendOne(messageId: string, attempts: number): Promise<void> {
    const message = await readMessage(this.db, messageId);
    if (message?.status !== 'queued') {
      // a station cancelled it since: let go of it, as if never taken
      await this.release(messageId, attempts);
      return;
    }
    const decision = await this.decide(message);
    await this.record(message, attempts, decision);
  }

  private async decide(message: MessageRecord): Promise<Decision> {
    const now = this.now();
    const instance = await readInstance(this.db, message.instance_id);
    const patient = instance ? await readPatient(this.db, instance.patient_id) : null;
    if (!instance || !patient) return { kind: 'later', at: now + NOT_HERE_YET_MS, reason: 'The survey or the patient has not reached the hub yet' };
    // an opt-out's confirmation goes whatever the survey's state, the opt-out itself and the window: the patient just asked
    const survey = asksForAnswer(message.kind);
    const cancel = survey ? await this.whyNot(message, instance, patient, now) : null;
    if (cancel) return { kind: 'cancel', reason: cancel };
    const rules = await readHospitalRules(this.db, instance.hospital_id);
    const opens = survey ? nextInWindow(now, rules.window, rules.timeZone) : now;
    // the window shut since it was planned (a retry that ran late): it waits for the window, no attempt counted
    if (opens > now) return { kind: 'later', at: opens, reason: null };
    const channel = message.channel;
    if (!isChannel(channel))
      return {
        kind: 'result',
        result: { outcome: 'failed', reason: `No provider sends ${channel}` },
        provider: null,
        hint: null,
        segments: null,
        retryUntil: 0,
      };
    const to = recipient(channel, patient);
    if (!to) {
      const reason = channel === 'email' ? 'No valid email address' : 'No valid mobile number';
      return { kind: 'result', result: { outcome: 'failed', reason }, provider: null, hint: null, segments: null, retryUntil: 0 };
    }
    const recipientHash = message.kind === 'invitation' ? recipientHashOf(instance.hospital_id, to) : undefined;
    // Fatigue holds back what is sent by itself (a stage's survey). A complaint's resolution survey is the follow-up
    // the patient asked for by complaining, and one sent by hand an officer chose to send (as a station decides it).
    const fatigueApplies = instance.origin === 'stage';
    if (recipientHash && fatigueApplies && (await this.invitedRecently(recipientHash, message.id, now - rules.fatigueDays * DAY_MS))) {
      return { kind: 'cancel', reason: 'fatigue', skip: 'fatigue' };
    }
    const link = survey ? surveyLink(this.options.publicUrl(), await this.links.issue(instance.id, instance.hospital_id)) : '';
    const built = invitationFor({
      messageId: message.id,
      kind: message.kind,
      channel,
      language: message.language === 'en' ? 'en' : 'ar',
      to,
      patient,
      hospital: rules.names,
      link,
      expiresAt: instance.expires_at,
      timeZone: rules.timeZone,
      texts: rules.messageTexts,
    });
    const hint = recipientHint(to);
    const until = retryUntil(message.kind, message.send_at, instance.expires_at);
    const sender = await this.providers.senderOf(channel);
    if (!sender) {
      const reason = `The ${channel} provider's settings cannot be read on this hub: set them again`;
      return { kind: 'result', result: { outcome: 'retry', reason }, provider: null, hint, segments: built.segments, retryUntil: until };
    }
    let result: SendResult;
    try {
      result = await sender.send(built.message);
    } catch (error) {
      result = { outcome: 'retry', reason: error instanceof Error ? error.name : 'error' };
    }
    return {
      kind: 'result',
      result,
      provider: sender.provider,
      hint,
      segments: built.segments,
      retryUntil: until,
      ...(recipientHash ? { recipientHash } : {}),
    };
  }

  /**
   * Survey fatigue where every station's surveys meet: was this person
   * invited by this hospital since `since`? A station applies the rule to
   * the surveys it knows of; two stations that each made a survey for one
   * visit (both fed the same HIS events before they synced) do not know of
   * each other's, and the patient must not get two.
   */
  private async invitedRecently(recipientHash: string, messageId: string, since: number): Promise<boolean> {
    const found = await this.db
      .selectFrom('notification_claims')
      .select('message_id')
      .where('recipient_hash', '=', recipientHash)
      .where('state', '=', 'sent')
      .where('message_id', '<>', messageId)
      .where('claimed_at', '>', new Date(since))
      .executeTakeFirst();
    return found !== undefined;
  }

  /** Why this message must not go now, whatever the provider: revoked, answered, expired, opted out. */
  private async whyNot(message: MessageRecord, instance: InstanceRecord, patient: PatientRecord, now: number): Promise<string | null> {
    if (instance.revoked_at) return 'revoked';
    if (instance.completed_at) return 'answered';
    if (Date.parse(instance.expires_at) <= now) return 'expired';
    if (await optedOut(this.db, patient.id, message.channel)) return 'opted_out';
    return null;
  }

  private backoff(attempts: number): number {
    return backoffDelayMs(attempts, this.options.random ?? Math.random, this.options.backoffBaseMs ?? SEND_BACKOFF_BASE_MS);
  }

  /** Writes the decision as the hub's cells and settles the claim, in one transaction. */
  private async record(message: MessageRecord, attempts: number, decision: Decision): Promise<void> {
    const now = this.now();
    const stamp = new Date(now).toISOString();
    let state: ClaimState;
    let claimAttempts = attempts;
    let cells: Record<string, CellValue>;
    const instanceCells: Record<string, CellValue> = {};
    if (decision.kind === 'later') {
      state = 'retry';
      claimAttempts = attempts - 1;
      cells = { next_attempt_at: new Date(decision.at).toISOString(), ...(decision.reason ? { error: decision.reason } : {}) };
    } else if (decision.kind === 'cancel') {
      state = 'cancelled';
      claimAttempts = attempts - 1;
      cells = { status: 'cancelled', error: decision.reason, next_attempt_at: null };
      if (decision.skip) instanceCells.skip_reason = decision.skip;
    } else {
      const { result } = decision;
      const common = { provider: decision.provider, recipient_hint: decision.hint, segments: decision.segments, attempts };
      const wait = this.backoff(attempts);
      if (result.outcome === 'sent') {
        state = 'sent';
        cells = { ...common, status: 'sent', sent_at: stamp, provider_message_id: result.providerMessageId, error: null, next_attempt_at: null };
      } else if (result.outcome === 'retry' && now + wait < decision.retryUntil) {
        state = 'retry';
        cells = { ...common, status: 'queued', error: result.reason, next_attempt_at: new Date(now + wait).toISOString() };
      } else {
        state = 'failed';
        cells = { ...common, status: 'failed', error: result.reason, failed_at: stamp, next_attempt_at: null };
      }
      if (result.outcome !== 'sent') this.log('surveys.message_not_sent', { messageId: message.id, outcome: state, attempts, reason: result.reason });
    }
    await this.db.transaction().execute(async (trx) => {
      await this.writer.lock(trx);
      const rows: HubRow[] = [];
      const { changed } = await changesTo(trx, 'notification_messages', message.id, cells);
      if (Object.keys(changed).length > 0) rows.push({ table: 'notification_messages', rowId: message.id, cells: { ...changed, updated_at: stamp } });
      if (state === 'sent') {
        const instance = await readInstance(trx, message.instance_id);
        if (instance && message.kind === 'invitation' && !instance.invited_at) instanceCells.invited_at = stamp;
        else if (instance && message.kind !== 'invitation' && asksForAnswer(message.kind)) instanceCells.reminders_sent = instance.reminders_sent + 1;
      }
      if (Object.keys(instanceCells).length > 0)
        rows.push({ table: 'survey_instances', rowId: message.instance_id, cells: { ...instanceCells, updated_at: stamp } });
      await this.writer.write(trx, rows);
      const final = state === 'sent' || state === 'failed' || state === 'cancelled';
      const outcome: Outcome | null = final ? { message: cells, instance: instanceCells } : null;
      const recipientHash = state === 'sent' && decision.kind === 'result' ? (decision.recipientHash ?? null) : null;
      await trx
        .updateTable('notification_claims')
        .set({ state, attempts: claimAttempts, outcome: outcome ? JSON.stringify(outcome) : null, recipient_hash: recipientHash })
        .where('message_id', '=', message.id)
        .execute();
    });
  }

  /** Gives a claim back untouched (its attempt not counted): the message is not the hub's to send now. */
  private async release(messageId: string, attempts: number): Promise<void> {
    await this.db
      .updateTable('notification_claims')
      .set({ state: 'retry', attempts: attempts - 1 })
      .where('message_id', '=', messageId)
      .execute();
  }
}

/** Where the message goes: an E.164 mobile for SMS and WhatsApp, an address for email; null when the patient has none that works. */
function recipient(channel: 'sms' | 'whatsapp' | 'email', patient: PatientRecord): string | null {
  if (channel === 'email') return patient.email && /^[^\s@]+@[^\s@]+$/.test(patient.email) ? patient.email : null;
  if (!patient.phone) return null;
  const phone = normalizePhone(patient.phone);
  return phone.ok ? phone.e164 : null;
}

/**
 * Whom a hospital's invitation went to, as kept in notification_claims: a
 * hash of the hospital and the address (E.164 or email), so the claims say
 * nothing readable about anyone, and two invitations to one person (fatigue)
 * or a stop reply from one number find each other.
 */
export function recipientHashOf(hospitalId: string, to: string): string {
  return createHash('sha256').update(`${hospitalId}\n${to}`).digest('hex');
}

/**
 * Takes a message to send (a survey message, or a staff email:
 * src-hub/surveys/staff-mail.ts), in one statement on `notification_claims`:
 * one nobody claimed, or one waiting for another try, or one whose sender
 * stopped mid-send long ago. Answers the attempt's number, or null when it
 * is someone else's or the hub is done with it: two runs or two hub
 * workers never send one message twice.
 */
export async function claimToSend(db: Kysely<HubDatabase>, messageId: string, hospitalId: string, attemptsBefore: number, now: number): Promise<number | null> {
  const claimed = await sql<{ attempts: number }>`
    INSERT INTO notification_claims AS c (message_id, hospital_id, state, attempts, claimed_at)
    VALUES (${messageId}, ${hospitalId}, 'sending', ${attemptsBefore + 1}, ${new Date(now)})
    ON CONFLICT (message_id) DO UPDATE SET state = 'sending', attempts = c.attempts + 1, claimed_at = EXCLUDED.claimed_at
    WHERE c.state = 'retry' OR (c.state = 'sending' AND c.claimed_at < ${new Date(now - STALE_SENDING_MS)})
    RETURNING attempts`.execute(db);
  return claimed.rows[0]?.attempts ?? null;
}

/**
 * The run both hub senders make over their due rows (survey messages, staff
 * emails): each claimed once (claimToSend); one the hub finished with but a
 * station's late copy put back is written again, never sent again; one that
 * throws is logged and left `sending`, taken again once its claim is stale.
 */
export async function sendClaimed(
  db: Kysely<HubDatabase>,
  rows: readonly { row_id: string; hospital_id: string; attempts: number | null }[],
  batch: number,
  run: {
    readonly now: () => number;
    readonly writeAgain: (id: string) => Promise<void>;
    readonly send: (id: string, attempts: number) => Promise<void>;
    readonly failed: (id: string, message: string) => void;
  },
): Promise<{ attempted: number; more: boolean }> {
  let attempted = 0;
  for (const row of rows) {
    const attempts = await claimToSend(db, row.row_id, row.hospital_id, row.attempts ?? 0, run.now());
    if (attempts === null) {
      await run.writeAgain(row.row_id);
      continue;
    }
    attempted += 1;
    try {
      await run.send(row.row_id, attempts);
    } catch (error) {
      run.failed(row.row_id, error instanceof Error ? error.message : String(error));
    }
  }
  return { attempted, more: attempted === batch };
}
