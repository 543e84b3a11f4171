/**
 * The hub's HTTP API as zod schemas, shared by the hub (which validates and
 * documents with them) and the station's sync client (which parses the hub's
 * answers with them). docs/sync-protocol.md describes the behaviour.
 */
import { z } from 'zod';
import { SNAPSHOT_ORDER } from './tables/index.js';

export const SYNC_MAX_MESSAGES = 5000;
export const SYNC_MAX_BYTES = 8 * 1024 * 1024;
export const PULL_DEFAULT_LIMIT = 1000;

/** Station ids are the node part of the station's HLC stamps. */
export const stationIdSchema = z.string().regex(/^[0-9a-zA-Z_-]{1,32}$/, { error: 'field.invalid' });
export const hospitalCodeSchema = z.string().regex(/^[A-Z0-9-]{2,12}$/, { error: 'field.code' });

export const cellValueSchema = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]);

export const syncMessageSchema = z.strictObject({
  hlc: z.string().max(80),
  table: z.string().min(1).max(64),
  rowId: z.string().min(1).max(64),
  column: z.string().min(1).max(64),
  value: cellValueSchema,
});
export type SyncMessage = z.infer<typeof syncMessageSchema>;

/** The envelope only: each message is judged on its own, so one bad message never costs the others. */
export const pushRequestSchema = z.strictObject({ messages: z.array(z.unknown()).max(SYNC_MAX_MESSAGES) });

export const rejectionReasons = [
  'invalid_message',
  'table_not_synced',
  'column_not_synced',
  'bad_hlc',
  'hlc_not_this_station',
  'out_of_scope',
  'unknown_hospital',
  'hlc_in_future',
] as const;

/**
 * How far ahead of the hub's clock a message's stamp may be. A station whose
 * clock is a few minutes fast still syncs (its edits are stamped honestly);
 * a stamp from 2099 or 9999 would pin its cell above every correction for
 * ever, and break every station that adopts it, so the hub refuses it.
 */
export const HLC_MAX_AHEAD_MS = 5 * 60_000;
export type RejectionReason = (typeof rejectionReasons)[number];

export const pushResponseSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.enum(rejectionReasons) })),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_MAX_MESSAGES).default(PULL_DEFAULT_LIMIT),
});

export const pulledMessageSchema = syncMessageSchema.extend({ seq: z.number().int(), stationId: z.string() });
export type PulledMessage = z.infer<typeof pulledMessageSchema>;

export const pullResponseSchema = z.object({
  messages: z.array(pulledMessageSchema),
  /** pass as `after` next time */
  next: z.number().int(),
  /** true when more messages are waiting: pull again at once */
  more: z.boolean(),
  /** the stations whose scope is the group (and the hub itself): only their changes to group settings are applied */
  groupStations: z.array(z.string()).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Records per snapshot page: about 2–3 MB of JSON for patients. */
export const SNAPSHOT_MAX_RECORDS = 5000;

/**
 * Snapshot: a new station's catch-up reads the hub's current records instead
 * of replaying every message ever sent. Pages walk the tables in
 * SNAPSHOT_ORDER, each by row id; `table` + `after` say where the last page
 * ended.
 */
export const snapshotQuerySchema = z.object({
  table: z.enum(SNAPSHOT_ORDER, { error: 'field.invalid' }).optional(),
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(SNAPSHOT_MAX_RECORDS).default(SNAPSHOT_MAX_RECORDS),
});

export const snapshotRecordSchema = z.object({
  table: z.string().min(1).max(64),
  rowId: z.string().min(1).max(64),
  /** the record's cells */
  data: z.record(z.string(), cellValueSchema),
  /** the HLC of each cell's value */
  hlc: z.record(z.string(), z.string().max(80)),
});
export type SnapshotRecord = z.infer<typeof snapshotRecordSchema>;

export const snapshotResponseSchema = z.object({
  /**
   * Every message up to this sequence number is reflected in the records
   * (later ones may be too): after the last page, pull from here.
   */
  upTo: z.number().int(),
  /** records in the caller's scope, on the first page only (for progress) */
  total: z.number().int().nullable(),
  records: z.array(snapshotRecordSchema),
  /** where the next page starts; null when this was the last */
  next: z.object({ table: z.string(), after: z.string() }).nullable(),
  /**
   * The order the hub walks the tables in. `next` names a table, so a
   * station resuming against a hub whose order changed (an upgrade between
   * two pages) could skip tables: seeing a different order, it starts again.
   */
  order: z.array(z.string()).optional(),
  /** as in a pull: the group stations, whose cells alone may set group settings */
  groupStations: z.array(z.string()).optional(),
});
export type SnapshotResponse = z.infer<typeof snapshotResponseSchema>;

export const stationScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hospital'), hospitalId: z.string(), hospitalCode: z.string() }),
  z.object({ kind: z.literal('group') }),
]);
export type StationScope = z.infer<typeof stationScopeSchema>;

export const enrolRequestSchema = z.strictObject({
  code: z.string().min(1).max(64),
  stationId: stationIdSchema,
  stationName: z.string().trim().min(1).max(120),
});
export const enrolResponseSchema = z.object({ token: z.string(), stationId: z.string(), scope: stationScopeSchema });
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** Every hub answer says the hub's clock (ms since the epoch): stations stamp their edits in the group's time. */
export const HUB_TIME_HEADER = 'x-px360-time';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unreachable']),
  /** pushes waiting for or inside the ingest step right now */
  pendingWork: z.number().int(),
  version: z.string(),
});

// ---- administration (hub admin token) ----
export const createHospitalSchema = z.strictObject({
  code: z.string().trim().toUpperCase().pipe(hospitalCodeSchema),
  nameEn: z.string().trim().min(1).max(200),
  nameAr: z.string().trim().min(1).max(200),
  timeZone: z.string().min(1).max(64).default('Asia/Riyadh'),
});
export const hospitalSchema = z.object({ id: z.string(), code: z.string(), nameEn: z.string(), nameAr: z.string() });
export type HubHospital = z.infer<typeof hospitalSchema>;

export const enrolmentCodeRequestSchema = z.union([
  z.strictObject({ hospitalCode: z.string().trim().toUpperCase() }),
  z.strictObject({ group: z.literal(true) }),
]);
/**
 * A checkpoint of a station's audit chain: its newest entry's seq and keyed
 * mac, signed with the station's Ed25519 key over `auditCheckpointText`.
 */
export const auditCheckpointSchema = z.strictObject({
  seq: z.number().int().min(1),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
  /** SPKI DER, base64 */
  publicKey: z.string().min(40).max(200),
  /** base64 */
  signature: z.string().min(40).max(200),
});
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

/** What a checkpoint's signature covers: the station, the entry, its mac. */
export function auditCheckpointText(stationId: string, seq: number, mac: string): string {
  return `px360-audit-checkpoint:v1:${stationId}:${seq}:${mac}`;
}

/** The hub's last checkpoint of a station's chain (null when none is anchored yet). */
export const auditAnchorResponseSchema = z.object({
  anchor: z.object({ seq: z.number().int(), mac: z.string(), anchoredAt: z.string() }).nullable(),
});

/** An attachment's content, by the SHA-256 of its bytes (docs/attachments.md). */
export const fileHashSchema = z.string().regex(/^[0-9a-f]{64}$/);
/** The hub's answer to a content sent: stored now, or held already. */
export const fileAnswerSchema = z.object({ sha256: fileHashSchema, stored: z.boolean() });

/** Purge poisoned messages: one by its station and stamp, or every one stamped too far ahead of the hub's clock. */
export const purgeRequestSchema = z.union([
  z.strictObject({ stationId: stationIdSchema, hlc: z.string().max(80) }),
  z.strictObject({ future: z.literal(true) }),
]);
export const purgeResultSchema = z.object({ purged: z.number().int(), cells: z.number().int() });

export const enrolmentCodeSchema = z.object({ code: z.string(), expiresAt: z.string(), scope: stationScopeSchema });
export type EnrolmentCode = z.infer<typeof enrolmentCodeSchema>;

export const stationSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: stationScopeSchema,
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
});
export type HubStation = z.infer<typeof stationSchema>;

export const groupSummarySchema = z.object({
  generatedAt: z.string(),
  hospitals: z.array(
    z.object({
      hospitalId: z.string(),
      code: z.string().nullable(),
      nameEn: z.string().nullable(),
      nameAr: z.string().nullable(),
      /** non-deleted records per synced table */
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;
