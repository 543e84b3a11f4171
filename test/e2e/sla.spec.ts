import { expect, test } from '@playwright/test';
import { rpc as call, shot, signIn, watchErrors, type Lang, expectAccessible } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Time limits end to end, on the real clock. In Arabic: the hospital works
 * around the clock and an urgent complaint's first response is due in one
 * business minute, escalated at due to the department's manager at any
 * hour. A complaint filed for Internal Medicine shows its SLA badge in the
 * queue and its clocks on the detail; a minute later the engine's job
 * escalates it, the timeline says so, and the bell of Internal Medicine's
 * manager — nobody else's — shows it; opening it reads it and opens the
 * complaint. Resolved, the complaint sends the patient the resolution
 * survey. Then Administration → Time limits in English and Arabic: a
 * policy saved as a new version, a proposed holiday added as closed days,
 * next year's Eid confirmed in advance, Ramadan's hours as a split shift
 * and the Eid closure from 16:00 on its eve, saved, reloaded and seen.
 * Every screen is pictured and checked by axe.
 */

let station: RunningStation;
let token = '';
let olayaId = '';
let medId = '';
let complaintId = '';
let complaintNumber = '';

test.describe.configure({ mode: 'serial' });

const rpc = <T>(name: string, input: unknown) => call<T>(station, name, input, token);
const allDay: [string, string][] = [['00:00', '24:00']];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // no demo complaints: the manager's bell holds only this spec's escalation
  station = await startStation({ demo: true, patients: 50, complaints: false });
  ({ token } = await call<{ token: string }>(station, 'auth.login', { username: 'px.admin', password: station.demoPassword }, null));
  const hospitals = await rpc<{ items: { id: string; code: string }[] }>('hospitals.list', { pageSize: 50 });
  olayaId = hospitals.items.find((h) => h.code === 'OLAYA')!.id;
  const departments = await rpc<{ items: { id: string; code: string }[] }>('departments.list', { hospitalId: olayaId, pageSize: 200 });
  medId = departments.items.find((d) => d.code === 'MED')!.id;
  // a hospital that works around the clock: the minute below counts whenever the test runs
  await rpc('sla.saveCalendar', {
    hospitalId: olayaId,
    calendar: { timeZone: 'Asia/Riyadh', weekly: { 0: allDay, 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay } },
    note: 'e2e: around the clock',
  });
  await rpc('sla.savePolicy', {
    hospitalId: olayaId,
    recordType: 'complaint',
    priority: 'urgent',
    content: {
      targets: { first_response: 1, resolution: 600 },
      steps: {
        first_response: [{ id: 'escalation_1', kind: 'escalation', level: 1, afterDueMinutes: 0, notify: ['department_manager'], anyTime: true }],
        resolution: [],
      },
    },
    note: 'e2e: one minute to the first response',
  });
});

test.afterAll(async () => {
  await station?.stop();
});

test('an urgent complaint escalates to its department’s manager at due, in the bell, then is resolved and surveyed, in Arabic', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const patient = await rpc<{ id: string }>('patients.create', {
    hospitalId: olayaId,
    mrn: 'MRN-SLA-01',
    nameAr: 'سارة الدوسري',
    nameEn: 'Sara Aldossary',
    phone: '0553334455',
  });
  const filed = await rpc<{ id: string; number: string }>('complaints.create', {
    hospitalId: olayaId,
    departmentId: medId,
    patientId: patient.id,
    channel: 'phone',
    priority: 'urgent',
    descriptionAr: 'تأخر إعطاء الدواء لوالدي في قسم الباطنة أكثر من ساعتين.',
  });
  complaintId = filed.id;
  complaintNumber = filed.number;

  await signIn(page, station, 'ar');
  await page.goto(`${station.url}#/complaints`);
  const row = page.getByRole('row').filter({ hasText: complaintNumber });
  // the badge: the first response's minute, or already due
  await expect(row.getByText(/متبقٍ|مستحقة الآن|متأخرة/)).toBeVisible();
  await shot(page, 'sla-queue', 'ar');

  await row.getByRole('link', { name: new RegExp(complaintNumber) }).click();
  const clocks = page.getByRole('region', { name: 'المهل الزمنية' });
  await expect(clocks.getByRole('heading', { name: 'الرد الأول' })).toBeVisible();
  await expect(clocks.getByRole('heading', { name: 'الحل' })).toBeVisible();
  await expect(clocks.getByText('تصعيد المستوى 1 — لم يحن بعد')).toBeVisible();

  // the real clock: a business minute later the engine's job (every minute; asked here not to wait) escalates it
  await expect
    .poll(
      async () => {
        await rpc('jobs.runNow', { name: 'sla.tick' });
        const detail = await rpc<{ timeline: { kind: string }[] }>('complaints.get', { id: complaintId });
        return detail.timeline.some((e) => e.kind === 'sla');
      },
      { timeout: 150_000, intervals: [5_000] },
    )
    .toBe(true);
  await page.reload();
  const timeline = page.getByRole('region', { name: 'السجل الزمني' });
  await expect(timeline.getByText('تصعيد، المستوى 1: تجاوزت مهلة الرد الأول')).toBeVisible();
  await expect(timeline.getByText(/أُبلغ: .*\(مدير القسم\)/)).toBeVisible();
  await expect(clocks.getByText('تصعيد المستوى 1 — أُرسل')).toBeVisible();
  await shot(page, 'sla-escalated', 'ar');
  await expectAccessible(page);

  // the bell of Internal Medicine's manager shows it; nobody else was escalated to
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  const managerErrors = watchErrors(manager);
  await signIn(manager, station, 'ar', 'olaya.manager');
  const bell = manager.getByRole('button', { name: 'الإشعارات: 1 غير مقروءة' });
  await expect(bell).toBeVisible();
  await bell.click();
  const dropdown = manager.getByRole('dialog', { name: 'الإشعارات' });
  const item = dropdown.getByRole('link', { name: new RegExp(`صُعّد إليك \\(المستوى 1\\): تجاوزت مهلة الرد الأول — ${complaintNumber}`) });
  await expect(item).toBeVisible();
  await shot(manager, 'sla-bell', 'ar');
  await expectAccessible(manager);
  await item.click();
  await expect(manager.getByRole('heading', { level: 2, name: new RegExp(complaintNumber) })).toBeVisible();
  await expect(manager.getByRole('button', { name: 'الإشعارات', exact: true })).toBeVisible();
  expect(managerErrors).toEqual([]);
  await managerContext.close();
  // the PX admin's bell has nothing of it
  await expect(page.getByRole('button', { name: 'الإشعارات', exact: true })).toBeVisible();

  // answered and resolved: the patient is asked how it was handled
  await rpc('complaints.note', { id: complaintId, text: 'نعتذر عن التأخير، وتمت مراجعة جدول إعطاء الأدوية.', visibility: 'patient' });
  await rpc('complaints.move', {
    id: complaintId,
    to: 'resolved',
    resolutionOutcome: 'upheld',
    resolutionCategory: 'process_change',
    resolutionSummary: 'راجعنا جدول إعطاء الأدوية في الباطنة واعتذرنا للمريض.',
  });
  // the resolution survey was made (not skipped), and the timeline says so
  const resolved = await rpc<{ timeline: { kind: string; toStatus: string | null; details: Record<string, unknown> | null }[] }>('complaints.get', {
    id: complaintId,
  });
  const resolvedEntry = resolved.timeline.find((e) => e.kind === 'status' && e.toStatus === 'resolved');
  expect(resolvedEntry?.details?.resolutionSurvey).toEqual({ id: expect.any(String), skipped: null });
  await page.reload();
  await expect(page.getByText('يُسأل المريض عن رضاه عن معالجة الشكوى (استبيان حل الشكوى).')).toBeVisible();
  await expect(clocks.getByText('ضمن المهلة').or(clocks.getByText('تجاوزت المهلة')).first()).toBeVisible();
  await shot(page, 'sla-resolved', 'ar');
  expect(errors).toEqual([]);
});

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test(`Administration → Time limits in ${lang}: a policy saved as a new version, holidays added as closed days, Ramadan's split shift and a closure`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await signIn(page, station, lang);
    await page.goto(`${station.url}#/admin/sla`);
    const words =
      lang === 'en'
        ? {
            title: 'Time limits (SLA)',
            hospital: 'Hospital',
            policies: 'Policies',
            edit: 'Edit the policy for Complaints · Low',
            dialog: /Complaints, Low priority/,
            resolution: 'Resolution (business minutes)',
            save: 'Save as a new version',
            saved: 'Saved version 1',
            calendar: 'Business calendar',
            add: /Add Founding Day as closed days/,
            added: 'Added — save to apply',
            saveCalendar: 'Save the calendar',
            confirmed: 'In the calendar',
            year: 'Year of the holidays',
            addEid: /Add Eid al-Fitr as closed days/,
            overrides: 'Special periods',
            addOverride: 'Add a special period',
            firstDay: (n: number) => `Special period ${n}: first day`,
            lastDay: (n: number) => `Special period ${n}: last day`,
            addPeriod: (n: number) => `Add a period to special period ${n}`,
            periodFrom: (n: number, k: number) => `Special period ${n}, working period ${k}: from`,
            periodTo: (n: number, k: number) => `Special period ${n}, working period ${k}: to (24:00 for midnight)`,
            addClosure: 'Add a closure',
            startDate: (n: number) => `Closure ${n}: start date`,
            startTime: (n: number) => `Closure ${n}: start time`,
            endDate: (n: number) => `Closure ${n}: end date`,
            endTime: (n: number) => `Closure ${n}: end time (24:00 for midnight)`,
            removeClosure: (n: number) => `Remove closure ${n}`,
            closureOrder: 'A closure must end after it starts.',
            notSaved: 'The calendar was not saved',
          }
        : {
            title: 'المهل الزمنية (SLA)',
            hospital: 'المستشفى',
            policies: 'السياسات',
            edit: 'تعديل سياسة الشكاوى · منخفضة',
            dialog: /الشكاوى، أولوية منخفضة/,
            resolution: 'الحل (دقائق عمل)',
            save: 'حفظ كإصدار جديد',
            saved: /الإصدار المحفوظ \d/,
            calendar: 'تقويم العمل',
            add: /إضافة يوم التأسيس أيام إغلاق/,
            added: 'أُضيفت — احفظ لتسري',
            saveCalendar: 'حفظ التقويم',
            confirmed: 'في التقويم',
            year: 'سنة الإجازات',
            addEid: /إضافة عيد الفطر أيام إغلاق/,
            overrides: 'فترات خاصة',
            addOverride: 'إضافة فترة خاصة',
            firstDay: (n: number) => `الفترة الخاصة ${n}: اليوم الأول`,
            lastDay: (n: number) => `الفترة الخاصة ${n}: اليوم الأخير`,
            addPeriod: (n: number) => `إضافة فترة دوام إلى الفترة الخاصة ${n}`,
            periodFrom: (n: number, k: number) => `الفترة الخاصة ${n}، فترة الدوام ${k}: من`,
            periodTo: (n: number, k: number) => `الفترة الخاصة ${n}، فترة الدوام ${k}: إلى (24:00 لمنتصف الليل)`,
            addClosure: 'إضافة إغلاق',
            startDate: (n: number) => `الإغلاق ${n}: تاريخ البدء`,
            startTime: (n: number) => `الإغلاق ${n}: وقت البدء`,
            endDate: (n: number) => `الإغلاق ${n}: تاريخ الانتهاء`,
            endTime: (n: number) => `الإغلاق ${n}: وقت الانتهاء (24:00 لمنتصف الليل)`,
            removeClosure: (n: number) => `حذف الإغلاق ${n}`,
            closureOrder: 'يجب أن ينتهي الإغلاق بعد بدايته.',
            notSaved: 'لم يُحفظ التقويم',
          };
    await expect(page.getByRole('heading', { level: 2, name: words.title })).toBeVisible();
    // the group's admin picks the hospital
    await page.getByRole('combobox', { name: words.hospital, exact: true }).click();
    await page.getByRole('option', { name: /OLAYA/ }).click();
    const policies = page.getByRole('region', { name: words.policies });
    await expect(policies.getByRole('row')).toHaveCount(9);
    await shot(page, 'sla-settings', lang);
    await expectAccessible(page);

    await policies.getByRole('button', { name: words.edit }).click();
    const dialog = page.getByRole('dialog', { name: words.dialog });
    const resolution = dialog.getByRole('textbox', { name: words.resolution });
    await resolution.fill(lang === 'en' ? '2000' : '2100');
    await shot(page, 'sla-policy-editor', lang);
    await dialog.getByRole('button', { name: words.save }).click();
    await expect(dialog).toBeHidden();
    const low = policies.getByRole('row').filter({ hasText: lang === 'en' ? 'Complaints · Low' : 'الشكاوى · منخفضة' });
    await expect(low.getByText(words.saved)).toBeVisible();

    const calendar = page.getByRole('region', { name: words.calendar });
    const add = calendar.getByRole('button', { name: words.add });
    if (await add.isVisible()) {
      await add.click();
      await expect(calendar.getByText(words.added)).toBeVisible();
      await calendar.getByRole('button', { name: words.saveCalendar }).click();
    }
    await expect(
      calendar
        .getByRole('row')
        .filter({ hasText: lang === 'en' ? 'Founding Day' : 'يوم التأسيس' })
        .getByText(words.confirmed),
    ).toBeVisible();

    // next year's Eid al-Fitr confirmed in advance; Ramadan before it on a split shift; the holiday from 16:00 on the eve of Eid
    const nextYear = new Date().getFullYear() + 1;
    const proposed = await rpc<{ proposedHolidays: { key: string; from: string; to: string }[] }>('sla.calendar', { hospitalId: olayaId, year: nextYear });
    const eid = proposed.proposedHolidays.find((h) => h.key.startsWith('eid_al_fitr'))!;
    const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const years = calendar.getByRole('radiogroup', { name: words.year });
    const eidRow = calendar.getByRole('row').filter({ hasText: eid.from });
    const closures = calendar.getByRole('table', { name: lang === 'en' ? 'Closures' : 'فترات الإغلاق' });
    if (lang === 'en') {
      await years.getByText(String(nextYear), { exact: true }).click();
      await calendar.getByRole('button', { name: words.addEid }).click();
      await expect(eidRow.getByText(words.added)).toBeVisible();

      await calendar.getByRole('button', { name: words.addOverride }).click();
      const n = (await calendar.getByRole('table', { name: words.overrides }).getByRole('row').count()) - 1;
      await calendar.getByRole('textbox', { name: words.firstDay(n) }).fill(dayBefore(eid.from, 29));
      await calendar.getByRole('textbox', { name: words.lastDay(n) }).fill(dayBefore(eid.from, 1));
      await calendar.getByRole('textbox', { name: words.periodFrom(n, 1) }).fill('10:00');
      await calendar.getByRole('textbox', { name: words.periodTo(n, 1) }).fill('15:00');
      await calendar.getByRole('button', { name: words.addPeriod(n) }).click();
      await calendar.getByRole('textbox', { name: words.periodFrom(n, 2) }).fill('21:30');
      await calendar.getByRole('textbox', { name: words.periodTo(n, 2) }).fill('24:00');

      // a closure that ends before it starts is refused on the spot, and nothing is saved
      await calendar.getByRole('button', { name: words.addClosure }).click();
      await calendar.getByRole('textbox', { name: words.startDate(1) }).fill(dayBefore(eid.from, 1));
      await calendar.getByRole('textbox', { name: words.startTime(1) }).fill('16:00');
      await calendar.getByRole('textbox', { name: words.endDate(1) }).fill(dayBefore(eid.from, 1));
      await calendar.getByRole('textbox', { name: words.endTime(1) }).fill('12:00');
      await expect(closures.getByText(words.closureOrder)).toBeVisible();
      await expect(calendar.getByRole('textbox', { name: words.endTime(1) })).toHaveAttribute('aria-invalid', 'true');
      await calendar.getByRole('button', { name: words.saveCalendar }).click();
      await expect(calendar.getByRole('alert').filter({ hasText: words.notSaved })).toBeVisible();
      await calendar.getByRole('textbox', { name: words.endDate(1) }).fill(eid.to);
      await calendar.getByRole('textbox', { name: words.endTime(1) }).fill('24:00');
      await expect(closures.getByText(words.closureOrder)).toBeHidden();
      await calendar.getByRole('button', { name: words.saveCalendar }).click();
      await expect(eidRow.getByText(words.confirmed)).toBeVisible();

      // stored as instants with Riyadh's offset
      const saved = await rpc<{ current: { calendar: { overrides: { from: string; hours: unknown }[]; closures: { start: string; end: string }[] } } }>(
        'sla.calendar',
        { hospitalId: olayaId },
      );
      expect(saved.current.calendar.closures).toEqual([{ start: `${dayBefore(eid.from, 1)}T16:00:00+03:00`, end: `${dayBefore(eid.to, -1)}T00:00:00+03:00` }]);
      expect(saved.current.calendar.overrides.find((o) => o.from === dayBefore(eid.from, 29))?.hours).toEqual([
        ['10:00', '15:00'],
        ['21:30', '24:00'],
      ]);
    }

    // after a reload (and in the other language) the split shift, the closure and next year's Eid are there
    await page.reload();
    await page.getByRole('combobox', { name: words.hospital, exact: true }).click();
    await page.getByRole('option', { name: /OLAYA/ }).click();
    const stored = await rpc<{ current: { calendar: { overrides: { from: string }[] } } }>('sla.calendar', { hospitalId: olayaId });
    const ramadan = stored.current.calendar.overrides.findIndex((o) => o.from === dayBefore(eid.from, 29)) + 1;
    const secondFrom = calendar.getByRole('textbox', { name: words.periodFrom(ramadan, 2) });
    await expect(calendar.getByRole('textbox', { name: words.periodFrom(ramadan, 1) })).toHaveValue('10:00');
    await expect(calendar.getByRole('textbox', { name: words.periodTo(ramadan, 1) })).toHaveValue('15:00');
    await expect(secondFrom).toHaveValue('21:30');
    await expect(calendar.getByRole('textbox', { name: words.periodTo(ramadan, 2) })).toHaveValue('24:00');
    await expect(calendar.getByRole('textbox', { name: words.startDate(1) })).toHaveValue(dayBefore(eid.from, 1));
    await expect(calendar.getByRole('textbox', { name: words.startTime(1) })).toHaveValue('16:00');
    // stored as midnight starting the next day, it reads back as entered: 24:00 of Eid's last day
    await expect(calendar.getByRole('textbox', { name: words.endDate(1) })).toHaveValue(eid.to);
    await expect(calendar.getByRole('textbox', { name: words.endTime(1) })).toHaveValue('24:00');
    await years.getByText(String(nextYear), { exact: true }).click();
    await expect(eidRow.getByText(words.confirmed)).toBeVisible();
    if (lang === 'ar') {
      // the field error in Arabic, on a closure not saved
      await calendar.getByRole('button', { name: words.addClosure }).click();
      await calendar.getByRole('textbox', { name: words.startDate(2) }).fill(eid.from);
      await calendar.getByRole('textbox', { name: words.endDate(2) }).fill(dayBefore(eid.from, 1));
      await expect(calendar.getByRole('textbox', { name: words.endDate(2) })).toHaveAttribute('aria-invalid', 'true');
      await expect(closures.getByText(words.closureOrder)).toBeVisible();
      await closures.scrollIntoViewIfNeeded();
      await shot(page, 'sla-closure-error', lang);
      await calendar.getByRole('button', { name: words.removeClosure(2) }).click();
      await expect(closures.getByText(words.closureOrder)).toBeHidden();
    }
    await secondFrom.scrollIntoViewIfNeeded();
    await shot(page, 'sla-calendar-periods', lang);
    // the whole card in one picture: a viewport as tall as the card, so the sticky header does not cross it
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport?.width ?? 1440, height: 2200 });
    await calendar.screenshot({ path: `test-results/screenshots/sla-calendar-card-${lang}.png` });
    if (viewport) await page.setViewportSize(viewport);
    await page.getByRole('region', { name: words.calendar }).scrollIntoViewIfNeeded();
    await shot(page, 'sla-calendar', lang);
    await page.screenshot({ path: `test-results/screenshots/sla-settings-full-${lang}.png`, fullPage: true });
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
}
