import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { shot, signIn, watchErrors, type Lang } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Survey setup as the central PX team does it, in Arabic: a new template
 * built in the console (a rating, then a yes/no shown only when the
 * rating is below 3), watched in the phone preview in both languages,
 * saved, edited into a second version; Olaya's survey settings (window,
 * fatigue, Arabic digits, an Arabic SMS counted in parts, a placeholder
 * that does not exist refused at its field), kept across a reload; the
 * email provider set to an SMTP server with a password that comes back
 * only as "set"; a test message through the console provider. Then every
 * screen pictured in English too.
 */

let station: RunningStation;
const NAME = { ar: 'استبيان زيارة المختبر', en: 'Laboratory visit survey' };
const Q1 = { ar: 'كيف تقيّم زيارتك للمختبر؟', en: 'How would you rate your laboratory visit?' };
const Q2 = { ar: 'هل تودّ أن نتصل بك؟', en: 'Would you like us to call you?' };
const SECRET = 'e2e-smtp-password-not-shown';
// Arabic letters and spaces, no placeholder: over the 70 of one Arabic SMS
const LONG_SMS = 'نشكركم على زيارتكم لمجمع العليا الطبي ونرجو منكم تقييم تجربتكم معنا اليوم';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  station = await startStation({ demo: true, patients: 0 });
});

test.afterAll(async () => {
  await station?.stop();
});

const textbox = (scope: Page | Locator, name: string) => scope.getByRole('textbox', { name, exact: true });

async function choose(page: Page, scope: Page | Locator, combobox: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

const frame = (page: Page, title: string): FrameLocator => page.frameLocator(`iframe[title="${title}"]`);

/**
 * The errors a spec watched, less one the harness makes itself: Playwright
 * adds its script to every new document, and Chromium logs refusing it in
 * the preview's frames, sandboxed without scripts on purpose (nothing of
 * the console's runs there).
 */
const HARNESS_IN_SANDBOX = /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/;
const consoleErrors = (errors: readonly string[]) => errors.filter((error) => !HARNESS_IN_SANDBOX.test(error));

test('a template built in the builder, previewed in both languages, saved and versioned, in Arabic', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'إعداد الاستبيانات' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'قوالب الاستبيانات' })).toBeVisible();
  const list = page.getByRole('table', { name: 'قوالب الاستبيانات' });
  const opd = list.getByRole('row').filter({ hasText: 'زيارتك للعيادة' });
  await expect(opd).toContainText('مرفق مع PX360');
  await expect(opd).toContainText(/نحو \d+ ث بالعربية/);
  await shot(page, 'survey-setup-templates', 'ar');

  // — a new template: its names and texts, then two questions
  await page.getByRole('button', { name: 'قالب جديد' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'قالب استبيان جديد' })).toBeVisible();
  await shot(page, 'survey-setup-builder-new', 'ar');
  await textbox(page, 'الرمز').fill('lab-visit');
  await textbox(page, 'الاسم بالعربية').fill(NAME.ar);
  await textbox(page, 'الاسم بالإنجليزية').fill(NAME.en);
  await textbox(page, 'العنوان بالعربية').fill('زيارتك للمختبر');
  await textbox(page, 'العنوان بالإنجليزية').fill('Your laboratory visit');
  await textbox(page, 'رسالة الشكر بالعربية').fill('شكراً لك، تصل إجاباتك إلى فريق تجربة المريض.');
  await textbox(page, 'رسالة الشكر بالإنجليزية').fill('Thank you: your answers reach the patient experience team.');

  await page.getByRole('button', { name: 'إضافة سؤال إلى الصفحة 1' }).click();
  const first = page.getByRole('region', { name: 'السؤال 1', exact: true });
  await expect(first.getByRole('combobox', { name: 'النوع', exact: true })).toHaveValue('تقييم من 1 إلى 5');
  await textbox(first, 'نص السؤال بالعربية').fill(Q1.ar);
  await textbox(first, 'نص السؤال بالإنجليزية').fill(Q1.en);
  await first.getByRole('checkbox', { name: 'الإجابة إلزامية' }).check();

  await page.getByRole('button', { name: 'إضافة سؤال إلى الصفحة 1' }).click();
  const second = page.getByRole('region', { name: 'السؤال 2', exact: true });
  await choose(page, second, 'النوع', 'نعم أو لا');
  await textbox(second, 'نص السؤال بالعربية').fill(Q2.ar);
  await textbox(second, 'نص السؤال بالإنجليزية').fill(Q2.en);
  // a problem shows at its field as it is typed: two questions with one id
  await textbox(second, 'معرّف السؤال').fill('q1');
  await expect(second).toContainText('يوجد سؤال آخر بهذا المعرّف.');
  await expect(page.getByText('يجب تصحيحه قبل الحفظ', { exact: true })).toBeVisible();
  await textbox(second, 'معرّف السؤال').fill('call_me');
  await expect(second).not.toContainText('يوجد سؤال آخر بهذا المعرّف.');

  // shown only if the rating is below 3: the builder starts there
  await second.getByRole('checkbox', { name: 'اعرض هذا السؤال فقط إذا…' }).check();
  const condition = second.getByRole('group', { name: 'الشرط 1' });
  await expect(condition.getByRole('combobox', { name: 'السؤال السابق' })).toHaveValue(/^q1 — /);
  await expect(condition.getByRole('combobox', { name: 'المقارنة' })).toHaveValue('أقل من');
  await expect(condition.getByRole('combobox', { name: 'الإجابة' })).toHaveValue('3 — مقبول');
  await expect(second).toContainText('يظهر إذا…');

  // by keyboard: the yes/no moved above the rating it depends on is refused at once, then moved back
  await second.getByRole('button', { name: 'نقل السؤال 2 إلى الأعلى' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('أصبح السؤال call_me السؤال 1 في الصفحة 1.')).toBeAttached();
  const moved = page.getByRole('region', { name: 'السؤال 1', exact: true });
  await expect(moved).toContainText('لا يمكن ربط ظهور السؤال إلا بسؤال يسبقه.');
  await expect(moved.getByRole('button', { name: 'نقل السؤال 1 إلى الأسفل' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'السؤال 2', exact: true })).toContainText(Q2.ar);
  await expect(page.getByText('لا يمكن ربط ظهور السؤال إلا بسؤال يسبقه.')).toHaveCount(0);

  // — the phone preview: the real form, right to left in Arabic, left to right in English, following the typing
  const arabic = frame(page, 'المعاينة على الجوال بالعربية');
  const english = frame(page, 'المعاينة على الجوال بالإنجليزية');
  await expect(arabic.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(arabic.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(english.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(arabic.locator('legend').first()).toContainText(Q1.ar);
  await expect(english.locator('legend').nth(1)).toContainText(Q2.en);
  await expect(arabic.getByRole('radio')).toHaveCount(5 + 2);
  // as a patient first sees it: the yes/no waits for a low rating
  await page.getByRole('checkbox', { name: 'عرض الأسئلة التي تعتمد على إجابات سابقة' }).uncheck();
  await expect(arabic.locator('legend')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'عرض الأسئلة التي تعتمد على إجابات سابقة' }).check();
  await expect(arabic.locator('legend')).toHaveCount(2);
  // a rating drawn as stars by default, as numbers when chosen, in the digits the hospital picks
  await expect(arabic.locator('.scale.stars .glyph')).toHaveCount(5);
  await choose(page, page.getByRole('region', { name: 'السؤال 1', exact: true }), 'طريقة العرض', 'أرقام');
  await expect(arabic.locator('.scale.stars')).toHaveCount(0);
  await page.locator('label', { hasText: /^١٢٣$/ }).click();
  await expect(arabic.locator('.scale')).toContainText('١');
  await condition.scrollIntoViewIfNeeded();
  await shot(page, 'survey-setup-builder', 'ar');

  await page.getByRole('button', { name: 'إنشاء القالب' }).click();
  await expect(page.getByText('تم إنشاء القالب.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: NAME.ar })).toBeVisible();
  const versions = page.getByRole('list', { name: 'النسخ' });
  await expect(versions.getByRole('listitem')).toHaveCount(1);
  await expect(versions.getByRole('listitem').first()).toContainText('الحالية');

  // — an edit is a new version; the first stays, listed by date
  await page.getByRole('button', { name: 'عرض حقول السؤال 1' }).click();
  await textbox(page.getByRole('region', { name: 'السؤال 1', exact: true }), 'نص السؤال بالعربية').fill('ما تقييمك لزيارتك للمختبر اليوم؟');
  await expect(page.getByText('توجد تغييرات غير محفوظة')).toBeVisible();
  await expect(arabic.locator('legend').first()).toContainText('ما تقييمك لزيارتك للمختبر اليوم؟');
  await page.getByRole('button', { name: 'حفظ كنسخة جديدة' }).click();
  await expect(page.getByText('تم الحفظ كنسخة جديدة.')).toBeVisible();
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText('جميع التغييرات محفوظة.')).toBeVisible();
  await versions.scrollIntoViewIfNeeded();
  await shot(page, 'survey-setup-builder-versions', 'ar');

  await page.reload();
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').first()).toContainText('الحالية');
  await expect(page.getByRole('region', { name: 'السؤال 2', exact: true })).toContainText(Q2.ar);
  await expect(page.getByRole('region', { name: 'السؤال 1', exact: true })).toContainText('ما تقييمك لزيارتك للمختبر اليوم؟');

  // — the first version opens as its patients saw it
  await versions.getByRole('button', { name: 'عرض الأسئلة' }).click();
  const older = page.getByRole('dialog', { name: 'نسخة سابقة كما رآها المرضى' });
  await expect(older.frameLocator('iframe[title="المعاينة على الجوال بالعربية"]').locator('legend').first()).toContainText(Q1.ar);
  await shot(page, 'survey-setup-builder-older-version', 'ar');
  await page.keyboard.press('Escape');
  await expect(older).toBeHidden();

  await page.getByRole('link', { name: 'كل قوالب الاستبيانات' }).click();
  const mine = list.getByRole('row').filter({ hasText: NAME.ar });
  await expect(mine).toContainText('LAB-VISIT');
  await expect(mine.getByRole('cell').nth(2)).toHaveText('2');
  expect(consoleErrors(errors)).toEqual([]);
});

test('a hospital’s survey settings kept across a reload, a wrong placeholder refused, in Arabic', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'إعدادات استبيانات المستشفى' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'إعدادات استبيانات المستشفى' })).toBeVisible();
  await choose(page, page, 'المستشفى', /مجمع العليا الطبي/);
  // seed-demo switched Olaya's sending on
  await expect(page.getByRole('switch', { name: 'إرسال دعوات الاستبيان إلى مرضى هذا المستشفى' })).toBeChecked();

  await page.getByLabel('بداية النافذة', { exact: true }).fill('08:30');
  await page.getByLabel('نهاية النافذة', { exact: true }).fill('20:00');
  await textbox(page, 'لا يُسأل المريض أكثر من مرة كل (يوماً)').fill('14');
  await page.getByRole('radio', { name: 'أرقام عربية (١٢٣)' }).check();
  await expect(page.getByRole('region', { name: 'الأرقام في نموذج الاستبيان' })).toContainText('١ ٢ ٣ ٤ ٥');

  // the Arabic SMS: counted as it is typed, 70 characters in one part
  const sms = textbox(page, 'دعوة بالرسالة النصية بالعربية');
  await sms.fill('شكراً لزيارتكم');
  await expect(page.getByText(/^14 حرفاً · أجزاء الرسالة: 1/)).toBeVisible();
  await sms.fill(LONG_SMS);
  await expect(page.getByText(new RegExp(`^${LONG_SMS.length} حرفاً · أجزاء الرسالة: 2`))).toBeVisible();
  expect(LONG_SMS.length).toBeGreaterThan(70);

  // a placeholder no patient's message could fill: refused at its field, nothing saved
  await sms.fill(`${LONG_SMS} {{name}}`);
  await expect(page.getByText('متغير غير معروف.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'حفظ الإعدادات' }).click();
  await expect(sms).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('تم حفظ إعدادات الاستبيانات.')).toHaveCount(0);
  await shot(page, 'survey-setup-settings-error', 'ar');
  await sms.fill(`${LONG_SMS} {{link}}`);
  await expect(sms).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'حفظ الإعدادات' }).click();
  await expect(page.getByText('تم حفظ إعدادات الاستبيانات.')).toBeVisible();
  await expect(page.getByText('جميع التغييرات محفوظة.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'المستشفى', exact: true })).toHaveValue(/مجمع العليا الطبي/);
  await expect(page.getByLabel('بداية النافذة', { exact: true })).toHaveValue('08:30');
  await expect(page.getByLabel('نهاية النافذة', { exact: true })).toHaveValue('20:00');
  await expect(textbox(page, 'لا يُسأل المريض أكثر من مرة كل (يوماً)')).toHaveValue('14');
  await expect(page.getByRole('radio', { name: 'أرقام عربية (١٢٣)' })).toBeChecked();
  await expect(sms).toHaveValue(`${LONG_SMS} {{link}}`);
  await shot(page, 'survey-setup-settings', 'ar');
  expect(consoleErrors(errors)).toEqual([]);
});

test('the email provider on an SMTP server, its password only "set"; a console test sent, in Arabic', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'مزوّدو الرسائل' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'مزوّدو الرسائل' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('ترسل رسائلها بنفسها');

  const email = page.getByRole('region', { name: 'مزوّد البريد الإلكتروني' });
  await choose(page, email, 'المزوّد', 'خادم بريد (SMTP)');
  await textbox(email, 'خادم البريد').fill('127.0.0.1');
  await textbox(email, 'اسم المستخدم (اختياري)').fill('px360');
  await email.getByLabel('كلمة المرور', { exact: true }).fill(SECRET);
  // the station's own refusal, at its field
  await textbox(email, 'عنوان المرسل').fill('not an address');
  await email.getByRole('button', { name: 'حفظ مزوّد البريد الإلكتروني' }).click();
  await expect(email).toContainText('أدخل بريداً إلكترونياً صحيحاً.');
  await textbox(email, 'عنوان المرسل').fill('px@olaya.example.sa');
  await email.getByRole('button', { name: 'حفظ مزوّد البريد الإلكتروني' }).click();
  await expect(page.getByText('تم حفظ مزوّد البريد الإلكتروني.')).toBeVisible();

  await page.reload();
  await expect(email.getByRole('combobox', { name: 'المزوّد', exact: true })).toHaveValue('خادم بريد (SMTP)');
  await expect(textbox(email, 'خادم البريد')).toHaveValue('127.0.0.1');
  await expect(email.getByLabel('كلمة المرور', { exact: true })).toHaveValue('');
  await expect(email).toContainText('تم الحفظ. اترك الحقل فارغاً للإبقاء على المحفوظ.');
  expect(await page.content()).not.toContain(SECRET);

  // the console provider (the SMS default): the test is written to the station's file, and said sent
  const sms = page.getByRole('region', { name: 'مزوّد الرسائل النصية' });
  await expect(sms.getByRole('combobox', { name: 'المزوّد', exact: true })).toHaveValue('وحدة التحكم (ملف في هذه المحطة)');
  await textbox(sms, 'رقم الجوال للتجربة').fill('0551234567');
  await sms.getByRole('button', { name: 'إرسال تجربة عبر الرسائل النصية' }).click();
  await expect(sms).toContainText('أُرسلت: قبل المزوّد الرسالة.');
  await shot(page, 'survey-setup-providers', 'ar');
  // the one refusal asked for: the sender's address
  expect(consoleErrors(errors)).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});

test('every survey setup screen in English', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'en' satisfies Lang);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Survey setup' }).click();
  const list = page.getByRole('table', { name: 'Survey templates' });
  await expect(list.getByRole('row').filter({ hasText: NAME.en })).toContainText('LAB-VISIT');
  await shot(page, 'survey-setup-templates', 'en');

  // retired (nothing new is sent with it) after a confirmation, and brought back
  const row = list.getByRole('row').filter({ hasText: NAME.en });
  await row.getByRole('button', { name: `Retire ${NAME.en}` }).click();
  await page
    .getByRole('dialog', { name: `Retire “${NAME.en}”?` })
    .getByRole('button', { name: 'Retire', exact: true })
    .click();
  await expect(row).toContainText('Retired');
  await row.getByRole('button', { name: `Bring back ${NAME.en}` }).click();
  await page
    .getByRole('dialog', { name: `Bring back “${NAME.en}”?` })
    .getByRole('button', { name: 'Bring back', exact: true })
    .click();
  await expect(row).toContainText('Active');

  await list.getByRole('link', { name: NAME.en, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: NAME.en })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);
  await expect(frame(page, 'Phone preview in Arabic').locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(frame(page, 'Phone preview in English').locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(frame(page, 'Phone preview in English').locator('legend').first()).toContainText(Q1.en);
  await page.getByRole('button', { name: 'Show the fields of question 2' }).click();
  await expect(page.getByRole('region', { name: 'Question 2', exact: true }).getByRole('group', { name: 'Condition 1' })).toBeVisible();
  await shot(page, 'survey-setup-builder', 'en');
  await page.getByRole('list', { name: 'Versions' }).getByRole('button', { name: 'View questions' }).click();
  const older = page.getByRole('dialog', { name: 'An earlier version, as patients saw it' });
  await expect(older.frameLocator('iframe[title="Phone preview in Arabic"]').locator('legend').first()).toContainText(Q1.ar);
  await shot(page, 'survey-setup-builder-older-version', 'en');
  await older.getByRole('button', { name: 'Close' }).click();
  await expect(older).toBeHidden();

  await page.getByRole('link', { name: 'All survey templates' }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'New survey template' })).toBeVisible();
  await shot(page, 'survey-setup-builder-new', 'en');

  await nav.getByRole('link', { name: 'Hospital survey settings' }).click();
  await choose(page, page, 'Hospital', /Olaya Medical Complex/);
  await expect(page.getByRole('radio', { name: 'Arabic digits (١٢٣)' })).toBeChecked();
  await expect(page.getByLabel('Window opens', { exact: true })).toHaveValue('08:30');
  await shot(page, 'survey-setup-settings', 'en');
  await expect(page.getByText(/· SMS parts: 2/).first()).toBeVisible();
  const sms = textbox(page, 'SMS invitation in English');
  await sms.fill('Hello {{first_nam}}, {{link}}');
  await expect(page.getByText('Unknown placeholder.', { exact: false })).toBeVisible();
  await shot(page, 'survey-setup-settings-error', 'en');
  await page.getByRole('button', { name: 'Discard changes' }).click();

  await nav.getByRole('link', { name: 'Message providers' }).click();
  const email = page.getByRole('region', { name: 'Email provider' });
  await expect(email).toContainText('Set. Leave blank to keep it.');
  await shot(page, 'survey-setup-providers', 'en');
  expect(consoleErrors(errors)).toEqual([]);
});
