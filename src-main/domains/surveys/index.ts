import { surveysContract, surveysSendingContract } from '../../../src-shared/contract/index.js';
import type { SurveyResponsesTable } from '../../../src-shared/tables/index.js';
import type { Handler } from '../../core/context.js';
import { defineDomain, SCHEDULER_ACTOR, type StationBase } from '../../core/domain.js';
import type { StageCompleted } from '../journeys/journeys.js';
import type { StationRole } from '../organizations/group-settings.js';
import { SurveyInstances, toNotificationView } from './instances.js';
import { SurveyOutbox } from './outbox.js';
import { OptOuts } from './opt-outs.js';
import { NEGATIVE_EVENT, PublicSurveys, publishNegative } from './public-surveys.js';
import { NotificationProviders } from './providers.js';
import { SurveyReports } from './reports.js';
import { SurveySettings } from './settings.js';
import { SurveyTemplates } from './templates.js';
import type { NotificationMessagesTable } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import type { ParsedInput } from '../../../src-shared/contract/index.js';

/** The job that sends due invitations and reminders (a station that sends itself). */
export const SEND_JOB = 'surveys.send';
export const REMINDER_JOB = 'surveys.reminders';
export const NEGATIVE_JOB = 'surveys.negative';

/**
 * Surveys (docs/surveys-design.md): the group's templates, a hospital's
 * rules, the instances a completed stage or a person makes, the form a
 * patient answers on this station's listener, the outbox of a station that
 * sends itself, the control center's figures and the export.
 */
export function surveysDomain(base: StationBase, stationRole: () => StationRole) {
  const templates = new SurveyTemplates(base.store, base.data, stationRole);
  templates.ensureBuiltIn();
  const settings = new SurveySettings(base.store, base.data, stationRole);
  const optOuts = new OptOuts(base.store, base.data);
  const instances = new SurveyInstances(base.store, base.data, settings, templates, {
    linkKey: base.keys.surveyLinks,
    listenerBaseUrl: () => base.addresses.listenerUrl,
    stationRole,
  });
  const publicSurveys = new PublicSurveys(base.store, base.data, templates, settings, optOuts, base.events, (tx, instance) =>
    instances.confirmOptOut(tx, instance),
  );
  const outbox = new SurveyOutbox(base.store, base.data, settings, instances, optOuts, base.secrets, stationRole, { dataDir: base.dataDir, log: base.log });
  const reports = new SurveyReports(base.store, base.data, instances, templates);
  /** the responses whose `survey.negative` this station published (read at the first run) */
  let published: Set<string> | null = null;
  const providers = new NotificationProviders(base.store, base.data, base.secrets, outbox, stationRole);

  return defineDomain({
    name: 'surveys',
    calls: { ...surveysContract, ...surveysSendingContract },
    services: { templates, settings, optOuts, instances, publicSurveys, outbox, reports, providers },
    handlers: {
      'surveyTemplates.list': ((input) => templates.list(input)) satisfies Handler<'surveyTemplates.list'>,
      'surveyTemplates.get': ((input) => templates.get(input.id)) satisfies Handler<'surveyTemplates.get'>,
      'surveyTemplates.version': ((input) => templates.version(input.id)) satisfies Handler<'surveyTemplates.version'>,
      'surveyTemplates.create': ((input, { caller }) => templates.create(caller, input)) satisfies Handler<'surveyTemplates.create'>,
      'surveyTemplates.update': ((input, { caller }) => templates.update(caller, input)) satisfies Handler<'surveyTemplates.update'>,
      'surveyTemplates.setActive': ((input, { caller }) => templates.setActive(caller, input.id, input.active)) satisfies Handler<'surveyTemplates.setActive'>,
      'surveySettings.get': ((input) => settings.view(input.hospitalId)) satisfies Handler<'surveySettings.get'>,
      'surveySettings.update': ((input, { caller }) => settings.update(caller, input)) satisfies Handler<'surveySettings.update'>,
      'surveys.list': ((input, { caller }) => instances.list(caller, input)) satisfies Handler<'surveys.list'>,
      'surveys.get': ((input, { caller }) => instances.get(caller, input.id)) satisfies Handler<'surveys.get'>,
      'surveys.send': ((input, { caller }) => {
        const made = instances.send(caller, input);
        base.jobs.wake(SEND_JOB);
        return made;
      }) satisfies Handler<'surveys.send'>,
      'surveys.handOut': ((input, { caller }) => instances.handOut(caller, input)) satisfies Handler<'surveys.handOut'>,
      'surveys.revoke': ((input, { caller }) => instances.revoke(caller, input.id)) satisfies Handler<'surveys.revoke'>,
      'surveys.optOut': ((input, { caller }) => optOuts.set(caller, input)) satisfies Handler<'surveys.optOut'>,
      'surveys.figures': ((input, { caller }) => reports.figures(caller, input)) satisfies Handler<'surveys.figures'>,
      'surveys.export': ((input, { caller }) => reports.export(caller, input)) satisfies Handler<'surveys.export'>,
      'notificationProviders.list': (() => providers.list()) satisfies Handler<'notificationProviders.list'>,
      'notificationProviders.set': ((input, { caller }) => providers.set(caller, input)) satisfies Handler<'notificationProviders.set'>,
      'notificationProviders.test': ((input, { caller }) => providers.test(caller, input, outbox.logPath)) satisfies Handler<'notificationProviders.test'>,
      'notifications.list': ((input, { caller }) => notificationsList(base, caller, input)) satisfies Handler<'notifications.list'>,
    },
    jobs: [
      {
        name: SEND_JOB,
        label: { en: 'Send survey invitations and reminders', ar: 'إرسال دعوات الاستبيانات والتذكيرات' },
        schedule: { everyMs: 60_000 },
        run: async () => {
          const { more } = await outbox.sendDue();
          return more ? { nextRunInMs: 0 } : {};
        },
      },
      {
        name: REMINDER_JOB,
        label: { en: 'Plan survey reminders', ar: 'جدولة تذكيرات الاستبيانات' },
        schedule: '*/15 * * * *',
        run: () => {
          if (outbox.planReminders() > 0) base.jobs.wake(SEND_JOB);
        },
      },
      {
        name: NEGATIVE_JOB,
        label: { en: 'Flag negative survey responses', ar: 'الإشارة إلى إجابات الاستبيانات السلبية' },
        schedule: { everyMs: 60_000 },
        // responses that arrived by sync (answered at the hub or on another station) publish here too, once each:
        // the negative ones only (a partial index), against the responses already published, read once a start
        run: () => {
          published ??= new Set(
            base.store.statement(`SELECT json_extract(payload, '$.responseId') FROM domain_events WHERE type = ?`).pluck().all(NEGATIVE_EVENT) as string[],
          );
          const known = published;
          const ids = base.store.statement(`SELECT id FROM survey_responses WHERE negative = 1`).pluck().all() as string[];
          const missing = ids.filter((id) => !known.has(id));
          if (missing.length === 0) return;
          const read = base.store.statement('SELECT id, hospital_id, instance_id, score, deleted_at FROM survey_responses WHERE id = ?');
          base.data.write(SCHEDULER_ACTOR, (tx) => {
            for (const id of missing) {
              const row = read.get(id) as
                (Pick<SurveyResponsesTable, 'id' | 'hospital_id' | 'instance_id' | 'score'> & { deleted_at: string | null }) | undefined;
              if (row && !row.deleted_at) publishNegative(base.events, tx, row);
              known.add(id);
            }
          });
        },
      },
    ],
    subscribers: [
      {
        name: 'surveys.stage-completed',
        label: { en: 'Surveys for completed journey stages', ar: 'استبيانات مراحل الرحلات المكتملة' },
        events: ['journey.stage_completed'],
        handle: (event, tx) => {
          if (instances.fromStage(tx, event.payload as unknown as StageCompleted)) base.jobs.wake(SEND_JOB);
        },
      },
    ],
  });
}

function notificationsList(base: StationBase, caller: Caller, input: ParsedInput<'notifications.list'>) {
  const scoped = caller.scope.sqlFilter('notification_messages', input.hospitalId, 'm');
  const where = ['m.deleted_at IS NULL', ...scoped.where];
  const params: unknown[] = [...scoped.params];
  if (input.status) {
    where.push('m.status = ?');
    params.push(input.status);
  }
  if (input.instanceId) {
    where.push('m.instance_id = ?');
    params.push(input.instanceId);
  }
  const clause = where.join(' AND ');
  const total = base.store
    .statement(`SELECT count(*) FROM notification_messages m WHERE ${clause}`)
    .pluck()
    .get(...params) as number;
  const rows = base.store
    .statement(`SELECT m.* FROM notification_messages m WHERE ${clause} ORDER BY m.send_at DESC, m.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as NotificationMessagesTable[];
  return { items: rows.map(toNotificationView), total, page: input.page, pageSize: input.pageSize };
}
