import { z } from 'zod';
import { isHlc } from '../../src-shared/hlc.js';
import {
  enrolResponseSchema,
  pulledMessageSchema,
  pullResponseSchema,
  pushResponseSchema,
  SNAPSHOT_MAX_RECORDS,
  snapshotResponseSchema,
  SYNC_MAX_MESSAGES,
  type StationScope,
  type SyncMessage,
} from '../../src-shared/hub-api.js';

/**
 * The hub's HTTP API as the station uses it (docs/sync-protocol.md). The
 * schemas are the ones the hub validates with (src-shared/hub-api.ts); the
 * station is stricter about what it will apply: a pulled message must carry a
 * real HLC stamp, and a boolean cell is stored as SQLite stores it (1/0).
 */
export const PUSH_LIMIT = SYNC_MAX_MESSAGES;
export const PULL_LIMIT = SYNC_MAX_MESSAGES;
export const SNAPSHOT_LIMIT = SNAPSHOT_MAX_RECORDS;

export type { StationScope, SyncMessage };
export { enrolResponseSchema as enrolAnswerSchema, pushResponseSchema as pushAnswerSchema };
export type PushAnswer = z.infer<typeof pushResponseSchema>;

const appliedMessageSchema = pulledMessageSchema
  .refine((m) => isHlc(m.hlc), { message: 'not an HLC stamp', path: ['hlc'] })
  .transform((m): SyncMessage & { value: string | number | null } => ({
    hlc: m.hlc,
    table: m.table,
    rowId: m.rowId,
    column: m.column,
    value: typeof m.value === 'boolean' ? Number(m.value) : m.value,
  }));
export type RemoteMessage = z.output<typeof appliedMessageSchema>;

export const pullAnswerSchema = pullResponseSchema.extend({ messages: z.array(appliedMessageSchema) });
export type PullAnswer = z.output<typeof pullAnswerSchema>;

/** A snapshot record as the station applies it: every cell carries a real HLC stamp. */
const appliedRecordSchema = snapshotResponseSchema.shape.records.element.refine((r) => Object.keys(r.data).every((column) => isHlc(r.hlc[column] ?? '')), {
  message: 'a cell without an HLC stamp',
  path: ['hlc'],
});
export type RemoteRecord = z.output<typeof appliedRecordSchema>;

export const snapshotAnswerSchema = snapshotResponseSchema.extend({ records: z.array(appliedRecordSchema) });
export type SnapshotAnswer = z.output<typeof snapshotAnswerSchema>;
