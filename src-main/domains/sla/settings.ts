import type { BellItem, ParsedInput, SlaCalendarView, SlaPolicyView } from '../../../src-shared/contract/index.js';
import { PRIORITIES, type Priority } from '../../../src-shared/complaints/taxonomy.js';
import { invalidField } from '../../../src-shared/errors.js';
import { isConfirmed, proposedHolidays } from '../../../src-shared/sla/holidays.js';
import { DEFAULTS_FROM, SLA_RECORD_TYPES, type SlaRecordType, type SlaStep } from '../../../src-shared/sla/policies.js';
import { fromJson, type StaffNotificationsTable, toJson } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import { inForceAt, type SlaEngine } from './engine.js';

/** A version saved "now" may carry a stamp a few seconds behind the station's clock (the console's). */
const PAST_GRACE_MS = 60_000;

/**
 * A hospital's SLA policies and business calendar: each save is a new
 * immutable version in force from its instant (docs/sla-design.md), so a
 * completed cycle keeps the version it was measured by and an open one is
 * recomputed (the triggers of migration 0017 mark the hospital's open
 * records). The defaults in code are the first version of each.
 */
export class SlaSettings {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly engine: SlaEngine,
  ) {}

  policies(hospitalId: string): SlaPolicyView[] {
    this.engine.forgetVersions();
    const views: SlaPolicyView[] = [];
    for (const recordType of SLA_RECORD_TYPES) for (const priority of PRIORITIES) views.push(this.policy(hospitalId, recordType, priority));
    return views;
  }

  private policy(hospitalId: string, recordType: SlaRecordType, priority: Priority): SlaPolicyView {
    const { policies } = this.engine.versionsOf({
      type: recordType,
      id: '',
      hospitalId,
      number: '',
      priority,
      departmentId: null,
      assigneeId: null,
      clocked: true,
      events: [],
    });
    const notes = new Map(
      (
        this.store
          .statement('SELECT id, note FROM sla_policy_versions WHERE hospital_id = ? AND record_type = ? AND priority = ?')
          .all(hospitalId, recordType, priority) as {
          id: string;
          note: string | null;
        }[]
      ).map((r) => [r.id, r.note]),
    );
    const now = this.data.clock();
    const current = inForceAt(policies, now);
    const upcoming = policies.filter((p) => Date.parse(p.effectiveFrom) > now).at(-1) ?? null;
    const ref = (p: (typeof policies)[number]) => ({
      id: p.id,
      effectiveFrom: p.effectiveFrom,
      note: notes.get(p.id) ?? null,
      isDefault: p.effectiveFrom === DEFAULTS_FROM,
    });
    const steps = (list: readonly SlaStep[]) => list.map((step) => ({ ...step, notify: [...step.notify] }));
    const content = (p: (typeof policies)[number]): SlaPolicyView['current']['content'] => ({
      targets: { ...p.targets },
      steps: { first_response: steps(p.steps.first_response), resolution: steps(p.steps.resolution) },
    });
    return {
      recordType,
      priority,
      current: { ...ref(current), content: content(current) },
      upcoming: upcoming ? { ...ref(upcoming), content: content(upcoming) } : null,
      history: policies.map(ref),
    };
  }

  savePolicy(caller: Caller, input: ParsedInput<'sla.savePolicy'>): SlaPolicyView {
    const effectiveFrom = this.effectiveFrom(input.effectiveFrom);
    this.data.write(caller.actor, (tx) =>
      tx.insert('sla_policy_versions', {
        hospital_id: input.hospitalId,
        record_type: input.recordType,
        priority: input.priority,
        effective_from: effectiveFrom ?? tx.now,
        targets: toJson(input.content.targets),
        steps: toJson(input.content.steps),
        note: input.note ?? null,
      }),
    );
    this.engine.forgetVersions();
    return this.policy(input.hospitalId, input.recordType, input.priority);
  }

  calendar(hospitalId: string, year?: number): SlaCalendarView {
    this.engine.forgetVersions();
    const calendars = this.engine.calendarsOf(hospitalId);
    const notes = new Map(
      (this.store.statement('SELECT id, note FROM sla_calendar_versions WHERE hospital_id = ?').all(hospitalId) as { id: string; note: string | null }[]).map(
        (r) => [r.id, r.note],
      ),
    );
    const now = this.data.clock();
    const current = inForceAt(calendars, now);
    const upcoming = calendars.filter((c) => Date.parse(c.effectiveFrom) > now).at(-1) ?? null;
    const ref = (c: (typeof calendars)[number]) => ({
      id: c.id,
      effectiveFrom: c.effectiveFrom,
      note: notes.get(c.id) ?? null,
      isDefault: c.effectiveFrom === DEFAULTS_FROM,
    });
    const shown = upcoming ?? current;
    return {
      hospitalId,
      current: { ...ref(current), calendar: current.calendar },
      upcoming: upcoming ? { ...ref(upcoming), calendar: upcoming.calendar } : null,
      history: calendars.map(ref),
      proposedHolidays: proposedHolidays(year ?? new Date(now).getUTCFullYear()).map((p) => ({ ...p, confirmed: isConfirmed(p, shown.calendar) })),
    };
  }

  saveCalendar(caller: Caller, input: ParsedInput<'sla.saveCalendar'>): SlaCalendarView {
    const effectiveFrom = this.effectiveFrom(input.effectiveFrom);
    this.data.write(caller.actor, (tx) =>
      tx.insert('sla_calendar_versions', {
        hospital_id: input.hospitalId,
        effective_from: effectiveFrom ?? tx.now,
        calendar: toJson(input.calendar),
        note: input.note ?? null,
      }),
    );
    this.engine.forgetVersions();
    return this.calendar(input.hospitalId);
  }

  /** A new version never rewrites the past: it takes effect now or later (a stamp a few seconds behind, the console's "now", is taken as now). */
  private effectiveFrom(given: string | undefined): string | null {
    if (!given) return null;
    const at = Date.parse(given);
    const now = this.data.clock();
    if (at < now - PAST_GRACE_MS) throw invalidField('effectiveFrom', 'field.sla_effective_past');
    return at <= now ? null : new Date(at).toISOString();
  }
}

/** The signed-in person's bell: their notifications due to show (deliver_at reached), newest first. */
export class Bell {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {}

  list(caller: Caller, limit: number): { items: BellItem[]; unread: number } {
    const now = new Date(this.data.clock()).toISOString();
    const rows = this.store
      .statement(
        'SELECT * FROM staff_notifications WHERE user_id = ? AND deliver_at <= ? AND deleted_at IS NULL ORDER BY deliver_at DESC, created_at DESC, id LIMIT ?',
      )
      .all(caller.me.user.id, now, limit) as StaffNotificationsTable[];
    return { items: rows.map(toBellItem), unread: this.unread(caller.me.user.id, now) };
  }

  read(caller: Caller, ids: readonly string[] | undefined): { unread: number } {
    const userId = caller.me.user.id;
    const now = new Date(this.data.clock()).toISOString();
    const unread = (
      ids
        ? ids.map((id) => this.store.statement('SELECT id FROM staff_notifications WHERE id = ? AND user_id = ? AND read_at IS NULL').pluck().get(id, userId))
        : this.store.statement('SELECT id FROM staff_notifications WHERE user_id = ? AND read_at IS NULL AND deliver_at <= ?').pluck().all(userId, now)
    ).filter((id): id is string => typeof id === 'string');
    if (unread.length > 0)
      this.data.write(caller.actor, (tx) => unread.forEach((id) => tx.update('staff_notifications', id, { read_at: tx.now }, 'staff_notifications.read')));
    return { unread: this.unread(userId, now) };
  }

  private unread(userId: string, now: string): number {
    return this.store
      .statement('SELECT count(*) FROM staff_notifications WHERE user_id = ? AND read_at IS NULL AND deliver_at <= ? AND deleted_at IS NULL')
      .pluck()
      .get(userId, now) as number;
  }
}

function toBellItem(row: StaffNotificationsTable): BellItem {
  const details = fromJson(row.details as never) as { clock?: string; level?: number | null; percent?: number | null; reachedAt?: string };
  return {
    id: row.id,
    kind: row.kind === 'sla_escalation' ? 'sla_escalation' : 'sla_reminder',
    recordType: row.record_type === 'px_action' ? 'px_action' : 'complaint',
    recordId: row.record_id,
    recordNumber: row.record_number,
    clock: details.clock === 'first_response' ? 'first_response' : 'resolution',
    level: details.level ?? null,
    percent: details.percent ?? null,
    reachedAt: details.reachedAt ?? row.created_at,
    deliverAt: row.deliver_at,
    readAt: row.read_at,
  };
}
