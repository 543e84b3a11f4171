import type { Handler } from '../../core/context.js';
import type { Journeys } from './journeys.js';
import type { JourneyTemplates } from './templates.js';

export function journeysHandlers(templates: JourneyTemplates, journeys: Journeys) {
  return {
    'journeyTemplates.list': ((input, { caller }) => templates.list(caller, input)) satisfies Handler<'journeyTemplates.list'>,
    'journeyTemplates.create': ((input, { caller }) => templates.create(caller, input)) satisfies Handler<'journeyTemplates.create'>,
    'journeyTemplates.update': ((input, { caller }) => templates.update(caller, input)) satisfies Handler<'journeyTemplates.update'>,
    'journeyTemplates.setActive': ((input, { caller }) => templates.setActive(caller, input.id, input.active)) satisfies Handler<'journeyTemplates.setActive'>,
    'journeys.list': ((input, { caller }) => journeys.list(caller, input)) satisfies Handler<'journeys.list'>,
    'journeys.get': ((input, { caller }) => journeys.get(caller, input.id)) satisfies Handler<'journeys.get'>,
  };
}
