/**
 * Surveys sent and answered on one station (not enrolled: it sends itself):
 * a completed stage makes one survey however often it is replayed, the
 * hospital's window, fatigue and opt-out are honoured, the console provider
 * writes the message with its link, and the link's form saves, finishes
 * once, scores, flags negative and publishes `survey.negative` once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_LENGTH } from '../../../src-shared/surveys/links.js';
import { SYSTEM_ACTOR } from '../../core/audit-log.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { hisEvent, seedHospitals } from '../../../test/fixtures/his-reference.js';
import type { StageCompleted } from '../journeys/journeys.js';
import { messageId, stageSurveyId } from './instances.js';
import { NEGATIVE_EVENT, responseId } from './public-surveys.js';
import { surveyActionId } from '../actions/actions.js';

/** 11:00 in Riyadh on the day of the visits: inside the default send window. */
let now = Date.parse('2026-11-23T08:00:00.000Z');
const HOUR = 3_600_000;
let h: DomainHarness;
let hospitals: Record<string, string>;

const sql = <T>(query: string, ...params: unknown[]) => h.core.store.sqlite.prepare(query).all(...params) as T[];
const one = <T>(query: string, ...params: unknown[]) => h.core.store.sqlite.prepare(query).get(...params) as T;
const consoleLog = () => path.join(h.dataDir, 'logs', 'notifications.jsonl');
const consoleLines = (): { channel: string; to: string; language: string; body: string; link: string }[] =>
  fs.existsSync(consoleLog())
    ? fs
        .readFileSync(consoleLog(), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { channel: string; to: string; language: string; body: string; link: string })
    : [];

beforeAll(async () => {
  h = await DomainHarness.open({ clock: () => now });
  hospitals = seedHospitals(h.core);
  // the OPD consultation sends the shipped OPD survey, as seed-demo links it
  h.core.data.write(SYSTEM_ACTOR, (tx) => {
    const stage = one<{ id: string }>(
      `SELECT s.id FROM journey_template_stages s JOIN journey_templates t ON t.id = s.template_id WHERE t.hospital_id = ? AND s.trigger_event_code = 'OPD_VISIT_COMPLETED'`,
      hospitals.OLAYA,
    );
    tx.update('journey_template_stages', stage.id, {
      survey_template_id: h.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED'),
      auto_send_survey: 1,
    });
  });
  await h.call(h.as('px_admin'), 'surveySettings.update', { hospitalId: hospitals.OLAYA!, sendingEnabled: true });
});
afterAll(() => h.close());

let visits = 0;
/** A patient's OPD visit: registered and seen, processed, the stage's subscriber run. */
async function visit(mrn: string, occurredAt: string, patient: Record<string, string> = { phone: '0551234567' }) {
  visits += 1;
  const encounterId = `ENC-SV-${visits}`;
  for (const code of ['OPD_REGISTERED', 'OPD_VISIT_COMPLETED'] as const) {
    await h.receive(hisEvent({ externalId: `sv-${visits}-${code}`, code, encounterId, mrn, occurredAt, patient }));
  }
  h.core.processor.drain();
  await h.deliver('surveys.stage-completed');
  return one<{ id: string }>(
    `SELECT s.id FROM journey_stage_instances s JOIN journey_instances j ON j.id = s.instance_id JOIN journey_template_stages t ON t.id = s.stage_id
     WHERE j.encounter_id = ? AND t.trigger_event_code = 'OPD_VISIT_COMPLETED'`,
    encounterId,
  ).id;
}

const instance = (id: string) =>
  one<{ id: string; status: string; send_at: string | null; skip_reason: string | null; invited_at: string | null; completed_at: string | null }>(
    'SELECT * FROM survey_instances WHERE id = ?',
    id,
  );

describe('a completed OPD stage', () => {
  let stageInstanceId: string;

  it('makes one survey, with its invitation queued in the send window', async () => {
    stageInstanceId = await visit('MRN-SV-1', '2026-11-23T10:15:00+03:00');
    const made = instance(stageSurveyId(stageInstanceId));
    expect(made).toMatchObject({ status: 'scheduled', skip_reason: null, send_at: '2026-11-23T08:00:00.000Z' });
    const messages = sql<{ id: string; kind: string; status: string }>('SELECT id, kind, status FROM notification_messages WHERE instance_id = ?', made.id);
    expect(messages).toEqual([{ id: messageId(made.id, 'invitation'), kind: 'invitation', status: 'queued' }]);
  });

  it('makes nothing more when the completion is offered again', async () => {
    const payload = one<{ payload: string }>(
      `SELECT payload FROM domain_events WHERE type = 'journey.stage_completed' AND payload LIKE ?`,
      `%${stageInstanceId}%`,
    ).payload;
    h.core.data.write(SYSTEM_ACTOR, (tx) => {
      h.core.events.publish(tx, { type: 'journey.stage_completed', hospitalId: hospitals.OLAYA!, payload: JSON.parse(payload) as Record<string, unknown> });
      expect(h.core.surveys.instances.fromStage(tx, JSON.parse(payload) as StageCompleted)).toBeNull();
    });
    await h.deliver('surveys.stage-completed');
    expect(sql('SELECT id FROM survey_instances WHERE stage_instance_id = ?', stageInstanceId)).toHaveLength(1);
    expect(sql('SELECT id FROM notification_messages WHERE instance_id = ?', stageSurveyId(stageInstanceId))).toHaveLength(1);
  });

  it('goes out through the console provider: one JSON line with the link', async () => {
    await h.core.surveys.outbox.sendDue();
    const lines = consoleLines();
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!)).toEqual(['channel', 'to', 'language', 'body', 'link']);
    expect(lines[0]).toMatchObject({ channel: 'sms', to: '+966551234567', language: 'ar' });
    expect(lines[0]!.body).toContain(lines[0]!.link);
    expect(lines[0]!.body).toContain('\u2068محمد\u2069');
    const token = lines[0]!.link.split('/s/')[1]!;
    expect(token).toHaveLength(TOKEN_LENGTH);
    // the token is not in the database: only its hash
    const dump = JSON.stringify(sql('SELECT * FROM survey_instances')) + JSON.stringify(sql('SELECT * FROM notification_messages'));
    expect(dump).not.toContain(token);
    const message = one<{ status: string; recipient_hint: string; segments: number; provider: string }>(
      'SELECT * FROM notification_messages WHERE instance_id = ?',
      stageSurveyId(stageInstanceId),
    );
    expect(message).toMatchObject({ status: 'sent', provider: 'console', recipient_hint: '+966•••••567' });
    expect(message.segments).toBeGreaterThanOrEqual(2);
    expect(instance(stageSurveyId(stageInstanceId))).toMatchObject({ status: 'invited', invited_at: new Date(now).toISOString() });
    // sent once: a second run finds nothing due
    await h.core.surveys.outbox.sendDue();
    expect(consoleLines()).toHaveLength(1);
  });

  it('is answered on its link: saved, finished once, scored and flagged negative, and opens one PX action', async () => {
    const token = consoleLines()[0]!.link.split('/s/')[1]!;
    const form = h.core.surveyForm;
    const page = form.show(token, undefined);
    expect(page.status).toBe(200);
    expect(page.html).toContain('dir="rtl"');
    expect(page.html).toContain('محمد');
    expect(page.html).not.toContain('القحطاني');
    expect(instance(stageSurveyId(stageInstanceId)).status).toBe('opened');

    // a required answer missing: refused on the server, the rest kept
    const partial = form.post(token, { page: '0', move: 'finish', lang: 'ar', q_waiting: '1' });
    expect(partial.status).toBe(422);
    expect(instance(stageSurveyId(stageInstanceId)).status).toBe('started');

    const finished = form.post(token, {
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
    });
    expect(finished.status).toBe(200);
    expect(finished.html).toContain('شكراً لك');
    const response = one<{ score: number; negative: number; answered_count: number; finished_at: string }>(
      'SELECT * FROM survey_responses WHERE id = ?',
      responseId(stageSurveyId(stageInstanceId)),
    );
    expect(response).toMatchObject({ score: 0, negative: 1, answered_count: 5 });
    expect(instance(stageSurveyId(stageInstanceId)).status).toBe('completed');
    expect(sql(`SELECT id FROM domain_events WHERE type = ?`, NEGATIVE_EVENT)).toHaveLength(1);

    // the same finish again, and a reopening: already answered, nothing changed
    const again = form.post(token, { page: '0', move: 'finish', lang: 'ar', q_overall: '5', q_recommend: '10' });
    expect(again.html).toContain('تمت الإجابة');
    expect(form.show(token, 'en').html).toContain('Already answered');
    expect(one<{ score: number }>('SELECT score FROM survey_responses WHERE id = ?', responseId(stageSurveyId(stageInstanceId))).score).toBe(0);
    expect(sql(`SELECT id FROM domain_events WHERE type = ?`, NEGATIVE_EVENT)).toHaveLength(1);

    // the negative response opens one PX action in the PX Action Center, with an id and number from the response
    const answered = responseId(stageSurveyId(stageInstanceId));
    await h.deliver('actions.negative-survey');
    const action = one<{ id: string; number: string; title: string; priority: string; status: string; source_type: string; evidence_required: number }>(
      'SELECT * FROM px_actions WHERE source_id = ?',
      answered,
    );
    expect(action).toMatchObject({ id: surveyActionId(answered), status: 'open', source_type: 'survey', priority: 'high', evidence_required: 1 });
    expect(action.number).toMatch(/^ACT-OLAYA-AUTO-[0-9A-Z]{8}$/);
    expect(action.title).toContain('استبيان سلبي');
    expect(sql('SELECT kind FROM px_action_events WHERE action_id = ?', action.id)).toEqual([{ kind: 'created' }]);
    // handled again (a replay, or the event on another station): nothing more
    expect(
      h.core.data.write(SYSTEM_ACTOR, (tx) =>
        h.core.actions.fromNegativeSurvey(tx, hospitals.OLAYA!, { responseId: answered, instanceId: stageSurveyId(stageInstanceId), score: 0 }),
      ),
    ).toBeNull();
    expect(sql('SELECT id FROM px_actions WHERE source_id = ?', answered)).toHaveLength(1);
  });

  it('shows a tampered or unknown token the same page, and stores nothing', () => {
    const token = consoleLines()[0]!.link.split('/s/')[1]!;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const before = h.count('survey_responses');
    const a = h.core.surveyForm.show(tampered, 'en');
    const b = h.core.surveyForm.show('not-a-token', 'en');
    expect(a.status).toBe(404);
    expect(a.html).toBe(b.html);
    expect(h.core.surveyForm.post(tampered, { page: '0', move: 'finish', q_overall: '5' }).status).toBe(404);
    expect(h.count('survey_responses')).toBe(before);
  });
});

describe('the rules a PX office needs', () => {
  it('keeps a patient surveyed in the last 30 days out (fatigue)', async () => {
    const stage = await visit('MRN-SV-1', '2026-11-23T10:45:00+03:00');
    expect(instance(stageSurveyId(stage))).toMatchObject({ status: 'skipped', skip_reason: 'fatigue', send_at: null });
    expect(sql('SELECT id FROM notification_messages WHERE instance_id = ?', stageSurveyId(stage))).toHaveLength(0);
  });

  it('sends nothing at night: a stage completed at 23:00 is invited at 09:00 the next morning', async () => {
    now = Date.parse('2026-11-23T20:00:00.000Z');
    const stage = await visit('MRN-SV-2', '2026-11-23T23:00:00+03:00');
    expect(instance(stageSurveyId(stage)).send_at).toBe('2026-11-24T06:00:00.000Z');
    await h.core.surveys.outbox.sendDue();
    expect(consoleLines()).toHaveLength(1);
    now = Date.parse('2026-11-24T06:00:00.000Z');
    await h.core.surveys.outbox.sendDue();
    expect(consoleLines()).toHaveLength(2);
  });

  it('honours an opt-out recorded after the survey was planned, and records it from the link', async () => {
    now = Date.parse('2026-11-24T07:00:00.000Z');
    const stage = await visit('MRN-SV-3', '2026-11-24T09:30:00+03:00');
    const id = stageSurveyId(stage);
    const patientId = one<{ patient_id: string }>('SELECT patient_id FROM survey_instances WHERE id = ?', id).patient_id;
    await h.call(h.as('px_admin'), 'surveys.optOut', { patientId, channel: 'sms', optedOut: true });
    await h.core.surveys.outbox.sendDue();
    expect(one<{ status: string; error: string }>('SELECT status, error FROM notification_messages WHERE instance_id = ?', id)).toEqual({
      status: 'cancelled',
      error: 'opted_out',
    });
    expect(consoleLines()).toHaveLength(2);
    // the next visit goes by the next channel the hospital uses
    now = Date.parse('2026-12-30T07:00:00.000Z');
    const later = stageSurveyId(await visit('MRN-SV-3', '2026-12-30T09:30:00+03:00'));
    expect(one<{ channel: string }>('SELECT channel FROM survey_instances WHERE id = ?', later).channel).toBe('whatsapp');
    // the patient stops all surveys from the link's footer: asked first (a link scanner opts nobody out), then recorded
    const link = h.core.surveys.instances.linkOf(later, h.core.surveys.settings.rules(hospitals.OLAYA!));
    const token = link.split('/s/')[1]!;
    expect(h.core.surveyForm.optOutAsk(token, 'en').html).toContain('Yes, stop my surveys');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM survey_opt_outs WHERE patient_id = ? AND channel = ?', patientId, 'all').n).toBe(0);
    expect(h.core.surveyForm.optOutConfirm(token, { lang: 'en', confirm: 'yes' }).html).toContain('You will receive no more surveys');
    const sentBefore = consoleLines().length;
    await h.core.surveys.outbox.sendDue();
    expect(one<{ status: string }>("SELECT status FROM notification_messages WHERE instance_id = ? AND kind = 'invitation'", later).status).toBe('cancelled');
    // the patient is told it is done, on the survey's channel, whatever the opt-out: once, however often they confirm
    expect(
      one<{ status: string; channel: string }>(
        "SELECT status, channel FROM notification_messages WHERE instance_id = ? AND kind = 'opt_out_confirmation'",
        later,
      ),
    ).toEqual({
      status: 'sent',
      channel: 'whatsapp',
    });
    const told = consoleLines().slice(sentBefore);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ channel: 'whatsapp', link: '' });
    expect(told[0]!.body).toContain('تم إيقاف الاستبيانات، ولن تصلك رسائل استبيان أخرى منا');
    h.core.surveyForm.optOutConfirm(token, { lang: 'en', confirm: 'yes' });
    await h.core.surveys.outbox.sendDue();
    expect(consoleLines().slice(sentBefore)).toHaveLength(1);
    expect(one<{ reminders_sent: number }>('SELECT reminders_sent FROM survey_instances WHERE id = ?', later).reminders_sent).toBe(0);
    now = Date.parse('2027-02-15T07:00:00.000Z');
    const last = await visit('MRN-SV-3', '2027-02-15T09:30:00+03:00');
    expect(instance(stageSurveyId(last))).toMatchObject({ status: 'skipped', skip_reason: 'opted_out' });
  });

  it('reminds once, after the hospital’s delay, inside the window, never after completion', async () => {
    now = Date.parse('2026-12-01T07:00:00.000Z');
    const stage = await visit('MRN-SV-4', '2026-12-01T09:30:00+03:00');
    const id = stageSurveyId(stage);
    await h.core.surveys.outbox.sendDue();
    expect(h.core.surveys.outbox.planReminders()).toBe(0);
    now += 49 * HOUR;
    expect(h.core.surveys.outbox.planReminders()).toBe(1);
    expect(h.core.surveys.outbox.planReminders()).toBe(0);
    await h.core.surveys.outbox.sendDue();
    const kinds = sql<{ kind: string; status: string }>('SELECT kind, status FROM notification_messages WHERE instance_id = ? ORDER BY kind', id);
    expect(kinds).toEqual([
      { kind: 'invitation', status: 'sent' },
      { kind: 'reminder_1', status: 'sent' },
    ]);
    expect(consoleLines().at(-1)!.body).toContain('تذكير');
    now += 72 * HOUR;
    // reminder_max is 1
    expect(h.core.surveys.outbox.planReminders()).toBe(0);
  });
});

describe('the control center', () => {
  it('counts invited, opened, completed and the response rate, and exports what was answered (audited)', async () => {
    const admin = h.as('px_admin');
    const figures = await h.call(admin, 'surveys.figures', { hospitalId: hospitals.OLAYA! });
    expect(figures).toMatchObject({ completed: 1, negative: 1, skipped: { fatigue: 1, optedOut: 1, noContact: 0 } });
    expect(figures.invited).toBe(3);
    expect(figures.responseRate).toBeCloseTo(100 / 3);
    expect(figures.templates).toEqual([expect.objectContaining({ responses: 1, scored: 1, score: 0, nps: { score: -100, responses: 1 } })]);
    expect(figures.templates[0]!.weightedScore).toBe(0);
    // each question domain of the one answered visit, the lowest answers: 0 of 100, no top box
    expect(figures.domains).toEqual(
      expect.arrayContaining([
        { domain: 'waiting_time', answered: 1, score: 0, topBox: 0 },
        { domain: 'communication_doctors', answered: 1, score: 0, topBox: 0 },
      ]),
    );

    const file = await h.call(admin, 'surveys.export', { hospitalId: hospitals.OLAYA!, format: 'csv' });
    const [header, ...rows] = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('mrn');
    expect(header).toContain('q_overall');
    expect(rows.find((r) => r.includes('MRN-SV-1') && r.includes('true'))).toContain('الانتظار طويل');
    expect(h.lastAudit()).toMatchObject({ action: 'surveys.export' });

    // the list's filters hold for its export: what a person sees listed is what the file holds
    const all = await h.call(admin, 'surveys.export', { hospitalId: hospitals.OLAYA!, format: 'json' });
    const negativeOnly = await h.call(admin, 'surveys.export', { hospitalId: hospitals.OLAYA!, negative: true, format: 'json' });
    const listed = await h.call(admin, 'surveys.list', { hospitalId: hospitals.OLAYA!, negative: true });
    expect(all.rows).toBeGreaterThan(negativeOnly.rows);
    // a survey nobody answered has no flag either way: empty, not false
    const unanswered = (JSON.parse(all.body) as { completed_at: string | null; negative: boolean | null }[]).filter((r) => r.completed_at === null);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(unanswered.map((r) => r.negative)).toEqual(unanswered.map(() => null));
    expect(negativeOnly.rows).toBe(listed.total);
    const byMrn = await h.call(admin, 'surveys.export', { hospitalId: hospitals.OLAYA!, q: 'mrn-sv-1', status: 'completed', format: 'json' });
    expect(byMrn.rows).toBe(1);
    expect(h.lastAudit()).toMatchObject({ action: 'surveys.export', after: expect.objectContaining({ q: 'mrn-sv-1', status: 'completed', rows: 1 }) });
  });

  it('counts a survey sent, then reported undeliverable by the provider, once: invited stays, the rate leaves it out', async () => {
    const admin = h.as('px_admin');
    const before = await h.call(admin, 'surveys.figures', { hospitalId: hospitals.OLAYA! });
    const sent = one<{ id: string }>(
      `SELECT m.id FROM notification_messages m JOIN survey_instances i ON i.id = m.instance_id
       WHERE i.hospital_id = ? AND m.kind = 'invitation' AND m.status = 'sent' AND i.invited_at IS NOT NULL AND i.completed_at IS NULL LIMIT 1`,
      hospitals.OLAYA,
    );
    // a late receipt, as the hub merges one: the message fails, the survey keeps the time it was sent
    h.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.update('notification_messages', sent.id, { status: 'failed', failed_at: new Date(now).toISOString(), error: 'Unifonic: Undeliverable' }),
    );
    const after = await h.call(admin, 'surveys.figures', { hospitalId: hospitals.OLAYA! });
    expect(after.invited).toBe(before.invited);
    expect(after.undeliverable).toBe(before.undeliverable + 1);
    expect(after.responseRate).toBeCloseTo((100 * after.completed) / (after.invited - after.undeliverable));
    h.core.data.write(SYSTEM_ACTOR, (tx) => tx.update('notification_messages', sent.id, { status: 'sent', failed_at: null, error: null }));
  });

  it('lists surveys by status and shows one with its answers and messages', async () => {
    const admin = h.as('px_admin');
    const negative = await h.call(admin, 'surveys.list', { hospitalId: hospitals.OLAYA!, negative: true });
    expect(negative.items).toHaveLength(1);
    const detail = await h.call(admin, 'surveys.get', { id: negative.items[0]!.id });
    expect(detail.response).toMatchObject({ score: 0, negative: true });
    expect(detail.messages.map((m) => m.status)).toEqual(['sent']);
    const log = await h.call(admin, 'notifications.list', { hospitalId: hospitals.OLAYA! });
    expect(log.items.length).toBeGreaterThanOrEqual(4);
  });
});

describe('a provider that is down or cannot be reached', () => {
  it('keeps the message queued with the provider’s reason through a long outage, and sends it once the provider answers', async () => {
    const { startGateway } = await import('../../../src-shared/notifications/senders/test-support.js');
    let up = false;
    const gateway = await startGateway(() => (up ? { status: 200, json: { id: 'gw-1' } } : { status: 503, text: 'maintenance' }));
    try {
      const admin = h.as('px_admin');
      await h.call(admin, 'notificationProviders.set', {
        channel: 'sms',
        settings: { kind: 'webhook', url: gateway.url, secret: 'a-webhook-secret-of-16+' },
      });
      now = Date.parse('2027-03-01T07:00:00.000Z');
      const id = stageSurveyId(await visit('MRN-SV-5', '2027-03-01T09:30:00+03:00'));
      const status = () =>
        one<{ status: string; error: string | null; attempts: number; next_attempt_at: string | null }>(
          'SELECT status, error, attempts, next_attempt_at FROM notification_messages WHERE instance_id = ?',
          id,
        );
      // the listener's loopback address reaches no phone: waits for the hospital's link address
      await h.core.surveys.outbox.sendDue();
      expect(status()).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringContaining('link address') });
      expect(gateway.requests).toHaveLength(0);
      await h.call(admin, 'surveySettings.update', { hospitalId: hospitals.OLAYA!, linkBaseUrl: 'https://px.example.sa' });

      now += 10 * 60_000;
      await h.core.surveys.outbox.sendDue();
      expect(status()).toMatchObject({ status: 'queued', attempts: 2, error: expect.stringContaining('503') });
      expect(status().next_attempt_at! > new Date(now).toISOString()).toBe(true);
      // down for two hours and more: tried every ten minutes at most, never given up while the link is good
      for (let i = 0; i < 12; i += 1) {
        now += 11 * 60_000;
        await h.core.surveys.outbox.sendDue();
      }
      expect(status()).toMatchObject({ status: 'queued', attempts: 14, error: expect.stringContaining('503') });

      up = true;
      now += 11 * 60_000;
      await h.core.surveys.outbox.sendDue();
      expect(status()).toMatchObject({ status: 'sent', attempts: 15, error: null });
      expect(gateway.requests).toHaveLength(14);
      const sent = JSON.parse(gateway.requests[13]!.body) as { link: string; id: string };
      expect(sent.link.startsWith('https://px.example.sa/s/')).toBe(true);
      expect(sent.id).toBe(messageId(id, 'invitation'));
    } finally {
      await gateway.close();
      await h.call(h.as('px_admin'), 'notificationProviders.set', { channel: 'sms', settings: { kind: 'console' } });
    }
  });

  it('never sends through the console provider in place of settings it cannot read: the message waits, saying why', async () => {
    const admin = h.as('px_admin');
    await h.call(admin, 'notificationProviders.set', {
      channel: 'sms',
      settings: { kind: 'webhook', url: 'https://gw.example.sa/sms', secret: 'a-webhook-secret-of-16+' },
    });
    // damaged on disk (sealed with another key, say): what the data layer would never write
    h.core.store.sqlite.prepare(`UPDATE notification_providers SET settings = 'not-sealed' WHERE channel = 'sms'`).run();
    try {
      expect((await h.call(admin, 'notificationProviders.list', {})).providers.find((p) => p.channel === 'sms')).toMatchObject({ readable: false });
      now = Date.parse('2027-03-05T07:00:00.000Z');
      const id = stageSurveyId(await visit('MRN-SV-6', '2027-03-05T09:30:00+03:00'));
      const written = consoleLines().length;
      await h.core.surveys.outbox.sendDue();
      expect(one('SELECT status, error FROM notification_messages WHERE instance_id = ?', id)).toEqual({
        status: 'queued',
        error: "The sms provider's settings cannot be read: set them again",
      });
      expect(consoleLines()).toHaveLength(written);
    } finally {
      await h.call(admin, 'notificationProviders.set', { channel: 'sms', settings: { kind: 'console' } });
    }
  });
});

describe('a hospital’s message texts', () => {
  it('are refused field by field in both languages: an unknown variable, an invitation without its link', async () => {
    const refusal = await h.failure(h.as('px_admin'), 'surveySettings.update', {
      hospitalId: hospitals.OLAYA!,
      messageTexts: { sms: { ar: 'مرحباً {{name}} {{link}}', en: 'Hello {{first_name}}, please answer.' } },
    });
    expect(refusal.status).toBe(400);
    expect(refusal.fields.map((f) => [f.path, f.key])).toEqual([
      ['messageTexts.sms.ar', 'field.message_template_variable'],
      ['messageTexts.sms.en', 'field.message_template_link'],
    ]);
    expect(refusal.fields[1]!.message.ar).toContain('{{link}}');
    const saved = await h.call(h.as('px_admin'), 'surveySettings.get', { hospitalId: hospitals.OLAYA! });
    expect(saved.messageTexts.sms).toBeUndefined();
  });
});

describe('a link that can no longer be answered', () => {
  it('says so in both languages when withdrawn or expired, and stores nothing', async () => {
    const admin = h.as('px_admin');
    now = Date.parse('2027-04-01T07:00:00.000Z');
    const patientId = one<{ id: string }>(`SELECT id FROM patients WHERE mrn = 'MRN-SV-2'`).id;
    const templateId = h.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
    const withdrawn = await h.call(admin, 'surveys.handOut', { patientId, templateId, channel: 'kiosk' });
    const expiring = await h.call(admin, 'surveys.handOut', { patientId, templateId, channel: 'qr', language: 'en' });
    const tokenOf = (link: string) => link.split('/s/')[1]!;

    const revoked = await h.call(admin, 'surveys.revoke', { id: withdrawn.instance.id });
    expect(revoked.status).toBe('revoked');
    const page = h.core.surveyForm.show(tokenOf(withdrawn.link), undefined);
    expect(page.status).toBe(410);
    expect(page.html).toContain('تم سحب هذا الاستبيان');
    expect(h.core.surveyForm.post(tokenOf(withdrawn.link), { page: '0', move: 'finish', q_overall: '5' }).status).toBe(410);

    now += 8 * 24 * HOUR;
    const expired = h.core.surveyForm.show(tokenOf(expiring.link), undefined);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('This survey has closed');
    expect((await h.call(admin, 'surveys.get', { id: expiring.instance.id })).status).toBe('expired');
    expect(sql('SELECT id FROM survey_responses WHERE instance_id IN (?, ?)', withdrawn.instance.id, expiring.instance.id)).toEqual([]);
  });
});

describe('a question that an answer on the same page brings', () => {
  it('comes on the page again before the survey finishes (the form has no script)', async () => {
    const admin = h.as('px_admin');
    const patientId = one<{ id: string }>(`SELECT id FROM patients WHERE mrn = 'MRN-SV-4'`).id;
    const made = await h.call(admin, 'surveys.handOut', {
      patientId,
      templateId: h.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!,
      channel: 'kiosk',
    });
    const token = made.link.split('/s/')[1]!;
    expect(h.core.surveyForm.show(token, 'en').html).not.toContain('q_contact_me');
    const again = h.core.surveyForm.post(token, { page: '0', move: 'finish', lang: 'en', q_overall: '1', q_recommend: '2' });
    expect(again.status).toBe(200);
    expect(again.html).toContain('there is one more question below');
    expect(again.html).toContain('name="q_contact_me"');
    expect(instance(made.instance.id).completed_at).toBeNull();
    const done = h.core.surveyForm.post(token, { page: '0', move: 'finish', lang: 'en', q_overall: '1', q_recommend: '2', q_contact_me: 'yes' });
    expect(done.html).toContain('Thank you');
    expect(one<{ answers: string }>('SELECT answers FROM survey_responses WHERE instance_id = ?', made.instance.id).answers).toContain('contact_me');
  });
});

describe('the control center’s period', () => {
  it('counts days as the hospital does: a survey sent at 01:00 in Riyadh is on that day, not the one before', async () => {
    const admin = h.as('px_admin');
    const patientId = one<{ id: string }>(`SELECT id FROM patients WHERE mrn = 'MRN-SV-2'`).id;
    // 2027-05-09 22:30 UTC is 01:30 on 2027-05-10 in Riyadh
    now = Date.parse('2027-05-09T22:30:00.000Z');
    const made = await h.call(admin, 'surveys.handOut', {
      patientId,
      templateId: h.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!,
      channel: 'kiosk',
    });
    const on = async (day: string) => (await h.call(admin, 'surveys.list', { hospitalId: hospitals.OLAYA!, from: day, to: day })).items.map((i) => i.id);
    expect(await on('2027-05-10')).toContain(made.instance.id);
    expect(await on('2027-05-09')).not.toContain(made.instance.id);
  });
});

describe('who a survey can reach', () => {
  it('is not handed one on a tablet or on paper after asking for no more surveys', async () => {
    const admin = h.as('px_admin');
    const patientId = one<{ id: string }>(`SELECT id FROM patients WHERE mrn = 'MRN-SV-4'`).id;
    const templateId = h.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
    await h.call(admin, 'surveys.optOut', { patientId, channel: 'all', optedOut: true });
    try {
      for (const channel of ['kiosk', 'qr'] as const) {
        const refusal = await h.failure(admin, 'surveys.handOut', { patientId, templateId, channel });
        expect(refusal.status).toBe(400);
        expect(refusal.fields.map((f) => [f.path, f.key])).toEqual([['channel', 'error.survey_opted_out_all']]);
        expect(refusal.fields[0]!.message.ar).toContain('عدم تلقي أي استبيانات');
      }
      // opted out of SMS only: a tablet in the clinic is still theirs to take
      await h.call(admin, 'surveys.optOut', { patientId, channel: 'all', optedOut: false });
      await h.call(admin, 'surveys.optOut', { patientId, channel: 'sms', optedOut: true });
      expect((await h.call(admin, 'surveys.handOut', { patientId, templateId, channel: 'kiosk' })).link).toContain('/s/');
    } finally {
      await h.call(admin, 'surveys.optOut', { patientId, channel: 'all', optedOut: false });
      await h.call(admin, 'surveys.optOut', { patientId, channel: 'sms', optedOut: false });
    }
  });

  it('goes by email when the only number is a landline (a record from before numbers were checked): an SMS to it never arrives', async () => {
    const admin = h.as('px_admin');
    const patient = one<{ id: string; phone: string; email: string | null }>(`SELECT id, phone, email FROM patients WHERE mrn = 'MRN-SV-4'`);
    await h.call(admin, 'surveySettings.update', { hospitalId: hospitals.OLAYA!, channels: ['sms', 'email'] });
    h.core.data.write(SYSTEM_ACTOR, (tx) => tx.update('patients', patient.id, { phone: '0112345678', email: 'landline@example.sa' }));
    try {
      const templateId = h.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
      const sent = await h.call(admin, 'surveys.send', { patientId: patient.id, templateId });
      expect(sent.channel).toBe('email');
      await h.call(admin, 'surveys.revoke', { id: sent.id });
    } finally {
      h.core.data.write(SYSTEM_ACTOR, (tx) => tx.update('patients', patient.id, { phone: patient.phone, email: patient.email }));
      await h.call(admin, 'surveySettings.update', { hospitalId: hospitals.OLAYA!, channels: ['sms'] });
    }
  });
});

describe('a station’s provider settings', () => {
  it('refuse a provider that cannot send on the channel (SMTP for SMS), keep the secret sealed and out of the audit log', async () => {
    const admin = h.as('px_admin');
    const smtp = {
      kind: 'smtp',
      host: 'mail.example.sa',
      port: 587,
      security: 'starttls',
      user: 'px',
      password: 'smtp-password-123',
      fromAddress: 'px@example.sa',
      fromName: 'PX',
    };
    const refusal = await h.failure(admin, 'notificationProviders.set', { channel: 'sms', settings: smtp });
    expect(refusal.status).toBe(400);
    expect(refusal.fields.map((f) => [f.path, f.key])).toEqual([['settings.kind', 'field.invalid_choice']]);
    await h.call(admin, 'notificationProviders.set', { channel: 'email', settings: smtp });
    try {
      const stored = one<{ settings: string }>(`SELECT settings FROM notification_providers WHERE channel = 'email'`);
      expect(stored.settings).not.toContain('smtp-password-123');
      const audit = sql<{ before_json: string | null; after_json: string | null }>(
        `SELECT before_json, after_json FROM audit_log WHERE entity_type = 'notification_providers'`,
      );
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit)).not.toContain('smtp-password-123');
      const listed = (await h.call(admin, 'notificationProviders.list', {})).providers.find((p) => p.channel === 'email');
      expect(JSON.stringify(listed)).not.toContain('smtp-password-123');
    } finally {
      await h.call(admin, 'notificationProviders.set', { channel: 'email', settings: { kind: 'console' } });
    }
  });
});

describe('a survey of two pages', () => {
  it('is saved page by page: a dropped connection resumes on the page it reached, Back keeps the answers, the required one is asked for', async () => {
    const admin = h.as('px_admin');
    const patientId = one<{ id: string }>(`SELECT id FROM patients WHERE mrn = 'MRN-SV-2'`).id;
    const templateId = h.core.surveys.templates.shippedTemplateFor('IP_DISCHARGED')!;
    const made = await h.call(admin, 'surveys.handOut', { patientId, templateId, channel: 'kiosk' });
    const token = made.link.split('/s/')[1]!;
    const form = h.core.surveyForm;
    expect(form.show(token, 'ar').html).toContain('name="q_nurses_respect"');

    const next = form.post(token, { page: '0', move: 'next', lang: 'ar', q_nurses_respect: '4', q_room_clean: '3' });
    expect(next.status).toBe(200);
    expect(next.html).toContain('name="q_overall"');
    const saved = one<{ page: number; answers: string; finished_at: string | null }>(
      'SELECT page, answers, finished_at FROM survey_responses WHERE instance_id = ?',
      made.instance.id,
    );
    expect(saved).toMatchObject({ page: 1, finished_at: null });
    expect(JSON.parse(saved.answers)).toMatchObject({ nurses_respect: { kind: 'scale', value: 4 }, room_clean: { kind: 'scale', value: 3 } });

    // the connection dropped; the link opened again: the second page, not the first
    const resumed = form.show(token, 'ar').html;
    expect(resumed).toContain('name="q_overall"');
    expect(resumed).not.toContain('name="q_nurses_respect"');

    // Back: the first page with its answers checked
    const back = form.post(token, { page: '1', move: 'back', lang: 'ar' });
    expect(back.html).toContain('name="q_nurses_respect" value="4" checked');
    expect(back.html).toContain('name="q_room_clean" value="3" checked');

    // the last page sent without its required answer: asked for, nothing finished
    form.post(token, { page: '0', move: 'next', lang: 'ar', q_nurses_respect: '4', q_room_clean: '3' });
    const missing = form.post(token, { page: '1', move: 'finish', lang: 'ar' });
    expect(missing.status).toBe(422);
    expect(instance(made.instance.id).completed_at).toBeNull();
    const done = form.post(token, { page: '1', move: 'finish', lang: 'ar', q_overall: '5' });
    expect(done.status).toBe(200);
    expect(instance(made.instance.id).completed_at).not.toBeNull();
    expect(JSON.parse(one<{ answers: string }>('SELECT answers FROM survey_responses WHERE instance_id = ?', made.instance.id).answers)).toMatchObject({
      nurses_respect: { value: 4 },
      overall: { value: 5 },
    });
  });
});
