import { staffEmailAddress } from '../../../src-shared/sla/staff-email.js';
import { builtInId } from '../../../src-shared/built-in-id.js';
import { COMPLAINT_CLOCKS } from '../../../src-shared/complaints/workflow.js';
import { PRIORITIES, type Priority } from '../../../src-shared/complaints/taxonomy.js';
import { nextBusinessInstant } from '../../../src-shared/sla/business-time.js';
import type { SlaBadge, SlaClockView } from '../../../src-shared/contract/index.js';
import {
  badgeOf,
  type CalendarVersion,
  type ClockDefinition,
  type ClockKind,
  clockOf,
  type ClockState,
  nextDueAt,
  type RecordEvent,
  stepKey,
  stepsDue,
  versionAt,
} from '../../../src-shared/sla/clock.js';
import {
  defaultCalendarVersion,
  defaultPolicyVersion,
  type SlaPolicyVersion,
  type PriorityChange,
  priorityHistory,
  slaPriorityOf,
  type SlaRecipient,
  type SlaRecordType,
  type SlaStep,
} from '../../../src-shared/sla/policies.js';
import {
  fromJson,
  type Json,
  type SlaCalendarVersionsTable,
  type SlaFiringRecipients,
  type SlaPolicyVersionsTable,
  toJson,
} from '../../../src-shared/tables/index.js';
import type { DataLayer, WriteTx } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { Actor } from '../../core/audit-log.js';

/** Who the engine's writes are audited as. */
export const SLA_ACTOR: Actor = { id: null, name: 'sla' };

/** A record with clocks, as the engine reads it. */
export interface ClockedRecord {
  readonly type: SlaRecordType;
  readonly id: string;
  readonly hospitalId: string;
  readonly number: string;
  readonly priority: Priority;
  /** the department whose manager an escalation reaches: the assigned team, else the record's department */
  readonly departmentId: string | null;
  readonly assigneeId: string | null;
  /** false: deleted, or a type without clocks (a compliment) */
  readonly clocked: boolean;
  readonly events: readonly RecordEvent[];
}

/** The records of one type: how to read one, and the clocks it runs. */
export interface ClockSource {
  readonly type: SlaRecordType;
  readonly clocks: readonly ClockDefinition[];
  read(id: string): ClockedRecord | null;
  /** the timeline entry of a firing, in the record's own timeline */
  timeline(tx: WriteTx, record: ClockedRecord, entry: { id: string; at: string; details: Record<string, unknown> }): void;
}

/** What a pass of the engine did. */
export interface TickResult {
  /** records whose next due instant was recomputed */
  readonly refreshed: number;
  /** due records looked at */
  readonly examined: number;
  /** steps fired (each a firing row, a timeline entry and its notifications) */
  readonly fired: number;
  /** the budget ran out with work left */
  readonly more: boolean;
}

interface Versions {
  /** the record's priority's */
  readonly policies: readonly SlaPolicyVersion[];
  readonly byPriority: Readonly<Record<Priority, readonly SlaPolicyVersion[]>>;
  readonly calendars: readonly CalendarVersion[];
}

const FIRED_SQL = 'SELECT record_id, clock, cycle, step_id FROM sla_firings WHERE record_id = ?';
const REFRESH_BATCH = 256;
const DUE_BATCH = 128;

/**
 * The SLA engine (docs/sla-design.md): each pass refreshes the due index
 * for the records whose clock may have changed (sla_dirty, filled by
 * triggers on every write, local or from sync), then fires what is due
 * (sla_due up to now) oldest first. A record's clock is recomputed from its
 * history each time, never kept; a firing's row id is derived from its
 * unique key (record, clock, cycle, step), so it happens once whichever
 * station fires it, and a station that was off fires what it missed once,
 * in order. Its cost grows with what is due and what changed, not with
 * what is open.
 */
export class SlaEngine {
  private readonly sources = new Map<SlaRecordType, ClockSource>();
  /** versions read in this pass, by hospital (and type and priority) */
  private cache = new Map<string, unknown>();

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly log: (line: string) => void,
  ) {}

  addSource(source: ClockSource): void {
    this.sources.set(source.type, source);
  }

  /** One pass at `now`, for at most `budgetMs` of work (then `more`). */
  tick(now: Date, budgetMs = Number.POSITIVE_INFINITY): TickResult {
    const started = performance.now();
    const spent = () => performance.now() - started >= budgetMs;
    this.cache = new Map();
    let refreshed = 0;
    let examined = 0;
    let fired = 0;
    // 1. what changed: its next due instant, before anything is fired from a stale one
    const dirty = this.store.statement('SELECT record_id, record_type FROM sla_dirty LIMIT ?');
    for (;;) {
      const batch = dirty.all(REFRESH_BATCH) as { record_id: string; record_type: SlaRecordType }[];
      if (batch.length === 0) break;
      this.store.transaction(() => {
        for (const row of batch) {
          this.refresh(row.record_type, row.record_id, now);
          this.store.statement('DELETE FROM sla_dirty WHERE record_id = ?').run(row.record_id);
        }
      });
      refreshed += batch.length;
      if (spent()) return { refreshed, examined, fired, more: true };
    }
    // 2. what is due, oldest first; each record fires its steps in order. One transaction carries as many records as
    // the budget allows (a commit per record cost 2 ms of fsync each); a record that throws is retried alone, so one
    // broken record never holds back the others
    const due = this.store.statement('SELECT record_id, record_type FROM sla_due WHERE next_due_at <= ? ORDER BY next_due_at LIMIT ?');
    const nowIso = now.toISOString();
    for (;;) {
      const batch = due.all(nowIso, DUE_BATCH) as { record_id: string; record_type: SlaRecordType }[];
      if (batch.length === 0) return { refreshed, examined, fired, more: false };
      for (let at = 0; at < batch.length;) {
        const from = at;
        let firedHere = 0;
        try {
          this.data.write(SLA_ACTOR, () => {
            do {
              const row = batch[at]!;
              firedHere += this.fireRecord(row.record_type, row.record_id, now, nowIso);
              at += 1;
            } while (at < batch.length && !spent());
          });
        } catch (error) {
          at = from;
          firedHere = 0;
          this.log(`sla: a pass over ${batch.length - from} due records failed (${(error as Error).message}); each is retried alone`);
          for (; at < batch.length && (at === from || !spent()); at += 1) firedHere += this.fireAlone(batch[at]!, now, nowIso);
        }
        fired += firedHere;
        examined += at - from;
        if (spent()) return { refreshed, examined, fired, more: true };
      }
    }
  }

  /** One due record, in the caller's transaction: its steps fired, its index entry moved on. */
  private fireRecord(type: SlaRecordType, id: string, now: Date, nowIso: string): number {
    const count = this.fireDue(type, id, now);
    // a record still due that fired nothing would be read again at once: looked at again in a minute, and said
    if (count === 0 && this.store.statement('SELECT 1 FROM sla_due WHERE record_id = ? AND next_due_at <= ?').get(id, nowIso)) {
      this.log(`sla: ${type} ${id} stays due with nothing to fire; looked at again in a minute`);
      this.postpone(id, now);
    }
    return count;
  }

  /** A record on its own transaction; one that fails again is set aside for a minute, said in the log (its id, never its content). */
  private fireAlone(row: { record_id: string; record_type: SlaRecordType }, now: Date, nowIso: string): number {
    try {
      return this.data.write(SLA_ACTOR, () => this.fireRecord(row.record_type, row.record_id, now, nowIso));
    } catch (error) {
      this.log(`sla: ${row.record_type} ${row.record_id} could not fire (${(error as Error).message}); tried again in a minute`);
      this.postpone(row.record_id, now);
      return 0;
    }
  }

  private postpone(id: string, now: Date): void {
    this.store.statement('UPDATE sla_due SET next_due_at = ? WHERE record_id = ?').run(new Date(now.getTime() + 60_000).toISOString(), id);
  }

  /** The clocks of a record now, as the console's badge and the engine see them (null: no clocks). */
  clocksOf(type: SlaRecordType, id: string, now: Date): { record: ClockedRecord; clocks: ClockState[] } | null {
    const source = this.sources.get(type);
    const record = source?.read(id);
    if (!source || !record || !record.clocked) return null;
    const versions = this.versionsOf(record);
    return { record, clocks: source.clocks.map((definition) => clockOf(definition, record.events, versions, now)) };
  }

  /** What a record's detail screen shows of its clocks: the badge, and each clock's current cycle with which steps have fired. */
  detailOf(type: SlaRecordType, id: string, now: Date): { badge: SlaBadge | null; clocks: SlaClockView[] } | null {
    const read = this.clocksOf(type, id, now);
    if (!read) return null;
    const fired = this.firedOf(id);
    return {
      badge: badgeOf(read.clocks),
      clocks: read.clocks.flatMap((clock): SlaClockView[] => {
        const cycle = clock.current;
        if (!cycle) return [];
        return [
          {
            clock: clock.kind,
            cycle: cycle.number,
            cycles: clock.cycles.length,
            state: cycle.state,
            target: cycle.target,
            elapsed: Math.round(cycle.elapsed),
            remaining: Math.round(cycle.remaining),
            due: cycle.due,
            breached: cycle.breached,
            policyVersionId: cycle.policyVersionId,
            steps: cycle.steps.map((step) => ({
              id: step.id,
              kind: step.kind,
              percent: step.percent,
              level: step.level,
              at: step.at,
              reached: step.reached,
              fired: fired.has(stepKey(id, clock.kind, cycle.number, step.id)),
            })),
          },
        ];
      }),
    };
  }

  private firedOf(id: string): Set<string> {
    const rows = this.store.statement(FIRED_SQL).all(id) as { record_id: string; clock: string; cycle: number; step_id: string }[];
    return new Set(rows.map((r) => stepKey(r.record_id, r.clock as ClockKind, r.cycle, r.step_id)));
  }

  /** Writes the record's next due instant (or takes it out of the index). */
  private refresh(type: SlaRecordType, id: string, now: Date): void {
    let next: string | null = null;
    let due: string | null = null;
    let hospitalId: string | null = null;
    try {
      const read = this.clocksOf(type, id, now);
      if (read) {
        hospitalId = read.record.hospitalId;
        next = nextInstant(read.clocks, this.firedOf(id), id);
        due = runningDue(read.clocks);
        // a version saved to take effect later recomputes the open clocks when it does: looked at again then
        if (read.clocks.some((clock) => clock.current !== null && clock.current.state !== 'stopped')) {
          const versions = this.versionsOf(read.record);
          const coming = nextVersionAt([...versions.policies, ...versions.calendars], now.getTime());
          if (coming !== null && (next === null || coming < next)) next = coming;
        }
      }
    } catch (error) {
      // a calendar with no working time for years: nothing can come due; said once, never a stuck engine
      this.log(`sla: the clock of ${type} ${id} cannot be computed (${(error as Error).message})`);
    }
    if (due === null) this.store.statement('DELETE FROM sla_clock_due WHERE record_id = ?').run(id);
    else
      this.store
        .statement(
          'INSERT INTO sla_clock_due (record_id, record_type, due_at, hospital_id) VALUES (?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET due_at = excluded.due_at, hospital_id = excluded.hospital_id',
        )
        .run(id, type, due, hospitalId);
    if (next === null) this.store.statement('DELETE FROM sla_due WHERE record_id = ?').run(id);
    else
      this.store
        .statement(
          'INSERT INTO sla_due (record_id, record_type, next_due_at) VALUES (?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET next_due_at = excluded.next_due_at',
        )
        .run(id, type, next);
  }

  private fireDue(type: SlaRecordType, id: string, now: Date): number {
    return this.data.write(SLA_ACTOR, (tx) => {
      let count = 0;
      const read = this.clocksOf(type, id, now);
      if (read) {
        const fired = this.firedOf(id);
        const versions = this.versionsOf(read.record);
        const steps = read.clocks
          .flatMap((clock) => stepsDue(clock, fired, id).map((due) => ({ ...due, clock })))
          .sort((a, b) => (a.step.at ?? '').localeCompare(b.step.at ?? '') || a.step.threshold - b.step.threshold);
        for (const due of steps) {
          const cycle = due.clock.cycles[due.cycle - 1];
          const policy = Object.values(versions.byPriority)
            .flat()
            .find((p) => p.id === cycle?.policyVersionId);
          const step = policy?.steps[due.clock.kind].find((s) => s.id === due.step.id);
          if (!cycle || !policy || !step) continue;
          this.fire(
            tx,
            read.record,
            { key: due.key, clock: due.clock, cycle: due.cycle, step, reachedAt: due.step.at ?? tx.now, policyId: policy.id },
            versions,
          );
          fired.add(due.key);
          count += 1;
        }
      }
      this.refresh(type, id, now);
      // the firings' own triggers marked the record changed: its index entry was just written
      this.store.statement('DELETE FROM sla_dirty WHERE record_id = ?').run(id);
      return count;
    });
  }

  /** One step: its firing row, its timeline entry, and a notification per person it reaches. All ids derived from its key. */
  private fire(
    tx: WriteTx,
    record: ClockedRecord,
    due: { key: string; clock: ClockState; cycle: number; step: SlaStep; reachedAt: string; policyId: string },
    versions: Versions,
  ): void {
    const firingId = builtInId(`sla-firing:${due.key}`);
    if (tx.get('sla_firings', firingId)) return;
    const recipients = this.recipientsOf(record, due.step.notify);
    const problem = recipients.users.length === 0 ? 'no_recipient' : recipients.unfilled.length > 0 ? 'some_unfilled' : null;
    tx.insertDerived('sla_firings', {
      id: firingId,
      hospital_id: record.hospitalId,
      record_type: record.type,
      record_id: record.id,
      clock: due.clock.kind,
      cycle: due.cycle,
      step_id: due.step.id,
      step_kind: due.step.kind,
      level: due.step.kind === 'escalation' ? due.step.level : null,
      reached_at: due.reachedAt,
      fired_at: tx.now,
      policy_version_id: due.policyId,
      recipients: toJson(recipients),
      problem,
    });
    // who the email cannot reach: shown with the step, never dropped silently
    const addresses = new Map(recipients.users.map((user) => [user.id, this.emailOf(user.id)]));
    const noEmail = recipients.users.filter((user) => addresses.get(user.id)?.address === null).map((user) => user.id);
    const details = {
      clock: due.clock.kind,
      cycle: due.cycle,
      step: due.step.id,
      stepKind: due.step.kind,
      level: due.step.kind === 'escalation' ? due.step.level : null,
      percent: due.step.kind === 'reminder' ? due.step.percent : null,
      reachedAt: due.reachedAt,
      notified: recipients.users.map((u) => ({ id: u.id, nameEn: u.nameEn, nameAr: u.nameAr, role: u.role })),
      unfilled: recipients.unfilled,
      noEmail,
      problem,
      firedAt: tx.now,
    };
    // in the timeline where it came due (a station that was off fires late, but the entry says when it was owed)
    this.sources.get(record.type)?.timeline(tx, record, { id: builtInId(`sla-event:${due.key}`), at: due.reachedAt, details });
    // held to the hospital's business hours unless the step may reach people any time (Zammad #4432)
    const calendar = inForceAt(versions.calendars, Date.parse(tx.now));
    const deliverAt = due.step.anyTime ? tx.now : (nextBusinessInstant(new Date(tx.now), calendar.calendar)?.toISOString() ?? tx.now);
    for (const user of recipients.users) {
      const id = builtInId(`notice:${due.key}:${user.id}`);
      if (tx.get('staff_notifications', id)) continue;
      tx.insertDerived('staff_notifications', {
        id,
        hospital_id: record.hospitalId,
        user_id: user.id,
        kind: due.step.kind === 'escalation' ? 'sla_escalation' : 'sla_reminder',
        record_type: record.type,
        record_id: record.id,
        record_number: record.number,
        firing_id: firingId,
        details: JSON.stringify({
          clock: due.clock.kind,
          step: due.step.id,
          level: details.level,
          percent: due.step.kind === 'reminder' ? due.step.percent : null,
          reachedAt: due.reachedAt,
          role: user.role,
          // its email is held to business hours when it is sent, too (heldUntil)
          anyTime: due.step.anyTime,
        }),
        deliver_at: deliverAt,
        read_at: null,
      });
      // and its email, at the same time, sent by the hub (or by this station when it is not enrolled)
      const email = addresses.get(user.id);
      const emailId = builtInId(`staff-email:${id}`);
      if (tx.get('staff_emails', emailId)) continue;
      tx.insertDerived('staff_emails', {
        id: emailId,
        hospital_id: record.hospitalId,
        notification_id: id,
        user_id: user.id,
        language: email?.language ?? 'ar',
        send_at: deliverAt,
        status: email?.address ? 'queued' : 'no_address',
        attempts: 0,
        next_attempt_at: null,
        provider: null,
        recipient_hint: null,
        error: null,
        sent_at: null,
      });
    }
  }

  /** Where a person's notification email goes, and in which language; no address: null. */
  private emailOf(userId: string): { address: string | null; language: 'ar' | 'en' } {
    const row = this.store.statement('SELECT email, preferred_language FROM users WHERE id = ?').get(userId) as
      { email: string | null; preferred_language: string } | undefined;
    return { address: staffEmailAddress(row?.email), language: row?.preferred_language === 'en' ? 'en' : 'ar' };
  }

  /** The people a step names over this record; the roles nobody holds are named, never silently dropped. */
  private recipientsOf(record: ClockedRecord, notify: readonly SlaRecipient[]): SlaFiringRecipients {
    const users = new Map<string, SlaFiringRecipients['users'][number]>();
    const unfilled: string[] = [];
    for (const role of notify) {
      const found = this.holders(record, role);
      if (found.length === 0) unfilled.push(role);
      for (const user of found) if (!users.has(user.id)) users.set(user.id, { id: user.id, nameEn: user.name_en, nameAr: user.name_ar, role });
    }
    return { users: [...users.values()], unfilled };
  }

  private holders(record: ClockedRecord, role: SlaRecipient): { id: string; name_en: string; name_ar: string }[] {
    const active = 'u.active = 1 AND u.deleted_at IS NULL';
    const select = 'SELECT u.id, u.name_en, u.name_ar FROM users u JOIN roles r ON r.id = u.role_id';
    switch (role) {
      case 'assignee':
        return record.assigneeId
          ? (this.store.statement(`SELECT u.id, u.name_en, u.name_ar FROM users u WHERE u.id = ? AND ${active}`).all(record.assigneeId) as never[])
          : [];
      case 'department_manager':
        return record.departmentId
          ? (this.store
              .statement(`${select} WHERE r.code = 'department_manager' AND u.department_id = ? AND ${active} ORDER BY u.id`)
              .all(record.departmentId) as never[])
          : [];
      case 'px_admin':
        return this.store
          .statement(`${select} WHERE r.code = 'px_admin' AND (u.hospital_id IS NULL OR u.hospital_id = ?) AND ${active} ORDER BY u.id`)
          .all(record.hospitalId) as never[];
      default:
        return this.store.statement(`${select} WHERE r.code = ? AND u.hospital_id = ? AND ${active} ORDER BY u.id`).all(role, record.hospitalId) as never[];
    }
  }

  /** The policy versions of the record's hospital and type, for its priority and by priority, and its hospital's calendar versions; the defaults in code first. */
  versionsOf(record: ClockedRecord): Versions {
    const policyKey = `p:${record.hospitalId}:${record.type}`;
    let byPriority = this.cache.get(policyKey) as Record<Priority, SlaPolicyVersion[]> | undefined;
    if (!byPriority) {
      const rows = this.store
        .statement(
          'SELECT id, priority, effective_from, targets, steps FROM sla_policy_versions WHERE hospital_id = ? AND record_type = ? AND deleted_at IS NULL ORDER BY effective_from, id',
        )
        .all(record.hospitalId, record.type) as Pick<SlaPolicyVersionsTable, 'id' | 'priority' | 'effective_from' | 'targets' | 'steps'>[];
      const lists = Object.fromEntries(PRIORITIES.map((priority) => [priority, [defaultPolicyVersion(record.type, priority)]])) as Record<
        Priority,
        SlaPolicyVersion[]
      >;
      for (const r of rows)
        lists[r.priority as Priority]?.push({ id: r.id, effectiveFrom: r.effective_from, targets: fromJson(r.targets), steps: fromJson(r.steps) });
      byPriority = lists;
      this.cache.set(policyKey, byPriority);
    }
    return { policies: byPriority[record.priority], byPriority, calendars: this.calendarsOf(record.hospitalId) };
  }

  calendarsOf(hospitalId: string): CalendarVersion[] {
    const key = `c:${hospitalId}`;
    let calendars = this.cache.get(key) as CalendarVersion[] | undefined;
    if (!calendars) {
      const zone = (this.store.statement('SELECT time_zone FROM hospitals WHERE id = ?').pluck().get(hospitalId) as string | undefined) ?? 'Asia/Riyadh';
      const rows = this.store
        .statement('SELECT id, effective_from, calendar FROM sla_calendar_versions WHERE hospital_id = ? AND deleted_at IS NULL ORDER BY effective_from, id')
        .all(hospitalId) as Pick<SlaCalendarVersionsTable, 'id' | 'effective_from' | 'calendar'>[];
      calendars = [
        defaultCalendarVersion(hospitalId, zone),
        ...rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, calendar: fromJson(r.calendar as Json<CalendarVersion['calendar']>) })),
      ];
      this.cache.set(key, calendars);
    }
    return calendars;
  }

  /** Versions change: the next read takes them (the triggers marked the open records). */
  forgetVersions(): void {
    this.cache = new Map();
  }
}

/** The version in force at an instant (the latest that started by then; the first before any). */
export function inForceAt<T extends { readonly effectiveFrom: string }>(versions: readonly T[], at: number): T {
  return versionAt(versions, at) ?? versions[0]!;
}

/** The changes of priority or severity a record's timeline holds (entries whose details keep the values before), for priorityHistory. */
export function priorityChanges(events: readonly { kind: string; details: string | null; at: string }[]): PriorityChange[] {
  const changes: PriorityChange[] = [];
  for (const event of events) {
    if (event.details === null || (event.kind !== 'classification' && event.kind !== 'assignment')) continue;
    try {
      const { before } = JSON.parse(event.details) as { before?: PriorityChange['before'] };
      if (before && ('priority' in before || 'severity' in before)) changes.push({ at: event.at, before });
    } catch {
      // an entry whose details cannot be read changed nothing the clock reads
    }
  }
  return changes;
}

/** The instant the next of these versions takes effect after `now`; null when none is coming. */
export function nextVersionAt(versions: readonly { readonly effectiveFrom: string }[], now: number): string | null {
  let next: number | null = null;
  for (const version of versions) {
    const from = Date.parse(version.effectiveFrom);
    if (from > now && (next === null || from < next)) next = from;
  }
  return next === null ? null : new Date(next).toISOString();
}

/** When the record's running clocks are due, the earliest (past for an overdue one); null when none runs (paused, stopped). */
export function runningDue(clocks: readonly ClockState[]): string | null {
  let due: string | null = null;
  for (const clock of clocks) {
    const cycle = clock.current;
    if (cycle?.state === 'running' && cycle.due !== null && (due === null || cycle.due < due)) due = cycle.due;
  }
  return due;
}

/** The next instant the engine must look at a record: a reached step not yet fired (now), else what comes due next; null: nothing will without a change. */
export function nextInstant(clocks: readonly ClockState[], fired: ReadonlySet<string>, recordId: string): string | null {
  let next: string | null = null;
  for (const clock of clocks) {
    const waiting = stepsDue(clock, fired, recordId)[0];
    const candidate = waiting ? (waiting.step.at ?? null) : nextDueAt(clock, fired, recordId);
    if (candidate !== null && (next === null || candidate < next)) next = candidate;
  }
  return next;
}

// ---- complaints

interface ComplaintClockRow {
  id: string;
  hospital_id: string;
  number: string;
  type: string;
  priority: string;
  severity: number | null;
  department_id: string | null;
  assigned_department_id: string | null;
  assigned_user_id: string | null;
  deleted_at: string | null;
}

/** Complaints and inquiries run clocks; a compliment has none. */
export function complaintClockSource(store: Store): ClockSource {
  return {
    type: 'complaint',
    clocks: COMPLAINT_CLOCKS,
    read(id) {
      const row = store
        .statement(
          'SELECT id, hospital_id, number, type, priority, severity, department_id, assigned_department_id, assigned_user_id, deleted_at FROM complaints WHERE id = ?',
        )
        .get(id) as ComplaintClockRow | undefined;
      if (!row) return null;
      const events = store
        .statement(
          `SELECT kind, visibility, to_status, details, at FROM complaint_events
           WHERE complaint_id = ? AND deleted_at IS NULL AND (kind IN ('created', 'status', 'classification') OR (kind = 'note' AND visibility = 'patient'))
           ORDER BY at, id`,
        )
        .all(id) as { kind: string; visibility: string; to_status: string | null; details: string | null; at: string }[];
      return {
        type: 'complaint',
        id: row.id,
        hospitalId: row.hospital_id,
        number: row.number,
        priority: slaPriorityOf(row.priority, row.severity),
        departmentId: row.assigned_department_id ?? row.department_id,
        assigneeId: row.assigned_user_id,
        clocked: row.deleted_at === null && row.type !== 'compliment',
        events: [
          ...events.flatMap((e): RecordEvent[] =>
            e.kind === 'note'
              ? [{ at: e.at, kind: 'response' }]
              : e.kind === 'classification' || !e.to_status
                ? []
                : [{ at: e.at, kind: 'status', status: e.to_status }],
          ),
          ...priorityHistory(row, events[0]?.at ?? new Date(0).toISOString(), priorityChanges(events)),
        ],
      };
    },
    timeline(tx, record, entry) {
      if (tx.get('complaint_events', entry.id)) return;
      tx.insertDerived('complaint_events', {
        id: entry.id,
        hospital_id: record.hospitalId,
        complaint_id: record.id,
        kind: 'sla',
        visibility: 'internal',
        from_status: null,
        to_status: null,
        text: null,
        details: JSON.stringify(entry.details),
        actor_user_id: null,
        actor_name: SLA_ACTOR.name,
        at: entry.at,
      });
    },
  };
}
