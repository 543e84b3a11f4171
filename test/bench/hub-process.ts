/**
 * The hub for the sync benches: the real `npm run hub` entry point
 * (src-hub/cli.ts) in its own process, on an embedded PostgreSQL started by
 * the bench, so the station being measured never shares the hub's event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../src-hub/db/postgres.js';
import { type TestPostgres, startTestPostgres } from '../fixtures/hub-postgres.js';
import { scratchDir } from './support.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

export interface BenchHub {
  readonly url: string;
  /** a direct connection to the hub's database, for setting up data */
  readonly sql: pg.Pool;
  admin<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startBenchHub(): Promise<BenchHub> {
  const postgres: TestPostgres = await startTestPostgres();
  const databaseUrl = await postgres.newDatabase();
  const port = await freePort();
  // PX360_BENCH_HUB_PROFILE=DIR writes a CPU profile of the hub process there
  const profile = process.env.PX360_BENCH_HUB_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PX360_BENCH_HUB_PROFILE}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(REPO_ROOT, 'src-hub/cli.ts'), '--data-dir', scratchDir('hub'), '--port', String(port), '--admin-token-stdin'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
  child.stdin?.end(BENCH_ADMIN_TOKEN);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 600) throw new Error('the hub did not start within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    url,
    sql,
    async admin<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      await sql.end();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await postgres.stop();
    },
  };
}
