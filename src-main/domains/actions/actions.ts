import { builtInId } from '../../../src-shared/built-in-id.js';
import type {
  AttachmentContent,
  ComplaintAssignee,
  ParsedInput,
  PxActionDetail,
  PxActionEvent,
  PxActionSummary,
  SlaBadge,
  SlaClockView,
} from '../../../src-shared/contract/index.js';
import { automaticActionNumber, formatActionNumber, stationCode } from '../../../src-shared/complaints/numbers.js';
import type { Priority } from '../../../src-shared/complaints/taxonomy.js';
import {
  PX_ACTION_CLOCKS,
  pxActionMoveProblems,
  pxActionTarget,
  pxActionVerbs,
  type PxActionSource,
  type PxActionStatus,
} from '../../../src-shared/complaints/workflow.js';
import { AppError, fieldError, invalidField } from '../../../src-shared/errors.js';
import type { MessageKey } from '../../../src-shared/messages.js';
import { badgeOf, type ClockState, type RecordEvent } from '../../../src-shared/sla/clock.js';
import type { PxActionEventsTable, PxActionsTable } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer, WriteTx } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import { type ClockSource, priorityChanges } from '../sla/engine.js';
import { priorityHistory } from '../../../src-shared/sla/policies.js';
import { checkDepartmentOf, checkStaysInScope, detailsOf, nextSequence, recordInScope, userCanSee } from '../../core/records.js';
import type { AttachmentOwner, Attachments } from '../attachments/attachments.js';

type Row = PxActionsTable;

/** A PX action's clocks now (src-main/domains/sla/engine.ts); null: it runs none. */
export interface ActionClocks {
  clocksOf(id: string, now: Date): { clocks: ClockState[] } | null;
  /** the badge and each clock with its steps, for the detail screen */
  detailOf(id: string, now: Date): { badge: SlaBadge | null; clocks: SlaClockView[] } | null;
}

/** What a negative survey response tells the action it opens. */
export interface NegativeResponse {
  readonly responseId: string;
  readonly instanceId: string;
  readonly score: number | null;
}

/** Who automatic actions are written as. */
export const ACTIONS_ACTOR: Actor = { id: null, name: 'px-actions' };

const OPEN_STATUSES: readonly PxActionStatus[] = ['open', 'in_progress', 'pending_approval'];

interface SummaryRow extends Row {
  owner_en: string | null;
  owner_ar: string | null;
  evidence_count: number;
  submitted_by: string | null;
}

/** Evidence that counts: notes marked as evidence, and files not taken off the action since. */
const LIVE_EVIDENCE = `e.kind = 'evidence' AND e.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM attachments f WHERE f.id = json_extract(e.details, '$.attachmentId') AND f.deleted_at IS NOT NULL)`;

/** Who asked for the action's approval last. */
const SUBMITTER_SQL = `SELECT actor_user_id FROM px_action_events
  WHERE action_id = ? AND kind = 'status' AND to_status = 'pending_approval' AND deleted_at IS NULL ORDER BY at DESC, id DESC LIMIT 1`;

const SUMMARY_SELECT = `
  SELECT a.*, u.name_en AS owner_en, u.name_ar AS owner_ar,
    (SELECT count(*) FROM px_action_events e WHERE e.action_id = a.id AND ${LIVE_EVIDENCE}) AS evidence_count,
    CASE WHEN a.status = 'pending_approval' THEN (${SUBMITTER_SQL.replace('?', 'a.id')}) END AS submitted_by
  FROM px_actions a LEFT JOIN users u ON u.id = a.owner_user_id`;

/** The id of the action a survey response opens: the same on every station, so the response opens one. */
export const surveyActionId = (responseId: string) => builtInId(`px-action:survey:${responseId}`);

/**
 * The PX Action Center (issue 12): improvement actions opened by hand or
 * from a negative survey response (once per response, whichever station
 * sees it first), moved along open → in progress → pending approval →
 * approved (or rejected back to work) → closed, with evidence before
 * approval where the action asks for it and approval by a PX Coordinator
 * or above who is not its owner. Every change is a cell of the action and
 * an entry of its timeline, audited by the data layer.
 */
export class PxActions {
  private readonly station: string;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    stationId: string,
    private readonly sla: ActionClocks,
    private readonly attachments: Attachments,
  ) {
    this.station = stationCode(stationId);
  }

  // ---- writing

  create(caller: Caller, input: ParsedInput<'actions.create'>): PxActionDetail {
    this.checkDepartment(input.hospitalId, input.departmentId ?? null);
    const source = this.sourceOf(caller, input.hospitalId, input.sourceType, input.sourceId ?? null);
    const placed = { hospital_id: input.hospitalId, department_id: input.departmentId ?? source.departmentId };
    checkStaysInScope(caller, 'px_actions', placed);
    const owner = input.ownerUserId ? this.owner(placed, input.ownerUserId) : null;
    const id = this.data.write(caller.actor, (tx) => {
      const row = tx.insert('px_actions', {
        hospital_id: input.hospitalId,
        number: this.nextNumber(input.hospitalId),
        title: input.title,
        description: input.description ?? null,
        source_type: input.sourceType,
        source_id: source.id,
        source_label: source.label,
        department_id: input.departmentId ?? source.departmentId,
        owner_user_id: owner?.id ?? null,
        priority: input.priority,
        status: 'open',
        due_date: input.dueDate ?? null,
        evidence_required: input.evidenceRequired ? 1 : 0,
        approved_by_user_id: null,
        approved_at: null,
        closed_at: null,
      });
      this.event(tx, row, 'created', { toStatus: 'open', details: { source: input.sourceType, ...(owner ? { ownerId: owner.id } : {}) } });
      return row.id;
    });
    return this.get(caller, id);
  }

  /**
   * The action a negative survey response opens, in the transaction that
   * handles `survey.negative`: one per response, with an id and a number
   * derived from it, so two stations that both handle the response make
   * one action. Null when it exists already (here, or synced from another
   * station) or the response is gone.
   */
  fromNegativeSurvey(tx: WriteTx, hospitalId: string, response: NegativeResponse): Row | null {
    const id = surveyActionId(response.responseId);
    if (tx.get('px_actions', id)) return null;
    const survey = this.store
      .statement(
        `SELECT i.department_id, t.name_en, t.name_ar, h.code
         FROM survey_instances i JOIN survey_templates t ON t.id = i.template_id JOIN hospitals h ON h.id = i.hospital_id
         WHERE i.id = ?`,
      )
      .get(response.instanceId) as { department_id: string | null; name_en: string; name_ar: string; code: string } | undefined;
    if (!survey) return null;
    const score = response.score === null ? null : Math.round(response.score);
    const row = tx.insertDerived('px_actions', {
      id,
      hospital_id: hospitalId,
      number: automaticActionNumber(survey.code, response.responseId),
      // the hospital's working language first; the console shows the source beside it
      title: score === null ? `استبيان سلبي: ${survey.name_ar}` : `استبيان سلبي: ${survey.name_ar} (${score}/100)`,
      description: null,
      source_type: 'survey',
      source_id: response.responseId,
      source_label: `${survey.name_ar} / ${survey.name_en}`,
      department_id: survey.department_id,
      owner_user_id: null,
      // a very unhappy patient is looked at first
      priority: score !== null && score < 40 ? 'high' : 'medium',
      status: 'open',
      due_date: null,
      evidence_required: 1,
      approved_by_user_id: null,
      approved_at: null,
      closed_at: null,
    });
    tx.insertDerived('px_action_events', {
      id: builtInId(`px-action-event:created:${id}`),
      hospital_id: hospitalId,
      action_id: id,
      kind: 'created',
      from_status: null,
      to_status: 'open',
      text: null,
      details: JSON.stringify({ source: 'survey', responseId: response.responseId, instanceId: response.instanceId, score }),
      actor_user_id: null,
      actor_name: ACTIONS_ACTOR.name,
      at: tx.now,
    });
    return row;
  }

  move(caller: Caller, input: ParsedInput<'actions.move'>): PxActionDetail {
    const row = this.rowInScope(caller, input.id);
    const from = row.status as PxActionStatus;
    const problems = pxActionMoveProblems(from, {
      verb: input.verb,
      reason: input.reason,
      evidenceCount: this.evidenceCount(row.id),
      evidenceRequired: row.evidence_required === 1,
      actorLevel: caller.me.role.level,
      actorIsOwner: this.didTheWork(row, caller.me.user.id),
    });
    if (problems.length > 0)
      throw new AppError(
        'VALIDATION',
        'error.validation',
        problems.map((p) => fieldError(p.field, p.key as MessageKey)),
      );
    const to = pxActionTarget(from, input.verb)!;
    this.data.write(caller.actor, (tx) => {
      const patch: Partial<Row> = { status: to };
      if (input.verb === 'approve') {
        patch.approved_by_user_id = caller.me.user.id;
        patch.approved_at = tx.now;
      }
      if (input.verb === 'reject') {
        patch.approved_by_user_id = null;
        patch.approved_at = null;
      }
      if (to === 'closed' || to === 'cancelled') patch.closed_at = tx.now;
      tx.update('px_actions', row.id, patch, `px_actions.${input.verb}`);
      this.event(tx, row, 'status', { fromStatus: from, toStatus: to, text: input.reason ?? null, details: { verb: input.verb } });
    });
    return this.get(caller, row.id);
  }

  assign(caller: Caller, input: ParsedInput<'actions.assign'>): PxActionDetail {
    const row = this.rowInScope(caller, input.id);
    const patch: Partial<Row> = {};
    if (input.departmentId !== undefined) {
      this.checkDepartment(row.hospital_id, input.departmentId);
      checkStaysInScope(caller, 'px_actions', { hospital_id: row.hospital_id, department_id: input.departmentId });
      patch.department_id = input.departmentId;
    }
    const placed = { hospital_id: row.hospital_id, department_id: patch.department_id === undefined ? row.department_id : patch.department_id };
    if (input.ownerUserId !== undefined) patch.owner_user_id = input.ownerUserId === null ? null : this.owner(placed, input.ownerUserId).id;
    if (input.priority !== undefined) patch.priority = input.priority;
    if (input.dueDate !== undefined) patch.due_date = input.dueDate;
    const changed = Object.fromEntries(Object.entries(patch).filter(([column, value]) => row[column as keyof Row] !== value));
    if (Object.keys(changed).length === 0) return this.get(caller, row.id);
    this.data.write(caller.actor, (tx) => {
      tx.update('px_actions', row.id, changed, 'px_actions.assign');
      const before = Object.fromEntries(Object.keys(changed).map((column) => [column, row[column as keyof Row]]));
      this.event(tx, row, 'assignment', { details: { before, after: changed } });
    });
    return this.get(caller, row.id);
  }

  note(caller: Caller, input: ParsedInput<'actions.note'>): PxActionDetail {
    const row = this.rowInScope(caller, input.id);
    if (!OPEN_STATUSES.includes(row.status as PxActionStatus) && input.evidence) throw invalidField('evidence', 'field.action_move');
    this.data.write(caller.actor, (tx) => this.event(tx, row, input.evidence ? 'evidence' : 'note', { text: input.text }));
    return this.get(caller, row.id);
  }

  /** A file on the action: evidence of what was done (docs/attachments.md); only while the action is being worked. */
  attach(caller: Caller, input: ParsedInput<'actions.attach'>): PxActionDetail {
    const row = this.workedRow(caller, input.id);
    this.attachments.attach(caller.actor, this.fileOwner(row), input, (tx, file) =>
      this.event(tx, row, 'evidence', { details: { attachmentId: file.id, fileName: file.file_name } }),
    );
    return this.get(caller, row.id);
  }

  /** A file's content; opening it is audited. */
  openAttachment(caller: Caller, input: ParsedInput<'actions.openAttachment'>): AttachmentContent {
    const row = this.rowInScope(caller, input.id);
    return this.attachments.open(caller.actor, { ...this.fileOwner(row), number: row.number }, input.attachmentId);
  }

  /** Takes a file off the action with the reason; it no longer counts as evidence. */
  removeAttachment(caller: Caller, input: ParsedInput<'actions.removeAttachment'>): PxActionDetail {
    const row = this.workedRow(caller, input.id);
    this.attachments.takeOff(caller.actor, this.fileOwner(row), input.attachmentId, input.reason, (tx, file) =>
      this.event(tx, row, 'attachment', { text: input.reason, details: { attachmentId: file.id, fileName: file.file_name, removed: true } }),
    );
    return this.get(caller, row.id);
  }

  /** An action of the caller's scope still being worked: its files and evidence may change. */
  private workedRow(caller: Caller, id: string): Row {
    const row = this.rowInScope(caller, id);
    if (!OPEN_STATUSES.includes(row.status as PxActionStatus)) throw invalidField('id', 'field.action_move');
    return row;
  }

  private fileOwner(row: Row): AttachmentOwner {
    return { recordType: 'px_action', recordId: row.id, hospitalId: row.hospital_id };
  }

  // ---- reading

  list(caller: Caller, input: ParsedInput<'actions.list'>) {
    const scoped = caller.scope.sqlFilter('px_actions', input.hospitalId, 'a');
    const where = ['a.deleted_at IS NULL', ...scoped.where];
    const params: unknown[] = [...scoped.params];
    const open = `a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    const add = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (input.queue === 'open') add(open);
    if (input.queue === 'mine') add(`${open} AND a.owner_user_id = ?`, caller.me.user.id);
    if (input.queue === 'unassigned') add(`${open} AND a.owner_user_id IS NULL`);
    if (input.queue === 'approval') add(`a.status = 'pending_approval'`);
    if (input.status) add('a.status = ?', input.status);
    if (input.sourceType) add('a.source_type = ?', input.sourceType);
    if (input.sourceId) add('a.source_id = ?', input.sourceId);
    if (input.departmentId) add('a.department_id = ?', input.departmentId);
    if (input.q) {
      if (/^ACT-/i.test(input.q)) add('a.number = ?', input.q.toUpperCase());
      else add(`a.title LIKE ? ESCAPE '\\'`, `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const clause = where.join(' AND ');
    const total = this.store
      .statement(`SELECT count(*) FROM px_actions a WHERE ${clause}`)
      .pluck()
      .get(...params) as number;
    const rows = this.store
      .statement(`${SUMMARY_SELECT} WHERE ${clause} ORDER BY a.created_at DESC, a.rowid DESC LIMIT ? OFFSET ?`)
      .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as SummaryRow[];
    const now = new Date(this.data.clock());
    return { items: rows.map((row) => toSummary(row, this.badge(row.id, now))), total, page: input.page, pageSize: input.pageSize };
  }

  get(caller: Caller, id: string): PxActionDetail {
    const row = this.store.statement(`${SUMMARY_SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as SummaryRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('px_actions', row);
    const events = this.store
      .statement('SELECT * FROM px_action_events WHERE action_id = ? AND deleted_at IS NULL ORDER BY at, id')
      .all(id) as PxActionEventsTable[];
    const now = new Date(this.data.clock());
    const sla = this.sla.detailOf(id, now);
    return {
      ...toSummary(row, sla?.badge ?? null),
      description: row.description,
      approvedAt: row.approved_at,
      closedAt: row.closed_at,
      verbs: caller.permissions.has('actions.write')
        ? pxActionVerbs(row.status as PxActionStatus, { level: caller.me.role.level, isOwner: this.didTheWork(row, caller.me.user.id) })
        : [],
      clocks: sla?.clocks ?? [],
      attachments: this.attachments.listOf(row.id),
      timeline: events.map(toEvent),
    };
  }

  private badge(id: string, now: Date): SlaBadge | null {
    const read = this.sla.clocksOf(id, now);
    return read ? badgeOf(read.clocks) : null;
  }

  // ---- helpers

  /** The person owns the action, or submitted it for approval last: approving it would be approving their own work. */
  private didTheWork(row: Row, userId: string): boolean {
    if (row.owner_user_id === userId) return true;
    const submitter = this.store.statement(SUBMITTER_SQL).pluck().get(row.id) as string | null | undefined;
    return submitter === userId;
  }

  private evidenceCount(id: string): number {
    return this.store.statement(`SELECT count(*) FROM px_action_events e WHERE e.action_id = ? AND ${LIVE_EVIDENCE}`).pluck().get(id) as number;
  }

  /** What the action came from: a complaint must be one the caller may read, of the same hospital; other sources are a reference. */
  private sourceOf(
    caller: Caller,
    hospitalId: string,
    type: PxActionSource,
    given: string | null,
  ): { id: string | null; label: string | null; departmentId: string | null } {
    if (type !== 'complaint') return { id: given, label: given, departmentId: null };
    if (!given) throw invalidField('sourceId', 'field.required');
    const complaint = this.store
      .statement('SELECT id, number, hospital_id, department_id FROM complaints WHERE (id = ? OR number = ?) AND deleted_at IS NULL')
      .get(given, given.toUpperCase()) as { id: string; number: string; hospital_id: string; department_id: string | null } | undefined;
    if (!complaint || complaint.hospital_id !== hospitalId || !caller.scope.canSeeRow('complaints', complaint))
      throw invalidField('sourceId', 'field.not_found');
    return { id: complaint.id, label: complaint.number, departmentId: complaint.department_id };
  }

  /** Everyone who may own an action of the hospital (the same rule as `owner`), by name. */
  /** Who may own an action of the hospital; given its department (null: none), only those who could open it there. */
  owners(hospitalId: string, departmentId?: string | null): ComplaintAssignee[] {
    const rows = this.store
      .statement(
        `SELECT u.id, u.username, u.name_en, u.name_ar, u.department_id FROM users u JOIN roles r ON r.id = u.role_id
         WHERE (u.hospital_id = ? OR u.hospital_id IS NULL) AND u.active = 1 AND u.deleted_at IS NULL AND r.permissions LIKE '%"actions.write"%'
         ORDER BY u.name_en, u.username`,
      )
      .all(hospitalId) as Array<{ id: string; username: string; name_en: string; name_ar: string; department_id: string | null }>;
    const placed = { hospital_id: hospitalId, department_id: departmentId ?? null };
    return rows
      .filter((u) => departmentId === undefined || userCanSee(this.store, u.id, 'px_actions', placed))
      .map((u) => ({ id: u.id, username: u.username, nameEn: u.name_en, nameAr: u.name_ar, departmentId: u.department_id }));
  }

  /** Who may own the action: active, of its hospital (or the group), working on PX actions, and able to open it where it is placed. */
  private owner(placed: { hospital_id: string; department_id: string | null }, userId: string): { id: string } {
    const hospitalId = placed.hospital_id;
    const user = this.store
      .statement(
        `SELECT u.id, u.hospital_id FROM users u JOIN roles r ON r.id = u.role_id
         WHERE u.id = ? AND u.active = 1 AND u.deleted_at IS NULL AND r.permissions LIKE '%"actions.write"%'`,
      )
      .get(userId) as { id: string; hospital_id: string | null } | undefined;
    if (!user || (user.hospital_id !== null && user.hospital_id !== hospitalId) || !userCanSee(this.store, user.id, 'px_actions', placed))
      throw invalidField('ownerUserId', 'field.action_owner');
    return user;
  }

  private nextNumber(hospitalId: string): string {
    const { code, sequence } = nextSequence(this.store, 'px_action_sequences', hospitalId);
    return formatActionNumber(code, this.station, sequence);
  }

  private event(
    tx: WriteTx,
    action: Pick<Row, 'id' | 'hospital_id'>,
    kind: PxActionEvent['kind'],
    entry: { fromStatus?: string; toStatus?: string; text?: string | null; details?: Record<string, unknown> },
  ): void {
    tx.insert('px_action_events', {
      hospital_id: action.hospital_id,
      action_id: action.id,
      kind,
      from_status: entry.fromStatus ?? null,
      to_status: entry.toStatus ?? null,
      text: entry.text ?? null,
      details: entry.details && Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : null,
      actor_user_id: tx.actor.id,
      actor_name: tx.actor.name,
      at: tx.now,
    });
  }

  private rowInScope(caller: Caller, id: string): Row {
    return recordInScope<Row>(this.store, caller, 'px_actions', id);
  }

  private checkDepartment(hospitalId: string, departmentId: string | null): void {
    checkDepartmentOf(this.store, hospitalId, departmentId);
  }
}

function toSummary(row: SummaryRow, sla: SlaBadge | null): PxActionSummary {
  return {
    id: row.id,
    number: row.number,
    hospitalId: row.hospital_id,
    title: row.title,
    sourceType: row.source_type as PxActionSummary['sourceType'],
    sourceId: row.source_id,
    sourceLabel: row.source_label,
    departmentId: row.department_id,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_en !== null && row.owner_ar !== null ? { en: row.owner_en, ar: row.owner_ar } : null,
    priority: row.priority as Priority,
    status: row.status as PxActionStatus,
    dueDate: row.due_date,
    evidenceRequired: row.evidence_required === 1,
    evidenceCount: row.evidence_count,
    submittedByUserId: row.submitted_by,
    createdAt: row.created_at,
    sla,
  };
}

function toEvent(row: PxActionEventsTable): PxActionEvent {
  const details = detailsOf(row.details);
  return {
    id: row.id,
    kind: row.kind as PxActionEvent['kind'],
    fromStatus: row.from_status as PxActionEvent['fromStatus'],
    toStatus: row.to_status as PxActionEvent['toStatus'],
    text: row.text,
    details,
    actorName: row.actor_name,
    at: row.at,
  };
}

/** PX actions as the SLA engine reads them: one clock, to approval, by the action's priority. */
export function actionClockSource(store: Store): ClockSource {
  return {
    type: 'px_action',
    clocks: PX_ACTION_CLOCKS,
    read(id) {
      const row = store.statement('SELECT id, hospital_id, number, priority, department_id, owner_user_id, deleted_at FROM px_actions WHERE id = ?').get(id) as
        Pick<Row, 'id' | 'hospital_id' | 'number' | 'priority' | 'department_id' | 'owner_user_id' | 'deleted_at'> | undefined;
      if (!row) return null;
      const events = store
        .statement(
          `SELECT kind, to_status, details, at FROM px_action_events
           WHERE action_id = ? AND deleted_at IS NULL AND kind IN ('created', 'status', 'assignment') ORDER BY at, id`,
        )
        .all(id) as { kind: string; to_status: string | null; details: string | null; at: string }[];
      return {
        type: 'px_action',
        id: row.id,
        hospitalId: row.hospital_id,
        number: row.number,
        priority: (['low', 'medium', 'high', 'urgent'].includes(row.priority) ? row.priority : 'medium') as Priority,
        departmentId: row.department_id,
        assigneeId: row.owner_user_id,
        clocked: row.deleted_at === null,
        events: [
          ...events.flatMap((e): RecordEvent[] => (e.kind !== 'assignment' && e.to_status ? [{ at: e.at, kind: 'status', status: e.to_status }] : [])),
          ...priorityHistory({ priority: row.priority, severity: null }, events[0]?.at ?? new Date(0).toISOString(), priorityChanges(events)),
        ],
      };
    },
    timeline(tx, record, entry) {
      if (tx.get('px_action_events', entry.id)) return;
      tx.insertDerived('px_action_events', {
        id: entry.id,
        hospital_id: record.hospitalId,
        action_id: record.id,
        kind: 'sla',
        from_status: null,
        to_status: null,
        text: null,
        details: JSON.stringify(entry.details),
        actor_user_id: null,
        actor_name: 'sla',
        at: entry.at,
      });
    },
  };
}
