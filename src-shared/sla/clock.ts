import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from './business-time.js';

/**
 * An SLA clock, as a pure function of (calendar versions, policy versions,
 * the record's history, now): nothing about a clock is stored that could
 * drift from the record (docs/sla-design.md). The station's engine, the
 * hub's group view and the console's badge all call `clockOf` and agree.
 *
 * - A clock runs in *cycles*. A cycle starts when the record is made, and
 *   again when a stopped record is reopened (a resolution clock; a first
 *   response is answered once). It stops on the clock's stop condition.
 * - Time in a paused status (waiting for the patient, for a department) is
 *   never counted: the running intervals are the cycle less its paused
 *   ones, measured in the calendar's business minutes. A policy change in
 *   the middle keeps the paused time out, since it is read from the history.
 * - The open cycle is measured against the policy and calendar in force
 *   now, for the record's priority now: changing any of them recomputes
 *   every open clock. A completed cycle keeps the ones in force, and the
 *   priority the record had, the moment before it stopped (its verdict does
 *   not change after the fact: Jira's "completed cycles keep their goal"; a
 *   version in force from the stop instant itself is not its version).
 * - Steps (reminders before due, the escalation ladder after it) are
 *   thresholds of elapsed business minutes in a cycle. Each has an instant
 *   it was reached (past) or will be reached if the clock keeps running
 *   (projected), which the engine's due index holds.
 */

export type ClockKind = 'first_response' | 'resolution';

/**
 * What happened to the record, in order: a change of status, the first
 * response to the patient, or a change of the priority its policy is chosen
 * by (the priority from the record's making, then each change).
 */
export type RecordEvent =
  | { readonly at: string; readonly kind: 'status'; readonly status: string }
  | { readonly at: string; readonly kind: 'response' }
  | { readonly at: string; readonly kind: 'priority'; readonly priority: string };

/** How a record type's statuses drive a clock. */
export interface ClockDefinition {
  readonly kind: ClockKind;
  /** statuses in which the clock does not run */
  readonly pausedStatuses: readonly string[];
  /** statuses that stop the cycle */
  readonly stopStatuses: readonly string[];
  /** the first response stops it (a first-response clock) */
  readonly stopOnResponse: boolean;
  /** leaving a stop status starts a new cycle (a reopened complaint's resolution clock) */
  readonly restartOnReopen: boolean;
}

export type StepKind = 'reminder' | 'escalation';

/** One step of a policy: a reminder at a share of the target, or an escalation level some business minutes after due. */
export type PolicyStep =
  | { readonly id: string; readonly kind: 'reminder'; readonly percent: number }
  | { readonly id: string; readonly kind: 'escalation'; readonly level: number; readonly afterDueMinutes: number };

export interface PolicyVersion {
  readonly id: string;
  /** ISO instant from which this version applies */
  readonly effectiveFrom: string;
  /** business minutes per clock; null: the policy sets no target for it */
  readonly targets: Readonly<Record<ClockKind, number | null>>;
  readonly steps: Readonly<Record<ClockKind, readonly PolicyStep[]>>;
}

export interface CalendarVersion {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly calendar: BusinessCalendar;
}

export interface StepState {
  readonly id: string;
  readonly kind: StepKind;
  /** a reminder's share of the target; an escalation's level */
  readonly percent: number | null;
  readonly level: number | null;
  /** elapsed business minutes at which it fires */
  readonly threshold: number;
  /** when the clock reached it; when it will, if the clock keeps running; null while paused or after the cycle stopped short of it */
  readonly at: string | null;
  readonly reached: boolean;
}

export interface CycleState {
  readonly number: number;
  readonly start: string;
  readonly stop: string | null;
  readonly state: 'running' | 'paused' | 'stopped';
  readonly policyVersionId: string;
  readonly calendarVersionId: string;
  readonly target: number;
  /** business minutes counted so far (to the stop, or to now) */
  readonly elapsed: number;
  /** business minutes left; negative once breached */
  readonly remaining: number;
  /** when the target is (or was) reached: past, projected, or null while paused */
  readonly due: string | null;
  readonly breached: boolean;
  /** paused intervals, [start, end) with end null while paused now */
  readonly paused: readonly { readonly start: string; readonly end: string | null }[];
  readonly steps: readonly StepState[];
}

export interface ClockState {
  readonly kind: ClockKind;
  readonly cycles: readonly CycleState[];
  /** the last cycle (the one the badge shows); null before the record exists or with no target */
  readonly current: CycleState | null;
}

const MINUTE_MS = 60_000;

/** The version in force at an instant: the latest to start by then (as instants, whatever zone the text carries); later in the list wins a tie. */
export function versionAt<T extends { readonly effectiveFrom: string }>(versions: readonly T[], at: number): T | undefined {
  let chosen: T | undefined;
  let chosenFrom = Number.NEGATIVE_INFINITY;
  for (const version of versions) {
    const from = Date.parse(version.effectiveFrom);
    if (from <= at && from >= chosenFrom) {
      chosen = version;
      chosenFrom = from;
    }
  }
  return chosen;
}

function inForce<T extends { readonly effectiveFrom: string }>(versions: readonly T[], at: number, what: string): T {
  // a record older than every version is measured by the first one
  const chosen = versionAt(versions, at) ?? [...versions].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom))[0];
  if (!chosen) throw new RangeError(`No ${what} version to measure the clock against`);
  return chosen;
}

/** The record's priority at an instant, from its history; null when the history names none. */
function priorityAt(events: readonly RecordEvent[], at: number): string | null {
  let priority: string | null = null;
  let from = Number.NEGATIVE_INFINITY;
  for (const event of events)
    if (event.kind === 'priority') {
      const t = Date.parse(event.at);
      if (t <= at && t >= from) {
        priority = event.priority;
        from = t;
      }
    }
  return priority;
}

interface RawCycle {
  start: number;
  stop: number | null;
  /** running intervals; the last may be open (end null) */
  running: { start: number; end: number | null }[];
  paused: { start: number; end: number | null }[];
}

/** Splits the history into cycles of running and paused intervals (pure timeline work, no calendar). */
function cyclesOf(definition: ClockDefinition, events: readonly RecordEvent[]): RawCycle[] {
  const cycles: RawCycle[] = [];
  let current: RawCycle | null = null;
  let status: string | null = null;
  let responded = false;
  const isStop = (s: string | null) => s !== null && definition.stopStatuses.includes(s);
  const isPaused = (s: string | null) => s !== null && definition.pausedStatuses.includes(s);
  const close = (at: number) => {
    if (!current) return;
    const last = current.running.at(-1);
    if (last && last.end === null) last.end = at;
    const pause = current.paused.at(-1);
    if (pause && pause.end === null) pause.end = at;
  };
  const open = (at: number, paused: boolean) => {
    if (!current) return;
    if (paused) current.paused.push({ start: at, end: null });
    else current.running.push({ start: at, end: null });
  };
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of sorted) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at)) throw new RangeError(`Not an instant in the record's history: "${event.at}"`);
    if (event.kind === 'response') {
      if (definition.stopOnResponse && !responded && current && current.stop === null) {
        close(at);
        current.stop = at;
      }
      responded = true;
      continue;
    }
    if (event.kind === 'priority') continue; // chooses the policy (clockOf), moves no clock
    const before = status;
    status = event.status;
    if (current === null) {
      // the record is made: the first cycle starts (a record made already stopped has a cycle of nothing)
      current = { start: at, stop: null, running: [], paused: [] };
      cycles.push(current);
      if (isStop(status) || (definition.stopOnResponse && responded)) current.stop = at;
      else open(at, isPaused(status));
      continue;
    }
    if (current.stop !== null) {
      // stopped: a reopening starts a new cycle where the clock restarts
      if (definition.restartOnReopen && isStop(before) && !isStop(status)) {
        current = { start: at, stop: null, running: [], paused: [] };
        cycles.push(current);
        open(at, isPaused(status));
      }
      continue;
    }
    if (isStop(status)) {
      close(at);
      current.stop = at;
    } else if (isPaused(status) !== isPaused(before)) {
      close(at);
      open(at, isPaused(status));
    }
  }
  return cycles;
}

/** Business ms counted in the running intervals, open ones up to `now`. */
function countedMs(running: RawCycle['running'], now: number, calendar: BusinessCalendar): number {
  let total = 0;
  for (const interval of running) {
    const end = interval.end ?? now;
    if (end > interval.start) total += businessMinutesBetween(new Date(interval.start), new Date(end), calendar) * MINUTE_MS;
  }
  return total;
}

/**
 * The instant the running intervals reach `minutes` of business time: in
 * the past within a closed interval, or projected from the open one (as if
 * it keeps running). Null when the intervals end short of it.
 */
function instantAt(running: RawCycle['running'], minutes: number, calendar: BusinessCalendar): number | null {
  const first = running[0];
  if (!first) return null;
  if (minutes <= 0) return first.start;
  let left = minutes;
  for (const interval of running) {
    const start = new Date(interval.start);
    if (interval.end === null) return addBusinessMinutes(start, left, calendar).getTime();
    const here = businessMinutesBetween(start, new Date(interval.end), calendar);
    if (here >= left) return addBusinessMinutes(start, left, calendar).getTime();
    left -= here;
  }
  return null;
}

function stepThreshold(step: PolicyStep, target: number): number {
  return step.kind === 'reminder' ? (target * step.percent) / 100 : target + step.afterDueMinutes;
}

/**
 * The clock of a record: its cycles, each measured against the policy and
 * calendar it answers to, with its steps. `now` is an ISO instant or Date;
 * events after it are ignored (a history read a moment later changes
 * nothing already counted).
 */
export function clockOf(
  definition: ClockDefinition,
  events: readonly RecordEvent[],
  versions: {
    /** the versions of the record's policy for its priority now */
    readonly policies: readonly PolicyVersion[];
    /** each priority's versions, for a cycle that stopped under another priority (without them, `policies` measures every cycle) */
    readonly byPriority?: Readonly<Record<string, readonly PolicyVersion[]>>;
    readonly calendars: readonly CalendarVersion[];
  },
  now: Date,
): ClockState {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date');
  const past = events.filter((e) => Date.parse(e.at) <= nowMs);
  const cycles: CycleState[] = [];
  cyclesOf(definition, past).forEach((raw, index) => {
    // an open cycle answers to what is in force now; a stopped one to what was the moment before it stopped
    const measuredAt = raw.stop === null ? nowMs : raw.stop - 1;
    const priority = raw.stop === null ? null : priorityAt(past, measuredAt);
    const policies = (priority !== null && versions.byPriority?.[priority]) || versions.policies;
    const policy = inForce(policies, measuredAt, 'policy');
    const { id: calendarVersionId, calendar } = inForce(versions.calendars, measuredAt, 'calendar');
    const target = policy.targets[definition.kind];
    if (target === null) return;
    const elapsedMs = countedMs(raw.running, nowMs, calendar);
    const elapsed = elapsedMs / MINUTE_MS;
    const state: CycleState['state'] = raw.stop !== null ? 'stopped' : raw.paused.at(-1)?.end === null ? 'paused' : 'running';
    const running = state === 'running';
    const reachedAt = (minutes: number): number | null => {
      if (minutes <= elapsed || running) return instantAt(raw.running, minutes, calendar);
      return null;
    };
    const due = reachedAt(target);
    const steps = policy.steps[definition.kind]
      .map((step): StepState => {
        const threshold = stepThreshold(step, target);
        const at = reachedAt(threshold);
        return {
          id: step.id,
          kind: step.kind,
          percent: step.kind === 'reminder' ? step.percent : null,
          level: step.kind === 'escalation' ? step.level : null,
          threshold,
          at: at === null ? null : new Date(at).toISOString(),
          reached: threshold <= elapsed,
        };
      })
      .sort((a, b) => a.threshold - b.threshold || a.id.localeCompare(b.id));
    cycles.push({
      number: index + 1,
      start: new Date(raw.start).toISOString(),
      stop: raw.stop === null ? null : new Date(raw.stop).toISOString(),
      state,
      policyVersionId: policy.id,
      calendarVersionId,
      target,
      elapsed,
      remaining: target - elapsed,
      due: due === null ? null : new Date(due).toISOString(),
      breached: elapsed > target,
      paused: raw.paused.map((p) => ({ start: new Date(p.start).toISOString(), end: p.end === null ? null : new Date(p.end).toISOString() })),
      steps,
    });
  });
  return { kind: definition.kind, cycles, current: cycles.at(-1) ?? null };
}

/**
 * The steps the engine must fire now, in order: reached in any cycle and
 * not in `fired` (keys from stepKey). A station that was off for days fires
 * each missed step once, oldest first.
 */
export function stepsDue(clock: ClockState, fired: ReadonlySet<string>, recordId: string): { key: string; cycle: number; step: StepState }[] {
  const due: { key: string; cycle: number; step: StepState }[] = [];
  for (const cycle of clock.cycles)
    for (const step of cycle.steps) {
      if (!step.reached) continue;
      const key = stepKey(recordId, clock.kind, cycle.number, step.id);
      if (!fired.has(key)) due.push({ key, cycle: cycle.number, step });
    }
  return due.sort((a, b) => (a.step.at ?? '').localeCompare(b.step.at ?? '') || a.cycle - b.cycle || a.step.threshold - b.step.threshold);
}

/** The unique key of a step's firing: (record, clock, cycle, step). */
export function stepKey(recordId: string, clock: ClockKind, cycle: number, stepId: string): string {
  return `${recordId}:${clock}:${cycle}:${stepId}`;
}

/** The next instant anything of this clock comes due (a step or the target), for the engine's index; null when nothing will without a change. */
export function nextDueAt(clock: ClockState, fired: ReadonlySet<string>, recordId: string): string | null {
  const cycle = clock.current;
  if (!cycle || cycle.state !== 'running') return null;
  let next: string | null = null;
  for (const step of cycle.steps) {
    if (step.at === null || fired.has(stepKey(recordId, clock.kind, cycle.number, step.id))) continue;
    if (next === null || step.at < next) next = step.at;
  }
  // the target itself, until it is reached (at exactly the target the cycle is due, not yet breached)
  if (cycle.due !== null && cycle.remaining > 0 && (next === null || cycle.due < next)) next = cycle.due;
  return next;
}

/** What a record's badge shows: the running or paused clock with the least business time left, else the last stopped cycle; null with no clocks. */
export function badgeOf(
  clocks: readonly ClockState[],
): { clock: ClockKind; state: CycleState['state']; remainingMinutes: number; due: string | null; breached: boolean } | null {
  let chosen: { kind: ClockKind; cycle: CycleState } | null = null;
  for (const clock of clocks) {
    const cycle = clock.current;
    if (!cycle) continue;
    const live = cycle.state !== 'stopped';
    const chosenLive = chosen !== null && chosen.cycle.state !== 'stopped';
    if (
      chosen === null ||
      (live && !chosenLive) ||
      (live === chosenLive && live && cycle.remaining < chosen.cycle.remaining) ||
      // stopped clocks: a missed one says more than a met one; between equals, the resolution
      (!live && !chosenLive && (cycle.breached !== chosen.cycle.breached ? cycle.breached : clock.kind === 'resolution'))
    )
      chosen = { kind: clock.kind, cycle };
  }
  if (!chosen) return null;
  const { cycle } = chosen;
  return { clock: chosen.kind, state: cycle.state, remainingMinutes: Math.round(cycle.remaining), due: cycle.due, breached: cycle.breached };
}
