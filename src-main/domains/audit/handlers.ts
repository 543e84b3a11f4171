import type { Handler } from '../../core/context.js';
import type { AuditLog } from '../../core/audit-log.js';

export function auditHandlers(audit: AuditLog) {
  return {
    'audit.list': ((input, { caller }) => ({
      ...audit.list({ ...input, hospitalId: caller.scope.hospitalFilter }),
      page: input.page,
      pageSize: input.pageSize,
    })) satisfies Handler<'audit.list'>,
    'audit.verify': (() => audit.verify()) satisfies Handler<'audit.verify'>,
  };
}
