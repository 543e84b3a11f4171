import { expect, test, type Page } from '@playwright/test';
import { rpc as call, shot, signIn, watchErrors, expectAccessible } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Files on complaints and PX actions, as an officer attaches them. In
 * Arabic, on a complaint: a patient's letter (PDF) and a photo are picked
 * together, listed with their size and who added them, and on the
 * timeline; the photo opens in a preview; a program renamed .pdf is
 * refused in Arabic before anything is stored; the letter is taken off
 * with a reason, which stays on the timeline. In English, on an action: a
 * photo of the fix is evidence, and with it the action goes for approval;
 * a scan dropped onto the card is attached as a picked one is.
 */

let station: RunningStation;
let token = '';
let olayaId = '';

const LETTER = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
/** A 1×1 PNG. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PROGRAM = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00', 'latin1');

test.describe.configure({ mode: 'serial' });

const rpc = <T>(name: string, input: unknown) => call<T>(station, name, input, token);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  station = await startStation({ demo: true, patients: 50, complaints: false });
  ({ token } = await call<{ token: string }>(station, 'auth.login', { username: 'px.admin', password: station.demoPassword }, null));
  const hospitals = await rpc<{ items: { id: string; code: string }[] }>('hospitals.list', { pageSize: 50 });
  olayaId = hospitals.items.find((h) => h.code === 'OLAYA')!.id;
});

test.afterAll(async () => {
  await station?.stop();
});

/** Picks files through the card's button, as the file dialog would hand them over. */
async function pick(page: Page, button: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
}

test('a letter and a photo on a complaint, a program refused, the letter taken off, in Arabic', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const complaint = await rpc<{ id: string; number: string }>('complaints.create', {
    hospitalId: olayaId,
    channel: 'email',
    descriptionAr: 'أرسل المريض رسالة وصورة لغرفة الانتظار المزدحمة.',
  });
  await signIn(page, station, 'ar');
  await page.goto(`${station.url}#/complaints/${complaint.id}`);
  const files = page.getByRole('region', { name: 'الملفات' });
  await expect(files.getByText('لا توجد ملفات بعد.')).toBeVisible();

  await pick(page, 'إرفاق ملفات', [
    { name: 'رسالة المريض.pdf', mimeType: 'application/pdf', buffer: LETTER },
    { name: 'غرفة الانتظار.png', mimeType: 'image/png', buffer: PHOTO },
  ]);
  await expect(files.getByText('رسالة المريض.pdf')).toBeVisible();
  await expect(files.getByText('غرفة الانتظار.png')).toBeVisible();
  await expect(files.getByText(/بايت/).first()).toBeVisible();
  const timeline = page.getByRole('region', { name: 'السجل الزمني' });
  await expect(timeline.getByText(/أُرفق ملف: .?رسالة المريض\.pdf/)).toBeVisible();
  await expect(timeline.getByText(/أُرفق ملف: .?غرفة الانتظار\.png/)).toBeVisible();
  await files.scrollIntoViewIfNeeded();
  await shot(page, 'complaint-files', 'ar');
  await expectAccessible(page);

  // the photo opens in a preview
  await files.getByRole('button', { name: 'فتح غرفة الانتظار.png' }).click();
  const preview = page.getByRole('dialog', { name: 'غرفة الانتظار.png' });
  await expect(preview.getByRole('img', { name: 'معاينة غرفة الانتظار.png' })).toBeVisible();
  await shot(page, 'complaint-file-preview', 'ar');
  await preview.getByRole('button', { name: 'إغلاق' }).click();

  // the letter is saved as a file
  const download = page.waitForEvent('download');
  await files.getByRole('button', { name: 'حفظ رسالة المريض.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('رسالة المريض.pdf');

  // a program renamed .pdf: the station reads its content and refuses it, in Arabic
  await pick(page, 'إرفاق ملفات', [{ name: 'تقرير.pdf', mimeType: 'application/pdf', buffer: PROGRAM }]);
  await expect(files.getByRole('alert')).toContainText('أرفق ملف PDF أو صورة');
  await expect(files.getByText('تقرير.pdf')).toHaveCount(0);

  // the letter was another patient's: taken off with the reason
  await files.getByRole('button', { name: 'إزالة رسالة المريض.pdf' }).click();
  const dialog = page.getByRole('dialog', { name: /إزالة .*رسالة المريض\.pdf.* من السجل/ });
  await dialog.getByRole('textbox', { name: 'السبب' }).fill('رسالة مريض آخر أُرفقت بالخطأ.');
  await shot(page, 'complaint-file-remove', 'ar');
  await dialog.getByRole('button', { name: 'إزالة' }).click();
  await expect(files.getByText('رسالة المريض.pdf')).toHaveCount(0);
  await expect(timeline.getByText(/أُزيل ملف: .?رسالة المريض\.pdf/)).toBeVisible();
  await expect(timeline.getByText('رسالة مريض آخر أُرفقت بالخطأ.')).toBeVisible();

  // an action's owner, department, priority and date, changed in Arabic
  const action = await rpc<{ id: string }>('actions.create', { hospitalId: olayaId, title: 'تنظيم غرفة الانتظار' });
  await page.goto(`${station.url}#/actions/${action.id}`);
  await page.getByRole('button', { name: 'تعديل' }).click();
  const edit = page.getByRole('dialog', { name: /تعديل الإجراء/ });
  await edit.getByRole('combobox', { name: 'المسؤول' }).fill('coord');
  await page.getByRole('option', { name: /olaya\.coordinator/ }).click();
  await shot(page, 'action-edit', 'ar');
  await edit.getByRole('button', { name: 'حفظ' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'عن هذا الإجراء' }).getByText('olaya.coordinator')).toHaveCount(0);
  // the one refusal: the program
  expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});

test('a photo of the fix is an action’s evidence, and it goes for approval, in English', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const action = await rpc<{ id: string; number: string }>('actions.create', { hospitalId: olayaId, title: 'Clear the waiting room corridor' });
  await rpc('actions.move', { id: action.id, verb: 'start' });
  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/actions/${action.id}`);
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files.getByText('A file here is evidence of what was done')).toBeVisible();
  await pick(page, 'Attach files', [{ name: 'corridor-after.png', mimeType: 'image/png', buffer: PHOTO }]);
  await expect(files.getByText('corridor-after.png')).toBeVisible();
  await expect(page.getByText('Evidence: 1')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText(/File attached: .?corridor-after\.png/)).toBeVisible();
  await shot(page, 'action-files', 'en');
  await expectAccessible(page);
  // given to an owner, with a department and a date, from the action's own screen
  await page.getByRole('button', { name: 'Change' }).click();
  const edit = page.getByRole('dialog', { name: /Change action/ });
  const owner = edit.getByRole('combobox', { name: 'Owner' });
  await owner.fill('coord');
  await page.getByRole('option', { name: /olaya\.coordinator/ }).click();
  await edit.getByLabel('Committed date').fill('2026-12-20');
  await shot(page, 'action-edit', 'en');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  const facts = page.getByRole('region', { name: 'About this action' });
  await expect(facts.getByText('2026-12-20')).toBeVisible();
  await expect(facts.getByText('No owner yet')).toHaveCount(0);
  await page.getByRole('button', { name: `Submit for approval: ${action.number}` }).click();
  await expect(page.getByText('Waiting for approval').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the complaint’s files in English', async ({ page }) => {
  const complaint = await rpc<{ id: string }>('complaints.create', {
    hospitalId: olayaId,
    channel: 'web',
    descriptionEn: 'Photo of the broken chair attached.',
  });
  await rpc('complaints.attach', { id: complaint.id, fileName: 'broken-chair.png', content: PHOTO.toString('base64') });
  await rpc('complaints.attach', { id: complaint.id, fileName: 'letter.pdf', content: LETTER.toString('base64') });
  await signIn(page, station, 'en');
  await page.goto(`${station.url}#/complaints/${complaint.id}`);
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files.getByText('broken-chair.png')).toBeVisible();
  await expect(files.getByText('letter.pdf')).toBeVisible();
  // a scan dragged from the desktop and dropped onto the card
  const scan = Buffer.from('%PDF-1.7\n% a dropped scan\n%%EOF\n').toString('base64');
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(content), (c) => c.charCodeAt(0))], 'dropped-scan.pdf', { type: 'application/pdf' }));
    return transfer;
  }, scan);
  await files.dispatchEvent('dragover', { dataTransfer });
  await files.dispatchEvent('drop', { dataTransfer });
  await expect(files.getByText('dropped-scan.pdf')).toBeVisible();
  await files.scrollIntoViewIfNeeded();
  await shot(page, 'complaint-files', 'en');
  await expectAccessible(page);
});
