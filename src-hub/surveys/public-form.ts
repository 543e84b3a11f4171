import type { Kysely, Transaction } from 'kysely';
import { optOutId, responseId } from '../../src-shared/surveys/ids.js';
import { surveyPath } from '../../src-shared/surveys/links.js';
import {
  alreadyAnsweredPage,
  BadSurveyPost,
  badPostPage,
  type FlowResult,
  optedOutPage,
  optOutQuestion,
  postSurvey,
  type PublicSurveyState,
  showSurvey,
  type SurveyWrite,
  unknownLinkPage,
} from '../../src-shared/surveys/public-flow.js';
import type { SurveyFormPort } from '../../src-shared/surveys/form-routes.js';
import { toJson } from '../../src-shared/tables/index.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import type { HubRow, HubWriter } from '../sync/hub-writer.js';
import type { SurveyLinks } from './links.js';
import { changesTo, firstName, type InstanceRecord, readHospitalRules, readInstance, readPatient, readResponse, versionContent } from './records.js';

type Reader = Kysely<HubDatabase> | Transaction<HubDatabase>;

const languageOf = (value: unknown) => (value === 'en' ? 'en' : 'ar');

/**
 * The survey form at `/s/<token>` on the hub: the links sent to patients'
 * phones. It reads the survey from the hub's records, shows and saves pages
 * with the same pure flow as a station's listener
 * (src-shared/surveys/public-flow.ts), and writes what the patient did as
 * the hub's own cells — the instance's opened/started/completed times, the
 * response, an opt-out — which reach every station of the hospital. The
 * score and the negative flag are not written: each station derives them.
 *
 * Every post holds the link's row (SELECT … FOR UPDATE) from reading to
 * writing: only a request through the link writes its response, so of two
 * posts that finish one survey, the second reads the first one's finish
 * and shows "already answered".
 */
export class HubSurveyForm implements SurveyFormPort {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly writer: HubWriter,
    private readonly links: SurveyLinks,
    private readonly now: () => number = Date.now,
  ) {}

  async show(token: string, language: unknown): Promise<FlowResult> {
    const link = await this.links.find(token);
    const instance = link ? await readInstance(this.db, link.instanceId) : null;
    if (!instance) return unknownLinkPage(languageOf(language));
    const now = this.stamp();
    const result = showSurvey(await this.stateOf(this.db, instance), language, { path: surveyPath(token), now });
    const write = result.write;
    if (write) {
      await this.db.transaction().execute(async (trx) => {
        const current = (await this.links.lock(trx, token)) ? await readInstance(trx, instance.id) : null;
        if (current) await this.record(trx, current, write, now);
      });
    }
    return result;
  }

  async post(token: string, body: Readonly<Record<string, unknown>>): Promise<FlowResult> {
    const language = languageOf(body.lang);
    // a body some other parser read (JSON arrives as bytes): no form of ours sends it
    if (body instanceof Uint8Array) return badPostPage(language);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const link = await this.links.lock(trx, token);
        const instance = link ? await readInstance(trx, link.instanceId) : null;
        if (!instance) return unknownLinkPage(language);
        const state = await this.stateOf(trx, instance);
        const now = this.stamp();
        const result = postSurvey(state, body, { path: surveyPath(token), now });
        if (result.write) {
          if (result.write.finishedAt && (instance.completed_at || state.response?.finishedAt)) return alreadyAnsweredPage(language);
          await this.record(trx, instance, result.write, now);
        }
        return result;
      });
    } catch (error) {
      if (error instanceof BadSurveyPost) return badPostPage(language);
      throw error;
    }
  }

  async optOutAsk(token: string, language: unknown): Promise<FlowResult> {
    const link = await this.links.find(token);
    return link ? optOutQuestion(languageOf(language), surveyPath(token)) : unknownLinkPage(languageOf(language));
  }

  /** The patient confirmed: no more surveys by any channel, recorded as the hospital's opt-out row (source: the link). */
  async optOutConfirm(token: string, body: Readonly<Record<string, unknown>>): Promise<FlowResult> {
    const language = languageOf(body.lang);
    return this.db.transaction().execute(async (trx) => {
      const link = await this.links.lock(trx, token);
      const instance = link ? await readInstance(trx, link.instanceId) : null;
      if (!instance) return unknownLinkPage(language);
      if (body.confirm !== 'yes') return badPostPage(language);
      const now = this.stamp();
      const id = optOutId(instance.patient_id, 'all');
      const values = { active: 1, source: 'link', recorded_at: now };
      const { exists, changed } = await changesTo(trx, 'survey_opt_outs', id, values);
      const cells = exists
        ? { ...changed, updated_at: now }
        : { hospital_id: instance.hospital_id, patient_id: instance.patient_id, channel: 'all', ...values, created_at: now, updated_at: now, deleted_at: null };
      await this.writer.write(trx, [{ table: 'survey_opt_outs', rowId: id, cells }]);
      return optedOutPage(language);
    });
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  private async stateOf(db: Reader, instance: InstanceRecord): Promise<PublicSurveyState> {
    const response = await readResponse(db, instance.id);
    const patient = await readPatient(db, instance.patient_id);
    const rules = await readHospitalRules(db, instance.hospital_id);
    const language = languageOf(instance.language);
    return {
      instance: {
        expiresAt: instance.expires_at,
        revokedAt: instance.revoked_at,
        completedAt: instance.completed_at,
        openedAt: instance.opened_at,
        startedAt: instance.started_at,
        language,
      },
      response: response
        ? { answers: response.answersParsed, page: response.page, language: languageOf(response.language), finishedAt: response.finished_at }
        : null,
      content: await versionContent(db, instance.version_id),
      firstName: patient ? firstName(language === 'ar' ? patient.name_ar : patient.name_en) : null,
      hospitalName: rules.names,
      digits: rules.digits,
    };
  }

  /**
   * What a request changed, as cells: the instance's times (each written
   * once), and the response — made whole the first time, as a station's
   * data layer makes a row (with its record times), then only what changed.
   */
  private async record(trx: Transaction<HubDatabase>, instance: InstanceRecord, write: SurveyWrite, now: string): Promise<void> {
    const rows: HubRow[] = [];
    const times: Record<string, CellValue> = {};
    if (!instance.opened_at && write.openedAt) times.opened_at = write.openedAt;
    if (!instance.started_at && write.startedAt) times.started_at = write.startedAt;
    if (!instance.completed_at && write.finishedAt) times.completed_at = write.finishedAt;
    if (Object.keys(times).length > 0) rows.push({ table: 'survey_instances', rowId: instance.id, cells: { ...times, updated_at: now } });
    if (write.answers !== undefined) {
      const id = responseId(instance.id);
      const existing = await readResponse(trx, instance.id);
      const values = {
        answers: toJson(write.answers) as string,
        page: write.page ?? 0,
        language: write.language ?? languageOf(instance.language),
        finished_at: existing?.finished_at ?? write.finishedAt ?? null,
      };
      const { exists, changed } = await changesTo(trx, 'survey_responses', id, values);
      const cells: Record<string, CellValue> = exists
        ? Object.keys(changed).length > 0
          ? { ...changed, updated_at: now }
          : {}
        : {
            hospital_id: instance.hospital_id,
            instance_id: instance.id,
            version_id: instance.version_id,
            ...values,
            created_at: now,
            updated_at: now,
            deleted_at: null,
          };
      rows.push({ table: 'survey_responses', rowId: id, cells });
    }
    await this.writer.write(trx, rows);
  }
}
