import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  StationWriter,
  type TestHub,
  type TestPostgres,
  call,
  countRows,
  createHospital,
  enrolStation,
  errorOf,
  pull,
  pullAll,
  push,
  recordData,
  startTestHub,
  startTestPostgres,
} from '../fixtures/hub-postgres.js';

let postgres: TestPostgres;
let t: TestHub;
let ruhId = '';
let jedId = '';
const tokens: Record<'ruh' | 'ruh2' | 'jed' | 'group', string> = { ruh: '', ruh2: '', jed: '', group: '' };

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  ruhId = (await createHospital(t, 'RUH')).id;
  jedId = (await createHospital(t, 'JED')).id;
  tokens.ruh = (await enrolStation(t, 'ruh-a', { hospitalCode: 'RUH' })).token;
  tokens.ruh2 = (await enrolStation(t, 'ruh-b', { hospitalCode: 'RUH' })).token;
  tokens.jed = (await enrolStation(t, 'jed-a', { hospitalCode: 'JED' })).token;
  tokens.group = (await enrolStation(t, 'central', { group: true })).token;
});
afterAll(async () => {
  await t?.close();
  await postgres?.stop();
});

describe('hub push', () => {
  it('stores a batch once: the same batch again counts duplicates and applies nothing twice', async () => {
    const writer = new StationWriter('ruh-a');
    const batch = writer.write('patients', 'idem-1', { hospital_id: ruhId, mrn: 'M-1', name_en: 'Sara' });
    expect(await push(t, tokens.ruh, batch)).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const messagesBefore = await countRows(t, 'messages');
    const recordBefore = await t.sql.query('SELECT data, cell_hlc, updated_at FROM records WHERE row_id = $1', ['idem-1']);
    expect(await push(t, tokens.ruh, batch)).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    expect(await countRows(t, 'messages')).toBe(messagesBefore);
    const recordAfter = await t.sql.query('SELECT data, cell_hlc, updated_at FROM records WHERE row_id = $1', ['idem-1']);
    expect(recordAfter.rows).toEqual(recordBefore.rows);
  });

  it('last writer wins per cell by HLC, whatever the arrival order; edits of different cells both survive', async () => {
    const a = new StationWriter('ruh-a');
    const b = new StationWriter('ruh-b');
    const created = a
      .at(Date.parse('2026-11-23T09:00:00.000Z'))
      .write('patients', 'lww-1', { hospital_id: ruhId, phone: '0500000000', email: 'old@x.sa', name_en: 'Old' });
    const later = b.at(Date.parse('2026-11-23T12:00:00.000Z')).write('patients', 'lww-1', { phone: '0511111111' });
    const earlier = a.at(Date.parse('2026-11-23T11:00:00.000Z')).write('patients', 'lww-1', { phone: '0522222222', email: 'new@x.sa' });
    const otherCell = b.at(Date.parse('2026-11-23T10:00:00.000Z')).write('patients', 'lww-1', { name_en: 'Nora' });
    await push(t, tokens.ruh, created);
    // the later phone edit arrives first, the earlier one after it
    await push(t, tokens.ruh2, [...later, ...otherCell]);
    await push(t, tokens.ruh, earlier);
    expect(await recordData(t, 'patients', 'lww-1')).toMatchObject({ phone: '0511111111', email: 'new@x.sa', name_en: 'Nora', hospital_id: ruhId });
  });

  it('rejects messages outside the allowlist or with a forged HLC, logs and records them, and applies the rest', async () => {
    const writer = new StationWriter('ruh-a');
    const good = writer.write('patients', 'allow-1', { hospital_id: ruhId, mrn: 'A-1' });
    const batch: unknown[] = [
      good[0],
      { hlc: writer.stamp(), table: 'users', rowId: 'u-1', column: 'password_hash', value: 'x' },
      { hlc: writer.stamp(), table: 'integration_sources', rowId: 's-1', column: 'token_hash', value: 'x' },
      { hlc: writer.stamp(), table: 'sessions', rowId: 's-1', column: 'token', value: 'x' },
      { hlc: new StationWriter('someone-else').stamp(), table: 'patients', rowId: 'allow-1', column: 'mrn', value: 'forged' },
      { hlc: 'yesterday', table: 'patients', rowId: 'allow-1', column: 'mrn', value: 'bad' },
      { table: 'patients' },
      { hlc: writer.stamp(), table: 'patients', rowId: 'other-hospital', column: 'hospital_id', value: jedId },
      good[1],
    ];
    const rejectedBefore = await countRows(t, 'rejected_messages');
    const answer = await push(t, tokens.ruh, batch);
    expect(answer.accepted).toBe(2);
    expect(answer.rejected).toEqual([
      { index: 1, reason: 'column_not_synced' },
      { index: 2, reason: 'table_not_synced' },
      { index: 3, reason: 'table_not_synced' },
      { index: 4, reason: 'hlc_not_this_station' },
      { index: 5, reason: 'bad_hlc' },
      { index: 6, reason: 'invalid_message' },
      { index: 7, reason: 'out_of_scope' },
    ]);
    expect(await countRows(t, 'rejected_messages')).toBe(rejectedBefore + 7);
    expect(t.logs.some((l) => l.event === 'sync.rejected' && l.stationId === 'ruh-a' && l.count === 7)).toBe(true);
    expect(await recordData(t, 'patients', 'allow-1')).toEqual({ hospital_id: ruhId, mrn: 'A-1' });
    expect(await recordData(t, 'users', 'u-1')).toBeNull();
    expect(await recordData(t, 'patients', 'other-hospital')).toBeNull();
  });

  it('a hospital station cannot edit or move another hospital’s record', async () => {
    const jed = new StationWriter('jed-a');
    await push(t, tokens.jed, jed.write('patients', 'jed-patient', { hospital_id: jedId, mrn: 'J-1' }));
    const ruh = new StationWriter('ruh-a', Date.parse('2026-12-01T00:00:00.000Z'));
    const answer = await push(t, tokens.ruh, [
      ...ruh.write('patients', 'jed-patient', { mrn: 'hijack' }),
      ...ruh.write('patients', 'jed-patient', { hospital_id: ruhId }),
    ]);
    expect(answer.rejected.map((r) => r.reason)).toEqual(['out_of_scope', 'out_of_scope']);
    expect(await recordData(t, 'patients', 'jed-patient')).toEqual({ hospital_id: jedId, mrn: 'J-1' });
  });

  it('answers 400, 413 and 401 with bilingual bodies and changes nothing', async () => {
    const writer = new StationWriter('ruh-a');
    const before = { messages: await countRows(t, 'messages'), records: await countRows(t, 'records') };
    const cases: { status: number; key: string; answer: Promise<{ status: number; body: unknown }> }[] = [
      {
        status: 400,
        key: 'error.bad_json',
        answer: call(t.url, 'POST', '/api/v1/sync/push', { token: tokens.ruh, rawBody: '{"messages": [', headers: { 'content-type': 'application/json' } }),
      },
      { status: 400, key: 'error.validation', answer: call(t.url, 'POST', '/api/v1/sync/push', { token: tokens.ruh, body: { messages: 'all of them' } }) },
      {
        status: 413,
        key: 'error.sync_batch_too_large',
        answer: call(t.url, 'POST', '/api/v1/sync/push', {
          token: tokens.ruh,
          body: { messages: Array.from({ length: 5001 }, () => writer.write('patients', 'big', { mrn: 'x' })[0]) },
        }),
      },
      {
        status: 413,
        key: 'error.sync_batch_too_large',
        // 9 MiB of JSON squeezed into a tiny gzip body: the inflated size is what counts
        answer: call(t.url, 'POST', '/api/v1/sync/push', {
          token: tokens.ruh,
          rawBody: gzipSync(
            JSON.stringify({ messages: [{ hlc: writer.stamp(), table: 'patients', rowId: 'big', column: 'mrn', value: 'x'.repeat(9 * 1024 * 1024) }] }),
          ),
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        }),
      },
      {
        status: 401,
        key: 'error.bad_station_token',
        answer: call(t.url, 'POST', '/api/v1/sync/push', { token: 'pxs_unknown', body: { messages: writer.write('patients', 'x', { mrn: '1' }) } }),
      },
    ];
    for (const c of cases) {
      const answer = await c.answer;
      expect(answer.status, c.key).toBe(c.status);
      const error = errorOf(answer.body);
      expect(error.key).toBe(c.key);
      expect(error.message.en.length).toBeGreaterThan(0);
      expect(error.message.ar).toMatch(/[\u0600-\u06FF]/);
    }
    expect({ messages: await countRows(t, 'messages'), records: await countRows(t, 'records') }).toEqual(before);
  });

  it('accepts gzip-encoded batches', async () => {
    const writer = new StationWriter('ruh-a');
    const answer = await push(t, tokens.ruh, writer.write('departments', 'gz-1', { hospital_id: ruhId, code: 'GZ', name_en: 'Gzip' }), { gzip: true });
    expect(answer).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await recordData(t, 'departments', 'gz-1')).toMatchObject({ code: 'GZ' });
  });
});

describe('a hospital station’s row with no hospital (the first-run admin)', () => {
  /** The cells a hospital station's setup admin sends: a group-level user, hospital_id null. */
  const setupAdmin = (writer: StationWriter, rowId: string) =>
    writer.write('users', rowId, {
      username: `admin.${rowId}`,
      name_en: 'PX Admin',
      name_ar: 'مدير',
      role_id: 'role-px-admin',
      hospital_id: null,
      department_id: null,
      active: 1,
    });
  const routing = async (rowId: string) => {
    const record = await t.sql.query<{ hospital_id: string | null }>('SELECT hospital_id FROM records WHERE tbl = $1 AND row_id = $2', ['users', rowId]);
    const messages = await t.sql.query<{ hospital_id: string | null }>('SELECT DISTINCT hospital_id FROM messages WHERE tbl = $1 AND row_id = $2', [
      'users',
      rowId,
    ]);
    return { record: record.rows[0]?.hospital_id, messages: messages.rows.map((r) => r.hospital_id) };
  };

  it('is accepted and routed to the pushing station’s hospital: its other stations and group stations get it, other hospitals do not', async () => {
    const { next: ruh2Start } = await pullAll(t, tokens.ruh2);
    const { next: jedStart } = await pullAll(t, tokens.jed);
    const { next: groupStart } = await pullAll(t, tokens.group);
    const batch = setupAdmin(new StationWriter('ruh-a'), 'setup-admin-1');
    expect(await push(t, tokens.ruh, batch)).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
    // the cell stays null (a group-level user); only its routing names the hospital
    expect(await recordData(t, 'users', 'setup-admin-1')).toMatchObject({ hospital_id: null, username: 'admin.setup-admin-1' });
    expect(await routing('setup-admin-1')).toEqual({ record: ruhId, messages: [ruhId] });

    const rows = async (token: string, after: number) => (await pullAll(t, token, after)).messages.filter((m) => m.rowId === 'setup-admin-1').length;
    expect(await rows(tokens.ruh2, ruh2Start)).toBe(batch.length);
    expect(await rows(tokens.group, groupStart)).toBe(batch.length);
    expect(await rows(tokens.jed, jedStart)).toBe(0);
  });

  it('keeps its hospital when edited later, by its station or a group station; another hospital’s station cannot touch it', async () => {
    const ruh = new StationWriter('ruh-a');
    await push(t, tokens.ruh, setupAdmin(ruh, 'setup-admin-2'));
    expect(await push(t, tokens.ruh, ruh.write('users', 'setup-admin-2', { phone: '0500000001' }))).toMatchObject({ accepted: 1, rejected: [] });
    expect(await push(t, tokens.ruh, ruh.write('users', 'setup-admin-2', { hospital_id: null, name_en: 'Renamed' }))).toMatchObject({
      accepted: 2,
      rejected: [],
    });
    expect(await push(t, tokens.group, new StationWriter('central').write('users', 'setup-admin-2', { email: 'central@x.sa' }))).toMatchObject({
      accepted: 1,
      rejected: [],
    });
    expect(await routing('setup-admin-2')).toEqual({ record: ruhId, messages: [ruhId] });

    const jed = new StationWriter('jed-a', Date.now() - 60_000); // later than every other writer here, not ahead of the hub's clock;
    const answer = await push(t, tokens.jed, [
      ...jed.write('users', 'setup-admin-2', { name_en: 'hijack' }),
      ...jed.write('users', 'setup-admin-2', { hospital_id: null }),
    ]);
    expect(answer.rejected.map((r) => r.reason)).toEqual(['out_of_scope', 'out_of_scope']);
    expect(await recordData(t, 'users', 'setup-admin-2')).toMatchObject({ name_en: 'Renamed', phone: '0500000001', email: 'central@x.sa', hospital_id: null });
  });

  it('a row with no hospital_id cell at all, unknown on the hub, stays unknown_hospital', async () => {
    const writer = new StationWriter('ruh-a');
    const answer = await push(t, tokens.ruh, writer.write('users', 'no-hospital-cell', { username: 'nobody', name_en: 'No hospital cell' }));
    expect(answer).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, reason: 'unknown_hospital' },
        { index: 1, reason: 'unknown_hospital' },
      ],
    });
    expect(await recordData(t, 'users', 'no-hospital-cell')).toBeNull();
  });

  it('a group station’s group-level row is not a hospital station’s to write, null hospital_id or not', async () => {
    await push(t, tokens.group, setupAdmin(new StationWriter('central'), 'group-admin'));
    expect(await routing('group-admin')).toEqual({ record: null, messages: [null] });
    const ruh = new StationWriter('ruh-a', Date.now() - 60_000); // later than every other writer here, not ahead of the hub's clock;
    const answer = await push(t, tokens.ruh, [
      ...ruh.write('users', 'group-admin', { hospital_id: null, name_en: 'claimed' }),
      ...ruh.write('users', 'group-admin', { phone: '0500000002' }),
    ]);
    expect(answer.rejected.map((r) => r.reason)).toEqual(['out_of_scope', 'out_of_scope', 'out_of_scope']);
    expect(await routing('group-admin')).toEqual({ record: null, messages: [null] });
  });
});

describe('hub pull', () => {
  it('hands each station its hospital’s rows and group tables from other stations; a group station gets everything', async () => {
    const ruh = new StationWriter('ruh-a');
    const jed = new StationWriter('jed-a');
    const central = new StationWriter('central');
    await push(t, tokens.ruh, ruh.write('physicians', 'scope-ruh', { hospital_id: ruhId, name_en: 'Dr R' }));
    await push(t, tokens.jed, jed.write('physicians', 'scope-jed', { hospital_id: jedId, name_en: 'Dr J' }));
    await push(t, tokens.group, central.write('roles', 'scope-role', { code: 'PX_AUDITOR', name_en: 'Auditor' }));

    const rowsFor = async (token: string) => new Set((await pullAll(t, token)).messages.map((m) => `${m.table}/${m.rowId}/${m.stationId}`));
    const ruh2 = await rowsFor(tokens.ruh2);
    expect(ruh2).toContain('physicians/scope-ruh/ruh-a');
    expect(ruh2).toContain('roles/scope-role/central');
    expect([...ruh2].some((k) => k.includes('scope-jed') || k.includes('jed-patient'))).toBe(false);
    // nothing of another hospital, whichever table (null: a group-level user written by a RUH station)
    const ruh2Hospitals = (await pullAll(t, tokens.ruh2)).messages.filter((m) => m.column === 'hospital_id' && m.value !== null).map((m) => m.value);
    expect(new Set(ruh2Hospitals)).toEqual(new Set([ruhId]));

    const jedRows = await rowsFor(tokens.jed);
    expect(jedRows).toContain('roles/scope-role/central');
    expect([...jedRows].some((k) => k.includes('scope-ruh'))).toBe(false);
    // never its own messages back
    expect([...jedRows].some((k) => k.endsWith('/jed-a'))).toBe(false);

    const all = await rowsFor(tokens.group);
    expect(all).toContain('physicians/scope-ruh/ruh-a');
    expect(all).toContain('physicians/scope-jed/jed-a');
    expect([...all].some((k) => k.endsWith('/central'))).toBe(false);
  });

  it('pages in sequence order with next and more', async () => {
    const first = await pull(t, tokens.group, 0, 3);
    expect(first.messages).toHaveLength(3);
    expect(first.more).toBe(true);
    const second = await pull(t, tokens.group, first.next, 3);
    const seqs = [...first.messages, ...second.messages].map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(second.messages[0]!.seq).toBeGreaterThan(first.next);
    expect((await call(t.url, 'GET', '/api/v1/sync/pull?after=0&limit=5001', { token: tokens.group })).status).toBe(400);
  });
});

describe('the cursor trap', () => {
  it('a message that commits late is never skipped by a cursor that moved on', async () => {
    let releaseSlow: () => void = () => {};
    let slowInside: () => void = () => {};
    const slowHeld = new Promise<void>((resolve) => (slowInside = resolve));
    const release = new Promise<void>((resolve) => (releaseSlow = resolve));
    const hub = await startTestHub(postgres, {
      // the slow station's push waits inside its transaction, after its messages took their sequence numbers
      afterInsert: async (stationId) => {
        if (stationId !== 'slow') return;
        slowInside();
        await release;
      },
    });
    try {
      const hospital = (await createHospital(hub, 'DMM')).id;
      const slow = await enrolStation(hub, 'slow', { hospitalCode: 'DMM' });
      const fast = await enrolStation(hub, 'fast', { hospitalCode: 'DMM' });
      const reader = await enrolStation(hub, 'reader', { hospitalCode: 'DMM' });
      const { next: start } = await pullAll(hub, reader.token);

      const slowBatch = new StationWriter('slow').write('patients', 'late', { hospital_id: hospital, mrn: 'L' });
      const fastBatch = new StationWriter('fast').write('patients', 'early', { hospital_id: hospital, mrn: 'E' });
      const slowPush = push(hub, slow.token, slowBatch);
      await slowHeld;
      let fastDone = false;
      const fastPush = push(hub, fast.token, fastBatch).then((answer) => {
        fastDone = true;
        return answer;
      });
      // Wait until the fast push either finished (no serialisation: the bug) or waits on the ingest lock.
      for (;;) {
        const waiting = await hub.sql.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (fastDone || (waiting.rowCount ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const between = await pull(hub, reader.token, start);
      releaseSlow();
      await Promise.all([slowPush, fastPush]);
      const after = await pullAll(hub, reader.token, between.next);

      const seen = [...between.messages, ...after.messages].map((m) => `${m.stationId}/${m.hlc}`).sort();
      const sent = [...slowBatch.map((m) => `slow/${m.hlc}`), ...fastBatch.map((m) => `fast/${m.hlc}`)].sort();
      expect(seen).toEqual(sent);
    } finally {
      releaseSlow();
      await hub.close();
    }
  });
});
