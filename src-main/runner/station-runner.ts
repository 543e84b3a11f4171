import type { RpcResult } from '../../src-shared/bridge.js';
import type { ClientOrigin } from '../core/context.js';
import { type CoreOptions, StationCore } from '../core/station.js';
import { DEFAULT_LISTENER_PORT, startJsonListener } from '../listener/json-listener.js';
import { startMllpServer } from '../listener/mllp-server.js';
import { startConsoleServer } from '../transports/console-http.js';

export const DEFAULT_CONSOLE_PORT = 4360;
export const DEFAULT_MLLP_PORT = 2575;

export interface StationOptions {
  dataDir: string;
  /** the station's master key from the OS credential store (the desktop app); headless: station.key in the data folder */
  masterKey?: Buffer;
  consolePort?: number;
  host?: string;
  serveConsole?: boolean;
  /** the HIS listener: JSON on listenerPort, HL7 MLLP on mllpPort; false to run without */
  listen?: boolean;
  listenerPort?: number;
  listenerHost?: string;
  mllpPort?: number;
  log?: (line: string) => void;
  /** run the background jobs (event processing, sync, …; default true): false measures the intake alone */
  background?: boolean;
  syncIntervalMs?: number;
  /** domains beyond the station's own (benches and tests: a synthetic busy job) */
  moreDomains?: CoreOptions['moreDomains'];
}

export interface RunningStation {
  readonly stationId: string;
  readonly consoleUrl: string | null;
  readonly listenerUrl: string | null;
  readonly mllpPort: number | null;
  readonly core: StationCore;
  dispatch(name: string, input: unknown, token: string | null, origin?: ClientOrigin): Promise<RpcResult>;
  close(): Promise<void>;
}

/**
 * Runs a station: opens its core, starts the console server and the HIS
 * listeners it is configured for, then its scheduler (src-main/core/jobs.ts).
 * Closing stops the work first and waits for runs in progress, then the
 * servers, then the database.
 */
export async function startStation(options: StationOptions): Promise<RunningStation> {
  const log = options.log ?? ((line: string) => console.log(line));
  const core = await StationCore.open(options.dataDir, log, {
    ...(options.syncIntervalMs ? { syncIntervalMs: options.syncIntervalMs } : {}),
    ...(options.moreDomains ? { moreDomains: options.moreDomains } : {}),
    ...(options.masterKey ? { masterKey: options.masterKey } : {}),
  });
  const closers: (() => Promise<void>)[] = [];
  let consoleUrl: string | null = null;
  let listenerUrl: string | null = null;
  let mllpPort: number | null = null;
  try {
    if (options.serveConsole !== false) {
      const bridge = await startConsoleServer(core, { host: options.host ?? '127.0.0.1', port: options.consolePort ?? DEFAULT_CONSOLE_PORT, log });
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
  if (options.background !== false) core.scheduler.start();
  return {
    stationId: core.stationId,
    consoleUrl,
    listenerUrl,
    mllpPort,
    core,
    dispatch: (name, input, token, origin) => core.dispatch(name, input, token, origin),
    async close() {
      // no run starts after this; the runs in progress finish and their outcome is kept
      await core.scheduler.stop();
      // a round the console asked for (sync.now) runs beside the schedule
      await core.sync.settle();
      for (const close of closers.reverse()) await close();
      core.close();
    },
  };
}
