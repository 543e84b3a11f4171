import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUpdateFeed, publisherNamesOf, UPDATE_FEED_FILE } from './update-feed.js';

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'px360-feed-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const writeFeed = (content: string): void => writeFileSync(path.join(dataDir, UPDATE_FEED_FILE), content);

describe('findUpdateFeed', () => {
  it('is off when nothing is configured, and says where it looked', async () => {
    const lookup = await findUpdateFeed({}, dataDir);
    expect(lookup.kind).toBe('none');
    if (lookup.kind === 'none') expect(lookup.reason).toContain(UPDATE_FEED_FILE);
  });

  it('takes PX360_UPDATE_URL before the file', async () => {
    writeFeed(JSON.stringify({ url: 'https://file.example.com/px360' }));
    const lookup = await findUpdateFeed({ PX360_UPDATE_URL: 'https://updates.example.com/px360/' }, dataDir);
    expect(lookup).toEqual({ kind: 'feed', feed: { url: 'https://updates.example.com/px360/' }, from: 'PX360_UPDATE_URL' });
  });

  it('reads the feed file from the data folder, channel included', async () => {
    writeFeed(JSON.stringify({ url: 'https://updates.hospital.local/px360', channel: 'beta' }));
    const lookup = await findUpdateFeed({}, dataDir);
    expect(lookup).toMatchObject({ kind: 'feed', feed: { url: 'https://updates.hospital.local/px360', channel: 'beta' } });
  });

  it.each([
    ['plain http', JSON.stringify({ url: 'http://updates.example.com/' })],
    ['credentials in the URL', JSON.stringify({ url: 'https://admin:secret@updates.example.com/' })],
    ['an unknown key', JSON.stringify({ url: 'https://updates.example.com/', autoInstall: false })],
    ['a bad channel', JSON.stringify({ url: 'https://updates.example.com/', channel: '../x' })],
    ['broken JSON', '{ "url": '],
  ])('refuses a feed file with %s', async (_label, content) => {
    writeFeed(content);
    expect((await findUpdateFeed({}, dataDir)).kind).toBe('none');
  });

  it('refuses a non-https PX360_UPDATE_URL rather than falling back to the file', async () => {
    writeFeed(JSON.stringify({ url: 'https://file.example.com/px360' }));
    const lookup = await findUpdateFeed({ PX360_UPDATE_URL: 'http://updates.example.com/' }, dataDir);
    expect(lookup.kind).toBe('none');
  });
});

describe('the publishers a signed installation takes updates from', () => {
  const file = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'px360-app-update-'));
    writeFileSync(path.join(dir, 'app-update.yml'), text);
    return path.join(dir, 'app-update.yml');
  };
  it.each([
    [
      "provider: generic\nurl: https://hub/updates\npublisherName:\n  - 'Dallah Healthcare Co.'\n  - PX360 Ltd\nupdaterCacheDirName: px360-updater\n",
      ['Dallah Healthcare Co.', 'PX360 Ltd'],
    ],
    ['publisherName: PX360 Ltd\nprovider: generic\n', ['PX360 Ltd']],
    ['provider: generic\nurl: https://hub/updates\n', []],
  ])('%j → %j', (text, names) => {
    expect(publisherNamesOf(file(text))).toEqual(names);
  });
  it('is empty when there is no app-update.yml (an unpackaged or unsigned build)', () => {
    expect(publisherNamesOf('/nonexistent/app-update.yml')).toEqual([]);
  });
});
