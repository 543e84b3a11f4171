import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintStatusViewSchema } from '../../src-shared/complaints/intake.js';
import { parseComplaintNumber } from '../../src-shared/complaints/numbers.js';
import { errorBodySchema } from '../../src-shared/errors.js';
import { type HttpAnswer, ListenerClient } from '../fixtures/his-clients.js';
import { addSource, type IssuedSource } from '../fixtures/his-reference.js';
import { type HisStation, PxOffice, startHisStation } from '../fixtures/his-station.js';

/*
 * External complaint intake on the listener, over real sockets: the
 * hospital's website and a 937 referral system file complaints with their
 * source tokens; each is filed once, answered with its number once on
 * disk; a source reads back only its own complaints, and only what the
 * complainant may read; bad input is refused field by field in both
 * languages and stores nothing.
 */

let station: HisStation;
let client: ListenerClient;
let office: PxOffice;
let website: IssuedSource;
let referrals: IssuedSource;

const ARABIC = /[\u0600-\u06FF]/;

beforeAll(async () => {
  station = await startHisStation();
  website = addSource(station.core, 'WEBSITE', { hospitals: ['OLAYA'] });
  referrals = addSource(station.core, 'MOH937', { hospitals: ['OLAYA', 'KHOBAR'], signed: true });
  office = await PxOffice.signIn(station.core);
  client = new ListenerClient(station.listenerUrl);
});

afterAll(async () => {
  client?.close();
  await station?.close();
});

const auth = (source: IssuedSource) => ({ authorization: `Bearer ${source.token}` });
const post = (source: IssuedSource, body: unknown) => client.post('/api/v1/complaints', JSON.stringify(body), auth(source));
const status = (source: IssuedSource, number: string) => client.request('GET', `/api/v1/complaints/${encodeURIComponent(number)}`, null, auth(source));
const stored = () => station.core.store.sqlite.prepare('SELECT count(*) FROM complaints').pluck().get() as number;

function complaint(externalId: string, extra: Record<string, unknown> = {}) {
  return {
    source_system: 'WEBSITE',
    external_id: externalId,
    hospital_code: 'OLAYA',
    channel: 'web',
    description: 'انتظرت ثلاث ساعات في عيادة القلب دون أن يخبرني أحد بسبب التأخير.',
    department_code: 'CARD',
    patient: { mrn: 'MRN-WEB-1', name_ar: 'سارة الحربي', phone: '0551234567' },
    ...extra,
  };
}

function expectError(answer: HttpAnswer, code: number, key: string) {
  expect(answer.status, answer.text).toBe(code);
  const body = errorBodySchema.parse(answer.json);
  expect(body.error.key).toBe(key);
  expect(body.error.message.ar).toMatch(ARABIC);
  return body.error;
}

describe('filing', () => {
  it('answers 202 with the number once the complaint is on disk; the same post again is a duplicate with the same number', async () => {
    const first = await post(website, complaint('web-1'));
    expect(first.status, first.text).toBe(202);
    const filed = first.json as { number: string; status: string };
    expect(filed.status).toBe('accepted');
    expect(parseComplaintNumber(filed.number)).toMatchObject({ hospitalCode: 'OLAYA' });
    // on disk the moment the source hears 202
    expect(station.core.store.sqlite.prepare('SELECT number FROM complaints WHERE external_id = ?').pluck().get('web-1')).toBe(filed.number);

    const again = await post(website, complaint('web-1', { description: 'changed on a retry' }));
    expect(again.status).toBe(202);
    expect(again.json).toEqual({ number: filed.number, status: 'duplicate' });
    expect(station.core.store.sqlite.prepare(`SELECT count(*) FROM complaints WHERE external_id = 'web-1'`).pluck().get()).toBe(1);

    // the PX office finds it, with the unmatched MRN kept as reported and the department from its code
    const listed = await office.call('complaints.list', { queue: 'all', q: filed.number });
    const detail = await office.call('complaints.get', { id: listed.items[0]!.id });
    expect(detail).toMatchObject({
      channel: 'web',
      status: 'new',
      language: 'ar',
      reportedMrn: 'MRN-WEB-1',
      complainantName: 'سارة الحربي',
      contactPhone: '+966551234567',
      contactPreference: 'phone',
      sourceSystem: 'WEBSITE',
      externalId: 'web-1',
    });
    expect(detail.departmentId).toBe(
      station.core.store.sqlite.prepare(`SELECT id FROM departments WHERE code = 'CARD' AND hospital_id = ?`).pluck().get(station.hospitals.OLAYA),
    );
    expect(detail.timeline[0]).toMatchObject({ kind: 'created', actorName: 'source:WEBSITE', details: expect.objectContaining({ source: 'WEBSITE' }) });
  });

  it('files concurrent posts of one complaint once', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(website, complaint('web-race'))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    const statuses = answers.map((a) => (a.json as { status: string }).status).sort();
    expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(new Set(answers.map((a) => (a.json as { number: string }).number)).size).toBe(1);
  });

  it('takes a signed 937 referral in English for another hospital it is bound to', async () => {
    const body = JSON.stringify({
      source_system: 'MOH937',
      external_id: '937-20261123-0042',
      hospital_code: 'KHOBAR',
      channel: 'moh_937',
      description: 'Caller says the pharmacy refused to dispense a prescribed medicine.',
      category: 'institutional_processes',
    });
    const unsigned = await client.post('/api/v1/complaints', body, auth(referrals));
    expectError(unsigned, 401, 'error.bad_signature');
    const { signBody } = await import('../../src-main/domains/integrations/sources.js');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signed = await client.post('/api/v1/complaints', body, {
      ...auth(referrals),
      'x-px360-timestamp': timestamp,
      'x-px360-signature': signBody(referrals.hmacSecret!, timestamp, body),
    });
    expect(signed.status, signed.text).toBe(202);
    const number = (signed.json as { number: string }).number;
    expect(number).toMatch(/^CMP-KHOBAR-/);
    const detail = await office.call('complaints.get', { id: (await office.call('complaints.list', { queue: 'all', q: number })).items[0]!.id });
    expect(detail).toMatchObject({
      language: 'en',
      descriptionEn: expect.stringContaining('pharmacy'),
      hcatCategory: 'institutional_processes',
      hcatDomain: 'management',
      contactPreference: 'none',
    });
  });
});

describe('refusals', () => {
  it('refuses bad input field by field, in both languages, and stores nothing', async () => {
    const before = stored();
    const missing = expectError(await post(website, { source_system: 'WEBSITE', external_id: 'web-bad-1', hospital_code: 'OLAYA' }), 400, 'error.validation');
    expect(missing.fields?.map((f) => f.path).sort()).toEqual(['channel', 'description']);
    const wrong = expectError(
      await post(website, complaint('web-bad-2', { channel: 'pigeon', typo_field: 1, patient: { phone: '12' } })),
      400,
      'error.validation',
    );
    expect(wrong.fields?.map((f) => [f.path, f.key])).toEqual(
      expect.arrayContaining([
        ['channel', expect.any(String)],
        ['patient.phone', expect.any(String)],
        ['typo_field', 'field.unknown'],
      ]),
    );
    for (const field of wrong.fields ?? []) expect(field.message.ar).toMatch(ARABIC);
    expectError(await post(website, complaint('web-bad-3', { department_code: 'NOPE' })), 400, 'error.validation');
    expectError(await client.post('/api/v1/complaints', '{"source_system":', auth(website)), 400, 'error.bad_json');
    expect(stored()).toBe(before);
  });

  it('refuses a date in the future, a body over 1 MiB, anything but JSON, a foreign Host, and posts past the source’s rate: stores none', async () => {
    const before = stored();
    const future = expectError(await post(website, complaint('web-when-1', { occurred_at: '2099-01-01T10:00:00+03:00' })), 400, 'error.validation');
    expect(future.fields).toEqual([expect.objectContaining({ path: 'occurred_at', key: 'field.date_future' })]);
    expectError(await post(website, complaint('web-big-1', { description: 'ش'.repeat(600_000) })), 413, 'error.body_too_large');
    const body = JSON.stringify(complaint('web-media-1'));
    expectError(await client.post('/api/v1/complaints', body, { ...auth(website), 'content-type': 'text/plain' }), 415, 'error.unsupported_media');
    expectError(await client.post('/api/v1/complaints', body, { ...auth(website), host: 'evil.example' }), 403, 'error.bad_host');
    const slow = addSource(station.core, 'SLOWSITE', { hospitals: ['OLAYA'], rateLimitPerMinute: 2 });
    for (const n of [1, 2]) expect((await post(slow, complaint(`slow-${n}`, { source_system: 'SLOWSITE' }))).status).toBe(202);
    expectError(await post(slow, complaint('slow-3', { source_system: 'SLOWSITE' })), 429, 'error.rate_limited');
    expectError(await status(slow, 'CMP-OLAYA-AAAA-000001'), 429, 'error.rate_limited');
    expect(stored()).toBe(before + 2);
  });

  it('refuses a source filing for a hospital it is not bound to, as another source, or without its token', async () => {
    const before = stored();
    expectError(await post(website, complaint('web-x-1', { hospital_code: 'KHOBAR' })), 403, 'error.hospital_not_bound');
    expectError(await post(website, complaint('web-x-2', { source_system: 'MOH937' })), 401, 'error.wrong_source');
    expectError(await client.post('/api/v1/complaints', JSON.stringify(complaint('web-x-3'))), 401, 'error.bad_token');
    expect(stored()).toBe(before);
  });
});

describe('reading back', () => {
  it('gives the source its complaint’s status and the notes written for the complainant, never internal ones, never another source’s', async () => {
    const filed = (await post(website, complaint('web-read'))).json as { number: string };
    const id = (await office.call('complaints.list', { queue: 'all', q: filed.number })).items[0]!.id;
    await office.call('complaints.note', { id, text: 'Internal: the clinic was short of two doctors.' });
    await office.call('complaints.note', { id, text: 'نعتذر عن التأخير، وسنتواصل معك خلال يومين.', visibility: 'patient' });
    await office.call('complaints.move', { id, to: 'in_progress' });

    const answer = await status(website, filed.number.toLowerCase());
    expect(answer.status, answer.text).toBe(200);
    const view = complaintStatusViewSchema.parse(answer.json);
    expect(view).toMatchObject({ number: filed.number, external_id: 'web-read', status: 'in_progress', first_response_at: expect.any(String) });
    expect(view.notes.map((n) => n.text)).toEqual(['نعتذر عن التأخير، وسنتواصل معك خلال يومين.']);
    expect(answer.text).not.toContain('short of two doctors');
    expect(answer.text).not.toContain('سارة');

    // another source, an unknown number, garbage: the same 404
    expectError(await status(referrals, filed.number), 401, 'error.bad_signature');
    const other = addSource(station.core, 'APP', { hospitals: ['OLAYA'] });
    expectError(await status(other, filed.number), 404, 'error.not_found');
    expectError(await status(website, 'CMP-OLAYA-ZZZZ-999999'), 404, 'error.not_found');
    expectError(await status(website, 'not-a-number'), 404, 'error.not_found');
    // a source no longer bound to the complaint's hospital reads it as unknown too
    const bind = station.core.store.sqlite.prepare("UPDATE integration_sources SET hospital_codes = ? WHERE source_system = 'WEBSITE'");
    bind.run(JSON.stringify(['KHOBAR']));
    expectError(await status(website, filed.number), 404, 'error.not_found');
    bind.run(JSON.stringify(['OLAYA']));
    expect((await status(website, filed.number)).status).toBe(200);
  });

  it('describes both calls in the listener’s OpenAPI document and guide', async () => {
    const document = (await client.request('GET', '/api/v1/openapi.json', null)).json as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/complaints', '/api/v1/complaints/{number}']));
    const guide = await client.request('GET', '/api/v1/docs', null);
    expect(guide.text).toContain('/api/v1/complaints');
    expect(guide.text).toContain('moh_937');
  });
});
