import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { RpcResult } from '../../src-shared/bridge.js';
import { accountsHandlers } from '../domains/accounts/handlers.js';
import { rolesReady } from '../domains/accounts/roles.js';
import { AccountsService } from '../domains/accounts/service.js';
import { AuditLog } from '../domains/audit/audit-log.js';
import { auditHandlers } from '../domains/audit/handlers.js';
import { integrationsHandlers } from '../domains/integrations/handlers.js';
import { IntakeQueue } from '../domains/integrations/intake.js';
import { EventMonitor } from '../domains/integrations/monitor.js';
import { EventProcessor } from '../domains/integrations/processor.js';
import { IntegrationSources } from '../domains/integrations/sources.js';
import { journeysHandlers } from '../domains/journeys/handlers.js';
import { Journeys } from '../domains/journeys/journeys.js';
import { JourneyTemplates } from '../domains/journeys/templates.js';
import { organizationsHandlers } from '../domains/organizations/handlers.js';
import { PatientsService } from '../domains/organizations/patients.js';
import { StaffService } from '../domains/organizations/staff.js';
import { StructureService } from '../domains/organizations/structure.js';
import type { Handlers } from './context.js';
import { DataLayer } from './data-layer.js';
import { Store } from './db/store.js';
import { Dispatcher } from './dispatcher.js';
import { startHttpBridge } from './http-bridge.js';
import { DEFAULT_LISTENER_PORT, startJsonListener } from '../listener/json-listener.js';
import { startMllpServer } from '../listener/mllp-server.js';
import { appVersion, defaultDataDir } from './paths.js';
import { GroupView } from '../sync/group-view.js';
import { groupHandlers, syncHandlers } from '../sync/handlers.js';
import { SyncService } from '../sync/service.js';

export { defaultDataDir };

export const DEFAULT_CONSOLE_PORT = 4360;
export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';
export const DEFAULT_MLLP_PORT = 2575;
/** queue depths in /health are exact up to this, and read as "at least" beyond */
export const HEALTH_COUNT_CAP = 10_000;

/** The station's id: made once, on first open, and kept in the database. */
function stationIdOf(store: Store): string {
  return store.transaction(() => {
    store.statement(`INSERT OR IGNORE INTO station_meta (key, value) VALUES ('station_id', ?)`).run(randomBytes(8).toString('hex'));
    return store.statement(`SELECT value FROM station_meta WHERE key = 'station_id'`).pluck().get() as string;
  });
}

/** Composition root: the database, every domain service, and the dispatcher over them. */
export class StationCore {
  readonly audit: AuditLog;
  readonly data: DataLayer;
  readonly accounts: AccountsService;
  readonly structure: StructureService;
  readonly staff: StaffService;
  readonly patients: PatientsService;
  readonly sources: IntegrationSources;
  readonly intake: IntakeQueue;
  readonly templates: JourneyTemplates;
  readonly journeys: Journeys;
  readonly processor: EventProcessor;
  readonly monitor: EventMonitor;
  readonly dispatcher: Dispatcher;
  readonly sync: SyncService;
  readonly groupView: GroupView;

  private constructor(
    readonly store: Store,
    readonly stationId: string,
    readonly dataDir: string,
    log: (line: string) => void,
    options: CoreOptions,
  ) {
    this.audit = new AuditLog(store, stationId);
    this.data = new DataLayer(store, this.audit, stationId, options.clock);
    this.sync = new SyncService(store, this.data, stationId, {
      log,
      ...(options.syncIntervalMs ? { intervalMs: options.syncIntervalMs } : {}),
      ...(options.syncPageSize ? { pageSize: options.syncPageSize } : {}),
    });
    this.groupView = new GroupView(store, this.sync.state, () => this.data.clock(), log);
    this.accounts = new AccountsService(store, this.data);
    this.structure = new StructureService(store, this.data);
    this.staff = new StaffService(store, this.data, this.structure);
    this.patients = new PatientsService(store, this.data, this.structure);
    this.sources = new IntegrationSources(store, this.data);
    this.templates = new JourneyTemplates(store, this.data);
    this.journeys = new Journeys(store);
    this.processor = new EventProcessor(store, this.data, this.templates, this.journeys, log);
    this.intake = new IntakeQueue(store, () => this.processor.wake());
    this.monitor = new EventMonitor(store, this.data);
    const handlers: Handlers = {
      'system.status': () => ({
        stationId,
        version: appVersion(),
        needsSetup: this.accounts.localUserCount() === 0,
        rolesReady: rolesReady(store),
        defaultTimeZone: DEFAULT_TIME_ZONE,
      }),
      ...accountsHandlers(this.accounts),
      ...organizationsHandlers(this.structure, this.staff, this.patients),
      ...auditHandlers(this.audit),
      ...integrationsHandlers(store, this.data, this.sources, this.monitor),
      ...journeysHandlers(this.templates, this.journeys),
      ...syncHandlers(this.sync, log),
      ...groupHandlers(this.groupView),
    };
    this.dispatcher = new Dispatcher({ store, data: this.data, accounts: this.accounts, handlers, log });
  }

  static async open(dataDir: string, log: (line: string) => void = () => {}, options: CoreOptions = {}): Promise<StationCore> {
    const store = await Store.open(path.join(dataDir, 'station.sqlite'));
    return new StationCore(store, stationIdOf(store), dataDir, log, options);
  }

  /** GET /health: the database answers, how much work is queued, when we last synced. */
  health(): { status: 'ok'; stationId: string; version: string; database: 'ok'; queue: Record<string, number>; lastSync: string | null } {
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

  dispatch(name: string, input: unknown, token: string | null): Promise<RpcResult> {
    return this.dispatcher.dispatch(name, input, token);
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
}

export interface StationOptions {
  dataDir: string;
  consolePort?: number;
  host?: string;
  serveConsole?: boolean;
  /** the HIS listener: JSON on listenerPort, HL7 MLLP on mllpPort; false to run without */
  listen?: boolean;
  listenerPort?: number;
  listenerHost?: string;
  mllpPort?: number;
  log?: (line: string) => void;
  /** sync with the hub on a schedule when enrolled (default true) */
  sync?: boolean;
  syncIntervalMs?: number;
}

export interface RunningStation {
  readonly stationId: string;
  readonly consoleUrl: string | null;
  readonly listenerUrl: string | null;
  readonly mllpPort: number | null;
  readonly core: StationCore;
  dispatch(name: string, input: unknown, token: string | null): Promise<RpcResult>;
  close(): Promise<void>;
}

export async function startStation(options: StationOptions): Promise<RunningStation> {
  const log = options.log ?? ((line: string) => console.log(line));
  const core = await StationCore.open(options.dataDir, log, options.syncIntervalMs ? { syncIntervalMs: options.syncIntervalMs } : {});
  const closers: (() => Promise<void>)[] = [];
  let consoleUrl: string | null = null;
  let listenerUrl: string | null = null;
  let mllpPort: number | null = null;
  try {
    if (options.serveConsole !== false) {
      const bridge = await startHttpBridge(core, { host: options.host ?? '127.0.0.1', port: options.consolePort ?? DEFAULT_CONSOLE_PORT, log });
      closers.push(bridge.close);
      consoleUrl = bridge.url;
    }
    if (options.listen !== false) {
      const listener = await startJsonListener(core, { host: options.listenerHost ?? '127.0.0.1', port: options.listenerPort ?? DEFAULT_LISTENER_PORT, log });
      closers.push(listener.close);
      listenerUrl = listener.url;
      const mllp = await startMllpServer(core, { host: options.listenerHost ?? '127.0.0.1', port: options.mllpPort ?? DEFAULT_MLLP_PORT, log });
      closers.push(mllp.close);
      mllpPort = mllp.port;
    }
  } catch (error) {
    for (const close of closers.reverse()) await close();
    core.close();
    throw error;
  }
  core.processor.start();
  // the schedule waits quietly while the station is not enrolled; enrolling starts it
  if (options.sync !== false) core.sync.start();
  return {
    stationId: core.stationId,
    consoleUrl,
    listenerUrl,
    mllpPort,
    core,
    dispatch: (name, input, token) => core.dispatch(name, input, token),
    async close() {
      core.sync.stop();
      await core.sync.settle();
      core.processor.stop();
      for (const close of closers.reverse()) await close();
      core.close();
    },
  };
}
