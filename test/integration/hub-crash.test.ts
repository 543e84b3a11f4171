import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PushResponse, type SyncMessage, enrolResponseSchema, pushResponseSchema } from '../../src-shared/hub-api.js';
import { ADMIN_TOKEN, type TestPostgres, call, patientBatches, startTestPostgres } from '../fixtures/hub-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

/** The hub as its own process, as an operator runs it; resolves with its URL once it listens. */
function spawnHub(dataDir: string, databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', '--data-dir', dataDir, '--port', '0', '--admin-token-stdin'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin?.end(ADMIN_TOKEN);
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        const url = /"event":"hub.listening","url":"([^"]+)"/.exec(line)?.[1];
        if (url) resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited early (${code})`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

describe('hub killed mid-push', () => {
  it('a retried push after kill -9 neither loses nor duplicates anything', async () => {
    const databaseUrl = await postgres.newDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-hub-crash-'));
    const observer = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    let hub = await spawnHub(dataDir, databaseUrl);
    try {
      const hospital = await call(hub.url, 'POST', '/api/v1/admin/hospitals', {
        token: ADMIN_TOKEN,
        body: { code: 'RUH', nameEn: 'Riyadh', nameAr: 'الرياض' },
      });
      const hospitalId = (hospital.body as { id: string }).id;
      const code = await call(hub.url, 'POST', '/api/v1/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { hospitalCode: 'RUH' } });
      const enrolled = await call(hub.url, 'POST', '/api/v1/stations/enrol', {
        body: { code: (code.body as { code: string }).code, stationId: 'crash', stationName: 'Crash test' },
      });
      const { token } = enrolResponseSchema.parse(enrolled.body);

      // Large batches: 500 patients × 10 cells = 5,000 messages each.
      const batches = patientBatches('crash', hospitalId, 12, 500);
      const send = (url: string, batch: SyncMessage[]) =>
        call(url, 'POST', '/api/v1/sync/push', { token, body: { messages: batch }, gzip: true }).then((a) =>
          a.status === 200 ? pushResponseSchema.parse(a.body) : null,
        );

      // Push batch after batch; kill the hub the moment one is inside its ingest transaction.
      let caughtMidPush = false;
      for (const batch of batches) {
        const inFlight = send(hub.url, batch).catch(() => null);
        let done = false;
        void inFlight.then(() => (done = true));
        while (!done) {
          const held = await observer.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted`);
          if ((held.rowCount ?? 0) > 0) {
            hub.child.kill('SIGKILL');
            caughtMidPush = true;
            break;
          }
        }
        await inFlight;
        if (caughtMidPush) break;
      }
      expect(caughtMidPush).toBe(true);
      await killed(hub.child);
      // The server rolls the dead connection's transaction back once it notices.
      for (;;) {
        const open = await observer.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory'`);
        if ((open.rowCount ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      // Restart and send everything again, as the station would (it never got the answers).
      hub = await spawnHub(dataDir, databaseUrl);
      const answers: PushResponse[] = [];
      for (const batch of batches) {
        const answer = await send(hub.url, batch);
        expect(answer).not.toBeNull();
        answers.push(answer!);
      }
      const total = batches.reduce((n, b) => n + b.length, 0);
      expect(answers.reduce((n, a) => n + a.accepted + a.duplicates, 0)).toBe(total);
      expect(answers.every((a) => a.rejected.length === 0)).toBe(true);
      const stored = await observer.query<{ n: string; distinct_hlc: string }>(
        `SELECT count(*) AS n, count(DISTINCT hlc) AS distinct_hlc FROM messages WHERE station_id = 'crash'`,
      );
      expect(Number(stored.rows[0]?.n)).toBe(total);
      expect(Number(stored.rows[0]?.distinct_hlc)).toBe(total);
      const records = await observer.query<{ n: string }>(
        `SELECT count(*) AS n FROM records WHERE tbl = 'patients' AND jsonb_typeof(data) = 'object' AND data ? 'mrn' AND data ? 'active'`,
      );
      expect(Number(records.rows[0]?.n)).toBe(12 * 500);
    } finally {
      hub.child.kill('SIGTERM');
      await killed(hub.child);
      await observer.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
