/**
 * A new station's catch-up from the hub's snapshot (docs/sync-protocol.md,
 * "catching up"): real hub on embedded PostgreSQL, real HTTP, real station
 * files. Pages are made small so a few hundred records span many of them.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotResponseSchema } from '../../src-shared/hub-api.js';
import { normalizeNameForSearch } from '../../src-shared/identity.js';
import { isSyncedTable, SNAPSHOT_ORDER, TABLE_NAMES, type TableName, tableInfo } from '../../src-shared/tables/index.js';
import { derivedColumns } from '../fixtures/tables.js';
import { STATION_MIGRATIONS } from '../../migrations/station/index.js';
import { StationCore } from '../../src-main/core/station.js';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { decodeVersions, encodeVersions } from '../../src-main/sync/apply.js';
import { derivedStamp } from '../../src-main/core/data-layer.js';
import {
  ADMIN_TOKEN,
  type TestHub,
  type TestPostgres,
  call,
  createHospital,
  enrolmentCode,
  errorOf,
  startTestHub,
  startTestPostgres,
} from '../fixtures/hub-postgres.js';
import { stateOf, syncOk } from '../fixtures/replicas.js';
import { tempDataDir } from '../fixtures/station.js';

const PAGE = 25;
const PATIENTS = 120;

let postgres: TestPostgres;
let t: TestHub;
let hospitalId = '';
let otherHospitalId = '';
let source: StationCore;
let patientIds: string[] = [];
const opened: StationCore[] = [];

async function openStation(options: { pageSize?: number } = {}): Promise<StationCore> {
  const core = await StationCore.open(tempDataDir('px360-snapshot-'), () => {}, { syncPageSize: options.pageSize ?? PAGE });
  opened.push(core);
  return core;
}

function addPatient(core: StationCore, hospital: string, i: number): string {
  return core.data.write(
    SYSTEM_ACTOR,
    (tx) =>
      tx.insert('patients', {
        hospital_id: hospital,
        mrn: `MRN-S-${String(i).padStart(4, '0')}`,
        national_id: null,
        name_en: `Snapshot Patient${i} Alharbi`,
        name_ar: `مريض${i} الحربي`,
        phone: `+9665${String(i).padStart(8, '0')}`,
        email: null,
        preferred_language: i % 2 === 0 ? 'ar' : 'en',
        birth_date: '1990-01-01',
        gender: i % 2 === 0 ? 'F' : 'M',
        active: 1,
      }).id,
  );
}

/** Every synced column of every synced table, and the derived search text: what replicas must agree on. */
function contents(core: StationCore, hospital: string | null = null): unknown {
  const out: Record<string, unknown> = {};
  for (const table of SNAPSHOT_ORDER) {
    const columns = ['id', ...tableInfo(table).syncedColumns, ...derivedColumns(table)];
    const where = hospital && tableInfo(table).sync === 'hospital' ? `WHERE hospital_id = '${hospital}'` : '';
    out[table] = core.store.sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} ${where} ORDER BY id`).all();
  }
  return out;
}

function searchCount(core: StationCore, words: string): number {
  return core.store.sqlite
    .prepare('SELECT count(*) FROM patients_fts WHERE patients_fts MATCH ?')
    .pluck()
    .get(`"${normalizeNameForSearch(words)}"`) as number;
}

/**
 * A forwarding proxy in front of the hub that can cut a snapshot request or
 * run something before it is forwarded, counted over all snapshot requests.
 */
class SnapshotProxy {
  readonly snapshots: URLSearchParams[] = [];
  cutAt: number | null = null;
  before = new Map<number, () => Promise<void>>();
  url = '';
  private readonly server = http.createServer((req, res) => void this.forward(req, res));

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/api/v1/sync/snapshot') {
      const index = this.snapshots.length;
      this.snapshots.push(url.searchParams);
      await this.before.get(index)?.();
      if (this.cutAt === index) return void req.socket.destroy();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'content-length')) as Record<string, string>;
    const answer = await fetch(`${t.url}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      body: chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
  }
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  hospitalId = (await createHospital(t, 'KFH')).id;
  otherHospitalId = (await createHospital(t, 'DMM')).id;
  // the source of the records: a group station with patients in both hospitals, a department tree and an edit history
  source = await openStation();
  await source.sync.enrol(t.url, await enrolmentCode(t, { group: true }), 'Source');
  await syncOk(source);
  source.data.write(SYSTEM_ACTOR, (tx) => {
    const parent = tx.insert('departments', { hospital_id: hospitalId, parent_id: null, code: 'MED', name_en: 'Medicine', name_ar: 'الباطنة', active: 1 }).id;
    tx.insert('departments', { hospital_id: hospitalId, parent_id: parent, code: 'CARD', name_en: 'Cardiology', name_ar: 'القلب', active: 1 });
  });
  patientIds = Array.from({ length: PATIENTS }, (_, i) => addPatient(source, i % 3 === 0 ? otherHospitalId : hospitalId, i));
  // a later edit and a tombstone: a snapshot carries each cell's own stamp, and deleted records too
  source.data.write(SYSTEM_ACTOR, (tx) => tx.update('patients', patientIds[1]!, { phone: '+966511111111' }));
  source.data.write(SYSTEM_ACTOR, (tx) => tx.softDelete('patients', patientIds[2]!));
  await syncOk(source);
}, 120_000);

afterAll(async () => {
  for (const core of opened.splice(0)) {
    core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
  await t?.close();
  await postgres?.stop();
});

describe('the snapshot order and the allowlist', () => {
  it('lists every synced table once, each after the tables its foreign keys point to', async () => {
    const travelling = TABLE_NAMES.filter((name) => ['group', 'hospital'].includes(tableInfo(name).sync));
    expect([...SNAPSHOT_ORDER].sort()).toEqual(travelling.sort());
    for (const [position, table] of SNAPSHOT_ORDER.entries()) {
      const parents = source.store.sqlite.prepare('SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)').pluck().all(table) as string[];
      for (const parent of parents.filter((p) => p !== table && isSyncedTable(p))) {
        expect(SNAPSHOT_ORDER.indexOf(parent as (typeof SNAPSHOT_ORDER)[number]), `${table} → ${parent}`).toBeLessThan(position);
      }
    }
  });

  it('allowlisted columns only ever grow at the end (stored versions name columns by their place)', () => {
    // As released with migration 0004. Add new columns at the end of a list, never in between.
    const released: Record<string, string[]> = {
      hospitals: ['code', 'name_en', 'name_ar', 'time_zone', 'active'],
      departments: ['hospital_id', 'parent_id', 'code', 'name_en', 'name_ar', 'active'],
      physicians: ['hospital_id', 'department_id', 'license_number', 'name_en', 'name_ar', 'specialty', 'phone', 'email', 'active'],
      employees: ['hospital_id', 'department_id', 'employee_number', 'name_en', 'name_ar', 'job_title', 'user_id', 'phone', 'email', 'active'],
      patients: ['hospital_id', 'mrn', 'national_id', 'name_en', 'name_ar', 'phone', 'email', 'preferred_language', 'birth_date', 'gender', 'active'],
      roles: ['code', 'name_en', 'name_ar', 'level', 'scope', 'permissions'],
      users: ['username', 'name_en', 'name_ar', 'email', 'phone', 'preferred_language', 'role_id', 'hospital_id', 'department_id', 'active'],
      journey_templates: ['hospital_id', 'journey_type', 'code', 'name_en', 'name_ar', 'active'],
      journey_template_stages: [
        'template_id',
        'hospital_id',
        'position',
        'code',
        'name_en',
        'name_ar',
        'trigger_event_code',
        'survey_template_id',
        'auto_send_survey',
        'required',
        'active',
      ],
      journey_instances: [
        'hospital_id',
        'template_id',
        'patient_id',
        'encounter_id',
        'journey_type',
        'status',
        'department_id',
        'physician_id',
        'started_at',
        'completed_at',
      ],
      journey_stage_instances: ['instance_id', 'hospital_id', 'stage_id', 'status', 'completed_at', 'event_id', 'department_id', 'physician_id'],
    };
    for (const [table, columns] of Object.entries(released)) {
      const now: readonly string[] = tableInfo(table as TableName).syncedColumns;
      expect(now.slice(0, columns.length + 3), table).toEqual([...columns, 'created_at', 'updated_at', 'deleted_at']);
    }
  });
});

describe('the hub’s snapshot', () => {
  it('pages a hospital station through its hospital’s records and the group tables, with the total first', async () => {
    const { token } = (
      await call(t.url, 'POST', '/api/v1/stations/enrol', {
        body: { code: await enrolmentCode(t, { hospitalCode: 'KFH' }), stationId: 'peek-kfh', stationName: 'Peek' },
      })
    ).body as { token: string };
    const records: { table: string; rowId: string; data: Record<string, unknown> }[] = [];
    let from: { table: string; after: string } | null = null;
    let total: number | null = null;
    for (let page = 0; ; page += 1) {
      const query = from ? `?table=${from.table}&after=${from.after}&limit=${PAGE}` : `?limit=${PAGE}`;
      const answer = await call(t.url, 'GET', `/api/v1/sync/snapshot${query}`, { token });
      expect(answer.status).toBe(200);
      const body = snapshotResponseSchema.parse(answer.body);
      if (page === 0) total = body.total;
      else expect(body.total).toBeNull();
      expect(body.records.length).toBeLessThanOrEqual(PAGE);
      records.push(...body.records);
      if (!body.next) break;
      from = body.next;
    }
    expect(records).toHaveLength(total!);
    // tables in order, each by row id, nobody twice
    const positions = records.map((r) => SNAPSHOT_ORDER.indexOf(r.table as (typeof SNAPSHOT_ORDER)[number]));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(records.map((r) => `${r.table}/${r.rowId}`)).size).toBe(records.length);
    // its hospital's patients (the deleted one too), none of the other hospital's; both hospitals (group table)
    const patients = records.filter((r) => r.table === 'patients');
    expect(patients.every((r) => r.data.hospital_id === hospitalId)).toBe(true);
    expect(patients).toHaveLength(patientIds.filter((_, i) => i % 3 !== 0).length);
    expect(
      records
        .filter((r) => r.table === 'hospitals')
        .map((r) => r.rowId)
        .sort(),
    ).toEqual([hospitalId, otherHospitalId].sort());
  });

  it('answers 400 to an unknown table and 401 without a station token, changing nothing', async () => {
    const { token } = (
      await call(t.url, 'POST', '/api/v1/stations/enrol', {
        body: { code: await enrolmentCode(t, { group: true }), stationId: 'peek-group', stationName: 'Peek' },
      })
    ).body as { token: string };
    const bad = await call(t.url, 'GET', '/api/v1/sync/snapshot?table=sessions&after=x', { token });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).message.ar).toBeTruthy();
    const tooMany = await call(t.url, 'GET', '/api/v1/sync/snapshot?limit=500000', { token });
    expect(tooMany.status).toBe(400);
    const anonymous = await call(t.url, 'GET', '/api/v1/sync/snapshot');
    expect(anonymous.status).toBe(401);
  });
});

describe('a new station catching up', () => {
  it('reads the snapshot page by page, ends equal to the source, searchable, and pulls from the snapshot’s watermark', async () => {
    const fresh = await openStation();
    await fresh.sync.enrol(t.url, await enrolmentCode(t, { group: true }), 'Fresh');
    const phases = new Set<string>();
    let lastTotal: number | null = null;
    fresh.sync.onProgress((p) => {
      phases.add(p.phase);
      if (p.phase === 'catching_up') lastTotal = p.total;
    });
    const round = await syncOk(fresh);
    expect(round.snapshotRecords).toBeGreaterThan(PATIENTS);
    expect(phases.has('catching_up')).toBe(true);
    expect(lastTotal).toBe(round.snapshotRecords);
    expect(contents(fresh)).toEqual(contents(source));
    expect(fresh.store.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM patients WHERE id = ?').pluck().get(patientIds[2])).toBe(1);
    // the name index was rebuilt at the end, and is kept row by row again
    expect(searchCount(fresh, 'Patient7 Alharbi')).toBe(1);
    expect(searchCount(fresh, 'مريض11')).toBe(1);
    expect(stateOf(fresh, 'search_index_deferred')).toBeNull();
    expect(Number(stateOf(fresh, 'pull_cursor'))).toBeGreaterThan(0);
    expect(stateOf(fresh, 'snapshot_next')).toBeNull();

    // one version row per record, carrying the source's stamps
    const versions = fresh.store.sqlite
      .prepare(`SELECT versions FROM sync_row_versions WHERE tbl = 'patients' AND row_id = ?`)
      .pluck()
      .get(patientIds[1]) as string;
    const decoded = decodeVersions('patients', versions);
    expect(decoded.get('phone')!.hlc > decoded.get('mrn')!.hlc).toBe(true);
    expect(decoded.size).toBeGreaterThanOrEqual(13);
    expect(versions.length).toBeLessThan(300); // 13 stamps grouped by wall time and node, not 13 × 50 characters

    // afterwards it is an ordinary station: an edit on the source arrives by pull, and an older stamp loses
    source.data.write(SYSTEM_ACTOR, (tx) => tx.update('patients', patientIds[5]!, { name_en: 'Renamed After Catch-up' }));
    await syncOk(source);
    const next = await syncOk(fresh);
    expect(next.snapshotRecords).toBe(0);
    expect(searchCount(fresh, 'Renamed After Catch-up')).toBe(1);
    expect(contents(fresh)).toEqual(contents(source));
  });

  it('a cut in the middle resumes at the next page, and edits made meanwhile still converge', async () => {
    const proxy = new SnapshotProxy();
    await proxy.start();
    try {
      const fresh = await openStation();
      await fresh.sync.enrol(proxy.url, await enrolmentCode(t, { group: true }), 'Cut');
      // while the station is between pages, the source edits a record it already has and one still to come
      proxy.before.set(2, async () => {
        source.data.write(SYSTEM_ACTOR, (tx) => {
          tx.update('patients', patientIds[0]!, { email: 'early@example.sa' });
          tx.update('patients', patientIds.at(-1)!, { email: 'late@example.sa' });
        });
        await syncOk(source);
      });
      proxy.cutAt = 4;
      const cut = await fresh.sync.syncNow();
      expect(cut).toMatchObject({ ok: false, failure: 'unreachable' });
      const heldAfterCut = fresh.store.sqlite.prepare('SELECT count(*) FROM patients').pluck().get() as number;
      expect(heldAfterCut).toBeGreaterThan(0);
      expect(heldAfterCut).toBeLessThan(PATIENTS);
      const resumeFrom = JSON.parse(stateOf(fresh, 'snapshot_next')!) as { table: string; after: string };
      expect(stateOf(fresh, 'search_index_deferred')).toBe('1');
      expect(fresh.sync.status()).toMatchObject({ online: false, lastError: { key: 'sync.unreachable' } });

      await syncOk(fresh);
      // the first request after the cut asks for the page after the last one applied, not the start
      const resumed = proxy.snapshots[5]!;
      expect({ table: resumed.get('table'), after: resumed.get('after') }).toEqual(resumeFrom);
      expect(contents(fresh)).toEqual(contents(source));
      expect(stateOf(fresh, 'search_index_deferred')).toBeNull();
      expect(searchCount(fresh, 'Patient9 Alharbi')).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('a hospital station reads only its hospital and the group tables', async () => {
    const fresh = await openStation();
    await fresh.sync.enrol(t.url, await enrolmentCode(t, { hospitalCode: 'KFH' }), 'KFH station');
    await syncOk(fresh);
    expect(contents(fresh)).toEqual(contents(source, hospitalId));
    expect(fresh.store.sqlite.prepare('SELECT count(*) FROM patients WHERE hospital_id = ?').pluck().get(otherHospitalId)).toBe(0);
  });

  it('a station re-enrolled at another hub address reads the snapshot over what it holds, and its newer offline edit wins', async () => {
    const station = await openStation({ pageSize: 1000 });
    await station.sync.enrol(t.url, await enrolmentCode(t, { group: true }), 'Moving');
    await syncOk(station);
    station.data.write(SYSTEM_ACTOR, (tx) => tx.update('patients', patientIds[4]!, { phone: '+966522222222' }));
    // the same hub by another name: the token is not sent to an address it was not given for, so the
    // hub sees a stranger claiming an enrolled station's identity and refuses, spending nothing
    const elsewhere = t.url.replace('127.0.0.1', 'localhost');
    const code = await enrolmentCode(t, { group: true });
    await expect(station.sync.enrol(elsewhere, code, 'Moving')).rejects.toMatchObject({ reason: 'already_enrolled' });
    expect(station.sync.status()).toMatchObject({ enrolled: true, hubUrl: t.url });
    // the administrator revokes it; enrolling then starts a new cursor, so a new catch-up
    expect((await call(t.url, 'POST', `/api/v1/admin/stations/${station.stationId}/revoke`, { token: ADMIN_TOKEN })).status).toBe(200);
    await station.sync.enrol(elsewhere, code, 'Moving');
    expect(stateOf(station, 'pull_cursor')).toBeNull();
    const round = await syncOk(station);
    expect(round.snapshotRecords).toBeGreaterThan(PATIENTS);
    expect(station.store.sqlite.prepare('SELECT phone FROM patients WHERE id = ?').pluck().get(patientIds[4])).toBe('+966522222222');
    await syncOk(source);
    expect(source.store.sqlite.prepare('SELECT phone FROM patients WHERE id = ?').pluck().get(patientIds[4])).toBe('+966522222222');
    expect(contents(station)).toEqual(contents(source));
  });

  it('a snapshot record that breaks a unique rule waits with its reason, and lands once the local record is fixed', async () => {
    const station = await openStation();
    // before its first sync the office registered a patient under an MRN the group already uses
    const localId = station.data.write(SYSTEM_ACTOR, (tx) => {
      tx.insert('hospitals', { id: hospitalId, code: 'KFH', name_en: 'Hospital KFH', name_ar: 'مستشفى KFH', time_zone: 'Asia/Riyadh', active: 1 });
      return tx.insert('patients', {
        hospital_id: hospitalId,
        mrn: 'MRN-S-0001',
        national_id: null,
        name_en: 'Local Duplicate',
        name_ar: 'مكرر محلي',
        phone: null,
        email: null,
        preferred_language: 'ar',
        birth_date: null,
        gender: null,
        active: 1,
      }).id;
    });
    await station.sync.enrol(t.url, await enrolmentCode(t, { group: true }), 'Duplicate');
    await syncOk(station);
    const waiting = station.store.sqlite
      .prepare('SELECT DISTINCT reason FROM sync_pending_cells WHERE tbl = ? AND row_id = ?')
      .pluck()
      .all('patients', patientIds[1]) as string[];
    expect(waiting.map((r) => JSON.parse(r) as unknown)).toEqual([{ kind: 'duplicate', columns: ['mrn', 'hospital_id'], localRowId: localId }]);
    expect(station.store.sqlite.prepare('SELECT count(*) FROM patients WHERE id = ?').pluck().get(patientIds[1])).toBe(0);
    // everything else arrived, and is searchable
    expect(searchCount(station, 'Patient7 Alharbi')).toBe(1);

    station.data.write(SYSTEM_ACTOR, (tx) => tx.update('patients', localId, { mrn: 'MRN-LOCAL-1' }));
    await syncOk(station);
    expect(station.store.sqlite.prepare('SELECT mrn FROM patients WHERE id = ?').pluck().get(patientIds[1])).toBe('MRN-S-0001');
    expect(station.store.sqlite.prepare('SELECT count(*) FROM sync_pending_cells').pluck().get()).toBe(0);
    expect(searchCount(station, 'Patient1 Alharbi')).toBe(1);
  });

  it('a name index left deferred by a catch-up that will not resume is rebuilt when the station opens', async () => {
    const station = await openStation();
    await station.sync.enrol(t.url, await enrolmentCode(t, { group: true }), 'Left behind');
    await syncOk(station);
    const dataDir = station.dataDir;
    station.store.sqlite.prepare(`INSERT INTO sync_state (key, value) VALUES ('search_index_deferred', '1')`).run();
    addPatient(station, hospitalId, 9001); // not indexed while deferred
    expect(searchCount(station, 'Patient9001')).toBe(0);
    station.close();
    opened.splice(opened.indexOf(station), 1);
    const reopened = await StationCore.open(dataDir, () => {});
    opened.push(reopened);
    expect(stateOf(reopened, 'search_index_deferred')).toBeNull();
    expect(searchCount(reopened, 'Patient9001')).toBe(1);
  });
});

describe('migration 0004', () => {
  it('drops per-cell remote versions and clears the pull cursor, so the next sync catches up again; data stays', async () => {
    const dir = tempDataDir('px360-migrate-');
    const file = path.join(dir, 'station.sqlite');
    try {
      const sqlite = new BetterSqlite3(file);
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
      const before = Object.fromEntries(Object.entries(STATION_MIGRATIONS).filter(([name]) => name < '0004'));
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
      expect(error).toBeUndefined();
      sqlite.prepare(`INSERT INTO sync_remote_cells (tbl, row_id, col, hlc) VALUES ('hospitals', 'h1', 'code', '2026-11-01T08:00:00.000Z-0000-st1')`).run();
      sqlite.prepare(`INSERT INTO sync_state (key, value) VALUES ('pull_cursor', '42'), ('hub_url', 'http://hub.example')`).run();
      await db.destroy();

      const core = await StationCore.open(dir, () => {});
      try {
        expect(core.store.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sync_remote_cells'`).get()).toBeUndefined();
        expect(core.store.sqlite.prepare('SELECT count(*) FROM sync_row_versions').pluck().get()).toBe(0);
        expect(stateOf(core, 'pull_cursor')).toBeNull();
        expect(stateOf(core, 'hub_url')).toBe('http://hub.example');
      } finally {
        core.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores versions compactly and reads them back exactly', () => {
    const cells = new Map([
      ['mrn', { hlc: '2026-11-23T10:15:00.000Z-0000-st1' }],
      ['name_en', { hlc: '2026-11-23T10:15:00.000Z-0001-st1' }],
      ['phone', { hlc: '2026-11-24T09:00:00.000Z-FFFF-other_station' }],
      ['deleted_at', { hlc: '2026-11-23T10:15:00.000Z-00A2-st1' }],
    ]);
    const stored = encodeVersions('patients', cells);
    expect(stored).toBe('{"2026-11-23T10:15:00.000Z|st1":[1,0,3,1,13,162],"2026-11-24T09:00:00.000Z|other_station":[5,65535]}');
    expect(decodeVersions('patients', stored)).toEqual(cells);
  });

  it('keeps only the node of an automatic effect’s cells, whose stamps are made again from the row and column', () => {
    const rowId = '0190a3c2-0000-8000-8000-0000000000d2';
    const derived = (column: string, node: string) => ({ hlc: derivedStamp('patients', rowId, column, node) });
    const cells = new Map([
      ['mrn', derived('mrn', 'st1')],
      ['name_en', derived('name_en', 'st1')],
      ['phone', { hlc: '2026-11-24T09:00:00.000Z-0003-st2' }],
      ['deleted_at', derived('deleted_at', 'st2')],
    ]);
    const stored = encodeVersions('patients', cells, rowId);
    expect(stored).toBe('{"D|st1":[1,3],"2026-11-24T09:00:00.000Z|st2":[5,3],"D|st2":[13]}');
    expect(decodeVersions('patients', stored, rowId)).toEqual(cells);
    // a stamp before 1970 that is not the derived one of its place is kept whole
    const odd = new Map([['mrn', { hlc: '1969-01-01T00:00:00.000Z-0001-st1' }]]);
    expect(decodeVersions('patients', encodeVersions('patients', odd, rowId), rowId)).toEqual(odd);
  });
});
