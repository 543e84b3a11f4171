import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateHub } from './db/migrate.js';
import { type HubPostgres, openPostgres } from './db/postgres.js';
import { buildHubServer, type HubTls } from './http/server.js';
import type { ServerLimits } from '../src-shared/server-limits.js';
import { deriveHubKeys, hubMasterKey } from './keys.js';
import { type HubLog, jsonLog } from './log.js';
import { AuditAnchors } from './stations/audit-anchors.js';
import { StationRegistry } from './stations/registry.js';
import { type HubSurveys, hubSurveys } from './surveys/index.js';
import { HubWriter } from './sync/hub-writer.js';
import { Ingest, type IngestHooks } from './sync/ingest.js';
import { HubFiles } from './sync/files.js';

export interface HubDatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  log?: HubLog;
  hooks?: IngestHooks;
  /** a CLI command beside a running hub must not stop its embedded server */
  ownsServer?: boolean;
}

export interface HubCore {
  readonly postgres: HubPostgres;
  readonly registry: StationRegistry;
  readonly anchors: AuditAnchors;
  readonly ingest: Ingest;
  /** the hub's own writes (new hospitals, surveys sent and answered), stamped by its HLC node */
  readonly writer: HubWriter;
  /** attachment contents, sent and fetched by stations (docs/attachments.md) */
  readonly files: HubFiles;
  readonly log: HubLog;
  close(): Promise<void>;
}

export function hubVersion(): string {
  const file = path.resolve(import.meta.dirname, '..', 'package.json');
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The database side of the hub, migrated: what the server and the admin commands share. */
export async function openHubCore(options: HubDatabaseOptions): Promise<HubCore> {
  const log = options.log ?? jsonLog();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const postgres = await openPostgres({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, log, ownsServer: options.ownsServer ?? true });
  try {
    await migrateHub(postgres.db);
  } catch (error) {
    await postgres.close();
    throw error;
  }
  const ingest = new Ingest(postgres.db, log, options.hooks);
  const writer = new HubWriter(ingest);
  const registry = new StationRegistry(postgres.db, writer);
  const anchors = new AuditAnchors(postgres.db, log);
  const files = new HubFiles(postgres.db, log);
  return { postgres, registry, anchors, ingest, writer, files, log, close: () => postgres.close() };
}

export interface HubServerOptions extends HubDatabaseOptions {
  host: string;
  port: number;
  /** replaces the administrator token (`--admin-token-stdin`) */
  adminToken?: string | undefined;
  /** serve HTTPS (`--tls-cert`, `--tls-key`): stations send patient records over the network */
  tls?: HubTls | undefined;
  /** reverse proxies whose X-Forwarded-For is believed (`--trust-proxy`, addresses or CIDR ranges) */
  trustProxy?: readonly string[] | undefined;
  /** request and connection limits (tests shorten them) */
  limits?: Partial<ServerLimits> | undefined;
  /**
   * The address patients' phones reach the hub at (`--public-url`, e.g.
   * https://px.example.sa behind the group's proxy): survey links are
   * `<publicUrl>/s/<token>`. By default, the address the hub listens on.
   */
  publicUrl?: string | undefined;
  /** survey sending and the form (tests shorten the waits and widen the limits) */
  surveys?: {
    sendIntervalMs?: number;
    backoffBaseMs?: number;
    sendTimeoutMs?: number;
    formPostsPerMinute?: number;
  };
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly core: HubCore;
  readonly surveys: HubSurveys;
  /** the admin token made on first run, to print once; null when one existed */
  readonly newAdminToken: string | null;
  close(): Promise<void>;
}

export async function startHub(options: HubServerOptions): Promise<RunningHub> {
  const core = await openHubCore(options);
  const { registry, ingest, log } = core;
  let newAdminToken: string | null = null;
  if (options.adminToken) await registry.setAdminToken(options.adminToken);
  else newAdminToken = await registry.ensureAdminToken();

  const version = hubVersion();
  const updatesDir = path.join(options.dataDir, 'updates');
  fs.mkdirSync(updatesDir, { recursive: true });
  let listeningUrl = '';
  const surveys = hubSurveys(core.postgres.db, core.writer, deriveHubKeys(hubMasterKey(options.dataDir)), log, {
    dataDir: options.dataDir,
    publicUrl: () => options.publicUrl ?? listeningUrl,
    sendIntervalMs: options.surveys?.sendIntervalMs,
    backoffBaseMs: options.surveys?.backoffBaseMs,
    sendTimeoutMs: options.surveys?.sendTimeoutMs,
  });
  // a push that carried messages or a hospital's settings may have made something due: look now, not in 15 s
  ingest.onPushed((tables) => {
    if (tables.has('notification_messages') || tables.has('survey_settings') || tables.has('survey_instances') || tables.has('staff_emails'))
      surveys.outbox.wake();
    // a file taken off a record: its content goes once no record holds it
    if (tables.has('attachments')) void core.files.purgeRemoved().catch((error: Error) => log('error', { message: error.message }));
  });
  const serve = async () => {
    // a certificate and key that do not match fail here, before the port is taken
    const server = buildHubServer({
      db: core.postgres.db,
      registry,
      anchors: core.anchors,
      ingest,
      files: core.files,
      log,
      version,
      updatesDir,
      tls: options.tls,
      trustProxy: options.trustProxy,
      limits: options.limits,
      surveys,
      formPostsPerMinute: options.surveys?.formPostsPerMinute,
      async health() {
        try {
          await sql`SELECT 1`.execute(core.postgres.db);
          return { status: 'ok', database: 'ok', pendingWork: ingest.pending, version };
        } catch {
          return { status: 'degraded', database: 'unreachable', pendingWork: ingest.pending, version };
        }
      },
    });
    await server.listen({ host: options.host, port: options.port });
    return server;
  };
  let app: Awaited<ReturnType<typeof serve>>;
  try {
    app = await serve();
  } catch (error) {
    await core.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `${options.tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  listeningUrl = url;
  log('hub.listening', { url, publicUrl: surveys.publicUrl, database: core.postgres.description, version });
  surveys.outbox.start();
  if (!options.tls && !isLoopback(options.host)) {
    log('hub.plain_http', {
      note: 'Serving plain HTTP beyond this machine: station tokens and patient records cross the network unencrypted. Pass --tls-cert and --tls-key, or put a TLS proxy in front.',
    });
  }
  return {
    url,
    port,
    core,
    surveys,
    newAdminToken,
    async close() {
      await surveys.outbox.stop();
      await app.close();
      await core.close();
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
