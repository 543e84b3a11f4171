import type { ParsedInput, SurveyTemplateDetail, SurveyTemplateSummary, SurveyTemplateVersion } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import { type SurveyContent, estimatedSeconds, questionsOf } from '../../../src-shared/surveys/template.js';
import { type SurveyTemplatesTable, toJson, versionContentOf } from '../../../src-shared/tables/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../core/audit-log.js';
import type { Caller } from '../../core/context.js';
import { activation, type DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import { refuseGroupChangeOnHospitalStation, type StationRole } from '../organizations/group-settings.js';
import { DEFAULT_TEMPLATES, shippedTemplateId, shippedVersionId } from './default-templates.js';

/**
 * Survey templates: group configuration (docs/surveys-design.md). A
 * template's questions live in versions that are never changed: new
 * questions are a new version, and the template points at the one sent from
 * now on. The shipped templates are made from code on every station, the
 * same rows everywhere (not sent; the central team's edits travel as edits).
 */
export class SurveyTemplates {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly stationRole: () => StationRole,
  ) {}

  /** Makes the shipped templates this station does not have yet (an edited one is left as it is). */
  ensureBuiltIn(actor: Actor = SYSTEM_ACTOR): void {
    const missing = DEFAULT_TEMPLATES.filter((t) => !this.row(shippedTemplateId(t.code)));
    if (missing.length === 0) return;
    this.data.write(actor, (tx) => {
      for (const template of missing) {
        tx.insertBuiltIn('survey_templates', {
          id: shippedTemplateId(template.code),
          code: template.code,
          name_en: template.content.title.en,
          name_ar: template.content.title.ar,
          current_version_id: shippedVersionId(template.code),
          active: 1,
        });
        tx.insertBuiltIn('survey_template_versions', {
          id: shippedVersionId(template.code),
          template_id: shippedTemplateId(template.code),
          content: toJson(template.content),
        });
      }
    });
  }

  /** The shipped template sent after a stage completed by `event` (outpatient consultation, discharge, EMS disposition), or null. */
  shippedTemplateFor(event: string): string | null {
    const shipped = DEFAULT_TEMPLATES.find((t) => t.stageEvent === event);
    return shipped ? shippedTemplateId(shipped.code) : null;
  }

  /** The version a new survey of this template asks: its current one, while it is active and readable; null when it cannot be sent. */
  sendableVersion(templateId: string): string | null {
    const row = this.row(templateId);
    if (!row || row.active !== 1 || !row.current_version_id) return null;
    return this.contentOf(row.current_version_id) ? row.current_version_id : null;
  }

  private row(id: string): SurveyTemplatesTable | undefined {
    // a prepared statement: asked for every stage a HIS event completes
    return this.store.statement('SELECT * FROM survey_templates WHERE id = ? AND deleted_at IS NULL').get(id) as SurveyTemplatesTable | undefined;
  }

  private found(id: string): SurveyTemplatesTable {
    const row = this.row(id);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    return row;
  }

  /** The questions of a version, or null when what is stored does not read as a template (written by a newer PX360, or damaged). */
  contentOf(versionId: string | null): SurveyContent | null {
    return versionContentOf(
      versionId,
      (_table, id) => this.store.statement('SELECT content FROM survey_template_versions WHERE id = ?').get(id) as { content: string } | undefined,
    );
  }

  private summary(row: SurveyTemplatesTable): SurveyTemplateSummary {
    const content = this.contentOf(row.current_version_id);
    return {
      id: row.id,
      code: row.code,
      nameEn: row.name_en,
      nameAr: row.name_ar,
      active: row.active === 1,
      builtIn: DEFAULT_TEMPLATES.some((t) => shippedTemplateId(t.code) === row.id),
      currentVersionId: row.current_version_id,
      questionCount: content ? questionsOf(content).length : 0,
      estimatedSeconds: { ar: content ? Math.round(estimatedSeconds(content, 'ar')) : 0, en: content ? Math.round(estimatedSeconds(content, 'en')) : 0 },
      updatedAt: row.updated_at,
    };
  }

  list(input: ParsedInput<'surveyTemplates.list'>): SurveyTemplateSummary[] {
    let query = this.store.db.selectFrom('survey_templates').selectAll().where('deleted_at', 'is', null);
    if (!input.includeInactive) query = query.where('active', '=', 1);
    return this.store.all(query.orderBy('code').orderBy('id')).map((row) => this.summary(row));
  }

  /** One version of a template, current or older: a response is read against the version it answered. */
  version(id: string): SurveyTemplateVersion {
    const row = this.store.statement('SELECT id, template_id, created_at FROM survey_template_versions WHERE id = ? AND deleted_at IS NULL').get(id) as
      { id: string; template_id: string; created_at: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    const template = this.found(row.template_id);
    return {
      id: row.id,
      templateId: row.template_id,
      createdAt: row.created_at,
      current: template.current_version_id === row.id,
      content: this.contentOf(row.id),
    };
  }

  get(id: string): SurveyTemplateDetail {
    const row = this.found(id);
    const versions = this.store.all(
      this.store.db
        .selectFrom('survey_template_versions')
        .select(['id', 'created_at'])
        .where('template_id', '=', id)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id'),
    );
    return {
      ...this.summary(row),
      content: this.contentOf(row.current_version_id),
      versions: versions.map((v) => ({ id: v.id, createdAt: v.created_at, current: v.id === row.current_version_id })),
    };
  }

  private refuseOnHospitalStation(caller: Caller, action: string, entityId: string | null): void {
    refuseGroupChangeOnHospitalStation(this.data, this.stationRole(), caller.actor, {
      action,
      entityType: 'survey_templates',
      entityId,
      key: 'error.group_config_here',
    });
  }

  create(caller: Caller, input: ParsedInput<'surveyTemplates.create'>): SurveyTemplateDetail {
    this.refuseOnHospitalStation(caller, 'survey_templates.create', null);
    const id = this.data.write(caller.actor, (tx) => {
      if (this.store.statement('SELECT 1 FROM survey_templates WHERE code = ? AND deleted_at IS NULL').get(input.code))
        throw invalidField('code', 'field.taken');
      const template = tx.insert('survey_templates', { code: input.code, name_en: input.nameEn, name_ar: input.nameAr, current_version_id: null, active: 1 });
      const version = tx.insert('survey_template_versions', { template_id: template.id, content: toJson(input.content) });
      tx.update('survey_templates', template.id, { current_version_id: version.id }, 'survey_templates.new_version');
      return template.id;
    });
    return this.get(id);
  }

  update(caller: Caller, input: ParsedInput<'surveyTemplates.update'>): SurveyTemplateDetail {
    const current = this.found(input.id);
    this.refuseOnHospitalStation(caller, 'survey_templates.update', current.id);
    this.data.write(caller.actor, (tx) => {
      if (input.nameEn !== undefined || input.nameAr !== undefined) tx.update('survey_templates', current.id, { name_en: input.nameEn, name_ar: input.nameAr });
      if (input.content) {
        // never in place: the version sent so far stays as it was, with every response to it
        const version = tx.insert('survey_template_versions', { template_id: current.id, content: toJson(input.content) });
        tx.update('survey_templates', current.id, { current_version_id: version.id }, 'survey_templates.new_version');
      }
    });
    return this.get(current.id);
  }

  setActive(caller: Caller, id: string, active: boolean): SurveyTemplateDetail {
    const current = this.found(id);
    this.refuseOnHospitalStation(caller, activation('survey_templates', active), current.id);
    this.data.write(caller.actor, (tx) => tx.update('survey_templates', id, { active: active ? 1 : 0 }, activation('survey_templates', active)));
    return this.get(id);
  }
}
