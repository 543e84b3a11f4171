import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { RpcResult } from '../../src-shared/bridge.js';
import type { CallName } from '../../src-shared/contract/index.js';
import type { StationHealth } from '../../src-shared/contract/system.js';
import { accountsDomain } from '../domains/accounts/index.js';
import { auditDomain } from '../domains/audit/index.js';
import { integrationsDomain } from '../domains/integrations/index.js';
import { journeysDomain } from '../domains/journeys/index.js';
import { SEND_JOB as SURVEYS_SEND_JOB, surveysDomain } from '../domains/surveys/index.js';
import { complaintsDomain } from '../domains/complaints/index.js';
import { slaDomain } from '../domains/sla/index.js';
import { actionsDomain } from '../domains/actions/index.js';
import { attachmentsDomain } from '../domains/attachments/index.js';
import { actionClockSource } from '../domains/actions/actions.js';
import { jobsDomain } from '../domains/jobs/index.js';
import { organizationsDomain } from '../domains/organizations/index.js';
import { syncDomain } from '../sync/index.js';
import { AuditLog } from './audit-log.js';
import { DataLayer } from './data-layer.js';
import { Store } from './db/store.js';
import type { ClientOrigin } from './context.js';
import { Dispatcher } from './dispatcher.js';
import { DomainEvents } from './domain-events.js';
import { composeDomains, type ComposedStation, type StationAddresses, type StationBase, type StationDomain } from './domain.js';
import { runBudgetMs, Scheduler } from './jobs.js';
import { deriveStationKeys, headlessMasterKey, SecretBox, type StationKeys } from './keys.js';
import { appVersion, defaultDataDir } from './paths.js';

export { defaultDataDir };

/** queue depths in /health are exact up to this, and read as "at least" beyond */
export const HEALTH_COUNT_CAP = 10_000;

/** The station's id: made once, on first open, and kept in the database. */
function stationIdOf(store: Store): string {
  return store.transaction(() => {
    store.statement(`INSERT OR IGNORE INTO station_meta (key, value) VALUES ('station_id', ?)`).run(randomBytes(8).toString('hex'));
    return store.statement(`SELECT value FROM station_meta WHERE key = 'station_id'`).pluck().get() as string;
  });
}

/**
 * The station's domains, in the order they are built: each is given the
 * core and the services of the domains it calls. Adding a domain adds one
 * line here; what it contributes (calls, services, jobs, subscribers) is its
 * own module's business (src-main/domains/<domain>/index.ts).
 */
function buildDomains(base: StationBase, options: CoreOptions, background: { scheduler: Scheduler; events: DomainEvents }) {
  // writes nothing: sync carries its files
  const attachments = attachmentsDomain(base);
  // first to write: it sets the clock correction every later write stamps with
  const sync = syncDomain(base, attachments.services.attachments, { intervalMs: options.syncIntervalMs, pageSize: options.syncPageSize });
  const stationRole = () => sync.services.sync.state.enrolment()?.scope.kind ?? 'not_enrolled';
  const organizations = organizationsDomain(base, stationRole);
  const { groupSettings } = organizations.services;
  const accounts = accountsDomain(
    base,
    { requireAdminTotp: () => groupSettings.current().requireAdminTotp },
    { failuresPerMinute: options.signInFailuresPerMinute },
  );
  const audit = auditDomain(base, sync.services);
  const surveys = surveysDomain(base, stationRole);
  const sla = slaDomain(base, { sender: () => surveys.services.outbox.senderOf('email'), sendsItself: () => stationRole() === 'not_enrolled' });
  const complaints = complaintsDomain(
    base,
    {
      fromComplaint: (tx, complaint) => surveys.services.instances.fromComplaint(tx, complaint),
      wakeSender: () => base.jobs.wake(SURVEYS_SEND_JOB),
    },
    {
      clocksOf: (id, now) => sla.services.engine.clocksOf('complaint', id, now),
      detailOf: (id, now) => sla.services.engine.detailOf('complaint', id, now),
    },
    attachments.services.attachments,
  );
  sla.services.engine.addSource(actionClockSource(base.store));
  const actions = actionsDomain(
    base,
    {
      clocksOf: (id, now) => sla.services.engine.clocksOf('px_action', id, now),
      detailOf: (id, now) => sla.services.engine.detailOf('px_action', id, now),
    },
    attachments.services.attachments,
  );
  const journeys = journeysDomain(base);
  const integrations = integrationsDomain(base, journeys.services);
  const jobs = jobsDomain(background.scheduler, background.events);
  return { accounts, organizations, audit, surveys, complaints, sla, actions, attachments, journeys, integrations, sync, jobs };
}

type Domains = ReturnType<typeof buildDomains>;
type Answered = { [D in keyof Domains]: keyof Domains[D]['calls'] }[keyof Domains];
/** Every call of the contract has a domain that answers it: a call without one does not compile (and is refused at start). */
const everyCallAnswered: [Exclude<CallName, Answered>] extends [never] ? true : never = true;
void everyCallAnswered;

export type { StationHealth };

/**
 * Composition root: the database and its core (audit log, data layer, the
 * scheduler of background jobs, the domain-event log), every domain, and
 * the dispatcher over their calls. Servers, signals and starting the
 * scheduler are the runner's (src-main/runner/station-runner.ts): a core
 * opened by a CLI command or a test runs nothing in the background.
 */
export class StationCore {
  readonly audit: AuditLog;
  readonly data: DataLayer;
  readonly scheduler: Scheduler;
  readonly events: DomainEvents;
  readonly domains: Domains;
  readonly composed: ComposedStation;
  readonly dispatcher: Dispatcher;
  /** filled in by the runner once the listener runs */
  readonly addresses: StationAddresses = { listenerUrl: null };

  private constructor(
    readonly store: Store,
    readonly stationId: string,
    readonly dataDir: string,
    readonly log: (line: string) => void,
    readonly keys: StationKeys,
    options: CoreOptions,
  ) {
    this.audit = new AuditLog(store, stationId, keys.audit);
    const keyed = this.audit.keyEarlierEntries();
    if (keyed > 0) log(`audit: ${keyed} entries written before the chain was keyed now carry their seal`);
    this.data = new DataLayer(store, this.audit, stationId, options.clock);
    const secrets = new SecretBox(keys.secrets);
    this.scheduler = new Scheduler(store, { log, clock: this.data.clock });
    this.events = new DomainEvents(store, this.data, this.scheduler, {
      log,
      clock: this.data.clock,
      ...(options.eventBackoffBaseMs ? { backoffBaseMs: options.eventBackoffBaseMs } : {}),
    });
    const base: StationBase = {
      store,
      data: this.data,
      audit: this.audit,
      stationId,
      dataDir,
      log,
      clock: this.data.clock,
      jobs: this.scheduler,
      events: this.events,
      keys,
      secrets,
      addresses: this.addresses,
    };
    this.domains = buildDomains(base, options, { scheduler: this.scheduler, events: this.events });
    // subscribers drain in short runs while the HIS listener hands events over, longer ones while it is quiet
    const { intake } = this.domains.integrations.services;
    this.events.setRunBudget(() => runBudgetMs(intake.quietMs));
    this.composed = composeDomains([...Object.values(this.domains), ...(options.moreDomains?.(base) ?? [])]);
    this.scheduler.register([...this.composed.jobs, ...this.events.register(this.composed.subscribers)]);
    this.dispatcher = new Dispatcher({ store, data: this.data, accounts: this.accounts, handlers: this.composed.handlers, log });
  }

  static async open(dataDir: string, log: (line: string) => void = () => {}, options: CoreOptions = {}): Promise<StationCore> {
    const store = await Store.open(path.join(dataDir, 'station.sqlite'), { log });
    try {
      const keys = deriveStationKeys(options.masterKey ?? headlessMasterKey(dataDir, log));
      return new StationCore(store, stationIdOf(store), dataDir, log, keys, options);
    } catch (error) {
      store.close();
      throw error;
    }
  }

  // The services the CLI, the transports and the tests reach for by name.
  get accounts() {
    return this.domains.accounts.services.accounts;
  }
  get structure() {
    return this.domains.organizations.services.structure;
  }
  /** the PX Action Center */
  get actions() {
    return this.domains.actions.services.actions;
  }
  /** the SLA engine, its policies and calendars, and the bell */
  get sla() {
    return this.domains.sla.services;
  }
  get staff() {
    return this.domains.organizations.services.staff;
  }
  get patients() {
    return this.domains.organizations.services.patients;
  }
  get templates() {
    return this.domains.journeys.services.templates;
  }
  get journeys() {
    return this.domains.journeys.services.journeys;
  }
  get sources() {
    return this.domains.integrations.services.sources;
  }
  get intake() {
    return this.domains.integrations.services.intake;
  }
  get processor() {
    return this.domains.integrations.services.processor;
  }
  get monitor() {
    return this.domains.integrations.services.monitor;
  }
  get refusals() {
    return this.domains.integrations.services.refusals;
  }
  get sync() {
    return this.domains.sync.services.sync;
  }
  get groupView() {
    return this.domains.sync.services.groupView;
  }
  /** complaints, inquiries and compliments (the console's calls go through the dispatcher) */
  get complaints() {
    return this.domains.complaints.services.complaints;
  }
  /** complaints filed by the hospital's website, app or 937 referrals (served by the listener) */
  get complaintIntake() {
    return this.domains.complaints.services.complaints;
  }
  /** the survey form a kiosk or a link to this station opens (served by the listener) */
  get surveyForm() {
    return this.domains.surveys.services.publicSurveys;
  }
  get surveys() {
    return this.domains.surveys.services;
  }

  /** GET /health: the database answers, how much work is queued, when we last synced, how the background work goes. */
  health(): StationHealth {
    // Each count walks a partial index of open events only, and stops at a cap:
    // a monitoring tool polling /health during a big backlog must not stall the listener.
    const count = (where: string) =>
      this.store.statement(`SELECT count(*) FROM (SELECT 1 FROM inbound_events WHERE ${where} LIMIT ${HEALTH_COUNT_CAP})`).pluck().get() as number;
    const open = count(`status IN ('pending', 'failed')`);
    const failed = open === 0 ? 0 : count(`status IN ('pending', 'failed') AND status = 'failed'`);
    const queue = { pending: open - failed, failed, quarantined: count(`status = 'quarantined'`) };
    const lastSync = this.sync.state.get('last_pull_at');
    return {
      status: 'ok',
      stationId: this.stationId,
      version: appVersion(),
      database: 'ok',
      queue,
      lastSync,
      jobs: this.scheduler.list(),
      subscribers: this.events.status(),
    };
  }

  dispatch(name: string, input: unknown, token: string | null, origin?: ClientOrigin): Promise<RpcResult> {
    return this.dispatcher.dispatch(name, input, token, origin);
  }

  /** Stops the schedules (a runner stops the scheduler first and waits for runs in progress) and closes the database. */
  close(): void {
    this.scheduler.halt();
    this.store.close();
  }
}

export interface CoreOptions {
  /** the station's master key from the OS credential store (the desktop app); headless: station.key in the data folder */
  readonly masterKey?: Buffer;
  /** the machine clock in ms (tests run a station fast or slow) */
  readonly clock?: () => number;
  /** between sync rounds while the hub answers (default 30 s) */
  readonly syncIntervalMs?: number;
  /** sync page size (tests make pages small) */
  readonly syncPageSize?: number;
  /** the first wait after a failed domain-event delivery (default 5 s; tests make it short) */
  readonly eventBackoffBaseMs?: number;
  /** domains beyond the station's own, composed with them (tests: a subscriber that fails, a job that is slow) */
  readonly moreDomains?: (base: StationBase) => readonly StationDomain[];
  /** failed sign-in steps an address may make a minute (tests sign in from one address far more often than people do) */
  readonly signInFailuresPerMinute?: number;
}
