import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { RpcResult } from '../../src-shared/bridge.js';
import { accountsHandlers } from '../domains/accounts/handlers.js';
import { rolesReady } from '../domains/accounts/roles.js';
import { AccountsService } from '../domains/accounts/service.js';
import { AuditLog } from '../domains/audit/audit-log.js';
import { auditHandlers } from '../domains/audit/handlers.js';
import { organizationsHandlers } from '../domains/organizations/handlers.js';
import { PatientsService } from '../domains/organizations/patients.js';
import { StaffService } from '../domains/organizations/staff.js';
import { StructureService } from '../domains/organizations/structure.js';
import type { Handlers } from './context.js';
import { DataLayer } from './data-layer.js';
import { Store } from './db/store.js';
import { Dispatcher } from './dispatcher.js';
import { startHttpBridge } from './http-bridge.js';
import { appVersion, defaultDataDir } from './paths.js';

export { defaultDataDir };

export const DEFAULT_CONSOLE_PORT = 4360;
export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

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
  readonly dispatcher: Dispatcher;

  private constructor(
    readonly store: Store,
    readonly stationId: string,
    readonly dataDir: string,
    log: (line: string) => void,
  ) {
    this.audit = new AuditLog(store, stationId);
    this.data = new DataLayer(store, this.audit, stationId);
    this.accounts = new AccountsService(store, this.data);
    this.structure = new StructureService(store, this.data);
    this.staff = new StaffService(store, this.data, this.structure);
    this.patients = new PatientsService(store, this.data, this.structure);
    const handlers: Handlers = {
      'system.status': () => ({
        stationId,
        version: appVersion(),
        needsSetup: this.accounts.userCount() === 0,
        rolesReady: rolesReady(store),
        defaultTimeZone: DEFAULT_TIME_ZONE,
      }),
      ...accountsHandlers(this.accounts),
      ...organizationsHandlers(this.structure, this.staff, this.patients),
      ...auditHandlers(this.audit),
    };
    this.dispatcher = new Dispatcher({ store, data: this.data, accounts: this.accounts, handlers, log });
  }

  static async open(dataDir: string, log: (line: string) => void = () => {}): Promise<StationCore> {
    const store = await Store.open(path.join(dataDir, 'station.sqlite'));
    return new StationCore(store, stationIdOf(store), dataDir, log);
  }

  dispatch(name: string, input: unknown, token: string | null): Promise<RpcResult> {
    return this.dispatcher.dispatch(name, input, token);
  }

  close(): void {
    this.store.close();
  }
}

export interface StationOptions {
  dataDir: string;
  consolePort?: number;
  host?: string;
  serveConsole?: boolean;
  log?: (line: string) => void;
}

export interface RunningStation {
  readonly stationId: string;
  readonly consoleUrl: string | null;
  readonly core: StationCore;
  dispatch(name: string, input: unknown, token: string | null): Promise<RpcResult>;
  close(): Promise<void>;
}

export async function startStation(options: StationOptions): Promise<RunningStation> {
  const log = options.log ?? ((line: string) => console.log(line));
  const core = await StationCore.open(options.dataDir, log);
  let bridge: Awaited<ReturnType<typeof startHttpBridge>> | null = null;
  if (options.serveConsole !== false) {
    try {
      bridge = await startHttpBridge(core, { host: options.host ?? '127.0.0.1', port: options.consolePort ?? DEFAULT_CONSOLE_PORT, log });
    } catch (error) {
      core.close();
      throw error;
    }
  }
  return {
    stationId: core.stationId,
    consoleUrl: bridge?.url ?? null,
    core,
    dispatch: (name, input, token) => core.dispatch(name, input, token),
    async close() {
      await bridge?.close();
      core.close();
    },
  };
}
