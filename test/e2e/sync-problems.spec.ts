import { expect, test, type Page } from '@playwright/test';
import { formatHlc } from '../../src-shared/hlc.js';
import type { SyncMessage } from '../../src-shared/hub-api.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { FakeHub } from '../fixtures/sync-hub.js';
import { rpc as stationRpc, shot, signIn, watchErrors, type Lang } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Administration → Sync → Problems, in Arabic and English. The demo station
 * (three hospitals) enrols as a station of one of them with a hub that, as
 * the real one, refuses the other hospitals' records; another station of its
 * hospital has sent a patient under an MRN this station already gave, a
 * department under a parent department that has not arrived, and part of an
 * employee. The officer reads why each waits, marks a refused change as
 * dealt with (it leaves the list and is shown again on request), gives the
 * local patient its right MRN, so the received patient lands at the next
 * sync, and at last marks every refused change as dealt with.
 */

let station: RunningStation;
let hub: FakeHub;
let olayaId = '';
let local = { id: '', mrn: '', nameEn: '', nameAr: '' };
const received = { patient: uuidv7(), department: uuidv7(), employee: uuidv7() };

function rpc<T>(name: string, input: unknown, token: string | null): Promise<T> {
  return stationRpc<T>(station, name, input, token);
}

/** What another OLAYA station sent: one message per cell, stamped by it. */
function fromOtherStation(rows: { table: string; rowId: string; cells: Record<string, string | number | null> }[]): void {
  const now = Date.now();
  let counter = 0;
  for (const row of rows) {
    for (const [column, value] of Object.entries(row.cells)) {
      const message: SyncMessage = {
        hlc: formatHlc({ wallMs: now, counter: (counter += 1), node: 'olaya-b' }),
        table: row.table,
        rowId: row.rowId,
        column,
        value,
      };
      hub.messages.push({ seq: hub.messages.length + 1, stationId: 'olaya-b', message });
    }
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [station, hub] = await Promise.all([startStation({ demo: true, patients: 20, complaints: false }), FakeHub.start()]);
  const { token } = await rpc<{ token: string }>('auth.login', { username: 'px.admin', password: station.demoPassword }, null);
  const hospitals = await rpc<{ items: { id: string; code: string }[] }>('hospitals.list', { pageSize: 10 }, token);
  olayaId = hospitals.items.find((h) => h.code === 'OLAYA')!.id;
  const patients = await rpc<{ items: { id: string; mrn: string; nameEn: string; nameAr: string }[] }>(
    'patients.search',
    { hospitalId: olayaId, pageSize: 1 },
    token,
  );
  local = patients.items[0]!;

  // the hub takes this station's hospital only, as the real hub does for a hospital station
  hub.refuse = (message, _station, batch) => {
    if (message.table === 'hospitals') return message.rowId === olayaId ? null : 'out_of_scope';
    const hospital = batch.find((m) => m.table === message.table && m.rowId === message.rowId && m.column === 'hospital_id')?.value;
    return typeof hospital === 'string' && hospital !== olayaId ? 'out_of_scope' : null;
  };
  const stamps = { created_at: new Date().toISOString(), updated_at: new Date().toISOString(), deleted_at: null };
  fromOtherStation([
    {
      table: 'patients',
      rowId: received.patient,
      cells: {
        hospital_id: olayaId,
        mrn: local.mrn,
        national_id: null,
        name_en: 'Reem Alghamdi',
        name_ar: 'ريم الغامدي',
        phone: null,
        email: null,
        preferred_language: 'ar',
        birth_date: null,
        gender: 'F',
        active: 1,
        ...stamps,
      },
    },
    {
      table: 'departments',
      rowId: received.department,
      cells: { hospital_id: olayaId, parent_id: uuidv7(), code: 'ICU-2', name_en: 'Cardiac ICU', name_ar: 'العناية القلبية', active: 1, ...stamps },
    },
    { table: 'employees', rowId: received.employee, cells: { hospital_id: olayaId, name_en: 'Majed Alzahrani', name_ar: 'ماجد الزهراني' } },
  ]);
});

test.afterAll(async () => {
  await station?.stop();
  await hub?.close();
});

const T = {
  ar: {
    now: 'زامن الآن',
    problems: 'المشكلات',
    refused: 'تغييرات رفضها المركز',
    waiting: 'تغييرات مستلمة بالانتظار',
    outOfScope: 'السجل يتبع مستشفى آخر، أو إعدادات المجموعة (مثل الأدوار) التي لا يحق لمحطة هذا المستشفى تغييرها.',
    duplicate: (name: string) => `رقم الملف الطبي: القيمة نفسها مستخدمة في هذه المحطة لدى «${name}»`,
    parent: 'يشير إلى سجل لم يصل بعد: قسم (القسم الرئيسي).',
    incomplete: /^وصل جزء من هذا السجل الجديد فقط\. ما زال ينقصه: .*الرقم الوظيفي/,
    indicator: /مشكلات المزامنة: \d+/,
    patient: 'مريض',
    markItem: 'تمت المعالجة: ',
    marked: (record: string) => `تمت معالجة ${record}.`,
    showDealtWith: 'عرض ما تمت معالجته',
    // the username is isolated (U+2068 … U+2069) inside the sentence
    dealtWithBy: /عالجه \u2068px\.admin\u2069/,
    markAll: 'تمت معالجة الكل',
    markAllTitle: 'هل تريد تعليم جميع التغييرات المرفوضة بأنها تمت معالجتها؟',
    markedAll: /^عدد ما عُلِّم بأنه تمت معالجته: \d+\.$/,
    nothingOpen: 'لا توجد تغييرات مرفوضة بانتظار المعالجة.',
  },
  en: {
    now: 'Sync now',
    problems: 'Problems',
    refused: 'Changes the hub refused',
    waiting: 'Received changes waiting',
    outOfScope: 'The record belongs to another hospital, or to the group’s settings (such as roles), which this hospital’s station may not change.',
    duplicate: (name: string) => `MRN: the same value is already used on this station by “${name}”`,
    parent: 'It refers to a record that has not arrived yet: Department (Parent department).',
    incomplete: /^Only part of this new record has arrived\. Still missing: .*Employee number/,
    indicator: /Sync problems: \d+/,
    patient: 'Patient',
    markItem: 'Mark as dealt with: ',
    marked: (record: string) => `Marked as dealt with: ${record}.`,
    showDealtWith: 'Show dealt-with',
    dealtWithBy: /Dealt with by \u2068px\.admin\u2069/,
    markAll: 'Mark all as dealt with',
    markAllTitle: 'Mark every refused change as dealt with?',
    markedAll: /^Marked as dealt with: \d+\.$/,
    nothingOpen: 'No refused change is waiting to be dealt with.',
  },
} as const;

const section = (page: Page, lang: Lang) => page.getByRole('region', { name: T[lang].problems });

let enrolled = false;

/** The Sync screen with its Problems section open; the first visit enrols (the first round finds the problems). */
async function openProblems(page: Page, lang: Lang): Promise<void> {
  await signIn(page, station, lang);
  await page.goto(`${station.url}#/admin/sync`);
  if (!enrolled) {
    const labels = { ar: ['تسجيل هذه المحطة', 'عنوان المركز', 'رمز التسجيل', 'تسجيل'], en: ['Enrol this station', 'Hub address', 'Enrolment code', 'Enrol'] }[
      lang
    ];
    const form = page.getByRole('form', { name: labels[0] });
    await form.getByRole('textbox', { name: labels[1] }).fill(hub.url);
    await form.getByRole('textbox', { name: labels[2] }).fill(hub.issueCode({ kind: 'hospital', hospitalId: olayaId, hospitalCode: 'OLAYA' }));
    await form.getByRole('button', { name: labels[3], exact: true }).click();
    enrolled = true;
  }
  // the first round has finished: everything it found is listed
  await expect(page.getByRole('heading', { level: 3, name: lang === 'ar' ? 'متصل' : 'Online' })).toBeVisible({ timeout: 90_000 });
  await expect(section(page, lang)).toBeVisible({ timeout: 30_000 });
  await expect(section(page, lang).getByRole('table', { name: T[lang].waiting })).toBeVisible({ timeout: 30_000 });
}

for (const lang of ['ar', 'en'] as const satisfies readonly Lang[]) {
  test(`sync problems in ${lang}: what the hub refused and what waits, with why and what to do`, async ({ page }) => {
    test.setTimeout(120_000);
    const text = T[lang];
    const errors = watchErrors(page);
    await openProblems(page, lang);
    const problems = section(page, lang);

    const refused = problems.getByRole('table', { name: text.refused });
    await expect(refused.getByRole('row')).toHaveCount(11); // a header and a page of ten
    await expect(refused.getByText(text.outOfScope).first()).toBeVisible();
    await expect(problems.getByRole('button', { name: lang === 'ar' ? 'الصفحة 2' : 'Page 2', exact: true })).toBeVisible();

    const waiting = problems.getByRole('table', { name: text.waiting });
    await expect(waiting.getByRole('row')).toHaveCount(4);
    const duplicate = waiting.getByRole('row').filter({ hasText: lang === 'ar' ? 'ريم الغامدي' : 'Reem Alghamdi' });
    await expect(duplicate).toContainText(text.patient);
    await expect(duplicate).toContainText(local.mrn);
    await expect(duplicate).toContainText(text.duplicate(lang === 'ar' ? local.nameAr : local.nameEn));
    await expect(waiting.getByText(text.parent)).toBeVisible();
    await expect(waiting.getByText(text.incomplete)).toBeVisible();

    await waiting.scrollIntoViewIfNeeded();
    await shot(page, 'sync-problems-waiting', lang);
    await refused.scrollIntoViewIfNeeded();
    await shot(page, 'sync-problems-refused', lang);
    // the header says there are problems (its status is asked for every 10 s)
    await expect(page.getByRole('banner').getByRole('link', { name: text.indicator })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('banner').screenshot({ path: `test-results/screenshots/sync-problems-indicator-${lang}.png` });

    // the officer has dealt with the first refused record: its row goes, the next takes its place
    // the first refused record that names itself by a key (a code, an MRN…; a timeline entry has none), isolated inside its label
    const marks = refused.getByRole('button', { name: text.markItem });
    let mark = marks.first();
    let label = '';
    let key = '';
    for (let i = 0; i < (await marks.count()) && key === ''; i += 1) {
      label = (await marks.nth(i).getAttribute('aria-label')) ?? '';
      key = (/\u2068(.+)\u2069/.exec(label)?.[1] ?? '').replaceAll('\u2011', '-'); // shown with non-breaking hyphens
      mark = marks.nth(i);
    }
    expect(key).not.toBe('');
    const recordRow = refused.getByRole('row').filter({ has: page.getByText(key, { exact: true }) });
    await expect(recordRow).toHaveCount(1);
    await mark.press('Enter');
    await expect(page.getByText(text.marked(label.slice(text.markItem.length)))).toBeVisible();
    await expect(refused.getByRole('button', { name: label, exact: true })).toHaveCount(0);
    await expect(recordRow).toHaveCount(0);
    await expect(refused.getByRole('row')).toHaveCount(11);

    // kept, and shown again on request with who dealt with it, and when
    await problems.getByRole('switch', { name: text.showDealtWith }).check();
    await expect(recordRow).toHaveCount(1);
    await expect(recordRow).toContainText(text.dealtWithBy);
    await expect(recordRow.getByRole('button')).toHaveCount(0);
    await recordRow.scrollIntoViewIfNeeded();
    await shot(page, 'sync-problems-dealt-with', lang);
    expect(errors).toEqual([]);
  });
}

test('the officer gives the local patient its right MRN, and the received patient lands at the next sync', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openProblems(page, 'en');
  const waiting = section(page, 'en').getByRole('table', { name: T.en.waiting });
  await expect(waiting.getByRole('row').filter({ hasText: 'Reem Alghamdi' })).toBeVisible();

  await page.goto(`${station.url}#/admin/patients`);
  await page.getByRole('searchbox', { name: 'Search patients' }).fill(local.mrn);
  const row = page
    .getByRole('table', { name: 'Patients' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: local.mrn, exact: true }) });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Edit / }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'MRN' }).fill(`${local.mrn}-B`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`${station.url}#/admin/sync`);
  await page.getByRole('button', { name: T.en.now }).click();
  await expect(waiting.getByRole('row')).toHaveCount(3, { timeout: 60_000 });
  await expect(waiting.getByRole('row').filter({ hasText: 'Reem Alghamdi' })).toHaveCount(0);
  await shot(page, 'sync-problems-after-fix', 'en');

  // the received patient is here now, under the MRN it was sent with
  await page.goto(`${station.url}#/admin/patients`);
  await page.getByRole('searchbox', { name: 'Search patients' }).fill('Reem');
  await expect(
    page
      .getByRole('table', { name: 'Patients' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: local.mrn, exact: true }) }),
  ).toContainText('Reem Alghamdi');
  expect(errors).toEqual([]);
});

test('the officer marks every refused change as dealt with, once confirmed: the list empties, the header counts only what waits', async ({ page }) => {
  test.setTimeout(120_000);
  const text = T.ar;
  const errors = watchErrors(page);
  await openProblems(page, 'ar');
  const problems = section(page, 'ar');
  const refused = problems.getByRole('table', { name: text.refused });
  await expect(refused.getByRole('row')).toHaveCount(11);

  await problems.getByRole('button', { name: text.markAll, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: text.markAllTitle });
  await expect(dialog).toBeVisible();
  await shot(page, 'sync-problems-mark-all', 'ar');
  await dialog.getByRole('button', { name: text.markAll, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(text.markedAll)).toBeVisible();
  await expect(refused).toHaveCount(0);
  await expect(problems.getByText(text.nothingOpen)).toBeVisible();
  await expect(problems.getByRole('button', { name: text.markAll, exact: true })).toHaveCount(0);
  // the received changes still waiting are untouched, and are all the header counts now
  const waiting = problems.getByRole('table', { name: text.waiting });
  await expect(waiting.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('banner').getByRole('link', { name: /مشكلات المزامنة: 2(،|$)/ })).toBeVisible({ timeout: 20_000 });
  await problems.scrollIntoViewIfNeeded();
  await shot(page, 'sync-problems-all-dealt-with', 'ar');

  await problems.getByRole('switch', { name: text.showDealtWith }).check();
  await expect(refused.getByRole('row')).toHaveCount(11);
  await expect(refused.getByRole('row').filter({ hasText: text.dealtWithBy })).toHaveCount(10);
  expect(errors).toEqual([]);
});
