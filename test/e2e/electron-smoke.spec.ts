import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { installedElectronBinary } from '../../src-main/electron/electron-binary.js';

/*
 * The desktop shell end to end: the real Electron binary, the real preload
 * and a real station core in its utilityProcess. Sandbox and context
 * isolation stay on, exactly as shipped.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const electronBinary = installedElectronBinary(root);
const electronInstalled = electronBinary !== null;

test.describe('desktop shell', () => {
  test.skip(!electronInstalled, 'Electron runtime not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1); the shell is type-checked only');

  let app: ElectronApplication;
  let page: Page;
  let dataDir = '';

  test.beforeAll(async () => {
    expect(existsSync(path.join(root, 'dist', 'renderer', 'index.html')), 'run npm run build:renderer first').toBe(true);
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-main.ts'], { cwd: root, stdio: 'inherit' });
    expect(built.status).toBe(0);
    dataDir = mkdtempSync(path.join(tmpdir(), 'px360-e2e-shell-'));
    app = await _electron.launch({
      // passed explicitly: left to itself Playwright would require('electron'), which downloads a missing binary
      executablePath: electronBinary ?? undefined,
      args: [root],
      cwd: root,
      env: { ...process.env, PX360_DATA_DIR: dataDir, PX360_UPDATE_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the console from app:// with the PX360 title', async () => {
    await expect(page).toHaveTitle(/PX360/);
    expect(new URL(page.url()).protocol).toBe('app:');
  });

  // With context isolation and the sandbox, the page sees the two bridge functions and no Node or Electron object at all.
  test('the page gets the bridge and nothing of Node', async () => {
    const globals = await page.evaluate(() => ({
      bridge: typeof window.px360,
      transport: window.px360?.transport,
      call: typeof window.px360?.call,
      require: typeof Reflect.get(globalThis, 'require'),
      process: typeof Reflect.get(globalThis, 'process'),
      ipcRenderer: typeof Reflect.get(window.px360 ?? {}, 'ipcRenderer'),
    }));
    expect(globals).toEqual({ bridge: 'object', transport: 'ipc', call: 'function', require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
  });

  test('a call reaches the station core and comes back', async () => {
    const result = await page.evaluate(() => window.px360?.call('system.status', {}, null));
    expect(result).toMatchObject({ ok: true, data: { stationId: expect.any(String) } });
  });

  test('navigation away from the console is refused', async () => {
    const before = page.url();
    // plain http is never a vetted link, so this neither navigates nor opens a browser
    await page.evaluate(() => {
      window.location.href = 'http://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });
});
