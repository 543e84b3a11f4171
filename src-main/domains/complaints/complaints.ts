import type {
  AttachmentContent,
  ComplaintAssignee,
  ComplaintDetail,
  ComplaintEvent,
  ComplaintSummary,
  ParsedInput,
  SlaBadge,
  SlaClockView,
} from '../../../src-shared/contract/index.js';
import { badgeOf, type ClockState } from '../../../src-shared/sla/clock.js';
import { type ComplaintFiled, type ComplaintIntake, type ComplaintStatusView, languageOfText } from '../../../src-shared/complaints/intake.js';
import { formatComplaintNumber, parseComplaintNumber, stationCode } from '../../../src-shared/complaints/numbers.js';
import { domainOf, type HcatCategory } from '../../../src-shared/complaints/taxonomy.js';
import { complaintMoveProblems, complaintMoves, type ComplaintStatus, isReopening } from '../../../src-shared/complaints/workflow.js';
import { endOfDayUtc, startOfDayUtc, DEFAULT_TIME_ZONE } from '../../../src-shared/dates.js';
import { AppError, fieldError, invalidField } from '../../../src-shared/errors.js';
import type { MessageKey } from '../../../src-shared/messages.js';
import type { ComplaintEventsTable, ComplaintsTable } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer, WriteTx } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { Scope } from '../../core/scope.js';
import { checkDepartmentOf, checkPhysicianOf, checkStaysInScope, detailsOf, nextSequence, recordInScope, userCanSee } from '../../core/records.js';
import type { AttachmentOwner, Attachments } from '../attachments/attachments.js';

type Row = ComplaintsTable;

/** The surveys work a resolved complaint asks of (src-main/domains/surveys/instances.ts), and the wake of its sender. */
export interface ResolutionSurveys {
  fromComplaint(
    tx: WriteTx,
    complaint: { id: string; resolution: number; hospitalId: string; patientId: string; departmentId: string | null; physicianId: string | null },
  ): { id: string; skip_reason: string | null } | null;
  /** the survey just made has a message to send */
  wakeSender(): void;
}
/** A complaint's SLA clocks now (src-main/domains/sla/engine.ts); null: it runs none. */
export interface ComplaintClocks {
  clocksOf(id: string, now: Date): { clocks: ClockState[] } | null;
  /** the badge and each clock with its steps, for the detail screen */
  detailOf(id: string, now: Date): { badge: SlaBadge | null; clocks: SlaClockView[] } | null;
}
type EventKind = ComplaintEvent['kind'];

const EXCERPT_LENGTH = 160;

/** What a complaint has when it is filed, whoever files it: nobody assigned, nothing answered, resolved or closed yet. */
const NOT_YET_HANDLED = {
  assigned_user_id: null,
  assigned_department_id: null,
  first_response_at: null,
  resolved_at: null,
  resolution_outcome: null,
  resolution_category: null,
  resolution_summary: null,
  closed_at: null,
  close_reason: null,
  duplicate_of: null,
  reopened_count: 0,
} as const satisfies Partial<ComplaintsTable>;
const FUTURE_GRACE_MS = 5 * 60_000;

interface SummaryRow extends Row {
  mrn: string | null;
  patient_name_en: string | null;
  patient_name_ar: string | null;
  assigned_name: string | null;
}

const SUMMARY_SELECT = `
  SELECT c.*, p.mrn, p.name_en AS patient_name_en, p.name_ar AS patient_name_ar, u.name_en AS assigned_name
  FROM complaints c
  LEFT JOIN patients p ON p.id = c.patient_id
  LEFT JOIN users u ON u.id = c.assigned_user_id`;

/** What a timeline entry says, beside its kind and text. */
type EventDetails = Readonly<Record<string, unknown>>;

/**
 * Complaints, inquiries and compliments on this station (issue 12;
 * docs/complaints-design.md): filed with a number at once, moved along the
 * workflow of src-shared/complaints/workflow.ts, assigned, classified and
 * annotated — every change a cell of the record and an entry of its
 * timeline, in one transaction, audited by the data layer.
 */
export class Complaints {
  private readonly station: string;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    stationId: string,
    private readonly surveys: ResolutionSurveys,
    private readonly sla: ComplaintClocks,
    private readonly attachments: Attachments,
  ) {
    this.station = stationCode(stationId);
  }

  // ---- writing

  create(caller: Caller, input: ParsedInput<'complaints.create'>): ComplaintDetail {
    this.checkDepartment(input.hospitalId, input.departmentId ?? null);
    checkStaysInScope(caller, 'complaints', { hospital_id: input.hospitalId, department_id: input.departmentId ?? null });
    checkPhysicianOf(this.store, input.hospitalId, input.physicianId ?? null);
    // a few minutes' grace for a clock that runs ahead of the station's
    if (input.occurredAt && Date.parse(input.occurredAt) > this.data.clock() + FUTURE_GRACE_MS) throw invalidField('occurredAt', 'field.date_future');
    if (input.patientId) this.checkPatient(caller, input.patientId, input.hospitalId);
    const id = this.data.write(caller.actor, (tx) => {
      const category = (input.hcatCategory ?? null) as HcatCategory | null;
      const row = tx.insert('complaints', {
        hospital_id: input.hospitalId,
        number: this.nextNumber(tx, input.hospitalId),
        type: input.type,
        channel: input.channel,
        status: 'new',
        department_id: input.departmentId ?? null,
        physician_id: input.physicianId ?? null,
        patient_id: input.patientId ?? null,
        reported_mrn: null,
        complainant_name: input.complainantName ?? null,
        contact_phone: input.contactPhone || null,
        contact_email: input.contactEmail || null,
        contact_preference: input.contactPreference,
        language: input.language,
        description_ar: input.descriptionAr ?? null,
        description_en: input.descriptionEn ?? null,
        hcat_category: category,
        hcat_domain: category ? domainOf(category) : null,
        subcategory: input.subcategory ?? null,
        severity: input.severity ?? null,
        priority: input.priority ?? 'medium',
        harm_level: input.harmLevel ?? null,
        stage_of_care: input.stageOfCare ?? null,
        occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : null,
        received_at: tx.now,
        ...NOT_YET_HANDLED,
        source_system: null,
        external_id: null,
      });
      this.event(tx, row, 'created', { toStatus: 'new', details: { channel: input.channel, type: input.type } });
      return row.id;
    });
    return this.get(caller, id);
  }

  move(caller: Caller, input: ParsedInput<'complaints.move'>): ComplaintDetail {
    let row = this.rowInScope(caller, input.id);
    const from = row.status as ComplaintStatus;
    // every problem of the move at once, each at its field: the person fixes them in one go
    const problems = complaintMoveProblems(row.type as 'complaint', from, input);
    if (problems.length > 0)
      throw new AppError(
        'VALIDATION',
        'error.validation',
        problems.map((p) => fieldError(p.field, p.key as MessageKey)),
      );
    if (input.duplicateOf) {
      if (input.duplicateOf === row.id) throw invalidField('duplicateOf', 'field.duplicate_of');
      // the complaint it repeats is of the same hospital: another's would show its readers a complaint they may not see
      if (this.rowInScope(caller, input.duplicateOf).hospital_id !== row.hospital_id) throw invalidField('duplicateOf', 'field.duplicate_of');
    }
    // filed with an MRN no patient record matched then (a website's, a 937 referral's): matched now, if the HIS has sent it since
    const matched = input.to === 'resolved' && !row.patient_id && row.reported_mrn ? this.patientByMrn(row.hospital_id, row.reported_mrn) : null;
    this.data.write(caller.actor, (tx) => {
      const patch: Partial<Row> = { status: input.to };
      if (matched) {
        patch.patient_id = matched;
        this.event(tx, row, 'classification', { details: { before: { patient_id: null }, after: { patient_id: matched }, matchedMrn: row.reported_mrn } });
        row = { ...row, patient_id: matched };
      }
      if (input.to === 'resolved') {
        patch.resolved_at = tx.now;
        patch.resolution_outcome = input.resolutionOutcome ?? null;
        patch.resolution_category = input.resolutionCategory ?? null;
        patch.resolution_summary = input.resolutionSummary ?? null;
      }
      if (input.to === 'closed') {
        patch.closed_at = tx.now;
        if (from !== 'resolved') {
          patch.close_reason = input.closeReason ?? null;
          patch.duplicate_of = input.duplicateOf ?? null;
        }
      }
      const reopening = isReopening(from, input.to);
      if (reopening) {
        // the record is open again: what ended it is in the timeline, and the next resolution says its own
        patch.reopened_count = row.reopened_count + 1;
        patch.resolved_at = null;
        patch.resolution_outcome = null;
        patch.resolution_category = null;
        patch.resolution_summary = null;
        patch.closed_at = null;
        patch.close_reason = null;
        patch.duplicate_of = null;
      }
      tx.update('complaints', row.id, patch, reopening ? 'complaints.reopen' : `complaints.${input.to}`);
      // resolved: the patient is asked how it was handled (once per resolution, whichever station resolves)
      const survey =
        input.to === 'resolved' && row.type === 'complaint' && row.patient_id
          ? this.surveys.fromComplaint(tx, {
              id: row.id,
              resolution: row.reopened_count + 1,
              hospitalId: row.hospital_id,
              patientId: row.patient_id,
              departmentId: row.department_id,
              physicianId: row.physician_id,
            })
          : null;
      const text = reopening ? input.reason : input.to === 'resolved' ? input.resolutionSummary : (input.reason ?? null);
      this.event(tx, row, 'status', {
        fromStatus: from,
        toStatus: input.to,
        text: text ?? null,
        // what the resolution said goes to the patient's view of the timeline
        visibility: input.to === 'resolved' && row.type !== 'compliment' ? 'patient' : 'internal',
        details: {
          ...(reopening ? { reopened: true } : {}),
          ...(input.resolutionOutcome ? { outcome: input.resolutionOutcome } : {}),
          ...(input.resolutionCategory ? { category: input.resolutionCategory } : {}),
          ...(input.closeReason && input.to === 'closed' && from !== 'resolved' ? { closeReason: input.closeReason } : {}),
          ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
          ...(survey ? { resolutionSurvey: { id: survey.id, skipped: survey.skip_reason } } : {}),
        },
      });
      if (survey && !survey.skip_reason) this.surveys.wakeSender();
    });
    return this.get(caller, row.id);
  }

  assign(caller: Caller, input: ParsedInput<'complaints.assign'>): ComplaintDetail {
    const row = this.rowInScope(caller, input.id);
    const user = input.userId ? this.assignee(row, input.userId) : null;
    const departmentId = input.departmentId === undefined ? row.assigned_department_id : input.departmentId;
    if (departmentId) this.checkDepartment(row.hospital_id, departmentId);
    if (row.assigned_user_id === (user?.id ?? null) && row.assigned_department_id === departmentId) return this.get(caller, row.id);
    this.data.write(caller.actor, (tx) => {
      tx.update('complaints', row.id, { assigned_user_id: user?.id ?? null, assigned_department_id: departmentId }, 'complaints.assign');
      this.event(tx, row, 'assignment', {
        details: { userId: user?.id ?? null, userName: user?.name_en ?? null, departmentId, previousUserId: row.assigned_user_id },
      });
    });
    return this.get(caller, row.id);
  }

  /**
   * Several complaints of one hospital to one person (or team) in one
   * transaction: each checked in the caller's scope and assigned with its
   * own timeline entry, or none of them (a complaint out of scope, of
   * another hospital, or gone refuses the whole request, naming it).
   */
  assignMany(caller: Caller, input: ParsedInput<'complaints.assignMany'>): { assigned: number; unchanged: number } {
    const rows = [...new Set(input.ids)].map((id) => this.rowInScope(caller, id));
    const hospital = rows[0]!.hospital_id;
    if (rows.some((row) => row.hospital_id !== hospital)) throw invalidField('ids', 'field.complaints_one_hospital');
    const user = input.userId ? this.assignee(rows[0]!, input.userId) : null;
    if (user) for (const row of rows.slice(1)) this.assignee(row, user.id);
    if (input.departmentId) this.checkDepartment(hospital, input.departmentId);
    let assigned = 0;
    this.data.write(caller.actor, (tx) => {
      for (const row of rows) {
        const departmentId = input.departmentId === undefined ? row.assigned_department_id : input.departmentId;
        if (row.assigned_user_id === (user?.id ?? null) && row.assigned_department_id === departmentId) continue;
        tx.update('complaints', row.id, { assigned_user_id: user?.id ?? null, assigned_department_id: departmentId }, 'complaints.assign');
        this.event(tx, row, 'assignment', {
          details: { userId: user?.id ?? null, userName: user?.name_en ?? null, departmentId, previousUserId: row.assigned_user_id, bulk: true },
        });
        assigned += 1;
      }
    });
    return { assigned, unchanged: rows.length - assigned };
  }

  note(caller: Caller, input: ParsedInput<'complaints.note'>): ComplaintDetail {
    const row = this.rowInScope(caller, input.id);
    this.data.write(caller.actor, (tx) => {
      // the first word the complainant receives is the first response (the SLA clock's stop)
      if (input.visibility === 'patient' && !row.first_response_at) tx.update('complaints', row.id, { first_response_at: tx.now }, 'complaints.first_response');
      this.event(tx, row, 'note', { text: input.text, visibility: input.visibility });
    });
    return this.get(caller, row.id);
  }

  /** A file on the complaint, checked and stored before its row and timeline entry are written (docs/attachments.md). */
  attach(caller: Caller, input: ParsedInput<'complaints.attach'>): ComplaintDetail {
    const row = this.rowInScope(caller, input.id);
    this.attachments.attach(caller.actor, this.fileOwner(row), input, (tx, file) =>
      this.event(tx, row, 'attachment', { details: { attachmentId: file.id, fileName: file.file_name } }),
    );
    return this.get(caller, row.id);
  }

  /** A file's content; opening it is audited (it is part of a patient's record). */
  openAttachment(caller: Caller, input: ParsedInput<'complaints.openAttachment'>): AttachmentContent {
    const row = this.rowInScope(caller, input.id);
    return this.attachments.open(caller.actor, { ...this.fileOwner(row), number: row.number }, input.attachmentId);
  }

  removeAttachment(caller: Caller, input: ParsedInput<'complaints.removeAttachment'>): ComplaintDetail {
    const row = this.rowInScope(caller, input.id);
    this.attachments.takeOff(caller.actor, this.fileOwner(row), input.attachmentId, input.reason, (tx, file) =>
      this.event(tx, row, 'attachment', { text: input.reason, details: { attachmentId: file.id, fileName: file.file_name, removed: true } }),
    );
    return this.get(caller, row.id);
  }

  private fileOwner(row: Row): AttachmentOwner {
    return { recordType: 'complaint', recordId: row.id, hospitalId: row.hospital_id };
  }

  classify(caller: Caller, input: ParsedInput<'complaints.classify'>): ComplaintDetail {
    const row = this.rowInScope(caller, input.id);
    const patch: Partial<Row> = {};
    if (input.hcatCategory !== undefined) {
      patch.hcat_category = input.hcatCategory;
      patch.hcat_domain = input.hcatCategory ? domainOf(input.hcatCategory as HcatCategory) : null;
    }
    if (input.subcategory !== undefined) patch.subcategory = input.subcategory || null;
    if (input.severity !== undefined) patch.severity = input.severity;
    if (input.priority !== undefined) patch.priority = input.priority;
    if (input.harmLevel !== undefined) patch.harm_level = input.harmLevel;
    if (input.stageOfCare !== undefined) patch.stage_of_care = input.stageOfCare;
    if (input.departmentId !== undefined) {
      if (input.departmentId) this.checkDepartment(row.hospital_id, input.departmentId);
      checkStaysInScope(caller, 'complaints', { hospital_id: row.hospital_id, department_id: input.departmentId });
      patch.department_id = input.departmentId;
    }
    if (input.physicianId !== undefined) {
      checkPhysicianOf(this.store, row.hospital_id, input.physicianId);
      patch.physician_id = input.physicianId;
    }
    if (input.patientId !== undefined) {
      // linked once: another patient would move the complaint, and its resolution survey, to someone else
      if (row.patient_id !== null && row.patient_id !== input.patientId) throw invalidField('patientId', 'field.patient_already_linked');
      this.checkPatient(caller, input.patientId, row.hospital_id);
      patch.patient_id = input.patientId;
    }
    const changed = Object.fromEntries(Object.entries(patch).filter(([column, value]) => row[column as keyof Row] !== value));
    if (Object.keys(changed).length === 0) return this.get(caller, row.id);
    this.data.write(caller.actor, (tx) => {
      tx.update('complaints', row.id, changed, 'complaints.classify');
      const before = Object.fromEntries(Object.keys(changed).map((column) => [column, row[column as keyof Row]]));
      this.event(tx, row, 'classification', { details: { before, after: changed } });
    });
    return this.get(caller, row.id);
  }

  // ---- filed by a source (the listener's POST /api/v1/complaints)

  /**
   * A complaint a source posted: filed once per (source_system,
   * external_id) — the same post again answers the number it got the first
   * time — with the hospital, department and patient its codes name. An MRN
   * that matches no patient of the hospital is kept as reported, with the
   * names and contact given. Committed (on disk) before it returns, so the
   * source's 202 means the complaint is kept.
   */
  fromSource(input: ComplaintIntake): ComplaintFiled {
    const system = input.source_system.toUpperCase();
    const actor = { id: null, name: `source:${system}` };
    return this.data.write(actor, (tx) => {
      const existing = this.store
        .statement('SELECT number FROM complaints WHERE source_system = ? AND external_id = ?')
        .pluck()
        .get(system, input.external_id) as string | undefined;
      if (existing) return { number: existing, status: 'duplicate' };
      const hospital = this.store
        .statement('SELECT id FROM hospitals WHERE code = ? AND deleted_at IS NULL')
        .pluck()
        .get(input.hospital_code.trim().toUpperCase()) as string | undefined;
      if (!hospital) throw invalidField('hospital_code', 'field.not_found');
      const department = input.department_code
        ? (this.store
            .statement('SELECT id FROM departments WHERE hospital_id = ? AND code = ? AND deleted_at IS NULL')
            .pluck()
            .get(hospital, input.department_code.trim().toUpperCase()) as string | undefined)
        : undefined;
      if (input.department_code && !department) throw invalidField('department_code', 'field.not_found');
      // as the console refuses it: a complaint about something that has not happened yet is a wrong date
      if (input.occurred_at && Date.parse(input.occurred_at) > this.data.clock() + FUTURE_GRACE_MS) throw invalidField('occurred_at', 'field.date_future');
      const given = input.patient ?? null;
      const patientId = given?.mrn ? (this.patientByMrn(hospital, given.mrn) ?? undefined) : undefined;
      const language = input.language ?? given?.language ?? languageOfText(input.description);
      const category = (input.category ?? null) as HcatCategory | null;
      const row = tx.insert('complaints', {
        hospital_id: hospital,
        number: this.nextNumber(tx, hospital),
        type: input.type,
        channel: input.channel,
        status: 'new',
        department_id: department ?? null,
        physician_id: null,
        patient_id: patientId ?? null,
        reported_mrn: patientId ? null : (given?.mrn ?? null),
        complainant_name: patientId ? null : ((language === 'en' ? (given?.name_en ?? given?.name_ar) : (given?.name_ar ?? given?.name_en)) ?? null),
        contact_phone: given?.phone ?? null,
        contact_email: given?.email ?? null,
        contact_preference: given?.phone ? 'phone' : given?.email ? 'email' : 'none',
        language,
        description_ar: language === 'ar' ? input.description : null,
        description_en: language === 'en' ? input.description : null,
        hcat_category: category,
        hcat_domain: category ? domainOf(category) : null,
        subcategory: null,
        severity: null,
        priority: 'medium',
        harm_level: null,
        stage_of_care: null,
        occurred_at: input.occurred_at ? new Date(input.occurred_at).toISOString() : null,
        received_at: tx.now,
        ...NOT_YET_HANDLED,
        source_system: system,
        external_id: input.external_id,
      });
      this.event(tx, row, 'created', { toStatus: 'new', details: { channel: input.channel, type: input.type, source: system, externalId: input.external_id } });
      return { number: row.number, status: 'accepted' };
    });
  }

  /**
   * What a source may read of a complaint: only one it filed (another's
   * number reads as unknown), its status and dates, and the notes written
   * for the complainant — never an internal note, a name or the assignee.
   */
  statusForSource(sourceSystem: string, number: string): ComplaintStatusView | null {
    const parsed = parseComplaintNumber(number);
    if (!parsed) return null;
    const row = this.store
      .statement('SELECT * FROM complaints WHERE number = ? AND source_system = ? AND deleted_at IS NULL')
      .get(formatComplaintNumber(parsed.hospitalCode, parsed.station, parsed.sequence), sourceSystem.toUpperCase()) as Row | undefined;
    if (!row || row.external_id === null) return null;
    const notes = this.store
      .statement(
        `SELECT at, text FROM complaint_events WHERE complaint_id = ? AND visibility = 'patient' AND text IS NOT NULL AND deleted_at IS NULL ORDER BY at, id`,
      )
      .all(row.id) as { at: string; text: string }[];
    return {
      number: row.number,
      external_id: row.external_id,
      status: row.status as ComplaintStatusView['status'],
      received_at: row.received_at,
      updated_at: row.updated_at,
      first_response_at: row.first_response_at,
      resolved_at: row.resolved_at,
      closed_at: row.closed_at,
      notes,
    };
  }

  // ---- reading

  list(caller: Caller, input: ParsedInput<'complaints.list'>) {
    const { where, params } = this.filterSql(caller.scope, input, caller.me.user.id, caller.me.user.departmentId);
    const clause = where.join(' AND ');
    // the clock queues are read from the due index (d), the most pressing first; the others newest first
    const byClock = input.queue === 'overdue' || input.queue === 'due_today';
    // CROSS JOIN keeps the due index the outer loop (SQLite's planner never reorders it): read in due order, by range
    const from = byClock ? `sla_clock_due d CROSS JOIN complaints c ON c.id = d.record_id AND d.record_type = 'complaint'` : 'complaints c';
    const total = this.store
      .statement(`SELECT count(*) FROM ${from} WHERE ${clause}`)
      .pluck()
      .get(...params) as number;
    // newest first, ties in the order they were filed here: the (…, received_at) indexes carry the rowid, so a page
    // is read in index order without sorting the whole list (by id, 100,000 complaints sorted in 17 ms a page)
    const select = byClock ? SUMMARY_SELECT.replace('FROM complaints c', `FROM ${from}`) : SUMMARY_SELECT;
    const order = byClock ? 'd.due_at, c.rowid' : 'c.received_at DESC, c.rowid DESC';
    const rows = this.store
      .statement(`${select} WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as SummaryRow[];
    const now = new Date(this.data.clock());
    return { items: rows.map((row) => toSummary(row, this.badge(row.id, now))), total, page: input.page, pageSize: input.pageSize };
  }

  get(caller: Caller, id: string): ComplaintDetail {
    const row = this.store.statement(`${SUMMARY_SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as SummaryRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('complaints', row);
    const duplicate = row.duplicate_of
      ? (this.store.statement('SELECT id, number FROM complaints WHERE id = ?').get(row.duplicate_of) as { id: string; number: string } | undefined)
      : undefined;
    const events = this.store
      .statement('SELECT * FROM complaint_events WHERE complaint_id = ? AND deleted_at IS NULL ORDER BY at, id')
      .all(id) as ComplaintEventsTable[];
    const now = new Date(this.data.clock());
    const sla = this.sla.detailOf(row.id, now);
    return {
      ...toSummary(row, sla?.badge ?? null),
      physicianId: row.physician_id,
      contactPhone: row.contact_phone,
      contactEmail: row.contact_email,
      contactPreference: row.contact_preference as ComplaintDetail['contactPreference'],
      language: row.language === 'en' ? 'en' : 'ar',
      descriptionAr: row.description_ar,
      descriptionEn: row.description_en,
      hcatDomain: row.hcat_domain as ComplaintDetail['hcatDomain'],
      subcategory: row.subcategory,
      harmLevel: row.harm_level as ComplaintDetail['harmLevel'],
      stageOfCare: row.stage_of_care as ComplaintDetail['stageOfCare'],
      occurredAt: row.occurred_at,
      assignedDepartmentId: row.assigned_department_id,
      firstResponseAt: row.first_response_at,
      resolutionOutcome: row.resolution_outcome as ComplaintDetail['resolutionOutcome'],
      resolutionCategory: row.resolution_category as ComplaintDetail['resolutionCategory'],
      reportedMrn: row.reported_mrn,
      resolutionSummary: row.resolution_summary,
      closeReason: row.close_reason as ComplaintDetail['closeReason'],
      duplicateOf: duplicate ?? null,
      reopenedCount: row.reopened_count,
      sourceSystem: row.source_system,
      externalId: row.external_id,
      moves: [...complaintMoves(row.status as ComplaintStatus)],
      clocks: sla?.clocks ?? [],
      attachments: this.attachments.listOf(row.id),
      timeline: events.map(toEvent),
    };
  }

  /** The badge of a listed complaint: its clocks computed now (never a stored counter). */
  private badge(id: string, now: Date): SlaBadge | null {
    const read = this.sla.clocksOf(id, now);
    return read ? badgeOf(read.clocks) : null;
  }

  /** The list's WHERE, in the caller's scope (c: complaints; d: the due index, for the clock queues only). */
  private filterSql(scope: Scope, input: ParsedInput<'complaints.list'>, userId: string, departmentId: string | null): { where: string[]; params: unknown[] } {
    const scoped = scope.sqlFilter('complaints', input.hospitalId, 'c');
    const where = ['c.deleted_at IS NULL', ...scoped.where];
    const params: unknown[] = [...scoped.params];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    if (input.queue === 'open') where.push(`c.status NOT IN ('resolved', 'closed')`);
    if (input.queue === 'closed') where.push(`c.status IN ('resolved', 'closed')`);
    if (input.queue === 'unassigned') where.push(`c.status NOT IN ('resolved', 'closed') AND c.assigned_user_id IS NULL`);
    if (input.queue === 'mine') {
      where.push(`c.status NOT IN ('resolved', 'closed') AND c.assigned_user_id = ?`);
      params.push(userId);
    }
    if (input.queue === 'team') {
      // given to my department as a team, or in my department and given to no team
      where.push(`c.status NOT IN ('resolved', 'closed') AND (c.assigned_department_id = ? OR (c.assigned_department_id IS NULL AND c.department_id = ?))`);
      params.push(departmentId ?? '', departmentId ?? '');
    }
    // by the SLA clocks as the engine last computed them (sla_clock_due: this station's, derived from the timelines),
    // joined as d (list reads them from the due index, most pressing first)
    const nowIso = new Date(this.data.clock()).toISOString();
    // the caller's hospital (or the one asked for) on the index too: its range is read, not every hospital's
    const hospital = scope.listFilter('complaints', input.hospitalId, 'c').hospital;
    if ((input.queue === 'overdue' || input.queue === 'due_today') && hospital) {
      where.push('d.hospital_id = ?');
      params.push(hospital.id);
    }
    if (input.queue === 'overdue') {
      where.push(`d.due_at <= ?`);
      params.push(nowIso);
    }
    if (input.queue === 'due_today') {
      // today is each hospital's own: the end of its day in its zone
      const ends = (this.store.statement('SELECT id, time_zone FROM hospitals').all() as { id: string; time_zone: string | null }[]).map((h) => {
        const zone = h.time_zone || DEFAULT_TIME_ZONE;
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(nowIso));
        return [h.id, endOfDayUtc(today, zone) ?? nowIso] as const;
      });
      // the widest end first, an index range; then each complaint by its own hospital's
      const latest = ends.reduce((max, [, end]) => (end > max ? end : max), nowIso);
      const endOfToday = ends.length === 0 ? '?' : `CASE c.hospital_id ${ends.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END`;
      where.push(`d.due_at > ? AND d.due_at <= ? AND d.due_at <= ${endOfToday}`);
      params.push(nowIso, latest, ...ends.flat(), nowIso);
    }
    equal('c.department_id', input.departmentId);
    equal('c.status', input.status);
    equal('c.type', input.type);
    equal('c.channel', input.channel);
    equal('c.hcat_category', input.hcatCategory);
    if (input.q) {
      // a number reads one row by its unique index; anything else an MRN (a patient's, or one reported
      // with no match) or the start of a complainant's name, each term through an index of its own
      const q = input.q.trim();
      const number = parseComplaintNumber(q);
      if (number) {
        where.push('c.number = ?');
        params.push(formatComplaintNumber(number.hospitalCode, number.station, number.sequence));
      } else {
        where.push(`(c.patient_id IN (SELECT id FROM patients WHERE mrn IN (?, ?)) OR c.reported_mrn IN (?, ?) OR c.complainant_name LIKE ? ESCAPE '\\')`);
        params.push(q, q.toUpperCase(), q, q.toUpperCase(), `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      }
    }
    const zone = input.hospitalId
      ? ((this.store.statement('SELECT time_zone FROM hospitals WHERE id = ?').pluck().get(input.hospitalId) as string | undefined) ?? DEFAULT_TIME_ZONE)
      : DEFAULT_TIME_ZONE;
    const from = input.from ? startOfDayUtc(input.from, zone) : null;
    const to = input.to ? endOfDayUtc(input.to, zone) : null;
    if (from) {
      where.push('c.received_at >= ?');
      params.push(from);
    }
    if (to) {
      where.push('c.received_at <= ?');
      params.push(to);
    }
    return { where, params };
  }

  // ---- the pieces

  /**
   * The next number of this station for the hospital: counted in a table
   * that never leaves the station, in the transaction that files the
   * complaint, so a number is used once even when the write is retried.
   */
  private nextNumber(tx: WriteTx, hospitalId: string): string {
    void tx;
    const { code, sequence } = nextSequence(this.store, 'complaint_sequences', hospitalId);
    return formatComplaintNumber(code, this.station, sequence);
  }

  private event(
    tx: WriteTx,
    complaint: Pick<Row, 'id' | 'hospital_id'>,
    kind: EventKind,
    entry: { fromStatus?: string; toStatus?: string; text?: string | null; visibility?: 'internal' | 'patient'; details?: EventDetails },
  ): void {
    tx.insert('complaint_events', {
      hospital_id: complaint.hospital_id,
      complaint_id: complaint.id,
      kind,
      visibility: entry.visibility ?? 'internal',
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
    return recordInScope<Row>(this.store, caller, 'complaints', id);
  }

  private checkDepartment(hospitalId: string, departmentId: string | null): void {
    checkDepartmentOf(this.store, hospitalId, departmentId);
  }

  private patientByMrn(hospitalId: string, mrn: string): string | null {
    return (
      (this.store.statement('SELECT id FROM patients WHERE hospital_id = ? AND mrn = ? AND deleted_at IS NULL').pluck().get(hospitalId, mrn) as
        string | undefined) ?? null
    );
  }

  private checkPatient(caller: Caller, patientId: string, hospitalId: string): void {
    const patient = this.store.statement('SELECT id, hospital_id FROM patients WHERE id = ? AND deleted_at IS NULL').get(patientId) as
      { id: string; hospital_id: string } | undefined;
    if (!patient || patient.hospital_id !== hospitalId || !caller.scope.canSeeRow('patients', patient)) throw invalidField('patientId', 'field.not_found');
  }

  /** Everyone who can take a complaint of the hospital (the same rule as assign), by name; given its department (null: none), only those who could open it. */
  assignees(hospitalId: string, departmentId?: string | null): ComplaintAssignee[] {
    const rows = this.store
      .statement(
        `SELECT u.id, u.username, u.name_en, u.name_ar, u.department_id FROM users u JOIN roles r ON r.id = u.role_id
         WHERE (u.hospital_id = ? OR u.hospital_id IS NULL) AND u.active = 1 AND u.deleted_at IS NULL AND r.permissions LIKE '%"complaints.write"%'
         ORDER BY u.name_en, u.id LIMIT 1000`,
      )
      .all(hospitalId) as { id: string; username: string; name_en: string; name_ar: string; department_id: string | null }[];
    const placed = { hospital_id: hospitalId, department_id: departmentId ?? null };
    return rows
      .filter((u) => departmentId === undefined || userCanSee(this.store, u.id, 'complaints', placed))
      .map((u) => ({ id: u.id, username: u.username, nameEn: u.name_en, nameAr: u.name_ar, departmentId: u.department_id }));
  }

  /** A user who can take the complaint: active, of its hospital (or the group), allowed to work complaints, and able to open this one. */
  private assignee(row: Row, userId: string): { id: string; name_en: string } {
    const user = this.store
      .statement(
        `SELECT u.id, u.name_en, u.hospital_id FROM users u JOIN roles r ON r.id = u.role_id
         WHERE u.id = ? AND u.active = 1 AND u.deleted_at IS NULL AND r.permissions LIKE '%"complaints.write"%'`,
      )
      .get(userId) as { id: string; name_en: string; hospital_id: string | null } | undefined;
    if (!user || (user.hospital_id !== null && user.hospital_id !== row.hospital_id) || !userCanSee(this.store, user.id, 'complaints', row))
      throw invalidField('userId', 'field.complaint_assignee');
    return user;
  }
}

function excerptOf(row: Row): string {
  const text = (row.language === 'en' ? (row.description_en ?? row.description_ar) : (row.description_ar ?? row.description_en)) ?? '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

function toSummary(row: SummaryRow, sla: SlaBadge | null): ComplaintSummary {
  return {
    id: row.id,
    number: row.number,
    hospitalId: row.hospital_id,
    type: row.type as ComplaintSummary['type'],
    channel: row.channel as ComplaintSummary['channel'],
    status: row.status as ComplaintSummary['status'],
    priority: row.priority as ComplaintSummary['priority'],
    severity: row.severity,
    hcatCategory: row.hcat_category,
    departmentId: row.department_id,
    patient: row.patient_id && row.mrn ? { id: row.patient_id, mrn: row.mrn, nameEn: row.patient_name_en ?? '', nameAr: row.patient_name_ar ?? '' } : null,
    complainantName: row.complainant_name,
    excerpt: excerptOf(row),
    assignedUserId: row.assigned_user_id,
    assignedUserName: row.assigned_name,
    receivedAt: row.received_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    sla,
  };
}

function toEvent(row: ComplaintEventsTable): ComplaintEvent {
  const details = detailsOf(row.details);
  return {
    id: row.id,
    kind: row.kind as ComplaintEvent['kind'],
    visibility: row.visibility === 'patient' ? 'patient' : 'internal',
    fromStatus: row.from_status as ComplaintEvent['fromStatus'],
    toStatus: row.to_status as ComplaintEvent['toStatus'],
    text: row.text,
    details,
    actorName: row.actor_name,
    at: row.at,
  };
}
