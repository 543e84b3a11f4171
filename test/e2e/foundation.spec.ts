import { expect, test, type Locator, type Page } from '@playwright/test';
import { startStation, type RunningStation } from './station.js';

/*
 * The first hour of a new station, as a PX office lives it, in Arabic:
 * first-run setup, a hospital, a department under it and a user, each
 * through the console; then the same admin switches to English and finds
 * those changes in the audit log, with an intact hash chain.
 */

let station: RunningStation;

test.beforeAll(async () => {
  station = await startStation();
});

test.afterAll(async () => {
  await station?.stop();
});

/** A text input (or password input) by its visible label. */
function field(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: label, exact: true });
}

/** Mantine's Select: open it by its label, then pick the option by its visible text. */
async function choose(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  // the options list is portalled outside the dialog
  await page.getByRole('option', { name: option }).click();
}

test('first run in Arabic, then the audit log in English', async ({ page }) => {
  await page.goto(station.url);

  // — first run: the station has no users, so the console offers setup, in Arabic, right to left
  await expect(page.getByRole('heading', { name: 'إعداد هذه المحطة' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.screenshot({ path: 'test-results/screenshots/setup-ar.png', fullPage: true });
  await page.getByRole('button', { name: 'التبديل إلى English' }).click();
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/setup-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Switch to العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await field(page, 'اسم المستخدم').fill('px.admin');
  await field(page, 'كلمة المرور').fill('Riyadh-2026-px');
  await field(page, 'تأكيد كلمة المرور').fill('Riyadh-2026-py');
  await field(page, 'الاسم بالعربية').fill('نورة القحطاني');
  await field(page, 'الاسم بالإنجليزية').fill('Noura Alqahtani');
  await field(page, 'رقم الجوال').fill('0551234567');
  await page.getByRole('button', { name: 'إنشاء حساب المدير' }).click();
  // the console catches the typo in the confirmation, in Arabic, beside the field
  await expect(page.getByText('كلمتا المرور غير متطابقتين.')).toBeVisible();
  await field(page, 'تأكيد كلمة المرور').fill('Riyadh-2026-px');
  await page.getByRole('button', { name: 'إنشاء حساب المدير' }).click();

  // — signed in straight away
  await expect(page.getByRole('heading', { name: 'مرحباً، نورة القحطاني' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });

  // — a hospital; the station's own field message shows beside a bad code
  await nav.getByRole('link', { name: 'المستشفيات' }).click();
  await expect(page.getByRole('heading', { name: 'المستشفيات', level: 2 })).toBeVisible();
  await expect(page.getByText('لا توجد مستشفيات بعد.')).toBeVisible();
  await page.getByRole('button', { name: 'مستشفى جديد' }).click();
  const hospitalDialog = page.getByRole('dialog', { name: 'مستشفى جديد' });
  await field(hospitalDialog, 'الرمز').fill('r');
  await field(hospitalDialog, 'الاسم بالعربية').fill('مستشفى العليا التخصصي');
  await field(hospitalDialog, 'الاسم بالإنجليزية').fill('Olaya Specialist Hospital');
  await hospitalDialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(hospitalDialog.getByText('استخدم من 2 إلى 12 حرفاً لاتينياً كبيراً أو أرقاماً أو شرطات.')).toBeVisible();
  await field(hospitalDialog, 'الرمز').fill('OLY');
  await hospitalDialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(hospitalDialog).toBeHidden();
  const hospitals = page.getByRole('table', { name: 'المستشفيات' });
  await expect(hospitals.getByRole('row').filter({ hasText: 'مستشفى العليا التخصصي' })).toContainText('OLY');

  // — a department of that hospital
  await nav.getByRole('link', { name: 'الأقسام' }).click();
  await expect(page.getByRole('heading', { name: 'الأقسام', level: 2 })).toBeVisible();
  await expect(page.getByText('لا توجد أقسام في هذا المستشفى بعد.')).toBeVisible();
  await page.getByRole('button', { name: 'قسم جديد' }).click();
  const departmentDialog = page.getByRole('dialog', { name: 'قسم جديد' });
  await expect(departmentDialog.getByRole('combobox', { name: 'المستشفى', exact: true })).toHaveValue(/مستشفى العليا التخصصي/);
  await field(departmentDialog, 'الرمز').fill('ER');
  await field(departmentDialog, 'الاسم بالعربية').fill('قسم الطوارئ');
  await field(departmentDialog, 'الاسم بالإنجليزية').fill('Emergency Department');
  await departmentDialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(departmentDialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'أقسام مستشفى العليا التخصصي' }).getByText('قسم الطوارئ')).toBeVisible();

  // — a hospital admin for it
  await nav.getByRole('link', { name: 'المستخدمون' }).click();
  await page.getByRole('button', { name: 'مستخدم جديد' }).click();
  const userDialog = page.getByRole('dialog', { name: 'مستخدم جديد' });
  await field(userDialog, 'اسم المستخدم').fill('olaya.admin');
  await field(userDialog, 'كلمة المرور').fill('Cedar-Lantern-Harbor-26');
  await field(userDialog, 'الاسم بالعربية').fill('خالد العتيبي');
  await field(userDialog, 'الاسم بالإنجليزية').fill('Khalid Alotaibi');
  await field(userDialog, 'البريد الإلكتروني').fill('khalid@olaya.example');
  await choose(page, userDialog, 'الدور', 'مدير المستشفى');
  await choose(page, userDialog, 'المستشفى', /مستشفى العليا التخصصي/);
  await userDialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(userDialog).toBeHidden();
  const users = page.getByRole('table', { name: 'المستخدمون' });
  await expect(users.getByRole('row').filter({ hasText: 'olaya.admin' })).toContainText('مدير المستشفى');

  // — switch to English: remembered for this user, direction flips
  await page.getByRole('button', { name: /قائمة المستخدم/ }).click();
  await page.getByRole('menuitem', { name: 'التبديل إلى English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // — the audit log shows the three creations, and the chain holds
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 2 })).toBeVisible();
  const audit = page.getByRole('table', { name: 'Audit entries' });
  // (setup itself created the first admin, as the console actor: only the admin's own creations count here)
  const byAdmin = audit.getByRole('row').filter({ hasText: 'px.admin' });
  for (const action of ['hospitals.create', 'departments.create', 'users.create']) {
    await expect(byAdmin.filter({ hasText: action })).toHaveCount(1);
  }
  const hospitalRow = byAdmin.filter({ hasText: 'hospitals.create' });
  await hospitalRow.getByRole('button', { name: /Show before and after/ }).click();
  await expect(audit.getByText(/"name_?[eE]n": "Olaya Specialist Hospital"/)).toBeVisible();

  await field(page, 'Action').fill('users.create');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audit.getByRole('row').filter({ hasText: 'hospitals.create' })).toHaveCount(0);
  await expect(byAdmin.filter({ hasText: 'users.create' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/The chain is intact/)).toBeVisible();

  // — the language stays English after signing in again: it was remembered for the user
  await page.getByRole('button', { name: /User menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to PX360' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch to العربية' }).click();
  await expect(page.getByRole('heading', { name: 'تسجيل الدخول إلى PX360' })).toBeVisible();
  await field(page, 'اسم المستخدم').fill('px.admin');
  await field(page, 'كلمة المرور').fill('wrong-password-1');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('اسم المستخدم أو كلمة المرور غير صحيحة.');
  await field(page, 'كلمة المرور').fill('Riyadh-2026-px');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  // back where she was, in her remembered language
  await expect(page.getByRole('heading', { name: 'Audit log', level: 2 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
