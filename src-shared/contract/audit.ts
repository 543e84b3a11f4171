import { z } from 'zod';
import { id, paging, paged, timestamp } from './common.js';
import { query } from './define.js';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  id,
  at: timestamp,
  stationId: z.string(),
  hospitalId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * The station's chain compared with the last checkpoint the hub holds of it:
 * `matches`; `truncated` (the station's chain ends before the anchored entry:
 * its newest entries were cut off); `forked` (the anchored entry is there but
 * is not the one anchored); `none` (nothing anchored yet); `not_compared`
 * (not enrolled, or the hub unreachable and no earlier answer kept).
 */
export const auditAnchorSchema = z.object({
  state: z.enum(['matches', 'truncated', 'forked', 'none', 'not_compared']),
  /** the anchored entry */
  seq: z.number().int().nullable(),
  anchoredAt: timestamp.nullable(),
  /** from the hub now, or the hub's last answer kept on this station */
  source: z.enum(['hub', 'kept']).nullable(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({ seq: z.number().int(), id: z.string(), reason: z.enum(['hash_mismatch', 'chain_broken', 'sequence_gap', 'mac_mismatch']) })
    .nullable(),
  anchor: auditAnchorSchema.nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditContract = {
  'audit.list': query({
    access: 'audit.read',
    summary: 'Audit entries, newest first, filtered.',
    input: z.strictObject({
      ...paging,
      action: z.string().trim().max(80).optional(),
      entityType: z.string().trim().max(80).optional(),
      entityId: z.string().trim().max(80).optional(),
      actor: z.string().trim().max(80).optional(),
      from: timestamp.optional(),
      to: timestamp.optional(),
    }),
    output: paged(auditEntrySchema),
  }),
  'audit.verify': query({
    access: 'audit.verify',
    summary: 'Walk the hash chain and report the first broken link.',
    input: z.strictObject({}),
    output: auditVerificationSchema,
  }),
} as const;
