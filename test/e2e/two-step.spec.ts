import { expect, test, type Locator, type Page } from '@playwright/test';
import { totpCode } from '../fixtures/totp.js';
import { rpc as stationRpc, shot, watchErrors, type Lang } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Two-step sign-in as people meet it, in English and Arabic:
 * - a Hospital Admin turns it on from the user menu (QR code, key, first
 *   code, recovery codes shown once), signs in again with a code, and once
 *   with a recovery code;
 * - the group PX Admin requires it of admins (Roles → sign-in policy); a
 *   Hospital Admin without it sets it up at sign-in before reaching the console;
 * - the password strength meter where a password is changed.
 */

const PASSWORD = 'Saffron-Ledger-Kettle-41';
let station: RunningStation;
let adminToken = '';

function rpc<T>(name: string, input: unknown, token: string | null): Promise<T> {
  return stationRpc<T>(station, name, input, token);
}

const T = {
  en: {
    login: 'Sign in to PX360',
    toggle: 'التبديل إلى English',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    userMenu: /User menu/,
    twoStep: 'Two-step sign-in',
    setUp: 'Set up',
    firstCode: 'Code from the app',
    turnOn: 'Turn on two-step sign-in',
    saved: 'I have saved these codes',
    signOut: 'Sign out',
    code: 'Code from the authenticator app',
    verify: 'Verify',
    useRecovery: 'Use a recovery code instead',
    recovery: 'Recovery code',
    wrong: 'The code is wrong or has expired',
    changePassword: 'Change password',
    newPassword: 'New password',
  },
  ar: {
    login: 'تسجيل الدخول إلى PX360',
    toggle: 'Switch to العربية',
    username: 'اسم المستخدم',
    password: 'كلمة المرور',
    signIn: 'تسجيل الدخول',
    userMenu: /قائمة المستخدم/,
    twoStep: 'التحقق بخطوتين',
    setUp: 'إعداد',
    firstCode: 'الرمز من التطبيق',
    turnOn: 'تفعيل التحقق بخطوتين',
    saved: 'حفظت هذه الرموز',
    signOut: 'تسجيل الخروج',
    code: 'الرمز من تطبيق المصادقة',
    verify: 'تحقق',
    useRecovery: 'استخدم رمز استرداد بدلاً من ذلك',
    recovery: 'رمز الاسترداد',
    wrong: 'الرمز غير صحيح أو انتهت صلاحيته',
    changePassword: 'تغيير كلمة المرور',
    newPassword: 'كلمة المرور الجديدة',
  },
} as const;

function field(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: label, exact: true });
}

/** The login screen in `lang`, the password typed: what comes next is the caller's to check. */
async function passwordStep(page: Page, lang: Lang, username: string): Promise<void> {
  await page.goto(station.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (!(await page.getByRole('heading', { name: T[lang].login }).isVisible())) await page.getByRole('button', { name: T[lang].toggle }).click();
  await expect(page.getByRole('heading', { name: T[lang].login })).toBeVisible();
  await field(page, T[lang].username).fill(username);
  await field(page, T[lang].password).fill(PASSWORD);
  await page.getByRole('button', { name: T[lang].signIn, exact: true }).click();
}

/** Page and console errors, less the browser's own line for each refusal this spec provokes on purpose (a wrong code). */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter((e) => !/^Failed to load resource: the server responded with a status of 40[01]/.test(e));
}

async function signOut(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: T[lang].userMenu }).click();
  await page.getByRole('menuitem', { name: T[lang].signOut }).click();
  await expect(page.getByRole('heading', { name: T[lang].login })).toBeVisible();
}

/** Waits for the next 30-second step, so a code is not the one just used (each is good once). */
async function nextStep(page: Page): Promise<void> {
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
}

test.beforeAll(async () => {
  station = await startStation();
  const setup = await rpc<{ token: string }>(
    'auth.setup',
    { username: 'px.admin', password: PASSWORD, nameEn: 'Noura Alqahtani', nameAr: 'نورة القحطاني', preferredLanguage: 'en' },
    null,
  );
  adminToken = setup.token;
  const hospital = await rpc<{ id: string }>('hospitals.create', { code: 'OLAYA', nameEn: 'Olaya Medical Complex', nameAr: 'مجمع العليا الطبي' }, adminToken);
  for (const [username, nameEn, nameAr, preferredLanguage] of [
    ['olaya.head', 'Khalid Alotaibi', 'خالد العتيبي', 'en'],
    ['khobar.head', 'Reem Alsaud', 'ريم السعود', 'ar'],
  ] as const) {
    await rpc(
      'users.create',
      { username, password: PASSWORD, nameEn, nameAr, roleCode: 'hospital_admin', hospitalId: hospital.id, preferredLanguage },
      adminToken,
    );
  }
});

test.afterAll(async () => {
  await station?.stop();
});

test('a Hospital Admin turns two-step sign-in on, then signs in with a code and with a recovery code (English)', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const lang = 'en';
  await passwordStep(page, lang, 'olaya.head');
  await expect(page.getByRole('navigation')).toBeVisible();

  await page.getByRole('button', { name: T[lang].userMenu }).click();
  await page.getByRole('menuitem', { name: T[lang].twoStep }).click();
  const dialog = page.getByRole('dialog', { name: T[lang].twoStep });
  await expect(dialog.getByText(/Two-step sign-in is off/)).toBeVisible();
  await dialog.getByRole('button', { name: T[lang].setUp }).click();
  await expect(dialog.getByRole('img', { name: /QR code of the authenticator key for olaya.head/ })).toBeVisible();
  const secret = (await dialog.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await shot(page, 'two-step-setup', lang);
  // a wrong first code is told beside the box
  await field(dialog, T[lang].firstCode).fill('000000');
  await dialog.getByRole('button', { name: T[lang].turnOn }).click();
  await expect(dialog.getByText(T[lang].wrong)).toBeVisible();
  await field(dialog, T[lang].firstCode).fill(totpCode(secret));
  await dialog.getByRole('button', { name: T[lang].turnOn }).click();
  const codes = dialog.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allInnerTexts();
  await shot(page, 'two-step-recovery-codes', lang);
  await dialog.getByRole('button', { name: T[lang].saved }).click();
  await expect(dialog).toBeHidden();

  // signing in again: the password, then the code (of the next 30 seconds: the first one was spent)
  await signOut(page, lang);
  await passwordStep(page, lang, 'olaya.head');
  await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await shot(page, 'two-step-code', lang);
  await nextStep(page);
  await field(page, T[lang].code).fill(totpCode(secret));
  await page.getByRole('button', { name: T[lang].verify }).click();
  await expect(page.getByRole('navigation')).toBeVisible();

  // and with a recovery code, once
  await signOut(page, lang);
  await passwordStep(page, lang, 'olaya.head');
  await page.getByRole('button', { name: T[lang].useRecovery }).click();
  await field(page, T[lang].recovery).fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: T[lang].verify }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.getByRole('button', { name: T[lang].userMenu }).click();
  await page.getByRole('menuitem', { name: T[lang].twoStep }).click();
  await expect(page.getByRole('dialog', { name: T[lang].twoStep }).getByText('Recovery codes left: 9')).toBeVisible();
  await shot(page, 'two-step-status', lang);
  expect(unexpected(errors)).toEqual([]);
});

test('the group requires two-step sign-in of admins; an admin without it sets it up at sign-in (Arabic)', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const lang = 'ar';

  // the group PX Admin turns the requirement on, in Arabic
  await passwordStep(page, lang, 'px.admin');
  await expect(page.getByRole('navigation')).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) !== 'ar') {
    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Switch to العربية' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'الأدوار' }).click();
  const policy = page.getByRole('region', { name: 'سياسة تسجيل الدخول في المجموعة' });
  // Mantine draws the switch over a visually hidden checkbox: the track is what a person clicks
  await policy.getByRole('switch', { name: /اشتراط التحقق بخطوتين/ }).check({ force: true });
  await expect(page.getByText('تم حفظ سياسة تسجيل الدخول.', { exact: false })).toBeVisible();
  await expect(policy.getByText(/مفعّل في جميع محطات المجموعة/)).toBeVisible();
  await shot(page, 'sign-in-policy', lang);

  // the password strength meter, live, where a password is changed
  await page.getByRole('button', { name: T[lang].userMenu }).click();
  await page.getByRole('menuitem', { name: T[lang].changePassword }).click();
  const change = page.getByRole('dialog', { name: T[lang].changePassword });
  await field(change, T[lang].newPassword).fill('Noura2026!');
  await expect(change.getByTestId('password-strength')).toContainText('12 حرفاً على الأقل');
  await field(change, T[lang].newPassword).fill('Alqahtani-Garden-Lamp');
  await expect(change.getByTestId('password-strength')).toContainText('لا تستخدم اسم المستخدم أو اسمك');
  await shot(page, 'password-strength-weak', lang);
  await field(change, T[lang].newPassword).fill('Copper-Violet-Harbour-28');
  await expect(change.getByTestId('password-strength')).toContainText('قوية');
  await shot(page, 'password-strength-strong', lang);
  await change.getByRole('button', { name: 'إلغاء' }).click();
  await signOut(page, lang);

  // a Hospital Admin without an authenticator: set up before any session
  await passwordStep(page, lang, 'khobar.head');
  await expect(page.getByRole('heading', { name: 'إعداد التحقق بخطوتين' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /رمز QR لمفتاح المصادقة الخاص بـ khobar.head/ })).toBeVisible();
  await shot(page, 'two-step-enrol-at-sign-in', lang);
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await field(page, T[lang].firstCode).fill('000000');
  await page.getByRole('button', { name: T[lang].turnOn }).click();
  await expect(page.getByText(T[lang].wrong)).toBeVisible();
  await field(page, T[lang].firstCode).fill(totpCode(secret));
  await page.getByRole('button', { name: T[lang].turnOn }).click();
  await expect(page.getByRole('list', { name: 'رموز الاسترداد' }).getByRole('listitem')).toHaveCount(10);
  const recoveryCodes = await page.getByRole('list', { name: 'رموز الاسترداد' }).getByRole('listitem').allInnerTexts();
  await shot(page, 'two-step-recovery-codes', lang);
  await page.getByRole('button', { name: T[lang].saved }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  // next time: the code step, in Arabic; a wrong code, then a recovery code
  await signOut(page, lang);
  await passwordStep(page, lang, 'khobar.head');
  await expect(page.getByRole('heading', { name: 'التحقق بخطوتين' })).toBeVisible();
  await field(page, T[lang].code).fill('000000');
  await page.getByRole('button', { name: T[lang].verify }).click();
  await expect(page.getByText(T[lang].wrong)).toBeVisible();
  await shot(page, 'two-step-code', lang);
  await page.getByRole('button', { name: T[lang].useRecovery }).click();
  await field(page, T[lang].recovery).fill(recoveryCodes[2]!);
  await page.getByRole('button', { name: T[lang].verify }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  expect(unexpected(errors)).toEqual([]);
});
