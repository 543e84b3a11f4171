import { expect, test } from '@playwright/test';
import { rpc as call, shot, signIn, watchErrors, expectAccessible } from './console.js';
import { startStation, type RunningStation } from './station.js';
import { responseId } from '../../src-shared/surveys/ids.js';

/*
 * The PX Action Center end to end. In Arabic: a patient answers the clinic
 * survey at the kiosk with the lowest marks; the negative response opens a
 * PX action on its own. Internal Medicine's manager finds it on the board,
 * takes it, starts it, is refused approval before any evidence, adds
 * evidence and submits it; the PX coordinator approves and closes it, and
 * the timeline tells each step. Then the board, an action and a new action
 * in English. Every screen is pictured and checked by axe.
 */

let station: RunningStation;
let token = '';
let olayaId = '';
let medId = '';

test.describe.configure({ mode: 'serial' });

const rpc = <T>(name: string, input: unknown) => call<T>(station, name, input, token);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  station = await startStation({ demo: true, patients: 50 });
  ({ token } = await call<{ token: string }>(station, 'auth.login', { username: 'px.admin', password: station.demoPassword }, null));
  const hospitals = await rpc<{ items: { id: string; code: string }[] }>('hospitals.list', { pageSize: 50 });
  olayaId = hospitals.items.find((h) => h.code === 'OLAYA')!.id;
  const departments = await rpc<{ items: { id: string; code: string }[] }>('departments.list', { hospitalId: olayaId, pageSize: 200 });
  medId = departments.items.find((d) => d.code === 'MED')!.id;
});

test.afterAll(async () => {
  await station?.stop();
});

/** The clinic survey answered at the kiosk with the lowest marks: a negative response. */
async function negativeResponse(): Promise<string> {
  const patient = await rpc<{ id: string }>('patients.create', { hospitalId: olayaId, mrn: 'MRN-ACT-01', nameAr: 'خالد العنزي', nameEn: 'Khalid Alanazi' });
  const templates = await rpc<{ id: string; code: string }[]>('surveyTemplates.list', {});
  const opd = templates.find((t) => t.code === 'OPD-VISIT')!;
  const handed = await rpc<{ instance: { id: string }; link: string }>('surveys.handOut', {
    patientId: patient.id,
    templateId: opd.id,
    channel: 'kiosk',
    language: 'ar',
    departmentId: medId,
  });
  const answers = new URLSearchParams({
    page: '0',
    move: 'finish',
    lang: 'ar',
    q_overall: '1',
    q_waiting: '1',
    q_doctor_explained: '1',
    q_staff_respect: '1',
    q_recommend: '0',
    q_contact_me: 'no',
  });
  const posted = await fetch(handed.link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: answers });
  expect(posted.status, await posted.text()).toBe(200);
  return handed.instance.id;
}

test('a negative survey opens a PX action, worked through evidence and approval to closed, in Arabic', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const answered = responseId(await negativeResponse());
  // the negative flag and the action's subscriber run every minute: asked now rather than waited for
  const actionOf = async () =>
    (
      await rpc<{ items: { id: string; number: string; sourceId: string | null }[] }>('actions.list', { queue: 'all', sourceType: 'survey', pageSize: 500 })
    ).items.find((a) => a.sourceId === answered);
  await expect
    .poll(
      async () => {
        await rpc('jobs.runNow', { name: 'surveys.negative' });
        await rpc('jobs.runNow', { name: 'events:actions.negative-survey' });
        return (await actionOf()) !== undefined;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  const number = (await actionOf())!.number;

  await signIn(page, station, 'ar', 'olaya.manager');
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'إجراءات تحسين التجربة', exact: true }).click();
  const board = page.getByRole('region', { name: 'لوحة إجراءات التحسين' });
  const openColumn = board.getByRole('region', { name: 'مفتوح' });
  const card = openColumn.getByRole('listitem', { name: new RegExp(number) });
  await expect(card).toBeVisible();
  await expect(card.getByText('استبيان سلبي').first()).toBeVisible();
  await shot(page, 'actions-board', 'ar');
  await expectAccessible(page);

  await card.getByRole('link', { name: `فتح الإجراء ${number}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: number })).toBeVisible();
  await page.getByRole('button', { name: 'اجعلني المسؤول' }).click();
  await page.getByRole('button', { name: `بدء التنفيذ: الإجراء ${number}` }).click();
  await expect(page.getByText('قيد التنفيذ').first()).toBeVisible();
  // no evidence yet, and the evidence box is unticked: the station refuses the request for approval, saying why
  await page.getByRole('button', { name: `طلب الاعتماد: الإجراء ${number}` }).click();
  await expect(page.getByText('أضف ملاحظة أو ملفاً كدليل قبل طلب الاعتماد.')).toBeVisible();
  const noteBox = page.getByRole('form', { name: 'إضافة ملاحظة أو دليل' });
  await noteBox.getByRole('textbox', { name: 'الملاحظة' }).fill('تمت مراجعة مواعيد العيادة وإضافة طبيب في فترة الذروة.');
  await expect(noteBox.getByRole('checkbox', { name: /هذا دليل/ })).toBeChecked();
  await noteBox.getByRole('button', { name: 'إضافة' }).click();
  await expect(page.getByRole('region', { name: 'السجل الزمني' }).getByText('تمت مراجعة مواعيد العيادة')).toBeVisible();
  await page.getByRole('button', { name: `طلب الاعتماد: الإجراء ${number}` }).click();
  await expect(page.getByText('بانتظار الاعتماد').first()).toBeVisible();
  // the owner is offered no approval
  await expect(page.getByRole('button', { name: `اعتماد: الإجراء ${number}` })).toHaveCount(0);
  await shot(page, 'action-submitted', 'ar');
  await expectAccessible(page);

  // the PX coordinator approves it from the approval queue, then closes it
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  const coordinatorErrors = watchErrors(coordinator);
  await signIn(coordinator, station, 'ar', 'olaya.coordinator');
  await coordinator.goto(`${station.url}#/actions`);
  await coordinator.getByRole('radiogroup', { name: 'أي الإجراءات' }).getByText('بانتظار الاعتماد').click();
  const waiting = coordinator.getByRole('region', { name: 'بانتظار الاعتماد' }).getByRole('listitem', { name: new RegExp(number) });
  await waiting.getByRole('button', { name: `اعتماد: الإجراء ${number}` }).click();
  await coordinator.getByRole('radiogroup', { name: 'أي الإجراءات' }).getByText('الكل').click();
  const approved = coordinator.getByRole('region', { name: 'معتمد' }).getByRole('listitem', { name: new RegExp(number) });
  await approved.getByRole('button', { name: `إغلاق: الإجراء ${number}` }).click();
  await expect(approved).toHaveCount(0);
  expect(coordinatorErrors).toEqual([]);
  await coordinatorContext.close();

  await page.reload();
  await expect(page.getByText('مغلق').first()).toBeVisible();
  const timeline = page.getByRole('region', { name: 'السجل الزمني' });
  for (const step of [
    'فُتح تلقائياً من إجابة سلبية على استبيان',
    'من مفتوح إلى قيد التنفيذ',
    'من قيد التنفيذ إلى بانتظار الاعتماد',
    'من بانتظار الاعتماد إلى معتمد',
    'من معتمد إلى مغلق',
  ])
    await expect(timeline.getByText(step)).toBeVisible();
  await shot(page, 'action-closed', 'ar');
  // the one refusal: the request for approval without evidence
  expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});

test('the board, an action and a new action in English', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/actions/new`);
  const form = page.getByRole('form', { name: 'New PX action' });
  await form.getByRole('button', { name: 'Open the action' }).click();
  // nothing typed: refused at its field
  await expect(form.getByText(/required|at least/i).first()).toBeVisible();
  await form.getByRole('combobox', { name: 'Hospital' }).click();
  await page.getByRole('option', { name: /OLAYA/ }).click();
  await form.getByRole('textbox', { name: 'What is to be done' }).fill('Clear signs from the car park to the clinics');
  await form.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'High' }).click();
  await shot(page, 'action-new', 'en');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Open the action' }).click();
  await expect(page.getByText('Clear signs from the car park to the clinics')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^ACT-OLAYA-/ })).toBeVisible();
  await shot(page, 'action-detail', 'en');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'All actions' }).click();
  await expect(page.getByRole('region', { name: 'Board of PX actions' }).getByRole('listitem', { name: /Clear signs from the car park/ })).toBeVisible();
  // by keyboard
  await page.getByRole('switch', { name: 'Show closed and cancelled' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: 'Closed', exact: true })).toBeVisible();
  await shot(page, 'actions-board', 'en');
  await expectAccessible(page);
  // the empty form was refused in the console, before any call
  expect(errors).toEqual([]);
});

test('each column loads its own status a page at a time and says what it has not shown yet, in English and Arabic', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  // more open actions than a column loads at once (50): the oldest is on the second page
  const oldest = await rpc<{ number: string }>('actions.create', { hospitalId: olayaId, title: 'A bench by the pharmacy queue', priority: 'low' });
  for (let n = 1; n <= 55; n += 1) await rpc('actions.create', { hospitalId: olayaId, title: `Check the signs of corridor ${n}` });
  // a newer action closed and one cancelled: they stay off the board, and crowd nothing out
  for (const verb of ['close', 'cancel'] as const) {
    const made = await rpc<{ id: string }>('actions.create', { hospitalId: olayaId, title: `Gone: ${verb}`, evidenceRequired: false });
    if (verb === 'close') {
      for (const step of ['start', 'submit']) await rpc('actions.move', { id: made.id, verb: step });
      // approved by a second pair of eyes: the PX coordinator, who neither owns nor submitted it
      const approver = await call<{ token: string }>(station, 'auth.login', { username: 'olaya.coordinator', password: station.demoPassword }, null);
      await call(station, 'actions.move', { id: made.id, verb: 'approve' }, approver.token);
      await rpc('actions.move', { id: made.id, verb: 'close' });
    } else await rpc('actions.move', { id: made.id, verb: 'cancel', reason: 'Opened twice' });
  }
  const total = (await rpc<{ total: number }>('actions.list', { queue: 'all', status: 'open', pageSize: 1 })).total;
  expect(total).toBeGreaterThan(56);

  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/actions`);
  const board = page.getByRole('region', { name: 'Board of PX actions' });
  const open = board.getByRole('region', { name: 'Open', exact: true });
  await expect(open.getByText(`${total} actions`)).toBeVisible();
  await expect(open.getByRole('listitem')).toHaveCount(50);
  await expect(open.getByText(`Showing 50 of ${total}, newest first`)).toBeVisible();
  await expect(open.getByRole('listitem', { name: new RegExp(oldest.number) })).toHaveCount(0);
  await expect(board.getByRole('listitem', { name: /Gone: / })).toHaveCount(0);
  const more = open.getByRole('button', { name: 'Load more: Open' });
  await more.scrollIntoViewIfNeeded();
  await shot(page, 'actions-board-more', 'en');
  await expectAccessible(page);
  // by keyboard, until the column holds them all
  while (await more.isVisible()) {
    const shown = await open.getByRole('listitem').count();
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(open.getByRole('listitem')).not.toHaveCount(shown);
  }
  await expect(open.getByRole('listitem')).toHaveCount(total);
  await expect(open.getByRole('listitem', { name: new RegExp(oldest.number) })).toBeVisible();
  await expect(open.getByText(/^Showing /)).toHaveCount(0);

  // closed and cancelled only when asked for
  await page.getByRole('switch', { name: 'Show closed and cancelled' }).check();
  await expect(board.getByRole('region', { name: 'Closed', exact: true }).getByRole('listitem', { name: /Gone: close/ })).toBeVisible();
  await expect(board.getByRole('region', { name: 'Cancelled', exact: true }).getByRole('listitem', { name: /Gone: cancel/ })).toBeVisible();
  // "Mine" holds the actions still being worked: no approved, closed or cancelled column, and it says so
  await page.getByRole('radiogroup', { name: 'Which actions' }).getByText('Mine').click();
  await expect(page.getByText('Actions you own that are still being worked: open, in progress or waiting for approval.')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Show closed and cancelled' })).toBeDisabled();
  await expect(board.getByRole('region')).toHaveCount(3);
  await expect(board.getByRole('region', { name: 'Approved' })).toHaveCount(0);
  await shot(page, 'actions-board-mine', 'en');
  expect(errors).toEqual([]);

  // in Arabic
  const arabicContext = await browser.newContext();
  const arabic = await arabicContext.newPage();
  const arabicErrors = watchErrors(arabic);
  await signIn(arabic, station, 'ar');
  await arabic.goto(`${station.url}#/actions`);
  const openAr = arabic.getByRole('region', { name: 'لوحة إجراءات التحسين' }).getByRole('region', { name: 'مفتوح', exact: true });
  await expect(openAr.getByText(`يظهر 50 من ${total}، الأحدث أولاً`)).toBeVisible();
  const moreAr = openAr.getByRole('button', { name: 'تحميل المزيد: مفتوح' });
  await moreAr.scrollIntoViewIfNeeded();
  await shot(arabic, 'actions-board-more', 'ar');
  await expectAccessible(arabic);
  await moreAr.click();
  await expect(openAr.getByRole('listitem')).toHaveCount(Math.min(total, 100));
  await arabic.getByRole('radiogroup', { name: 'أي الإجراءات' }).getByText('إجراءاتي').click();
  await expect(arabic.getByRole('switch', { name: 'إظهار المغلقة والملغاة' })).toBeDisabled();
  await shot(arabic, 'actions-board-mine', 'ar');
  expect(arabicErrors).toEqual([]);
  await arabicContext.close();
});
