/**
 * The audit chain anchored at the real hub: each sync round sends the head
 * of the station's keyed chain as a signed checkpoint; verification holds the
 * chain against the hub's last checkpoint, so entries cut off the end — which
 * leaves a chain that still links — and a rewritten head are found, and the
 * hub refuses a checkpoint that goes backwards, rewrites or is not signed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditCheckpointText } from '../../src-shared/hub-api.js';
import { StationCore } from '../../src-main/core/station.js';
import { verifyAudit } from '../../src-main/domains/audit/handlers.js';
import { type TestHub, type TestPostgres, call, createHospital, enrolmentCode, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import { addPatient, syncOk } from '../fixtures/replicas.js';
import { tempDataDir } from '../fixtures/station.js';
import { sign } from 'node:crypto';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
let postgres: TestPostgres;
let t: TestHub;
let hospitalId = '';
const opened: StationCore[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});
afterEach(async () => {
  for (const core of opened.splice(0)) {
    core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
  await t?.close();
});

async function enrolledStation(): Promise<StationCore> {
  t = await startTestHub(postgres);
  hospitalId = (await createHospital(t, 'KFH')).id;
  const core = await StationCore.open(tempDataDir('px360-anchor-'));
  opened.push(core);
  await core.sync.enrol(t.url, await enrolmentCode(t, { hospitalCode: 'KFH' }), 'Anchored');
  await syncOk(core);
  for (let i = 0; i < 5; i += 1) addPatient(core, hospitalId, `MRN-A${i}`);
  await syncOk(core);
  return core;
}

/** As someone with the file and no station code would: straight into SQLite. */
function tamper(core: StationCore, sql: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(path.join(core.dataDir, 'station.sqlite'));
  try {
    sql(db);
  } finally {
    db.close();
  }
}

async function cliVerify(dataDir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/cli/station.ts', 'verify-audit', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '' };
  }
}

describe('the audit chain anchored at the hub', () => {
  it('each round anchors the head; the chain matches the hub’s checkpoint', async () => {
    const core = await enrolledStation();
    const head = core.audit.headCheckpoint()!;
    const anchored = await t.sql.query('SELECT seq, mac FROM audit_anchors WHERE station_id = $1', [core.stationId]);
    expect(anchored.rows).toEqual([{ seq: String(head.seq), mac: head.mac }]);
    expect(await verifyAudit(core.audit, core.sync)).toMatchObject({ ok: true, anchor: { state: 'matches', seq: head.seq, source: 'hub' } });
  });

  it('finds the newest entries cut off the end, though what is left still chains', async () => {
    const core = await enrolledStation();
    const head = core.audit.headCheckpoint()!;
    tamper(core, (db) => db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > ${head.seq - 3};`));
    const result = await verifyAudit(core.audit, core.sync);
    expect(result.ok).toBe(true); // the chain left is whole…
    expect(result.anchor).toMatchObject({ state: 'truncated', seq: head.seq }); // …and shorter than the hub knows it
    // the command says so and fails
    const verdict = await cliVerify(core.dataDir);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain('TRUNCATED');
    // offline, the last checkpoint the hub gave is enough
    await t.close();
    expect((await verifyAudit(core.audit, core.sync)).anchor).toMatchObject({ state: 'truncated', source: 'kept' });
    t = await startTestHub(postgres);
  });

  it('finds a head rewritten by someone holding the station’s own key, and the hub refuses its next checkpoint', async () => {
    const core = await enrolledStation();
    const head = core.audit.headCheckpoint()!;
    tamper(core, (db) => db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = ${head.seq};`));
    // a new entry in its place, sealed with the real key: the chain is whole again
    core.data.write({ id: null, name: 'forger' }, (tx) => tx.record({ action: 'audit.forged', entityType: 'test', entityId: null }));
    expect(core.audit.headCheckpoint()?.seq).toBe(head.seq);
    const result = await verifyAudit(core.audit, core.sync);
    expect(result.ok).toBe(true);
    expect(result.anchor).toMatchObject({ state: 'forked', seq: head.seq });
    const lines: string[] = [];
    const reopened = await StationCore.open(core.dataDir, (line) => lines.push(line));
    try {
      await reopened.sync.syncNow();
      expect(lines.some((l) => l.includes('refused the checkpoint'))).toBe(true);
      expect(t.logs.some((l) => l.event === 'audit.checkpoint_refused' && l.reason === 'error.audit_checkpoint_rewritten')).toBe(true);
    } finally {
      reopened.close();
    }
  });

  it('the hub refuses a checkpoint that goes backwards or is not signed by the station’s key, in both languages', async () => {
    const core = await enrolledStation();
    const token = core.sync.state.enrolment()!.token;
    const head = core.audit.headCheckpoint()!;
    const signed = (seq: number, mac: string) => sign(null, Buffer.from(auditCheckpointText(core.stationId, seq, mac)), core.keys.signing).toString('base64');
    const older = core.audit.macAt(head.seq - 1)!;
    const backwards = await call(t.url, 'POST', '/api/v1/audit/anchor', {
      token,
      body: { seq: head.seq - 1, mac: older, publicKey: core.keys.signingPublicKey, signature: signed(head.seq - 1, older) },
    });
    expect(backwards.status).toBe(409);
    expect(backwards.body).toMatchObject({
      error: { key: 'error.audit_checkpoint_backwards', message: { en: expect.stringMatching(/missing/), ar: expect.any(String) } },
    });
    const unsigned = await call(t.url, 'POST', '/api/v1/audit/anchor', {
      token,
      body: { seq: head.seq + 1, mac: 'a'.repeat(64), publicKey: core.keys.signingPublicKey, signature: signed(head.seq, head.mac) },
    });
    expect(unsigned).toMatchObject({ status: 409, body: { error: { key: 'error.audit_checkpoint_unsigned' } } });
    // the anchored checkpoint did not move
    expect((await call(t.url, 'GET', '/api/v1/audit/anchor', { token })).body).toMatchObject({ anchor: { seq: head.seq, mac: head.mac } });
  });
});
