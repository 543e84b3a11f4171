import { OPT_OUT_CONFIRMATION } from '../../src-shared/surveys/invitations.js';
import { SURVEY_CHANNELS } from '../../src-shared/tables/surveys.js';
import type { HubRow } from '../sync/hub-writer.js';
import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { type Answers, answerSchema } from '../../src-shared/surveys/answers.js';
import { shippedVersionContent } from '../../src-shared/surveys/default-templates.js';
import { messageId, optOutId, responseId, settingsId } from '../../src-shared/surveys/ids.js';
import { DEFAULT_FATIGUE_DAYS, DEFAULT_SEND_WINDOW, type SendWindow } from '../../src-shared/surveys/send-rules.js';
import { type SurveyContent, surveyContentSchema } from '../../src-shared/surveys/template.js';
import { type MessageTexts, messageTextsSchema, type SyncedTableName } from '../../src-shared/tables/index.js';
import type { CellValue, HubDatabase } from '../db/schema.js';

/**
 * The survey rows the hub holds as synced records (`records.data`, one
 * JSON object of cells), read and checked: a record is a stranger's
 * writing, so it is parsed, never cast. A record missing a column the hub
 * needs (cells still on their way) reads as absent.
 */

type Reader = Kysely<HubDatabase> | Transaction<HubDatabase>;

const text = z.string();
const maybeText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const count = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? 0);
const flag = z.union([z.number(), z.boolean()]).transform((v) => v === 1 || v === true);

const instanceSchema = z.object({
  hospital_id: text,
  version_id: text,
  patient_id: text,
  channel: text,
  language: text,
  expires_at: text,
  invited_at: maybeText,
  opened_at: maybeText,
  started_at: maybeText,
  completed_at: maybeText,
  revoked_at: maybeText,
  reminders_sent: count,
  /** stage, manual, kiosk, qr, complaint (null: written before the hub read it) */
  origin: maybeText,
  deleted_at: maybeText,
});
export type InstanceRecord = z.output<typeof instanceSchema> & { readonly id: string };

const messageSchema = z.object({
  hospital_id: text,
  instance_id: text,
  kind: text,
  channel: text,
  language: text,
  send_at: text,
  status: text,
  attempts: count,
  provider_message_id: maybeText,
  sent_at: maybeText,
  delivered_at: maybeText,
  read_at: maybeText,
  failed_at: maybeText,
  error: maybeText,
  deleted_at: maybeText,
});
export type MessageRecord = z.output<typeof messageSchema> & { readonly id: string };

const patientSchema = z.object({ name_ar: text, name_en: text, phone: maybeText, email: maybeText });
export type PatientRecord = z.output<typeof patientSchema> & { readonly id: string };

const hospitalSchema = z.object({ name_ar: text, name_en: text, time_zone: z.string().nullish() });

const settingsSchema = z.object({
  sending_enabled: flag,
  window_start_minute: z.number().int(),
  window_end_minute: z.number().int(),
  fatigue_days: z.number().int().nullish(),
  digits: text,
  message_texts: maybeText,
  deleted_at: maybeText,
});

const responseSchema = z.object({
  answers: text,
  page: z.number().int(),
  language: text,
  finished_at: maybeText,
  deleted_at: maybeText,
});
export type ResponseRecord = z.output<typeof responseSchema> & { readonly id: string; readonly answersParsed: Answers };

const optOutSchema = z.object({ active: flag, deleted_at: maybeText });

/** One record's cells, checked against `schema`; null when the hub has no such record or it is not whole yet. */
export async function readRecord<T extends z.ZodType>(db: Reader, table: SyncedTableName, rowId: string, schema: T): Promise<z.output<T> | null> {
  const row = await db.selectFrom('records').select('data').where('tbl', '=', table).where('row_id', '=', rowId).executeTakeFirst();
  return row ? parseRecord(row.data, schema) : null;
}

function parseRecord<T extends z.ZodType>(data: unknown, schema: T): z.output<T> | null {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export type RecordCells = Readonly<Record<string, CellValue>>;
export const recordKey = (table: SyncedTableName, rowId: string): string => `${table}\u0000${rowId}`;

/** Many records' cells in one query, by recordKey; a record the hub does not hold is absent. */
export async function readRecords(db: Reader, keys: ReadonlyArray<readonly [SyncedTableName, string]>): Promise<Map<string, RecordCells>> {
  const found = new Map<string, RecordCells>();
  if (keys.length === 0) return found;
  const rows = await sql<{ tbl: SyncedTableName; row_id: string; data: Record<string, CellValue> }>`
    SELECT r.tbl, r.row_id, r.data
    FROM records r JOIN unnest(${keys.map(([table]) => table)}::text[], ${keys.map(([, id]) => id)}::text[]) AS k(tbl, row_id)
      ON r.tbl = k.tbl AND r.row_id = k.row_id`.execute(db);
  for (const row of rows.rows) found.set(recordKey(row.tbl, row.row_id), row.data);
  return found;
}

/**
 * What a batch of survey pages shows, in one query: the instances, their
 * responses, their hospitals' rules (by the hospitals their links name) and
 * their patients (found through each instance's patient_id). An instance
 * whose hospital was not among `hospitalIds` has its rules read by
 * `readMissingRules`; template versions are read apart (each once: a
 * version never changes).
 */
export async function readSurveys(db: Reader, instanceIds: readonly string[], hospitalIds: readonly string[]): Promise<Map<string, RecordCells>> {
  const found = new Map<string, RecordCells>();
  if (instanceIds.length === 0) return found;
  const keys: Array<readonly [SyncedTableName, string]> = [];
  for (const id of instanceIds) keys.push(['survey_instances', id], ['survey_responses', responseId(id)]);
  for (const hospitalId of new Set(hospitalIds)) keys.push(...hospitalRuleKeys(hospitalId));
  const rows = await sql<{ tbl: SyncedTableName; row_id: string; data: Record<string, CellValue> }>`
    SELECT r.tbl, r.row_id, r.data
    FROM records r JOIN unnest(${keys.map(([table]) => table)}::text[], ${keys.map(([, id]) => id)}::text[]) AS k(tbl, row_id)
      ON r.tbl = k.tbl AND r.row_id = k.row_id
    UNION ALL
    SELECT p.tbl, p.row_id, p.data
    FROM records i JOIN records p ON p.tbl = 'patients' AND p.row_id = i.data->>'patient_id'
    WHERE i.tbl = 'survey_instances' AND i.row_id = ANY(${instanceIds}::text[])`.execute(db);
  for (const row of rows.rows) found.set(recordKey(row.tbl, row.row_id), row.data);
  return found;
}

/**
 * What writing `cells` to a record would change: the cells whose value
 * differs from the record's, and whether the hub holds the record at all
 * (a new one is written whole, with its record times).
 */
export async function changesTo(
  db: Reader,
  table: SyncedTableName,
  rowId: string,
  cells: Readonly<Record<string, CellValue>>,
): Promise<{ exists: boolean; changed: Record<string, CellValue> }> {
  const row = await db.selectFrom('records').select('data').where('tbl', '=', table).where('row_id', '=', rowId).executeTakeFirst();
  return changesAgainst(row?.data ?? null, cells);
}

/** changesTo, against cells already read (null: the hub holds no such record). */
export function changesAgainst(held: RecordCells | null, cells: Readonly<Record<string, CellValue>>): { exists: boolean; changed: Record<string, CellValue> } {
  const had = held ?? {};
  const changed = Object.fromEntries(Object.entries(cells).filter(([column, value]) => !(column in had) || had[column] !== value));
  return { exists: held !== null, changed };
}

export async function readInstance(db: Reader, id: string): Promise<InstanceRecord | null> {
  const row = await db.selectFrom('records').select('data').where('tbl', '=', 'survey_instances').where('row_id', '=', id).executeTakeFirst();
  return instanceOf(id, row?.data);
}

export function instanceOf(id: string, data: RecordCells | undefined): InstanceRecord | null {
  const row = data ? parseRecord(data, instanceSchema) : null;
  return row && !row.deleted_at ? { ...row, id } : null;
}

export async function readMessage(db: Reader, id: string): Promise<MessageRecord | null> {
  const row = await readRecord(db, 'notification_messages', id, messageSchema);
  return row ? { ...row, id } : null;
}

export async function readPatient(db: Reader, id: string): Promise<PatientRecord | null> {
  const row = await readRecord(db, 'patients', id, patientSchema);
  return row ? { ...row, id } : null;
}

export function patientOf(id: string, data: RecordCells | undefined): PatientRecord | null {
  const row = data ? parseRecord(data, patientSchema) : null;
  return row ? { ...row, id } : null;
}

export async function readResponse(db: Reader, instanceId: string): Promise<ResponseRecord | null> {
  const id = responseId(instanceId);
  const row = await db.selectFrom('records').select('data').where('tbl', '=', 'survey_responses').where('row_id', '=', id).executeTakeFirst();
  return responseOf(instanceId, row?.data);
}

export function responseOf(instanceId: string, data: RecordCells | undefined): ResponseRecord | null {
  const row = data ? parseRecord(data, responseSchema) : null;
  return row && !row.deleted_at ? { ...row, id: responseId(instanceId), answersParsed: answersOf(row.answers) } : null;
}

export interface HospitalSurveyRules {
  readonly sendingEnabled: boolean;
  readonly window: SendWindow;
  readonly timeZone: string;
  readonly fatigueDays: number;
  readonly digits: 'latn' | 'arab';
  readonly messageTexts: MessageTexts;
  readonly names: { readonly ar: string; readonly en: string };
}

/** A hospital's names and survey settings, the defaults where it saved none (as the station reads them). */
export async function readHospitalRules(db: Reader, hospitalId: string): Promise<HospitalSurveyRules> {
  const found = await readRecords(db, hospitalRuleKeys(hospitalId));
  return hospitalRulesOf(hospitalId, found);
}

/** The records hospitalRulesOf reads. */
export function hospitalRuleKeys(hospitalId: string): Array<readonly [SyncedTableName, string]> {
  return [
    ['hospitals', hospitalId],
    ['survey_settings', settingsId(hospitalId)],
  ];
}

export function hospitalRulesOf(hospitalId: string, found: ReadonlyMap<string, RecordCells>): HospitalSurveyRules {
  const hospitalData = found.get(recordKey('hospitals', hospitalId));
  const settingsData = found.get(recordKey('survey_settings', settingsId(hospitalId)));
  const hospital = hospitalData ? parseRecord(hospitalData, hospitalSchema) : null;
  const settings = settingsData ? parseRecord(settingsData, settingsSchema) : null;
  const saved = settings && !settings.deleted_at ? settings : null;
  return {
    sendingEnabled: saved?.sending_enabled ?? false,
    window: saved ? { startMinute: saved.window_start_minute, endMinute: saved.window_end_minute } : DEFAULT_SEND_WINDOW,
    timeZone: hospital?.time_zone ?? 'Asia/Riyadh',
    fatigueDays: saved?.fatigue_days ?? DEFAULT_FATIGUE_DAYS,
    digits: saved?.digits === 'arab' ? 'arab' : 'latn',
    messageTexts: messageTextsOf(saved?.message_texts ?? null),
    names: { ar: hospital?.name_ar ?? '', en: hospital?.name_en ?? '' },
  };
}

/** Has the patient opted out of this channel, or of all of them? (The opt-out rows have deterministic ids.) */
export async function optedOut(db: Reader, patientId: string, channel: string): Promise<boolean> {
  for (const which of [channel, 'all']) {
    const row = await readRecord(db, 'survey_opt_outs', optOutId(patientId, which), optOutSchema);
    if (row?.active && !row.deleted_at) return true;
  }
  return false;
}

/** Parsed versions by id: a version is never changed, so what was read once stays right. */
const versions = new Map<string, SurveyContent | null>();

/**
 * The questions of a version: a shipped one from code (stations make those
 * as built-in rows and never send them), any other from its synced record.
 */
export async function versionContent(db: Reader, versionId: string): Promise<SurveyContent | null> {
  const known = knownVersionContent(versionId);
  if (known !== undefined) return known;
  return versionContentOf(versionId, (await readRecords(db, [['survey_template_versions', versionId]])).get(recordKey('survey_template_versions', versionId)));
}

/** A version's questions without reading the database: shipped, or parsed before; undefined when its record must be read. */
export function knownVersionContent(versionId: string): SurveyContent | null | undefined {
  const shipped = shippedVersionContent(versionId);
  if (shipped) return shipped;
  return versions.has(versionId) ? (versions.get(versionId) ?? null) : undefined;
}

/** A version's questions from its record's cells (read with readRecords), remembered: a version never changes. */
export function versionContentOf(versionId: string, data: RecordCells | undefined): SurveyContent | null {
  const known = knownVersionContent(versionId);
  if (known !== undefined) return known;
  const row = data ? parseRecord(data, z.object({ content: text })) : null;
  if (!row) return null; // not here yet: not remembered
  let content: SurveyContent | null;
  try {
    const parsed = surveyContentSchema.safeParse(JSON.parse(row.content));
    content = parsed.success ? parsed.data : null;
  } catch {
    content = null;
  }
  if (versions.size > 500) versions.clear();
  versions.set(versionId, content);
  return content;
}

function answersOf(stored: string): Answers {
  try {
    const parsed = z.record(z.string(), answerSchema).safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function messageTextsOf(stored: string | null): MessageTexts {
  if (!stored) return {};
  try {
    const parsed = messageTextsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export { firstName } from '../../src-shared/surveys/invitations.js';

/**
 * The message that tells a patient their opt-out is done, as the hub's row
 * (src-shared/surveys/invitations.ts, OPT_OUT_CONFIRMATION): once per
 * survey (its id is the survey's and the kind's), now, on `channel`; none
 * for a survey with no channel to answer on (a kiosk's, a printed code's).
 */
export function optOutConfirmationRow(instance: InstanceRecord, channel: string, now: string): HubRow | null {
  if (!(SURVEY_CHANNELS as readonly string[]).includes(channel)) return null;
  return {
    table: 'notification_messages',
    rowId: messageId(instance.id, OPT_OUT_CONFIRMATION),
    cells: {
      hospital_id: instance.hospital_id,
      instance_id: instance.id,
      kind: OPT_OUT_CONFIRMATION,
      channel,
      language: instance.language,
      send_at: now,
      status: 'queued',
      attempts: 0,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    },
  };
}
