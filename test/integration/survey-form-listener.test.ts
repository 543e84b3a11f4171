/**
 * The survey form on a station's listener (kiosks, QR codes, a station that
 * sends itself), over real sockets: the page is plain HTML with its security
 * headers, a page posted as a form saves and finishes once, two finishing
 * posts racing leave one finish, and posts no form of ours sends are
 * answered 4xx with nothing stored.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { responseId } from '../../src-shared/surveys/ids.js';
import { type HisStation, PxOffice, startHisStation } from '../fixtures/his-station.js';

let station: HisStation;
let token: string;
let instanceId: string;
let office: PxOffice;

beforeAll(async () => {
  station = await startHisStation({ background: false });
  const core = station.core;
  const patient = core.data.write(SYSTEM_ACTOR, (tx) =>
    tx.insert('patients', {
      hospital_id: station.hospitals.OLAYA!,
      mrn: 'MRN-KIOSK-1',
      national_id: null,
      name_en: 'Sara Al-Otaibi',
      name_ar: 'سارة العتيبي',
      phone: null,
      email: null,
      preferred_language: 'ar',
      birth_date: null,
      gender: null,
      active: 1,
    }),
  );
  const templateId = core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
  office = await PxOffice.signIn(core);
  const made = await office.call('surveys.handOut', { patientId: patient.id, templateId, channel: 'kiosk' });
  instanceId = made.instance.id;
  token = made.link.split('/s/')[1]!;
  expect(made.link.startsWith(station.listenerUrl.replace(/\/$/, ''))).toBe(true);
});
afterAll(() => station.close());

const url = (path: string) => new URL(path, station.listenerUrl).toString();
const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
  fetch(url(path), { method: 'POST', headers: { 'content-type': type }, body, redirect: 'manual' });
const stored = () => station.core.store.sqlite.prepare('SELECT count(*) FROM survey_responses').pluck().get() as number;

describe('the survey form on the listener', () => {
  it('answers the page as HTML with only its own inline script, no framing and no cache', async () => {
    const page = await fetch(url(`/s/${token}`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain('سارة');
    expect(html).not.toContain('العتيبي');
    // one script, the page's own, allowed by its hash and nothing else: no file, nothing from elsewhere
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toBe('');
    const hash = createHash('sha256').update(scripts[0]![2]!).digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}';`);
  });

  it('refuses what no form of ours sends, and stores nothing', async () => {
    const cases: [string, string, string?][] = [
      ['unknown field', 'page=0&move=next&q_overall=5&admin=1'],
      ['no such page', 'page=7&move=next'],
      ['a value too long', `page=0&move=next&q_improve=${'x'.repeat(5000)}`],
      ['a body over 64 KB', `page=0&move=next&q_improve=${'x'.repeat(70_000)}`],
      ['a repeated single answer', 'page=0&move=next&q_overall=1&q_overall=5'],
      ['an unknown move', 'page=0&move=delete'],
      ['a word where the scale has numbers', 'page=0&move=next&q_overall=excellent'],
      ['a point off the scale', 'page=0&move=next&q_overall=9'],
      ['JSON instead of a form', JSON.stringify({ page: 0, q_overall: 5 }), 'application/json'],
    ];
    for (const [what, body, type] of cases) {
      const answer = await post(`/s/${token}`, body, type);
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
    }
    expect((await post('/s/', 'page=0')).status).toBe(404);
    expect((await post('/s/AAAAAAAAAAAAAAAAAAAAAA', 'page=0&move=finish&q_overall=5')).status).toBe(404);
    expect(stored()).toBe(0);
  });

  it('finishes once when two finishing posts race: one thank-you, one "already answered"', async () => {
    const finish = 'page=0&move=finish&lang=ar&q_overall=2&q_recommend=3&q_contact_me=no';
    const answers = await Promise.all([post(`/s/${token}`, finish), post(`/s/${token}`, finish)]);
    const pages = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(pages.filter((p) => p.includes('تصل إجاباتك'))).toHaveLength(1);
    expect(pages.filter((p) => p.includes('تمت الإجابة'))).toHaveLength(1);
    const response = station.core.store.sqlite
      .prepare('SELECT finished_at, negative, score FROM survey_responses WHERE id = ?')
      .get(responseId(instanceId)) as {
      finished_at: string;
      negative: number;
      score: number;
    };
    expect(response.finished_at).not.toBeNull();
    expect(response.negative).toBe(1);
    expect(stored()).toBe(1);
    expect(await (await fetch(url(`/s/${token}?lang=en`))).text()).toContain('Already answered');
  });

  it('gives a link preview (WhatsApp drawing a card) a neutral page: no name, and the survey is not marked opened', async () => {
    const core = station.core;
    const patientId = (core.store.sqlite.prepare(`SELECT id FROM patients WHERE mrn = 'MRN-KIOSK-1'`).get() as { id: string }).id;
    const made = await office.call('surveys.handOut', {
      patientId,
      templateId: core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!,
      channel: 'qr',
    });
    const path = `/s/${made.link.split('/s/')[1]!}`;
    const opened = () =>
      (core.store.sqlite.prepare('SELECT opened_at FROM survey_instances WHERE id = ?').get(made.instance.id) as { opened_at: string | null }).opened_at;
    const preview = await fetch(url(path), { headers: { 'user-agent': 'WhatsApp/2.23.20.0 A' } });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('استبيان تجربة المريض');
    expect(html).not.toContain('سارة');
    expect(html).not.toContain('<form');
    expect(opened()).toBeNull();
    // the patient's own phone opens it: the form, and opened
    const phone = await fetch(url(path), { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14; SM-A155F) Chrome/121.0.0.0 Mobile Safari/537.36' } });
    expect(await phone.text()).toContain('سارة');
    expect(opened()).not.toBeNull();
  });

  it('tells the patient to come back when the station fails, never that the link is invalid, in both languages', async () => {
    const failing = vi.spyOn(station.core.surveyForm, 'show').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    try {
      const answer = await fetch(url(`/s/${token}`));
      expect(answer.status).toBe(500);
      const html = await answer.text();
      expect(html).toContain('يرجى المحاولة لاحقاً');
      expect(html).toContain('Your link stays valid.');
      expect(html).not.toContain('غير صالح');
      expect(html).not.toContain('disk I/O');
    } finally {
      failing.mockRestore();
    }
  });
});
