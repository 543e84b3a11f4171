import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { RunningStation } from './station.js';

/** Shared steps of the console specs: signing in in a language, pictures, and a watch for errors. */

export type Lang = 'ar' | 'en';

/** The screen's picture, for a person to look at; a toast from the last action would hide what is under it. */
export async function shot(page: Page, screen: string, lang: Lang): Promise<void> {
  const toasts = page.locator('.mantine-Notification-closeButton');
  for (let left = await toasts.count(); left > 0; left -= 1)
    await toasts
      .first()
      .click({ timeout: 1_000 })
      .catch(() => undefined);
  await page.screenshot({ path: `test-results/screenshots/${screen}-${lang}.png`, fullPage: false });
}

/**
 * Sign in as a demo user and make sure the console speaks `lang`.
 * `onLoginScreen` runs once the login screen is in that language (for its picture).
 */
export async function signIn(page: Page, station: RunningStation, lang: Lang, username = 'px.admin', onLoginScreen?: () => Promise<void>): Promise<void> {
  await page.goto(station.url);
  const login = { ar: 'تسجيل الدخول إلى PX360', en: 'Sign in to PX360' };
  const toggle = { ar: 'Switch to العربية', en: 'التبديل إلى English' };
  // the login screen's own language toggle, remembered on this machine
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (!(await page.getByRole('heading', { name: login[lang] }).isVisible())) {
    await page.getByRole('button', { name: toggle[lang] }).click();
  }
  await expect(page.getByRole('heading', { name: login[lang] })).toBeVisible();
  await onLoginScreen?.();

  const labels = { ar: ['اسم المستخدم', 'كلمة المرور', 'تسجيل الدخول'], en: ['Username', 'Password', 'Sign in'] }[lang];
  await page.getByRole('textbox', { name: labels[0], exact: true }).fill(username);
  await page.getByRole('textbox', { name: labels[1], exact: true }).fill(station.demoPassword ?? '');
  await page.getByRole('button', { name: labels[2], exact: true }).click();
  await expect(page.getByRole('navigation')).toBeVisible();

  // signed in, the user's remembered language wins; switch it if it is not the one under test
  if ((await page.locator('html').getAttribute('lang')) !== lang) {
    await page.getByRole('button', { name: /User menu|قائمة المستخدم/ }).click();
    await page.getByRole('menuitem', { name: { ar: 'Switch to العربية', en: 'التبديل إلى English' }[lang] }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
}

/** A page error or a console error is a defect even when the screen looks right. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** One call of the station's API over HTTP, as the console makes it (setting up what a spec starts from). */
export async function rpc<T>(station: RunningStation, name: string, input: unknown, token: string | null): Promise<T> {
  const response = await fetch(`${station.url}rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Nothing serious or critical for axe on the screen as it stands. Colour
 * contrast is left out: the console's theme itself falls short of 4.5:1 on
 * every screen (Mantine's dimmed grey, the teal-7 links), which is for the
 * theme to change, not one area.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).disableRules(['color-contrast']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
