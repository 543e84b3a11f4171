import { connect } from 'node:net';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { sampleAdt } from '../../src-main/listener/hl7/samples.js';
import { shot, signIn, watchErrors } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * A HIS goes live, as the PX office lives it, in Arabic: the admin adds the
 * HIS as an integration source for Olaya, with the address its MLLP comes
 * from, and copies its token from the one-time dialog; the HIS posts an
 * outpatient registration and the journey appears and advances; the end of
 * the clinic visit completes it; an event for another hospital is refused;
 * an event for a department the station does not know fails with its
 * Arabic reason and is sent through again. Then the template builder, the
 * mapping editor and token rotation, and every new screen pictured in
 * English too.
 */

let station: RunningStation;
let token = '';
let license = '';
const SOURCE = 'OLAYA-HIS';
const ENCOUNTER = 'ENC-E2E-1001';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  station = await startStation({ demo: true, patients: 0 });
});

test.afterAll(async () => {
  await station?.stop();
});

function field(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: label, exact: true });
}

interface Posted {
  externalId: string;
  code: string;
  hospital?: string;
  department?: string;
  minutesAgo?: number;
}

/** What the HIS would send: an outpatient encounter of one patient at Olaya's cardiology clinic. */
async function postEvent(request: APIRequestContext, event: Posted, bearer = token): Promise<number> {
  const response = await request.post(`${station.listenerUrl}api/v1/events`, {
    headers: { authorization: `Bearer ${bearer}` },
    data: {
      source_system: SOURCE,
      external_id: event.externalId,
      event_code: event.code,
      occurred_at: new Date(Date.now() - (event.minutesAgo ?? 0) * 60_000).toISOString(),
      hospital_code: event.hospital ?? 'OLAYA',
      encounter: { id: ENCOUNTER, type: 'OPD', department_code: event.department ?? 'CARD', physician_license: license },
      patient: { mrn: 'MRN-E2E-77', name_en: 'Fahad Alotaibi', name_ar: 'فهد العتيبي', phone: '0551234567', language: 'ar', gender: 'M' },
    },
  });
  return response.status();
}

/** One HL7 v2 message over MLLP, as an interface engine sends it; answers the ACK's MSA-1 (AA, AE, AR). */
function sendMllp(message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(station.mllpPort, '127.0.0.1', () => socket.write(`\x0b${message}\x1c\r`));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (!answer.includes('\x1c\r')) return;
      socket.end();
      resolve(/MSA\|(\w\w)/.exec(answer)?.[1] ?? answer);
    });
    socket.on('error', reject);
  });
}

test('a HIS event becomes a journey, in Arabic', async ({ page, request }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });

  // — the integration source, and its token shown once
  await nav.getByRole('link', { name: 'التكاملات' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'التكاملات' })).toBeVisible();
  await expect(page.getByText('لا توجد مصادر تكامل بعد.', { exact: false })).toBeVisible();
  await expect(page.getByRole('region', { name: 'ربط نظام المعلومات الصحية بهذه المحطة' })).toContainText(':2575');
  await page.getByRole('button', { name: 'مصدر جديد' }).click();
  const form = page.getByRole('dialog', { name: 'مصدر جديد' });
  await field(form, 'الاسم').fill('نظام المعلومات الصحية في العليا');
  await field(form, 'رمز النظام المصدر').fill(SOURCE.toLowerCase());
  // the hospital it sends for and the address its MLLP comes from, by keyboard
  await form.getByLabel('المستشفيات التي يرسل لها', { exact: true }).focus();
  await page.keyboard.type('العليا');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(form.getByText('مجمع العليا الطبي (OLAYA)')).toBeVisible();
  await form.getByLabel('عناوين MLLP', { exact: true }).fill('127.0.0.1');
  await page.keyboard.press('Enter');
  await shot(page, 'source-form', 'ar');
  await form.getByRole('button', { name: 'إنشاء المصدر وعرض الرمز' }).click();

  const once = page.getByRole('dialog', { name: /بيانات الاعتماد الخاصة بـ/ });
  await expect(once.getByRole('alert')).toContainText('فلن يُعرض مرة أخرى');
  token = await field(once, 'رمز الوصول').inputValue();
  expect(token).toMatch(/^pxk_/);
  await expect(once.getByRole('button', { name: 'نسخ رمز الوصول' })).toBeVisible();
  await shot(page, 'credentials-dialog', 'ar');
  await once.getByRole('button', { name: 'حفظته' }).click();
  await expect(once).toBeHidden();
  const sources = page.getByRole('table', { name: 'مصادر التكامل' });
  await expect(sources.getByRole('row').filter({ hasText: SOURCE })).toContainText(`…${token.slice(-4)}`);
  await expect(sources.getByRole('row').filter({ hasText: SOURCE })).toContainText('127.0.0.1');
  await shot(page, 'integrations-list', 'ar');

  // — a cardiologist of Olaya, as the HIS would name him
  await nav.getByRole('link', { name: 'الأطباء' }).click();
  await page.getByRole('searchbox', { name: 'البحث في الأطباء' }).fill('OL-RA');
  const physicians = page.getByRole('table', { name: 'الأطباء' });
  await expect(physicians.getByRole('row').filter({ hasText: /(KH|JE)-RA-/ })).toHaveCount(0); // the search has applied
  const cardiologist = physicians.getByRole('row').filter({ hasText: 'أمراض القلب' }).first();
  license = (await cardiologist.getByRole('cell').first().innerText()).trim();
  expect(license).toMatch(/^OL-RA-\d+$/);

  // — registration: the journey appears with its first stage done
  expect(await postEvent(request, { externalId: 'evt-e2e-1', code: 'OPD_REGISTERED', minutesAgo: 45 })).toBe(202);
  await nav.getByRole('link', { name: 'رحلة المريض' }).click();
  const journeys = page.getByRole('table', { name: 'رحلات المرضى' });
  const row = journeys.getByRole('row').filter({ hasText: 'فهد العتيبي' });
  await expect(row).toContainText('جارية', { timeout: 20_000 });
  await expect(row).toContainText('1/5');
  await expect(row.getByRole('progressbar', { name: 'اكتملت 1 من 5 مراحل' })).toBeVisible();
  await shot(page, 'journeys-list', 'ar');

  await row.getByRole('link', { name: 'فهد العتيبي' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'فهد العتيبي' })).toBeVisible();
  const stages = page.getByRole('region', { name: 'المراحل' });
  const stage = (name: string) => stages.locator('.mantine-Timeline-item').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await expect(stage('التسجيل')).toContainText('مكتملة');
  await expect(stage('التسجيل')).toContainText(/هـ/); // the Hijri date beside the Gregorian
  await expect(stage('التسجيل')).toContainText('الطبيب: د. ');
  await expect(stage('الاستشارة الطبية')).toContainText('لم تكتمل بعد');

  // — the end of the clinic visit: HL7 A03 for an OPD encounter means the consultation is over
  expect(await postEvent(request, { externalId: 'evt-e2e-2', code: 'A03', minutesAgo: 5 })).toBe(202);
  await expect(stage('الاستشارة الطبية')).toContainText('مكتملة', { timeout: 20_000 });
  await expect(page.getByRole('main').getByRole('progressbar', { name: 'اكتملت 2 من 5 مراحل' })).toBeVisible();
  const received = page.getByRole('table', { name: 'أحداث الزيارة' });
  await expect(received.getByRole('row').filter({ hasText: 'A03 → OPD_VISIT_COMPLETED' })).toContainText('تمت معالجته');
  await shot(page, 'journey-detail', 'ar');
  await page.goto(`${station.url}#/journeys`);
  await expect(journeys.getByRole('row').filter({ hasText: 'فهد العتيبي' })).toContainText('مكتملة');

  // — another hospital: the source is Olaya's, so Khobar's patients are out of its reach
  expect(await postEvent(request, { externalId: 'evt-e2e-khobar', code: 'A04', hospital: 'KHOBAR' })).toBe(403);

  // — a department the station does not know: failed, with the reason in Arabic
  expect(await postEvent(request, { externalId: 'evt-e2e-3', code: 'A04', department: 'NOWHERE' })).toBe(202);
  await nav.getByRole('link', { name: 'مراقبة الأحداث' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'مراقبة أحداث نظام المعلومات الصحية' })).toBeVisible();
  const monitor = page.getByRole('table', { name: 'الأحداث المستلمة' });
  const failed = monitor.getByRole('row').filter({ hasText: 'evt-e2e-3' });
  await expect(failed).toContainText('فشلت معالجته', { timeout: 20_000 });
  await expect(failed).toContainText('رمز القسم "NOWHERE" غير معروف');
  const failedOnly = page.getByRole('radio', { name: 'فشلت معالجته (1)' });
  await page.getByText('فشلت معالجته (1)', { exact: true }).click();
  await expect(failedOnly).toBeChecked();
  await expect(monitor.getByRole('row')).toHaveCount(2);
  await shot(page, 'events-failed', 'ar');

  await failed.getByRole('button', { name: 'تفاصيل الحدث evt-e2e-3' }).click();
  const drawer = page.getByRole('dialog', { name: 'حدث مستلم' });
  await expect(drawer.locator('pre')).toContainText('"department_code": "NOWHERE"');
  await shot(page, 'event-drawer', 'ar');
  await drawer.getByRole('button', { name: 'إعادة المعالجة' }).click();
  await expect(page.getByText('عدد الأحداث المعادة إلى قائمة المعالجة: 1.')).toBeVisible();
  await drawer.getByRole('button', { name: 'إغلاق' }).click();

  // bulk: select it and send it through again
  await failed.getByRole('checkbox', { name: 'تحديد الحدث evt-e2e-3' }).check({ timeout: 20_000 });
  await page.getByRole('button', { name: 'إعادة معالجة المحدد (1)' }).click();
  await expect(page.getByText('عدد الأحداث المعادة إلى قائمة المعالجة: 1.').last()).toBeVisible();

  // — the same HIS over HL7 v2: an outpatient registration, its message shown a segment a line
  const adt = sampleAdt('A04', {
    fields: { 'MSH-3': SOURCE, 'MSH-10': 'HL7-E2E-1', 'PV1-3': 'CARD^^^OLAYA', 'PV1-7': `${license}^Physician^E2E`, 'PV1-19': 'ENC-E2E-2002' },
  });
  expect(await sendMllp(adt)).toBe('AA');
  await page.getByText(/^الكل \(\d+\)$/).click();
  const hl7 = monitor.getByRole('row').filter({ hasText: 'HL7-E2E-1' });
  await expect(hl7).toContainText('تمت معالجته', { timeout: 20_000 });
  await hl7.getByRole('button', { name: 'تفاصيل الحدث HL7-E2E-1' }).click();
  const message = drawer.getByRole('region', { name: 'الرسالة كما استُلمت (HL7 v2)' });
  await expect(message.locator('pre')).toHaveText(/^MSH\|.*\nEVN\|A04.*\nPID\|.*\nPV1\|/s);
  await shot(page, 'event-drawer-hl7', 'ar');
  expect(errors).toEqual([]);
});

test('the mapping editor and a token rotation, in Arabic', async ({ page, request }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  await page.goto(`${station.url}#/admin/integrations`);
  const sources = page.getByRole('table', { name: 'مصادر التكامل' });
  await sources.getByRole('link', { name: SOURCE }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'نظام المعلومات الصحية في العليا' })).toBeVisible();

  // the HL7 defaults a new source starts with, the outpatient "discharge" among them
  const mappings = page.getByRole('table', { name: `ربط رموز ${SOURCE}` });
  await expect(mappings.getByRole('row').filter({ hasText: 'OPD_VISIT_COMPLETED' })).toContainText('العيادات الخارجية فقط');
  await page.getByRole('button', { name: 'ربط جديد' }).click();
  const dialog = page.getByRole('dialog', { name: 'ربط جديد' });
  await field(dialog, 'الرمز المرسل من المصدر').fill('z01:ems');
  await dialog.getByRole('combobox', { name: 'حدث المحطة' }).click();
  await page.getByRole('option', { name: /وصول المريض إلى الطوارئ/ }).click();
  await shot(page, 'mapping-form', 'ar');
  await dialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(dialog).toBeHidden();
  const added = mappings.getByRole('row').filter({ hasText: 'Z01' });
  await expect(added).toContainText('EMS_ARRIVED');
  await expect(added).toContainText('الطوارئ فقط');
  await shot(page, 'integration-source', 'ar');
  await added.getByRole('button', { name: 'حذف ربط الرمز Z01:EMS' }).click();
  await page.getByRole('dialog', { name: 'حذف ربط الرمز «Z01:EMS»؟' }).getByRole('button', { name: 'حذف' }).click();
  await expect(added).toHaveCount(0);

  // rotating: the old token stops at once, the new one (and now a secret) are shown once
  await page.goto(`${station.url}#/admin/integrations`);
  await sources.getByRole('button', { name: 'تغيير رمز الوصول لـ نظام المعلومات الصحية في العليا' }).click();
  const rotate = page.getByRole('dialog', { name: /تغيير رمز الوصول/ });
  await rotate.getByRole('radio', { name: 'بدء التوقيع بمفتاح سري جديد' }).check();
  await shot(page, 'rotate-token', 'ar');
  await rotate.getByRole('button', { name: 'إصدار رمز جديد' }).click();
  const once = page.getByRole('dialog', { name: /بيانات الاعتماد الخاصة بـ/ });
  const rotated = await field(once, 'رمز الوصول').inputValue();
  await expect(field(once, 'مفتاح HMAC السري')).not.toHaveValue('');
  expect(rotated).not.toBe(token);
  await once.getByRole('button', { name: 'حفظته' }).click();
  await expect(sources.getByRole('row').filter({ hasText: SOURCE })).toContainText('موقّع (HMAC)');
  expect(await postEvent(request, { externalId: 'evt-e2e-old-token', code: 'A04' })).toBe(401);
  expect(errors).toEqual([]);
});

test('the template builder reorders stages by keyboard and saves them in order', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'ar');
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'قوالب الرحلات' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'قوالب الرحلات' })).toBeVisible();
  await page.getByRole('combobox', { name: 'المستشفى', exact: true }).click();
  await page.getByRole('option', { name: /مجمع العليا الطبي/ }).click();
  await page.getByRole('tab', { name: /الطوارئ/ }).click();
  await expect(page.getByRole('article', { name: 'زيارة الطوارئ' })).toContainText('الفرز');
  await page.getByRole('tab', { name: /العيادات الخارجية/ }).click();
  await shot(page, 'templates-list', 'ar');
  await page.getByRole('link', { name: 'تعديل زيارة العيادات الخارجية' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'زيارة العيادات الخارجية' })).toBeVisible();

  const list = page.getByRole('list', { name: 'مراحل القالب' });
  const order = () => list.getByRole('heading').allInnerTexts();
  // the keyboard alone: focus "move the pharmacy up", press Enter twice
  await list.getByRole('button', { name: 'نقل المرحلة الصيدلية إلى الأعلى' }).focus();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('button', { name: 'نقل المرحلة الصيدلية إلى الأعلى' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('أصبحت الصيدلية المرحلة 3 من 5.')).toBeAttached();
  expect(await order()).toEqual(['التسجيل', 'الاستشارة الطبية', 'الصيدلية', 'المختبر', 'الأشعة']);
  await expect(page.getByText('توجد تغييرات غير محفوظة')).toBeVisible();

  // a new stage, then save the whole ordered list
  await page.getByRole('button', { name: 'إضافة مرحلة' }).click();
  const stageDialog = page.getByRole('dialog', { name: 'إضافة مرحلة' });
  await field(stageDialog, 'الاسم بالعربية').fill('التثقيف الصحي');
  await field(stageDialog, 'الاسم بالإنجليزية').fill('Health education');
  await field(stageDialog, 'رمز المرحلة').fill('EDU');
  await stageDialog.getByRole('combobox', { name: 'الحدث الذي يُكملها' }).click();
  await page.getByRole('option', { name: /صرف الدواء من الصيدلية/ }).click();
  await stageDialog.getByRole('checkbox', { name: 'مرحلة إلزامية' }).uncheck();
  // the stage's survey: automatic sending only once a survey is chosen, its delay only once it is automatic
  const autoSend = stageDialog.getByRole('checkbox', { name: 'إرسال استبيان تلقائياً عند اكتمال المرحلة' });
  const delay = stageDialog.getByRole('textbox', { name: 'التأخير بعد المرحلة (بالدقائق)' });
  await expect(autoSend).toBeDisabled();
  await stageDialog.getByRole('combobox', { name: 'قالب الاستبيان' }).click();
  await page.getByRole('option', { name: /زيارتك للعيادة/ }).click();
  await autoSend.check();
  await delay.fill('90');
  await shot(page, 'stage-form', 'ar');
  await stageDialog.getByRole('button', { name: 'تطبيق' }).click();
  await expect(stageDialog).toBeHidden();
  await shot(page, 'template-editor', 'ar');
  await page.getByRole('button', { name: 'حفظ القالب' }).click();
  await expect(page.getByText('تم حفظ القالب.')).toBeVisible();
  await expect(page.getByText('جميع التغييرات محفوظة.')).toBeVisible();

  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(6);
  expect(await order()).toEqual(['التسجيل', 'الاستشارة الطبية', 'الصيدلية', 'المختبر', 'الأشعة', 'التثقيف الصحي']);
  // kept by the station: the new stage sends its survey, 90 minutes after it completes
  await expect(list.getByRole('listitem').filter({ hasText: 'التثقيف الصحي' })).toContainText('استبيان');
  await list.getByRole('button', { name: 'تعديل التثقيف الصحي' }).click();
  await expect(page.getByRole('dialog', { name: 'تعديل المرحلة' }).getByRole('textbox', { name: 'التأخير بعد المرحلة (بالدقائق)' })).toHaveValue('90');
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

test('every new screen in English', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, station, 'en');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });

  await nav.getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('table', { name: 'Integration sources' }).getByRole('row').filter({ hasText: SOURCE })).toContainText('HMAC');
  await shot(page, 'integrations-list', 'en');
  await page.getByRole('button', { name: 'New source' }).click();
  await shot(page, 'source-form', 'en');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: `Rotate the token of ${'نظام المعلومات الصحية في العليا'}` }).click();
  await shot(page, 'rotate-token', 'en');
  await page.getByRole('dialog').getByRole('button', { name: 'Issue a new token' }).click();
  await expect(page.getByRole('dialog', { name: /Credentials of/ }).getByRole('alert')).toContainText('it will not be shown again');
  await shot(page, 'credentials-dialog', 'en');
  await page.getByRole('button', { name: 'I have saved it' }).click();

  await page.getByRole('table', { name: 'Integration sources' }).getByRole('link', { name: SOURCE }).click();
  await expect(page.getByRole('table', { name: `Code mappings of ${SOURCE}` })).toContainText('only for Outpatient (OPD)');
  await shot(page, 'integration-source', 'en');
  await page.getByRole('button', { name: 'New mapping' }).click();
  await shot(page, 'mapping-form', 'en');
  await page.keyboard.press('Escape');

  await nav.getByRole('link', { name: 'Patient journeys' }).click();
  const row = page.getByRole('table', { name: 'Patient journeys' }).getByRole('row').filter({ hasText: 'Fahad Alotaibi' });
  await expect(row).toContainText('Completed');
  await shot(page, 'journeys-list', 'en');
  await row.getByRole('link', { name: 'Fahad Alotaibi' }).click();
  await expect(page.getByRole('region', { name: 'Stages' })).toContainText('Consultation');
  await expect(page.getByRole('region', { name: 'Stages' })).toContainText(/AH/);
  await shot(page, 'journey-detail', 'en');
  await page.getByRole('table', { name: 'Events of the encounter' }).getByRole('link', { name: 'A03 → OPD_VISIT_COMPLETED' }).click();
  await expect(page.getByRole('dialog', { name: 'Received event' })).toContainText('A03 → OPD_VISIT_COMPLETED');
  await shot(page, 'event-drawer', 'en');
  await page.keyboard.press('Escape');

  await expect(page.getByRole('heading', { level: 2, name: 'HIS event monitor' })).toBeVisible();
  await page.getByRole('table', { name: 'Received events' }).getByRole('button', { name: 'Details of event HL7-E2E-1' }).click();
  await expect(page.getByRole('dialog', { name: 'Received event' }).getByRole('region', { name: 'Message as received (HL7 v2)' })).toContainText(
    'PV1|1|O|CARD^^^OLAYA',
  );
  await shot(page, 'event-drawer-hl7', 'en');
  await page.keyboard.press('Escape');
  await page.getByText('Failed (1)', { exact: true }).click();
  await expect(page.getByRole('table', { name: 'Received events' })).toContainText('Unknown department code "NOWHERE"');
  await shot(page, 'events-failed', 'en');

  await nav.getByRole('link', { name: 'Journey templates' }).click();
  await page.getByRole('combobox', { name: 'Hospital', exact: true }).click();
  await page.getByRole('option', { name: /Olaya Medical Complex/ }).click();
  await page.getByRole('link', { name: 'Edit Outpatient visit' }).click();
  await expect(page.getByRole('list', { name: 'Stages of the template' }).getByRole('listitem')).toHaveCount(6);
  await shot(page, 'template-editor', 'en');
  await page.getByRole('button', { name: 'Add a stage' }).click();
  await shot(page, 'stage-form', 'en');
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'All journey templates' }).click();
  // back to the hospital it was opened from
  await expect(page.getByRole('combobox', { name: 'Hospital', exact: true })).toHaveValue(/Olaya Medical Complex/);
  await expect(page.getByRole('article', { name: 'Outpatient visit' })).toContainText('Health education');
  await shot(page, 'templates-list', 'en');
  expect(errors).toEqual([]);
});
