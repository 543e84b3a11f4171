import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src-shared/errors.js';
import { signBody } from '../../src-main/domains/integrations/sources.js';
import { type HttpAnswer, ListenerClient, MllpClient } from '../fixtures/his-clients.js';
import { runStationCli } from '../fixtures/his-process.js';
import {
  addSource,
  adt,
  eventually,
  hisEvent,
  type HisStation,
  type IssuedSource,
  PxOffice,
  REFERENCE_HOSPITALS,
  stageCompletions,
  stageStatuses as stages,
  startHisStation,
  storedCount,
} from '../fixtures/his-station.js';

/*
 * The HIS JSON listener end to end: real sockets, a real SQLite file, the
 * background processor. What the HIS sees (status codes, bodies) and what
 * the PX office sees afterwards (journeys, patients, the event monitor).
 */

let station: HisStation;
let client: ListenerClient;
let office: PxOffice;
let his: IssuedSource;
let lab: IssuedSource;

const ARABIC = /[\u0600-\u06FF]/;

beforeAll(async () => {
  station = await startHisStation();
  // DAMMAM is not on the station yet: its events are accepted and wait for it (see "processing")
  his = addSource(station.core, 'HIS', { hospitals: [...REFERENCE_HOSPITALS, 'DAMMAM'] });
  lab = addSource(station.core, 'LAB');
  office = await PxOffice.signIn(station.core);
  client = new ListenerClient(station.listenerUrl);
});

afterAll(async () => {
  client?.close();
  await station?.close();
});

/** A 4xx the way the contract promises it: JSON, a code and key, English and Arabic. */
function expectError(answer: HttpAnswer, status: number, key: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = errorBodySchema.parse(answer.json);
  expect(body.error.key).toBe(key);
  expect(body.error.message.en).not.toBe('');
  expect(body.error.message.ar).toMatch(ARABIC);
  return body.error;
}

function accepted(answer: HttpAnswer): { id: string; status: string } {
  expect(answer.status, answer.text).toBe(202);
  return answer.json as { id: string; status: string };
}

const stored = (sourceSystem: string, externalId: string) => storedCount(station.core, sourceSystem, externalId);
const journeyOf = (encounterId: string) => office.journey(encounterId);
const monitored = (externalId: string) => office.inboundEvent(externalId);
const completions = (journeyId: string) => stageCompletions(station.core, journeyId);

describe('HIS JSON events: accepted', () => {
  it('answers 202 once the event is on disk, and the processor completes the OPD stages', async () => {
    const registered = accepted(
      await client.postEvent(his.token, hisEvent({ externalId: 'opd-1', code: 'OPD_REGISTERED', encounterId: 'ENC-OPD-1', mrn: 'MRN-OPD-1' })),
    );
    expect(registered.status).toBe('accepted');
    // durable before acknowledged: the row is there the moment the HIS hears 202
    expect(station.core.store.sqlite.prepare('SELECT id FROM inbound_events WHERE external_id = ?').pluck().get('opd-1')).toBe(registered.id);

    const afterRegistration = await eventually(async () => {
      const journey = await journeyOf('ENC-OPD-1');
      expect(stages(journey).REGISTRATION).toBe('completed');
      return journey;
    });
    expect(afterRegistration).toMatchObject({ journeyType: 'OPD', status: 'active', patient: { mrn: 'MRN-OPD-1' } });
    expect(afterRegistration.stages.find((s) => s.code === 'REGISTRATION')?.eventId).toBe(registered.id);
    expect(stages(afterRegistration).CONSULTATION).toBe('pending');

    accepted(
      await client.postEvent(
        his.token,
        hisEvent({ externalId: 'opd-2', code: 'OPD_VISIT_COMPLETED', encounterId: 'ENC-OPD-1', mrn: 'MRN-OPD-1', occurredAt: '2026-11-23T11:00:00+03:00' }),
      ),
    );
    const done = await eventually(async () => {
      const journey = await journeyOf('ENC-OPD-1');
      expect(journey.status).toBe('completed');
      return journey;
    });
    expect(stages(done)).toMatchObject({ REGISTRATION: 'completed', CONSULTATION: 'completed' });
    expect(done.completedAt).toBe('2026-11-23T08:00:00.000Z');
    const opd = station.core.store.sqlite.prepare(`SELECT id FROM departments WHERE hospital_id = ? AND code = 'OPD'`).pluck().get(station.hospitals.OLAYA);
    expect(done.departmentId).toBe(opd);
    expect(completions(done.id)).toEqual(['REGISTRATION', 'CONSULTATION']);
    expect((await monitored('opd-2')).status).toBe('processed');
  });

  it('answers a repeated event "duplicate" with the first id and stores it once', async () => {
    const event = hisEvent({ externalId: 'dup-1', code: 'OPD_REGISTERED', encounterId: 'ENC-DUP-1', mrn: 'MRN-DUP-1' });
    const first = accepted(await client.postEvent(his.token, event));
    expect(first.status).toBe('accepted');
    expect(accepted(await client.postEvent(his.token, event))).toEqual({ id: first.id, status: 'duplicate' });
    // idempotent on (source_system, external_id): a resend with other content is still the same event
    const changed = { ...event, source_system: 'his', event_code: 'OPD_VISIT_COMPLETED' };
    expect(accepted(await client.postEvent(his.token, changed))).toEqual({ id: first.id, status: 'duplicate' });
    expect(stored('HIS', 'dup-1')).toBe(1);
    await eventually(async () => expect((await monitored('dup-1')).status).toBe('processed'));
    const journey = await journeyOf('ENC-DUP-1');
    expect(stages(journey)).toMatchObject({ REGISTRATION: 'completed', CONSULTATION: 'pending' });
  });

  it('answers a batch item by item: accepted, duplicate and rejected side by side', async () => {
    const earlier = accepted(
      await client.postEvent(his.token, hisEvent({ externalId: 'batch-0', code: 'OPD_REGISTERED', encounterId: 'ENC-B-0', mrn: 'MRN-B-0' })),
    );
    const fresh = hisEvent({ externalId: 'batch-1', code: 'OPD_REGISTERED', encounterId: 'ENC-B-1', mrn: 'MRN-B-1' });
    const { patient: _missing, ...withoutPatient } = hisEvent({ externalId: 'batch-2', code: 'OPD_REGISTERED' });
    const answer = await client.postBatch(his.token, [
      fresh,
      withoutPatient,
      fresh,
      hisEvent({ externalId: 'batch-0', code: 'OPD_REGISTERED', encounterId: 'ENC-B-0', mrn: 'MRN-B-0' }),
      hisEvent({ externalId: 'batch-3', code: 'LAB_RESULT_READY', sourceSystem: 'LAB' }),
      hisEvent({ externalId: 'batch-4', code: 'OPD_REGISTERED', encounterId: 'ENC-B-4', mrn: 'MRN-B-4' }),
      'not an event',
    ]);
    expect(answer.status, answer.text).toBe(202);
    const body = answer.json as {
      accepted: number;
      duplicate: number;
      rejected: number;
      results: { index: number; status: string; id?: string; error?: { code: string; key: string; fields?: { path: string; key: string }[] } }[];
    };
    expect(body).toMatchObject({ accepted: 2, duplicate: 2, rejected: 3 });
    const [first, missing, again, old, wrongSource, last, junk] = body.results;
    expect(body.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(first).toMatchObject({ status: 'accepted' });
    expect(missing).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION', fields: [{ path: 'patient', key: 'field.required' }] } });
    expect(again).toEqual({ index: 2, status: 'duplicate', id: first!.id });
    expect(old).toEqual({ index: 3, status: 'duplicate', id: earlier.id });
    expect(wrongSource).toMatchObject({ status: 'rejected', error: { code: 'UNAUTHENTICATED', key: 'error.wrong_source' } });
    expect(last).toMatchObject({ status: 'accepted' });
    expect(junk).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION' } });
    expect(['batch-0', 'batch-1', 'batch-4'].map((id) => stored('HIS', id))).toEqual([1, 1, 1]);
    expect(stored('HIS', 'batch-2') + stored('LAB', 'batch-3')).toBe(0);
    await eventually(async () => expect(stages(await journeyOf('ENC-B-4')).REGISTRATION).toBe('completed'));
  });

  it('keeps Arabic names as sent, into the stored event and the patient record', async () => {
    const event = hisEvent({
      externalId: 'arabic-1',
      code: 'OPD_REGISTERED',
      encounterId: 'ENC-AR-1',
      mrn: 'MRN-AR-1',
      patient: { name_en: 'Noura Saad Al-Shehri', name_ar: 'نورة بنت سعد الشهري', phone: '0551234567', gender: 'F' },
    });
    const raw = JSON.stringify(event);
    const { id } = accepted(await client.postEvent(his.token, raw));
    expect(station.core.store.sqlite.prepare('SELECT raw FROM inbound_events WHERE id = ?').pluck().get(id)).toBe(raw);
    const patient = await eventually(async () => {
      const page = await office.call('patients.search', { q: 'MRN-AR-1' });
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    });
    expect(patient).toMatchObject({
      nameAr: 'نورة بنت سعد الشهري',
      nameEn: 'Noura Saad Al-Shehri',
      preferredLanguage: 'ar',
      gender: 'F',
      hospitalId: station.hospitals.OLAYA,
    });
    // and the office finds her by the Arabic name
    const byName = await office.call('patients.search', { q: 'نورة الشهري' });
    expect(byName.items.map((p) => p.mrn)).toContain('MRN-AR-1');
    expect((await journeyOf('ENC-AR-1')).patient.nameAr).toBe('نورة بنت سعد الشهري');
  });
});

describe('HIS JSON events: refused', () => {
  it('400: not JSON, or JSON nested deeper than any HIS sends', async () => {
    expectError(await client.postEvent(his.token, '{"source_system": "HIS",'), 400, 'error.bad_json');
    expectError(await client.postEvent(his.token, ''), 400, 'error.bad_json');
    expectError(await client.postEvent(his.token, Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1')), 400, 'error.bad_json');
    // 100,000 levels is well under 1 MiB, and deep enough to overflow a recursive walk
    const deep = JSON.stringify(hisEvent({ externalId: 'deep-1', code: 'OPD_REGISTERED' })).replace(
      '"payload":{}',
      `"payload":{"notes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    expectError(await client.postEvent(his.token, deep), 400, 'error.json_too_deep');
    expectError(await client.postBatch(his.token, [JSON.parse(`${'{"a":'.repeat(80)}1${'}'.repeat(80)}`) as unknown]), 400, 'error.json_too_deep');
    expect(stored('HIS', 'deep-1')).toBe(0);
  });

  it('400: names each missing or wrong field in English and Arabic', async () => {
    const missing = expectError(await client.postEvent(his.token, JSON.stringify({ source_system: 'HIS' })), 400, 'error.validation');
    expect(Object.fromEntries((missing.fields ?? []).map((f) => [f.path, f.key]))).toEqual({
      external_id: 'field.required',
      event_code: 'field.required',
      occurred_at: 'field.required',
      hospital_code: 'field.required',
      patient: 'field.required',
    });
    for (const field of missing.fields ?? []) expect(field.message).toEqual({ en: 'Required.', ar: 'حقل مطلوب.' });

    const wrong = {
      ...hisEvent({ externalId: 'x'.repeat(129), code: 'OPD_REGISTERED' }),
      occurred_at: 'yesterday',
      encounter: { id: 42 },
      patient: { mrn: 'MRN-1', gender: 'X' },
    };
    const fields = expectError(await client.postEvent(his.token, JSON.stringify(wrong)), 400, 'error.validation').fields ?? [];
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
    expect(Object.fromEntries(fields.map((f) => [f.path, f.key]))).toEqual({
      external_id: 'field.too_long',
      occurred_at: 'field.invalid',
      'encounter.id': 'field.invalid_type',
      'patient.gender': 'field.invalid_choice',
    });
    expect(byPath.external_id?.message).toEqual({ en: 'Too long (at most 128).', ar: 'طويل جداً (على الأكثر 128).' });
    for (const field of fields) expect(field.message.ar).toMatch(ARABIC);

    const envelope = expectError(await client.postBatch(his.token, []), 400, 'error.validation');
    expect(envelope.fields?.map((f) => f.path)).toEqual(['events']);
  });

  it('401: no token, an unknown token, or the token of another source', async () => {
    const event = hisEvent({ externalId: 'auth-1', code: 'OPD_REGISTERED' });
    const none = await client.postEvent(null, event);
    expectError(none, 401, 'error.bad_token');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    expectError(await client.postEvent('pxk_not-a-real-token', event), 401, 'error.bad_token');
    expectError(
      await client.postEvent(his.token, event, { headers: { authorization: `Basic ${Buffer.from('his:secret').toString('base64')}` } }),
      401,
      'error.bad_token',
    );
    // HIS's token cannot speak for LAB, nor LAB's for HIS
    expectError(
      await client.postEvent(his.token, hisEvent({ externalId: 'auth-2', code: 'LAB_RESULT_READY', sourceSystem: 'LAB' })),
      401,
      'error.wrong_source',
    );
    expectError(await client.postEvent(lab.token, event), 401, 'error.wrong_source');
    expect(stored('HIS', 'auth-1') + stored('LAB', 'auth-2')).toBe(0);
  });

  it('401 comes before anything else the body could reveal: a stranger learns nothing about the schema', async () => {
    expectError(await client.postEvent(null, '{not json'), 401, 'error.bad_token');
    expectError(await client.postEvent(null, JSON.stringify({ source_system: 'HIS' })), 401, 'error.bad_token');
    expectError(await client.postBatch(null, []), 401, 'error.bad_token');
    expectError(await client.post('/api/v1/events/batch', '{"events": 5', { authorization: 'Bearer nope' }), 401, 'error.bad_token');
  });

  it('401 for a signed source without, with a wrong or with a stale signature; 202 with a correct one', async () => {
    const pacs = addSource(station.core, 'PACS', { signed: true });
    expect(pacs.hmacSecret).toEqual(expect.any(String));
    const secret = pacs.hmacSecret!;
    const event = hisEvent({ externalId: 'signed-1', code: 'RADIOLOGY_REPORT_READY', sourceSystem: 'PACS' });
    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const signed = (timestamp: number, signature: string) => ({ 'x-px360-timestamp': String(timestamp), 'x-px360-signature': signature });

    expectError(await client.postEvent(pacs.token, body), 401, 'error.bad_signature');
    expectError(await client.postEvent(pacs.token, body, { headers: { 'x-px360-timestamp': String(now) } }), 401, 'error.bad_signature');
    expectError(await client.postEvent(pacs.token, body, { headers: signed(now, signBody('another-secret', String(now), body)) }), 401, 'error.bad_signature');
    expectError(await client.postEvent(pacs.token, body, { headers: signed(now, 'sha256=zz') }), 401, 'error.bad_signature');
    // signed over other bytes than were sent
    expectError(
      await client.postEvent(pacs.token, body, { headers: signed(now, signBody(secret, String(now), body.replace('signed-1', 'signed-2'))) }),
      401,
      'error.bad_signature',
    );
    // a captured request replayed ten minutes later, and a clock far ahead
    expectError(
      await client.postEvent(pacs.token, body, { headers: signed(now - 600, signBody(secret, String(now - 600), body)) }),
      401,
      'error.bad_signature',
    );
    expectError(
      await client.postEvent(pacs.token, body, { headers: signed(now + 600, signBody(secret, String(now + 600), body)) }),
      401,
      'error.bad_signature',
    );
    expect(stored('PACS', 'signed-1')).toBe(0);

    expect(accepted(await client.postEvent(pacs.token, body, { hmacSecret: secret })).status).toBe('accepted');
    const batch = await client.postBatch(pacs.token, [hisEvent({ externalId: 'signed-3', code: 'RADIOLOGY_REPORT_READY', sourceSystem: 'PACS' })], {
      hmacSecret: secret,
    });
    expect(batch.status, batch.text).toBe(202);
    expect(stored('PACS', 'signed-1') + stored('PACS', 'signed-3')).toBe(2);
  });

  it('413 over 1 MiB, and exactly 1 MiB is still accepted', async () => {
    const MiB = 1024 * 1024;
    const padded = (externalId: string, size: number) => {
      const base = JSON.stringify({ ...hisEvent({ externalId, code: 'OPD_REGISTERED', encounterId: null }), payload: { note: '' } });
      return base.replace('"note":""', `"note":"${'x'.repeat(size - Buffer.byteLength(base))}"`);
    };
    const limit = padded('big-1', MiB);
    expect(Buffer.byteLength(limit)).toBe(MiB);
    expect(accepted(await client.postEvent(his.token, limit)).status).toBe('accepted');
    const over = padded('big-2', MiB + 1);
    expectError(await client.postEvent(his.token, over), 413, 'error.body_too_large');
    expectError(await client.postEvent(his.token, Buffer.alloc(3 * MiB, 0x20).toString()), 413, 'error.body_too_large');
    expect(stored('HIS', 'big-2')).toBe(0);
    // the listener carries on
    expect(accepted(await client.postEvent(his.token, hisEvent({ externalId: 'big-3', code: 'OPD_REGISTERED', encounterId: null }))).status).toBe('accepted');
  });

  it('415 for anything but application/json', async () => {
    const body = JSON.stringify(hisEvent({ externalId: 'media-1', code: 'OPD_REGISTERED', encounterId: null }));
    const auth = { authorization: `Bearer ${his.token}` };
    expectError(await client.post('/api/v1/events', body, { ...auth, 'content-type': 'text/plain' }), 415, 'error.unsupported_media');
    expectError(await client.post('/api/v1/events', body, { ...auth, 'content-type': 'application/x-www-form-urlencoded' }), 415, 'error.unsupported_media');
    expectError(await client.request('POST', '/api/v1/events', body, auth), 415, 'error.unsupported_media');
    expect(stored('HIS', 'media-1')).toBe(0);
    expect(accepted(await client.post('/api/v1/events', body, { ...auth, 'content-type': 'application/json; charset=utf-8' })).status).toBe('accepted');
  });

  it('429 past the source’s rate limit, for that source only', async () => {
    const slow = addSource(station.core, 'SLOW', { rateLimitPerMinute: 5 });
    for (let i = 1; i <= 5; i += 1) {
      accepted(await client.postEvent(slow.token, hisEvent({ externalId: `slow-${i}`, code: 'OPD_REGISTERED', sourceSystem: 'SLOW', encounterId: null })));
    }
    expectError(
      await client.postEvent(slow.token, hisEvent({ externalId: 'slow-6', code: 'OPD_REGISTERED', sourceSystem: 'SLOW', encounterId: null })),
      429,
      'error.rate_limited',
    );
    expect(stored('SLOW', 'slow-6')).toBe(0);
    expect(accepted(await client.postEvent(his.token, hisEvent({ externalId: 'not-slow', code: 'OPD_REGISTERED', encounterId: null }))).status).toBe(
      'accepted',
    );
  });

  it('403 when the Host header is not loopback (DNS rebinding)', async () => {
    const body = JSON.stringify(hisEvent({ externalId: 'host-1', code: 'OPD_REGISTERED', encounterId: null }));
    const port = new URL(station.listenerUrl).port;
    const auth = { authorization: `Bearer ${his.token}` };
    expectError(await client.post('/api/v1/events', body, { ...auth, host: 'evil.example' }), 403, 'error.bad_host');
    expectError(await client.post('/api/v1/events', body, { ...auth, host: `evil.example:${port}` }), 403, 'error.bad_host');
    expectError(await client.request('GET', '/health', null, { host: 'evil.example' }), 403, 'error.bad_host');
    expect(stored('HIS', 'host-1')).toBe(0);
    expect(accepted(await client.post('/api/v1/events', body, { ...auth, host: `localhost:${port}` })).status).toBe('accepted');
  });

  it('serves its OpenAPI document, a docs page and health; 404 JSON elsewhere', async () => {
    const openApi = await client.request('GET', '/api/v1/openapi.json', null);
    expect(openApi.status).toBe(200);
    expect(openApi.json).toMatchObject({ openapi: '3.1.0', paths: { '/api/v1/events': expect.any(Object), '/api/v1/events/batch': expect.any(Object) } });
    const docs = await client.request('GET', '/api/v1/docs', null);
    expect(docs.status).toBe(200);
    expect(docs.contentType).toMatch(/^text\/html/);
    const health = await client.request('GET', '/health', null);
    expect(health.json).toMatchObject({ status: 'ok', database: 'ok', stationId: station.core.stationId, queue: { pending: expect.any(Number) } });
    expectError(await client.request('GET', '/api/v1/nothing', null), 404, 'error.not_found_route');
  });
});

// What the processor makes of events (unknown hospitals, late admissions, cancellations) is
// checked without sockets beside it: src-main/domains/integrations/processor.test.ts.
describe('HIS JSON events: processing', () => {
  it('undoes an HL7 A01 with A11 and an A03 with A13', async () => {
    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      const send = async (message: string) => expect((await mllp.request(message)).code).toBe('AA');
      await send(adt('A01', { controlId: 'CX-H-1', encounterId: 'ENC-CX-H', at: '20261120090000' }));
      await eventually(async () => expect(stages(await journeyOf('ENC-CX-H')).ADMISSION).toBe('completed'));
      await send(adt('A11', { controlId: 'CX-H-2', encounterId: 'ENC-CX-H', at: '20261120093000' }));
      const cancelled = await eventually(async () => {
        const journey = await journeyOf('ENC-CX-H');
        expect(journey.status).toBe('cancelled');
        return journey;
      });
      expect(stages(cancelled).ADMISSION).toBe('pending');

      await send(adt('A01', { controlId: 'CX-H-3', encounterId: 'ENC-CX-H13', at: '20261120090000' }));
      await send(adt('A03', { controlId: 'CX-H-4', encounterId: 'ENC-CX-H13', at: '20261121090000' }));
      await eventually(async () => expect((await journeyOf('ENC-CX-H13')).status).toBe('completed'));
      await send(adt('A13', { controlId: 'CX-H-5', encounterId: 'ENC-CX-H13', at: '20261121100000' }));
      const reopened = await eventually(async () => {
        const journey = await journeyOf('ENC-CX-H13');
        expect(journey.status).toBe('active');
        return journey;
      });
      expect(stages(reopened)).toMatchObject({ ADMISSION: 'completed', DISCHARGE: 'pending' });
    } finally {
      await mllp.close();
    }
  });

  it('honours a source added with `station integration add` while the station runs', async () => {
    const before = await client.postEvent(
      'pxk_unknown',
      hisEvent({ externalId: 'ris-1', code: 'RADIOLOGY_REPORT_READY', sourceSystem: 'RIS', encounterId: null }),
    );
    expectError(before, 401, 'error.bad_token');
    const added = await runStationCli([
      'integration',
      'add',
      '--data-dir',
      station.dataDir,
      '--name',
      'Radiology RIS',
      '--source-system',
      'ris',
      '--hospital',
      'olaya',
      '--mllp-peer',
      '127.0.0.1',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Integration source RIS added');
    const token = /^(pxk_\S+)$/m.exec(added.stdout)?.[1];
    expect(token).toBeDefined();

    expect(
      accepted(await client.postEvent(token!, hisEvent({ externalId: 'ris-1', code: 'RADIOLOGY_REPORT_READY', sourceSystem: 'RIS', encounterId: null })))
        .status,
    ).toBe('accepted');
    // the same source may speak HL7 too: its default mappings came with it
    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      expect((await mllp.request(adt('A01', { controlId: 'RIS-A01', encounterId: 'ENC-RIS-1', sendingApp: 'RIS' }))).code).toBe('AA');
    } finally {
      await mllp.close();
    }
    await eventually(async () => expect(stages(await journeyOf('ENC-RIS-1')).ADMISSION).toBe('completed'));
  });
});

describe('the listener, afterwards', () => {
  it('logged no internal error', () => {
    expect(station.logs.filter((line) => /listener:|mllp:|event processor:/.test(line))).toEqual([]);
  });
});
