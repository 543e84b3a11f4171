/**
 * End to end: two real station cores syncing through the REAL hub (embedded
 * PostgreSQL, real HTTP), enrolled the way `npm run station -- enrol` does it.
 * Until this file the station client was tested only against test/fixtures/sync-hub.ts
 * and the hub only with hand-made pushes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSummarySchema } from '../../src-shared/hub-api.js';
import { tableInfo } from '../../src-shared/tables/index.js';
import { StationCore } from '../../src-main/core/station.js';
import {
  ADMIN_TOKEN,
  type TestHub,
  type TestPostgres,
  call,
  createHospital,
  enrolmentCode,
  recordData,
  startTestHub,
  startTestPostgres,
} from '../fixtures/hub-postgres.js';
import { contents, editPatient, patient, syncOk } from '../fixtures/replicas.js';
import { TEST_PASSWORD, tempDataDir } from '../fixtures/station.js';

const MINUTE = 60_000;
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

let postgres: TestPostgres;
let t: TestHub;
let hospitalId = '';
let one: StationCore;
let two: StationCore;
let adminToken = '';
let patientId = '';
const logs: string[] = [];

/** `npm run station -- enrol --hub URL --code CODE`, as an operator runs it, on the station's data folder. */
async function enrolByCli(dataDir: string, code: string, name: string): Promise<string> {
  const { stdout } = await run(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['src-main/cli/station.ts', 'enrol', '--data-dir', dataDir, '--hub', t.url, '--code', code, '--name', name],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  return stdout;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  hospitalId = (await createHospital(t, 'KFH')).id;
  const codes = [await enrolmentCode(t, { hospitalCode: 'KFH' }), await enrolmentCode(t, { hospitalCode: 'KFH' })];

  const dirs = [tempDataDir('px360-e2e-1-'), tempDataDir('px360-e2e-2-')];
  const printed = await Promise.all(dirs.map((dir, i) => enrolByCli(dir, codes[i]!, `Station ${i + 1}`)));
  for (const line of printed) expect(line).toContain(`scope: hospital ${hospitalId}`);

  const log = (line: string) => logs.push(line);
  one = await StationCore.open(dirs[0]!, log, { clock: () => Date.now() });
  // station 2's machine clock runs a minute ahead: "later" is decided by the HLC, not by call order
  two = await StationCore.open(dirs[1]!, log, { clock: () => Date.now() + MINUTE });
}, 120_000);

afterAll(async () => {
  for (const core of [one, two]) {
    if (!core) continue;
    core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
  await t?.close();
  await postgres?.stop();
});

describe('stations syncing through the real hub', () => {
  it('enrolment gives each station the hub’s hospital scope, and the hub’s hospital arrives as a pulled record', async () => {
    for (const core of [one, two]) {
      expect(core.sync.status()).toMatchObject({ enrolled: true, hubUrl: t.url, scope: { kind: 'hospital', hospitalId, hospitalCode: 'KFH' } });
      await syncOk(core);
      expect(core.store.sqlite.prepare('SELECT id, code, name_en FROM hospitals').all()).toEqual([{ id: hospitalId, code: 'KFH', name_en: 'Hospital KFH' }]);
    }
    const stations = await call(t.url, 'GET', '/api/v1/admin/stations', { token: ADMIN_TOKEN });
    expect((stations.body as { stations: { id: string; scope: unknown }[] }).stations.map((s) => s.id).sort()).toEqual([one.stationId, two.stationId].sort());
  });

  it('a patient created on station 1 while station 2 is offline appears on station 2 after both sync', async () => {
    // a PX Admin on station 1 registers the patient through the dispatcher, as the console would
    const setup = await one.dispatch(
      'auth.setup',
      { username: 'px.admin', password: TEST_PASSWORD, nameEn: 'PX Admin', nameAr: 'مدير تجربة المريض', preferredLanguage: 'ar' },
      null,
    );
    if (!setup.ok) throw new Error(JSON.stringify(setup.body));
    adminToken = (setup.data as { token: string }).token;
    const created = await one.dispatch(
      'patients.create',
      { hospitalId, mrn: 'MRN-E2E-1', nameEn: 'Noura Alqahtani', nameAr: 'نورة القحطاني', phone: '+966500000000', email: 'noura@example.sa' },
      adminToken,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.body));
    patientId = (created.data as { id: string }).id;
    expect(patient(two, patientId)).toBeUndefined();

    // The PX Admin made by auth.setup is group-level (hospital_id null); the hub routes it to the
    // pushing station's hospital, so this fresh hospital station's first push is refused nothing.
    const pushed = await syncOk(one);
    expect(pushed.pushed).toBeGreaterThan(tableInfo('users').syncedColumns.length);
    expect(logs.filter((l) => l.startsWith('sync: the hub rejected'))).toEqual([]);
    expect(one.sync.status()).toMatchObject({ pendingMessages: 0, problems: { rejected: 0, waiting: 0 } });
    expect(one.store.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
    const adminId = (setup.data as { me: { user: { id: string } } }).me.user.id;
    expect(await recordData(t, 'users', adminId)).toMatchObject({ username: 'px.admin', hospital_id: null });
    // the hub holds the patient under its hospital
    expect(await recordData(t, 'patients', patientId)).toMatchObject({ hospital_id: hospitalId, mrn: 'MRN-E2E-1', name_en: 'Noura Alqahtani' });
    expect(patient(two, patientId)).toBeUndefined(); // station 2 has not synced yet

    await syncOk(two);
    expect(patient(two, patientId)).toMatchObject({ hospital_id: hospitalId, mrn: 'MRN-E2E-1', name_en: 'Noura Alqahtani', phone: '+966500000000' });
    // the other station of the hospital has the admin too (it cannot sign in there: credentials never travel)
    expect(two.store.sqlite.prepare('SELECT username, hospital_id, password_hash FROM users WHERE id = ?').get(adminId)).toEqual({
      username: 'px.admin',
      hospital_id: null,
      password_hash: '!',
    });
    expect(String(patient(two, patientId)?.name_search)).toContain('noura');
    expect(two.sync.status()).toMatchObject({ pendingMessages: 0, waitingCells: 0 });
    expect(contents(two)).toEqual(contents(one));
    // the remote admin cannot sign in here, so station 2 still needs (and may run) its own first-run setup
    const status = await two.dispatch('system.status', {}, null);
    expect(status.ok && (status.data as { needsSetup: boolean }).needsSetup).toBe(true);
    expect((await two.dispatch('auth.login', { username: 'px.admin', password: TEST_PASSWORD }, null)).ok).toBe(false);
    const ownSetup = await two.dispatch(
      'auth.setup',
      { username: 'px.admin2', password: TEST_PASSWORD, nameEn: 'Second Admin', nameAr: 'المدير الثاني', preferredLanguage: 'en' },
      null,
    );
    expect(ownSetup.ok).toBe(true);
    const again = await two.dispatch(
      'auth.setup',
      { username: 'px.admin3', password: TEST_PASSWORD, nameEn: 'Third', nameAr: 'الثالث', preferredLanguage: 'en' },
      null,
    );
    expect(again.ok).toBe(false);
  });

  it('the same field edited on both stations while offline converges on the later HLC; different fields both survive', async () => {
    // both offline: edits stay in their outboxes
    const edited = await one.dispatch('patients.update', { id: patientId, phone: '+966500000001', email: 'one@example.sa' }, adminToken);
    if (!edited.ok) throw new Error(JSON.stringify(edited.body));
    editPatient(two, patientId, { phone: '+966500000002', name_en: 'Noura Al-Qahtani' }); // station 2's clock is ahead: its phone wins

    for (const core of [one, two, one, two]) await syncOk(core);

    const expected = { phone: '+966500000002', email: 'one@example.sa', name_en: 'Noura Al-Qahtani', hospital_id: hospitalId };
    for (const core of [one, two]) expect(patient(core, patientId)).toMatchObject(expected);
    expect(await recordData(t, 'patients', patientId)).toMatchObject(expected);
    expect(contents(one)).toEqual(contents(two));
    expect(String(patient(one, patientId)?.name_search)).toContain('al qahtani');
  });

  it('the hub’s group summary counts the patient under the hospital', async () => {
    const answer = await call(t.url, 'GET', '/api/v1/group/summary', { token: ADMIN_TOKEN });
    expect(answer.status).toBe(200);
    const summary = groupSummarySchema.parse(answer.body);
    expect(summary.hospitals).toHaveLength(1);
    expect(summary.hospitals[0]).toMatchObject({ hospitalId, code: 'KFH', nameEn: 'Hospital KFH' });
    expect(summary.hospitals[0]!.counts.patients).toBe(1);
  });

  it('a change the hub refuses (a hospital added on a hospital station) is kept and listed under problems', async () => {
    const created = await one.dispatch('hospitals.create', { code: 'OTHER', nameEn: 'Other Hospital', nameAr: 'مستشفى آخر' }, adminToken);
    if (!created.ok) throw new Error(JSON.stringify(created.body));
    const otherId = (created.data as { id: string }).id;
    const round = await one.sync.syncNow();
    expect(round).toMatchObject({ ok: true, rejected: tableInfo('hospitals').syncedColumns.length });
    expect(one.sync.status()).toMatchObject({ pendingMessages: 0, problems: { rejected: 1, waiting: 0 } });
    const listed = await one.dispatch('sync.problems', {}, adminToken);
    if (!listed.ok) throw new Error(JSON.stringify(listed.body));
    expect((listed.data as { rejected: unknown }).rejected).toMatchObject({
      total: 1,
      items: [{ table: 'hospitals', rowId: otherId, reason: 'out_of_scope', record: { keyField: 'code', key: 'OTHER', nameEn: 'Other Hospital' } }],
    });
    expect(await recordData(t, 'hospitals', otherId)).toBeNull();
  });

  it('enrolment and "sync now" from the console are audited as the officer who asked', async () => {
    const dir = tempDataDir('px360-e2e-3-');
    const three = await StationCore.open(dir, () => {}, {});
    try {
      const setup = await three.dispatch(
        'auth.setup',
        { username: 'px.officer3', password: TEST_PASSWORD, nameEn: 'Third Officer', nameAr: 'الموظف الثالث', preferredLanguage: 'en' },
        null,
      );
      if (!setup.ok) throw new Error(JSON.stringify(setup.body));
      const token = (setup.data as { token: string }).token;
      const enrolled = await three.dispatch('sync.enrol', { hubUrl: t.url, code: await enrolmentCode(t, { hospitalCode: 'KFH' }) }, token);
      expect(enrolled.ok).toBe(true);
      await three.sync.settle();
      expect((await three.dispatch('sync.now', {}, token)).ok).toBe(true);
      await three.sync.settle();
      // enrolling again at another address of the hub: its token is not sent there, and the hub will not hand its identity to a stranger
      const elsewhere = await three.dispatch(
        'sync.enrol',
        { hubUrl: t.url.replace('127.0.0.1', 'localhost'), code: await enrolmentCode(t, { hospitalCode: 'KFH' }) },
        token,
      );
      expect(elsewhere).toMatchObject({ ok: false, status: 409, body: { error: { key: 'sync.already_enrolled' } } });
      expect(three.sync.status()).toMatchObject({ enrolled: true, hubUrl: t.url });
      const entries = three.store.sqlite
        .prepare("SELECT action, actor_name, hospital_id FROM audit_log WHERE action IN ('sync.enrolled', 'sync.requested') ORDER BY seq")
        .all();
      expect(entries).toEqual([
        { action: 'sync.enrolled', actor_name: 'px.officer3', hospital_id: hospitalId },
        { action: 'sync.requested', actor_name: 'px.officer3', hospital_id: null },
      ]);
    } finally {
      three.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a revoked station gets the revoked state and keeps its data and unsent changes', async () => {
    const revoked = await call(t.url, 'POST', `/api/v1/admin/stations/${two.stationId}/revoke`, { token: ADMIN_TOKEN });
    expect(revoked.status).toBe(200);
    editPatient(two, patientId, { email: 'after-revoke@example.sa' });
    const before = contents(two);

    const round = await two.sync.syncNow();
    expect(round).toMatchObject({ ok: false, failure: 'revoked' });
    expect(two.sync.status()).toMatchObject({ enrolled: true, online: false, lastError: { key: 'sync.revoked' } });
    expect(two.sync.status().pendingMessages).toBeGreaterThan(0);
    expect(contents(two)).toEqual(before);
    expect(patient(two, patientId)).toMatchObject({ email: 'after-revoke@example.sa', phone: '+966500000002' });
    // the hub took nothing from it
    expect(await recordData(t, 'patients', patientId)).toMatchObject({ email: 'one@example.sa' });
    // station 1 is unaffected
    await syncOk(one);
  });
});
