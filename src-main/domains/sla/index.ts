import { slaContract } from '../../../src-shared/contract/index.js';
import type { Handler } from '../../core/context.js';
import { StaffMailer } from './mailer.js';
import type { NotificationSender } from '../../../src-shared/notifications/senders/outbound.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { RUN_BUDGET_MS } from '../../core/jobs.js';
import { complaintClockSource, inForceAt, SlaEngine } from './engine.js';
import { Bell, SlaSettings } from './settings.js';

export const SLA_JOB = 'sla.tick';
/** The job that sends staff notification emails on a station that is not enrolled. */
export const SLA_EMAIL_JOB = 'sla.email';

/**
 * The SLA engine, its policies and calendars, and the staff notification
 * bell (issue 12; docs/sla-design.md). The engine is a job every minute
 * that reads the due index; complaints (and PX actions) are its sources.
 */
export function slaDomain(base: StationBase, email: { sender: () => NotificationSender | null; sendsItself: () => boolean }) {
  const engine = new SlaEngine(base.store, base.data, base.log);
  const mailer = new StaffMailer(base.store, base.data, {
    ...email,
    log: base.log,
    calendarAt: (hospitalId, at) => inForceAt(engine.calendarsOf(hospitalId), at).calendar,
  });
  engine.addSource(complaintClockSource(base.store));
  const settings = new SlaSettings(base.store, base.data, engine);
  const bell = new Bell(base.store, base.data);
  return defineDomain({
    name: 'sla',
    calls: slaContract,
    services: { engine, settings, bell, mailer },
    handlers: {
      'sla.policies': ((input) => settings.policies(input.hospitalId)) satisfies Handler<'sla.policies'>,
      'sla.savePolicy': ((input, { caller }) => {
        const saved = settings.savePolicy(caller, input);
        base.jobs.wake(SLA_JOB);
        return saved;
      }) satisfies Handler<'sla.savePolicy'>,
      'sla.calendar': ((input) => settings.calendar(input.hospitalId, input.year)) satisfies Handler<'sla.calendar'>,
      'sla.saveCalendar': ((input, { caller }) => {
        const saved = settings.saveCalendar(caller, input);
        base.jobs.wake(SLA_JOB);
        return saved;
      }) satisfies Handler<'sla.saveCalendar'>,
      'bell.list': ((input, { caller }) => bell.list(caller, input.limit)) satisfies Handler<'bell.list'>,
      'bell.read': ((input, { caller }) => bell.read(caller, input.ids)) satisfies Handler<'bell.read'>,
    },
    jobs: [
      {
        name: SLA_JOB,
        label: { en: 'SLA reminders and escalations', ar: 'تذكيرات مستوى الخدمة والتصعيد' },
        // node-cron, every minute: a step fires within a minute of coming due
        schedule: '* * * * *',
        run: () => {
          const { more } = engine.tick(new Date(base.clock()), RUN_BUDGET_MS * 4);
          // the steps just fired may have emails due now
          if (!more) base.jobs.wake(SLA_EMAIL_JOB);
          return more ? { nextRunInMs: 0 } : {};
        },
      },
      {
        name: SLA_EMAIL_JOB,
        label: { en: 'Staff notification emails', ar: 'رسائل البريد لإشعارات الموظفين' },
        // a station that is not enrolled sends them itself; an enrolled one leaves them to the hub
        schedule: { everyMs: 60_000 },
        run: async () => ((await mailer.sendDue()).more ? { nextRunInMs: 0 } : {}),
      },
    ],
  });
}
