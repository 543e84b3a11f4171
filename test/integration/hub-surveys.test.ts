/**
 * The hub's half of surveys (docs/hub-surveys.md), against a real hub on a
 * real PostgreSQL and two real stations enrolled for the same hospital:
 * a visit the HIS sends to both makes one survey, sent once by the hub;
 * the patient answers on the hub's form over HTTP, finished once however
 * the posts race; the response reaches both stations, which score it and
 * publish `survey.negative` once each; a station's revocation and the hub's
 * opened_at merge cell by cell. Then what can go wrong: tampered tokens and
 * posts no form sends, a provider that is down, WhatsApp's status webhook,
 * too many posts from one address, and two stations that each made a
 * survey for one visit before they synced.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, type FakeGateway, startGateway } from '../../src-shared/notifications/senders/test-support.js';
import { complaintSurveyId, messageId, NEGATIVE_EVENT, optOutId, responseId, stageSurveyId } from '../../src-shared/surveys/ids.js';
import { complaintIntakeSchema } from '../../src-shared/complaints/intake.js';
import { TOKEN_LENGTH } from '../../src-shared/surveys/links.js';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import type { Caller } from '../../src-main/core/context.js';
import { signedInAs } from '../fixtures/callers.js';
import type { StationCore } from '../../src-main/core/station.js';
import { NEGATIVE_JOB } from '../../src-main/domains/surveys/index.js';
import { subscriberJobName } from '../../src-main/core/domain-events.js';
import { surveyActionId } from '../../src-main/domains/actions/actions.js';
import { ADMIN_TOKEN, call, createHospital, errorOf, type TestHub, type TestPostgres, startTestPostgres } from '../fixtures/hub-postgres.js';
import { syncOk } from '../fixtures/replicas.js';
import {
  closeStation,
  consoleLines,
  consultationOf,
  feedVisit,
  hospitalStation,
  hubRecord,
  openForm,
  postForm,
  runSurveySubscriber,
  seedSurveyHospital,
  startSurveyHub,
  tokenOf,
  until,
  useChannels,
  type Visit,
} from '../fixtures/hub-surveys.js';

let postgres: TestPostgres;
let t: TestHub;
/** two stations of one hospital (a front desk and the clinics), both fed by the HIS */
let A: StationCore;
let B: StationCore;
let hospitalId: string;

/** A form's posts an address may make a minute, here: the tests post a few dozen from 127.0.0.1 at most. */
const POSTS_PER_MINUTE = 40;

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startSurveyHub(postgres, { formPostsPerMinute: POSTS_PER_MINUTE, backoffBaseMs: 2_000 });
  hospitalId = (await createHospital(t, 'OLAYA')).id;
  A = await hospitalStation(t, 'OLAYA', 'Olaya front desk');
  B = await hospitalStation(t, 'OLAYA', 'Olaya clinics');
  seedSurveyHospital(A, hospitalId);
  await syncOk(A);
  await syncOk(B);
}, 120_000);

afterAll(async () => {
  for (const core of [A, B]) if (core) closeStation(core);
  await t?.close();
  await postgres?.stop();
});

const rows = (core: StationCore, sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
const one = (core: StationCore, sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).get(...params) as Record<string, unknown> | undefined;
const admin = (method: 'GET' | 'PUT', route: string, body?: unknown) =>
  fetch(`${t.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
const hubCount = async (table: 'records' | 'messages') => Number((await t.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

let visits = 0;
function newVisit(phone: string): Visit {
  visits += 1;
  return { encounterId: `ENC-HS-${visits}`, mrn: `MRN-HS-${visits}`, phone, seenAt: Date.now() - 5 * 60_000 };
}

/** A visit fed to station A, its survey made and synced: the hub sends the invitation at once. */
async function surveyedOnA(visit: Visit): Promise<string> {
  await feedVisit(A, visit);
  await runSurveySubscriber(A);
  await syncOk(A);
  await t.hub.surveys.outbox.idle();
  await syncOk(A);
  return stageSurveyId(consultationOf(A, visit.encounterId));
}

/** A PX Coordinator of the hospital signed in on a station, as the dispatcher sees a session. */
const coordinatorOn = (core: StationCore, username: string): Caller => signedInAs(core, { role: 'px_coordinator', username, hospitalId });

/** The lowest answers of the shipped OPD survey, in Arabic: a detractor who wants a call back. */
const LOWEST = {
  page: '0',
  move: 'finish',
  lang: 'ar',
  q_overall: '1',
  q_waiting: '1',
  q_doctor_explained: '1',
  q_staff_respect: '1',
  q_recommend: '0',
  q_contact_me: 'yes',
  q_improve: 'الانتظار طويل',
};

describe('one visit, two stations of the hospital, the hub', () => {
  const visit = newVisit('0551234567');
  let surveyId = '';
  let token = '';

  it('makes one survey, with its deterministic id, on both stations and the hub; the hub sends its invitation once', async () => {
    // the HIS sends the visit to both stations, and each makes the journey and the survey before either syncs
    for (const core of [A, B]) {
      await feedVisit(core, visit);
      await runSurveySubscriber(core);
    }
    surveyId = stageSurveyId(consultationOf(A, visit.encounterId));
    for (const core of [A, B]) expect(rows(core, 'SELECT id FROM survey_instances')).toEqual([{ id: surveyId }]);

    // A's push wakes the hub, which sends at once; B's copy of the same rows merges into them
    for (const core of [A, B]) await syncOk(core);
    await t.hub.surveys.outbox.idle();
    for (const core of [A, B]) await syncOk(core);
    expect(consoleLines(t)).toHaveLength(1);
    const hubSurveys = await t.sql.query(`SELECT row_id FROM records WHERE tbl = 'survey_instances'`);
    expect(hubSurveys.rows).toEqual([{ row_id: surveyId }]);
    expect(await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'))).toMatchObject({ status: 'sent', provider: 'console', attempts: 1 });
    for (const core of [A, B]) {
      expect(rows(core, 'SELECT id, status FROM survey_instances')).toEqual([{ id: surveyId, status: 'invited' }]);
      expect(rows(core, 'SELECT id, status, provider, recipient_hint FROM notification_messages')).toEqual([
        { id: messageId(surveyId, 'invitation'), status: 'sent', provider: 'console', recipient_hint: '+966•••••567' },
      ]);
    }

    const [line] = consoleLines(t);
    expect(line).toMatchObject({ channel: 'sms', to: '+966551234567', language: 'ar' });
    expect(line!.body).toContain(line!.link);
    expect(line!.body).toContain('\u2068محمد\u2069');
    expect(line!.link.startsWith(`${t.url}/s/`)).toBe(true);
    token = tokenOf(line!.link);
    expect(token).toHaveLength(TOKEN_LENGTH);
    // the token is nowhere in the hub's database, only its hash
    const dump = await t.sql.query<{ text: string }>(
      `SELECT (SELECT json_agg(r)::text FROM records r) || (SELECT json_agg(l)::text FROM survey_links l) || (SELECT json_agg(m)::text FROM messages m) AS text`,
    );
    expect(dump.rows[0]!.text).not.toContain(token);
  });

  it('is answered on the hub’s form: saved, finished once however the posts race, already answered after', async () => {
    const page = await openForm(t, token);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.html).toContain('dir="rtl"');
    expect(page.html).toContain('محمد');
    expect(page.html).not.toContain('القحطاني');
    expect((await hubRecord(t, 'survey_instances', surveyId))?.opened_at).toEqual(expect.any(String));

    // a required answer missing: refused on the server, what was given kept
    const partial = await postForm(t, `/s/${token}`, { page: '0', move: 'finish', lang: 'ar', q_waiting: '1' });
    expect(partial.status).toBe(422);
    expect(await hubRecord(t, 'survey_responses', responseId(surveyId))).toMatchObject({ finished_at: null, answers: expect.stringContaining('waiting') });

    // two finishing posts at once (a double tap): one thanks the patient, the other reads "already answered"
    const racing = await Promise.all([postForm(t, `/s/${token}`, LOWEST), postForm(t, `/s/${token}`, LOWEST)]);
    expect(racing.map((r) => r.status)).toEqual([200, 200]);
    // (the "already answered" page thanks the patient too: told apart by its title)
    expect(racing.filter((r) => r.html.includes('تمت الإجابة'))).toHaveLength(1);
    expect(racing.filter((r) => !r.html.includes('تمت الإجابة') && r.html.includes('شكراً لك'))).toHaveLength(1);
    const finishes = await t.sql.query(
      `SELECT value FROM messages WHERE tbl = 'survey_responses' AND row_id = $1 AND col = 'finished_at' AND value <> 'null'::jsonb`,
      [responseId(surveyId)],
    );
    expect(finishes.rows).toHaveLength(1);

    // the same finish again, other answers, and a reopening: already answered, nothing changed
    const again = await postForm(t, `/s/${token}`, { ...LOWEST, q_overall: '5', q_recommend: '10' });
    expect(again.html).toContain('تمت الإجابة');
    expect((await openForm(t, token, '?lang=en')).html).toContain('Already answered');
    const response = await hubRecord(t, 'survey_responses', responseId(surveyId));
    expect(JSON.parse(String(response?.answers))).toMatchObject({ overall: { kind: 'scale', value: 1 }, recommend: { kind: 'scale', value: 0 } });
    // stations derive the score and the flag: the hub never writes them
    expect(response).not.toHaveProperty('score');
    expect(response).not.toHaveProperty('negative');
  });

  it('reaches both stations, which score it, flag it negative and publish survey.negative once each', async () => {
    for (const core of [A, B]) await syncOk(core);
    for (const core of [A, B]) {
      expect(one(core, 'SELECT score, negative, answered_count, language FROM survey_responses WHERE id = ?', responseId(surveyId))).toEqual({
        score: 0,
        negative: 1,
        answered_count: 5,
        language: 'ar',
      });
      expect(one(core, 'SELECT status FROM survey_instances WHERE id = ?', surveyId)).toEqual({ status: 'completed' });
      await core.scheduler.runNow(NEGATIVE_JOB);
      await core.scheduler.runNow(NEGATIVE_JOB);
      expect(rows(core, 'SELECT id FROM domain_events WHERE type = ?', NEGATIVE_EVENT)).toHaveLength(1);
    }
  });

  it('opens one PX action for the negative response: each station opens it before they sync, one action everywhere after', async () => {
    const answered = responseId(surveyId);
    for (const core of [A, B]) {
      await core.scheduler.runNow(subscriberJobName('actions.negative-survey'));
      expect(rows(core, 'SELECT id FROM px_actions WHERE source_id = ?', answered)).toEqual([{ id: surveyActionId(answered) }]);
    }
    for (const core of [A, B, A]) await syncOk(core);
    const numbers = new Set<unknown>();
    for (const core of [A, B]) {
      expect(rows(core, 'SELECT id FROM px_actions WHERE source_id = ?', answered)).toHaveLength(1);
      expect(rows(core, "SELECT id FROM px_action_events WHERE action_id = ? AND kind = 'created'", surveyActionId(answered))).toHaveLength(1);
      numbers.add(one(core, 'SELECT number FROM px_actions WHERE id = ?', surveyActionId(answered))?.number);
    }
    expect(numbers.size).toBe(1);
    expect(await hubRecord(t, 'px_actions', surveyActionId(answered))).toMatchObject({ source_id: answered, status: 'open' });
    const atHub = await t.sql.query(`SELECT row_id FROM records WHERE tbl = 'px_actions' AND data->>'source_id' = $1`, [answered]);
    expect(atHub.rows).toHaveLength(1);
  });

  it('keeps the work done on one station’s automatic action when the other station opens its own copy late', async () => {
    // a negative response station B has not handled yet (it was catching up): A opens the action and works on it
    const late = { responseId: 'response-handled-late', instanceId: surveyId, score: 10 };
    const id = surveyActionId(late.responseId);
    A.data.write(SYSTEM_ACTOR, (tx) => A.actions.fromNegativeSurvey(tx, hospitalId, late));
    const coordinator = coordinatorOn(A, 'px.coordinator.late');
    await A.dispatcher.dispatchAs(coordinator, 'actions.move', { id, verb: 'start' });
    await A.dispatcher.dispatchAs(coordinator, 'actions.assign', { id, ownerUserId: coordinator.me.user.id, priority: 'urgent' });
    await syncOk(A);
    // B handles the response afterwards, before it has pulled A's action: its copy is newer by the clock
    expect(B.data.write(SYSTEM_ACTOR, (tx) => B.actions.fromNegativeSurvey(tx, hospitalId, late))).not.toBeNull();
    for (const core of [B, A, B]) await syncOk(core);
    const worked = { status: 'in_progress', owner_user_id: coordinator.me.user.id, priority: 'urgent' };
    for (const core of [A, B]) expect(one(core, 'SELECT status, owner_user_id, priority FROM px_actions WHERE id = ?', id)).toEqual(worked);
    expect(await hubRecord(t, 'px_actions', id)).toMatchObject(worked);
    for (const core of [A, B]) expect(rows(core, "SELECT id FROM px_action_events WHERE action_id = ? AND kind = 'created'", id)).toHaveLength(1);
  });

  it('merges a revocation on station B with the hub’s opened_at, cell by cell: both survive', async () => {
    const second = await surveyedOnA(newVisit('0551234568'));
    await syncOk(B);
    const link = consoleLines(t).at(-1)!.link;
    expect(consoleLines(t)).toHaveLength(2);
    expect((await openForm(t, tokenOf(link))).status).toBe(200);
    const opened = (await hubRecord(t, 'survey_instances', second))?.opened_at;
    expect(opened).toEqual(expect.any(String));

    // B withdraws the survey before it has heard of the opening
    const revokedAt = B.data.write(SYSTEM_ACTOR, (tx) => tx.update('survey_instances', second, { revoked_at: tx.now }).revoked_at);
    for (const core of [B, A, B]) await syncOk(core);
    for (const core of [A, B]) {
      expect(one(core, 'SELECT opened_at, revoked_at, status FROM survey_instances WHERE id = ?', second)).toEqual({
        opened_at: opened,
        revoked_at: revokedAt,
        status: 'revoked',
      });
    }
    expect(await hubRecord(t, 'survey_instances', second)).toMatchObject({ opened_at: opened, revoked_at: revokedAt });
    const withdrawn = await openForm(t, tokenOf(link));
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.html).toContain('تم سحب هذا الاستبيان');
  });
});

describe('the administrator’s providers', () => {
  it('are the console provider until set; secrets are never shown, and a bad setting is refused field by field', async () => {
    expect((await call(t.url, 'GET', '/api/v1/admin/notification-providers')).status).toBe(401);
    const initial = await admin('GET', '/api/v1/admin/notification-providers');
    expect(initial.body).toMatchObject({
      providers: [
        { channel: 'sms', kind: 'console', configured: false, readable: true },
        { channel: 'whatsapp', kind: 'console', configured: false, readable: true },
        { channel: 'email', kind: 'console', configured: false, readable: true },
      ],
      whatsAppWebhook: { url: `${t.url}/webhooks/whatsapp`, verifyToken: expect.any(String) },
    });

    const refused = await admin('PUT', '/api/v1/admin/notification-providers/sms', { kind: 'webhook', url: 'ftp://gateway.example', secret: 'short' });
    expect(refused.status).toBe(400);
    const fields = errorOf(refused.body).fields ?? [];
    expect(fields.map((f) => f.path).sort()).toEqual(['secret', 'url']);
    for (const field of fields) expect(field.message.ar).toMatch(/[\u0600-\u06FF]/);
    const wrongChannel = await admin('PUT', '/api/v1/admin/notification-providers/sms', {
      kind: 'smtp',
      host: 'smtp.example.sa',
      port: 587,
      security: 'starttls',
      user: null,
      fromAddress: 'px@example.sa',
      fromName: 'PX',
    });
    expect(errorOf(wrongChannel.body).fields).toEqual([expect.objectContaining({ path: 'kind' })]);
    expect((await admin('PUT', '/api/v1/admin/notification-providers/fax', { kind: 'console' })).status).toBe(404);

    const secret = 'gateway-shared-secret-0001';
    const set = await admin('PUT', '/api/v1/admin/notification-providers/email', { kind: 'webhook', url: 'https://relay.example.sa/mail', secret });
    expect(set).toMatchObject({ status: 200, body: { channel: 'email', kind: 'webhook', configured: true, settings: { secret: { set: true } } } });
    const stored = await t.sql.query<{ settings: string }>(`SELECT settings FROM notification_providers WHERE channel = 'email'`);
    expect(stored.rows[0]!.settings).not.toContain(secret);
    expect(JSON.stringify(t.logs)).not.toContain(secret);
    expect(t.logs).toContainEqual(expect.objectContaining({ event: 'notification_provider.set', channel: 'email', kind: 'webhook' }));
    // left blank, the secret is kept while the provider points at the same server
    const renamed = await admin('PUT', '/api/v1/admin/notification-providers/email', {
      kind: 'webhook',
      url: 'https://relay.example.sa/mail',
      secret: { set: true },
    });
    expect(renamed.status).toBe(200);
    expect(await t.hub.surveys.providers.settingsOf('email')).toMatchObject({ secret });
    expect((await admin('PUT', '/api/v1/admin/notification-providers/email', { kind: 'console' })).status).toBe(200);
  });
});

describe('a provider that is down', () => {
  let gateway: FakeGateway | null = null;
  afterAll(async () => {
    await admin('PUT', '/api/v1/admin/notification-providers/sms', { kind: 'console' });
    await gateway?.close();
  });

  it('loses nothing: the message waits with the reason and its next attempt, then goes once the provider is fixed', async () => {
    const secret = 'gateway-shared-secret-0002';
    await admin('PUT', '/api/v1/admin/notification-providers/sms', { kind: 'webhook', url: `http://127.0.0.1:${await closedPort()}/sms`, secret });
    const id = await surveyedOnA(newVisit('0551234570'));
    const message = messageId(id, 'invitation');
    const waiting = await hubRecord(t, 'notification_messages', message);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, provider: 'webhook', error: expect.stringContaining('No answer') });
    expect(Date.parse(String(waiting?.next_attempt_at))).toBeGreaterThan(Date.now());
    // the station's notification log shows why
    expect(one(A, 'SELECT status, attempts, error FROM notification_messages WHERE id = ?', message)).toMatchObject({ status: 'queued', attempts: 1 });

    gateway = await startGateway(() => ({ status: 202, json: { id: 'gw-42' } }));
    await admin('PUT', '/api/v1/admin/notification-providers/sms', { kind: 'webhook', url: `${gateway.url}/sms`, secret });
    const sent = await until(async () => {
      const record = await hubRecord(t, 'notification_messages', message);
      return record?.status === 'sent' ? record : null;
    });
    expect(sent).toMatchObject({ attempts: 2, provider: 'webhook', provider_message_id: 'gw-42', error: null, next_attempt_at: null });
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]!.headers['idempotency-key']).toBe(message);
    await syncOk(A);
    expect(one(A, 'SELECT status, attempts, error FROM notification_messages WHERE id = ?', message)).toEqual({ status: 'sent', attempts: 2, error: null });
  });
});

describe('Unifonic SMS and its delivery receipts', () => {
  let sms: FakeGateway;
  let surveyId = '';
  let receiptUrl = '';
  const receipt = (url: string, body: string, type = 'application/x-www-form-urlencoded') =>
    fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  beforeAll(async () => {
    sms = await startGateway(() => ({
      status: 200,
      json: { success: true, message: '', errorCode: 'ER-00', data: { MessageID: 41230099, Status: 'Sent', NumberOfUnits: 2, Recipient: '966551234572' } },
    }));
    const set = await admin('PUT', '/api/v1/admin/notification-providers/sms', {
      kind: 'unifonic',
      appSid: 'unifonic-app-sid-0123',
      senderId: 'OlayaHosp',
      url: sms.url,
    });
    expect(set.status).toBe(200);
    receiptUrl = ((await admin('GET', '/api/v1/admin/notification-providers')).body as { unifonicReceipts: { url: string } }).unifonicReceipts.url;
    surveyId = await surveyedOnA(newVisit('0551234572'));
  });
  afterAll(async () => {
    sms?.close();
    // back to the console provider for the tests after
    await admin('PUT', '/api/v1/admin/notification-providers/sms', { kind: 'console' });
  });

  it('sends the service message and keeps Unifonic’s message id', async () => {
    expect(sms.requests).toHaveLength(1);
    const form = new URLSearchParams(sms.requests[0]!.body);
    expect(form.get('Recipient')).toBe('966551234572');
    expect(form.get('MessageType')).toBe('3');
    expect(form.get('CorrelationID')).toBe(messageId(surveyId, 'invitation'));
    expect(await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'))).toMatchObject({ status: 'sent', provider_message_id: '41230099' });
    expect(receiptUrl.startsWith(`${t.url}/webhooks/unifonic/`)).toBe(true);
  });

  it('refuses a receipt at a wrong address or one that is no receipt, and logs neither body', async () => {
    const logged = t.logs.length;
    const wrong = `${t.url}/webhooks/unifonic/guessed-address`;
    expect((await receipt(wrong, 'MessageID=41230099&DLR=Delivered&Recipient=966551234572')).status).toBe(401);
    expect((await receipt(receiptUrl, 'MessageID=41230099&Recipient=966551234572')).status).toBe(400);
    expect((await receipt(receiptUrl, '{"MessageID":', 'application/json')).status).toBe(400);
    const refusals = t.logs.slice(logged).filter((l) => l.event === 'unifonic.receipt_refused');
    expect(refusals.map((l) => l.reason)).toEqual(['bad_address', 'not_a_receipt', 'not_a_receipt']);
    expect(JSON.stringify(t.logs.slice(logged))).not.toContain('966551234572');
    expect(await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'))).toMatchObject({ status: 'sent' });
  });

  it('marks the message delivered from a form receipt, once; the station learns it', async () => {
    const body = 'MessageID=41230099&DLR=Delivered&Recipient=966551234572&TimeCreated=2026-12-06+10%3A00%3A00&SCTS=2026-12-06+10%3A00%3A05';
    expect(await (await receipt(receiptUrl, body)).json()).toEqual({ received: 1, matched: 1 });
    const delivered = await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'));
    expect(delivered).toMatchObject({ status: 'delivered', delivered_at: expect.any(String) });
    // Unifonic retries a receipt it thinks was lost: the same one again changes nothing
    const before = await hubCount('messages');
    expect((await receipt(receiptUrl, body)).status).toBe(200);
    // nor does a late "Undeliverable" undo a delivery
    expect((await receipt(receiptUrl, JSON.stringify({ MessageID: 41230099, DLR: 'Undeliverable' }), 'application/json')).status).toBe(200);
    expect(await hubCount('messages')).toBe(before);
    await syncOk(A);
    expect(one(A, 'SELECT status FROM notification_messages WHERE id = ?', messageId(surveyId, 'invitation'))).toEqual({ status: 'delivered' });
  });

  it('answers a receipt for a message it does not know with matched 0 (Unifonic stops retrying)', async () => {
    expect(await (await receipt(receiptUrl, JSON.stringify({ messageId: '999', dlr: 'Undeliverable' }), 'application/json')).json()).toEqual({
      received: 1,
      matched: 0,
    });
  });

  it('opts the patient out when they reply "إيقاف" by SMS and confirms it once by SMS; feedback, a stranger or a wrong address opt nobody out', async () => {
    const repliesUrl = ((await admin('GET', '/api/v1/admin/notification-providers')).body as { smsReplies: { url: string } }).smsReplies.url;
    expect(repliesUrl.startsWith(`${t.url}/webhooks/sms-replies/`)).toBe(true);
    await syncOk(A);
    const patientId = String(one(A, 'SELECT patient_id FROM survey_instances WHERE id = ?', surveyId)?.patient_id);
    const optOut = () => hubRecord(t, 'survey_opt_outs', optOutId(patientId, 'all'));
    const logged = t.logs.length;
    const sent = sms.requests.length;
    // Unifonic-like form, Twilio's capitalised names, Vonage's msisdn as JSON
    expect((await receipt(`${t.url}/webhooks/sms-replies/guessed-address`, 'from=966551234572&text=STOP')).status).toBe(401);
    expect((await receipt(repliesUrl, 'text=STOP')).status).toBe(400);
    expect(await (await receipt(repliesUrl, 'From=%2B966551234572&Body=please+stop+the+noise+at+the+clinic')).json()).toEqual({
      received: 1,
      stops: 0,
      optedOut: 0,
    });
    expect(await (await receipt(repliesUrl, JSON.stringify({ msisdn: 966500000001, text: 'STOP' }), 'application/json')).json()).toMatchObject({ optedOut: 0 });
    expect(await optOut()).toBeNull();
    expect(await (await receipt(repliesUrl, `from=966551234572&text=${encodeURIComponent('إيقاف')}`)).json()).toEqual({ received: 1, stops: 1, optedOut: 1 });
    expect(await optOut()).toMatchObject({ active: 1, channel: 'all', source: 'sms_reply' });
    // told so by SMS, once, without a link
    t.hub.surveys.outbox.wake();
    await t.hub.surveys.outbox.idle();
    const confirmations = sms.requests.slice(sent).map((r) => new URLSearchParams(r.body));
    expect(confirmations.map((form) => form.get('Recipient'))).toEqual(['966551234572']);
    expect(confirmations[0]!.get('CorrelationID')).toBe(messageId(surveyId, 'opt_out_confirmation'));
    expect(confirmations[0]!.get('Body')).not.toContain('/s/');
    // the same reply again writes nothing
    const before = await hubCount('messages');
    await receipt(repliesUrl, 'from=966551234572&text=STOP');
    expect(await hubCount('messages')).toBe(before);
    const events = t.logs.slice(logged).filter((l) => l.event === 'sms.reply' || l.event === 'sms.reply_refused');
    expect(events.map((l) => [l.event, l.reason ?? l.optedOut])).toEqual([
      ['sms.reply_refused', 'bad_address'],
      ['sms.reply_refused', 'not_a_reply'],
      ['sms.reply', 0],
      ['sms.reply', 0],
      ['sms.reply', 1],
      ['sms.reply', 0],
    ]);
    expect(JSON.stringify(t.logs.slice(logged))).not.toContain('966551234572');
    expect(JSON.stringify(t.logs.slice(logged))).not.toContain('noise');
    await syncOk(A);
    expect(one(A, 'SELECT active, source FROM survey_opt_outs WHERE patient_id = ? AND channel = ?', patientId, 'all')).toEqual({
      active: 1,
      source: 'sms_reply',
    });
  });
});

describe('WhatsApp', () => {
  const APP_SECRET = 'meta-app-secret-0123456789';
  let graph: FakeGateway;
  let wamid = '';
  let surveyId = '';
  let token = '';
  const signature = (raw: string) => `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`;
  const webhook = (raw: string, sign = signature(raw)) =>
    fetch(`${t.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign }, body: raw });
  const statuses = (status: string, at: number) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                statuses: [{ id: wamid, status, timestamp: String(Math.floor(at / 1000)), recipient_id: '966551234571' }],
              },
            },
          ],
        },
      ],
    });

  beforeAll(async () => {
    graph = await startGateway(() => ({ status: 200, json: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.HBgLOTY2NTUxMjM0NTcxFQIAERgS' }] } }));
    const set = await admin('PUT', '/api/v1/admin/notification-providers/whatsapp', {
      kind: 'whatsapp',
      phoneNumberId: '106540352242922',
      apiVersion: 'v21.0',
      accessToken: 'EAAG-test-access-token',
      appSecret: APP_SECRET,
      baseUrl: graph.url,
    });
    expect(set.status).toBe(200);
    useChannels(A, hospitalId, ['whatsapp']);
    surveyId = await surveyedOnA(newVisit('0551234571'));
    useChannels(A, hospitalId, ['sms']);
    await syncOk(A);
  });
  afterAll(() => graph?.close());
  /** The opt-out confirmations WhatsApp was asked to send to a number: their templates. */
  const confirmationsTo = (to: string) =>
    graph.requests
      .map((r) => JSON.parse(r.body) as { to: string; template: { name: string; components: unknown[] } })
      .filter((m) => m.to === to && m.template.name === 'px360_opt_out_confirmation')
      .map((m) => ({ name: m.template.name, components: m.template.components }));

  it('sends the approved template with the token as the button’s suffix', async () => {
    expect(graph.requests).toHaveLength(1);
    const sent = JSON.parse(graph.requests[0]!.body) as { to: string; template: { components: { parameters: { text: string }[] }[] } };
    expect(sent.to).toBe('966551234571');
    token = sent.template.components[1]!.parameters[0]!.text;
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect((await openForm(t, token)).status).toBe(200);
    const message = await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'));
    expect(message).toMatchObject({ status: 'sent', provider: 'whatsapp', channel: 'whatsapp' });
    wamid = String(message?.provider_message_id);
    expect(wamid).toMatch(/^wamid\./);
  });

  it('answers Meta’s subscription check only with the hub’s verify token', async () => {
    const { verifyToken } = ((await admin('GET', '/api/v1/admin/notification-providers')).body as { whatsAppWebhook: { verifyToken: string } }).whatsAppWebhook;
    const check = (tokenGiven: string) =>
      fetch(`${t.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(tokenGiven)}&hub.challenge=1158201444`);
    const ok = await check(verifyToken);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await check('guess')).status).toBe(403);
  });

  it('refuses a report with a bad signature or no WhatsApp body, and logs it without the body', async () => {
    const logged = t.logs.length;
    const delivered = statuses('delivered', Date.now());
    expect((await webhook(delivered, signature(`${delivered} `))).status).toBe(401);
    expect((await webhook(delivered, 'sha256=zz')).status).toBe(401);
    expect((await webhook('{"object":', signature('{"object":'))).status).toBe(400);
    const other = JSON.stringify({ object: 'page', entry: [] });
    expect((await webhook(other, signature(other))).status).toBe(400);
    const refusals = t.logs.slice(logged).filter((l) => l.event === 'whatsapp.webhook_refused');
    expect(refusals.map((l) => l.reason)).toEqual(['bad_signature', 'bad_signature', 'malformed', 'not_a_whatsapp_webhook']);
    expect(JSON.stringify(refusals)).not.toContain('966551234571');
    const message = await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'));
    // an empty cell is not sent when the row is made (a shared row): absent and null read the same
    expect(message).toMatchObject({ status: 'sent' });
    expect(message?.delivered_at ?? null).toBeNull();
  });

  it('moves the message forward on delivered, then read; a late "sent" does not move it back', async () => {
    const deliveredAt = Date.now() - 60_000;
    const readAt = Date.now() - 30_000;
    expect((await webhook(statuses('delivered', deliveredAt))).status).toBe(200);
    expect(await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'))).toMatchObject({
      status: 'delivered',
      delivered_at: new Date(Math.floor(deliveredAt / 1000) * 1000).toISOString(),
    });
    expect((await webhook(statuses('read', readAt))).status).toBe(200);
    const before = await hubCount('messages');
    expect((await webhook(statuses('sent', deliveredAt - 10_000))).status).toBe(200);
    expect(await hubCount('messages')).toBe(before);
    await syncOk(A);
    expect(one(A, 'SELECT status, delivered_at, read_at FROM notification_messages WHERE id = ?', messageId(surveyId, 'invitation'))).toEqual({
      status: 'read',
      delivered_at: new Date(Math.floor(deliveredAt / 1000) * 1000).toISOString(),
      read_at: new Date(Math.floor(readAt / 1000) * 1000).toISOString(),
    });
  });

  it('opts the patient out of every survey when they reply "إيقاف"; feedback that mentions stopping, or a stranger, opts nobody out', async () => {
    const reply = (from: string, body: string) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  contacts: [{ wa_id: from, profile: { name: 'Patient' } }],
                  messages: [{ from, id: `wamid.in.${from}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }],
                },
              },
            ],
          },
        ],
      });
    // a patient of their own, invited on WhatsApp (the first one's link is opted out from its footer below)
    useChannels(A, hospitalId, ['whatsapp']);
    const invited = await surveyedOnA(newVisit('0551234575'));
    useChannels(A, hospitalId, ['sms']);
    await syncOk(A);
    const patientId = String(one(A, 'SELECT patient_id FROM survey_instances WHERE id = ?', invited)?.patient_id);
    const optOut = () => hubRecord(t, 'survey_opt_outs', optOutId(patientId, 'all'));
    const logged = t.logs.length;
    expect(await (await webhook(reply('966551234575', 'please stop the noise at the clinic'))).json()).toMatchObject({ stopReplies: 0 });
    expect(await (await webhook(reply('966500000001', 'STOP'))).json()).toMatchObject({ stopReplies: 1 });
    expect(await optOut()).toBeNull();
    expect(await (await webhook(reply('966551234575', 'إيقاف'))).json()).toMatchObject({ stopReplies: 1 });
    expect(await optOut()).toMatchObject({ active: 1, channel: 'all', source: 'whatsapp_reply' });
    // told so on WhatsApp, once: the confirmation template, the hospital's name, no button
    t.hub.surveys.outbox.wake();
    await t.hub.surveys.outbox.idle();
    expect(confirmationsTo('966551234575')).toEqual([
      { name: 'px360_opt_out_confirmation', components: [{ type: 'body', parameters: [{ type: 'text', text: expect.any(String) }] }] },
    ]);
    // the same reply again writes nothing
    const before = await hubCount('messages');
    await webhook(reply('966551234575', 'stop'));
    expect(await hubCount('messages')).toBe(before);
    expect(
      t.logs
        .slice(logged)
        .filter((l) => l.event === 'whatsapp.statuses')
        .map((l) => l.optedOut),
    ).toEqual([0, 0, 1, 0]);
    expect(JSON.stringify(t.logs.slice(logged))).not.toContain('966551234575');
    await syncOk(A);
    expect(one(A, 'SELECT active, source FROM survey_opt_outs WHERE patient_id = ? AND channel = ?', patientId, 'all')).toEqual({
      active: 1,
      source: 'whatsapp_reply',
    });
  });

  it('takes no post a form of ours would not send (unknown fields, huge, wrong types, no token): a clean 4xx, nothing stored', async () => {
    const records = await hubCount('records');
    const messages = await hubCount('messages');
    const route = `/s/${token}`;
    const bad: [string, Record<string, string | string[]> | string, Record<string, string>?][] = [
      ['an unknown field', { page: '0', move: 'next', lang: 'ar', q_overall: '3', admin: '1' }],
      ['a scale answered twice', { page: '0', move: 'next', lang: 'ar', q_overall: ['1', '5'] }],
      ['a page given in words', { page: 'first', move: 'next', lang: 'ar', q_overall: '3' }],
      ['a page that is not there', { page: '7', move: 'next', lang: 'ar' }],
      ['a language the form does not offer', { page: '0', move: 'next', lang: 'fr', q_overall: '3' }],
      ['a move no button makes', { page: '0', move: 'submit-all', lang: 'ar' }],
      ['over 64 KB', { page: '0', move: 'next', lang: 'ar', q_improve: 'x'.repeat(70_000) }],
      ['too many fields', Array.from({ length: 250 }, (_, i) => `f${i}=1`).join('&')],
      ['JSON instead of a form', JSON.stringify({ page: '0', move: 'finish' }), { 'content-type': 'application/json' }],
      ['text instead of a form', 'page=0', { 'content-type': 'text/plain' }],
    ];
    for (const [what, fields, headers] of bad) {
      const answer = await postForm(t, route, fields, headers);
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
    }
    for (const path of ['/s/', '/s', `/s/${token.slice(0, -1)}`, `/s/${token}x`]) {
      const answer = await postForm(t, path, { page: '0', move: 'finish', lang: 'ar', q_overall: '5' });
      expect(answer.status, path).toBe(404);
    }
    expect(await hubCount('records')).toBe(records);
    expect(await hubCount('messages')).toBe(messages);
    expect(await hubRecord(t, 'survey_responses', responseId(surveyId))).toBeNull();
  });

  it('shows a tampered token the page an unknown one gets', async () => {
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const pages = await Promise.all([tampered, 'not-a-token', 'A'.repeat(TOKEN_LENGTH)].map((t2) => openForm(t, t2, '?lang=en')));
    expect(pages.map((p) => p.status)).toEqual([404, 404, 404]);
    expect(new Set(pages.map((p) => p.html)).size).toBe(1);
  });

  it('records an opt-out from the link’s footer only once the patient confirms, and every station learns it', async () => {
    const question = await openForm(t, `${token}/opt-out`, '?lang=en');
    expect(question.html).toContain('Yes, stop my surveys');
    const patientId = String(one(A, 'SELECT patient_id FROM survey_instances WHERE id = ?', surveyId)?.patient_id);
    expect(await hubRecord(t, 'survey_opt_outs', optOutId(patientId, 'all'))).toBeNull();
    const confirmed = await postForm(t, `/s/${token}/opt-out`, { lang: 'en', confirm: 'yes' });
    expect(confirmed.html).toContain('You will receive no more surveys');
    expect(await hubRecord(t, 'survey_opt_outs', optOutId(patientId, 'all'))).toMatchObject({ channel: 'all', active: 1, source: 'link' });
    // the patient is told it is done, once, on the channel the survey came by, though opted out (a second confirm adds nothing)
    await postForm(t, `/s/${token}/opt-out`, { lang: 'en', confirm: 'yes' });
    t.hub.surveys.outbox.wake();
    await t.hub.surveys.outbox.idle();
    expect(confirmationsTo('966551234571')).toHaveLength(1);
    expect(await hubRecord(t, 'notification_messages', messageId(surveyId, 'opt_out_confirmation'))).toMatchObject({ status: 'sent', channel: 'whatsapp' });
    await syncOk(A);
    expect(one(A, 'SELECT channel, active, source FROM survey_opt_outs WHERE patient_id = ?', patientId)).toEqual({
      channel: 'all',
      active: 1,
      source: 'link',
    });
    expect(one(A, "SELECT status FROM notification_messages WHERE instance_id = ? AND kind = 'opt_out_confirmation'", surveyId)).toEqual({ status: 'sent' });
  });
});

describe('the form at the hub', () => {
  it('answers too many posts from one address 429 with a page the patient can read; other addresses go on', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < POSTS_PER_MINUTE; i += 1) {
      expect((await postForm(t, `/s/${'B'.repeat(TOKEN_LENGTH)}`, { lang: 'en' }, from('203.0.113.7'))).status).toBe(404);
    }
    const slowed = await postForm(t, `/s/${'B'.repeat(TOKEN_LENGTH)}?lang=en`, { lang: 'en' }, from('203.0.113.7'));
    expect(slowed.status).toBe(429);
    expect(slowed.html).toContain('Please wait a moment');
    expect((await postForm(t, `/s/${'B'.repeat(TOKEN_LENGTH)}`, { lang: 'en' }, from('203.0.113.8'))).status).toBe(404);
  });
});

describe('a station that is late', () => {
  it('making the survey after the hub sent it, does not get it sent again: the hub writes what it did again', async () => {
    const visit = newVisit('0551234580');
    for (const core of [A, B]) await feedVisit(core, visit);
    await runSurveySubscriber(A);
    await syncOk(A);
    await t.hub.surveys.outbox.idle();
    const id = stageSurveyId(consultationOf(A, visit.encounterId));
    const sentTo = () => consoleLines(t).filter((l) => l.to === '+966551234580');
    expect(sentTo()).toHaveLength(1);

    // B's subscriber runs only now: it makes the same survey and invitation, and its newer cells say `queued` at the hub
    await runSurveySubscriber(B);
    expect(one(B, 'SELECT status FROM notification_messages WHERE id = ?', messageId(id, 'invitation'))).toEqual({ status: 'queued' });
    await syncOk(B);
    await t.hub.surveys.outbox.idle();
    for (const core of [B, A]) await syncOk(core);
    expect(sentTo()).toHaveLength(1);
    expect(t.logs).toContainEqual(expect.objectContaining({ event: 'surveys.outcome_written_again', messageId: messageId(id, 'invitation') }));
    for (const core of [A, B]) {
      expect(one(core, 'SELECT status FROM notification_messages WHERE id = ?', messageId(id, 'invitation'))).toEqual({ status: 'sent' });
      expect(one(core, 'SELECT status, invited_at IS NOT NULL AS invited FROM survey_instances WHERE id = ?', id)).toEqual({ status: 'invited', invited: 1 });
    }
  });
});

describe('many patients answering at once (the form carries concurrent posts in shared transactions)', () => {
  it('finishes each survey once, tells each double post "already answered", and keeps a bad or unknown post apart', async () => {
    const phones = ['0551234601', '0551234602', '0551234603', '0551234604', '0551234605', '0551234606'];
    const ids: string[] = [];
    for (const phone of phones) ids.push(await surveyedOnA(newVisit(phone)));
    const tokens = phones.map((phone) => tokenOf(consoleLines(t).find((l) => l.to === `+966${phone.slice(1)}`)!.link));
    const untouched = tokens.pop()!;
    const untouchedId = ids.pop()!;
    // every patient posts the last page twice at once; among them, an unknown link and a post no form sends
    const posts = await Promise.all([
      ...tokens.flatMap((token) => [postForm(t, `/s/${token}`, LOWEST), postForm(t, `/s/${token}`, LOWEST)]),
      postForm(t, `/s/${'A'.repeat(22)}`, LOWEST),
      postForm(t, `/s/${untouched}`, { ...LOWEST, q_overall: '99' }),
    ]);
    for (let i = 0; i < tokens.length; i += 1) {
      const pair = posts.slice(2 * i, 2 * i + 2);
      expect(pair.filter((r) => r.html.includes('تمت الإجابة'))).toHaveLength(1);
      expect(pair.filter((r) => !r.html.includes('تمت الإجابة') && r.html.includes('شكراً لك'))).toHaveLength(1);
    }
    expect(posts.at(-2)!.html).toContain('هذا الرابط غير صالح');
    expect(posts.at(-1)!.status).toBe(400);
    expect(await hubRecord(t, 'survey_responses', responseId(untouchedId))).toBeNull();
    for (const id of ids) {
      const finishes = await t.sql.query(
        `SELECT value FROM messages WHERE tbl = 'survey_responses' AND row_id = $1 AND col = 'finished_at' AND value <> 'null'::jsonb`,
        [responseId(id)],
      );
      expect(finishes.rows).toHaveLength(1);
      expect(await hubRecord(t, 'survey_instances', id)).toMatchObject({ completed_at: expect.any(String) });
    }
  });
});

describe('two visits of one patient, one at each station, before they sync', () => {
  it('get the patient one invitation: the hub holds the hospital’s fatigue rule for every station', async () => {
    const first = newVisit('0551234599');
    const second = { ...newVisit('0551234599'), mrn: first.mrn };
    // each station knows only its own survey: both pass the fatigue rule there
    await feedVisit(A, first);
    await runSurveySubscriber(A);
    await feedVisit(B, second);
    await runSurveySubscriber(B);
    const surveys = [stageSurveyId(consultationOf(A, first.encounterId)), stageSurveyId(consultationOf(B, second.encounterId))];
    for (const core of [A, B]) await syncOk(core);
    await t.hub.surveys.outbox.idle();
    for (const core of [A, B]) await syncOk(core);

    expect(consoleLines(t).filter((l) => l.to === '+966551234599')).toHaveLength(1);
    for (const core of [A, B]) {
      const outcomes = surveys.map((id) => ({
        survey: one(core, 'SELECT status, skip_reason FROM survey_instances WHERE id = ?', id),
        message: one(core, 'SELECT status, error FROM notification_messages WHERE id = ?', messageId(id, 'invitation')),
      }));
      expect(outcomes).toEqual(
        expect.arrayContaining([
          { survey: { status: 'invited', skip_reason: null }, message: { status: 'sent', error: null } },
          { survey: { status: 'skipped', skip_reason: 'fatigue' }, message: { status: 'cancelled', error: 'fatigue' } },
        ]),
      );
    }
  });
});

describe('a reminder, planned by both stations of the hospital', () => {
  it('is one row everywhere and one message from the hub', async () => {
    const visit = newVisit('0551234640');
    const id = await surveyedOnA(visit);
    for (const core of [B, A]) await syncOk(core);
    // three days on, unanswered: the invitation's times moved back, as the stations and the hub then see them
    const threeDaysAgo = new Date(Date.now() - 72 * 3_600_000).toISOString();
    A.data.write(SYSTEM_ACTOR, (tx) => {
      tx.update('survey_instances', id, { invited_at: threeDaysAgo });
      tx.update('notification_messages', messageId(id, 'invitation'), { sent_at: threeDaysAgo });
    });
    for (const core of [A, B]) await syncOk(core);
    // each plans it before hearing of the other's: the reminder's id is the survey's and the kind's
    expect(A.surveys.outbox.planReminders()).toBeGreaterThanOrEqual(1);
    expect(B.surveys.outbox.planReminders()).toBeGreaterThanOrEqual(1);
    for (const core of [A, B]) await syncOk(core);
    t.hub.surveys.outbox.wake();
    await t.hub.surveys.outbox.idle();
    for (const core of [A, B]) await syncOk(core);
    const told = consoleLines(t).filter((l) => l.to === '+966551234640');
    expect(told).toHaveLength(2);
    expect(told[1]!.body).toContain('تذكير');
    for (const core of [A, B]) {
      expect(rows(core, `SELECT kind, status FROM notification_messages WHERE instance_id = ? ORDER BY kind`, id)).toEqual([
        { kind: 'invitation', status: 'sent' },
        { kind: 'reminder_1', status: 'sent' },
      ]);
      expect(one(core, 'SELECT reminders_sent FROM survey_instances WHERE id = ?', id)).toEqual({ reminders_sent: 1 });
      // the hospital allows one: planned again, nothing more
      expect(core.surveys.outbox.planReminders()).toBe(0);
    }
  });
});

describe('a QR code a station printed on discharge papers', () => {
  it('opens at the hub when the patient scans it at home, is answered there, and the station learns it', async () => {
    const visit = newVisit('0551234650');
    await feedVisit(A, visit);
    const patientId = String(one(A, 'SELECT id FROM patients WHERE mrn = ?', visit.mrn)?.id);
    // the group's link address is the hub's public one
    await A.dispatcher.dispatchAs(coordinatorOn(A, 'px.coordinator.qr'), 'surveySettings.update', { hospitalId, linkBaseUrl: t.url });
    const caller = coordinatorOn(A, 'px.coordinator.qr2');
    const templateId = A.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
    const made = await A.dispatcher.dispatchAs(caller, 'surveys.handOut', { patientId, templateId, channel: 'qr' });
    expect(made.ok).toBe(true);
    const { instance, link } = (made as { data: { instance: { id: string }; link: string } }).data;
    expect(link.startsWith(`${t.url}/s/`)).toBe(true);
    const token = tokenOf(link);
    // before the station syncs, the hub knows nothing of it: the same page as any unknown link
    expect((await fetch(link)).status).toBe(404);
    await syncOk(A);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('زيارتك للعيادة');
    const finished = await postForm(t, `/s/${token}`, LOWEST);
    expect(finished.html).toContain('شكراً لك');
    expect((await postForm(t, `/s/${token}`, LOWEST)).html).toContain('تمت الإجابة');
    await syncOk(A);
    expect(one(A, 'SELECT status FROM survey_instances WHERE id = ?', instance.id)).toEqual({ status: 'completed' });
    await A.dispatcher.dispatchAs(caller, 'surveySettings.update', { hospitalId, linkBaseUrl: null });
  });
});

describe('a survey an officer sends by hand', () => {
  it('goes to a patient surveyed days before: fatigue holds back only what is sent by itself, at the hub as on the station', async () => {
    const visit = newVisit('0551234630');
    await surveyedOnA(visit);
    const patientId = String(one(A, 'SELECT id FROM patients WHERE mrn = ?', visit.mrn)?.id);
    const caller = coordinatorOn(A, 'px.coordinator.hs');
    const templateId = A.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
    const sent = await A.dispatcher.dispatchAs(caller, 'surveys.send', { patientId, templateId, channel: 'sms' });
    expect(sent.ok).toBe(true);
    const id = (sent as { data: { id: string } }).data.id;
    await syncOk(A);
    await t.hub.surveys.outbox.idle();
    await syncOk(A);
    expect(consoleLines(t).filter((l) => l.to === '+966551234630')).toHaveLength(2);
    expect(one(A, 'SELECT status, error FROM notification_messages WHERE id = ?', messageId(id, 'invitation'))).toEqual({ status: 'sent', error: null });
  });
});

describe('a complaint resolved on both stations of the hospital before they sync', () => {
  it('asks the patient once: one survey, one message from the hub, though the patient was surveyed days before', async () => {
    const visit = newVisit('0551234620');
    // the patient's clinic survey went out first: fatigue would hold back any other invitation
    await surveyedOnA(visit);
    expect(consoleLines(t).filter((l) => l.to === '+966551234620')).toHaveLength(1);
    for (const core of [B, A]) await syncOk(core);
    const filed = A.complaintIntake.fromSource(
      complaintIntakeSchema.parse({
        source_system: 'WEBSITE',
        external_id: 'web-hub-1',
        hospital_code: 'OLAYA',
        channel: 'web',
        description: 'لم يتصل بي أحد بعد الزيارة كما وُعدت.',
        patient: { mrn: visit.mrn },
      }),
    );
    await syncOk(A);
    await syncOk(B);
    const complaint = one(B, 'SELECT id, patient_id, hospital_id FROM complaints WHERE number = ?', filed.number) as {
      id: string;
      patient_id: string;
      hospital_id: string;
    };
    expect(complaint.patient_id).toBe(one(A, 'SELECT id FROM patients WHERE mrn = ?', visit.mrn)?.id);
    // each station resolves it (a double entry, or an officer on each) and makes the resolution survey, unaware of the other
    for (const core of [A, B])
      core.data.write(SYSTEM_ACTOR, (tx) =>
        expect(
          core.surveys.instances.fromComplaint(tx, {
            id: complaint.id,
            resolution: 1,
            hospitalId: complaint.hospital_id,
            patientId: complaint.patient_id,
            departmentId: null,
            physicianId: null,
          }),
        ).not.toBeNull(),
      );
    const surveyId = complaintSurveyId(complaint.id, 1);
    for (const core of [A, B]) await syncOk(core);
    await t.hub.surveys.outbox.idle();
    for (const core of [A, B]) await syncOk(core);
    expect(consoleLines(t).filter((l) => l.to === '+966551234620')).toHaveLength(2);
    expect(await hubRecord(t, 'notification_messages', messageId(surveyId, 'invitation'))).toMatchObject({ status: 'sent' });
    for (const core of [A, B]) {
      expect(rows(core, 'SELECT id FROM survey_instances WHERE id = ?', surveyId)).toHaveLength(1);
      expect(one(core, 'SELECT status FROM notification_messages WHERE id = ?', messageId(surveyId, 'invitation'))).toEqual({ status: 'sent' });
    }
  });
});
