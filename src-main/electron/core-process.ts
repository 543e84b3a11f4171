import { defaultDataDir } from '../core/paths.js';
import { startStation, type RunningStation } from '../runner/station-runner.js';
import { internalErrorResult, toCoreMessageSchema, type FromCoreMessage } from './core-messages.js';

/*
 * Entry point of the Electron utilityProcess that hosts the station core: the
 * SQLite store, domain services and listeners live here, so a slow query or a
 * crash never freezes the window. The console is not served over HTTP in the
 * desktop app (serveConsole: false); calls arrive from main over parentPort.
 */

const port = process.parentPort;
if (port === undefined || port === null) {
  console.error('core-process must run inside an Electron utilityProcess');
  process.exit(2);
}

function send(message: FromCoreMessage): void {
  port.postMessage(message);
}

function dataDirFromArgs(argv: readonly string[]): string {
  const index = argv.indexOf('--data-dir');
  const value = index >= 0 ? argv[index + 1] : undefined;
  return value !== undefined && value !== '' ? value : defaultDataDir();
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

process.on('uncaughtException', (error) => {
  send({ type: 'fatal', message: `uncaught: ${describe(error)}` });
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  send({ type: 'fatal', message: `unhandled rejection: ${describe(reason)}` });
  process.exit(1);
});

const dataDir = dataDirFromArgs(process.argv);
// main sends the master key from the OS credential store first (src-main/electron/station-key.ts)
let keysArrived: (masterKey: Buffer | undefined) => void = () => {};
const masterKey = new Promise<Buffer | undefined>((resolve) => (keysArrived = resolve));
const stationReady: Promise<RunningStation> = masterKey.then((key) =>
  startStation({
    dataDir,
    serveConsole: false,
    log: (line) => send({ type: 'log', line }),
    ...(key ? { masterKey: key } : {}),
  }),
);

stationReady.then(
  (station) => send({ type: 'ready', stationId: station.stationId, dataDir }),
  (error: unknown) => {
    send({ type: 'fatal', message: `could not start the station in ${dataDir}: ${describe(error)}` });
    process.exit(1);
  },
);

let closing = false;

port.on('message', (event) => {
  const parsed = toCoreMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    send({ type: 'log', line: 'core ignored a malformed message from main' });
    return;
  }
  const message = parsed.data;
  if (message.type === 'keys') {
    keysArrived(message.masterKey ? Buffer.from(message.masterKey, 'base64') : undefined);
    return;
  }
  if (message.type === 'shutdown') {
    if (closing) return;
    closing = true;
    // Close the store before exiting so the WAL is checkpointed and no commit is cut in half.
    void stationReady
      .then((station) => station.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          send({ type: 'fatal', message: `error while closing the station: ${describe(error)}` });
          process.exit(1);
        },
      );
    return;
  }
  void stationReady
    // over IPC from the desktop window: the origin is 'local' (one person at this computer)
    .then((station) => station.dispatch(message.name, message.input, message.token))
    .catch((error: unknown) => {
      // The dispatcher answers domain errors itself; anything reaching here is a bug worth the full stack in the log.
      send({ type: 'log', line: `dispatch of ${message.name} threw: ${describe(error)}` });
      return internalErrorResult();
    })
    .then((result) => send({ type: 'rpc-result', id: message.id, result }));
});
