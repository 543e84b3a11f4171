/**
 * The hub holds scope for group settings and for time (issue 9, item 3),
 * against the real hub: a hospital's station cannot write roles; a stamp far
 * ahead of the hub's clock is refused; a poisoned message a hub took before
 * that rule is set aside by every station that pulls it (sync goes on) and
 * purged by the hub's admin, after which an honest edit wins again; a
 * station whose clock was fast before it knew the hub's time loses nothing.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src-shared/hlc.js';
import { StationCore } from '../../src-main/core/station.js';
import { builtInRoleId } from '../../src-main/domains/accounts/roles.js';
import {
  ADMIN_TOKEN,
  type TestHub,
  type TestPostgres,
  StationWriter,
  call,
  createHospital,
  enrolmentCode,
  push,
  recordData,
  startTestHub,
  startTestPostgres,
} from '../fixtures/hub-postgres.js';
import { addPatient, editPatient, patient, syncOk } from '../fixtures/replicas.js';
import { tempDataDir } from '../fixtures/station.js';

const MINUTE = 60_000;
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

async function freshHub(): Promise<void> {
  t = await startTestHub(postgres);
  hospitalId = (await createHospital(t, 'KFH')).id;
}

/** A station whose machine clock runs `clock.offsetMs` ahead (change it to move the PC's clock), enrolled and caught up. */
async function station(
  scope: { hospitalCode: string } | { group: true },
  clock: { offsetMs: number } = { offsetMs: 0 },
  log: (line: string) => void = () => {},
): Promise<StationCore> {
  const core = await StationCore.open(tempDataDir('px360-scope-time-'), log, { clock: () => Date.now() + clock.offsetMs });
  opened.push(core);
  await core.sync.enrol(t.url, await enrolmentCode(t, scope), `Station ${opened.length}`);
  await syncOk(core);
  return core;
}

async function stationToken(scope: { hospitalCode: string } | { group: true }, stationId: string): Promise<string> {
  const answer = await call(t.url, 'POST', '/api/v1/stations/enrol', { body: { code: await enrolmentCode(t, scope), stationId, stationName: stationId } });
  return (answer.body as { token: string }).token;
}

describe('group settings', () => {
  it('a hospital station may not change a role; a group station may, and every station applies it', async () => {
    await freshHub();
    const hospitalToken = await stationToken({ hospitalCode: 'KFH' }, 'kfh-probe');
    const nurseRole = builtInRoleId('nurse');
    // the probe's attack: give nurses users.write on every station of the group
    const attack = new StationWriter('kfh-probe', Date.now() - MINUTE).write('roles', nurseRole, {
      permissions: JSON.stringify(['users.write', 'users.read']),
    });
    const answer = await push(t, hospitalToken, attack);
    expect(answer.rejected).toEqual([{ index: 0, reason: 'out_of_scope' }]);
    expect(await recordData(t, 'roles', nurseRole)).toBeNull();

    const hospitalStation = await station({ hospitalCode: 'KFH' });
    const groupStation = await station({ group: true });
    await syncOk(hospitalStation);
    const permissionsOf = (core: StationCore) =>
      JSON.parse(core.store.sqlite.prepare('SELECT permissions FROM roles WHERE id = ?').pluck().get(nurseRole) as string) as string[];
    expect(permissionsOf(hospitalStation)).not.toContain('users.write');

    // the central team tunes the role on a group station: it reaches the hospital's station
    const tuned = [...permissionsOf(groupStation), 'surveys.read'];
    groupStation.data.write({ id: null, name: 'px.admin' }, (tx) => tx.update('roles', nurseRole, { permissions: JSON.stringify(tuned) as never }));
    await syncOk(groupStation);
    await syncOk(hospitalStation);
    expect(permissionsOf(hospitalStation)).toEqual(tuned);
  });

  it('a station refuses a role change that a hub took from a hospital station before the rule', async () => {
    await freshHub();
    const hospitalStation = await station({ hospitalCode: 'KFH' });
    await syncOk(hospitalStation);
    const nurseRole = builtInRoleId('nurse');
    // as an older hub stored it: a hospital station's change of a role, routed to every station
    const hlc = formatHlc({ wallMs: Date.now(), counter: 0, node: 'other-kfh' });
    const value = JSON.stringify(JSON.stringify(['users.write']));
    await t.sql.query(
      `INSERT INTO messages (station_id, hlc, tbl, row_id, col, value, hospital_id, group_wide) VALUES ('other-kfh', $1, 'roles', $2, 'permissions', $3::jsonb, NULL, TRUE)`,
      [hlc, nurseRole, value],
    );
    await t.sql.query(
      `INSERT INTO records (tbl, row_id, hospital_id, data, cell_hlc) VALUES ('roles', $1, NULL, jsonb_build_object('permissions', $2::jsonb), jsonb_build_object('permissions', $3::text))`,
      [nurseRole, value, hlc],
    );
    // the station holding it already pulls the message; a new one reads it in the snapshot: both refuse it
    await syncOk(hospitalStation);
    const lines: string[] = [];
    const second = await station({ hospitalCode: 'KFH' }, { offsetMs: 0 }, (line) => lines.push(line));
    for (const core of [hospitalStation, second]) {
      expect(core.store.sqlite.prepare('SELECT permissions FROM roles WHERE id = ?').pluck().get(nurseRole)).not.toContain('users.write');
    }
    expect(lines.some((l) => l.includes('not a group station'))).toBe(true);
  });
});

describe('complaints', () => {
  it("a hospital station files complaints of its own hospital only: another hospital's is refused at the hub, whole", async () => {
    await freshHub();
    const other = (await createHospital(t, 'JED')).id;
    const token = await stationToken({ hospitalCode: 'KFH' }, 'kfh-complaints');
    const writer = new StationWriter('kfh-complaints', Date.now() - MINUTE);
    const complaint = (hospital: string, number: string) => ({
      hospital_id: hospital,
      number,
      type: 'complaint',
      channel: 'phone',
      status: 'new',
      contact_preference: 'phone',
      language: 'ar',
      description_ar: 'تأخر الموعد',
      priority: 'medium',
      received_at: new Date().toISOString(),
      reopened_count: 0,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    const own = '0193a6f0-7c3e-7b1d-9a5e-2f1c0d4b8e01';
    const theirs = '0193a6f0-7c3e-7b1d-9a5e-2f1c0d4b8e02';
    const mine = writer.write('complaints', own, complaint(hospitalId, 'CMP-KFH-AAAA-000001'));
    const foreign = writer.write('complaints', theirs, complaint(other, 'CMP-JED-AAAA-000001'));
    const answer = await push(t, token, [...mine, ...foreign]);
    expect(answer.rejected.map((r) => r.reason)).toEqual(foreign.map(() => 'out_of_scope'));
    expect(answer.rejected.map((r) => r.index)).toEqual(foreign.map((_, i) => mine.length + i));
    expect(await recordData(t, 'complaints', own)).toMatchObject({ number: 'CMP-KFH-AAAA-000001' });
    expect(await recordData(t, 'complaints', theirs)).toBeNull();
  });
});

describe('time', () => {
  it('the hub refuses a stamp more than a few minutes ahead of its clock', async () => {
    await freshHub();
    const token = await stationToken({ hospitalCode: 'KFH' }, 'kfh-clock');
    const writer = new StationWriter('kfh-clock', Date.now() - MINUTE);
    const honest = writer.write('patients', 'p-time', { hospital_id: hospitalId, mrn: 'T-1' });
    const far = new StationWriter('kfh-clock', Date.parse('2099-01-01T00:00:00.000Z')).write('patients', 'p-time', { phone: '+966500000099' });
    const edge = new StationWriter('kfh-clock', Date.now() + 10 * MINUTE).write('patients', 'p-time', { email: 'late@x.sa' });
    const answer = await push(t, token, [...honest, ...far, ...edge]);
    expect(answer.rejected).toEqual([
      { index: 2, reason: 'hlc_in_future' },
      { index: 3, reason: 'hlc_in_future' },
    ]);
    expect(await recordData(t, 'patients', 'p-time')).toEqual({ hospital_id: hospitalId, mrn: 'T-1' });
  });

  it('a poisoned stamp a hub took before is set aside by the stations that pull it, and once purged an honest edit wins again', async () => {
    await freshHub();
    const a = await station({ hospitalCode: 'KFH' });
    const b = await station({ hospitalCode: 'KFH' });
    const id = addPatient(a, hospitalId, 'MRN-P1');
    await syncOk(a);
    await syncOk(b);
    // what an older hub stored from a station whose clock said 2099, and a forged 9999
    for (const [hlc, value] of [
      ['2099-01-01T00:00:00.000Z-0000-evil', '+966500000666'],
      ['9999-12-31T23:59:59.999Z-FFFF-evil', '+966500000999'],
    ] as const) {
      await t.sql.query(
        `INSERT INTO messages (station_id, hlc, tbl, row_id, col, value, hospital_id, group_wide) VALUES ('evil', $1, 'patients', $2, 'phone', $3::jsonb, $4, FALSE)`,
        [hlc, id, JSON.stringify(value), hospitalId],
      );
      await t.sql.query(
        `UPDATE records SET data = jsonb_set(data, '{phone}', $1::jsonb), cell_hlc = jsonb_set(cell_hlc, '{phone}', to_jsonb($2::text)) WHERE row_id = $3`,
        [JSON.stringify(value), hlc, id],
      );
    }
    // b pulls both: sets them aside, applies nothing of them, and keeps syncing (today a 9999 broke it for good)
    await syncOk(b);
    expect(b.store.sqlite.prepare('SELECT count(*) FROM sync_quarantine').pluck().get()).toBe(2);
    expect(patient(b, id)?.phone).toBeNull();
    expect(b.sync.status().problems.waiting).toBe(1);
    // an honest edit on a cannot win against 9999 on the hub…
    editPatient(a, id, { phone: '+966500000001' });
    await syncOk(a);
    expect(await recordData(t, 'patients', id)).toMatchObject({ phone: '+966500000999' });
    // …until the hub's admin purges what is stamped beyond its clock
    const purged = await call(t.url, 'POST', '/api/v1/admin/messages/purge', { token: ADMIN_TOKEN, body: { future: true } });
    expect(purged).toMatchObject({ status: 200, body: { purged: 2, cells: 1 } });
    expect(await recordData(t, 'patients', id)).toMatchObject({ phone: '+966500000001' });
    await syncOk(b);
    expect(patient(b, id)?.phone).toBe('+966500000001');
    // a station's clock never jumped: its next edit is stamped today
    editPatient(b, id, { email: 'after@x.sa' });
    const newest = b.store.sqlite.prepare('SELECT max(hlc) FROM sync_messages').pluck().get() as string;
    expect(newest.slice(0, 4)).toBe(new Date().toISOString().slice(0, 4));
  });

  it('a station whose clock jumped an hour ahead while offline loses none of the edits made meanwhile', async () => {
    await freshHub();
    const lines: string[] = [];
    const clock = { offsetMs: 0 };
    const fast = await station({ hospitalCode: 'KFH' }, clock, (line) => lines.push(line));
    // the PC's clock is set an hour ahead by hand; edits made before the next round are stamped an hour ahead
    clock.offsetMs = 60 * MINUTE;
    const ids = [addPatient(fast, hospitalId, 'MRN-H1'), addPatient(fast, hospitalId, 'MRN-H2')];
    editPatient(fast, ids[0]!, { phone: '+966500000010' });
    const round = await syncOk(fast);
    expect(round.rejected).toBe(0);
    expect(lines.some((l) => l.includes('stamped again'))).toBe(true);
    expect(await recordData(t, 'patients', ids[0]!)).toMatchObject({ mrn: 'MRN-H1', phone: '+966500000010' });
    expect(await recordData(t, 'patients', ids[1]!)).toMatchObject({ mrn: 'MRN-H2' });
    // and from now on it stamps in the hub's time
    expect(fast.sync.status().clockOffsetMs).toBeLessThan(-55 * MINUTE);
    editPatient(fast, ids[1]!, { phone: '+966500000011' });
    expect(await syncOk(fast)).toMatchObject({ rejected: 0 });
    expect(await recordData(t, 'patients', ids[1]!)).toMatchObject({ phone: '+966500000011' });
  });
});
