import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { rpc as call, shot, signIn, watchErrors, type Lang } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Surveys end to end, as a patient and a PX office live them: a HIS posts
 * an outpatient registration and the end of the clinic visit; the OPD
 * consultation stage (as seed-demo links it) sends the shipped OPD survey
 * by itself; the station, not enrolled, sends it through the console
 * provider, which writes the message with its link to
 * <data-dir>/logs/notifications.jsonl. The patient opens the link on a
 * phone (390×844), in Arabic and then in English: the scales read in the
 * reading direction, the lowest answers are sent, the thank-you page and
 * then "already answered" show, and axe finds nothing serious. In the
 * console the response is there with its score of 0 and the negative flag,
 * and its answers read in the console's language. Then sending by hand (an
 * opt-out refused at its field), handing out a QR code, withdrawing,
 * exporting, and every screen pictured in both languages.
 */

let station: RunningStation;
let token = '';
let sourceToken = '';
let olayaId = '';
const SOURCE = 'OLAYA-HIS';

interface Visitor {
  mrn: string;
  encounter: string;
  phone: string;
  nameEn: string;
  nameAr: string;
  language: Lang;
}

const PATIENTS: Record<Lang, Visitor> = {
  ar: { mrn: 'MRN-SV-AR', encounter: 'ENC-SV-AR', phone: '0551234567', nameEn: 'Fahad Alotaibi', nameAr: 'فهد العتيبي', language: 'ar' },
  en: { mrn: 'MRN-SV-EN', encounter: 'ENC-SV-EN', phone: '0551234568', nameEn: 'Sarah Thompson', nameAr: 'سارة طومسون', language: 'en' },
};

test.describe.configure({ mode: 'serial' });

const rpc = <T>(name: string, input: unknown) => call<T>(station, name, input, token);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // a few hundred patients: seed-demo gives each hospital thirty days of survey history from them
  station = await startStation({ demo: true, patients: 300 });
  ({ token } = await call<{ token: string }>(station, 'auth.login', { username: 'px.admin', password: station.demoPassword }, null));
  const hospitals = await rpc<{ items: { id: string; code: string }[] }>('hospitals.list', { pageSize: 50 });
  olayaId = hospitals.items.find((h) => h.code === 'OLAYA')!.id;
  ({ token: sourceToken } = await rpc<{ token: string }>('integrations.create', { name: 'Olaya HIS', sourceSystem: SOURCE, hospitalCodes: ['OLAYA'] }));
  // sending on, and a window of the whole day, so the test does not depend on the hour it runs at
  await rpc('surveySettings.update', { hospitalId: olayaId, sendingEnabled: true, windowStartMinute: 0, windowEndMinute: 1440 });
});

test.afterAll(async () => {
  await station?.stop();
});

interface ConsoleMessage {
  channel: string;
  to: string;
  language: string;
  body: string;
  link: string;
}

function consoleMessages(): ConsoleMessage[] {
  const file = path.join(station.dataDir, 'logs', 'notifications.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ConsoleMessage);
}

/** The whole length of a long screen too (the charts and tables below the fold), beside the helper's picture of the window. */
async function fullShot(page: Page, screen: string, lang: Lang): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${screen}-full-${lang}.png`, fullPage: true });
}

/** A clinic visit as the HIS reports it: registered, then seen; answers the survey link the console provider wrote for it. */
async function visit(request: APIRequestContext, who: Visitor): Promise<ConsoleMessage> {
  const started = Date.now();
  for (const [code, minutesAgo] of [
    ['OPD_REGISTERED', 40],
    ['OPD_VISIT_COMPLETED', 2],
  ] as const) {
    const response = await request.post(`${station.listenerUrl}api/v1/events`, {
      headers: { authorization: `Bearer ${sourceToken}` },
      data: {
        source_system: SOURCE,
        external_id: `${who.encounter}-${code}`,
        event_code: code,
        occurred_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
        hospital_code: 'OLAYA',
        encounter: { id: who.encounter, type: 'OPD', department_code: 'OPD' },
        patient: { mrn: who.mrn, name_en: who.nameEn, name_ar: who.nameAr, phone: who.phone, language: who.language, gender: 'M' },
      },
    });
    expect(response.status()).toBe(202);
  }
  const to = `+966${who.phone.slice(1)}`;
  // the events are processed, the stage's subscriber makes the survey and the outbox sends it: asked now rather than on their schedules
  for (;;) {
    const sent = consoleMessages().find((m) => m.to === to);
    if (sent) return sent;
    if (Date.now() - started > 60_000) throw new Error(`no survey message to ${to} within 60 s: ${JSON.stringify(consoleMessages())}`);
    await rpc('jobs.runNow', { name: 'events:surveys.stage-completed' });
    await rpc('jobs.runNow', { name: 'surveys.send' });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Each scale's lowest point (its first radio): the least happy patient's answers. */
async function answerLowest(page: Page): Promise<number> {
  const names = await page.locator('fieldset input[type=radio]').evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
  let answered = 0;
  for (const name of names) {
    const values = await page.locator(`input[type=radio][name="${name}"]`).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const points = values.filter((v) => /^\d+$/.test(v)).map(Number);
    if (points.length === 0) continue; // yes/no: not a scale
    await page.locator(`input[type=radio][name="${name}"][value="${Math.min(...points)}"]`).check();
    answered += 1;
  }
  return answered;
}

const FORM = {
  ar: {
    title: 'زيارتك للعيادة',
    send: 'إرسال إجاباتي',
    thanks: 'شكراً لك',
    answered: 'تمت الإجابة مسبقاً',
    offline: 'لا يوجد اتصال الآن',
    appeared: 'يوجد سؤال إضافي أدناه',
    callBack: 'هل تودّ أن يتصل بك',
    yes: 'نعم',
  },
  en: {
    title: 'Your clinic visit',
    send: 'Send my answers',
    thanks: 'Thank you',
    answered: 'Already answered',
    offline: 'There is no connection right now',
    appeared: 'there is one more question below',
    callBack: 'Would you like',
    yes: 'Yes',
  },
} as const;

/** axe finds nothing serious or critical on the page (WCAG 2.2 AA). */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The patient's side: the form on a phone, read in the reading direction, checked by axe, answered at the bottom of every scale. */
async function answerOnPhone(page: Page, link: string, lang: Lang): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(link);
  await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.getByRole('heading', { level: 1, name: FORM[lang].title })).toBeVisible();

  // the first point of a rating scale (the worst) sits where reading starts: right in Arabic, left in English
  const overall = page.locator('input[type=radio][name="q_overall"]');
  const first = await overall.first().boundingBox();
  const last = await overall.last().boundingBox();
  expect(first && last).toBeTruthy();
  if (lang === 'ar') expect(first!.x).toBeGreaterThan(last!.x);
  else expect(first!.x).toBeLessThan(last!.x);
  expect(await overall.first().getAttribute('value')).toBe('1');

  await expectNoSeriousViolations(page);
  // by keyboard alone: Tab reaches the first scale, the arrow keys move along it in the reading direction
  await page.locator('input[name="q_overall"]').first().focus();
  await page.keyboard.press(lang === 'ar' ? 'ArrowLeft' : 'ArrowRight');
  await expect(page.locator('input[name="q_overall"]:checked')).toHaveValue('2');
  await page.keyboard.press(lang === 'ar' ? 'ArrowRight' : 'ArrowLeft');
  await expect(page.locator('input[name="q_overall"]:checked')).toHaveValue('1');
  await shot(page, 'surveys-form', lang);
  await fullShot(page, 'surveys-form', lang);

  expect(await answerLowest(page)).toBeGreaterThanOrEqual(4);
  // the connection drops as the patient sends: the page holds the post and every answer, and says so
  const url = page.url();
  await page.context().setOffline(true);
  await page.getByRole('button', { name: FORM[lang].send }).click();
  await expect(page.getByRole('alert')).toContainText(FORM[lang].offline);
  expect(page.url()).toBe(url);
  await expect(page.locator('input[name="q_overall"]:checked')).toHaveValue('1');
  await shot(page, 'surveys-form-offline', lang);
  await page.context().setOffline(false);
  await expect(page.getByRole('alert')).toBeHidden();
  await page.getByRole('button', { name: FORM[lang].send }).click();
  // the low answers bring the call-back question on this page (no script: the page comes again with it)
  await expect(page.getByRole('status')).toContainText(FORM[lang].appeared);
  const callBack = page.getByRole('group', { name: new RegExp(FORM[lang].callBack) });
  await expect(callBack).toBeVisible();
  await expectNoSeriousViolations(page);
  await shot(page, 'surveys-form-call-back', lang);
  await callBack.getByRole('radio', { name: FORM[lang].yes, exact: true }).check();
  await page.getByRole('button', { name: FORM[lang].send }).click();
  await expect(page.getByText(FORM[lang].thanks)).toBeVisible();
  await expectNoSeriousViolations(page);
  await shot(page, 'surveys-form-thanks', lang);

  // the link is spent: opened again, it says so
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: FORM[lang].answered })).toBeVisible();
  // and in the other language below it: whoever opens the link reads why
  await expect(page.getByRole('heading', { level: 2, name: FORM[lang === 'ar' ? 'en' : 'ar'].answered })).toBeVisible();
  await expectNoSeriousViolations(page);
  await shot(page, 'surveys-form-answered', lang);
  await page.setViewportSize({ width: 1440, height: 900 });
}

const CONSOLE = {
  ar: {
    nav: 'التنقل الرئيسي',
    list: 'إجابات الاستبيانات',
    table: 'الاستبيانات',
    mrn: 'رقم الملف الطبي للمريض',
    apply: 'تطبيق التصفية',
    negative: 'سلبية',
    answers: 'الأسئلة والإجابات',
    worst: 'سيئ جداً',
    disagree: 'غير موافق بشدة',
    notLikely: 'غير محتمل إطلاقاً',
    why: 'سبب تصنيفها سلبية',
    completed: 'مكتمل',
  },
  en: {
    nav: 'Main navigation',
    list: 'Survey responses',
    table: 'Surveys',
    mrn: 'Patient MRN',
    apply: 'Apply filters',
    negative: 'Negative',
    answers: 'Questions and answers',
    worst: 'Very poor',
    disagree: 'Strongly disagree',
    notLikely: 'Not at all likely',
    why: 'Why it is negative',
    completed: 'Completed',
  },
} as const;

/** The PX office's side: the response in the list with its score and flag, and its answers in the console's language. */
async function readInConsole(page: Page, who: Visitor, lang: Lang): Promise<void> {
  const text = CONSOLE[lang];
  await signIn(page, station, lang);
  await page.getByRole('navigation', { name: text.nav }).getByRole('link', { name: text.list }).click();
  await page.getByRole('searchbox', { name: text.mrn }).fill(who.mrn);
  await page.getByRole('button', { name: text.apply }).click();
  await expect(page).toHaveURL(new RegExp(`q=${who.mrn}`));
  const row = page.getByRole('table', { name: text.table }).getByRole('row').filter({ hasText: who.mrn });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(text.completed);
  await expect(row.getByRole('cell').filter({ hasText: /^0$/ })).toHaveCount(1); // the score
  await expect(row).toContainText(text.negative);
  await shot(page, 'surveys-list-response', lang);

  await row.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2, name: lang === 'ar' ? who.nameAr : who.nameEn })).toBeVisible();
  const answers = page.getByRole('table', { name: text.answers });
  await expect(answers.getByRole('row').filter({ hasText: text.worst }).first()).toBeVisible();
  await expect(answers).toContainText(text.disagree);
  await expect(answers).toContainText(text.notLikely);
  await expect(page.getByRole('alert').filter({ hasText: text.why })).toBeVisible();
  await shot(page, 'surveys-detail', lang);
  await fullShot(page, 'surveys-detail', lang);
}

for (const lang of ['ar', 'en'] as const) {
  test(`a clinic visit's survey, answered on a phone and read in the console, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async ({ page, request }) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    const who = PATIENTS[lang];
    const message = await visit(request, who);
    expect(message).toMatchObject({ channel: 'sms', language: lang });
    expect(message.body).toContain(message.link);
    expect(message.link).toMatch(/\/s\/[\w-]{22}$/);

    await answerOnPhone(page, message.link, lang);
    await readInConsole(page, who, lang);
    expect(errors).toEqual([]);
  });
}

/** The patient chosen in the send screen's picker, by MRN as a clerk types it. */
async function pickPatient(page: Page, label: string, who: Visitor, lang: Lang): Promise<void> {
  const picker = page.getByRole('combobox', { name: label });
  await picker.fill(who.mrn);
  await page.getByRole('option', { name: new RegExp(`${lang === 'ar' ? who.nameAr : who.nameEn} — ${who.mrn}`) }).click();
}

test('sending by hand, an opt-out refused at its field, a QR code handed out and withdrawn, an export, in Arabic', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const who = PATIENTS.ar;
  await signIn(page, station, 'ar');
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });

  // — the control center over the demo's thirty days and the two answered visits
  await nav.getByRole('link', { name: 'الاستبيانات', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'مركز متابعة الاستبيانات' })).toBeVisible();
  const completed = page.getByRole('article', { name: 'المكتملة' });
  await expect(completed).toContainText(/\d/);
  await expect(page.getByRole('article', { name: 'معدل الاستجابة' })).toContainText('٪');
  await expect(page.getByRole('list', { name: 'عدد الاستبيانات في كل خطوة، ونسبتها من المدعوين' }).getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('img', { name: /^المكتملة يومياً/ })).toBeVisible();
  const scores = page.getByRole('table', { name: 'الدرجات حسب قالب الاستبيان' });
  await expect(scores.getByRole('row').filter({ hasText: 'زيارتك للعيادة' })).toContainText('عدد الإجابات:');
  // each question domain across the templates, weakest first, read as a sentence
  const domains = page.getByRole('list', { name: 'درجة كل مجال من مجالات الأسئلة، الأضعف أولاً' }).getByRole('listitem');
  await expect(domains.first()).toContainText('من 100');
  expect(await domains.count()).toBeGreaterThan(3);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await shot(page, 'surveys-control', 'ar');
  await fullShot(page, 'surveys-control', 'ar');

  // the daily chart reads right to left: the first day's bar stands to the right of the last day's
  const bars = page.getByRole('img', { name: /^المكتملة يومياً/ }).locator('rect');
  const firstBar = await bars.first().boundingBox();
  const lastBar = await bars.last().boundingBox();
  expect(firstBar!.x).toBeGreaterThan(lastBar!.x);

  // a filter goes into the address; nothing handed out as a QR code yet
  await page.getByRole('combobox', { name: 'القناة' }).click();
  await page.getByRole('option', { name: 'رمز QR' }).click();
  await page.getByRole('button', { name: 'تطبيق التصفية' }).click();
  await expect(page).toHaveURL(/#\/surveys\?channel=qr$/);
  await expect(page.getByText('لا يوجد استبيان مطابق لعوامل التصفية هذه.')).toBeVisible();
  await shot(page, 'surveys-control-empty', 'ar');
  await page.getByRole('button', { name: 'مسح التصفية' }).click();
  await expect(page).toHaveURL(/#\/surveys$/);

  // — the export of the filter, as a file, recorded in the audit log
  await page.getByRole('button', { name: 'تصدير الإجابات' }).click();
  await expect(page.getByRole('menu')).toContainText('يُسجَّل كل تصدير في سجل التدقيق');
  await shot(page, 'surveys-export-menu', 'ar');
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'CSV (جدول بيانات)' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv).toContain(who.mrn);
  const audit = await rpc<{ items: { action: string }[] }>('audit.list', { action: 'surveys.export', pageSize: 10 });
  expect(audit.items.length).toBeGreaterThanOrEqual(1);

  // — sending by hand to a patient who opted out: refused, said at the channel field
  const patient = (await rpc<{ items: { id: string }[] }>('patients.search', { q: who.mrn })).items[0]!;
  await rpc('surveys.optOut', { patientId: patient.id, channel: 'all', optedOut: true });
  await nav.getByRole('link', { name: 'إرسال استبيان' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'إرسال استبيان أو تسليمه' })).toBeVisible();
  await pickPatient(page, 'المريض', who, 'ar');
  await expect(page.getByText('الجوال: ')).toContainText('+966551234567');
  await page.getByRole('combobox', { name: 'قالب الاستبيان' }).click();
  await page.getByRole('option', { name: 'زيارتك للعيادة' }).click();
  await page.getByRole('button', { name: 'إرسال الاستبيان' }).click();
  const channel = page.getByRole('combobox', { name: 'القناة' });
  await expect(channel).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('طلب هذا المريض عدم تلقي الاستبيانات عبر هذه القناة.')).toBeVisible();
  await shot(page, 'surveys-send-refused', 'ar');
  await rpc('surveys.optOut', { patientId: patient.id, channel: 'all', optedOut: false });

  // — handed out instead, as a QR code for the discharge papers, printed without the console around it
  await page.getByRole('radio', { name: 'تسليم حضوري' }).check();
  await page.getByRole('radio', { name: 'رمز QR للطباعة' }).check();
  await page.getByRole('button', { name: 'إنشاء الرابط' }).click();
  await expect(page.getByRole('img', { name: `رمز QR لرابط استبيان ${who.nameAr}` })).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'الرابط' }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]{22}$/);
  await expect(page.getByRole('button', { name: 'طباعة' })).toBeVisible();
  await shot(page, 'surveys-handout', 'ar');
  await page.emulateMedia({ media: 'print' });
  await expect(nav).toBeHidden();
  await expect(page.getByRole('button', { name: 'طباعة' })).toBeHidden();
  await expect(page.getByRole('img', { name: `رمز QR لرابط استبيان ${who.nameAr}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/surveys-handout-print-ar.png' });
  await page.emulateMedia({ media: 'screen' });

  // — withdrawn: confirmed first, then the link stops working
  await page.getByRole('link', { name: 'فتح الاستبيان' }).click();
  await expect(page.getByRole('heading', { level: 2, name: who.nameAr })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('سُلّم للمريض');
  await page.getByRole('button', { name: 'سحب الاستبيان' }).click();
  const confirm = page.getByRole('dialog', { name: 'سحب هذا الاستبيان؟' });
  await shot(page, 'surveys-revoke', 'ar');
  await confirm.getByRole('button', { name: 'سحب', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('main').getByText('مسحوب', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'سحب الاستبيان' })).toHaveCount(0);
  await shot(page, 'surveys-detail-revoked', 'ar');
  const form = await page.request.get(link);
  expect(await form.text()).toContain('تم سحب هذا الاستبيان');

  // — the message log: the invitations the station sent itself, filtered by status in the address.
  // Sorted by send time, newest first. Whatever the hour, the demo's reminders may go out in the same
  // minutes as the test patient's invitation and fill the first page, so the page is checked for what
  // it shows, and the patient's own invitation is found by its survey.
  await nav.getByRole('link', { name: 'سجل الرسائل' }).click();
  const messages = page.getByRole('table', { name: 'الرسائل' });
  await expect(messages.getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('combobox', { name: 'حالة الرسالة' }).click();
  await page.getByRole('option', { name: 'أُرسلت' }).click();
  await expect(page).toHaveURL(/status=sent/);
  await expect(messages.getByRole('row').nth(1)).toContainText('أُرسلت');
  const theirs = await rpc<{ items: { id: string }[] }>('surveys.list', { q: who.mrn, pageSize: 50 });
  const sentToThem = await Promise.all(
    theirs.items.map(
      async (survey) =>
        (await rpc<{ items: { status: string; recipientHint: string | null }[] }>('notifications.list', { instanceId: survey.id, status: 'sent' })).items,
    ),
  );
  expect(sentToThem.flat().some((m) => m.recipientHint?.endsWith('567'))).toBe(true);
  await shot(page, 'surveys-messages', 'ar');
  await page.getByRole('combobox', { name: 'حالة الرسالة' }).click();
  await page.getByRole('option', { name: 'أخفقت' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(messages.getByRole('row').nth(1)).toContainText('أخفقت');

  // — the list, unfiltered
  await nav.getByRole('link', { name: 'إجابات الاستبيانات' }).click();
  await expect(page.getByRole('table', { name: 'الاستبيانات' }).getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'surveys-list', 'ar');
  // the one refusal asked for: the opted-out patient's send (the browser logs any 400)
  expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});

test('every surveys screen in English', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const who = PATIENTS.en;
  await signIn(page, station, 'en');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });

  await nav.getByRole('link', { name: 'Surveys', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Survey control center' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Scores by survey template' }).getByRole('row').filter({ hasText: 'Your clinic visit' })).toContainText(
    'responses:',
  );
  await shot(page, 'surveys-control', 'en');
  await fullShot(page, 'surveys-control', 'en');
  // left to right in English: the first day's bar stands to the left of the last day's
  const bars = page.getByRole('img', { name: /^Completed per day/ }).locator('rect');
  expect((await bars.first().boundingBox())!.x).toBeLessThan((await bars.last().boundingBox())!.x);
  await page.getByRole('button', { name: 'Export responses' }).click();
  await shot(page, 'surveys-export-menu', 'en');
  await page.keyboard.press('Escape');

  // one hospital's consultation stage: only the two visits of this test went out from it
  await page.getByRole('combobox', { name: 'Hospital', exact: true }).click();
  await page.getByRole('option', { name: /Olaya Medical Complex/ }).click();
  await page.getByRole('combobox', { name: 'Journey stage' }).click();
  await page.getByRole('option', { name: 'Consultation' }).click();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`hospital=${olayaId}&stage=`));
  await expect(page.getByRole('article', { name: 'Completed', exact: true })).toContainText('2');
  await expect(page.getByRole('article', { name: 'Negative responses' })).toContainText('2');
  await shot(page, 'surveys-control-stage', 'en');
  await page.getByRole('link', { name: 'See these surveys' }).click();
  const list = page.getByRole('table', { name: 'Surveys' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list).toContainText(PATIENTS.ar.nameEn);
  await expect(list).toContainText(PATIENTS.en.nameEn);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(list.getByRole('row').nth(5)).toBeVisible();
  await shot(page, 'surveys-list', 'en');

  await nav.getByRole('link', { name: 'Message log' }).click();
  await expect(page.getByRole('table', { name: 'Messages' }).getByRole('row').nth(1)).toBeVisible();
  // the sent ones: what waits for another hospital's window may sort above them (see the Arabic test)
  await page.getByRole('combobox', { name: 'Message status' }).click();
  await page.getByRole('option', { name: 'Sent', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Messages' }).getByRole('row').filter({ hasText: '•568' }).first()).toBeVisible();
  await shot(page, 'surveys-messages', 'en');

  await nav.getByRole('link', { name: 'Send a survey' }).click();
  await pickPatient(page, 'Patient', who, 'en');
  await page.getByRole('combobox', { name: 'Survey template' }).click();
  await page.getByRole('option', { name: 'Your clinic visit' }).click();
  await shot(page, 'surveys-send', 'en');
  await page.getByRole('radio', { name: 'Hand out in person' }).check();
  await page.getByRole('button', { name: 'Make the link' }).click();
  await expect(page.getByRole('img', { name: `QR code of the survey link for ${who.nameEn}` })).toBeVisible();
  await shot(page, 'surveys-handout', 'en');
  await page.getByRole('link', { name: 'Open the survey' }).click();
  await expect(page.getByRole('main')).toContainText('Handed out');
  await shot(page, 'surveys-detail-handed-out', 'en');
  expect(errors).toEqual([]);
});

test('a physician reads her hospital’s surveys but is not offered sending or withdrawing', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar', 'olaya.physician');
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
  for (const allowed of ['الاستبيانات', 'إجابات الاستبيانات', 'سجل الرسائل']) await expect(nav.getByRole('link', { name: allowed, exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'إرسال استبيان' })).toHaveCount(0);

  await nav.getByRole('link', { name: 'الاستبيانات', exact: true }).click();
  await expect(page.getByRole('article', { name: 'المدعوون' })).toContainText(/\d/);
  await expect(page.getByRole('main').getByRole('link', { name: 'إرسال استبيان' })).toHaveCount(0);
  // her own hospital: no hospital to choose, its departments offered at once
  await expect(page.getByRole('combobox', { name: 'المستشفى', exact: true })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'القسم' })).toBeEnabled();
  await shot(page, 'surveys-control-physician', 'ar');

  // the survey handed out on the kiosk in English is still open, yet she may not withdraw it
  await page.goto(`${station.url}#/surveys/responses?q=${PATIENTS.en.mrn}&status=invited`);
  const row = page.getByRole('table', { name: 'الاستبيانات' }).getByRole('row').filter({ hasText: PATIENTS.en.mrn });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('جهاز الخدمة الذاتية');
  await expect(row).toContainText('سُلّم حضورياً');
  await row.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2, name: PATIENTS.en.nameAr })).toBeVisible();
  await expect(page.getByRole('main').getByText('مُرسل', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'سحب الاستبيان' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
