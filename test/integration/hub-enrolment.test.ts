import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trickleBody } from '../fixtures/trickle.js';
import { enrolResponseSchema, groupSummarySchema, healthSchema } from '../../src-shared/hub-api.js';
import {
  ADMIN_TOKEN,
  StationWriter,
  type TestHub,
  type TestPostgres,
  call,
  createHospital,
  enrolStation,
  enrolmentCode,
  errorOf,
  push,
  startTestHub,
  startTestPostgres,
} from '../fixtures/hub-postgres.js';

let postgres: TestPostgres;
let t: TestHub;

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  await createHospital(t, 'RUH');
});
afterAll(async () => {
  await t?.close();
  await postgres?.stop();
});

describe('hub enrolment', () => {
  it('trades a code for a token and scope once; the second use is refused in both languages', async () => {
    const code = await enrolmentCode(t, { hospitalCode: 'RUH' });
    const first = await call(t.url, 'POST', '/api/v1/stations/enrol', { body: { code, stationId: 'st-once', stationName: 'PX office' } });
    expect(first.status).toBe(201);
    const enrolled = enrolResponseSchema.parse(first.body);
    expect(enrolled.scope).toMatchObject({ kind: 'hospital', hospitalCode: 'RUH' });
    expect(enrolled.token).toMatch(/^pxs_/);

    const again = await call(t.url, 'POST', '/api/v1/stations/enrol', { body: { code, stationId: 'st-twice', stationName: 'Other' } });
    expect(again.status).toBe(401);
    expect(errorOf(again.body).key).toBe('error.bad_enrolment_code');
    expect(errorOf(again.body).message.ar.length).toBeGreaterThan(0);
    // stored hashed: the code itself is nowhere in the table
    const stored = await t.sql.query<{ code_hash: string }>('SELECT code_hash FROM enrolment_codes');
    expect(stored.rows.every((r) => r.code_hash !== code && /^[0-9a-f]{64}$/.test(r.code_hash))).toBe(true);
  });

  it('refuses an expired code', async () => {
    const code = await enrolmentCode(t, { group: true });
    await t.sql.query(`UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const answer = await call(t.url, 'POST', '/api/v1/stations/enrol', { body: { code, stationId: 'st-late', stationName: 'Late' } });
    expect(answer.status).toBe(401);
    expect(errorOf(answer.body).key).toBe('error.bad_enrolment_code');
  });

  it('codes expire 24 hours after they are issued', async () => {
    const answer = await call(t.url, 'POST', '/api/v1/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { group: true } });
    const expiresAt = Date.parse((answer.body as { expiresAt: string }).expiresAt);
    expect(Math.round((expiresAt - Date.now()) / 3_600_000)).toBe(24);
  });

  it('an enrolled station enrols again only with its own token: its id and a valid code are not enough, and a refusal spends nothing', async () => {
    const enrol = (code: string, token?: string) =>
      call(t.url, 'POST', '/api/v1/stations/enrol', { token, body: { code, stationId: 'st-claimed', stationName: 'PX office' } });
    const first = enrolResponseSchema.parse((await enrol(await enrolmentCode(t, { hospitalCode: 'RUH' }))).body);

    // someone who saw the station's id in pulled messages, holding a code of their own
    const code = await enrolmentCode(t, { group: true });
    const stranger = await enrol(code);
    expect(stranger.status).toBe(409);
    expect(errorOf(stranger.body)).toMatchObject({ key: 'error.station_already_enrolled' });
    expect(errorOf(stranger.body).message.ar.length).toBeGreaterThan(0);
    expect((await enrol(code, 'pxs_not-its-token')).status).toBe(409);
    // the station keeps its place and its token
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0', { token: first.token })).status).toBe(200);

    // the station itself, with its token, moves to the group scope with that same (unspent) code; the old token ends
    const again = await enrol(code, first.token);
    expect(again.status).toBe(201);
    const second = enrolResponseSchema.parse(again.body);
    expect(second.scope).toEqual({ kind: 'group' });
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0', { token: first.token })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0', { token: second.token })).status).toBe(200);

    // a reinstalled station that lost its token: revoked by the administrator, then enrolled with a new code
    expect((await call(t.url, 'POST', '/api/v1/admin/stations/st-claimed/revoke', { token: ADMIN_TOKEN })).status).toBe(200);
    expect((await enrol(await enrolmentCode(t, { hospitalCode: 'RUH' }))).status).toBe(201);
  });

  it('a revoked station gets 401 on push and pull; an unknown token too', async () => {
    const station = await enrolStation(t, 'st-revoked', { hospitalCode: 'RUH' });
    const writer = new StationWriter('st-revoked');
    const hospitalId = station.scope.kind === 'hospital' ? station.scope.hospitalId : '';
    expect((await push(t, station.token, writer.write('patients', 'p-1', { hospital_id: hospitalId, mrn: '1' }))).accepted).toBe(2);

    const revoked = await call(t.url, 'POST', '/api/v1/admin/stations/st-revoked/revoke', { token: ADMIN_TOKEN });
    expect(revoked.status).toBe(200);
    const pushAfter = await call(t.url, 'POST', '/api/v1/sync/push', {
      token: station.token,
      body: { messages: writer.write('patients', 'p-1', { mrn: '2' }) },
    });
    expect(pushAfter.status).toBe(401);
    expect(errorOf(pushAfter.body).key).toBe('error.bad_station_token');
    expect(pushAfter.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0', { token: station.token })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0', { token: 'pxs_nonsense' })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0')).status).toBe(401);
    const stored = await t.sql.query<{ value: unknown }>(`SELECT value FROM messages WHERE station_id = 'st-revoked' AND col = 'mrn'`);
    expect(stored.rows.map((r) => r.value)).toEqual(['1']);
  });

  it('admin calls need the admin token; a station token is not one', async () => {
    const station = await enrolStation(t, 'st-admin', { hospitalCode: 'RUH' });
    for (const token of [undefined, 'wrong-token-000000000', station.token]) {
      const answer = await call(t.url, 'POST', '/api/v1/admin/enrolment-codes', { token, body: { group: true } });
      expect(answer.status).toBe(401);
      expect(errorOf(answer.body).key).toBe('error.bad_admin_token');
    }
  });

  it('a new hospital reaches stations as an ordinary hospitals record', async () => {
    const station = await enrolStation(t, 'st-hosp', { hospitalCode: 'RUH' });
    const jed = await createHospital(t, 'JED');
    const pulled = await call(t.url, 'GET', '/api/v1/sync/pull?after=0&limit=5000', { token: station.token });
    const messages = (pulled.body as { messages: { table: string; rowId: string; column: string; value: unknown; stationId: string }[] }).messages;
    expect(messages.filter((m) => m.table === 'hospitals' && m.rowId === jed.id).map((m) => [m.column, m.value])).toContainEqual(['code', 'JED']);
    expect(messages.every((m) => m.stationId === 'hub' || m.table !== 'hospitals')).toBe(true);
  });

  it('the group view counts non-deleted records per hospital for the admin and group stations only', async () => {
    const hospitalStation = await enrolStation(t, 'st-sum-h', { hospitalCode: 'RUH' });
    const group = await enrolStation(t, 'st-sum-g', { group: true });
    const ruh = hospitalStation.scope.kind === 'hospital' ? hospitalStation.scope.hospitalId : '';
    const writer = new StationWriter('st-sum-h');
    await push(t, hospitalStation.token, [
      ...writer.write('departments', 'd-1', { hospital_id: ruh, code: 'MED' }),
      ...writer.write('departments', 'd-2', { hospital_id: ruh, code: 'SURG' }),
      ...writer.write('departments', 'd-2', { deleted_at: '2026-11-23T11:00:00.000Z' }),
    ]);
    for (const token of [ADMIN_TOKEN, group.token]) {
      const answer = await call(t.url, 'GET', '/api/v1/group/summary', { token });
      expect(answer.status).toBe(200);
      const summary = groupSummarySchema.parse(answer.body);
      const row = summary.hospitals.find((h) => h.code === 'RUH');
      expect(row?.counts.departments).toBe(1);
      expect(row?.counts.patients).toBe(1); // st-revoked's patient, still on the hub
    }
    expect((await call(t.url, 'GET', '/api/v1/group/summary', { token: hospitalStation.token })).status).toBe(403);
    expect((await call(t.url, 'GET', '/api/v1/group/summary')).status).toBe(401);
  });

  it('serves health, the OpenAPI document and one JSON log line per request', async () => {
    const health = await call(t.url, 'GET', '/health');
    expect(healthSchema.parse(health.body)).toMatchObject({ status: 'ok', database: 'ok', pendingWork: 0 });
    const doc = await call(t.url, 'GET', '/api/v1/openapi.json');
    expect(Object.keys((doc.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/api/v1/sync/push', '/api/v1/sync/pull', '/api/v1/stations/enrol']),
    );
    const line = t.logs.find((l) => l.event === 'request' && l.route === '/api/v1/sync/push' && l.status === 200);
    expect(line).toMatchObject({ method: 'POST', stationId: expect.any(String), ms: expect.any(Number) });
  });

  it('serves the update feed without listings or path traversal', async () => {
    const updates = path.join(t.dataDir, 'updates');
    fs.writeFileSync(path.join(updates, 'latest.yml'), 'version: 0.2.0\npath: PX360-Setup-0.2.0.exe\n');
    fs.writeFileSync(path.join(updates, 'PX360-Setup-0.2.0.exe'), Buffer.alloc(1000, 7));
    fs.writeFileSync(path.join(t.dataDir, 'pg-password'), 'secret');

    const yml = await call(t.url, 'GET', '/updates/latest.yml');
    expect(yml.status).toBe(200);
    expect(yml.headers.get('content-type')).toContain('text/yaml');
    expect(yml.body).toContain('version: 0.2.0');
    const exe = await fetch(`${t.url}/updates/PX360-Setup-0.2.0.exe`, { headers: { range: 'bytes=10-19' } });
    expect(exe.status).toBe(206);
    expect((await exe.arrayBuffer()).byteLength).toBe(10);
    expect(exe.headers.get('content-type')).toBe('application/vnd.microsoft.portable-executable');

    for (const route of ['/updates/', '/updates', '/updates/..%2Fpg-password', '/updates/%2E%2E/pg-password', '/updates/../pg-password', '/updates/.hidden']) {
      const answer = await call(t.url, 'GET', route);
      expect(answer.status, route).toBe(404);
      expect(String(JSON.stringify(answer.body))).not.toContain('secret');
    }
  });
});

describe('slow clients', () => {
  it('a body trickled a byte at a time is cut off once the request time is up', async () => {
    const own = await startTestHub(postgres, {}, { limits: { requestTimeoutMs: 1500 } });
    try {
      const { port } = new URL(own.url);
      const slow = await trickleBody(Number(port), '/api/v1/sync/push', { everyMs: 100, forMs: 8000 });
      expect(slow.cutAfterMs).not.toBeNull();
      expect(slow.cutAfterMs!).toBeLessThan(8000);
      // the hub goes on answering others
      expect((await call(own.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('guessing tokens and codes', () => {
  it('an address that fails to authenticate 30 times in a minute gets 429 with Retry-After for its next guess, while valid tokens from it still work', async () => {
    const own = await startTestHub(postgres); // its own hub: the block would stop this file's other tests
    try {
      const code = await enrolmentCode(own, { group: true });
      const enrolled = await call(own.url, 'POST', '/api/v1/stations/enrol', { body: { code, stationId: 'behind-nat', stationName: 'Behind the NAT' } });
      const stationToken = (enrolled.body as { token: string }).token;
      for (let attempt = 0; attempt < 30; attempt += 1) {
        const guess =
          attempt % 2 === 0
            ? await call(own.url, 'GET', '/api/v1/sync/pull', { token: `guess-${attempt}-0000000000` })
            : await call(own.url, 'POST', '/api/v1/stations/enrol', { body: { code: `guess${attempt}`, stationId: 'guesser', stationName: 'Guesser' } });
        expect(guess.status).toBe(401);
      }
      const blocked = await call(own.url, 'GET', '/api/v1/sync/pull', { token: 'guess-again-0000000000' });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe('60');
      expect(errorOf(blocked.body)).toMatchObject({ key: 'error.rate_limited' });
      expect(errorOf(blocked.body).message.ar).toBeTruthy();
      const badCode = await call(own.url, 'POST', '/api/v1/stations/enrol', { body: { code: 'guess-more', stationId: 'guesser', stationName: 'Guesser' } });
      expect(badCode.status).toBe(429);
      // behind a hospital's NAT every station shares the guesser's address: their valid tokens are never refused
      for (let round = 0; round < 40; round += 1) expect((await call(own.url, 'GET', '/api/v1/sync/pull', { token: stationToken })).status).toBe(200);
      expect((await call(own.url, 'GET', '/api/v1/admin/hospitals', { token: ADMIN_TOKEN })).status).toBe(200);
      expect((await call(own.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('one wrong credential tried from many addresses is throttled by itself; X-Forwarded-For counts only from a named proxy', async () => {
    const proxied = await startTestHub(postgres, {}, { trustProxy: ['127.0.0.1'] });
    const direct = await startTestHub(postgres);
    try {
      const from = (address: string) => ({ token: 'pxs_revoked-token-retried', headers: { 'x-forwarded-for': address } });
      // ten addresses behind the proxy, one credential: the credential's own limit
      for (let n = 1; n <= 10; n += 1) expect((await call(proxied.url, 'GET', '/api/v1/sync/pull', from(`10.0.0.${n}`))).status).toBe(401);
      expect((await call(proxied.url, 'GET', '/api/v1/sync/pull', from('10.0.0.11'))).status).toBe(429);
      // another credential from a fresh address is not held back by it
      expect((await call(proxied.url, 'GET', '/api/v1/sync/pull', { token: 'pxs_another', headers: { 'x-forwarded-for': '10.0.0.12' } })).status).toBe(401);
      // the proxy's forwarded address counts: 30 guesses from 10.9.9.9 block 10.9.9.9, not 10.9.9.8
      for (let n = 0; n < 30; n += 1)
        expect((await call(proxied.url, 'GET', '/api/v1/sync/pull', { token: `pxs_guess-${n}`, headers: { 'x-forwarded-for': '10.9.9.9' } })).status).toBe(401);
      expect((await call(proxied.url, 'GET', '/api/v1/sync/pull', { token: 'pxs_guess-x', headers: { 'x-forwarded-for': '10.9.9.9' } })).status).toBe(429);
      expect((await call(proxied.url, 'GET', '/api/v1/sync/pull', { token: 'pxs_guess-y', headers: { 'x-forwarded-for': '10.9.9.8' } })).status).toBe(401);
      // without a named proxy the header is not believed: 30 guesses "from" 30 addresses are one address's 30
      for (let n = 0; n < 30; n += 1)
        expect((await call(direct.url, 'GET', '/api/v1/sync/pull', { token: `pxs_guess-${n}`, headers: { 'x-forwarded-for': `10.1.1.${n}` } })).status).toBe(
          401,
        );
      expect((await call(direct.url, 'GET', '/api/v1/sync/pull', { token: 'pxs_guess-z', headers: { 'x-forwarded-for': '10.1.1.200' } })).status).toBe(429);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });

  it('fewer failures than that change nothing for the address', async () => {
    const own = await startTestHub(postgres);
    try {
      for (let attempt = 0; attempt < 10; attempt += 1)
        expect((await call(own.url, 'GET', '/api/v1/sync/pull', { token: `guess-${attempt}-0000000000` })).status).toBe(401);
      expect((await call(own.url, 'GET', '/api/v1/admin/hospitals', { token: ADMIN_TOKEN })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
