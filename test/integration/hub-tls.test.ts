/**
 * The hub over HTTPS (`--tls-cert`, `--tls-key`): stations send patient
 * records across hospital networks. The certificate in test/fixtures/tls is
 * self-signed for 127.0.0.1 and made for these tests only. A station trusts
 * a private certificate authority the way Node does: NODE_EXTRA_CA_CERTS.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationCore } from '../../src-main/core/station.js';
import { type TestHub, type TestPostgres, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import { tempDataDir } from '../fixtures/station.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TLS_DIR = path.join(ROOT, 'test', 'fixtures', 'tls');
const CERT = path.join(TLS_DIR, 'hub-cert.pem');
const KEY = path.join(TLS_DIR, 'hub-key.pem');
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

let postgres: TestPostgres;
let t: TestHub;
let hospitalId = '';

/** A command-line run as an operator types it, trusting `ca` (or nothing beyond the system's authorities). */
async function cli(script: string, args: string[], ca?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.NODE_EXTRA_CA_CERTS;
  if (ca) env.NODE_EXTRA_CA_CERTS = ca;
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function code(): Promise<string> {
  return (await t.hub.core.registry.issueEnrolmentCode({ hospitalCode: 'KFH' })).code;
}

function get(url: string, options: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, options, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres, {}, { tls: { cert: fs.readFileSync(CERT), key: fs.readFileSync(KEY) } });
  // the fixtures' admin calls use fetch, which trusts no private authority: the registry directly
  hospitalId = (await t.hub.core.registry.createHospital({ code: 'KFH', nameEn: 'Hospital KFH', nameAr: 'مستشفى KFH', timeZone: 'Asia/Riyadh' })).id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  await postgres?.stop();
});

describe('the hub over HTTPS', () => {
  it('answers over TLS with its certificate, and not in plain HTTP', async () => {
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await get(`${t.url}/health`, { ca: fs.readFileSync(CERT) });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: 'ok' });
    // a client that does not trust the certificate is stopped before anything is sent
    await expect(get(`${t.url}/health`)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    // plain HTTP to the TLS port gets no HTTP answer
    await expect(fetch(t.url.replace('https:', 'http:') + '/health')).rejects.toThrow();
  });

  it('speaks only TLS 1.2+ with forward-secret AEAD suites, and sends HSTS', async () => {
    const { port } = new URL(t.url);
    const handshake = (options: tls.ConnectionOptions) =>
      new Promise<{ protocol: string | null; cipher: string }>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: Number(port), ca: fs.readFileSync(CERT), ...options }, () => {
          resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
          socket.end();
        });
        socket.on('error', reject);
      });
    // what a probe found accepted before: a static-RSA CBC suite with no forward secrecy
    await expect(handshake({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' })).rejects.toThrow();
    await expect(handshake({ maxVersion: 'TLSv1.2', ciphers: 'AES256-GCM-SHA384' })).rejects.toThrow();
    await expect(handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' })).rejects.toThrow();
    expect(await handshake({ maxVersion: 'TLSv1.2' })).toMatchObject({ protocol: 'TLSv1.2', cipher: expect.stringMatching(/^ECDHE-.*(GCM|CHACHA20)/) });
    expect((await handshake({})).protocol).toBe('TLSv1.3');
    const health = await new Promise<string | undefined>((resolve, reject) =>
      https
        .get(`${t.url}/health`, { ca: fs.readFileSync(CERT) }, (response) => {
          response.resume();
          resolve(response.headers['strict-transport-security']);
        })
        .on('error', reject),
    );
    expect(health).toBe('max-age=31536000');
  });

  it('a station that trusts the hub’s authority enrols and syncs over it; one that does not is told why, and keeps its data', async () => {
    const dataDir = tempDataDir('px360-tls-');
    try {
      const untrusted = await cli('src-main/cli/station.ts', ['enrol', '--data-dir', dataDir, '--hub', t.url, '--code', await code()]);
      expect(untrusted.code).not.toBe(0);
      expect(untrusted.stderr).toContain("does not trust the hub's certificate");

      const enrolled = await cli('src-main/cli/station.ts', ['enrol', '--data-dir', dataDir, '--hub', t.url, '--code', await code()], CERT);
      expect(enrolled.stdout).toContain(`scope: hospital ${hospitalId}`);
      const synced = await cli('src-main/cli/station.ts', ['sync', '--data-dir', dataDir], CERT);
      expect(synced.code).toBe(0);

      const core = await StationCore.open(dataDir, () => {}, {});
      try {
        expect(core.store.sqlite.prepare('SELECT id, code FROM hospitals').all()).toEqual([{ id: hospitalId, code: 'KFH' }]);
        // the same station, run without the authority (this process): the round fails as untrusted, not as an outage
        const round = await core.sync.syncNow();
        expect(round).toMatchObject({ ok: false, failure: 'untrusted_hub' });
        expect(core.sync.status()).toMatchObject({ online: false, lastError: { key: 'sync.untrusted_hub' } });
        expect(core.sync.status().lastError?.message.ar).toContain('شهادة المركز');
        expect(core.store.sqlite.prepare('SELECT count(*) FROM hospitals').pluck().get()).toBe(1);
      } finally {
        core.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the hub command, started as a service (no terminal), never logs its new admin token: it leaves it in a 0600 file', async () => {
    const dataDir = tempDataDir('px360-hub-token-');
    const hub = spawn(tsx, ['src-hub/cli.ts', '--data-dir', dataDir, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: await postgres.newDatabase() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    hub.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    hub.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the hub did not start: ${output}`)), 60_000);
        // the token is left after the hub listens (its log says where): waiting for "listening" alone raced the file
        const watch = setInterval(() => {
          if (!output.includes('hub.admin_token_created')) return;
          clearInterval(watch);
          clearTimeout(timer);
          resolve();
        }, 100);
      });
      const file = path.join(dataDir, 'admin-token.txt');
      const token = fs.readFileSync(file, 'utf8').trim();
      expect(token).toMatch(/^pxa_/);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(output).not.toContain(token);
      expect(output).toContain(file);
    } finally {
      hub.kill('SIGTERM');
      await new Promise((resolve) => hub.once('exit', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the hub command refuses a certificate without its key, and warns when it serves plain HTTP beyond the machine', async () => {
    const dataDir = tempDataDir('px360-tls-hub-');
    try {
      const half = await cli('src-hub/cli.ts', ['--data-dir', dataDir, '--tls-cert', CERT]);
      expect(half.code).toBe(2);
      expect(half.stderr).toContain('Pass both --tls-cert and --tls-key');
      const missing = await cli('src-hub/cli.ts', ['--data-dir', dataDir, '--tls-cert', CERT, '--tls-key', path.join(TLS_DIR, 'absent.pem')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Cannot read the TLS key');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const open = await startTestHub(postgres, {}, { host: '0.0.0.0' });
    try {
      expect(open.logs.map((l) => l.event)).toContain('hub.plain_http');
    } finally {
      await open.close();
    }
    expect(t.logs.map((l) => l.event)).not.toContain('hub.plain_http');
  });
});
