import { actionsContract } from '../../../src-shared/contract/index.js';
import { NEGATIVE_EVENT } from '../../../src-shared/surveys/ids.js';
import type { Handler } from '../../core/context.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import type { Attachments } from '../attachments/attachments.js';
import { type ActionClocks, PxActions } from './actions.js';

/**
 * The PX Action Center (issue 12; docs/complaints-design.md): actions
 * opened by hand, and one for each negative survey response (the
 * `survey.negative` subscriber, once per response across stations), worked
 * through to approval with evidence. The SLA engine runs their clock.
 */
export function actionsDomain(base: StationBase, clocks: ActionClocks, attachments: Attachments) {
  const actions = new PxActions(base.store, base.data, base.stationId, clocks, attachments);
  return defineDomain({
    name: 'actions',
    calls: actionsContract,
    services: { actions },
    handlers: {
      'actions.list': ((input, { caller }) => actions.list(caller, input)) satisfies Handler<'actions.list'>,
      'actions.get': ((input, { caller }) => actions.get(caller, input.id)) satisfies Handler<'actions.get'>,
      'actions.create': ((input, { caller }) => actions.create(caller, input)) satisfies Handler<'actions.create'>,
      'actions.move': ((input, { caller }) => actions.move(caller, input)) satisfies Handler<'actions.move'>,
      'actions.assign': ((input, { caller }) => actions.assign(caller, input)) satisfies Handler<'actions.assign'>,
      'actions.note': ((input, { caller }) => actions.note(caller, input)) satisfies Handler<'actions.note'>,
      'actions.owners': ((input) => actions.owners(input.hospitalId, input.departmentId)) satisfies Handler<'actions.owners'>,
      'actions.attach': ((input, { caller }) => actions.attach(caller, input)) satisfies Handler<'actions.attach'>,
      'actions.openAttachment': ((input, { caller }) => actions.openAttachment(caller, input)) satisfies Handler<'actions.openAttachment'>,
      'actions.removeAttachment': ((input, { caller }) => actions.removeAttachment(caller, input)) satisfies Handler<'actions.removeAttachment'>,
    },
    subscribers: [
      {
        name: 'actions.negative-survey',
        label: { en: 'PX actions for negative survey responses', ar: 'إجراءات تحسين للإجابات السلبية على الاستبيانات' },
        events: [NEGATIVE_EVENT],
        handle: (event, tx) => {
          const payload = event.payload as { responseId?: unknown; instanceId?: unknown; score?: unknown };
          if (!event.hospitalId || typeof payload.responseId !== 'string' || typeof payload.instanceId !== 'string') return;
          actions.fromNegativeSurvey(tx, event.hospitalId, {
            responseId: payload.responseId,
            instanceId: payload.instanceId,
            score: typeof payload.score === 'number' ? payload.score : null,
          });
        },
      },
    ],
  });
}
