import { auditContract } from '../../../src-shared/contract/index.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import type { SyncService } from '../../sync/service.js';
import { auditHandlers } from './handlers.js';

/** The audit trail as people read and verify it (the log itself is core: src-main/core/audit-log.ts). */
export function auditDomain(base: StationBase, sync: { sync: SyncService }) {
  return defineDomain({ name: 'audit', calls: auditContract, services: {}, handlers: auditHandlers(base.audit, sync.sync) });
}
