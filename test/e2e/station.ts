import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real headless station for one spec file: a fresh data folder, free
 * loopback ports for the console, the HIS JSON listener and MLLP, the
 * console bundle from dist/renderer. Stopped (and its folder removed) when
 * the file is done.
 */
export interface RunningStation {
  url: string;
  /** the HIS JSON listener, e.g. `http://127.0.0.1:41234/` (events go to `api/v1/events`) */
  listenerUrl: string;
  mllpPort: number;
  dataDir: string;
  /** password of the demo users, when started with demo data */
  demoPassword: string | null;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const stationCli = path.join(root, 'src-main', 'cli', 'station.ts');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM, and SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function waitFor200(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`station exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`station did not serve ${url} within ${timeoutMs} ms:\n${log()}`);
}

export async function startStation(
  options: {
    demo?: boolean;
    /** synthetic patients to seed with the demo (the CLI's default is 10,000) */ patients?: number;
    /** the demo's month of complaints and PX actions (default on) */ complaints?: boolean;
  } = {},
): Promise<RunningStation> {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm run test:e2e does it first)');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'px360-e2e-'));
  let demoPassword: string | null = null;
  if (options.demo) {
    const patients = [
      ...(options.patients === undefined ? [] : ['--patients', String(options.patients)]),
      ...(options.complaints === false ? ['--no-complaints'] : []),
    ];
    const seeded = spawnSync(tsx, [stationCli, 'seed-demo', '--data-dir', dataDir, ...patients], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    if (seeded.status !== 0) throw new Error(`seed-demo failed:\n${seeded.stdout}\n${seeded.stderr}`);
    demoPassword = /password "([^"]+)"/.exec(seeded.stdout)?.[1] ?? null;
  }

  const port = await freePort();
  // never the default 8088/2575: another station (or a spec before this one) may hold them
  const listenerPort = await freePort();
  const mllpPort = await freePort();
  const ports = ['--console-port', String(port), '--listener-port', String(listenerPort), '--mllp-port', String(mllpPort)];
  const child = spawn(tsx, [stationCli, 'start', '--data-dir', dataDir, ...ports], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://127.0.0.1:${port}/`;
  const listenerUrl = `http://127.0.0.1:${listenerPort}/`;
  try {
    await waitFor200(url, child, () => output, 60_000);
    // the listeners start just after the console
    await waitFor200(`${listenerUrl}health`, child, () => output, 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    url,
    listenerUrl,
    mllpPort,
    dataDir,
    demoPassword,
    async stop() {
      await stopProcess(child, 5_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
