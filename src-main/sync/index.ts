import { groupContract, syncContract } from '../../src-shared/contract/index.js';
import { defineDomain, type StationBase } from '../core/domain.js';
import type { Attachments } from '../domains/attachments/attachments.js';
import { GroupView } from './group-view.js';
import { groupHandlers, syncHandlers } from './handlers.js';
import { DEFAULT_SYNC_INTERVAL_MS, SyncService } from './service.js';

/** The job that syncs with the hub. */
export const SYNC_JOB = 'sync';

export interface SyncDomainOptions {
  /** between sync rounds while the hub answers (default 30 s) */
  readonly intervalMs?: number | undefined;
  /** sync page size (tests make pages small) */
  readonly pageSize?: number | undefined;
}

/** Sync with the hub, and the group-wide figures the hub gives a central-team station. */
export function syncDomain(base: StationBase, attachments: Attachments, options: SyncDomainOptions = {}) {
  const sync = new SyncService(base.store, base.data, base.stationId, base.keys, attachments, {
    log: base.log,
    // the job waits quietly while the station is not enrolled; enrolling wakes it
    onEnrolled: () => base.jobs.wake(SYNC_JOB),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  // stamp in the hub's time from the first write, with the correction measured at the last sync
  base.data.setClockOffset(Number(sync.state.get('clock_offset_ms') ?? 0));
  const groupView = new GroupView(base.store, sync.state, () => base.data.clock(), base.log);
  return defineDomain({
    name: 'sync',
    calls: { ...syncContract, ...groupContract },
    services: { sync, groupView },
    handlers: { ...syncHandlers(sync, base.log), ...groupHandlers(groupView) },
    jobs: [syncJob(sync, options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS)],
  });
}

/** Rounds every interval while the hub answers, backoff while it does not, nothing while not enrolled (SyncService.scheduledRound). */
export function syncJob(sync: SyncService, intervalMs: number) {
  return {
    name: SYNC_JOB,
    label: { en: 'Sync with the hub', ar: 'المزامنة مع المركز' },
    schedule: { everyMs: intervalMs },
    run: () => sync.scheduledRound(),
  };
}
