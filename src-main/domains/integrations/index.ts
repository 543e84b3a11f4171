import { integrationsContract } from '../../../src-shared/contract/index.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import type { Journeys } from '../journeys/journeys.js';
import type { JourneyTemplates } from '../journeys/templates.js';
import { integrationsHandlers } from './handlers.js';
import { IntakeQueue } from './intake.js';
import { EventMonitor } from './monitor.js';
import { EventProcessor } from './processor.js';
import { IntakeRefusals } from './refusals.js';
import { IntegrationSources } from './sources.js';

/** Integrations: the hospital systems that send events, the intake queue, and the processor that turns events into journeys. */
export function integrationsDomain(base: StationBase, journeys: { templates: JourneyTemplates; journeys: Journeys }) {
  const sources = new IntegrationSources(base.store, base.data);
  const processor = new EventProcessor(base.store, base.data, journeys.templates, journeys.journeys, base.log);
  const intake = new IntakeQueue(base.store, () => processor.wake());
  const monitor = new EventMonitor(base.store, base.data);
  const refusals = new IntakeRefusals(base.store, base.data, base.log);
  return defineDomain({
    name: 'integrations',
    calls: integrationsContract,
    services: { sources, processor, intake, monitor, refusals },
    handlers: integrationsHandlers(base.store, base.data, sources, monitor),
  });
}
