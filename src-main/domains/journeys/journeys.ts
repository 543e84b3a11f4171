import type { JourneyDetail, JourneySummary, ParsedInput } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import type { JourneyType } from '../../../src-shared/his-events.js';
import { builtInId } from '../../../src-shared/built-in-id.js';
import { foldJourney, type JourneyEvent } from '../../../src-shared/journey-rules.js';
import type { Caller } from '../../core/context.js';
import type { WriteTx } from '../../core/data-layer.js';
import type { JourneyInstancesTable, JourneyStageInstancesTable, JourneyTemplateStagesTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import type { Page } from '../../core/paging.js';
import { type ActiveTemplate, toStage } from './templates.js';

export interface EncounterJourney {
  readonly hospitalId: string;
  readonly encounterId: string;
  readonly patientId: string;
  readonly journeyType: JourneyType;
  readonly template: ActiveTemplate;
  /** every processed event of the encounter, in any order */
  readonly events: readonly JourneyEvent[];
}

/** Published when a stage completes; the surveys domain hangs stage surveys on it. */
export interface StageCompleted {
  readonly journeyInstanceId: string;
  readonly stageInstanceId: string;
  readonly stageId: string;
  readonly stageCode: string;
  readonly hospitalId: string;
  readonly patientId: string;
  readonly encounterId: string;
  readonly journeyType: JourneyType;
  readonly completedAt: string;
  readonly departmentId: string | null;
  readonly physicianId: string | null;
  readonly surveyTemplateId: string | null;
  readonly autoSendSurvey: boolean;
}

interface SummaryRow extends JourneyInstancesTable {
  mrn: string;
  patient_name_en: string;
  patient_name_ar: string;
  stages_completed: number;
  stages_total: number;
}

function toSummary(row: SummaryRow): JourneySummary {
  return {
    id: row.id,
    hospitalId: row.hospital_id,
    templateId: row.template_id,
    journeyType: row.journey_type as JourneyType,
    encounterId: row.encounter_id,
    status: row.status as JourneySummary['status'],
    patient: { id: row.patient_id, mrn: row.mrn, nameEn: row.patient_name_en, nameAr: row.patient_name_ar },
    departmentId: row.department_id,
    physicianId: row.physician_id,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    stagesCompleted: row.stages_completed,
    stagesTotal: row.stages_total,
  };
}

const SUMMARY_SELECT = `
  SELECT j.*, p.mrn, p.name_en AS patient_name_en, p.name_ar AS patient_name_ar,
    (SELECT count(*) FROM journey_stage_instances s WHERE s.instance_id = j.id AND s.status = 'completed') AS stages_completed,
    (SELECT count(*) FROM journey_stage_instances s WHERE s.instance_id = j.id) AS stages_total
  FROM journey_instances j JOIN patients p ON p.id = j.patient_id`;

/** Patient journeys: one per encounter, its stages recomputed from the encounter's events. */
export class Journeys {
  constructor(private readonly store: Store) {}

  /**
   * Brings the encounter's journey in line with its events, writing only
   * what changed, and answers the stages that became completed — so a stage
   * is announced once however often the encounter is recomputed.
   */
  applyEncounter(tx: WriteTx, encounter: EncounterJourney): { instance: JourneyInstancesTable; completed: StageCompleted[] } {
    const state = foldJourney(encounter.template.definitions, encounter.events);
    const firstEvent = [...encounter.events].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1))[0];
    const latest = [...encounter.events].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1)).find((e) => e.departmentId || e.physicianId);
    let instance = this.store.first(
      this.store.db
        .selectFrom('journey_instances')
        .selectAll()
        .where('hospital_id', '=', encounter.hospitalId)
        .where('encounter_id', '=', encounter.encounterId),
    );
    const fields = {
      status: state.status,
      completed_at: state.completedAt,
      department_id: latest?.departmentId ?? instance?.department_id ?? null,
      physician_id: latest?.physicianId ?? instance?.physician_id ?? null,
      started_at: firstEvent?.occurredAt ?? tx.now,
      patient_id: encounter.patientId,
    };
    instance = instance
      ? tx.update('journey_instances', instance.id, fields)
      : tx.insert('journey_instances', {
          ...fields,
          // derived from the encounter: two stations fed the same HIS events make one journey, and one survey per stage
          id: builtInId(`journey:${encounter.hospitalId}:${encounter.encounterId}`),
          hospital_id: encounter.hospitalId,
          template_id: encounter.template.template.id,
          encounter_id: encounter.encounterId,
          journey_type: encounter.journeyType,
        });

    const stored = new Map(
      this.store
        .all(this.store.db.selectFrom('journey_stage_instances').selectAll().where('instance_id', '=', instance.id))
        .map((s) => [s.stage_id, s] as const),
    );
    const completed: StageCompleted[] = [];
    for (const stage of state.stages) {
      const values = {
        status: stage.status,
        completed_at: stage.completedAt,
        event_id: stage.eventId,
        department_id: stage.departmentId,
        physician_id: stage.physicianId,
      };
      const before = stored.get(stage.stageId);
      const row: JourneyStageInstancesTable = before
        ? tx.update('journey_stage_instances', before.id, values)
        : tx.insert('journey_stage_instances', {
            ...values,
            id: builtInId(`journey-stage:${instance.id}:${stage.stageId}`),
            instance_id: instance.id,
            hospital_id: encounter.hospitalId,
            stage_id: stage.stageId,
          });
      if (stage.status === 'completed' && before?.status !== 'completed') {
        const definition = encounter.template.stages.find((s) => s.id === stage.stageId)!;
        completed.push({
          journeyInstanceId: instance.id,
          stageInstanceId: row.id,
          stageId: stage.stageId,
          stageCode: definition.code,
          hospitalId: encounter.hospitalId,
          patientId: encounter.patientId,
          encounterId: encounter.encounterId,
          journeyType: encounter.journeyType,
          completedAt: stage.completedAt!,
          departmentId: stage.departmentId,
          physicianId: stage.physicianId,
          surveyTemplateId: definition.survey_template_id,
          autoSendSurvey: definition.auto_send_survey === 1,
        });
      }
    }
    return { instance, completed };
  }

  list(caller: Caller, filter: ParsedInput<'journeys.list'>): Page<JourneySummary> {
    const scoped = caller.scope.sqlFilter('journey_instances', filter.hospitalId, 'j');
    const where: string[] = ['j.deleted_at IS NULL', ...scoped.where];
    const params: unknown[] = [...scoped.params];
    if (filter.journeyType) {
      where.push('j.journey_type = ?');
      params.push(filter.journeyType);
    }
    if (filter.status) {
      where.push('j.status = ?');
      params.push(filter.status);
    }
    if (filter.q) {
      where.push('(j.encounter_id = ? OR p.mrn = ? OR p.mrn = ?)');
      params.push(filter.q, filter.q, filter.q.toUpperCase());
    }
    const clause = where.join(' AND ');
    const total = this.store
      .statement(`SELECT count(*) FROM journey_instances j JOIN patients p ON p.id = j.patient_id WHERE ${clause}`)
      .pluck()
      .get(...params) as number;
    const rows = this.store
      .statement(`${SUMMARY_SELECT} WHERE ${clause} ORDER BY j.started_at DESC, j.id DESC LIMIT ? OFFSET ?`)
      .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as SummaryRow[];
    return { items: rows.map(toSummary), total, page: filter.page, pageSize: filter.pageSize };
  }

  get(caller: Caller, id: string): JourneyDetail {
    const row = this.store.statement(`${SUMMARY_SELECT} WHERE j.id = ?`).get(id) as SummaryRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('journey_instances', row);
    const template = this.store.first(this.store.db.selectFrom('journey_templates').selectAll().where('id', '=', row.template_id))!;
    const stages = this.store
      .statement(
        `SELECT t.*, s.status, s.completed_at, s.event_id, s.department_id AS stage_department_id, s.physician_id AS stage_physician_id
         FROM journey_stage_instances s JOIN journey_template_stages t ON t.id = s.stage_id
         WHERE s.instance_id = ? ORDER BY t.position`,
      )
      .all(id) as (JourneyTemplateStagesTable & {
      status: 'pending' | 'completed' | 'skipped';
      completed_at: string | null;
      event_id: string | null;
      stage_department_id: string | null;
      stage_physician_id: string | null;
    })[];
    const hospitalCode = this.store.statement('SELECT code FROM hospitals WHERE id = ?').pluck().get(row.hospital_id) as string;
    const events = this.store.all(
      this.store.db
        .selectFrom('inbound_events')
        .select(['id', 'external_code', 'event_code', 'status', 'occurred_at', 'received_at', 'source_system'])
        .where('hospital_code', '=', hospitalCode)
        .where('encounter_id', '=', row.encounter_id)
        .orderBy('occurred_at')
        .orderBy('seq'),
    );
    return {
      ...toSummary(row),
      templateNameEn: template.name_en,
      templateNameAr: template.name_ar,
      stages: stages.map((s) => ({
        ...toStage(s),
        status: s.status,
        completedAt: s.completed_at,
        eventId: s.event_id,
        departmentId: s.stage_department_id,
        physicianId: s.stage_physician_id,
      })),
      events: events.map((e) => ({
        id: e.id,
        externalCode: e.external_code,
        eventCode: e.event_code,
        status: e.status,
        occurredAt: e.occurred_at,
        receivedAt: e.received_at,
        sourceSystem: e.source_system,
      })),
    };
  }
}
