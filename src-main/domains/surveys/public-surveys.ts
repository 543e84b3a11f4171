import { type Answers } from '../../../src-shared/surveys/answers.js';
import { firstName } from '../../../src-shared/surveys/invitations.js';
import { TOKEN_PATTERN, surveyPath, tokenHash } from '../../../src-shared/surveys/links.js';
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
} from '../../../src-shared/surveys/public-flow.js';
import { fromJson, type SurveyInstancesTable, type SurveyResponsesTable, toJson } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import { type DataLayer, type WriteTx } from '../../core/data-layer.js';
import { NEGATIVE_EVENT, negativeEventId, responseId } from '../../../src-shared/surveys/ids.js';
import type { Store } from '../../core/db/store.js';
import type { EventPublisher } from '../../core/domain.js';
import type { OptOuts } from './opt-outs.js';
import type { SurveySettings } from './settings.js';
import type { SurveyTemplates } from './templates.js';

/** Who answers through a link, in the audit log: the patient, by the link (never a name). */
export const PATIENT_LINK_ACTOR: Actor = { id: null, name: 'patient (survey link)' };

export { NEGATIVE_EVENT, negativeEventId, responseId };

/**
 * The survey form on this station's listener (kiosks, QR codes, a station
 * that sends itself): finds the instance a token names, shows and saves
 * pages (src-shared/surveys/public-flow.ts), and records the patient's
 * opt-out. A finished survey is finished once: the check and the write run
 * in one write transaction, so of two racing posts one finishes and the
 * other reads "already answered".
 */
export class PublicSurveys {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly templates: SurveyTemplates,
    private readonly settings: SurveySettings,
    private readonly optOuts: OptOuts,
    private readonly events: EventPublisher,
    private readonly confirmOptOut: (tx: WriteTx, instance: SurveyInstancesTable) => void,
  ) {}

  private instanceOf(token: string): SurveyInstancesTable | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    return this.store.statement('SELECT * FROM survey_instances WHERE token_hash = ? AND deleted_at IS NULL').get(tokenHash(token)) as
      SurveyInstancesTable | undefined;
  }

  private stateOf(instance: SurveyInstancesTable): PublicSurveyState {
    const response = this.store.statement('SELECT * FROM survey_responses WHERE instance_id = ?').get(instance.id) as SurveyResponsesTable | undefined;
    const patient = this.store.statement('SELECT name_ar, name_en FROM patients WHERE id = ?').get(instance.patient_id) as
      { name_ar: string; name_en: string } | undefined;
    const hospital = this.store.statement('SELECT name_ar, name_en FROM hospitals WHERE id = ?').get(instance.hospital_id) as
      { name_ar: string; name_en: string } | undefined;
    const language = instance.language === 'en' ? 'en' : 'ar';
    const name = patient ? (language === 'ar' ? patient.name_ar : patient.name_en) : '';
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
        ? {
            answers: fromJson<Answers>(response.answers),
            page: response.page,
            language: response.language === 'en' ? 'en' : 'ar',
            finishedAt: response.finished_at,
          }
        : null,
      content: this.templates.contentOf(instance.version_id),
      firstName: firstName(name),
      hospitalName: { ar: hospital?.name_ar ?? '', en: hospital?.name_en ?? '' },
      digits: this.settings.rules(instance.hospital_id).digits,
    };
  }

  private now(): string {
    return new Date(this.data.clock()).toISOString();
  }

  show(token: string, language: unknown): FlowResult {
    const instance = this.instanceOf(token);
    if (!instance) return unknownLinkPage(language === 'en' ? 'en' : 'ar');
    const result = showSurvey(this.stateOf(instance), language, { path: surveyPath(token), now: this.now() });
    if (result.write) this.data.write(PATIENT_LINK_ACTOR, (tx) => this.record(tx, instance.id, result.write!));
    return result;
  }

  post(token: string, body: Readonly<Record<string, unknown>>): FlowResult {
    const first = this.instanceOf(token);
    const language = body.lang === 'en' ? 'en' : 'ar';
    if (!first) return unknownLinkPage(language);
    try {
      return this.data.write(PATIENT_LINK_ACTOR, (tx) => {
        // read again inside the write lock: a post racing this one may have finished the survey
        const instance = tx.get('survey_instances', first.id)!;
        const state = this.stateOf(instance);
        const result = postSurvey(state, body, { path: surveyPath(token), now: tx.now });
        if (result.write) {
          if (result.write.finishedAt && (instance.completed_at || state.response?.finishedAt)) return alreadyAnsweredPage(language);
          this.record(tx, instance.id, result.write);
        }
        return result;
      });
    } catch (error) {
      if (error instanceof BadSurveyPost) return badPostPage(language);
      throw error;
    }
  }

  optOutAsk(token: string, language: unknown): FlowResult {
    const lang = language === 'en' ? 'en' : 'ar';
    return this.instanceOf(token) ? optOutQuestion(lang, surveyPath(token)) : unknownLinkPage(lang);
  }

  optOutConfirm(token: string, body: Readonly<Record<string, unknown>>): FlowResult {
    const language = body.lang === 'en' ? 'en' : 'ar';
    const instance = this.instanceOf(token);
    if (!instance) return unknownLinkPage(language);
    if (body.confirm !== 'yes') return badPostPage(language);
    this.data.write(PATIENT_LINK_ACTOR, (tx) => {
      const fresh = this.optOuts.record(tx, { hospitalId: instance.hospital_id, patientId: instance.patient_id, channel: 'all', source: 'link' });
      // the patient is told it is done, once, on the channel the survey came by (a kiosk's or a printed code's: nothing to send)
      if (fresh) this.confirmOptOut(tx, instance);
    });
    return optedOutPage(language);
  }

  /** Writes what a request changed: the instance's times, the response's answers and page, and the negative event once. */
  record(tx: WriteTx, instanceId: string, write: SurveyWrite): void {
    const instance = tx.get('survey_instances', instanceId)!;
    tx.update('survey_instances', instanceId, {
      opened_at: instance.opened_at ?? write.openedAt,
      started_at: instance.started_at ?? write.startedAt,
      completed_at: instance.completed_at ?? write.finishedAt,
    });
    if (write.answers === undefined) return;
    const id = responseId(instanceId);
    const values = {
      answers: toJson(write.answers),
      page: write.page ?? 0,
      language: write.language ?? instance.language,
      finished_at: write.finishedAt ?? null,
    };
    const existing = tx.get('survey_responses', id);
    const response = existing
      ? tx.update('survey_responses', id, { ...values, finished_at: existing.finished_at ?? values.finished_at })
      : tx.insertShared('survey_responses', { id, hospital_id: instance.hospital_id, instance_id: instanceId, version_id: instance.version_id, ...values });
    if (response.negative === 1) publishNegative(this.events, tx, response);
  }
}

/** Publishes `survey.negative` for a finished negative response, once on this station (the event's id is the response's). */
export function publishNegative(
  events: EventPublisher,
  tx: WriteTx,
  response: Pick<SurveyResponsesTable, 'id' | 'hospital_id' | 'instance_id' | 'score'>,
): void {
  events.publishOnce(tx, {
    id: negativeEventId(response.id),
    type: NEGATIVE_EVENT,
    hospitalId: response.hospital_id,
    payload: { responseId: response.id, instanceId: response.instance_id, score: response.score },
  });
}
