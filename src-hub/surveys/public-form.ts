import type { Kysely, Transaction } from 'kysely';
import { messageId, optOutId, responseId } from '../../src-shared/surveys/ids.js';
import { OPT_OUT_CONFIRMATION } from '../../src-shared/surveys/invitations.js';
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
import { type SyncedTableName, toJson } from '../../src-shared/tables/index.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import type { HubRow, HubWriter } from '../sync/hub-writer.js';
import type { IssuedLink, SurveyLinks } from './links.js';
import {
  changesAgainst,
  changesTo,
  firstName,
  hospitalRuleKeys,
  hospitalRulesOf,
  type InstanceRecord,
  instanceOf,
  knownVersionContent,
  optOutConfirmationRow,
  patientOf,
  readInstance,
  readMessage,
  readRecords,
  readSurveys,
  recordKey,
  type RecordCells,
  responseOf,
  versionContentOf,
} from './records.js';

type Language = 'ar' | 'en';
const languageOf = (value: unknown): Language => (value === 'en' ? 'en' : 'ar');

/** The most requests one transaction carries (the rest wait for the next one). */
export const FORM_BATCH_LIMIT = 64;

/** How many batches are out at once: one writing, the next waiting for the ingest lock with its links locked. */
const FORM_PIPELINE = 2;

/** The longest a small queue waits for more requests when the batch before was bigger (at most that batch's time). */
const MAX_GATHER_MS = 10;

/** What one request through a link does with the survey it names. */
interface FormRequest {
  readonly token: string;
  readonly language: Language;
  /** the pure step (src-shared/surveys/public-flow.ts) on the survey as the hub holds it */
  readonly step: (state: PublicSurveyState, path: string, now: string) => FlowResult;
  readonly resolve: (result: FlowResult) => void;
  readonly reject: (error: unknown) => void;
}

/** One survey as a batch read it: the instance, its response's cells, and what the page shows. */
interface Loaded {
  readonly instance: InstanceRecord;
  readonly responseCells: RecordCells | null;
  readonly state: PublicSurveyState;
}

/**
 * The survey form at `/s/<token>` on the hub: the links sent to patients'
 * phones. It reads the survey from the hub's records, shows and saves pages
 * with the same pure flow as a station's listener
 * (src-shared/surveys/public-flow.ts), and writes what the patient did as
 * the hub's own cells — the instance's opened/started/completed times, the
 * response, an opt-out — which reach every station of the hospital. The
 * score and the negative flag are not written: each station derives them.
 *
 * Requests are carried in batches (group commit): the requests that arrive
 * while transactions are working wait, and the next transaction carries
 * them all — their links locked in one statement (SELECT … FOR UPDATE, in
 * hash order), their surveys read in one query, their cells written as one
 * ingest. Two batches are out at once: while one holds the ingest lock and
 * writes, the next locks its links, reads and checks its pages, so the
 * database and this process work side by side. The surveys are read under
 * their link locks, before the ingest lock: what another writer could change
 * in between is a station's cell (a revocation pushed that moment), which
 * the write merges cell by cell as any concurrent edit; the finish, the one
 * thing that must not happen twice, is only written under the link's lock.
 * A patient's page is answered only once the transaction carrying it has
 * committed. Under load, a commit and a few round trips serve many patients
 * instead of one; a lone request goes at once, alone.
 *
 * Finishing happens once: a link's row is locked from reading to writing,
 * and of the batches out at most one request per link (a second waits for
 * a later batch), so of two posts that finish one survey, the second reads
 * the first one's finish and shows "already answered" — also across hub
 * processes on one database. Link locks are always taken before the ingest
 * lock, never while holding it, so two batches cannot deadlock.
 */
export class HubSurveyForm implements SurveyFormPort {
  private queue: FormRequest[] = [];
  /** batches whose transactions are out (at most FORM_PIPELINE), and the links they carry */
  private inFlight = 0;
  private readonly busyTokens = new Set<string>();
  /** a batch being gathered: the next one waits for it */
  private gathering = false;
  /** the batch before: its size and how long it took (a queue much smaller than it waits a moment for the rest) */
  private lastBatch = 0;
  private lastBatchMs = 0;

  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly writer: HubWriter,
    private readonly links: SurveyLinks,
    private readonly now: () => number = Date.now,
  ) {}

  show(token: string, language: unknown): Promise<FlowResult> {
    return this.enqueue(token, languageOf(language), (state, path, now) => showSurvey(state, language, { path, now }));
  }

  async post(token: string, body: Readonly<Record<string, unknown>>): Promise<FlowResult> {
    const language = languageOf(body.lang);
    // a body some other parser read (JSON arrives as bytes): no form of ours sends it
    if (body instanceof Uint8Array) return badPostPage(language);
    return this.enqueue(token, language, (state, path, now) => {
      const result = postSurvey(state, body, { path, now });
      if (result.write?.finishedAt && (state.instance.completedAt || state.response?.finishedAt)) return alreadyAnsweredPage(language);
      return result;
    });
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
      const rows: HubRow[] = [{ table: 'survey_opt_outs', rowId: id, cells }];
      // newly opted out: told so, once, on the channel the survey came by
      const fresh = !exists || 'active' in changed;
      const confirmation =
        fresh && !(await readMessage(trx, messageId(instance.id, OPT_OUT_CONFIRMATION))) ? optOutConfirmationRow(instance, instance.channel, now) : null;
      if (confirmation) rows.push(confirmation);
      await this.writer.write(trx, rows);
      return optedOutPage(language);
    });
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  private enqueue(token: string, language: Language, step: FormRequest['step']): Promise<FlowResult> {
    return new Promise<FlowResult>((resolve, reject) => {
      this.queue.push({ token, language, step, resolve, reject });
      void this.pump();
    });
  }

  /**
   * Starts the next batch if a pipeline place is free. Two batches overlap:
   * while one holds the ingest lock and writes, the next has gathered its
   * requests and locked its links, and waits for the lock; meanwhile the
   * first one's patients get their pages and post again. The database and
   * this process work at the same time instead of in turns.
   */
  private async pump(): Promise<void> {
    if (this.gathering || this.inFlight >= FORM_PIPELINE || this.queue.length === 0) return;
    this.gathering = true;
    let batch: FormRequest[];
    try {
      // Group commit's gathering: under load, a request that came while a batch was out is
      // followed within moments by those the batch answered. Carried alone, it would cost them
      // a whole transaction's wait (batches alternated 15, 1, 15, 1 at 16 patients at once).
      const gatherUntil = performance.now() + Math.min(this.lastBatchMs, MAX_GATHER_MS);
      while (this.queue.length < this.lastBatch / 2 && performance.now() < gatherUntil) await new Promise((resolve) => setTimeout(resolve, 1));
      batch = this.takeBatch();
    } finally {
      this.gathering = false;
    }
    if (batch.length === 0) return;
    this.inFlight += 1;
    for (const request of batch) this.busyTokens.add(request.token);
    this.lastBatch = batch.length;
    const started = performance.now();
    // the next batch gathers while this one is out
    void this.pump();
    try {
      await this.carry(batch);
    } finally {
      this.lastBatchMs = performance.now() - started;
      for (const request of batch) this.busyTokens.delete(request.token);
      this.inFlight -= 1;
      void this.pump();
    }
  }

  /** Up to FORM_BATCH_LIMIT requests, at most one per link and none for a link a batch out carries (those wait for a later one). */
  private takeBatch(): FormRequest[] {
    const batch: FormRequest[] = [];
    const later: FormRequest[] = [];
    const tokens = new Set<string>();
    for (const request of this.queue) {
      if (batch.length < FORM_BATCH_LIMIT && !tokens.has(request.token) && !this.busyTokens.has(request.token)) {
        tokens.add(request.token);
        batch.push(request);
      } else later.push(request);
    }
    this.queue = later;
    return batch;
  }

  /**
   * One transaction for the batch. If it fails (a lost connection, a bug
   * one request's data brings out), each request is tried again alone, so
   * one bad request cannot fail the others; what fails alone is answered
   * with its error.
   */
  private async carry(batch: readonly FormRequest[]): Promise<void> {
    try {
      const results = await this.db.transaction().execute((trx) => this.runBatch(trx, batch));
      batch.forEach((request, i) => request.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const request of batch) {
        try {
          const [result] = await this.db.transaction().execute((trx) => this.runBatch(trx, [request]));
          request.resolve(result!);
        } catch (alone) {
          request.reject(alone);
        }
      }
    }
  }

  private async runBatch(trx: Transaction<HubDatabase>, batch: readonly FormRequest[]): Promise<FlowResult[]> {
    const links = await this.links.lockMany(
      trx,
      batch.map((r) => r.token),
    );
    const loaded = await this.load(trx, links);
    const now = this.stamp();
    const rows: HubRow[] = [];
    const results = batch.map((request) => {
      const instanceId = links.get(request.token)?.instanceId;
      const survey = instanceId === undefined ? undefined : loaded.get(instanceId);
      if (!survey) return unknownLinkPage(request.language);
      let result: FlowResult;
      try {
        result = request.step(survey.state, surveyPath(request.token), now);
      } catch (error) {
        if (error instanceof BadSurveyPost) return badPostPage(request.language);
        throw error;
      }
      if (result.write) rows.push(...this.rowsOf(survey, result.write, now));
      return result;
    });
    await this.writer.write(trx, rows);
    return results;
  }

  /**
   * The surveys of the batch's links, with everything their pages show: one
   * query whatever the batch's size (readSurveys), and one more only for a
   * template version this process has not read yet or an instance whose
   * hospital is not its link's.
   */
  private async load(trx: Transaction<HubDatabase>, links: ReadonlyMap<string, IssuedLink>): Promise<Map<string, Loaded>> {
    const loaded = new Map<string, Loaded>();
    const instanceIds = [...new Set([...links.values()].map((link) => link.instanceId))];
    if (instanceIds.length === 0) return loaded;
    const found = await readSurveys(
      trx,
      instanceIds,
      [...links.values()].map((link) => link.hospitalId),
    );
    const instances = instanceIds.map((id) => instanceOf(id, found.get(recordKey('survey_instances', id)))).filter((i) => i !== null);
    const missing: Array<readonly [SyncedTableName, string]> = [];
    for (const instance of instances) {
      if (!found.has(recordKey('hospitals', instance.hospital_id))) missing.push(...hospitalRuleKeys(instance.hospital_id));
      if (knownVersionContent(instance.version_id) === undefined) missing.push(['survey_template_versions', instance.version_id]);
    }
    if (missing.length > 0) for (const [key, cells] of await readRecords(trx, missing)) found.set(key, cells);
    for (const instance of instances) {
      const responseCells = found.get(recordKey('survey_responses', responseId(instance.id))) ?? null;
      const response = responseOf(instance.id, responseCells ?? undefined);
      const patient = patientOf(instance.patient_id, found.get(recordKey('patients', instance.patient_id)));
      const rules = hospitalRulesOf(instance.hospital_id, found);
      const language = languageOf(instance.language);
      loaded.set(instance.id, {
        instance,
        responseCells,
        state: {
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
          content: versionContentOf(instance.version_id, found.get(recordKey('survey_template_versions', instance.version_id))),
          firstName: patient ? firstName(language === 'ar' ? patient.name_ar : patient.name_en) : null,
          hospitalName: rules.names,
          digits: rules.digits,
        },
      });
    }
    return loaded;
  }

  /**
   * What a request changed, as cells: the instance's times (each written
   * once), and the response — made whole the first time, as a station's
   * data layer makes a row (with its record times), then only what changed.
   */
  private rowsOf(survey: Loaded, write: SurveyWrite, now: string): HubRow[] {
    const { instance } = survey;
    const rows: HubRow[] = [];
    const times: Record<string, CellValue> = {};
    if (!instance.opened_at && write.openedAt) times.opened_at = write.openedAt;
    if (!instance.started_at && write.startedAt) times.started_at = write.startedAt;
    if (!instance.completed_at && write.finishedAt) times.completed_at = write.finishedAt;
    if (Object.keys(times).length > 0) rows.push({ table: 'survey_instances', rowId: instance.id, cells: { ...times, updated_at: now } });
    if (write.answers !== undefined) {
      const values = {
        answers: toJson(write.answers) as string,
        page: write.page ?? 0,
        language: write.language ?? languageOf(instance.language),
        finished_at: survey.state.response?.finishedAt ?? write.finishedAt ?? null,
      };
      const { exists, changed } = changesAgainst(survey.responseCells, values);
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
      rows.push({ table: 'survey_responses', rowId: responseId(instance.id), cells });
    }
    return rows;
  }
}
