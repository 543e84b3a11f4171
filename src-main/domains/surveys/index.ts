import { surveysContract } from '../../../src-shared/contract/index.js';
import type { Handler } from '../../core/context.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import type { StationRole } from '../organizations/group-settings.js';
import { SurveyTemplates } from './templates.js';

/**
 * Surveys (docs/surveys-design.md): so far the group's templates and their
 * versions, with the shipped ones made on every station. Sending, the
 * public form and responses follow.
 */
export function surveysDomain(base: StationBase, stationRole: () => StationRole) {
  const templates = new SurveyTemplates(base.store, base.data, stationRole);
  templates.ensureBuiltIn();
  return defineDomain({
    name: 'surveys',
    calls: surveysContract,
    services: { templates },
    handlers: {
      'surveyTemplates.list': ((input) => templates.list(input)) satisfies Handler<'surveyTemplates.list'>,
      'surveyTemplates.get': ((input) => templates.get(input.id)) satisfies Handler<'surveyTemplates.get'>,
      'surveyTemplates.create': ((input, { caller }) => templates.create(caller, input)) satisfies Handler<'surveyTemplates.create'>,
      'surveyTemplates.update': ((input, { caller }) => templates.update(caller, input)) satisfies Handler<'surveyTemplates.update'>,
      'surveyTemplates.setActive': ((input, { caller }) => templates.setActive(caller, input.id, input.active)) satisfies Handler<'surveyTemplates.setActive'>,
    },
  });
}
