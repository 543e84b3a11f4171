import { expect, test, type Page } from '@playwright/test';
import { FakeHub } from '../fixtures/sync-hub.js';
import { rpc as rpcTo, shot, signIn, watchErrors, type Lang } from './console.js';
import { startStation, type RunningStation } from './station.js';

/*
 * Administration → Jobs, in Arabic and English: the demo station enrolled
 * with a hub that has since gone away, so the sync job fails (and says why)
 * beside the HIS event processor, which runs fine. The PX admin reads each
 * job's status, last and next run in the hospital's time, the last error,
 * sees that no part reads domain events yet, and runs a job now from the
 * keyboard.
 */

let station: RunningStation;
const rpc = <T>(name: string, input: unknown, token: string | null): Promise<T> => rpcTo<T>(station, name, input, token);

interface Listed {
  jobs: { name: string; lastOutcome: string | null; running: boolean }[];
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const hub = await FakeHub.start();
  station = await startStation({ demo: true, patients: 20 });
  const { token } = await rpc<{ token: string }>('auth.login', { username: 'px.admin', password: station.demoPassword }, null);
  await rpc('sync.enrol', { hubUrl: hub.url, code: hub.issueCode() }, token);
  // the hub goes away; the next round of the sync job fails, and says why
  await expect.poll(async () => (await rpc<Listed>('jobs.list', {}, token)).jobs.find((j) => j.name === 'sync')?.running, { timeout: 30_000 }).toBe(false);
  await hub.close();
  await rpc('jobs.runNow', { name: 'sync' }, token);
  await expect
    .poll(async () => (await rpc<Listed>('jobs.list', {}, token)).jobs.find((j) => j.name === 'sync')?.lastOutcome, { timeout: 30_000 })
    .toBe('failed');
});

test.afterAll(async () => {
  await station?.stop();
});

const T = {
  ar: {
    nav: 'المهام',
    title: 'المهام الخلفية',
    table: 'المهام الخلفية',
    headers: ['المهمة', 'مواعيد التشغيل', 'الحالة', 'آخر تشغيل', 'التشغيل التالي', 'آخر خطأ'],
    processor: 'معالجة أحداث نظام المعلومات الصحية',
    sync: 'المزامنة مع المركز',
    everySecond: 'كل ثانية',
    ok: 'سليمة',
    failing: 'متعثرة',
    unreachable: 'تعذر الوصول إلى المركز. التغييرات محفوظة وستُرسل عند عودته.',
    summary: /^مهام متعثرة: 1\./,
    inRow: /مرات الإخفاق المتتالية: \d+/,
    readers: 'مستقبِلو الأحداث',
    reader: 'استبيانات مراحل الرحلات المكتملة',
    runProcessor: 'شغّل الآن: معالجة أحداث نظام المعلومات الصحية',
    asked: 'طُلب تشغيل: معالجة أحداث نظام المعلومات الصحية.',
  },
  en: {
    nav: 'Jobs',
    title: 'Background jobs',
    table: 'Background jobs',
    headers: ['Job', 'Runs', 'Status', 'Last run', 'Next run', 'Last error'],
    processor: 'Process HIS events',
    sync: 'Sync with the hub',
    everySecond: 'Every second',
    ok: 'OK',
    failing: 'Failing',
    unreachable: 'The hub cannot be reached. Changes are kept and sent when it is back.',
    summary: /^Jobs failing: 1\./,
    inRow: /Failed runs in a row: \d+/,
    readers: 'Event readers',
    reader: 'Surveys for completed journey stages',
    runProcessor: 'Run now: Process HIS events',
    asked: 'Asked to run: Process HIS events.',
  },
} as const;

const jobsTable = (page: Page, lang: Lang) => page.getByRole('table', { name: T[lang].table });

for (const lang of ['ar', 'en'] as const satisfies readonly Lang[]) {
  test(`background jobs in ${lang}: status, last and next run, the last error, run now`, async ({ page }) => {
    const text = T[lang];
    const errors = watchErrors(page);
    await signIn(page, station, lang);
    await page.getByRole('navigation').getByRole('link', { name: text.nav, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: text.title })).toBeVisible();

    const table = jobsTable(page, lang);
    await expect(table.getByRole('columnheader')).toHaveText([...text.headers, lang === 'ar' ? 'شغّل الآن' : 'Run now']);
    const processor = table.getByRole('row').filter({ hasText: text.processor });
    await expect(processor).toContainText(text.everySecond);
    await expect(processor.getByText(text.ok, { exact: true })).toBeVisible();
    // last run, in the hospital's time, Gregorian with the Hijri date under it
    await expect(processor.locator('time').first()).toBeVisible();

    const sync = table.getByRole('row').filter({ hasText: text.sync });
    await expect(sync.getByText(text.failing, { exact: true })).toBeVisible();
    await expect(sync).toContainText(text.unreachable);
    await expect(sync).toContainText(text.inRow);
    await expect(sync).toContainText('unreachable');
    await expect(page.getByRole('status').filter({ hasText: text.summary })).toBeVisible();
    // the readers of domain events: the surveys made when a journey stage completes
    await expect(page.getByRole('table', { name: text.readers }).getByRole('row').filter({ hasText: text.reader })).toBeVisible();
    await shot(page, 'jobs', lang);

    // from the keyboard: the button is named for its job
    const run = page.getByRole('button', { name: text.runProcessor });
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText(text.asked)).toBeVisible();
    expect(errors).toEqual([]);
  });
}
