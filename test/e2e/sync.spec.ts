import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { shot, signIn, watchErrors, type Lang } from './console.js';
import { startHub, type RunningHub } from './hub.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Hub sync from the console: the header indicator and Administration → Sync
 * before enrolment (pictures in both languages, with the errors a person
 * meets: a bad address, a hub that does not answer, a code the hub refuses),
 * then enrolment with a real hub (its own embedded PostgreSQL) and a new
 * patient going from "to send" to sent; then a second, new station catching
 * up with what the first one sent (the tests run in order: the last one
 * needs the data the one before it sends).
 */

let station: RunningStation;
let hub: RunningHub;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // the demo without its month of complaints: the catch-up below stays a few pages long
  [station, hub] = await Promise.all([startStation({ demo: true, patients: 20, complaints: false }), startHub()]);
});

test.afterAll(async () => {
  await station?.stop();
  await hub?.stop();
});

const T = {
  ar: {
    indicatorNotEnrolled: 'المزامنة مع المركز: غير مسجلة لدى مركز',
    badgeNotEnrolled: 'غير مسجلة',
    notEnrolled: 'غير مسجلة لدى مركز',
    title: 'المزامنة مع المركز',
    form: 'تسجيل هذه المحطة',
    hubUrl: 'عنوان المركز',
    code: 'رمز التسجيل',
    enrol: 'تسجيل',
    now: 'زامن الآن',
    unreachable: /تعذر الوصول إلى المركز/,
    badCode: /لم يقبل المركز رمز التسجيل/,
  },
  en: {
    indicatorNotEnrolled: 'Hub sync: Not enrolled with a hub',
    badgeNotEnrolled: 'Not enrolled',
    notEnrolled: 'Not enrolled with a hub',
    title: 'Hub sync',
    form: 'Enrol this station',
    hubUrl: 'Hub address',
    code: 'Enrolment code',
    enrol: 'Enrol',
    now: 'Sync now',
    unreachable: /The hub cannot be reached/,
    badCode: /The hub did not accept this enrolment code/,
  },
} as const;

const indicator = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^(Hub sync|المزامنة مع المركز): / });

for (const lang of ['ar', 'en'] as const satisfies readonly Lang[]) {
  test(`sync screens before enrolment in ${lang}`, async ({ page }) => {
    const text = T[lang];
    const errors = watchErrors(page);
    await signIn(page, station, lang);

    // the header: a link to Administration → Sync, named by the whole state
    const link = page.getByRole('banner').getByRole('link', { name: text.indicatorNotEnrolled, exact: true });
    await expect(link).toHaveText(text.badgeNotEnrolled);
    await page.getByRole('banner').screenshot({ path: `test-results/screenshots/sync-indicator-${lang}.png` });
    // reached by keyboard, the tooltip tells the state too
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(link).toBeFocused();
    await expect(page.getByRole('tooltip')).toHaveText(text.notEnrolled);
    await shot(page, 'sync-indicator-focus', lang);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/admin\/sync$/);

    await expect(page.getByRole('heading', { level: 2, name: text.title })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: text.notEnrolled })).toBeVisible();
    await expect(page.getByRole('button', { name: text.now })).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
    await shot(page, 'sync-screen', lang);

    // not an address, a code too short: said before sending
    const form = page.getByRole('form', { name: text.form });
    const hubUrl = form.getByRole('textbox', { name: text.hubUrl });
    const code = form.getByRole('textbox', { name: text.code });
    await hubUrl.fill('hub.example');
    await code.fill('ab');
    await form.getByRole('button', { name: text.enrol, exact: true }).click();
    await expect(hubUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'sync-invalid', lang);

    // a hub that does not answer: the station says so on the address; Enter sends
    await hubUrl.fill('http://127.0.0.1:9');
    await code.fill('ABCD-EFGH-1234');
    await code.press('Enter');
    await expect(form.getByText(text.unreachable)).toBeVisible();
    await expect(hubUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(code).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'sync-unreachable', lang);

    // the hub answers but refuses the code: said on the code
    await hubUrl.fill(hub.url);
    await code.fill('NOT-A-REAL-CODE');
    await form.getByRole('button', { name: text.enrol, exact: true }).click();
    await expect(form.getByText(text.badCode)).toBeVisible();
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(hubUrl).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'sync-bad-code', lang);
    // the station answers each refused enrolment with 400 and its field errors; Chromium logs those two answers
    const refused = 'Failed to load resource: the server responded with a status of 400 (Bad Request)';
    expect(errors).toEqual([refused, refused]);
  });
}

test('enrol with the hub, then a new patient goes from waiting to sent', async ({ page }) => {
  test.setTimeout(180_000);
  const text = T.en;
  const errors = watchErrors(page);
  hub.command('create-hospital', '--code', 'E2ESYNC', '--name-en', 'Sync Test Hospital', '--name-ar', 'مستشفى اختبار المزامنة');
  const code = hub.command('enrolment-code', '--group');
  expect(code).not.toBe('');

  await signIn(page, station, 'en');
  await indicator(page).click();
  const form = page.getByRole('form', { name: text.form });
  await form.getByRole('textbox', { name: text.hubUrl }).fill(hub.url);
  await form.getByRole('textbox', { name: text.code }).fill(code);
  await form.getByRole('button', { name: text.enrol, exact: true }).click();
  await expect(page.getByText('The station is enrolled. The first sync has started.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Enrol again (a new code)' })).toBeVisible();

  // the first round sends the demo data; the header says online and nothing waiting
  await expect(indicator(page)).toHaveAccessibleName(/^Hub sync: Online, Last sync .+, Nothing waiting to be sent$/, { timeout: 90_000 });
  await expect(page.getByRole('heading', { level: 3, name: 'Online' })).toBeVisible();
  await page.getByRole('banner').screenshot({ path: 'test-results/screenshots/sync-indicator-synced-en.png' });
  await shot(page, 'sync-enrolled', 'en');

  // a new patient waits to be sent…
  await page.goto(`${station.url}#/admin/patients`);
  await page.getByRole('button', { name: 'New patient' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Hospital').click();
  await page.getByRole('option', { name: /Olaya Medical Complex/ }).click();
  await dialog.getByRole('textbox', { name: 'MRN' }).fill('SYNC-0001');
  await dialog.getByRole('textbox', { name: 'Name in Arabic' }).fill('مريض المزامنة');
  await dialog.getByRole('textbox', { name: 'Name in English' }).fill('Sync Patient');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(indicator(page)).toHaveAccessibleName(/Changes to send: [1-9]/);
  await page.getByRole('banner').screenshot({ path: 'test-results/screenshots/sync-indicator-pending-en.png' });

  // …until a round sends it (the schedule is every 30 s: sync now)
  await indicator(page).click();
  await page.getByRole('button', { name: text.now }).click();
  await expect(indicator(page)).toHaveAccessibleName(/Nothing waiting to be sent$/, { timeout: 60_000 });
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/**
 * A slow road to the hub for the catch-up test: snapshot pages of 10 records,
 * each held back a little, so a second station's catch-up lasts long enough
 * to be seen (and photographed) in both languages.
 */
async function slowSnapshotProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', target);
      const snapshot = url.pathname === '/api/v1/sync/snapshot';
      if (snapshot) {
        url.searchParams.set('limit', '10');
        await new Promise((resolve) => setTimeout(resolve, 800));
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<
        string,
        string
      >;
      const answer = await fetch(url, { method: req.method ?? 'GET', headers, body: chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('a new station catching up shows how far it is, in Arabic and in English', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  // the hub holds the first station's demo group (sent by the test above); a new central-team station joins
  const second = await startStation();
  const proxy = await slowSnapshotProxy(hub.url);
  try {
    const code = hub.command('enrolment-code', '--group');
    await page.goto(second.url);
    await expect(page.getByRole('heading', { name: 'إعداد هذه المحطة' })).toBeVisible();
    const field = (label: string) => page.getByRole('textbox', { name: label, exact: true });
    await field('اسم المستخدم').fill('central.admin');
    await field('كلمة المرور').fill('Riyadh-Palm-Oasis-2026');
    await field('تأكيد كلمة المرور').fill('Riyadh-Palm-Oasis-2026');
    await field('الاسم بالعربية').fill('سارة العتيبي');
    await field('الاسم بالإنجليزية').fill('Sara Alotaibi');
    await page.getByRole('button', { name: 'إنشاء حساب المدير' }).click();
    await expect(page.getByRole('navigation', { name: 'التنقل الرئيسي' })).toBeVisible();
    await page.goto(`${second.url}#/admin/sync`);
    const form = page.getByRole('form', { name: T.ar.form });
    await form.getByRole('textbox', { name: T.ar.hubUrl }).fill(proxy.url);
    await form.getByRole('textbox', { name: T.ar.code }).fill(code);
    await form.getByRole('button', { name: T.ar.enrol, exact: true }).click();

    // the sync screen and the header both show the catch-up as a bar with its count
    const bar = page.getByRole('main').getByRole('progressbar', { name: /^اللحاق بالمركز: \d+ من \d+ سجل \(\d+٪\)$/ });
    await expect(bar).toBeVisible({ timeout: 60_000 });
    await expect(indicator(page)).toHaveAccessibleName(/اللحاق بالمركز: \d+ من \d+ سجل/);
    await expect(page.getByRole('heading', { level: 3, name: 'جارٍ اللحاق بالمركز' })).toBeVisible();
    await shot(page, 'sync-catching-up', 'ar');
    await page.getByRole('banner').screenshot({ path: 'test-results/screenshots/sync-indicator-catching-up-ar.png' });

    await page.getByRole('button', { name: /User menu|قائمة المستخدم/ }).click();
    await page.getByRole('menuitem', { name: 'التبديل إلى English' }).click();
    await expect(page.getByRole('main').getByRole('progressbar', { name: /^Catching up with the hub: \d+ of \d+ records \(\d+%\)$/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('heading', { level: 3, name: 'Catching up with the hub' })).toBeVisible();
    // the frame settles on the other side after the switch before the picture
    await expect(page.getByRole('heading', { level: 2, name: 'Hub sync' })).toBeInViewport({ ratio: 1 });
    await shot(page, 'sync-catching-up', 'en');
    await page.getByRole('banner').screenshot({ path: 'test-results/screenshots/sync-indicator-catching-up-en.png' });

    // and it ends: online, nothing waiting, the first station's patients here
    await expect(indicator(page)).toHaveAccessibleName(/^Hub sync: Online, Last sync .+, Nothing waiting to be sent$/, { timeout: 120_000 });
    await expect(page.getByRole('main').getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: /Problems/ })).toHaveCount(0);
    await page.goto(`${second.url}#/admin/patients`);
    await page.getByRole('searchbox').first().fill('SYNC-0001');
    await expect(page.getByRole('cell', { name: 'SYNC-0001' })).toBeVisible({ timeout: 30_000 });
    expect(errors).toEqual([]);
  } finally {
    await proxy.close();
    await second.stop();
  }
});
