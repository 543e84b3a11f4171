import { expect, test, type Page } from '@playwright/test';
import { rpc as call, shot, signIn, watchErrors, type Lang, expectAccessible } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Complaints end to end, as a PX office works them. In Arabic: a
 * complaint taken on the phone is filed by keyboard alone (Enter from field
 * to field, Ctrl+Enter to file), shows up in the open queue and is found
 * by its number, is assigned to an agent and a team, answered with a note
 * the complainant may read, moved along (in progress, waiting for the
 * patient), resolved — first without its outcome, refused at that field in
 * Arabic — reopened with a reason, and the timeline tells each step with
 * who and when. Then every complaints screen in English (an anonymous
 * complaint filed, classified, and closed as a duplicate of the first),
 * and a nurse who may read complaints but is offered no change. Every
 * screen is pictured in both languages and checked by axe.
 */

let station: RunningStation;
let token = '';
let olayaId = '';
let agent = { id: '', nameAr: '', nameEn: '' };
let firstNumber = '';

const PATIENT = { mrn: 'MRN-CMP-01', nameAr: 'نورة القحطاني', nameEn: 'Noura Alqahtani', phone: '0551112233' };

test.describe.configure({ mode: 'serial' });

const rpc = <T>(name: string, input: unknown) => call<T>(station, name, input, token);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // no demo complaints: the spec starts from an empty queue
  station = await startStation({ demo: true, patients: 200, complaints: false });
  ({ token } = await call<{ token: string }>(station, 'auth.login', { username: 'px.admin', password: station.demoPassword }, null));
  const hospitals = await rpc<{ items: { id: string; code: string }[] }>('hospitals.list', { pageSize: 50 });
  olayaId = hospitals.items.find((h) => h.code === 'OLAYA')!.id;
  await rpc('patients.create', { hospitalId: olayaId, mrn: PATIENT.mrn, nameAr: PATIENT.nameAr, nameEn: PATIENT.nameEn, phone: PATIENT.phone });
  const users = await rpc<{ items: { id: string; username: string; nameAr: string; nameEn: string }[] }>('users.list', { q: 'olaya.agent', pageSize: 5 });
  agent = users.items.find((u) => u.username === 'olaya.agent')!;
});

test.afterAll(async () => {
  await station?.stop();
});

/** The whole length of a long screen too, beside the helper's picture of the window. */
async function fullShot(page: Page, screen: string, lang: Lang): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${screen}-full-${lang}.png`, fullPage: true });
}

/** The timeline's entries, as the reader reads them, oldest first. */
async function timelineTexts(page: Page, heading: string): Promise<string[]> {
  const section = page.getByRole('region', { name: heading });
  return section.locator('.mantine-Timeline-item').allInnerTexts();
}

/** A move: its button, then its dialog's own button. */
function moveDialog(page: Page, title: RegExp) {
  return page.getByRole('dialog', { name: title });
}

test('a complaint filed by keyboard, worked through its workflow and reopened, in Arabic', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });

  // — nothing yet in the open queue
  await nav.getByRole('link', { name: 'الشكاوى', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'الشكاوى' })).toBeVisible();
  await expect(page.getByText('لا توجد شكاوى في هذه القائمة.')).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'قائمة العمل' }).getByRole('radio', { name: 'المفتوحة' })).toBeChecked();
  await shot(page, 'complaints-list-empty', 'ar');

  // — filed by keyboard: the hospital has the focus, Enter takes the first match and then moves on
  await page.getByRole('main').getByRole('link', { name: 'شكوى جديدة' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'شكوى جديدة' })).toBeVisible();
  const hospital = page.getByRole('combobox', { name: 'المستشفى' });
  await expect(hospital).toBeFocused();
  await shot(page, 'complaints-new', 'ar');

  // Ctrl+Enter at once: what is missing is said at each field, in Arabic
  await page.keyboard.press('Control+Enter');
  await expect(hospital).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('صِف الشكوى بالعربية أو الإنجليزية.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'قناة الاستلام' })).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'complaints-new-errors', 'ar');

  await page.keyboard.type('العليا');
  await page.keyboard.press('Enter');
  await expect(hospital).toHaveValue(/مجمع العليا الطبي/);
  await page.keyboard.press('Enter');
  const channel = page.getByRole('combobox', { name: 'قناة الاستلام' });
  await expect(channel).toBeFocused();
  await page.keyboard.type('هاتف');
  await page.keyboard.press('Enter');
  await expect(channel).toHaveValue('هاتف');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'شكوى', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'مريض له ملف طبي' })).toBeFocused();
  await page.keyboard.press('Enter');
  const patient = page.getByRole('combobox', { name: 'المريض' });
  await expect(patient).toBeFocused();
  await page.keyboard.type(PATIENT.mrn);
  await expect(page.getByRole('option', { name: new RegExp(PATIENT.mrn) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(patient).toHaveValue(`${PATIENT.nameAr} — ${PATIENT.mrn}`);
  // the patient's mobile number is offered as the way to reach them
  await expect(page.getByRole('textbox', { name: 'رقم الجوال للتواصل' })).toHaveValue('+966551112233');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'رقم الجوال للتواصل' })).toBeFocused();
  await page.keyboard.press('Enter'); // email
  await page.keyboard.press('Enter'); // contact preference
  await expect(page.getByRole('combobox', { name: 'يفضّل التواصل عبر' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'الوصف بالعربية' })).toBeFocused();
  await page.keyboard.type('انتظرت ثلاث ساعات في العيادة دون أن يخبرني أحد بسبب التأخير.');
  await shot(page, 'complaints-new-filled', 'ar');
  await fullShot(page, 'complaints-new-filled', 'ar');
  await page.keyboard.press('Control+Enter');

  // — the complaint opens with its number
  await expect(page).toHaveURL(/#\/complaints\/[0-9a-f-]{36}$/);
  const title = page.getByRole('heading', { level: 2, name: /^شكوى CMP-OLAYA-/ });
  await expect(title).toBeVisible();
  firstNumber = (await title.innerText()).replace(/^شكوى\s*/, '').trim();
  expect(firstNumber).toMatch(/^CMP-OLAYA-[0-9A-Z]{4}-\d{6}$/);
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: firstNumber })).toContainText('سُجّلت برقم');
  await expect(page.getByRole('main').getByText('جديدة', { exact: true }).first()).toBeVisible();

  // — in the open queue, and found by its number (the search is in the address)
  await page.getByRole('link', { name: 'كل الشكاوى' }).click();
  const table = page.getByRole('table', { name: 'الشكاوى' });
  const row = table.getByRole('row').filter({ hasText: firstNumber });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(PATIENT.nameAr);
  await expect(row).toContainText(PATIENT.mrn);
  await expect(row).toContainText('جديدة');
  await expect(row).toContainText('متوسطة');
  await expectAccessible(page);
  await shot(page, 'complaints-list', 'ar');
  await page.getByRole('searchbox', { name: 'بحث' }).fill(firstNumber.toLowerCase());
  await page.getByRole('button', { name: 'تطبيق التصفية' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${firstNumber.toLowerCase()}`));
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('link', { name: `فتح الشكوى ${firstNumber}` }).click();
  await expect(title).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'complaints-detail-new', 'ar');

  // — assigned to the agent and the PX team
  await page.getByRole('button', { name: 'إسناد', exact: true }).click();
  const assign = page.getByRole('dialog', { name: `إسناد الشكوى ${firstNumber}` });
  await assign.getByRole('combobox', { name: 'الموظف' }).click();
  await page.getByRole('option', { name: new RegExp(agent.nameAr) }).click();
  await assign.getByRole('combobox', { name: 'الفريق (القسم)' }).click();
  await page.getByRole('option', { name: /تجربة المريض/ }).click();
  await shot(page, 'complaints-assign', 'ar');
  await assign.getByRole('button', { name: 'إسناد', exact: true }).click();
  await expect(assign).toBeHidden();
  const assignment = page.getByRole('region', { name: 'الإسناد' });
  await expect(assignment).toContainText(agent.nameAr);
  await expect(assignment).toContainText('تجربة المريض');

  // — a note the complainant may read: the first response
  await page.getByRole('textbox', { name: 'الملاحظة' }).fill('نعتذر عن التأخير، ونتابع الأمر مع إدارة العيادات.');
  await page.getByRole('radio', { name: 'مرئية للمشتكي' }).check();
  await page.getByRole('button', { name: 'إضافة الملاحظة' }).click();
  await expect(page.getByRole('textbox', { name: 'الملاحظة' })).toHaveValue('');
  await expect(page.getByRole('region', { name: 'عن هذه الشكوى' })).not.toContainText('لم يتم بعد');

  // — in progress, then waiting for the patient
  await page.getByRole('group', { name: 'نقل الشكوى' }).getByRole('button', { name: 'بدء المعالجة' }).click();
  let dialog = moveDialog(page, /^بدء المعالجة: /);
  await expect(dialog).toContainText('تصبح الحالة «قيد المعالجة»');
  await dialog.getByRole('button', { name: 'بدء المعالجة' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('أصبحت حالة الشكوى «قيد المعالجة».')).toBeVisible();
  await page.getByRole('group', { name: 'نقل الشكوى' }).getByRole('button', { name: 'بانتظار رد المريض' }).click();
  dialog = moveDialog(page, /^بانتظار رد المريض: /);
  await dialog.getByRole('textbox', { name: /ملاحظة في السجل الزمني/ }).fill('طلبنا من المريضة رقم الموعد.');
  await dialog.getByRole('button', { name: 'بانتظار رد المريض' }).click();
  await expect(dialog).toBeHidden();

  // — resolved: without the outcome it is refused at that field, in Arabic
  await page.getByRole('group', { name: 'نقل الشكوى' }).getByRole('button', { name: 'حل الشكوى' }).click();
  dialog = moveDialog(page, /^حل الشكوى: /);
  await dialog.getByRole('combobox', { name: 'الإجراء المتخذ' }).click();
  await page.getByRole('option', { name: 'اعتذار' }).click();
  await dialog.getByRole('textbox', { name: 'الملخص الموجّه للمشتكي' }).fill('اعتذرنا للمريضة، وعُدّل جدول العيادة لتقليل الانتظار.');
  await dialog.getByRole('button', { name: 'حل الشكوى' }).click();
  const outcome = dialog.getByRole('combobox', { name: 'النتيجة' });
  await expect(outcome).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('حقل مطلوب.')).toBeVisible();
  await shot(page, 'complaints-resolve-refused', 'ar');
  await outcome.click();
  await page.getByRole('option', { name: 'مُثبتة', exact: true }).click();
  await expect(dialog.getByText('حقل مطلوب.')).toBeHidden();
  await dialog.getByRole('button', { name: 'حل الشكوى' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'الحل' })).toContainText('مُثبتة');
  await shot(page, 'complaints-detail-resolved', 'ar');

  // — reopened: a reason is asked for first
  await page.getByRole('group', { name: 'نقل الشكوى' }).getByRole('button', { name: 'إعادة الفتح' }).click();
  dialog = moveDialog(page, /^إعادة الفتح: /);
  await dialog.getByRole('button', { name: 'إعادة الفتح' }).click();
  await expect(dialog.getByText('اذكر سبب إعادة فتح الشكوى.')).toBeVisible();
  await shot(page, 'complaints-reopen', 'ar');
  await dialog.getByRole('textbox', { name: 'سبب إعادة الفتح' }).fill('اتصلت المريضة: ما زال الانتظار طويلاً.');
  await dialog.getByRole('button', { name: 'إعادة الفتح' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'عن هذه الشكوى' })).toContainText('مرات إعادة الفتح1');

  // — the timeline tells each step, oldest first, with who did it
  const entries = await timelineTexts(page, 'السجل الزمني');
  const steps = [
    /^سُجّلت \(هاتف\)/,
    /^الإسناد[\s\S]*أُسندت إلى/,
    /^ملاحظة[\s\S]*مرئية للمشتكي[\s\S]*نعتذر عن التأخير/,
    /^الحالة: جديدة ← قيد المعالجة/,
    /^الحالة: قيد المعالجة ← بانتظار المريض[\s\S]*رقم الموعد/,
    /^الحالة: بانتظار المريض ← محلولة[\s\S]*النتيجة: مُثبتة · الإجراء المتخذ: اعتذار[\s\S]*جدول العيادة[\s\S]*(يُسأل المريض عن رضاه|لم يُرسل استبيان حل الشكوى)/,
    /^أُعيد فتحها · الحالة: محلولة ← قيد المعالجة[\s\S]*ما زال الانتظار طويلاً/,
  ];
  expect(entries).toHaveLength(steps.length);
  steps.forEach((step, index) => expect(entries[index]).toMatch(step));
  for (const entry of entries) expect(entry).toMatch(/بواسطة \S+/);
  expect(entries[1]).toContain(agent.nameAr);
  await expectAccessible(page);
  await shot(page, 'complaints-detail', 'ar');
  await fullShot(page, 'complaints-detail', 'ar');

  // — classified: the change is on the timeline with its before and after
  await page.getByRole('button', { name: 'تصنيف', exact: true }).click();
  const classify = page.getByRole('dialog', { name: `تصنيف الشكوى ${firstNumber}` });
  await classify.getByRole('combobox', { name: 'تصنيف HCAT' }).click();
  await page.getByRole('option', { name: 'التواصل' }).click();
  await classify.getByRole('combobox', { name: 'الخطورة' }).click();
  await page.getByRole('option', { name: '3 – عالية' }).click();
  await shot(page, 'complaints-classify', 'ar');
  await classify.getByRole('button', { name: 'حفظ' }).click();
  await expect(classify).toBeHidden();
  await expect(page.getByRole('region', { name: 'التصنيف', exact: true })).toContainText('العلاقات');
  const last = (await timelineTexts(page, 'السجل الزمني')).at(-1);
  expect(last).toMatch(/^تغيّر التصنيف[\s\S]*تصنيف HCAT: من لا شيء إلى التواصل[\s\S]*الخطورة: من لا شيء إلى 3 – عالية/);

  // — the queues: the agent holds it, so it is not unassigned
  await page.goto(`${station.url}#/complaints?queue=unassigned`);
  await expect(page.getByText('لا توجد شكاوى في هذه القائمة.')).toBeVisible();
  await page.getByRole('radiogroup', { name: 'قائمة العمل' }).getByText('الكل').click();
  await expect(page).toHaveURL(/queue=all/);
  await expect(table.getByRole('row').filter({ hasText: firstNumber })).toContainText('قيد المعالجة');
  await shot(page, 'complaints-list-all', 'ar');
  expect(errors).toEqual([]);
});

test('every complaints screen in English', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await signIn(page, station, 'en');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });

  await nav.getByRole('link', { name: 'Complaints', exact: true }).click();
  const table = page.getByRole('table', { name: 'Complaints' });
  await expect(table.getByRole('row').filter({ hasText: firstNumber })).toContainText(PATIENT.nameEn);
  await expect(table.getByRole('row').filter({ hasText: firstNumber })).toContainText('Communication');
  await expectAccessible(page);
  await shot(page, 'complaints-list', 'en');

  // — an anonymous complaint from the website, in English
  await nav.getByRole('link', { name: 'New complaint' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'New complaint' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Hospital' })).toBeFocused();
  await expectAccessible(page);
  await shot(page, 'complaints-new', 'en');
  await page.keyboard.type('Olaya');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Hospital' })).toHaveValue(/Olaya Medical Complex/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Channel' })).toBeFocused();
  await page.keyboard.type('Website');
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: 'Inquiry' }).check();
  await page.getByRole('radio', { name: 'Someone without a record, or anonymous' }).check();
  await page.getByRole('textbox', { name: 'Contact mobile number' }).fill('0500');
  await page.getByRole('textbox', { name: 'Description in English' }).fill('Do you offer weekend appointments at the cardiology clinic?');
  await page.getByRole('button', { name: 'File the complaint' }).click();
  await expect(page.getByText('Enter a Saudi mobile number (05XXXXXXXX or +9665XXXXXXXX).')).toBeVisible();
  await shot(page, 'complaints-new-errors', 'en');
  await page.getByRole('textbox', { name: 'Contact mobile number' }).fill('0509876543');
  await page.getByRole('textbox', { name: 'When it happened' }).fill('2026-01-15T10:30');
  await page.getByRole('combobox', { name: 'HCAT category' }).focus();
  await page.keyboard.type('Institutional');
  await page.keyboard.press('Enter');
  await shot(page, 'complaints-new-filled', 'en');
  await fullShot(page, 'complaints-new-filled', 'en');
  await page.getByRole('button', { name: 'File the complaint' }).click();
  const title = page.getByRole('heading', { level: 2, name: /^Inquiry CMP-OLAYA-/ });
  await expect(title).toBeVisible();
  const number = (await title.innerText()).replace(/^Inquiry\s*/, '').trim();
  const who = page.getByRole('region', { name: 'Patient and contact' });
  await expect(who).toContainText('Anonymous');
  await expect(who).toContainText('+966509876543');
  await expect(page.getByRole('region', { name: 'Classification', exact: true })).toContainText('Institutional processes');
  await expect(page.getByRole('region', { name: 'About this complaint' })).toContainText('15 Jan 2026');

  // — the dialogs: classify, assign, a note, answering the inquiry
  await page.getByRole('button', { name: 'Classify', exact: true }).click();
  const classify = page.getByRole('dialog', { name: `Classify complaint ${number}` });
  await expect(classify.getByRole('combobox', { name: 'HCAT category' })).toHaveValue('Institutional processes');
  // the caller turns out to be a patient with a record: linked here, found by MRN
  const link = classify.getByRole('combobox', { name: 'Link the patient (found by MRN, name or mobile)' });
  await link.click();
  await page.keyboard.type(PATIENT.mrn);
  await page.getByRole('option', { name: new RegExp(PATIENT.mrn) }).click();
  await shot(page, 'complaints-classify', 'en');
  await classify.getByRole('button', { name: 'Save' }).click();
  await expect(classify).toBeHidden();
  await expect(who).toContainText(PATIENT.mrn);
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText('The patient was linked to the complaint.')).toBeVisible();
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await shot(page, 'complaints-assign', 'en');
  await page
    .getByRole('dialog', { name: `Assign complaint ${number}` })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByRole('region', { name: 'Assignment' })).not.toContainText('Nobody');
  await page.getByRole('group', { name: 'Move the complaint' }).getByRole('button', { name: 'Answer' }).click();
  await shot(page, 'complaints-answer', 'en');
  await page.keyboard.press('Escape');

  // — closed as a duplicate of the first complaint, named by its number as a caller reads it
  await page.getByRole('group', { name: 'Move the complaint' }).getByRole('button', { name: 'Close without resolving' }).click();
  const close = page.getByRole('dialog', { name: /^Close without resolving: / });
  await close.getByRole('combobox', { name: 'Why it is closed' }).click();
  await page.getByRole('option', { name: 'A duplicate' }).click();
  await close.getByRole('textbox', { name: 'Number of the complaint it repeats' }).fill('CMP-OLAYA-ZZZZ-999999');
  await close.getByRole('button', { name: 'Close without resolving' }).click();
  await expect(close.getByText('No complaint with this number in your hospitals.')).toBeVisible();
  await close.getByRole('textbox', { name: 'Number of the complaint it repeats' }).fill(` ${firstNumber.toLowerCase()} `);
  await shot(page, 'complaints-close-duplicate', 'en');
  await close.getByRole('button', { name: 'Close without resolving' }).click();
  await expect(close).toBeHidden();
  const resolution = page.getByRole('region', { name: 'Resolution' });
  await expect(resolution).toContainText('A duplicate');
  await expect(resolution.getByRole('link', { name: firstNumber })).toBeVisible();
  const last = page.locator('.mantine-Timeline-item').last();
  await expect(last).toContainText('Status: New → Closed');
  await expect(last).toContainText('Closed because: A duplicate');
  await expectAccessible(page);
  await shot(page, 'complaints-detail', 'en');
  await fullShot(page, 'complaints-detail', 'en');

  // — the first complaint, with its whole history, read in English
  await resolution.getByRole('link', { name: firstNumber }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Complaint ${firstNumber}` })).toBeVisible();
  await expect(page.locator('.mantine-Timeline-item').nth(3)).toContainText('Status: New → In progress');
  await shot(page, 'complaints-detail-worked', 'en');
  await fullShot(page, 'complaints-detail-worked', 'en');

  // — the closed queue, and filters in the address
  await page.goto(`${station.url}#/complaints?queue=closed`);
  await expect(table.getByRole('row').filter({ hasText: number })).toContainText('Closed');
  await page.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Compliment' }).click();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/queue=closed&type=compliment/);
  await expect(page.getByText('No complaint matches these filters.')).toBeVisible();
  await shot(page, 'complaints-list-filtered', 'en');

  // — two new complaints given to the agent at once
  const two = [];
  for (const text of ['The lift was out of order.', 'No wheelchair at the entrance.'])
    two.push((await rpc<{ number: string }>('complaints.create', { hospitalId: olayaId, channel: 'phone', descriptionEn: text })).number);
  await page.goto(`${station.url}#/complaints?queue=unassigned`);
  for (const picked of two) await page.getByRole('checkbox', { name: `Select ${picked}` }).check();
  const bulk = page.getByRole('region', { name: '2 selected' });
  await bulk.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: new RegExp(agent.nameEn) }).click();
  await shot(page, 'complaints-bulk', 'en');
  await bulk.getByRole('button', { name: 'Assign the selected' }).click();
  await expect(page.getByText('2 complaints assigned')).toBeVisible();
  for (const picked of two) await expect(table.getByRole('row').filter({ hasText: picked })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a nurse reads her hospital’s complaints but is offered no change', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar', 'olaya.nurse');
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
  await expect(nav.getByRole('link', { name: 'شكوى جديدة' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'الشكاوى', exact: true }).click();
  await page.getByRole('radiogroup', { name: 'قائمة العمل' }).getByText('الكل').click();
  await expect(page.getByRole('main').getByRole('link', { name: 'شكوى جديدة' })).toHaveCount(0);
  // her own hospital: no hospital to choose
  await expect(page.getByRole('combobox', { name: 'المستشفى', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: `فتح الشكوى ${firstNumber}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: `شكوى ${firstNumber}` })).toBeVisible();
  await expect(page.getByText('يسمح دورك بعرض الشكاوى دون معالجتها.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'نقل الشكوى' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'إسناد', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'تصنيف', exact: true })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'الملاحظة' })).toHaveCount(0);
  // her role opens no PX action
  await expect(page.getByRole('link', { name: 'فتح إجراء تحسين' })).toHaveCount(0);
  await shot(page, 'complaints-detail-nurse', 'ar');
  expect(errors).toEqual([]);
});

test('a PX action opened from a complaint: the form comes filled in, and the action links back, in English and Arabic', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const first = (await rpc<{ items: { id: string; number: string }[] }>('complaints.list', { queue: 'all', q: firstNumber })).items[0]!;

  // the PX admin (the whole group): the hospital comes with the complaint
  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/complaints/${first.id}`);
  const card = page.getByRole('region', { name: 'PX actions' });
  const open = card.getByRole('link', { name: 'Open a PX action' });
  await open.scrollIntoViewIfNeeded();
  await shot(page, 'complaints-detail-actions', 'en');
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/actions\/new\?source=complaint&ref=CMP-OLAYA-/);
  const form = page.getByRole('form', { name: 'New PX action' });
  await expect(form.getByRole('combobox', { name: 'Hospital' })).toHaveValue(/Olaya|OLAYA/);
  await expect(form.getByRole('combobox', { name: 'Comes from' })).toHaveValue('Complaint');
  await expect(form.getByRole('textbox', { name: 'Complaint number, or a reference' })).toHaveValue(firstNumber);
  await form.getByRole('textbox', { name: 'What is to be done' }).fill('Tell waiting patients why the clinic runs late');
  await shot(page, 'action-new-from-complaint', 'en');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Open the action' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^ACT-OLAYA-/ })).toBeVisible();
  await page.getByRole('link', { name: firstNumber }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Complaint ${firstNumber}` })).toBeVisible();
  expect(errors).toEqual([]);

  // a PX coordinator (her hospital only), in Arabic
  const context = await browser.newContext();
  const coordinator = await context.newPage();
  const coordinatorErrors = watchErrors(coordinator);
  await signIn(coordinator, station, 'ar', 'olaya.coordinator');
  await coordinator.goto(`${station.url}#/complaints/${first.id}`);
  const cardAr = coordinator.getByRole('region', { name: 'إجراءات تحسين التجربة' });
  await expect(cardAr).toContainText('هل تستدعي هذه الشكوى تحسيناً؟');
  const openAr = cardAr.getByRole('link', { name: 'فتح إجراء تحسين' });
  await openAr.scrollIntoViewIfNeeded();
  await shot(coordinator, 'complaints-detail-actions', 'ar');
  await expectAccessible(coordinator);
  await openAr.click();
  const formAr = coordinator.getByRole('form', { name: 'إجراء تحسين جديد' });
  await expect(formAr.getByRole('combobox', { name: 'المستشفى' })).toHaveCount(0);
  await expect(formAr.getByRole('combobox', { name: 'المصدر' })).toHaveValue('شكوى');
  await expect(formAr.getByRole('textbox', { name: 'رقم الشكوى أو مرجع' })).toHaveValue(firstNumber);
  await formAr.getByRole('textbox', { name: 'المطلوب عمله' }).fill('إبلاغ المرضى المنتظرين بسبب تأخر العيادة');
  await shot(coordinator, 'action-new-from-complaint', 'ar');
  await formAr.getByRole('button', { name: 'فتح الإجراء' }).click();
  await expect(coordinator.getByRole('heading', { level: 2, name: /^ACT-OLAYA-/ })).toBeVisible();
  await expect(coordinator.getByRole('link', { name: firstNumber })).toBeVisible();
  // back on the complaint, its card lists both actions, each a link
  await coordinator.getByRole('link', { name: firstNumber }).click();
  const listed = coordinator.getByRole('region', { name: 'إجراءات تحسين التجربة' }).getByRole('list', { name: 'إجراءات تحسين التجربة' });
  await expect(listed.getByRole('link', { name: /^فتح الإجراء ACT-OLAYA-/ })).toHaveCount(2);
  await listed.scrollIntoViewIfNeeded();
  await shot(coordinator, 'complaints-detail-actions-linked', 'ar');
  // both actions are the complaint's
  const linked = await rpc<{ items: { sourceId: string | null; sourceLabel: string | null }[] }>('actions.list', {
    queue: 'all',
    sourceType: 'complaint',
    pageSize: 500,
  });
  expect(linked.items.filter((a) => a.sourceId === first.id && a.sourceLabel === firstNumber)).toHaveLength(2);
  expect(coordinatorErrors).toEqual([]);
  await context.close();
});
