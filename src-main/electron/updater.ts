import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import { findUpdateFeed, publisherNamesOf } from './update-feed.js';

const RECHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export interface UpdaterOptions {
  readonly dataDir: string;
  readonly isPackaged: boolean;
  readonly log: (line: string) => void;
}

let started = false;

/**
 * Checks the feed now and every few hours; a downloaded update installs when
 * the user quits, never in the middle of someone's shift.
 */
export async function startUpdater(options: UpdaterOptions): Promise<void> {
  if (started) return;
  started = true;
  const { log } = options;
  const lookup = await findUpdateFeed(process.env, options.dataDir);
  if (lookup.kind === 'none') {
    log(`auto-update off: ${lookup.reason}`);
    return;
  }
  if (!options.isPackaged) {
    log(`auto-update feed ${lookup.feed.url} (from ${lookup.from}) ignored: this is an unpackaged development build`);
    return;
  }

  autoUpdater.logger = {
    info: (message?: unknown) => log(`updater: ${String(message)}`),
    warn: (message?: unknown) => log(`updater warning: ${String(message)}`),
    error: (message?: unknown) => log(`updater error: ${String(message)}`),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  // Never switched off here: a signed installation (app-update.yml names its publisher) takes only
  // updates signed by that publisher, and refuses an unsigned one (electron-builder.yml, win).
  const signedBy = publisherNamesOf(path.join(process.resourcesPath, 'app-update.yml'));
  log(
    signedBy.length > 0
      ? `updater: updates must be signed by ${signedBy.join(' or ')}`
      : 'updater: this installation is unsigned; its updates are not signature-checked',
  );
  autoUpdater.setFeedURL({ provider: 'generic', url: lookup.feed.url, ...(lookup.feed.channel ? { channel: lookup.feed.channel } : {}) });

  autoUpdater.on('checking-for-update', () => log('updater: checking for an update'));
  autoUpdater.on('update-available', (info) => log(`updater: version ${info.version} available, downloading`));
  autoUpdater.on('update-not-available', (info) => log(`updater: up to date (${info.version})`));
  autoUpdater.on('update-downloaded', (info) => log(`updater: version ${info.version} downloaded; it installs when PX360 quits`));
  autoUpdater.on('error', (error) => log(`updater error: ${error.message}`));

  log(`auto-update from ${lookup.feed.url} (configured by ${lookup.from})`);
  const check = (): void => {
    // A station offline for weeks is normal; a failed check is logged by the error handler and retried later.
    autoUpdater.checkForUpdates().catch(() => undefined);
  };
  check();
  setInterval(check, RECHECK_EVERY_MS).unref();
}
