import type { JourneyStage, JourneyTemplate, ParsedInput } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import type { EventCode, JourneyType } from '../../../src-shared/his-events.js';
import type { StageDefinition } from '../../../src-shared/journey-rules.js';
import type { Caller } from '../../core/context.js';
import { activation, type DataLayer, type WriteTx } from '../../core/data-layer.js';
import type { JourneyTemplateStagesTable, JourneyTemplatesTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';

type StageSeed = readonly [code: string, nameEn: string, nameAr: string, trigger: EventCode, required: boolean];

/** The journeys a hospital starts with; the PX office edits them in the template builder. */
export const DEFAULT_TEMPLATES: Readonly<Record<JourneyType, { code: string; nameEn: string; nameAr: string; stages: readonly StageSeed[] }>> = {
  OPD: {
    code: 'OPD-STD',
    nameEn: 'Outpatient visit',
    nameAr: 'زيارة العيادات الخارجية',
    stages: [
      ['REGISTRATION', 'Registration', 'التسجيل', 'OPD_REGISTERED', true],
      ['CONSULTATION', 'Consultation', 'الاستشارة الطبية', 'OPD_VISIT_COMPLETED', true],
      ['LAB', 'Laboratory', 'المختبر', 'LAB_RESULT_READY', false],
      ['RADIOLOGY', 'Radiology', 'الأشعة', 'RADIOLOGY_REPORT_READY', false],
      ['PHARMACY', 'Pharmacy', 'الصيدلية', 'PHARMACY_DISPENSED', false],
    ],
  },
  INPATIENT: {
    code: 'IP-STD',
    nameEn: 'Inpatient stay',
    nameAr: 'التنويم',
    stages: [
      ['ADMISSION', 'Admission', 'الدخول', 'IP_ADMITTED', true],
      ['TRANSFER', 'Transfer', 'النقل بين الأقسام', 'IP_TRANSFERRED', false],
      ['LAB', 'Laboratory', 'المختبر', 'LAB_RESULT_READY', false],
      ['RADIOLOGY', 'Radiology', 'الأشعة', 'RADIOLOGY_REPORT_READY', false],
      ['DISCHARGE', 'Discharge', 'الخروج', 'IP_DISCHARGED', true],
    ],
  },
  EMS: {
    code: 'EMS-STD',
    nameEn: 'Emergency visit',
    nameAr: 'زيارة الطوارئ',
    stages: [
      ['ARRIVAL', 'Arrival', 'الوصول', 'EMS_ARRIVED', true],
      ['TRIAGE', 'Triage', 'الفرز', 'EMS_TRIAGED', false],
      ['TREATMENT', 'Treatment', 'العلاج', 'EMS_TREATED', false],
      ['DISPOSITION', 'Disposition', 'المآل (خروج أو تنويم)', 'EMS_DISPOSITION', true],
    ],
  },
};

export interface ActiveTemplate {
  readonly template: JourneyTemplatesTable;
  readonly stages: readonly JourneyTemplateStagesTable[];
  readonly definitions: readonly StageDefinition[];
}

function toTemplate(row: JourneyTemplatesTable, stages: readonly JourneyTemplateStagesTable[]): JourneyTemplate {
  return {
    id: row.id,
    hospitalId: row.hospital_id,
    journeyType: row.journey_type as JourneyType,
    code: row.code,
    nameEn: row.name_en,
    nameAr: row.name_ar,
    active: row.active === 1,
    updatedAt: row.updated_at,
    stages: stages.map(toStage),
  };
}

export function toStage(s: JourneyTemplateStagesTable): JourneyStage {
  return {
    id: s.id,
    position: s.position,
    code: s.code,
    nameEn: s.name_en,
    nameAr: s.name_ar,
    triggerEventCode: s.trigger_event_code,
    surveyTemplateId: s.survey_template_id,
    autoSendSurvey: s.auto_send_survey === 1,
    surveyDelayMinutes: s.survey_delay_minutes,
    required: s.required === 1,
  };
}

type StageInput = ParsedInput<'journeyTemplates.update'>['stages'];

/** Journey templates: one active template per hospital and journey type. */
export class JourneyTemplates {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {}

  private row(id: string): JourneyTemplatesTable | undefined {
    return this.store.first(this.store.db.selectFrom('journey_templates').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  }

  private stagesOf(templateId: string): JourneyTemplateStagesTable[] {
    return this.store.all(
      this.store.db.selectFrom('journey_template_stages').selectAll().where('template_id', '=', templateId).where('active', '=', 1).orderBy('position'),
    );
  }

  private visible(caller: Caller, id: string): JourneyTemplatesTable {
    const row = this.row(id);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('journey_templates', row);
    return row;
  }

  /** The template events of this hospital and type follow, with its stages. */
  active(hospitalId: string, journeyType: JourneyType): ActiveTemplate | null {
    const template = this.store.first(
      this.store.db
        .selectFrom('journey_templates')
        .selectAll()
        .where('hospital_id', '=', hospitalId)
        .where('journey_type', '=', journeyType)
        .where('active', '=', 1)
        .where('deleted_at', 'is', null)
        .orderBy('updated_at', 'desc'),
    );
    if (!template) return null;
    const stages = this.stagesOf(template.id);
    return {
      template,
      stages,
      definitions: stages.map((s) => ({ id: s.id, position: s.position, triggerEventCode: s.trigger_event_code, required: s.required === 1 })),
    };
  }

  list(caller: Caller, filter: ParsedInput<'journeyTemplates.list'>): JourneyTemplate[] {
    let query = this.store.db.selectFrom('journey_templates').selectAll().where('deleted_at', 'is', null);
    query = caller.scope.narrow(query, 'journey_templates', filter.hospitalId);
    if (filter.journeyType) query = query.where('journey_type', '=', filter.journeyType);
    return this.store.all(query.orderBy('hospital_id').orderBy('journey_type').orderBy('code')).map((t) => toTemplate(t, this.stagesOf(t.id)));
  }

  /** Writes the stage list in the given order; stages left out are retired, never deleted (journeys point at them). */
  private saveStages(tx: WriteTx, template: JourneyTemplatesTable, stages: NonNullable<StageInput>): void {
    const existing = new Map(
      this.store.all(this.store.db.selectFrom('journey_template_stages').selectAll().where('template_id', '=', template.id)).map((s) => [s.id, s]),
    );
    const codes = new Set<string>();
    stages.forEach((stage, index) => {
      if (codes.has(stage.code)) throw invalidField(`stages.${index}.code`, 'field.taken');
      codes.add(stage.code);
      const values = {
        position: index + 1,
        code: stage.code,
        name_en: stage.nameEn,
        name_ar: stage.nameAr,
        trigger_event_code: stage.triggerEventCode,
        survey_template_id: stage.surveyTemplateId ?? null,
        auto_send_survey: stage.autoSendSurvey ? 1 : 0,
        survey_delay_minutes: stage.surveyDelayMinutes,
        required: stage.required ? 1 : 0,
        active: 1,
      };
      if (stage.id) {
        if (!existing.has(stage.id)) throw invalidField(`stages.${index}.id`, 'field.not_found');
        tx.update('journey_template_stages', stage.id, values);
        existing.delete(stage.id);
      } else {
        tx.insert('journey_template_stages', { ...values, template_id: template.id, hospital_id: template.hospital_id });
      }
    });
    for (const retired of existing.values())
      if (retired.active === 1) tx.update('journey_template_stages', retired.id, { active: 0 }, 'journey_template_stages.retire');
  }

  /** Only one template per hospital and type is active: activating one retires the others. */
  private retireOthers(tx: WriteTx, template: JourneyTemplatesTable): void {
    const others = this.store.all(
      this.store.db
        .selectFrom('journey_templates')
        .select('id')
        .where('hospital_id', '=', template.hospital_id)
        .where('journey_type', '=', template.journey_type)
        .where('active', '=', 1)
        .where('id', '!=', template.id),
    );
    for (const other of others) tx.update('journey_templates', other.id, { active: 0 }, 'journey_templates.deactivate');
  }

  createInTx(tx: WriteTx, input: ParsedInput<'journeyTemplates.create'>): JourneyTemplatesTable {
    if (this.store.statement('SELECT 1 FROM journey_templates WHERE hospital_id = ? AND code = ?').get(input.hospitalId, input.code)) {
      throw invalidField('code', 'field.taken');
    }
    const template = tx.insert('journey_templates', {
      hospital_id: input.hospitalId,
      journey_type: input.journeyType,
      code: input.code,
      name_en: input.nameEn,
      name_ar: input.nameAr,
      active: 1,
    });
    this.retireOthers(tx, template);
    this.saveStages(tx, template, input.stages);
    return template;
  }

  create(caller: Caller, input: ParsedInput<'journeyTemplates.create'>): JourneyTemplate {
    const template = this.data.write(caller.actor, (tx) => this.createInTx(tx, input));
    return toTemplate(template, this.stagesOf(template.id));
  }

  update(caller: Caller, input: ParsedInput<'journeyTemplates.update'>): JourneyTemplate {
    const row = this.visible(caller, input.id);
    const template = this.data.write(caller.actor, (tx) => {
      const updated = tx.update('journey_templates', row.id, { name_en: input.nameEn, name_ar: input.nameAr });
      if (input.stages) this.saveStages(tx, updated, input.stages);
      return updated;
    });
    return toTemplate(template, this.stagesOf(template.id));
  }

  setActive(caller: Caller, id: string, active: boolean): JourneyTemplate {
    const row = this.visible(caller, id);
    const template = this.data.write(caller.actor, (tx) => {
      const updated = tx.update('journey_templates', row.id, { active: active ? 1 : 0 }, activation('journey_templates', active));
      if (active) this.retireOthers(tx, updated);
      return updated;
    });
    return toTemplate(template, this.stagesOf(template.id));
  }

  /**
   * The three default templates for a hospital, where it has none of that
   * type. `surveyFor` names the survey a stage completed by an event sends
   * (automatically), if any: `seed-demo` links the shipped ones.
   */
  createDefaults(tx: WriteTx, hospitalId: string, surveyFor: (event: EventCode) => string | null = () => null): void {
    for (const [journeyType, seed] of Object.entries(DEFAULT_TEMPLATES) as [JourneyType, (typeof DEFAULT_TEMPLATES)[JourneyType]][]) {
      if (this.store.statement('SELECT 1 FROM journey_templates WHERE hospital_id = ? AND journey_type = ?').get(hospitalId, journeyType)) continue;
      this.createInTx(tx, {
        hospitalId,
        journeyType,
        code: seed.code,
        nameEn: seed.nameEn,
        nameAr: seed.nameAr,
        stages: seed.stages.map(([code, nameEn, nameAr, triggerEventCode, required]) => ({
          code,
          nameEn,
          nameAr,
          triggerEventCode,
          required,
          surveyTemplateId: surveyFor(triggerEventCode),
          autoSendSurvey: surveyFor(triggerEventCode) !== null,
          surveyDelayMinutes: 0,
        })),
      });
    }
  }
}
