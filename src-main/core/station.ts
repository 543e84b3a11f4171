import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { RpcResult } from '../../src-shared/bridge.js';
import type { CallName } from '../../src-shared/contract/index.js';
import { accountsDomain } from '../domains/accounts/index.js';
import { auditDomain } from '../domains/audit/index.js';
import { integrationsDomain } from '../domains/integrations/index.js';
import { journeysDomain } from '../domains/journeys/index.js';
import { organizationsDomain } from '../domains/organizations/index.js';
import { syncDomain } from '../sync/index.js';
import { AuditLog } from './audit-log.js';
import { DataLayer } from './data-layer.js';
import { Store } from './db/store.js';
import type { ClientOrigin } from './context.js';
import { Dispatcher } from './dispatcher.js';
import { composeDomains, type ComposedStation, type StationBase } from './domain.js';
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
function buildDomains(base: StationBase, options: CoreOptions) {
  // first: it sets the clock correction every later write stamps with
  const sync = syncDomain(base, { intervalMs: options.syncIntervalMs, pageSize: options.syncPageSize });
  const organizations = organizationsDomain(base, () => sync.services.sync.state.enrolment()?.scope.kind ?? 'not_enrolled');
  const { groupSettings } = organizations.services;
  const accounts = accountsDomain(
    base,
    { requireAdminTotp: () => groupSettings.current().requireAdminTotp },
    { failuresPerMinute: options.signInFailuresPerMinute },
  );
  const audit = auditDomain(base);
  const journeys = journeysDomain(base);
  const integrations = integrationsDomain(base, journeys.services);
  return { accounts, organizations, audit, journeys, integrations, sync };
}

type Domains = ReturnType<typeof buildDomains>;
type Answered = { [D in keyof Domains]: keyof Domains[D]['calls'] }[keyof Domains];
/** Every call of the contract has a domain that answers it: a call without one does not compile (and is refused at start). */
const everyCallAnswered: [Exclude<CallName, Answered>] extends [never] ? true : never = true;
void everyCallAnswered;

export interface StationHealth {
  status: 'ok';
  stationId: string;
  version: string;
  database: 'ok';
  queue: { pending: number; failed: number; quarantined: number };
  lastSync: string | null;
}

/**
 * Composition root: the database and its core (audit log, data layer), every
 * domain, and the dispatcher over their calls. Servers, signals and the
 * schedule are the runner's (src-main/runner/station-runner.ts).
 */
export class StationCore {
  readonly audit: AuditLog;
  readonly data: DataLayer;
  readonly domains: Domains;
  readonly composed: ComposedStation;
  readonly dispatcher: Dispatcher;

  private constructor(
    readonly store: Store,
    readonly stationId: string,
    readonly dataDir: string,
    readonly log: (line: string) => void,
    options: CoreOptions,
  ) {
    this.audit = new AuditLog(store, stationId);
    this.data = new DataLayer(store, this.audit, stationId, options.clock);
    const base: StationBase = { store, data: this.data, audit: this.audit, stationId, dataDir, log, clock: this.data.clock };
    this.domains = buildDomains(base, options);
    this.composed = composeDomains(Object.values(this.domains));
    this.dispatcher = new Dispatcher({ store, data: this.data, accounts: this.accounts, handlers: this.composed.handlers, log });
  }

  static async open(dataDir: string, log: (line: string) => void = () => {}, options: CoreOptions = {}): Promise<StationCore> {
    const store = await Store.open(path.join(dataDir, 'station.sqlite'));
    try {
      return new StationCore(store, stationIdOf(store), dataDir, log, options);
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
  get sync() {
    return this.domains.sync.services.sync;
  }
  get groupView() {
    return this.domains.sync.services.groupView;
  }

  /** GET /health: the database answers, how much work is queued, when we last synced. */
  health(): StationHealth {
    // Each count walks a partial index of open events only, and stops at a cap:
    // a monitoring tool polling /health during a big backlog must not stall the listener.
    const count = (where: string) =>
      this.store.statement(`SELECT count(*) FROM (SELECT 1 FROM inbound_events WHERE ${where} LIMIT ${HEALTH_COUNT_CAP})`).pluck().get() as number;
    const open = count(`status IN ('pending', 'failed')`);
    const failed = open === 0 ? 0 : count(`status IN ('pending', 'failed') AND status = 'failed'`);
    const queue = { pending: open - failed, failed, quarantined: count(`status = 'quarantined'`) };
    const lastSync = this.sync.state.get('last_pull_at');
    return { status: 'ok', stationId: this.stationId, version: appVersion(), database: 'ok', queue, lastSync };
  }

  dispatch(name: string, input: unknown, token: string | null, origin?: ClientOrigin): Promise<RpcResult> {
    return this.dispatcher.dispatch(name, input, token, origin);
  }

  close(): void {
    this.sync.stop();
    this.processor.stop();
    this.store.close();
  }
}

export interface CoreOptions {
  /** the machine clock in ms (tests run a station fast or slow) */
  readonly clock?: () => number;
  /** between sync rounds while the hub answers (default 30 s) */
  readonly syncIntervalMs?: number;
  /** sync page size (tests make pages small) */
  readonly syncPageSize?: number;
  /** failed sign-in steps an address may make a minute (tests sign in from one address far more often than people do) */
  readonly signInFailuresPerMinute?: number;
}
