import type { RpcResult } from '../../src-shared/bridge.js';
import type { ServerLimits } from '../../src-shared/server-limits.js';
import type { ClientOrigin } from '../core/context.js';
import { type CoreOptions, StationCore } from '../core/station.js';
import { DEFAULT_LISTENER_PORT, startJsonListener } from '../listener/json-listener.js';
import { type MllpLimits, startMllpServer } from '../listener/mllp-server.js';
import type { ConnectionCaps } from '../transports/connections.js';
import { startConsoleServer } from '../transports/console-http.js';
import { isLoopback, type ServerWarning, serverWarning, type TlsFiles } from '../transports/http-common.js';

export const DEFAULT_CONSOLE_PORT = 4360;
export const DEFAULT_MLLP_PORT = 2575;
export const DEFAULT_HOST = '127.0.0.1';

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
  /** HTTPS on the JSON listener */
  listenerTls?: TlsFiles | undefined;
  mllpPort?: number;
  /** MLLP binds on its own address (loopback by default): opening the JSON listener to the LAN does not open MLLP */
  mllpHost?: string;
  /** MLLP over TLS, with client certificates checked per source */
  mllpTls?: TlsFiles | undefined;
  /** request and connection limits of the HTTP servers, the JSON listener's connection caps, and MLLP's (tests and benches change them) */
  limits?: { http?: Partial<ServerLimits>; listenerConnections?: Partial<ConnectionCaps>; mllp?: Partial<MllpLimits> };
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
  /** what the station said at start about how it runs (also in /health) */
  readonly warnings: readonly ServerWarning[];
  readonly core: StationCore;
  dispatch(name: string, input: unknown, token: string | null, origin?: ClientOrigin): Promise<RpcResult>;
  close(): Promise<void>;
}

/** What an operator must hear about these options: a server beyond this computer that speaks in clear. */
export function startupWarnings(options: StationOptions): ServerWarning[] {
  const warnings: ServerWarning[] = [];
  const beyondLoopback = (host: string | undefined) => !isLoopback(host ?? DEFAULT_HOST);
  if (options.serveConsole !== false && beyondLoopback(options.host)) warnings.push(serverWarning('warning.console_plain_http'));
  if (options.listen !== false) {
    if (beyondLoopback(options.listenerHost) && !options.listenerTls) warnings.push(serverWarning('warning.listener_plain_http'));
    if (beyondLoopback(options.mllpHost) && !options.mllpTls) warnings.push(serverWarning('warning.mllp_plain'));
  }
  return warnings;
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
  const warnings = startupWarnings(options);
  for (const warning of warnings) log(`WARNING (${warning.key}): ${warning.message.en}`);
  const closers: (() => Promise<void>)[] = [];
  let consoleUrl: string | null = null;
  let listenerUrl: string | null = null;
  let mllpPort: number | null = null;
  try {
    if (options.serveConsole !== false) {
      const bridge = await startConsoleServer(core, {
        host: options.host ?? DEFAULT_HOST,
        port: options.consolePort ?? DEFAULT_CONSOLE_PORT,
        log,
        limits: options.limits?.http,
        warnings,
      });
      closers.push(bridge.close);
      consoleUrl = bridge.url;
    }
    if (options.listen !== false) {
      const listener = await startJsonListener(core, {
        host: options.listenerHost ?? DEFAULT_HOST,
        port: options.listenerPort ?? DEFAULT_LISTENER_PORT,
        log,
        tls: options.listenerTls,
        limits: options.limits?.http,
        caps: options.limits?.listenerConnections,
        warnings,
      });
      closers.push(listener.close);
      listenerUrl = listener.url;
      core.addresses.listenerUrl = listener.url;
      const mllp = await startMllpServer(core, {
        host: options.mllpHost ?? DEFAULT_HOST,
        port: options.mllpPort ?? DEFAULT_MLLP_PORT,
        log,
        tls: options.mllpTls,
        limits: options.limits?.mllp,
      });
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
    warnings,
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
