import { CANCELS, type EventCode } from './his-events.js';

export interface StageDefinition {
  readonly id: string;
  readonly position: number;
  readonly triggerEventCode: string;
  readonly required: boolean;
}

export interface JourneyEvent {
  readonly id: string;
  readonly seq: number;
  readonly eventCode: EventCode;
  /** ISO-8601 UTC */
  readonly occurredAt: string;
  readonly departmentId: string | null;
  readonly physicianId: string | null;
}

export type StageStatus = 'pending' | 'completed' | 'skipped';
export type JourneyStatus = 'active' | 'completed' | 'cancelled';

export interface StageState {
  readonly stageId: string;
  readonly status: StageStatus;
  readonly completedAt: string | null;
  readonly eventId: string | null;
  readonly departmentId: string | null;
  readonly physicianId: string | null;
}

export interface JourneyState {
  readonly status: JourneyStatus;
  readonly completedAt: string | null;
  readonly stages: readonly StageState[];
}

const PENDING = (stageId: string): StageState => ({ stageId, status: 'pending', completedAt: null, eventId: null, departmentId: null, physicianId: null });

/**
 * A journey's state from the full history of its encounter's events, in the
 * order they happened (occurred_at, then arrival). Recomputing from history,
 * rather than applying each event to the stored state, is what makes late or
 * out-of-order arrivals and cancellations come out right:
 *
 * - an event completes the stage(s) it triggers (the first completion stands);
 * - a cancel (A11, A13) returns the stages it undoes to pending;
 * - optional stages still pending before a completed later stage are skipped;
 * - the journey is completed when every required stage is, and cancelled
 *   when its admission was cancelled and nothing else happened.
 */
export function foldJourney(stages: readonly StageDefinition[], events: readonly JourneyEvent[]): JourneyState {
  const ordered = [...events].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq));
  const sortedStages = [...stages].sort((a, b) => a.position - b.position);
  const state = new Map<string, StageState>(sortedStages.map((s) => [s.id, PENDING(s.id)]));
  let admissionCancelled = false;

  for (const event of ordered) {
    const undoes = CANCELS[event.eventCode];
    if (undoes) {
      for (const stage of sortedStages) if (undoes.includes(stage.triggerEventCode as EventCode)) state.set(stage.id, PENDING(stage.id));
      if (event.eventCode === 'ADMISSION_CANCELLED') admissionCancelled = true;
      continue;
    }
    for (const stage of sortedStages) {
      if (stage.triggerEventCode !== event.eventCode || state.get(stage.id)!.status === 'completed') continue;
      state.set(stage.id, {
        stageId: stage.id,
        status: 'completed',
        completedAt: event.occurredAt,
        eventId: event.id,
        departmentId: event.departmentId,
        physicianId: event.physicianId,
      });
      admissionCancelled = false;
    }
  }

  const lastCompleted = sortedStages.reduce((last, s) => (state.get(s.id)!.status === 'completed' ? s.position : last), -Infinity);
  const result = sortedStages.map((s) => {
    const current = state.get(s.id)!;
    return !s.required && current.status === 'pending' && s.position < lastCompleted ? { ...current, status: 'skipped' as const } : current;
  });
  const required = sortedStages.filter((s) => s.required);
  const allRequiredDone = required.length > 0 && required.every((s) => state.get(s.id)!.status === 'completed');
  const anyCompleted = result.some((s) => s.status === 'completed');
  const completedAt = allRequiredDone
    ? required
        .map((s) => state.get(s.id)!.completedAt!)
        .sort()
        .at(-1)!
    : null;
  const status: JourneyStatus = allRequiredDone ? 'completed' : admissionCancelled && !anyCompleted ? 'cancelled' : 'active';
  return { status, completedAt, stages: result };
}
