import { expect, test, type Locator, type Page } from '@playwright/test';
import { shot, signIn, watchErrors, type Lang } from './console.js';
import { startHub, type RunningHub } from './hub.js';
import { startStation, type RunningStation } from './station.js';

/*
 * The group overview from the console: a demo station on its own (this
 * station's figures only), then enrolled as the group's station with a real
 * hub (the hub's figures, in Arabic and English), a user of one hospital who
 * is not offered it, and the hub stopped (its last figures, marked stale,
 * beside a patient only this station has).
 */

const PATIENTS = 2_500;

let station: RunningStation;
let hub: RunningHub;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  [station, hub] = await Promise.all([startStation({ demo: true, patients: PATIENTS }), startHub()]);
});

test.afterAll(async () => {
  await station?.stop();
  await hub?.stop();
});

const T = {
  ar: {
    nav: 'نظرة عامة على المجموعة',
    table: 'السجلات حسب المستشفى',
    olaya: 'مجمع العليا الطبي',
    total: 'جميع المستشفيات',
    refresh: 'تحديث',
    stationOnly: 'أرقام هذه المحطة فقط',
    notEnrolled: /غير مسجلة لدى المركز/,
    cached: 'تُعرض آخر أرقام من المركز',
    unreachable: /تعذر الوصول إلى المركز\..*وصلت قبل .+\./,
    onStation: (n: string) => `في هذه المحطة: ${n}`,
    headers: ['المستشفى', 'الرمز', 'المرضى', 'رحلات المرضى', 'قوالب الرحلات', 'الأقسام', 'الأطباء', 'الموظفون', 'المستخدمون', 'الاستبيانات'],
    groupOnly: /متاح فقط للمستخدمين الذين يشمل نطاقهم المجموعة كاملة/,
  },
  en: {
    nav: 'Group overview',
    table: 'Records per hospital',
    olaya: 'Olaya Medical Complex',
    total: 'All hospitals',
    refresh: 'Refresh',
    stationOnly: "This station's figures only",
    notEnrolled: /This station is not enrolled with a hub/,
    cached: "Showing the hub's last figures",
    unreachable: /The hub cannot be reached\..*They came .+ ago\./,
    onStation: (n: string) => `On this station: ${n}`,
    headers: ['Hospital', 'Code', 'Patients', 'Patient journeys', 'Journey templates', 'Departments', 'Physicians', 'Employees', 'Users', 'Surveys'],
    groupOnly: /open only to users whose scope is the whole group/,
  },
} as const;

const figuresTable = (page: Page, lang: Lang) => page.getByRole('table', { name: T[lang].table });
/** The patients cell of a hospital's row (after the code) or of the totals row (right after its header). */
const patientsOf = (row: Locator, totals = false) => row.getByRole('cell').nth(totals ? 0 : 1);

async function openOverview(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: T[lang].nav }).click();
  await expect(page.getByRole('heading', { level: 2, name: T[lang].nav })).toBeVisible();
  await expect(figuresTable(page, lang)).toBeVisible();
}

test('before enrolment: this station’s figures, and why there are none from the hub', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'en');
  await openOverview(page, 'en');
  const status = page.getByRole('status').filter({ hasText: T.en.stationOnly });
  await expect(status).toContainText(T.en.notEnrolled);
  const table = figuresTable(page, 'en');
  await expect(table.getByRole('columnheader')).toHaveText([...T.en.headers]);
  // by code: JEDDAH, KHOBAR, OLAYA
  await expect(table.getByRole('rowheader')).toHaveText(['Jeddah Specialist Hospital', 'Al Khobar General Hospital', T.en.olaya, T.en.total]);
  // Latin digits with a thousands separator; no hub figure, so no "on this station" line
  await expect(patientsOf(table.getByRole('row', { name: new RegExp(T.en.total) }), true)).toHaveText('2,500');
  await expect(table.locator('[data-station-figure]')).toHaveCount(0);
  await shot(page, 'group-overview-not-enrolled', 'en');
  expect(errors).toEqual([]);
});

test('enrolled as the group station: the hub’s figures, equal to this station’s once synced', async ({ page }) => {
  test.setTimeout(180_000);
  const code = hub.command('enrolment-code', '--group');
  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/admin/sync`);
  const form = page.getByRole('form', { name: 'Enrol this station' });
  await form.getByRole('textbox', { name: 'Hub address' }).fill(hub.url);
  await form.getByRole('textbox', { name: 'Enrolment code' }).fill(code);
  await form.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: /^Hub sync: / })).toHaveAccessibleName(
    /^Hub sync: Online, Last sync .+, Nothing waiting to be sent$/,
    {
      timeout: 120_000,
    },
  );
});

for (const [lang, username] of [
  ['ar', 'px.admin'],
  ['en', 'px.admin'],
] as const) {
  test(`the hub’s figures in ${lang}, for ${username}`, async ({ page }) => {
    const errors = watchErrors(page);
    await signIn(page, station, lang, username);
    await openOverview(page, lang);
    const table = figuresTable(page, lang);
    await expect(table.getByRole('columnheader')).toHaveText([...T[lang].headers]);
    await expect(page.getByRole('main').getByRole('status').filter({ hasText: T[lang].stationOnly })).toHaveCount(0);
    await expect(patientsOf(table.getByRole('row', { name: new RegExp(T[lang].total) }), true)).toHaveText('2,500');
    await expect(table.locator('[data-station-figure]')).toHaveCount(0);
    await expect(table.getByRole('row', { name: new RegExp(T[lang].olaya) })).toContainText('OLAYA');
    // Refresh asks the hub again, by keyboard too
    await page.getByRole('button', { name: T[lang].refresh }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: T[lang].refresh })).toBeFocused();
    await expect(table).toHaveAttribute('aria-busy', 'false');
    await shot(page, 'group-overview', lang);
    expect(errors).toEqual([]);
  });
}

test('a user of one hospital is not offered the overview, and is told why on its address', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar', 'olaya.admin');
  await expect(page.getByRole('navigation').getByRole('link', { name: T.ar.nav })).toHaveCount(0);
  await page.goto(`${station.url}#/group`);
  await expect(page.getByRole('main').getByRole('alert')).toContainText(T.ar.groupOnly);
  await shot(page, 'group-overview-refused', 'ar');
  expect(errors).toEqual([]);
});

test('with the hub stopped: its last figures marked stale, beside a patient only this station has', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await hub.stop();

  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/admin/patients`);
  await page.getByRole('button', { name: 'New patient' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Hospital').click();
  await page.getByRole('option', { name: new RegExp(T.en.olaya) }).click();
  await dialog.getByRole('textbox', { name: 'MRN' }).fill('OFFLINE-0001');
  await dialog.getByRole('textbox', { name: 'Name in Arabic' }).fill('مريض دون اتصال');
  await dialog.getByRole('textbox', { name: 'Name in English' }).fill('Offline Patient');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  for (const lang of ['en', 'ar'] as const) {
    if (lang === 'ar') {
      await page.getByRole('button', { name: /User menu/ }).click();
      await page.getByRole('menuitem', { name: 'Switch to العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    await openOverview(page, lang);
    await page.getByRole('button', { name: T[lang].refresh }).click();
    const stale = page.getByRole('main').getByRole('status').filter({ hasText: T[lang].cached });
    await expect(stale).toContainText(T[lang].unreachable);
    const table = figuresTable(page, lang);
    const olaya = patientsOf(table.getByRole('row', { name: new RegExp(T[lang].olaya) }));
    await expect(olaya.locator('[data-station-figure]')).toHaveCount(1);
    const total = patientsOf(table.getByRole('row', { name: new RegExp(T[lang].total) }), true);
    await expect(total.locator('div').first()).toHaveText('2,500');
    await expect(total.locator('[data-station-figure]')).toContainText(T[lang].onStation('2,501'));
    await shot(page, 'group-overview-stale', lang);
  }
  // the station answers; only the hub is gone
  expect(errors).toEqual([]);
});
