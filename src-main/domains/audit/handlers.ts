import type { Handler } from '../../core/context.js';
import type { AuditVerification } from '../../../src-shared/contract/index.js';
import type { AuditLog } from '../../core/audit-log.js';
import type { SyncService } from '../../sync/service.js';

/** The chain as the console and verify-audit see it: both links on this station, and the head against the hub's checkpoint. */
export async function verifyAudit(audit: AuditLog, sync: Pick<SyncService, 'compareAuditAnchor'>): Promise<AuditVerification> {
  const { ok, checked, firstBroken, head } = audit.verifyChain();
  return { ok, checked, firstBroken, anchor: await sync.compareAuditAnchor(head) };
}

export function auditHandlers(audit: AuditLog, sync: Pick<SyncService, 'compareAuditAnchor'>) {
  return {
    'audit.list': ((input, { caller }) => ({
      ...audit.list({ ...input, hospitalId: caller.scope.hospitalFilter }),
      page: input.page,
      pageSize: input.pageSize,
    })) satisfies Handler<'audit.list'>,
    'audit.verify': (() => verifyAudit(audit, sync)) satisfies Handler<'audit.verify'>,
  };
}
