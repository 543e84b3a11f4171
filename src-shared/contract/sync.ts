import { z } from 'zod';
import { keyedMessage, timestamp } from './common.js';
import { mutation, query } from './define.js';

export const syncScopeSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('hospital'), hospitalId: z.string(), hospitalCode: z.string() }), z.object({ kind: z.literal('group') })]);

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
  /** remote cells waiting for their row or its parent */
  waitingCells: z.number().int(),
  /** how far the newest remote clock was ahead of this station's */
  clockSkewMs: z.number(),
  skewWarning: z.boolean(),
  lastError: keyedMessage.nullable(),
  running: z.boolean(),
  progress: z.object({ pushed: z.number().int(), pulled: z.number().int(), pending: z.number().int() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const hubUrl = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'field.invalid' }));

export const syncContract = {
  'sync.status': query({
    access: 'session',
    summary: 'Hub sync: enrolled or not, online, last sync, messages waiting to be sent, clock skew.',
    input: z.strictObject({}),
    output: syncStatusSchema,
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
