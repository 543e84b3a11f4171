import { journeysContract } from '../../../src-shared/contract/index.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { journeysHandlers } from './handlers.js';
import { Journeys } from './journeys.js';
import { JourneyTemplates } from './templates.js';

/** Journeys: the templates of stages a patient passes, and each patient's journey through them. */
export function journeysDomain(base: StationBase) {
  const templates = new JourneyTemplates(base.store, base.data);
  const journeys = new Journeys(base.store);
  return defineDomain({ name: 'journeys', calls: journeysContract, services: { templates, journeys }, handlers: journeysHandlers(templates, journeys) });
}
