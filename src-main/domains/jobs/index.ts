import { jobsContract } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import type { Handler } from '../../core/context.js';
import type { DomainEvents } from '../../core/domain-events.js';
import { defineDomain } from '../../core/domain.js';
import type { Scheduler } from '../../core/jobs.js';

/**
 * Administration → Jobs: the station's background work as people see it.
 * The scheduler and the domain-event log are core (src-main/core/jobs.ts,
 * domain-events.ts); this domain answers the console's calls about them.
 */
export function jobsDomain(scheduler: Scheduler, events: DomainEvents) {
  return defineDomain({
    name: 'jobs',
    calls: jobsContract,
    services: {},
    handlers: {
      'jobs.list': (() => ({ jobs: scheduler.list(), subscribers: events.status() })) satisfies Handler<'jobs.list'>,
      'jobs.runNow': ((input, { write }) => {
        const before = scheduler.status(input.name);
        if (!before) throw new AppError('NOT_FOUND', 'error.not_found');
        // the run goes on in the background (a throw is the job's, recorded by the scheduler); the console follows it through jobs.list
        const run = scheduler.runNow(input.name);
        // who asked, and whether a run was in progress (it runs once more after it, never beside it)
        write((tx) =>
          tx.record({ action: 'job.run_requested', entityType: 'job', entityId: input.name, hospitalId: null, after: { running: before.running } }),
        );
        void run;
        return scheduler.status(input.name)!;
      }) satisfies Handler<'jobs.runNow'>,
    },
  });
}
