import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcess } from './station.js';

/**
 * A real hub for one spec file, as `npm run hub` runs it: its own embedded
 * PostgreSQL in a fresh data folder, a free loopback port, and the hub CLI's
 * administration commands (create-hospital, enrolment-code) on the same
 * folder. Stopped (and its folder removed) when the file is done — or
 * earlier, to see the station cope without it.
 */
export interface RunningHub {
  readonly url: string;
  /** `npm run hub -- <args> --data-dir <its folder>`; answers its standard output */
  command(...args: string[]): string;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const hubCli = path.join(root, 'src-hub', 'cli.ts');

export async function startHub(): Promise<RunningHub> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'px360-e2e-hub-'));
  const port = await freePort();
  const child = spawn(tsx, [hubCli, '--data-dir', dataDir, '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // the first run initialises PostgreSQL
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`hub did not answer within 120 s:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  let stopped = false;
  return {
    url,
    command(...args) {
      const run = spawnSync(tsx, [hubCli, ...args, '--data-dir', dataDir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      if (run.status !== 0) throw new Error(`hub ${args[0]} failed:\n${run.stdout}\n${run.stderr}`);
      return run.stdout.trim();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopProcess(child, 10_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
