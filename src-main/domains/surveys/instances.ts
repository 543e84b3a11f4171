import type { NotificationView, ParsedInput, SurveyDetail, SurveySummary } from '../../../src-shared/contract/index.js';
import { DEFAULT_TIME_ZONE, endOfDayUtc, startOfDayUtc } from '../../../src-shared/dates.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import { uuidv7 } from '../../../src-shared/ids.js';
import { type Answers } from '../../../src-shared/surveys/answers.js';
import { surveyLink, surveyPath, surveyToken, tokenHash } from '../../../src-shared/surveys/links.js';
import { nextInWindow, planInvitation } from '../../../src-shared/surveys/send-rules.js';
import { OPT_OUT_CONFIRMATION } from '../../../src-shared/surveys/invitations.js';
import { normalizePhone } from '../../../src-shared/notifications/senders/phone.js';
import {
  fromJson,
  type InstanceChannel,
  type InstanceOrigin,
  type InstanceStatus,
  type MessageStatus,
  type NotificationMessagesTable,
  type PatientsTable,
  SURVEY_CHANNELS,
  type SurveyChannel,
  type SurveyInstancesTable,
  type SurveyResponsesTable,
} from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import { type DataLayer, type WriteTx } from '../../core/data-layer.js';
import { complaintSurveyId, messageId, stageSurveyId } from '../../../src-shared/surveys/ids.js';
import { shippedTemplateId } from '../../../src-shared/surveys/default-templates.js';
import type { Store } from '../../core/db/store.js';
import type { Scope } from '../../core/scope.js';
import type { StationRole } from '../organizations/group-settings.js';
import type { StageCompleted } from '../journeys/journeys.js';
import type { HospitalSurveyRules, SurveySettings } from './settings.js';
import type { SurveyTemplates } from './templates.js';

const DAY_MS = 86_400_000;

export { messageId, stageSurveyId };

export type SkipReason = 'fatigue' | 'opted_out' | 'no_contact';

interface Recipient {
  readonly channel: SurveyChannel | null;
  readonly skip: SkipReason | null;
}

type SummaryRow = SurveyInstancesTable & {
  mrn: string;
  patient_name_en: string;
  patient_name_ar: string;
  template_name_en: string;
  template_name_ar: string;
  stage_name_en: string | null;
  stage_name_ar: string | null;
  score: number | null;
  negative: number | null;
};

const SUMMARY_SELECT = `SELECT i.*, p.mrn, p.name_en AS patient_name_en, p.name_ar AS patient_name_ar,
  t.name_en AS template_name_en, t.name_ar AS template_name_ar, st.name_en AS stage_name_en, st.name_ar AS stage_name_ar,
  r.score, r.negative
  FROM survey_instances i
  JOIN patients p ON p.id = i.patient_id
  JOIN survey_templates t ON t.id = i.template_id
  LEFT JOIN journey_template_stages st ON st.id = i.stage_id
  LEFT JOIN survey_responses r ON r.instance_id = i.id`;

/** What the station needs to know about itself to issue links. */
export interface LinkIssuer {
  /** derives the tokens of links this station issues */
  readonly linkKey: Buffer;
  /** this station's own public address for survey links (its listener), when the hospital's settings name none */
  readonly listenerBaseUrl: () => string | null;
  readonly stationRole: () => StationRole;
}

/**
 * Survey instances: one survey for one patient (docs/surveys-design.md).
 * Made by a completed stage (once, whatever is replayed), by hand, or
 * handed out on a kiosk or a QR code. Each message that invites or reminds
 * is a row of the outbox with a deterministic id.
 */
/** The shipped template asked after a complaint is resolved. */
export const COMPLAINT_SURVEY_CODE = 'COMPLAINT';

export class SurveyInstances {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly settings: SurveySettings,
    private readonly templates: SurveyTemplates,
    private readonly issuer: LinkIssuer,
  ) {}

  // ---- made automatically: a stage completed

  /** The survey of a completed stage whose template sends automatically; nothing when there is one already. */
  fromStage(tx: WriteTx, stage: StageCompleted): SurveyInstancesTable | null {
    if (!stage.surveyTemplateId || !stage.autoSendSurvey) return null;
    const id = stageSurveyId(stage.stageInstanceId);
    if (this.store.statement('SELECT 1 FROM survey_instances WHERE id = ? OR stage_instance_id = ?').get(id, stage.stageInstanceId)) return null;
    const versionId = this.templates.sendableVersion(stage.surveyTemplateId);
    if (!versionId) return null;
    const patient = this.patient(stage.patientId);
    if (!patient) return null;
    const rules = this.settings.rules(stage.hospitalId);
    const delay =
      (this.store.statement('SELECT survey_delay_minutes FROM journey_template_stages WHERE id = ?').pluck().get(stage.stageId) as number | undefined) ?? 0;
    const recipient = this.recipient(patient, rules.channels);
    const plan = planInvitation({
      stageCompletedAt: Date.parse(stage.completedAt),
      delayMinutes: delay,
      window: rules.window,
      timeZone: rules.timeZone,
      lastSurveyAt: this.lastSurveyAt(patient.id),
      fatigueDays: rules.fatigueDays,
    });
    // a stage completed long ago (a replayed backlog) is not surveyed in the past
    const sendAt = plan.at === null ? null : Math.max(plan.at, nextInWindow(Date.parse(tx.now), rules.window, rules.timeZone));
    const skip: SkipReason | null = recipient.skip ?? plan.skipped;
    return this.make(tx, {
      id,
      hospitalId: stage.hospitalId,
      templateId: stage.surveyTemplateId,
      versionId,
      patient,
      origin: 'stage',
      channel: recipient.channel ?? rules.channels[0] ?? 'sms',
      sendAt: skip ? null : sendAt,
      skip,
      rules,
      journey: { instanceId: stage.journeyInstanceId, stageInstanceId: stage.stageInstanceId, stageId: stage.stageId },
      departmentId: stage.departmentId,
      physicianId: stage.physicianId,
    });
  }

  // ---- made automatically: a complaint resolved

  /**
   * The complaint-resolution survey (the shipped COMPLAINT template) for a
   * resolved complaint of a known patient: one per resolution (a reopened
   * complaint resolved again asks again), a deterministic id, so a retried
   * or replayed resolution, or a second station, makes one. Sent in the
   * hospital's window to the first channel the patient can receive and has
   * not opted out of. Survey fatigue does not hold it back: the patient
   * asked for this follow-up by complaining. Answers the survey, or null
   * (none made, or made already).
   */
  fromComplaint(
    tx: WriteTx,
    complaint: { id: string; resolution: number; hospitalId: string; patientId: string; departmentId: string | null; physicianId: string | null },
  ): SurveyInstancesTable | null {
    const id = complaintSurveyId(complaint.id, complaint.resolution);
    if (tx.get('survey_instances', id)) return null;
    const templateId = shippedTemplateId(COMPLAINT_SURVEY_CODE);
    const versionId = this.templates.sendableVersion(templateId);
    if (!versionId) return null;
    const patient = this.patient(complaint.patientId);
    if (!patient) return null;
    const rules = this.settings.rules(complaint.hospitalId);
    const recipient = this.recipient(patient, rules.channels);
    const skip: SkipReason | null = recipient.skip;
    return this.make(tx, {
      id,
      hospitalId: complaint.hospitalId,
      templateId,
      versionId,
      patient,
      origin: 'complaint',
      channel: recipient.channel ?? rules.channels[0] ?? 'sms',
      sendAt: skip ? null : nextInWindow(Date.parse(tx.now), rules.window, rules.timeZone),
      skip,
      rules,
      journey: null,
      departmentId: complaint.departmentId,
      physicianId: complaint.physicianId,
    });
  }

  // ---- made by a person

  send(caller: Caller, input: ParsedInput<'surveys.send'>): SurveySummary {
    const patient = this.patientInScope(caller, input.patientId);
    const versionId = this.templates.sendableVersion(input.templateId);
    if (!versionId) throw invalidField('templateId', 'error.survey_template_inactive');
    const rules = this.settings.rules(patient.hospital_id);
    const channels = input.channel ? [input.channel] : rules.channels;
    const recipient = this.recipient(patient, channels);
    if (recipient.skip === 'opted_out') throw invalidField('channel', 'error.survey_opted_out');
    if (!recipient.channel) throw invalidField('channel', 'error.survey_no_contact');
    const channel = recipient.channel;
    const id = this.data.write(caller.actor, (tx) => {
      const sendAt = nextInWindow(Date.parse(tx.now), rules.window, rules.timeZone);
      return this.make(tx, {
        id: uuidv7(),
        hospitalId: patient.hospital_id,
        templateId: input.templateId,
        versionId,
        patient,
        origin: 'manual',
        channel,
        language: input.language,
        sendAt,
        skip: null,
        rules,
        journey: null,
        departmentId: input.departmentId ?? null,
        physicianId: null,
      }).id;
    });
    return this.summary(caller, id);
  }

  handOut(caller: Caller, input: ParsedInput<'surveys.handOut'>): { instance: SurveySummary; link: string } {
    const patient = this.patientInScope(caller, input.patientId);
    const versionId = this.templates.sendableVersion(input.templateId);
    if (!versionId) throw invalidField('templateId', 'error.survey_template_inactive');
    const rules = this.settings.rules(patient.hospital_id);
    // handed over in person all the same: a patient who asked for no more surveys is not given one on paper either
    if (this.optedOutOfAll(patient.id)) throw invalidField('channel', 'error.survey_opted_out_all');
    const id = this.data.write(caller.actor, (tx) => {
      const row = this.make(tx, {
        id: uuidv7(),
        hospitalId: patient.hospital_id,
        templateId: input.templateId,
        versionId,
        patient,
        origin: input.channel,
        channel: input.channel,
        language: input.language,
        sendAt: null,
        skip: null,
        rules,
        journey: null,
        departmentId: input.departmentId ?? null,
        physicianId: null,
      });
      tx.update('survey_instances', row.id, { invited_at: tx.now });
      return row.id;
    });
    // a kiosk is on the hospital's network; a printed code goes home with the patient (the hospital's link address, the hub's)
    return { instance: this.summary(caller, id), link: this.linkOf(id, rules, input.channel === 'kiosk') };
  }

  revoke(caller: Caller, id: string): SurveySummary {
    const row = this.rowInScope(caller, id);
    if (!row.revoked_at && !row.completed_at) {
      this.data.write(caller.actor, (tx) => {
        tx.update('survey_instances', id, { revoked_at: tx.now }, 'survey_instances.revoke');
        for (const message of this.queuedMessages(id)) tx.update('notification_messages', message, { status: 'cancelled' }, 'notification_messages.cancel');
      });
    }
    return this.summary(caller, id);
  }

  // ---- the pieces

  private make(
    tx: WriteTx,
    plan: {
      id: string;
      hospitalId: string;
      templateId: string;
      versionId: string;
      patient: PatientsTable;
      origin: InstanceOrigin;
      channel: InstanceChannel;
      language?: 'ar' | 'en' | undefined;
      sendAt: number | null;
      skip: SkipReason | null;
      rules: HospitalSurveyRules;
      journey: { instanceId: string; stageInstanceId: string; stageId: string } | null;
      departmentId: string | null;
      physicianId: string | null;
    },
  ): SurveyInstancesTable {
    const language = plan.language ?? (plan.patient.preferred_language === 'en' ? 'en' : 'ar');
    const from = plan.sendAt ?? Date.parse(tx.now);
    // the station issues the link when it sends itself, or hands it out in person; the hub issues the links it sends
    const issuesLink = plan.origin === 'kiosk' || plan.origin === 'qr' || this.issuer.stationRole() === 'not_enrolled';
    const row = tx.insertShared('survey_instances', {
      id: plan.id,
      hospital_id: plan.hospitalId,
      template_id: plan.templateId,
      version_id: plan.versionId,
      patient_id: plan.patient.id,
      journey_instance_id: plan.journey?.instanceId ?? null,
      stage_instance_id: plan.journey?.stageInstanceId ?? null,
      stage_id: plan.journey?.stageId ?? null,
      department_id: plan.departmentId,
      physician_id: plan.physicianId,
      origin: plan.origin,
      channel: plan.channel,
      language,
      send_at: plan.sendAt === null ? null : new Date(plan.sendAt).toISOString(),
      expires_at: new Date(from + plan.rules.expiryDays * DAY_MS).toISOString(),
      invited_at: null,
      opened_at: null,
      started_at: null,
      completed_at: null,
      revoked_at: null,
      skip_reason: plan.skip,
      reminders_sent: 0,
      token_hash: issuesLink ? tokenHash(surveyToken(this.issuer.linkKey, plan.id)) : null,
    });
    if (plan.sendAt !== null && !plan.skip && isMessageChannel(plan.channel)) {
      this.queueMessage(tx, { instanceId: row.id, hospitalId: plan.hospitalId, kind: 'invitation', channel: plan.channel, language, sendAt: plan.sendAt });
    }
    return row;
  }

  /**
   * Tells a patient who opted out that it is done (Unifonic's terms ask
   * for a confirmation; a patient should not wonder), once, now, on the
   * channel their survey came by. It goes whatever the send window and the
   * opt-out itself; a survey handed out on a kiosk or as a printed code has
   * no channel to answer on.
   */
  confirmOptOut(tx: WriteTx, instance: Pick<SurveyInstancesTable, 'id' | 'hospital_id' | 'channel' | 'language'>): boolean {
    if (!(SURVEY_CHANNELS as readonly string[]).includes(instance.channel)) return false;
    return this.queueMessage(tx, {
      instanceId: instance.id,
      hospitalId: instance.hospital_id,
      kind: OPT_OUT_CONFIRMATION,
      channel: instance.channel as SurveyChannel,
      language: instance.language,
      sendAt: Date.parse(tx.now),
    });
  }

  /** Queues one message, once: a second plan of the same instance and kind (another station, a retry) changes nothing. */
  queueMessage(
    tx: WriteTx,
    message: { instanceId: string; hospitalId: string; kind: string; channel: SurveyChannel; language: string; sendAt: number },
  ): boolean {
    const id = messageId(message.instanceId, message.kind);
    if (tx.get('notification_messages', id)) return false;
    tx.insertShared('notification_messages', {
      id,
      hospital_id: message.hospitalId,
      instance_id: message.instanceId,
      kind: message.kind,
      channel: message.channel,
      language: message.language,
      send_at: new Date(message.sendAt).toISOString(),
      status: 'queued',
      attempts: 0,
      next_attempt_at: null,
      provider: null,
      provider_message_id: null,
      recipient_hint: null,
      segments: null,
      error: null,
      sent_at: null,
      delivered_at: null,
      read_at: null,
      failed_at: null,
    });
    return true;
  }

  /**
   * The link of an instance this station issued (kiosk, QR, or sending
   * itself). On the hospital's network (a kiosk), this station's listener;
   * otherwise the address the hospital set for links (the hub's public
   * address for an enrolled group: the hub takes a station's link by the
   * hash its instance carries), else the listener.
   */
  linkOf(instanceId: string, rules: HospitalSurveyRules, onSite = false): string {
    const token = surveyToken(this.issuer.linkKey, instanceId);
    const base = (onSite ? this.issuer.listenerBaseUrl() : null) ?? rules.linkBaseUrl ?? this.issuer.listenerBaseUrl();
    return base ? surveyLink(base, token) : surveyPath(token);
  }

  /** The first channel, in the hospital's order, the patient can receive and has not opted out of. */
  recipient(patient: PatientsTable, channels: readonly SurveyChannel[]): Recipient {
    const optedOut = new Set(
      this.store
        .statement('SELECT channel FROM survey_opt_outs WHERE patient_id = ? AND active = 1 AND deleted_at IS NULL')
        .pluck()
        .all(patient.id) as string[],
    );
    if (optedOut.has('all')) return { channel: null, skip: 'opted_out' };
    const open = channels.filter((c) => !optedOut.has(c));
    if (open.length === 0) return { channel: null, skip: 'opted_out' };
    // a number the SMS gateway or WhatsApp cannot take (a landline, a typo) is no way to reach them: the next channel is
    const reachable = open.find((c) => (c === 'email' ? Boolean(patient.email) : patient.phone !== null && normalizePhone(patient.phone).ok));
    return reachable ? { channel: reachable, skip: null } : { channel: null, skip: 'no_contact' };
  }

  private optedOutOfAll(patientId: string): boolean {
    return (
      this.store
        .statement(`SELECT 1 FROM survey_opt_outs WHERE patient_id = ? AND channel = 'all' AND active = 1 AND deleted_at IS NULL`)
        .pluck()
        .get(patientId) !== undefined
    );
  }

  /** When the patient was last sent (or handed) a survey, for survey fatigue. */
  private lastSurveyAt(patientId: string): number | null {
    const at = this.store
      .statement(
        `SELECT max(coalesce(invited_at, send_at)) FROM survey_instances
         WHERE patient_id = ? AND deleted_at IS NULL AND skip_reason IS NULL AND revoked_at IS NULL`,
      )
      .pluck()
      .get(patientId) as string | null;
    return at ? Date.parse(at) : null;
  }

  private queuedMessages(instanceId: string): string[] {
    return this.store
      .statement(`SELECT id FROM notification_messages WHERE instance_id = ? AND status = 'queued' AND kind != 'opt_out_confirmation'`)
      .pluck()
      .all(instanceId) as string[];
  }

  private patient(id: string): PatientsTable | undefined {
    return this.store.statement('SELECT * FROM patients WHERE id = ? AND deleted_at IS NULL').get(id) as PatientsTable | undefined;
  }

  private patientInScope(caller: Caller, id: string): PatientsTable {
    const patient = this.patient(id);
    if (!patient) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('patients', patient);
    return patient;
  }

  private rowInScope(caller: Caller, id: string): SurveyInstancesTable {
    const row = this.store.statement('SELECT * FROM survey_instances WHERE id = ? AND deleted_at IS NULL').get(id) as SurveyInstancesTable | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('survey_instances', row);
    return row;
  }

  // ---- reading

  list(caller: Caller, filter: ParsedInput<'surveys.list'>) {
    const { where, params } = this.listFilterSql(caller.scope, filter);
    const clause = where.join(' AND ');
    const total = this.store
      .statement(
        `SELECT count(*) FROM survey_instances i JOIN patients p ON p.id = i.patient_id LEFT JOIN survey_responses r ON r.instance_id = i.id WHERE ${clause}`,
      )
      .pluck()
      .get(...params) as number;
    const rows = this.store
      .statement(`${SUMMARY_SELECT} WHERE ${clause} ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`)
      .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as SummaryRow[];
    const now = new Date(this.data.clock()).toISOString();
    return { items: rows.map((r) => toSummary(r, now)), total, page: filter.page, pageSize: filter.pageSize };
  }

  /** The list's WHERE (the control-center filter, and status, negative, MRN), which its export reads too. */
  listFilterSql(scope: Scope, filter: Omit<ParsedInput<'surveys.export'>, 'format'>): { where: string[]; params: unknown[] } {
    const { where, params } = this.filterSql(scope, filter);
    if (filter.status === 'expired') {
      where.push(`i.status NOT IN ('completed', 'revoked', 'skipped') AND i.expires_at <= ?`);
      params.push(new Date(this.data.clock()).toISOString());
    } else if (filter.status) {
      where.push('i.status = ?');
      params.push(filter.status);
      if (filter.status !== 'completed' && filter.status !== 'revoked' && filter.status !== 'skipped') {
        where.push('i.expires_at > ?');
        params.push(new Date(this.data.clock()).toISOString());
      }
    }
    if (filter.negative !== undefined) where.push(filter.negative ? 'r.negative = 1' : '(r.negative IS NULL OR r.negative = 0)');
    if (filter.q) {
      where.push('(p.mrn = ? OR p.mrn = ?)');
      params.push(filter.q, filter.q.toUpperCase());
    }
    return { where, params };
  }

  /** The WHERE of a control-center filter, in the caller's scope (i: instances, p: patients, r: responses). */
  filterSql(scope: Scope, filter: ParsedInput<'surveys.figures'>): { where: string[]; params: unknown[] } {
    const scoped = scope.sqlFilter('survey_instances', filter.hospitalId, 'i');
    const where = ['i.deleted_at IS NULL', ...scoped.where];
    const params: unknown[] = [...scoped.params];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    equal('i.department_id', filter.departmentId);
    equal('i.template_id', filter.templateId);
    equal('i.stage_id', filter.stageId);
    equal('i.physician_id', filter.physicianId);
    equal('i.channel', filter.channel);
    // days as the hospital counts them (the group's default zone for a group-wide view)
    const zone =
      (filter.hospitalId
        ? (this.store.statement('SELECT time_zone FROM hospitals WHERE id = ?').pluck().get(filter.hospitalId) as string | undefined)
        : undefined) ?? DEFAULT_TIME_ZONE;
    const from = filter.from ? startOfDayUtc(filter.from, zone) : null;
    const to = filter.to ? endOfDayUtc(filter.to, zone) : null;
    if (from) {
      where.push('coalesce(i.invited_at, i.send_at, i.created_at) >= ?');
      params.push(from);
    }
    if (to) {
      where.push('coalesce(i.invited_at, i.send_at, i.created_at) <= ?');
      params.push(to);
    }
    return { where, params };
  }

  summary(caller: Caller, id: string): SurveySummary {
    const row = this.store.statement(`${SUMMARY_SELECT} WHERE i.id = ?`).get(id) as SummaryRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('survey_instances', row);
    return toSummary(row, new Date(this.data.clock()).toISOString());
  }

  get(caller: Caller, id: string): SurveyDetail {
    const summary = this.summary(caller, id);
    const row = this.rowInScope(caller, id);
    const response = this.store.statement('SELECT * FROM survey_responses WHERE instance_id = ? AND deleted_at IS NULL').get(id) as
      SurveyResponsesTable | undefined;
    const messages = this.store
      .statement('SELECT * FROM notification_messages WHERE instance_id = ? AND deleted_at IS NULL ORDER BY send_at, id')
      .all(id) as NotificationMessagesTable[];
    return {
      ...summary,
      versionId: row.version_id,
      journeyInstanceId: row.journey_instance_id,
      departmentId: row.department_id,
      physicianId: row.physician_id,
      startedAt: row.started_at,
      revokedAt: row.revoked_at,
      remindersSent: row.reminders_sent,
      content: this.templates.contentOf(row.version_id),
      response: response
        ? {
            id: response.id,
            answers: fromJson<Answers>(response.answers),
            page: response.page,
            language: response.language === 'en' ? 'en' : 'ar',
            finishedAt: response.finished_at,
            score: response.score,
            weightedScore: response.weighted_score,
            answeredCount: response.answered_count,
            negative: response.negative === 1,
          }
        : null,
      messages: messages.map(toNotificationView),
    };
  }
}

function isMessageChannel(channel: InstanceChannel): channel is SurveyChannel {
  return (SURVEY_CHANNELS as readonly string[]).includes(channel);
}

/** The status a person reads: the stored one, or expired when the link ran out unanswered. */
export function statusAt(row: Pick<SurveyInstancesTable, 'status' | 'expires_at'>, now: string): InstanceStatus | 'expired' {
  const status = row.status as InstanceStatus;
  if (status === 'completed' || status === 'revoked' || status === 'skipped') return status;
  return row.expires_at <= now ? 'expired' : status;
}

function toSummary(row: SummaryRow, now: string): SurveySummary {
  return {
    id: row.id,
    hospitalId: row.hospital_id,
    templateId: row.template_id,
    templateNameEn: row.template_name_en,
    templateNameAr: row.template_name_ar,
    patient: { id: row.patient_id, mrn: row.mrn, nameEn: row.patient_name_en, nameAr: row.patient_name_ar },
    stageNameEn: row.stage_name_en,
    stageNameAr: row.stage_name_ar,
    origin: row.origin as InstanceOrigin,
    channel: row.channel as InstanceChannel,
    language: row.language === 'en' ? 'en' : 'ar',
    status: statusAt(row, now),
    skipReason: row.skip_reason,
    sendAt: row.send_at,
    invitedAt: row.invited_at,
    openedAt: row.opened_at,
    completedAt: row.completed_at,
    expiresAt: row.expires_at,
    score: row.score,
    negative: row.negative === 1,
    createdAt: row.created_at,
  };
}

export function toNotificationView(row: NotificationMessagesTable): NotificationView {
  return {
    id: row.id,
    instanceId: row.instance_id,
    hospitalId: row.hospital_id,
    kind: row.kind,
    channel: row.channel as SurveyChannel,
    language: row.language === 'en' ? 'en' : 'ar',
    status: row.status as MessageStatus,
    sendAt: row.send_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    provider: row.provider,
    recipientHint: row.recipient_hint,
    segments: row.segments,
    error: row.error,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    readAt: row.read_at,
    failedAt: row.failed_at,
  };
}
