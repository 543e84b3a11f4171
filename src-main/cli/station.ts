import fs from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, validationError } from '../../src-shared/errors.js';
import { createDefaultRoles } from '../domains/accounts/roles.js';
import { verifyAudit } from '../domains/audit/handlers.js';
import { SYSTEM_ACTOR } from '../core/audit-log.js';
import { StoreOpenError } from '../core/db/store.js';
import { StationCore, defaultDataDir } from '../core/station.js';
import { DEFAULT_CONSOLE_PORT, DEFAULT_MLLP_PORT, startStation } from '../runner/station-runner.js';
import { DEFAULT_LISTENER_PORT } from '../listener/json-listener.js';
import { contract } from '../../src-shared/contract/index.js';
import { renderMessage } from '../../src-shared/messages.js';
import { HubError } from '../sync/client.js';
import type { TlsFiles } from '../transports/http-common.js';
import { buildConsole, consoleBundleFacts, planConsoleBundle } from './console-bundle.js';
import { INTEGRATION_HELP, integrationCommand } from './integration-command.js';
import { SURVEYS_HELP, surveysCommand } from './surveys-command.js';

const HELP = `PX360 station — the patient-experience station, headless.

Usage: npm run station -- [command] [flags]

Commands:
  start                 run the station: console and API on loopback (default);
                        in a clone, builds the console first if it is missing
  create-roles          create the eight default roles (safe to repeat)
  create-admin          create a PX Admin: --username U --password-stdin
                        [--name-en "…"] [--name-ar "…"] [--email E]
  seed-demo             demo group: 3 hospitals, departments, physicians,
                        users of every role, journey templates, 10,000 patients,
                        a month of surveys, complaints and PX actions
                        [--patients N] [--no-complaints]
${INTEGRATION_HELP}
${SURVEYS_HELP}
  process-events        process every due HIS event now, print what happened
  verify-audit          check the audit chain (hashes and keyed seals) and its
                        checkpoint at the hub; exit 1 if broken, cut short or rewritten
  enrol                 enrol this station with the hub: --hub URL --code CODE
                        [--name "Station name"] [--insecure-hub: allow a plain
                        http:// hub beyond this machine, for a test network]
  sync                  one sync round with the hub now; prints what moved
  help                  this text

Flags (every command):
  --data-dir DIR        the station's data folder (default: ${defaultDataDir()})
  --console-port N      start: console and /rpc port (default ${DEFAULT_CONSOLE_PORT}; 0 = any free port)
  --host H              start: address to bind (default 127.0.0.1)
  --listener-port N     start: HIS JSON listener port (default ${DEFAULT_LISTENER_PORT})
  --listener-host H     start: HIS listener address (default 127.0.0.1;
                        0.0.0.0 for the hospital LAN — every request needs a token)
  --listener-tls-cert F, --listener-tls-key F
                        start: serve the listener over HTTPS (PEM files)
  --mllp-port N         start: HL7 v2 MLLP port (default ${DEFAULT_MLLP_PORT})
  --mllp-host H         start: MLLP address (default 127.0.0.1; its own, so
                        opening the JSON listener does not open MLLP)
  --mllp-tls-cert F, --mllp-tls-key F
                        start: MLLP over TLS (PEM files); client certificates
                        are checked per source
  --no-listener         start: run without the HIS listener
  --no-console          start: run without the console and /rpc (listeners only)
  --help                this text

Every command works while a station is running on the same folder.`;

const options = {
  'data-dir': { type: 'string' },
  'console-port': { type: 'string' },
  host: { type: 'string' },
  'listener-port': { type: 'string' },
  'listener-host': { type: 'string' },
  'listener-tls-cert': { type: 'string' },
  'listener-tls-key': { type: 'string' },
  'mllp-port': { type: 'string' },
  'mllp-host': { type: 'string' },
  'mllp-tls-cert': { type: 'string' },
  'mllp-tls-key': { type: 'string' },
  hospital: { type: 'string', multiple: true },
  'mllp-peer': { type: 'string', multiple: true },
  'mllp-client-cert': { type: 'string' },
  'no-listener': { type: 'boolean' },
  'no-console': { type: 'boolean' },
  name: { type: 'string' },
  'source-system': { type: 'string' },
  signed: { type: 'boolean' },
  'rate-limit': { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'name-en': { type: 'string' },
  'name-ar': { type: 'string' },
  email: { type: 'string' },
  patients: { type: 'string' },
  'no-complaints': { type: 'boolean' },
  hub: { type: 'string' },
  'insecure-hub': { type: 'boolean' },
  code: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Demo data (users with a published password, synthetic patients) is never
 * written where real work happens: not on a station enrolled with a hub (it
 * would sync to every hospital), nor on one with users of its own.
 */
function demoRefusal(core: StationCore): string | null {
  if (core.sync.state.enrolment()) return 'seed-demo refused: this station is enrolled with a hub, and demo data would reach every station of the group.';
  const users = core.store.statement('SELECT count(*) FROM users').pluck().get() as number;
  if (users > 0) return `seed-demo refused: this station already has ${users} user(s). Demo data goes on a new data folder only (--data-dir).`;
  return null;
}

function portFlag(flag: string, value: string | undefined, fallback: number): number {
  const port = z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .safeParse(value ?? fallback);
  if (!port.success) fail(`--${flag} must be a port number (0–65535)`);
  return port.data;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const body = error.toBody().error;
    const fields = (body.fields ?? []).map((f) => `\n  ${f.path}: ${f.message.en} / ${f.message.ar}`).join('');
    return `${body.message.en} / ${body.message.ar}${fields}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A certificate and key named by a pair of flags: both or neither; files that cannot be read stop the start. */
function tlsFlags(kind: string, cert: string | undefined, key: string | undefined): TlsFiles | undefined {
  if (!cert && !key) return undefined;
  if (!cert || !key) fail(`--${kind}-tls-cert and --${kind}-tls-key go together`);
  try {
    return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
  } catch (error) {
    fail(`Cannot read the ${kind} certificate or key: ${(error as Error).message}`);
  }
}

/** Before serving the console: build it if it is missing and can be built; otherwise say why and stop. */
function ensureConsoleBundle(): void {
  const plan = planConsoleBundle(consoleBundleFacts());
  if (plan.action === 'refuse') {
    console.error(plan.message);
    process.exit(1);
  }
  if (plan.action === 'build') {
    console.log(plan.notice);
    if (!buildConsole()) {
      console.error('Building the console failed (see above); fix it, or start with --no-console.');
      process.exit(1);
    }
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options, allowPositionals: true, strict: true });
  const command = positionals[0] ?? 'start';
  if (values.help || command === 'help') {
    console.log(HELP);
    return;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();

  if (command === 'start') {
    const serveConsole = !values['no-console'];
    if (serveConsole) ensureConsoleBundle();
    const station = await startStation({
      dataDir,
      consolePort: portFlag('console-port', values['console-port'], DEFAULT_CONSOLE_PORT),
      host: values.host ?? '127.0.0.1',
      listen: !values['no-listener'],
      listenerPort: portFlag('listener-port', values['listener-port'], DEFAULT_LISTENER_PORT),
      listenerHost: values['listener-host'] ?? '127.0.0.1',
      listenerTls: tlsFlags('listener', values['listener-tls-cert'], values['listener-tls-key']),
      mllpPort: portFlag('mllp-port', values['mllp-port'], DEFAULT_MLLP_PORT),
      mllpHost: values['mllp-host'] ?? '127.0.0.1',
      mllpTls: tlsFlags('mllp', values['mllp-tls-cert'], values['mllp-tls-key']),
      serveConsole,
    });
    console.log(`PX360 station ${station.stationId} — data: ${dataDir}`);
    console.log(`Console: ${station.consoleUrl ?? 'off (--no-console)'}`);
    if (station.listenerUrl) console.log(`HIS listener: ${station.listenerUrl}api/v1/events (docs: ${station.listenerUrl}api/v1/docs)`);
    if (station.mllpPort !== null) console.log(`HL7 MLLP: port ${station.mllpPort}${values['mllp-tls-cert'] ? ' (TLS)' : ''}`);
    const stop = async () => {
      await station.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    return;
  }

  const core = await StationCore.open(dataDir, (line) => console.error(line));
  try {
    switch (command) {
      case 'create-roles': {
        const { created } = createDefaultRoles(core.data, SYSTEM_ACTOR);
        console.log(created.length ? `Created roles: ${created.join(', ')}` : 'All default roles already exist.');
        break;
      }
      case 'create-admin': {
        if (!values.username || !values['password-stdin']) fail('create-admin needs --username U and --password-stdin (the password on standard input)');
        const password = await readStdin();
        const input = contract['users.create'].input.safeParse({
          username: values.username,
          password,
          nameEn: values['name-en'] ?? values.username,
          nameAr: values['name-ar'] ?? values.username,
          email: values.email ?? null,
          roleCode: 'px_admin',
        });
        if (!input.success) fail(`Cannot create the admin: ${describe(validationError(input.error))}`);
        createDefaultRoles(core.data, SYSTEM_ACTOR);
        const user = await core.accounts.insertUser(SYSTEM_ACTOR, input.data);
        console.log(`Created PX Admin ${user.username} (${user.id}).`);
        break;
      }
      case 'seed-demo': {
        const patients = z.coerce
          .number()
          .int()
          .min(0)
          .max(2_000_000)
          .safeParse(values.patients ?? 10_000);
        if (!patients.success) fail('--patients must be a whole number up to 2,000,000');
        const refusal = demoRefusal(core);
        if (refusal) fail(refusal);
        const started = performance.now();
        const { seedDemo } = await import('../demo/seed-demo.js');
        const summary = await seedDemo(core, { patients: patients.data, complaints: !values['no-complaints'], log: (line) => console.log(line) });
        console.log(`Demo data ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
        console.log(summary);
        break;
      }
      case 'integration': {
        try {
          for (const line of integrationCommand(core, positionals[1], values)) console.log(line);
        } catch (error) {
          fail(error instanceof AppError ? `Cannot add the source: ${describe(error)}` : describe(error));
        }
        break;
      }
      case 'surveys': {
        try {
          console.error(surveysCommand(core, positionals[1], values, (text) => process.stdout.write(text)));
        } catch (error) {
          fail(describe(error));
        }
        break;
      }
      case 'process-events': {
        const summary = core.processor.drain();
        console.log(
          `Processed ${summary.processed}, failed ${summary.failed}, quarantined ${summary.quarantined}, waiting ${summary.waiting}; ${summary.stagesCompleted} journey stages completed.`,
        );
        break;
      }
      case 'verify-audit': {
        const result = await verifyAudit(core.audit, core.sync);
        if (result.ok) console.log(`Audit chain intact: ${result.checked} entries checked, each hash and keyed seal.`);
        else {
          console.log(
            `Audit chain BROKEN at entry #${result.firstBroken?.seq} (${result.firstBroken?.id}): ${result.firstBroken?.reason}. ${result.checked} entries before it are intact.`,
          );
          process.exitCode = 1;
        }
        const anchor = result.anchor;
        const at = anchor?.seq
          ? `entry #${anchor.seq}, anchored ${anchor.anchoredAt}${anchor.source === 'kept' ? ', as the hub last said (not reachable now)' : ''}`
          : '';
        if (anchor?.state === 'matches') console.log(`It matches the hub's checkpoint (${at}).`);
        else if (anchor?.state === 'truncated') {
          console.log(`TRUNCATED: the hub holds a checkpoint at ${at}, beyond the last entry here — entries were cut off the end.`);
          process.exitCode = 1;
        } else if (anchor?.state === 'forked') {
          console.log(`REWRITTEN: the entry at the hub's checkpoint (${at}) is not the one anchored — the log here was rewritten.`);
          process.exitCode = 1;
        } else if (anchor?.state === 'none') console.log('No checkpoint anchored at the hub yet (it is sent at the next sync).');
        else console.log('Not compared with the hub: not enrolled, or the hub is unreachable and gave no checkpoint before.');
        break;
      }
      case 'enrol': {
        const input = contract['sync.enrol'].input.safeParse({ hubUrl: values.hub, code: values.code, ...(values.name ? { stationName: values.name } : {}) });
        if (!input.success) fail(`enrol needs --hub URL and --code CODE: ${describe(validationError(input.error))}`);
        try {
          await core.sync.enrol(input.data.hubUrl, input.data.code, input.data.stationName ?? `PX360 ${hostname()}`, SYSTEM_ACTOR, {
            insecure: values['insecure-hub'] === true,
          });
        } catch (error) {
          if (error instanceof AppError) fail(`Enrolment refused: ${describe(error)}`);
          if (error instanceof HubError)
            fail(`Enrolment failed: ${renderMessage(error.reason === 'bad_code' ? 'sync.bad_code' : `sync.${error.reason}`).en} (${error.message})`);
          throw error;
        }
        const scope = core.sync.status().scope;
        console.log(
          `Enrolled with ${input.data.hubUrl} as station ${core.stationId}; scope: ${scope?.kind === 'hospital' ? `hospital ${scope.hospitalId}` : 'group'}.`,
        );
        break;
      }
      case 'sync': {
        const round = await core.sync.syncNow();
        const status = core.sync.status();
        if (round.failure === 'not_enrolled') fail(`${renderMessage('sync.not_enrolled').en} Run enrol --hub URL --code CODE first.`);
        console.log(
          `Pushed ${round.pushed} messages${round.rejected ? ` (${round.rejected} rejected by the hub)` : ''}, pulled ${round.pulled} (${round.applied} cells applied); ${status.pendingMessages} waiting to be sent.`,
        );
        if (status.waitingCells > 0) console.log(`${status.waitingCells} remote cells wait to be applied.`);
        const { rejected, waiting } = status.problems;
        if (rejected + waiting > 0)
          console.log(
            `Sync problems: ${rejected} records with changes the hub refused, ${waiting} received records waiting; see Administration → Sync in the console.`,
          );
        if (status.skewWarning)
          console.log(`Warning: a station's clock is ${Math.round(status.clockSkewMs / 60_000)} minutes ahead of this one. Check the clocks; no edit is lost.`);
        if (!round.ok) {
          console.error(`Sync failed: ${status.lastError?.message.en ?? round.failure}`);
          process.exitCode = 1;
        }
        break;
      }
      default:
        fail(`Unknown command "${command}". Run with --help.`);
    }
  } finally {
    core.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof StoreOpenError) console.error(error.message);
  else console.error(describe(error));
  process.exit(1);
});
