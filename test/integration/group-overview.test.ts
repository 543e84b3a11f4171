/**
 * The group overview through the dispatcher, against the REAL hub (embedded
 * PostgreSQL, real HTTP): two hospital stations push their records, a group
 * station asks the hub for its counts and counts its own copy; a user placed
 * in one hospital and a hospital station are refused; with the hub stopped the
 * last figures come back, marked stale with their age.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupOverview } from '../../src-shared/contract/index.js';
import { type GroupCounts, zeroCounts } from '../../src-shared/group-figures.js';
import { HubClient, HubError } from '../../src-main/sync/client.js';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { type TestHub, type TestPostgres, createHospital, enrolmentCode, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import { addUsers } from '../fixtures/group.js';
import { CallFailed, TestStation, tempDataDir } from '../fixtures/station.js';

const MINUTE = 60_000;

let postgres: TestPostgres;
let t: TestHub;
let hubRunning = false;
const ids = { KFH: '', RUH: '' };
let kfh: TestStation;
let ruh: TestStation;
let group: TestStation;
/** the group station's machine clock runs this far ahead (to age the hub's figures without waiting) */
let groupAhead = 0;
const tokens = { kfh: '', ruh: '', group: '' };
const opened: TestStation[] = [];

async function open(prefix: string, options: Parameters<typeof TestStation.open>[1] = {}): Promise<TestStation> {
  const station = await TestStation.open(tempDataDir(prefix), options);
  opened.push(station);
  return station;
}

async function syncOk(station: TestStation): Promise<void> {
  expect(await station.core.sync.syncNow()).toMatchObject({ ok: true, failure: null });
}

async function overview(station: TestStation, token: string): Promise<GroupOverview> {
  return station.call('group.overview', {}, token);
}

function row(answer: GroupOverview, code: 'KFH' | 'RUH') {
  const found = answer.hospitals.find((h) => h.code === code);
  if (!found) throw new Error(`no row for ${code} in ${JSON.stringify(answer.hospitals)}`);
  return found;
}

const counts = (patch: Partial<GroupCounts>): GroupCounts => ({ ...zeroCounts(), ...patch });

async function addPatient(station: TestStation, token: string, hospital: 'KFH' | 'RUH', mrn: string): Promise<string> {
  return (await station.call('patients.create', { hospitalId: ids[hospital], mrn, nameEn: `Patient ${mrn}`, nameAr: `مريض ${mrn}` }, token)).id;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  hubRunning = true;
  ids.KFH = (await createHospital(t, 'KFH')).id;
  ids.RUH = (await createHospital(t, 'RUH')).id;

  kfh = await open('px360-group-kfh-');
  ruh = await open('px360-group-ruh-');
  group = await open('px360-group-all-', { clock: () => Date.now() + groupAhead });
  // each station's first user, before any sync brings the others' users
  [tokens.kfh, tokens.ruh, tokens.group] = await Promise.all([kfh.setupAdmin(), ruh.setupAdmin(), group.setupAdmin()]);
  await kfh.core.sync.enrol(t.url, await enrolmentCode(t, { hospitalCode: 'KFH' }), 'KFH station');
  await ruh.core.sync.enrol(t.url, await enrolmentCode(t, { hospitalCode: 'RUH' }), 'RUH station');
  await group.core.sync.enrol(t.url, await enrolmentCode(t, { group: true }), 'Central PX office');
  for (const station of [kfh, ruh]) await syncOk(station); // each receives its hospital from the hub

  // KFH: three patients (one deleted), two departments, a physician, a hospital admin; RUH: a patient and a department
  const deleted = await addPatient(kfh, tokens.kfh, 'KFH', 'KFH-1');
  await addPatient(kfh, tokens.kfh, 'KFH', 'KFH-2');
  await addPatient(kfh, tokens.kfh, 'KFH', 'KFH-3');
  kfh.core.data.write(SYSTEM_ACTOR, (tx) => tx.softDelete('patients', deleted));
  const ward = await kfh.call('departments.create', { hospitalId: ids.KFH, code: 'MED', nameEn: 'Medicine', nameAr: 'الباطنة' }, tokens.kfh);
  await kfh.call('departments.create', { hospitalId: ids.KFH, code: 'SURG', nameEn: 'Surgery', nameAr: 'الجراحة' }, tokens.kfh);
  await kfh.call(
    'physicians.create',
    { hospitalId: ids.KFH, departmentId: ward.id, licenseNumber: 'LIC-KFH-1', nameEn: 'Dr One', nameAr: 'د. واحد' },
    tokens.kfh,
  );
  await addUsers(kfh, tokens.kfh, [{ username: 'kfh.admin', roleCode: 'hospital_admin', hospitalId: ids.KFH, departmentId: null }]);
  await addPatient(ruh, tokens.ruh, 'RUH', 'RUH-1');
  await ruh.call('departments.create', { hospitalId: ids.RUH, code: 'ER', nameEn: 'Emergency', nameAr: 'الطوارئ' }, tokens.ruh);
  for (const station of [kfh, ruh, group]) await syncOk(station);
}, 180_000);

afterAll(async () => {
  for (const station of opened) station.close();
  if (hubRunning) await t?.close();
  await postgres?.stop();
});

const KFH_FIGURES = counts({ patients: 2, departments: 2, physicians: 1, users: 1 });
const RUH_FIGURES = counts({ patients: 1, departments: 1 });

describe('the group overview on a group station', () => {
  it('shows the hub’s counts per hospital, deleted records left out, equal to this station’s own after a sync', async () => {
    const answer = await overview(group, tokens.group);
    expect(answer.hub).toEqual({ state: 'fresh', fetchedAt: expect.any(String), ageMs: expect.any(Number), problem: null });
    expect(Date.parse(answer.hub.fetchedAt!)).toBeLessThanOrEqual(Date.parse(answer.countedAt));
    expect(answer.hospitals.map((h) => h.code)).toEqual(['KFH', 'RUH']);
    expect(row(answer, 'KFH')).toEqual({
      hospitalId: ids.KFH,
      code: 'KFH',
      nameEn: 'Hospital KFH',
      nameAr: 'مستشفى KFH',
      hub: KFH_FIGURES,
      station: KFH_FIGURES,
    });
    expect(row(answer, 'RUH')).toMatchObject({ hospitalId: ids.RUH, hub: RUH_FIGURES, station: RUH_FIGURES });
  });

  it('shows the hub ahead while this station has not pulled, and this station ahead while it has not pushed', async () => {
    await addPatient(kfh, tokens.kfh, 'KFH', 'KFH-4');
    await syncOk(kfh);
    await addPatient(group, tokens.group, 'RUH', 'RUH-2');

    const before = await overview(group, tokens.group);
    expect(row(before, 'KFH')).toMatchObject({ hub: { patients: 3 }, station: { patients: 2 } });
    expect(row(before, 'RUH')).toMatchObject({ hub: { patients: 1 }, station: { patients: 2 } });

    await syncOk(group);
    const after = await overview(group, tokens.group);
    expect(row(after, 'KFH')).toMatchObject({ hub: { patients: 3 }, station: { patients: 3 } });
    expect(row(after, 'RUH')).toMatchObject({ hub: { patients: 2 }, station: { patients: 2 } });
  });

  it('refuses a user placed in one hospital, though their role reads analytics, in both languages, and audits it', async () => {
    const [admin] = await addUsers(group, tokens.group, [
      { username: 'kfh.admin.central', roleCode: 'hospital_admin', hospitalId: ids.KFH, departmentId: null },
    ]);
    const refused = await overview(group, admin!.token).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CallFailed);
    expect((refused as CallFailed).status).toBe(403);
    expect((refused as CallFailed).body.error).toEqual({
      code: 'FORBIDDEN',
      key: 'error.group_only',
      message: { en: expect.stringContaining('whole group'), ar: expect.stringContaining('المجموعة كاملة') },
    });
    const denial = group.core.store.sqlite
      .prepare(`SELECT actor_id, after_json FROM audit_log WHERE action = 'auth.denied' ORDER BY seq DESC LIMIT 1`)
      .get() as {
      actor_id: string;
      after_json: string;
    };
    expect(denial.actor_id).toBe(admin!.user.id);
    expect(JSON.parse(denial.after_json)).toEqual({ call: 'group.overview', reason: 'error.group_only' });
  });
});

describe('stations that get no figures from the hub', () => {
  it('a hospital station: its own hospital’s records, and why the hub gives it none; the hub refuses its token', async () => {
    const answer = await overview(kfh, tokens.kfh);
    expect(answer.hub).toMatchObject({ state: 'none', fetchedAt: null, ageMs: null, problem: { key: 'sync.hospital_station' } });
    expect(answer.hub.problem?.message.ar).toContain('مستشفى واحد');
    expect(answer.hospitals).toEqual([
      { hospitalId: ids.KFH, code: 'KFH', nameEn: 'Hospital KFH', nameAr: 'مستشفى KFH', hub: null, station: counts({ ...KFH_FIGURES, patients: 3 }) },
    ]);

    const enrolment = kfh.core.sync.state.enrolment()!;
    const asked = await new HubClient(enrolment.hubUrl, enrolment.token).groupSummary().catch((error: unknown) => error);
    expect(asked).toBeInstanceOf(HubError);
    expect(asked).toMatchObject({ reason: 'hub_error', status: 403 });
  });

  it('a station not enrolled: its own records, and that it is not enrolled', async () => {
    const alone = await open('px360-group-alone-');
    const token = await alone.setupAdmin();
    const hospital = await alone.call('hospitals.create', { code: 'SOLO', nameEn: 'Solo Hospital', nameAr: 'مستشفى منفرد' }, token);
    await alone.call('patients.create', { hospitalId: hospital.id, mrn: 'SOLO-1', nameEn: 'Solo', nameAr: 'منفرد' }, token);
    const answer = await overview(alone, token);
    expect(answer.hub).toMatchObject({ state: 'none', problem: { key: 'sync.not_enrolled' } });
    expect(answer.hospitals).toEqual([
      { hospitalId: hospital.id, code: 'SOLO', nameEn: 'Solo Hospital', nameAr: 'مستشفى منفرد', hub: null, station: counts({ patients: 1 }) },
    ]);
  });
});

describe('with the hub stopped', () => {
  it('answers the hub’s last figures, marked stale with their age and the reason, beside this station’s current ones — also after a restart', async () => {
    const fresh = await overview(group, tokens.group);
    expect(fresh.hub.state).toBe('fresh');

    await t.close();
    hubRunning = false;
    groupAhead = 10 * MINUTE;
    await addPatient(group, tokens.group, 'KFH', 'KFH-OFFLINE');

    const stale = await overview(group, tokens.group);
    expect(stale.hub).toMatchObject({ state: 'cached', fetchedAt: fresh.hub.fetchedAt, problem: { key: 'sync.unreachable' } });
    expect(stale.hub.ageMs).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(row(stale, 'KFH')).toMatchObject({ hub: row(fresh, 'KFH').hub!, station: { patients: row(fresh, 'KFH').station.patients + 1 } });
    expect(row(stale, 'RUH')).toMatchObject({ hub: row(fresh, 'RUH').hub!, station: row(fresh, 'RUH').station });

    // the figures are kept in the station's database, not in memory
    const dataDir = group.dataDir;
    group.close(false);
    opened.splice(opened.indexOf(group), 1);
    group = await TestStation.open(dataDir, { clock: () => Date.now() + groupAhead });
    opened.push(group);
    const reopened = await overview(group, await group.login('px.admin'));
    expect(reopened.hub).toMatchObject({ state: 'cached', fetchedAt: fresh.hub.fetchedAt, problem: { key: 'sync.unreachable' } });
    expect(reopened.hospitals).toEqual(stale.hospitals);
  });
});
