import { expect, test, type Page } from '@playwright/test';
import { shot, signIn, watchErrors, type Lang } from './console.js';
import { startHub, type RunningHub } from './hub.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Hub sync from the console: the header indicator and Administration → Sync
 * before enrolment (pictures in both languages, with the errors a person
 * meets: a bad address, a hub that does not answer, a code the hub refuses),
 * then enrolment with a real hub (its own embedded PostgreSQL) and a new
 * patient going from "to send" to sent.
 */

let station: RunningStation;
let hub: RunningHub;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [station, hub] = await Promise.all([startStation({ demo: true, patients: 20 }), startHub()]);
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
