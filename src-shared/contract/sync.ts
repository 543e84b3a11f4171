import { z } from 'zod';
import { rejectionReasons } from '../hub-api.js';
import { keyedMessage, paged, paging, timestamp } from './common.js';
import { mutation, query } from './define.js';

export const syncScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hospital'), hospitalId: z.string(), hospitalCode: z.string() }),
  z.object({ kind: z.literal('group') }),
]);

/** What every signed-in user is told about sync: in touch with the hub or not (nothing of the hub's address, scope or errors). */
export const syncConnectionSchema = z.object({
  enrolled: z.boolean(),
  online: z.boolean().nullable(),
  lastSyncAt: timestamp.nullable(),
  pendingMessages: z.number().int(),
  running: z.boolean(),
});
export type SyncConnection = z.infer<typeof syncConnectionSchema>;

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  hubUrl: z.string().nullable(),
  scope: syncScopeSchema.nullable(),
  /** whether the last attempt reached the hub; null before the first one */
  online: z.boolean().nullable(),
  lastSyncAt: timestamp.nullable(),
  lastAttemptAt: timestamp.nullable(),
  /** outbox messages not yet acknowledged by the hub */
  pendingMessages: z.number().int(),
  /** remote cells not applied yet (see problems.waiting for why) */
  waitingCells: z.number().int(),
  /** attachment contents this station still lacks (they come from the hub with the next rounds) */
  filesWaiting: z.number().int(),
  /**
   * what Sync → Problems lists: records with changes the hub refused (not yet
   * marked as dealt with), records received that wait; and the refusals
   * marked as dealt with, listed on request
   */
  problems: z.object({ rejected: z.number().int(), waiting: z.number().int(), acknowledged: z.number().int() }),
  /** how far another station's stamps ran ahead of this station's clock */
  clockSkewMs: z.number(),
  /** how far this computer's clock is off the hub's (positive: slow); the station stamps in the hub's time */
  clockOffsetMs: z.number(),
  /** either is beyond five minutes: worth telling IT */
  skewWarning: z.boolean(),
  lastError: keyedMessage.nullable(),
  running: z.boolean(),
  progress: z
    .object({
      phase: z.enum(['sending', 'catching_up', 'receiving']),
      pushed: z.number().int(),
      /** messages received, or during a catch-up, records */
      pulled: z.number().int(),
      pending: z.number().int(),
      /** during a catch-up, the records to read; null when the end is not known */
      total: z.number().int().nullable(),
    })
    .nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/**
 * A record named for a person: its identifying field and value (a patient's
 * MRN, a user's username, a code…) and its names. Null when the record is
 * outside the reader's hospital, or unknown.
 */
export const syncRecordSchema = z.object({
  keyField: z.string().nullable(),
  key: z.string().nullable(),
  nameEn: z.string().nullable(),
  nameAr: z.string().nullable(),
  /** the hospital it belongs to, so records alike in name (each hospital's "Medicine") are told apart; null for a hospital itself, a group-level record, or a hospital this station does not hold */
  hospital: z.object({ code: z.string(), nameEn: z.string(), nameAr: z.string() }).nullable(),
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

/**
 * Changes of one record the hub refused for one reason: they stay on this
 * station only. Open until an officer marks them as dealt with; a refusal of
 * the same record that comes later is open again, listed apart.
 */
export const syncRejectionSchema = z.object({
  table: z.string(),
  rowId: z.string(),
  /** the columns refused */
  fields: z.array(z.string()),
  reason: z.enum(rejectionReasons),
  at: timestamp,
  record: syncRecordSchema.nullable(),
  /** when it was marked as dealt with, and by whom (username); null while open */
  acknowledgedAt: timestamp.nullable(),
  acknowledgedBy: z.string().nullable(),
  /** open, and within the reader's scope: the reader may mark it as dealt with */
  canAcknowledge: z.boolean(),
});
export type SyncRejection = z.infer<typeof syncRejectionSchema>;

export const syncWaitReasonSchema = z.discriminatedUnion('kind', [
  /** a record it refers to (`table`, through `field`) has not arrived */
  z.object({ kind: z.literal('parent'), table: z.string(), field: z.string() }),
  /** part of a new record has arrived; these fields have not */
  z.object({ kind: z.literal('incomplete'), fields: z.array(z.string()) }),
  /** its `fields` hold a value a local record already has (an MRN two stations gave); `local` is that record */
  z.object({
    kind: z.literal('duplicate'),
    fields: z.array(z.string()),
    local: z.object({ rowId: z.string(), record: syncRecordSchema.nullable() }).nullable(),
  }),
  /** it breaks another rule of this station's database */
  z.object({ kind: z.literal('invalid') }),
  /** stamped far ahead of this station's clock: set aside, never applied (sync_quarantine) */
  z.object({ kind: z.literal('future_stamp') }),
  /** put to wait before the station kept reasons; known after the next sync */
  z.object({ kind: z.literal('unknown') }),
]);
export type SyncWaitReason = z.infer<typeof syncWaitReasonSchema>;

/** Received changes of one record that cannot be applied yet, for one reason. */
export const syncWaitingSchema = z.object({
  table: z.string(),
  rowId: z.string(),
  fields: z.array(z.string()),
  /** when the newest of these changes was made, at the station it came from (its HLC) */
  changedAt: timestamp.nullable(),
  reason: syncWaitReasonSchema,
  record: syncRecordSchema.nullable(),
});
export type SyncWaiting = z.infer<typeof syncWaitingSchema>;

export const syncProblemsSchema = z.object({ rejected: paged(syncRejectionSchema), waiting: paged(syncWaitingSchema) });
export type SyncProblemLists = z.infer<typeof syncProblemsSchema>;

/** One item of the refused list: a record's refused changes for one reason. */
const rejectionGroup = z.strictObject({ table: z.string().min(1).max(64), rowId: z.string().min(1).max(64), reason: z.enum(rejectionReasons) });

const hubUrl = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'field.invalid' }));

export const syncContract = {
  'sync.status': query({
    access: 'sync.manage',
    summary: 'Hub sync for who manages it: the hub, scope, online, last sync, messages waiting, problems, clocks, the last error.',
    input: z.strictObject({}),
    output: syncStatusSchema,
  }),
  'sync.connection': query({
    access: 'session',
    summary: 'Whether this station is in touch with the hub, for everyone signed in: enrolled, online, last sync, changes waiting.',
    input: z.strictObject({}),
    output: syncConnectionSchema,
  }),
  'sync.problems': query({
    // names patients and users: for whoever manages sync (the Sync screen), not every signed-in user
    access: 'sync.manage',
    summary: 'Hub sync problems: changes the hub refused, and received changes waiting (why, and what to do), newest first, each list paged.',
    input: z.strictObject({
      rejectedPage: paging.page,
      waitingPage: paging.page,
      pageSize: z.number().int().min(1).max(100).default(10),
      /** list the refusals marked as dealt with too, each in its place (newest first) */
      includeAcknowledged: z.boolean().default(false),
    }),
    output: syncProblemsSchema,
  }),
  'sync.acknowledgeRejections': mutation({
    access: 'sync.manage',
    summary:
      'Mark changes the hub refused as dealt with: the refusals of one record for one reason, or all the caller may see. They leave the open list and the counts; nothing is deleted. Answers how many list items were marked.',
    input: z.union([rejectionGroup, z.strictObject({ all: z.literal(true) })]),
    output: z.object({ acknowledged: z.number().int() }),
  }),
  'sync.enrol': mutation({
    access: 'sync.manage',
    summary: 'Enrol this station with a hub using a one-time code issued there.',
    input: z.strictObject({ hubUrl, code: z.string().trim().min(4).max(128), stationName: z.string().trim().min(1).max(120).optional() }),
    output: syncStatusSchema,
  }),
  'sync.now': mutation({
    access: 'sync.manage',
    summary: 'Start a sync round now; answers the status with the round running.',
    input: z.strictObject({}),
    output: syncStatusSchema,
  }),
} as const;
