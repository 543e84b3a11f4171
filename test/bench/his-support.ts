/**
 * What the HIS benches share: the server process (test/bench/his-server.ts,
 * bundled and run the way the station ships) and the load generator
 * (test/bench/his-load.ts).
 *
 * The server is bundled with esbuild into one CommonJS file, as
 * scripts/build-main.ts bundles the station CLI, and run by plain `node`: no
 * TypeScript loader in the process, so its memory and CPU are the station's
 * own. Set PX360_BENCH_PROFILE=<dir> to have every server process write a
 * V8 CPU profile there (node --cpu-prof).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import type { LoadConfig, LoadLine, LoadResult } from './his-load.js';
import type { ParentMessage, ProcessedMessage, ReadyMessage, ServerKind, StatsMessage } from './his-server.js';

const HERE = import.meta.dirname;
const REPO_ROOT = path.resolve(HERE, '../..');
export const PROFILE_ENV = 'PX360_BENCH_PROFILE';

/** Bundles his-server.ts into `dir`; answers the file. */
export async function bundleServer(dir: string): Promise<string> {
  const outfile = path.join(dir, 'his-server.cjs');
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(HERE, 'his-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // a native addon: loaded from node_modules, as in the shipped app
    external: ['better-sqlite3'],
    // the sources are ESM; in a CJS bundle import.meta is mapped onto CJS's own variables (as build-main does)
    define: { 'import.meta.url': '__px360ImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    banner: { js: "const __px360ImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  return outfile;
}

function serverProcess(bundle: string, args: readonly string[]): ChildProcess {
  const profileDir = process.env[PROFILE_ENV];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  return spawn(process.execPath, [...profile, bundle, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // the bundle lives in a scratch folder: find better-sqlite3 in the project's node_modules
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
  });
}

/** A running server: the station, or a raw baseline. */
export class ServerProcess {
  private readonly waiting: ((stats: StatsMessage) => void)[] = [];

  private constructor(
    readonly kind: ServerKind,
    /** a station with its background jobs running (processing, sync, a subscriber, a busy job) */
    readonly background: boolean,
    private readonly child: ChildProcess,
    readonly ready: ReadyMessage,
  ) {
    child.on('message', (message: ReadyMessage | StatsMessage) => {
      if (message.type === 'stats') this.waiting.shift()?.(message);
    });
  }

  static start(bundle: string, kind: Exclude<ServerKind, 'process'>, dataDir: string, background = false): Promise<ServerProcess> {
    const child = serverProcess(bundle, [kind, dataDir, ...(background ? ['background'] : [])]);
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${code}) before it listened`)));
      child.once('message', (message: ReadyMessage) => resolve(new ServerProcess(kind, background, child, message)));
    });
  }

  /** How the figures name it. */
  get name(): string {
    return this.background ? `${this.kind}, jobs running` : this.kind;
  }

  stats(): Promise<StatsMessage> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send({ type: 'stats' } satisfies ParentMessage);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.removeAllListeners('exit');
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'close' } satisfies ParentMessage);
    });
  }
}

/** Runs the `process` kind: accept `encounters` visits, drain, report, exit. */
export function processInServer(bundle: string, dataDir: string, encounters: number, block: number): Promise<ProcessedMessage> {
  const child = serverProcess(bundle, ['process', dataDir, String(encounters), String(block)]);
  return new Promise((resolve, reject) => {
    let result: ProcessedMessage | null = null;
    child.on('message', (message: ProcessedMessage) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`the processing server exited (${code}) without a result`))));
  });
}

/** Runs the load generator to its end; `onMeasuring` when its warm-up ends. */
export function load(config: LoadConfig, onMeasuring: () => void = () => {}): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'his-load.ts'), JSON.stringify(config)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let result: LoadResult | null = null;
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as LoadLine;
      if (line.event === 'measuring') onMeasuring();
      else result = line.result;
    });
    child.on('error', reject);
    child.on('close', (code) => (result ? resolve(result) : reject(new Error(`the load generator exited (${code}) without a result`))));
  });
}

export const mb = (bytes: number): number => bytes / (1024 * 1024);
