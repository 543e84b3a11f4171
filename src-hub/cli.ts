/**
 * `npm run hub -- [command] --data-dir DIR …`
 *
 *   (no command)       run the hub: --port N (8090) --host H (127.0.0.1) [--admin-token-stdin]
 *                      [--tls-cert FILE --tls-key FILE]  (PEM; HTTPS) [--trust-proxy ADDR …]
 *                      [--public-url URL]  (where patients' phones reach it: survey links)
 *   purge-message      --station ID --hlc STAMP | --future
 *   create-hospital    --code CODE --name-en NAME --name-ar NAME [--time-zone TZ]
 *   enrolment-code     --hospital CODE | --group
 *   revoke-station     --station ID
 *
 * PostgreSQL comes from DATABASE_URL, or an embedded server in DIR/pg.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../src-shared/errors.js';
import { createHospitalSchema, purgeRequestSchema, stationIdSchema } from '../src-shared/hub-api.js';
import { ADMIN_TOKEN_FILE, deliverAdminToken } from './admin-token.js';
import { type HubCore, openHubCore, startHub } from './hub.js';
import { jsonLog } from './log.js';
import { purgeMessages } from './sync/purge.js';

const DEFAULT_PORT = 8090;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'admin-token-stdin': { type: 'boolean' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'trust-proxy': { type: 'string', multiple: true },
    'public-url': { type: 'string' },
    hlc: { type: 'string' },
    future: { type: 'boolean' },
    code: { type: 'string' },
    'name-en': { type: 'string' },
    'name-ar': { type: 'string' },
    'time-zone': { type: 'string' },
    hospital: { type: 'string' },
    group: { type: 'boolean' },
    station: { type: 'string' },
    help: { type: 'boolean' },
  },
});

function usage(): never {
  console.log(`PX360 hub

  npm run hub -- --data-dir DIR [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--admin-token-stdin] [--tls-cert FILE --tls-key FILE]
                 [--trust-proxy ADDRESS-OR-CIDR …] [--public-url https://px.example.sa]
  npm run hub -- create-hospital --data-dir DIR --code CODE --name-en NAME --name-ar NAME [--time-zone Asia/Riyadh]
  npm run hub -- enrolment-code --data-dir DIR (--hospital CODE | --group)
  npm run hub -- revoke-station --data-dir DIR --station ID
  npm run hub -- purge-message --data-dir DIR (--station ID --hlc STAMP | --future)

PostgreSQL: DATABASE_URL, or an embedded server in DIR/pg (initialised on first run).
The admin token made at the first start is shown once on the terminal, or, started without one (a
service), written to DIR/${ADMIN_TOKEN_FILE} (readable by this account only): read it, then delete the file.
--admin-token-stdin sets the token from standard input instead.
--trust-proxy names a reverse proxy whose X-Forwarded-For is believed (repeat for several).
--public-url is the address patients' phones open survey links at (default: the address the hub listens on).
DIR/hub.key (made on first start, readable by this account only) keys the survey links and seals the
message providers' settings: back it up apart from the database, and give every hub worker the same file.`);
  process.exit(values.help ? 0 : 2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The certificate and key files for HTTPS: both or neither. */
function readTls(certFile: string | undefined, keyFile: string | undefined): { cert: Buffer; key: Buffer } | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    console.error('Pass both --tls-cert and --tls-key (PEM files), or neither.');
    process.exit(2);
  }
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(path.resolve(file));
    } catch (error) {
      console.error(`Cannot read the TLS ${what} ${file}: ${(error as Error).message}`);
      process.exit(2);
    }
  };
  return { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
}

/** `--public-url`: an http(s) address without a path's trailing slash, or nothing. */
function publicUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    return url.toString().replace(/\/+$/, '');
  } catch {
    console.error(`--public-url must be an http(s) address, such as https://px.example.sa (got ${value}).`);
    process.exit(2);
  }
}

async function withCore(dataDir: string, run: (core: HubCore) => Promise<void>): Promise<void> {
  // Logs go to stderr so stdout carries only the answer (a code to copy).
  const core = await openHubCore({
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    log: jsonLog((line) => process.stderr.write(`${line}\n`)),
    ownsServer: false,
  });
  try {
    await run(core);
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const command = positionals[0] ?? 'serve';
  if (values.help || !values['data-dir']) usage();
  const dataDir = path.resolve(values['data-dir']);

  switch (command) {
    case 'serve': {
      const adminToken = values['admin-token-stdin'] ? await readStdin() : undefined;
      const hub = await startHub({
        dataDir,
        databaseUrl: process.env.DATABASE_URL,
        host: values.host ?? '127.0.0.1',
        port: values.port ? Number(values.port) : DEFAULT_PORT,
        adminToken,
        tls: readTls(values['tls-cert'], values['tls-key']),
        trustProxy: values['trust-proxy'],
        publicUrl: publicUrl(values['public-url']),
      });
      if (hub.newAdminToken) {
        // never into the JSON log: see deliverAdminToken
        hub.core.log('hub.admin_token_created', {
          note: 'Shown once. Keep it: the hub stores only its hash.',
          ...deliverAdminToken(hub.newAdminToken, dataDir, process.stdout),
        });
      }
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        hub.core.log('hub.stopping');
        await hub.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
      return;
    }
    case 'create-hospital':
      return withCore(dataDir, async (core) => {
        const input = createHospitalSchema.parse({
          code: values.code,
          nameEn: values['name-en'],
          nameAr: values['name-ar'],
          timeZone: values['time-zone'] ?? undefined,
        });
        console.log(JSON.stringify(await core.registry.createHospital(input)));
      });
    case 'enrolment-code':
      return withCore(dataDir, async (core) => {
        if (!values.group && !values.hospital) usage();
        const issued = await core.registry.issueEnrolmentCode(values.group ? { group: true } : { hospitalCode: (values.hospital ?? '').toUpperCase() });
        console.log(issued.code);
        console.error(
          `One-time code for ${issued.scope.kind === 'group' ? 'a group station' : `hospital ${issued.scope.hospitalCode}`}, expires ${issued.expiresAt}.`,
        );
      });
    case 'revoke-station':
      return withCore(dataDir, async (core) => {
        const station = await core.registry.revokeStation(stationIdSchema.parse(values.station));
        console.log(JSON.stringify(station));
      });
    case 'purge-message':
      return withCore(dataDir, async (core) => {
        const selector = purgeRequestSchema.parse(values.future ? { future: true } : { stationId: values.station, hlc: values.hlc });
        const result = await purgeMessages(core.postgres.db, selector);
        core.log('messages.purged', { ...selector, ...result });
        console.log(JSON.stringify(result));
      });
    default:
      usage();
  }
}

main().catch((error: unknown) => {
  if (error instanceof AppError)
    console.error(
      `${error.toBody().error.message.en} (${error.code}${error.fields.length ? `: ${error.fields.map((f) => `${f.path} ${f.message.en}`).join(', ')}` : ''})`,
    );
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
