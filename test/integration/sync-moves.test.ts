/**
 * A record moved from one hospital to another — a user the central team
 * places elsewhere — through the REAL hub: the stations of the hospital it
 * left learn that it left (and the user's scope there follows), and the
 * stations of the hospital it joined receive the whole record, though its
 * earlier messages were never theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHub, type TestPostgres, createHospital, enrolmentCode, recordData, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import { syncOk } from '../fixtures/replicas.js';
import { TEST_PASSWORD, TestStation, tempDataDir } from '../fixtures/station.js';

let postgres: TestPostgres;
let t: TestHub;
let riyadh = '';
let dammam = '';
const opened: TestStation[] = [];

async function station(scope: { hospitalCode: string } | { group: true }, admin: string): Promise<{ station: TestStation; token: string }> {
  const station = await TestStation.open(tempDataDir('px360-moves-'));
  opened.push(station);
  await station.core.sync.enrol(t.url, await enrolmentCode(t, scope), admin);
  await syncOk(station.core);
  return { station, token: await station.setupAdmin(admin) };
}

function userRow(station: TestStation, id: string) {
  return station.core.store.sqlite.prepare('SELECT username, name_en, hospital_id FROM users WHERE id = ?').get(id);
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  riyadh = (await createHospital(t, 'RUH')).id;
  dammam = (await createHospital(t, 'DMM')).id;
}, 120_000);

afterAll(async () => {
  for (const station of opened) station.close();
  await t?.close();
  await postgres?.stop();
});

describe('a user the central team moves to another hospital', () => {
  it('leaves the old hospital’s stations (their scope follows) and arrives whole at the new one’s', async () => {
    const ruh = await station({ hospitalCode: 'RUH' }, 'admin.ruh');
    const dmm = await station({ hospitalCode: 'DMM' }, 'admin.dmm');
    const central = await station({ group: true }, 'admin.central');

    // a Riyadh officer, with a password on the Riyadh station, and a Riyadh patient
    const officer = await ruh.station.call(
      'users.create',
      { username: 'moved.officer', password: TEST_PASSWORD, nameEn: 'Moved Officer', nameAr: 'موظف منقول', roleCode: 'px_coordinator', hospitalId: riyadh },
      ruh.token,
    );
    await ruh.station.call('patients.create', { hospitalId: riyadh, mrn: 'MRN-MOVE-1', nameEn: 'Riyadh Patient', nameAr: 'مريض الرياض' }, ruh.token);
    for (const side of [ruh, dmm, central]) await syncOk(side.station.core);
    const before = await ruh.station.login('moved.officer');
    expect((await ruh.station.call('patients.search', {}, before)).total).toBe(1);
    expect(userRow(dmm.station, officer.id)).toBeUndefined();

    // the central team places the officer in Dammam
    await central.station.call('users.update', { id: officer.id, hospitalId: dammam }, central.token);
    await syncOk(central.station.core);
    expect(await recordData(t, 'users', officer.id)).toMatchObject({ hospital_id: dammam });
    for (const side of [ruh, dmm]) await syncOk(side.station.core);

    // Riyadh's station knows the officer left: signed in there, they see none of Riyadh's patients
    expect(userRow(ruh.station, officer.id)).toEqual({ username: 'moved.officer', name_en: 'Moved Officer', hospital_id: dammam });
    const after = await ruh.station.login('moved.officer');
    expect((await ruh.station.call('patients.search', {}, after)).total).toBe(0);

    // Dammam's station has the whole record, nothing waiting (credentials never travel)
    expect(userRow(dmm.station, officer.id)).toEqual({ username: 'moved.officer', name_en: 'Moved Officer', hospital_id: dammam });
    expect(dmm.station.core.sync.status()).toMatchObject({ waitingCells: 0, problems: { waiting: 0 } });

    // later edits follow the officer to Dammam only
    await central.station.call('users.update', { id: officer.id, nameEn: 'Moved Officer (Dammam)' }, central.token);
    await syncOk(central.station.core);
    for (const side of [ruh, dmm]) await syncOk(side.station.core);
    expect(userRow(dmm.station, officer.id)).toMatchObject({ name_en: 'Moved Officer (Dammam)' });
    expect(userRow(ruh.station, officer.id)).toMatchObject({ name_en: 'Moved Officer' });
  });
});
