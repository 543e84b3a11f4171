import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, safeStorage, session, utilityProcess } from 'electron';
import { IPC_CHANNELS, type MenuCommand } from '../../src-shared/bridge.js';
import type { Language } from '../../src-shared/contract/common.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { CoreSupervisor, type CoreChild } from './core-supervisor.js';
import { buildMenuTemplate } from './menu.js';
import { registerRpcRelay } from './rpc-relay.js';
import { desktopMasterKey } from './station-key.js';
import { pickShellLanguage, readShellSettings, writeShellSettings } from './shell-settings.js';
import { startUpdater } from './updater.js';
import { createMainWindow, denyAllPermissions, hardenWebContents } from './window.js';

/*
 * The Electron main process: window, menu, updater and the IPC relay to the
 * station core. It never opens the database and never does work that could
 * block; everything the hospital's data touches runs in the core process.
 */

let logFile: WriteStream | null = null;
function log(line: string): void {
  const stamped = `${new Date().toISOString()} [shell] ${line}`;
  console.log(stamped);
  logFile?.write(`${stamped}\n`);
}

/** `--data-dir <dir>`, `--data-dir=<dir>` or PX360_DATA_DIR; otherwise the core picks the per-OS default. */
function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1] ?? '');
    if (arg.startsWith('--data-dir=')) return path.resolve(arg.slice('--data-dir='.length));
  }
  return env.PX360_DATA_DIR ? path.resolve(env.PX360_DATA_DIR) : null;
}

// Both must happen before `ready`: sandboxing applies to every renderer, the scheme needs its privileges up front.
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second shell would start a second core on the same SQLite file; it hands over to the first window and leaves.
  app.quit();
} else {
  runShell();
}

function runShell(): void {
  let mainWindow: BrowserWindow | null = null;
  let language: Language = 'ar';
  let quitting = false;
  const appDir = app.getAppPath();
  const mainDir = path.join(appDir, 'dist', 'main');
  const dataDir = dataDirOverride(process.argv, process.env);

  const focusWindow = (): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', focusWindow);

  // a site not on the allowlist opens only after the user has seen its name (security.ts, externalLinkDecision)
  const confirmOutside = async (domain: string): Promise<boolean> => {
    const ar = language === 'ar';
    const options = {
      type: 'question' as const,
      buttons: ar ? ['فتح', 'إلغاء'] : ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'PX360',
      message: ar ? `فتح الموقع \u2068${domain}\u2069 في المتصفح؟` : `Open ${domain} in your browser?`,
      detail: ar ? 'الرابط يقود إلى خارج PX360. افتحه فقط إن كنت تثق بهذا الموقع.' : 'The link leads outside PX360. Open it only if you trust this site.',
    };
    const answer = mainWindow && !mainWindow.isDestroyed() ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    return answer.response === 0;
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log, confirmOutside));

  const sendMenuCommand = (command: MenuCommand): void => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_CHANNELS.menu, command);
  };
  const applyMenu = (): void => {
    const template = buildMenuTemplate({ language, platform: process.platform, showDevTools: !app.isPackaged }, { send: sendMenuCommand, chooseLanguage });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  function chooseLanguage(chosen: Language): void {
    if (chosen === language) return;
    language = chosen;
    applyMenu();
    try {
      writeShellSettings(app.getPath('userData'), { language });
    } catch (error) {
      log(`could not remember the menu language: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let masterKey: Buffer | null | undefined;
  const core = new CoreSupervisor({
    log,
    masterKey: () => (masterKey ??= desktopMasterKey({ userData: app.getPath('userData'), dataDir, safeStorage, log })),
    spawn: (): CoreChild => {
      const child = utilityProcess.fork(path.join(mainDir, 'core-process.cjs'), dataDir ? ['--data-dir', dataDir] : [], {
        serviceName: 'PX360 Station Core',
        stdio: 'inherit',
      });
      return {
        postMessage: (message) => child.postMessage(message),
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.on('exit', listener),
        kill: () => child.kill(),
      };
    },
    onReady: (info) => {
      void startUpdater({ dataDir: info.dataDir, isPackaged: app.isPackaged, log });
    },
  });

  const openWindow = (): void => {
    const icon = path.join(appDir, 'resources', 'icon.png');
    mainWindow = createMainWindow({ preloadPath: path.join(mainDir, 'preload.cjs'), iconPath: existsSync(icon) ? icon : undefined, log });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.whenReady().then(
    () => {
      mkdirSync(app.getPath('logs'), { recursive: true });
      logFile = createWriteStream(path.join(app.getPath('logs'), 'shell.log'), { flags: 'a' });
      logFile.on('error', () => {
        logFile = null; // a full or read-only disk must not take the shell down; the console log still has the lines
      });
      log(`PX360 ${app.getVersion()} starting (Electron ${process.versions.electron}, packaged: ${app.isPackaged})`);

      language = pickShellLanguage(readShellSettings(app.getPath('userData')).language, app.getPreferredSystemLanguages());
      denyAllPermissions(session.defaultSession, log);
      serveRenderer(path.join(appDir, 'dist', 'renderer'), log);
      registerRpcRelay({ getWindow: () => mainWindow, core, log, onLanguageChosen: chooseLanguage });
      applyMenu();
      core.start();
      openWindow();

      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    },
    (error: unknown) => {
      log(`startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      app.exit(1);
    },
  );

  // The station core goes with the window: its HIS listener keeps running only in headless mode (a service).
  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    log('quitting: closing the station core');
    void core.stop().finally(() => {
      logFile?.end();
      app.quit();
    });
  });
}
