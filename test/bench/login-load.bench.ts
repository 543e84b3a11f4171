/**
 * 40 people sign in at once (the morning shift), over the console's HTTP
 * server, while someone already signed in keeps working: how long do that
 * person's calls take meanwhile? Probed every 100 ms while the logins run:
 * an API call (`auth.me`: SQLite on the event loop) and a console file
 * (`/index.html`: read on libuv's thread pool, which scrypt shares).
 *
 * Compared: hashing unqueued (as before issue 9: every login's scrypt at
 * once, four on the pool and the rest waiting in the pool's own queue), and
 * the station's queue at 4 and at 2 at once (HASH_CONCURRENCY), 32 waiting.
 * Target (issue): the other person's calls stay under 250 ms at the 95th
 * percentile while 40 logins run.
 */
import fs from 'node:fs';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { consoleDir } from '../../src-main/core/paths.js';
import { StationCore } from '../../src-main/core/station.js';
import { createDefaultRoles, roleByCode } from '../../src-main/domains/accounts/roles.js';
import { HASH_CONCURRENCY, HASH_QUEUE_LIMIT, hashPassword, hashing } from '../../src-main/domains/accounts/passwords.js';
import { startConsoleServer } from '../../src-main/transports/console-http.js';
import { formatMs, machineNote, percentile, recordResult, scratchDir, verdict } from './support.js';

const LOGINS = 40;
const PROBE_EVERY_MS = 100;
const TARGET_P95_MS = 250;
const PASSWORD = 'Saffron-Ledger-Kettle-41';

interface Setting {
  readonly name: string;
  readonly concurrency: number;
  readonly waiting: number;
}

const SETTINGS: readonly Setting[] = [
  { name: 'unqueued (before)', concurrency: 10_000, waiting: 10_000 },
  { name: 'queue 4 at once', concurrency: 4, waiting: HASH_QUEUE_LIMIT },
  { name: `queue ${HASH_CONCURRENCY} at once (station)`, concurrency: HASH_CONCURRENCY, waiting: HASH_QUEUE_LIMIT },
];

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  return performance.now() - started;
}

function summary(latencies: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
}

async function main(): Promise<void> {
  const dir = scratchDir('px360-bench-login-');
  const core = await StationCore.open(dir, () => {}, { signInFailuresPerMinute: 100_000 });
  createDefaultRoles(core.data, SYSTEM_ACTOR);
  // one hash for every bench user (their salts need not differ here): the fixture costs one scrypt
  const hash = await hashPassword(PASSWORD);
  const staff = roleByCode(core.store, 'staff')!.id;
  const admin = roleByCode(core.store, 'px_admin')!.id;
  const usernames = Array.from({ length: LOGINS }, (_, i) => `shift.${i}`);
  core.data.write(SYSTEM_ACTOR, (tx) => {
    const hospital = tx.insert('hospitals', { code: 'BENCH', name_en: 'Bench', name_ar: 'اختبار', time_zone: 'Asia/Riyadh', active: 1 });
    for (const [username, role, hospitalId] of [['working.admin', admin, null] as const, ...usernames.map((u) => [u, staff, hospital.id] as const)]) {
      tx.insert('users', {
        username,
        name_en: username,
        name_ar: username,
        email: null,
        phone: null,
        preferred_language: 'en',
        role_id: role,
        hospital_id: hospitalId,
        department_id: null,
        active: 1,
        password_hash: hash,
        password_changed_at: tx.now,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
      });
    }
  });
  const server = await startConsoleServer(core, { host: '127.0.0.1', port: 0, log: () => {} });
  const rpc = (name: string, body: unknown, token?: string) =>
    fetch(`${server.url}rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const signIn = await (await rpc('auth.login', { username: 'working.admin', password: PASSWORD })).json();
  const token = (signIn as { token: string }).token;
  const hasConsole = fs.existsSync(`${consoleDir()}/index.html`);
  const probes: [string, () => Promise<Response>][] = [['auth.me', () => rpc('auth.me', {}, token)]];
  if (hasConsole) probes.push(['console file', () => fetch(`${server.url}index.html`)]);
  else console.log('dist/renderer is not built: the console-file probe is skipped (npm run build:renderer)');

  console.log(`login load: ${LOGINS} concurrent logins over HTTP; probes every ${PROBE_EVERY_MS} ms (${machineNote()})`);
  try {
    // idle latency first
    for (const [probe, run] of probes) {
      const idle: number[] = [];
      for (let i = 0; i < 20; i += 1) idle.push(await timed(run));
      const { p50, p95 } = summary(idle);
      console.log(`  idle ${probe}: p50 ${formatMs(p50)}, p95 ${formatMs(p95)}`);
      recordResult({ bench: 'login-load', measure: `idle ${probe} p95`, value: formatMs(p95), target: 'baseline', meets: null });
    }
    for (const setting of SETTINGS) {
      hashing.resize(setting.concurrency, setting.waiting);
      const latencies = new Map<string, number[]>(probes.map(([name]) => [name, []]));
      let running = true;
      const probing = (async () => {
        while (running) {
          for (const [name, run] of probes) latencies.get(name)!.push(await timed(run));
          await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
        }
      })();
      const started = performance.now();
      const statuses = await Promise.all(usernames.map(async (username) => (await rpc('auth.login', { username, password: PASSWORD })).status));
      const loginsMs = performance.now() - started;
      running = false;
      await probing;
      const busy = statuses.filter((s) => s === 503).length;
      console.log(`  ${setting.name}: 40 logins in ${formatMs(loginsMs)} (${statuses.filter((s) => s === 200).length} signed in, ${busy} told "busy")`);
      recordResult({ bench: 'login-load', measure: `${setting.name}: 40 logins`, value: formatMs(loginsMs), target: 'information', meets: null });
      for (const [name, values] of latencies) {
        const { p50, p95, max } = summary(values);
        const meets = p95 < TARGET_P95_MS;
        console.log(`    ${name} meanwhile (${values.length} probes): p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, max ${formatMs(max)} — ${verdict(meets)}`);
        recordResult({ bench: 'login-load', measure: `${setting.name}: ${name} p95`, value: formatMs(p95), target: `< ${TARGET_P95_MS} ms`, meets });
      }
    }
  } finally {
    hashing.resize(HASH_CONCURRENCY, HASH_QUEUE_LIMIT);
    await server.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
