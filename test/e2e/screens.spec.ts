import { expect, test, type Page } from '@playwright/test';
import { shot, signIn as signInAs, watchErrors, type Lang } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Every console screen, in Arabic and in English, over the demo group
 * (3 hospitals, their departments, staff, users of every role and 10,000
 * patients). Each screen must load without an error state; its picture
 * goes to test-results/screenshots/<screen>-<lang>.png for a person to
 * look at (alignment, mirroring, truncation, fonts).
 */

let station: RunningStation;

test.beforeAll(async () => {
  test.setTimeout(240_000); // seeding 10,000 patients
  station = await startStation({ demo: true });
});

test.afterAll(async () => {
  await station?.stop();
});

interface Screen {
  name: string;
  path: string;
  heading: Record<Lang, string>;
  /** something that only shows once the data is there */
  ready?: (page: Page, lang: Lang) => Promise<void>;
}

function signIn(page: Page, lang: Lang, username = 'px.admin'): Promise<void> {
  return signInAs(page, station, lang, username, username === 'px.admin' ? () => shot(page, 'login', lang) : undefined);
}

const table = (name: Record<Lang, string>) => async (page: Page, lang: Lang) => {
  await expect(page.getByRole('table', { name: name[lang] }).getByRole('row').nth(1)).toBeVisible();
};

const SCREENS: Screen[] = [
  { name: 'dashboard', path: '/', heading: { ar: 'مرحباً،', en: 'Welcome,' } },
  { name: 'complaints', path: '/complaints', heading: { ar: 'الشكاوى', en: 'Complaints' } },
  { name: 'users', path: '/admin/users', heading: { ar: 'المستخدمون', en: 'Users' }, ready: table({ ar: 'المستخدمون', en: 'Users' }) },
  {
    name: 'roles',
    path: '/admin/roles',
    heading: { ar: 'الأدوار', en: 'Roles' },
    ready: table({ ar: 'الأدوار وصلاحياتها', en: 'Roles and their permissions' }),
  },
  { name: 'hospitals', path: '/admin/hospitals', heading: { ar: 'المستشفيات', en: 'Hospitals' }, ready: table({ ar: 'المستشفيات', en: 'Hospitals' }) },
  {
    name: 'departments',
    path: '/admin/departments',
    heading: { ar: 'الأقسام', en: 'Departments' },
    ready: async (page) => {
      await expect(page.getByRole('region').getByRole('listitem').first()).toBeVisible();
    },
  },
  { name: 'physicians', path: '/admin/physicians', heading: { ar: 'الأطباء', en: 'Physicians' }, ready: table({ ar: 'الأطباء', en: 'Physicians' }) },
  { name: 'employees', path: '/admin/employees', heading: { ar: 'الموظفون', en: 'Employees' } },
  { name: 'patients', path: '/admin/patients', heading: { ar: 'المرضى', en: 'Patients' }, ready: table({ ar: 'المرضى', en: 'Patients' }) },
  { name: 'journeys', path: '/journeys', heading: { ar: 'رحلة المريض', en: 'Patient journeys' } },
  {
    name: 'journey-templates',
    path: '/journeys/templates',
    heading: { ar: 'قوالب الرحلات', en: 'Journey templates' },
    ready: async (page, lang) => {
      await expect(page.getByRole('article', { name: { ar: 'زيارة العيادات الخارجية', en: 'Outpatient visit' }[lang] })).toBeVisible();
    },
  },
  { name: 'events', path: '/journeys/events', heading: { ar: 'مراقبة أحداث نظام المعلومات الصحية', en: 'HIS event monitor' } },
  { name: 'integrations', path: '/admin/integrations', heading: { ar: 'التكاملات', en: 'Integrations' } },
  { name: 'audit', path: '/audit', heading: { ar: 'سجل التدقيق', en: 'Audit log' }, ready: table({ ar: 'سجلات التدقيق', en: 'Audit entries' }) },
];

for (const lang of ['ar', 'en'] as const) {
  test(`every screen in ${lang}`, async ({ page }) => {
    const errors = watchErrors(page);
    await signIn(page, lang);

    for (const screen of SCREENS) {
      await page.goto(`${station.url}#${screen.path}`);
      await expect(page.getByRole('heading', { level: 2, name: screen.heading[lang] })).toBeVisible();
      await expect(page.getByRole('main').getByRole('status')).toHaveCount(0); // no loader left (the header's sync indicator may be a status)
      await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0); // no error state
      if (screen.ready) await screen.ready(page, lang);
      await shot(page, screen.name, lang);
    }

    // dialogs: a create form, an edit form with values, and the user menu
    await page.goto(`${station.url}#/admin/users`);
    await page.getByRole('button', { name: { ar: 'مستخدم جديد', en: 'New user' }[lang] }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot(page, 'user-form', lang);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.goto(`${station.url}#/admin/patients`);
    await expect(page.getByRole('table', { name: { ar: 'المرضى', en: 'Patients' }[lang] })).toBeVisible();
    await page
      .getByRole('button', { name: { ar: /^تعديل /, en: /^Edit / }[lang] })
      .first()
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot(page, 'patient-form', lang);
    await page.keyboard.press('Escape');

    await page.goto(`${station.url}#/audit`);
    await page.getByRole('button', { name: { ar: 'التحقق من السلسلة', en: 'Verify chain' }[lang] }).click();
    await expect(page.getByText({ ar: /السلسلة سليمة/, en: /The chain is intact/ }[lang])).toBeVisible();
    await page
      .getByRole('button', { name: { ar: /عرض القيم قبل التغيير وبعده/, en: /Show before and after/ }[lang] })
      .first()
      .click();
    await shot(page, 'audit-details', lang);

    await page.getByRole('button', { name: { ar: /قائمة المستخدم/, en: /User menu/ }[lang] }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await shot(page, 'user-menu', lang);
    expect(errors).toEqual([]);
  });
}

test('a nurse sees only the areas her role may read, inside her hospital', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'ar', 'olaya.nurse');
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
  for (const allowed of ['لوحة المعلومات', 'الشكاوى', 'رحلة المريض', 'قوالب الرحلات', 'المستشفيات', 'الأقسام', 'الأطباء', 'المرضى']) {
    await expect(nav.getByRole('link', { name: allowed })).toBeVisible();
  }
  for (const hidden of ['المستخدمون', 'الأدوار', 'الموظفون', 'سجل التدقيق', 'إجراءات تحسين التجربة', 'مراقبة الأحداث', 'التكاملات']) {
    await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);
  }
  await expect(page.getByRole('banner')).toContainText('مجمع العليا الطبي');
  await shot(page, 'dashboard-nurse', 'ar');

  // reading patients is allowed, registering them is not offered
  await nav.getByRole('link', { name: 'المرضى' }).click();
  await expect(page.getByRole('table', { name: 'المرضى' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: 'مريض جديد' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'الإجراءات' })).toHaveCount(0);

  // a screen the role may not read says so instead of failing
  await page.goto(`${station.url}#/audit`);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('ليست لديك صلاحية');
  expect(errors).toEqual([]);
});
