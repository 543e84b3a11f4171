import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, externalLinkDecision } from './security.js';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly iconPath: string | undefined;
  readonly log: (line: string) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'PX360',
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#f7f9fb',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spell checker fetches dictionaries from Google: not from a hospital PC holding patient data.
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // If the console bundle is missing or broken the window must still appear, or the user sees nothing at all.
  window.webContents.once('did-fail-load', (_event, code, description) => {
    options.log(`console failed to load (${code} ${description})`);
    if (!window.isDestroyed()) window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log(`console renderer gone (${details.reason}, exit code ${details.exitCode}); reloading`);
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });
  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    options.log(`could not load the console: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}

/** Asks the user whether to open a site that is not on the allowlist, naming its domain; true to open. */
export type ConfirmOutside = (domain: string) => Promise<boolean>;

/**
 * A link to the outside world goes to the system browser: a vetted https URL
 * on the allowlist at once, any other vetted one after the user has seen its
 * domain and agreed (externalLinkDecision); nothing else.
 */
function openOutside(url: string, log: (line: string) => void, confirm: ConfirmOutside): void {
  const decision = externalLinkDecision(url);
  if (decision.action === 'refuse') {
    log(`refused to open ${url.slice(0, 200)}: not a vetted https URL`);
    return;
  }
  const open = () => shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${error instanceof Error ? error.message : String(error)}`));
  if (decision.action === 'open') {
    void open();
    return;
  }
  void confirm(decision.domain).then((yes) => {
    if (yes) void open();
    else log(`the user chose not to open ${decision.domain}`);
  });
}

/**
 * Applied to every WebContents the app ever creates (from `web-contents-created`),
 * so a window or frame added later cannot forget it. The console is a single
 * page: it never navigates, never opens windows and never embeds webviews.
 */
export function hardenWebContents(contents: WebContents, log: (line: string) => void, confirm: ConfirmOutside): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('refused to attach a <webview>');
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openOutside(event.url, log, confirm);
  });
  contents.on('will-redirect', (event) => {
    if (!event.url.startsWith(`${APP_ORIGIN}/`)) {
      event.preventDefault();
      log(`refused a redirect to ${event.url.slice(0, 200)}`);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, log, confirm);
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications, geolocation, USB, serial, HID …: the console needs none of them. */
export function denyAllPermissions(session: Session, log: (line: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
