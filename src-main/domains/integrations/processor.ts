import { renderMessage, type MessageKey } from '../../../src-shared/messages.js';
import { type EventCode, type HisEvent, journeyTypeOf, journeyTypeOfEventCode, type JourneyType } from '../../../src-shared/his-events.js';
import type { JourneyEvent } from '../../../src-shared/journey-rules.js';
import type { DataLayer, WriteTx } from '../../core/data-layer.js';
import type { Selectable } from 'kysely';
import type { InboundEventsTable as InboundEventsColumns, PatientsTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import { builtInId } from '../../../src-shared/built-in-id.js';
import type { EventPublisher } from '../../core/domain.js';
import { RUN_BUDGET_MS } from '../../core/jobs.js';
import type { Journeys, StageCompleted } from '../journeys/journeys.js';
import type { ActiveTemplate, JourneyTemplates } from '../journeys/templates.js';
import { integrationActor } from './admission.js';
import { resolveEventCode } from './mappings.js';
import { ReferenceCache } from './reference-cache.js';

/** The most events one background run looks at; it stops earlier when its time is up (RUN_BUDGET_MS). */
export const BACKGROUND_BATCH = 32;

/** After this many failed attempts an event is set aside until someone reprocesses it. */
export const MAX_ATTEMPTS = 8;
/** 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Why an event cannot be processed yet: a bilingual reason for the event monitor. */
export class IntakeFailure extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string> = {},
  ) {
    super(renderMessage(key, params).en);
  }
}

interface Resolved {
  readonly eventCode: EventCode;
  readonly hospitalId: string;
  readonly journeyType: JourneyType | null;
  readonly template: ActiveTemplate | null;
  readonly departmentId: string | null;
  readonly physicianId: string | null;
}

export interface ProcessingSummary {
  processed: number;
  failed: number;
  quarantined: number;
  waiting: number;
  stagesCompleted: number;
}

type InboundEventsTable = Selectable<InboundEventsColumns>;

const REFERENCE_TABLES = ['hospitals', 'departments', 'physicians', 'event_mappings', 'journey_templates', 'journey_template_stages'] as const;

/**
 * Turns accepted events into patients and journey progress, exactly once in
 * effect and in order per encounter:
 *
 * - events are taken in arrival order; an event waits while an earlier event
 *   of its encounter is failing, so a journey never runs ahead of its history;
 * - each event's effects commit together with its status (a savepoint per
 *   event inside one transaction per batch), so a crash re-runs whole events;
 * - the journey is recomputed from all of the encounter's processed events,
 *   which makes re-running harmless and late arrivals land in time order;
 * - a failure keeps its reason, retries with backoff, and is quarantined
 *   after MAX_ATTEMPTS; new reference data (a hospital, department, mapping…)
 *   makes every failed event due at once.
 */
export class EventProcessor {
  private referenceStamp = '';
  private readonly done = { processed: 0, failed: 0, quarantined: 0 };
  /** what recomputing one encounter's journey has cost lately (ms, a moving average): a run keeps time for the ones it touched */
  private recomputeMs = 1;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly templates: JourneyTemplates,
    private readonly journeys: Journeys,
    private readonly events: EventPublisher,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * One run of the background job: due events in one transaction until
   * `budgetMs` is spent (at least one), then the event loop's turn, so the
   * HIS listener answers between two runs: an acknowledgement waits for at
   * most one run, never for a whole backlog (test/bench his-ingest measures
   * it). Answers what it did; when it did anything, there may be more.
   */
  processNext(limit = BACKGROUND_BATCH, budgetMs = RUN_BUDGET_MS): ProcessingSummary {
    this.retryOnNewReferenceData();
    const summary = this.processDue(limit, Date.now(), performance.now() + budgetMs);
    this.done.processed += summary.processed;
    this.done.failed += summary.failed;
    this.done.quarantined += summary.quarantined;
    return summary;
  }

  /** What the background job did since the station started (the benches read it). */
  get totals(): { readonly processed: number; readonly failed: number; readonly quarantined: number } {
    return { ...this.done };
  }

  /** Drains every due event now (the `process-events` command, and tests). */
  drain(): ProcessingSummary {
    this.retryOnNewReferenceData();
    const total: ProcessingSummary = { processed: 0, failed: 0, quarantined: 0, waiting: 0, stagesCompleted: 0 };
    for (;;) {
      const batch = this.processDue();
      for (const key of Object.keys(total) as (keyof ProcessingSummary)[]) total[key] += batch[key];
      if (batch.processed + batch.failed + batch.quarantined === 0) return total;
    }
  }

  /** A new or changed hospital, department, physician, mapping or template: failed events are due again now. */
  private retryOnNewReferenceData(): void {
    const stamp = REFERENCE_TABLES.map((t) => this.store.statement(`SELECT max(updated_at) FROM ${t}`).pluck().get() ?? '').join('|');
    if (stamp === this.referenceStamp) return;
    const first = this.referenceStamp === '';
    this.referenceStamp = stamp;
    if (!first)
      this.store.statement(`UPDATE inbound_events SET next_attempt_at = NULL WHERE status IN ('failed', 'pending') AND next_attempt_at IS NOT NULL`).run();
  }

  /** Up to `limit` due events, stopping at `deadline` (performance.now()) once one is done. */
  processDue(limit = 500, now = Date.now(), deadline = Infinity): ProcessingSummary {
    // Choose and process under one write lock: a `process-events` command
    // beside the running station must not pick the same events.
    return this.store.transaction(() => this.processDueLocked(limit, now, deadline));
  }

  private processDueLocked(limit: number, now: number, deadline: number): ProcessingSummary {
    const nowIso = new Date(now).toISOString();
    const due = this.store
      .statement(
        `SELECT * FROM inbound_events WHERE status IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?`,
      )
      .all(nowIso, limit) as InboundEventsTable[];
    const summary: ProcessingSummary = { processed: 0, failed: 0, quarantined: 0, waiting: 0, stagesCompleted: 0 };
    if (due.length === 0) return summary;
    // one write per source and address: every audit entry names the source and where its event came from
    const bySender = new Map<string, InboundEventsTable[]>();
    for (const event of due) {
      const sender = `${event.source_system}\u0000${event.peer_address ?? ''}`;
      bySender.set(sender, [...(bySender.get(sender) ?? []), event]);
    }
    for (const events of bySender.values()) {
      const first = events[0]!;
      if (summary.processed + summary.failed + summary.quarantined > 0 && performance.now() >= deadline) break;
      this.data.write(integrationActor(first.source_system, first.peer_address), (tx) => this.processBatch(tx, events, summary, now, deadline));
    }
    return summary;
  }

  private processBatch(tx: WriteTx, events: readonly InboundEventsTable[], summary: ProcessingSummary, now: number, deadline: number): void {
    const cache = new ReferenceCache(this.store, this.templates);
    const touched = new Map<
      string,
      { hospitalId: string; hospitalCode: string; encounterId: string; patientId: string; journeyType: JourneyType; template: ActiveTemplate }
    >();
    const blocked = new Set<string>();
    for (const event of events) {
      // time is up, counting the journeys still to recompute: the rest stay due, in order, for the next run
      if (summary.processed + summary.failed + summary.quarantined > 0 && performance.now() + touched.size * this.recomputeMs >= deadline) break;
      const key = event.encounter_id ? `${event.hospital_code}\u0000${event.encounter_id}` : null;
      if (key && (blocked.has(key) || this.hasEarlierFailure(event))) {
        blocked.add(key);
        this.markWaiting(event, now);
        summary.waiting += 1;
        continue;
      }
      try {
        this.savepoint(() => {
          const body = JSON.parse(event.body) as HisEvent;
          const resolved = this.resolve(event, body, cache);
          const patientId = this.upsertPatient(tx, resolved.hospitalId, body.patient);
          this.store
            .statement(
              `UPDATE inbound_events SET status = 'processed', event_code = ?, processed_at = ?, last_error = NULL, next_attempt_at = NULL, attempts = attempts + 1 WHERE seq = ?`,
            )
            .run(resolved.eventCode, tx.now, event.seq);
          if (key && resolved.template && resolved.journeyType && event.encounter_id) {
            touched.set(key, {
              hospitalId: resolved.hospitalId,
              hospitalCode: event.hospital_code!,
              encounterId: event.encounter_id,
              patientId,
              journeyType: resolved.journeyType,
              template: resolved.template,
            });
          }
        });
        summary.processed += 1;
      } catch (error) {
        if (key) blocked.add(key);
        if (this.markFailed(event, error, now) === 'quarantined') summary.quarantined += 1;
        else summary.failed += 1;
      }
    }
    for (const encounter of touched.values()) {
      const started = performance.now();
      this.savepoint(() => {
        const completed = this.recomputeJourney(tx, encounter, cache);
        summary.stagesCompleted += completed.length;
      });
      this.recomputeMs = 0.8 * this.recomputeMs + 0.2 * (performance.now() - started);
    }
  }

  /** A nested better-sqlite3 transaction is a SAVEPOINT: a failing event rolls back alone. */
  private savepoint(fn: () => void): void {
    this.store.sqlite.transaction(fn)();
  }

  private hasEarlierFailure(event: InboundEventsTable): boolean {
    return (
      this.store
        .statement(`SELECT 1 FROM inbound_events WHERE hospital_code = ? AND encounter_id = ? AND seq < ? AND status = 'failed' LIMIT 1`)
        .get(event.hospital_code, event.encounter_id, event.seq) !== undefined
    );
  }

  private resolve(event: InboundEventsTable, body: HisEvent, cache: ReferenceCache): Resolved {
    const hospital = cache.hospital(body.hospital_code);
    if (!hospital) throw new IntakeFailure('intake.unknown_hospital', { code: body.hospital_code });
    const declaredType = journeyTypeOf(body.encounter?.type);
    const eventCode = resolveEventCode(this.store, event.source_system, event.external_code, declaredType);
    if (!eventCode) throw new IntakeFailure('intake.unknown_event_code', { code: event.external_code });
    const encounter = body.encounter;
    if (!encounter || eventCode === 'PATIENT_UPDATED') {
      return { eventCode, hospitalId: hospital.id, journeyType: null, template: null, departmentId: null, physicianId: null };
    }
    const departmentId = encounter.department_code ? cache.department(hospital.id, encounter.department_code) : null;
    if (encounter.department_code && !departmentId) throw new IntakeFailure('intake.unknown_department', { code: encounter.department_code });
    const physicianId = encounter.physician_license ? cache.physician(encounter.physician_license) : null;
    if (encounter.physician_license && !physicianId) throw new IntakeFailure('intake.unknown_physician', { code: encounter.physician_license });
    const journeyType = declaredType ?? journeyTypeOfEventCode(eventCode) ?? cache.journeyTypeOf(hospital.id, encounter.id);
    if (!journeyType) throw new IntakeFailure('intake.no_journey_type');
    const template = cache.template(hospital.id, journeyType);
    if (!template) throw new IntakeFailure('intake.no_template', { code: body.hospital_code, type: journeyType });
    return { eventCode, hospitalId: hospital.id, journeyType, template, departmentId, physicianId };
  }

  /**
   * Finds the patient by MRN in the hospital, creating or updating
   * demographics from the event. An update writes only the fields the event
   * carries: a message without an Arabic name leaves the Arabic name the
   * patient has (it once overwrote it with the English one). Values were
   * validated and normalised at intake with the console's own schemas.
   */
  private upsertPatient(tx: WriteTx, hospitalId: string, patient: HisEvent['patient']): string {
    const existing = this.store.statement('SELECT * FROM patients WHERE mrn = ? AND hospital_id = ?').get(patient.mrn, hospitalId) as PatientsTable | undefined;
    const sent = {
      national_id: patient.national_id ?? null,
      name_en: patient.name_en ?? null,
      name_ar: patient.name_ar ?? null,
      phone: patient.phone ?? null,
      email: patient.email ?? null,
      preferred_language: patient.language ?? null,
      birth_date: patient.birth_date ?? null,
      gender: patient.gender ?? null,
    };
    if (existing) {
      const patch = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== null));
      tx.update('patients', existing.id, patch);
      return existing.id;
    }
    // a new patient needs both names: the other one, or the MRN, stands in until the HIS sends it
    return tx.insert('patients', {
      ...sent,
      // the same id on every station that hears of this patient from the HIS: two stations make one row, not a duplicate MRN
      id: builtInId(`patient:${hospitalId}:${patient.mrn}`),
      hospital_id: hospitalId,
      mrn: patient.mrn,
      name_en: sent.name_en ?? sent.name_ar ?? patient.mrn,
      name_ar: sent.name_ar ?? sent.name_en ?? patient.mrn,
      preferred_language: sent.preferred_language ?? 'ar',
      active: 1,
    }).id;
  }

  private recomputeJourney(
    tx: WriteTx,
    encounter: { hospitalId: string; hospitalCode: string; encounterId: string; patientId: string; journeyType: JourneyType; template: ActiveTemplate },
    cache: ReferenceCache,
  ): StageCompleted[] {
    const rows = this.store
      .statement(`SELECT * FROM inbound_events WHERE hospital_code = ? AND encounter_id = ? AND status = 'processed' ORDER BY seq`)
      .all(encounter.hospitalCode, encounter.encounterId) as InboundEventsTable[];
    const events: JourneyEvent[] = [];
    for (const row of rows) {
      if (!row.event_code) continue;
      const body = JSON.parse(row.body) as HisEvent;
      events.push({
        id: row.id,
        seq: row.seq,
        eventCode: row.event_code as EventCode,
        occurredAt: row.occurred_at,
        departmentId: body.encounter?.department_code ? cache.department(encounter.hospitalId, body.encounter.department_code) : null,
        physicianId: body.encounter?.physician_license ? cache.physician(body.encounter.physician_license) : null,
      });
    }
    const { instance, completed } = this.journeys.applyEncounter(tx, { ...encounter, events });
    this.store
      .statement(`UPDATE inbound_events SET journey_instance_id = ? WHERE hospital_code = ? AND encounter_id = ? AND journey_instance_id IS NULL`)
      .run(instance.id, encounter.hospitalCode, encounter.encounterId);
    for (const stage of completed) this.events.publish(tx, { type: 'journey.stage_completed', hospitalId: stage.hospitalId, payload: { ...stage } });
    return completed;
  }

  private markWaiting(event: InboundEventsTable, now: number): void {
    const error = JSON.stringify({ key: 'intake.waiting_for_earlier', params: {} });
    this.store
      .statement(`UPDATE inbound_events SET next_attempt_at = ?, last_error = ? WHERE seq = ?`)
      .run(new Date(now + 5_000).toISOString(), error, event.seq);
  }

  private markFailed(event: InboundEventsTable, error: unknown, now: number): 'failed' | 'quarantined' {
    const failure = error instanceof IntakeFailure ? error : new IntakeFailure('intake.internal');
    if (!(error instanceof IntakeFailure))
      this.log(`event ${event.id} (${event.source_system} ${event.external_id}): ${(error as Error).stack ?? String(error)}`);
    const attempts = event.attempts + 1;
    const status = attempts >= MAX_ATTEMPTS ? 'quarantined' : 'failed';
    this.store
      .statement(`UPDATE inbound_events SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?`)
      .run(
        status,
        attempts,
        status === 'failed' ? new Date(now + retryDelayMs(attempts)).toISOString() : null,
        JSON.stringify({ key: failure.key, params: failure.params }),
        event.seq,
      );
    return status;
  }
}
