import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../src-shared/bridge.js';
import type { Language } from '../../src-shared/contract/common.js';
import { buildMenuTemplate } from './menu.js';
import { pickShellLanguage } from './shell-settings.js';

function recorder() {
  const sent: MenuCommand[] = [];
  const chosen: Language[] = [];
  return { sent, chosen, actions: { send: (c: MenuCommand) => sent.push(c), chooseLanguage: (l: Language) => chosen.push(l) } };
}

/** Every item of the template, depth first. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function find(template: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.label === label);
  if (!item) throw new Error(`no menu item "${label}"`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  // The handlers under test ignore their arguments; Electron's own types demand three.
  (item.click as unknown as () => void)();
}

describe('buildMenuTemplate', () => {
  it('speaks Arabic, with each language named in itself and the current one checked', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate({ language: 'ar', platform: 'win32', showDevTools: false }, actions);
    expect(template.map((i) => i.label)).toEqual(['المحطة', 'تحرير', 'عرض', 'مساعدة']);
    expect(find(template, 'العربية').checked).toBe(true);
    expect(find(template, 'English').checked).toBe(false);
    expect(find(template, 'قفل المحطة').accelerator).toBe('CmdOrCtrl+L');
  });

  it('speaks English and adds the macOS app menu only on macOS', () => {
    const { actions } = recorder();
    const mac = buildMenuTemplate({ language: 'en', platform: 'darwin', showDevTools: false }, actions);
    expect(mac.map((i) => i.label)).toEqual(['PX360', 'Station', 'Edit', 'View', 'Help']);
    const linux = buildMenuTemplate({ language: 'en', platform: 'linux', showDevTools: false }, actions);
    expect(linux[0]?.label).toBe('Station');
  });

  it('sends lock and reload to the console rather than reloading the page', () => {
    const { actions, sent } = recorder();
    const template = buildMenuTemplate({ language: 'en', platform: 'win32', showDevTools: false }, actions);
    click(find(template, 'Lock Station'));
    click(find(template, 'Reload'));
    expect(sent).toEqual(['lock', 'reload']);
    expect(find(template, 'Reload').role).toBeUndefined();
  });

  it('switching language both tells the console and remembers the choice', () => {
    const { actions, sent, chosen } = recorder();
    const template = buildMenuTemplate({ language: 'ar', platform: 'win32', showDevTools: false }, actions);
    click(find(template, 'English'));
    expect(sent).toEqual(['language:en']);
    expect(chosen).toEqual(['en']);
  });

  it('offers developer tools only when asked (unpackaged builds)', () => {
    const { actions } = recorder();
    const roles = (showDevTools: boolean) => items(buildMenuTemplate({ language: 'en', platform: 'win32', showDevTools }, actions)).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('isolates the Latin product name inside Arabic labels', () => {
    const { actions } = recorder();
    const quit = items(buildMenuTemplate({ language: 'ar', platform: 'win32', showDevTools: false }, actions)).find((i) => i.role === 'quit');
    expect(quit?.label).toBe('إنهاء \u2068PX360\u2069');
  });
});

describe('pickShellLanguage', () => {
  it.each([
    [undefined, ['ar-SA', 'en-US'], 'ar'],
    [undefined, ['en-GB', 'ar'], 'en'],
    [undefined, ['fr-FR', 'en_US'], 'en'],
    [undefined, ['fr-FR', 'ur-PK'], 'ar'],
    [undefined, [], 'ar'],
    ['en', ['ar-SA'], 'en'],
    ['ar', ['en-US'], 'ar'],
  ] as const)('saved %s, OS %j → %s', (saved, os, expected) => {
    expect(pickShellLanguage(saved, os)).toBe(expected);
  });
});
