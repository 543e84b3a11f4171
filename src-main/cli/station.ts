import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, validationError } from '../../src-shared/errors.js';
import { createDefaultRoles } from '../domains/accounts/roles.js';
import { SYSTEM_ACTOR } from '../domains/audit/audit-log.js';
import { StoreOpenError } from '../core/db/store.js';
import { DEFAULT_CONSOLE_PORT, StationCore, defaultDataDir, startStation } from '../core/station.js';
import { seedDemo } from '../demo/seed-demo.js';
import { contract } from '../../src-shared/contract/index.js';

const HELP = `PX360 station — the patient-experience station, headless.

Usage: npm run station -- [command] [flags]

Commands:
  start                 run the station: console and API on loopback (default)
  create-roles          create the eight default roles (safe to repeat)
  create-admin          create a PX Admin: --username U --password-stdin
                        [--name-en "…"] [--name-ar "…"] [--email E]
  seed-demo             demo group: 3 hospitals, departments, physicians,
                        users of every role, 10,000 patients [--patients N]
  verify-audit          walk the audit hash chain; exit 1 if a link is broken
  help                  this text

Flags (every command):
  --data-dir DIR        the station's data folder (default: ${defaultDataDir()})
  --console-port N      start: console and /rpc port (default ${DEFAULT_CONSOLE_PORT}; 0 = any free port)
  --host H              start: address to bind (default 127.0.0.1)
  --help                this text

Every command works while a station is running on the same folder.`;

const options = {
  'data-dir': { type: 'string' },
  'console-port': { type: 'string' },
  host: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'name-en': { type: 'string' },
  'name-ar': { type: 'string' },
  email: { type: 'string' },
  patients: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
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

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options, allowPositionals: true, strict: true });
  const command = positionals[0] ?? 'start';
  if (values.help || command === 'help') {
    console.log(HELP);
    return;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();

  if (command === 'start') {
    const port = z.coerce.number().int().min(0).max(65535).safeParse(values['console-port'] ?? DEFAULT_CONSOLE_PORT);
    if (!port.success) fail('--console-port must be a port number (0–65535)');
    const station = await startStation({ dataDir, consolePort: port.data, host: values.host ?? '127.0.0.1' });
    console.log(`PX360 station ${station.stationId} — data: ${dataDir}`);
    console.log(`Console: ${station.consoleUrl}`);
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
        const patients = z.coerce.number().int().min(0).max(2_000_000).safeParse(values.patients ?? 10_000);
        if (!patients.success) fail('--patients must be a whole number up to 2,000,000');
        const started = performance.now();
        const summary = await seedDemo(core, { patients: patients.data, log: (line) => console.log(line) });
        console.log(`Demo data ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
        console.log(summary);
        break;
      }
      case 'verify-audit': {
        const result = core.audit.verify();
        if (result.ok) console.log(`Audit chain intact: ${result.checked} entries checked.`);
        else {
          console.log(`Audit chain BROKEN at entry #${result.firstBroken?.seq} (${result.firstBroken?.id}): ${result.firstBroken?.reason}. ${result.checked} entries before it are intact.`);
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
