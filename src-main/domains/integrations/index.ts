import { integrationsContract } from '../../../src-shared/contract/index.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { RUN_BUDGET_MS, runBudgetMs } from '../../core/jobs.js';
import type { Journeys } from '../journeys/journeys.js';
import type { JourneyTemplates } from '../journeys/templates.js';
import { integrationsHandlers } from './handlers.js';
import { IntakeQueue } from './intake.js';
import { EventMonitor } from './monitor.js';
import { EventProcessor } from './processor.js';
import { IntakeRefusals } from './refusals.js';
import { IntegrationSources } from './sources.js';

/** The job that turns accepted HIS events into patients and journey progress. */
export const PROCESS_EVENTS_JOB = 'his-events';

/** While acknowledgements wait (IntakeQueue.pressed), the processor pauses this long between runs: the listener comes first, the backlog is durable. */
export const PRESSED_PAUSE_MS = 20;

/** Integrations: the hospital systems that send events, the intake queue, and the processor that turns events into journeys. */
export function integrationsDomain(base: StationBase, journeys: { templates: JourneyTemplates; journeys: Journeys }) {
  const sources = new IntegrationSources(base.store, base.data, base.secrets);
  const processor = new EventProcessor(base.store, base.data, journeys.templates, journeys.journeys, base.events, base.log);
  // events made durable wake the processor; it drains while there is work, then idles
  const intake = new IntakeQueue(base.store, () => base.jobs.wake(PROCESS_EVENTS_JOB));
  const monitor = new EventMonitor(base.store, base.data);
  const refusals = new IntakeRefusals(base.store, base.data, base.log);
  return defineDomain({
    name: 'integrations',
    calls: integrationsContract,
    services: { sources, processor, intake, monitor, refusals },
    handlers: integrationsHandlers(base.store, base.data, sources, monitor),
    jobs: [
      {
        name: PROCESS_EVENTS_JOB,
        label: { en: 'Process HIS events', ar: 'معالجة أحداث نظام المعلومات الصحية' },
        // woken by every accepted batch; the second's tick takes up retries whose backoff has passed
        schedule: { everyMs: 1000 },
        run: () => {
          // while the listener is quiet, longer runs and bigger batches (runBudgetMs)
          const budget = runBudgetMs(intake.quietMs);
          const batch = budget > RUN_BUDGET_MS ? processor.processNext(500, budget) : processor.processNext();
          if (batch.processed + batch.failed + batch.quarantined === 0) return undefined;
          return { nextRunInMs: intake.pressed ? PRESSED_PAUSE_MS : 0 };
        },
      },
    ],
  });
}
