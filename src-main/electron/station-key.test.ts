import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopMasterKey, type SafeStorageLike } from './station-key.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function userData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-user-data-'));
  dirs.push(dir);
  return dir;
}

/** A stand-in for the OS store: reversible, and obviously not the clear text. */
const fakeStore: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (encrypted) => Buffer.from(encrypted).reverse().toString('utf8'),
};

describe('the desktop station key', () => {
  it('is made once per data folder, kept only encrypted by the OS store, and read back the same', () => {
    const dir = userData();
    const first = desktopMasterKey({ userData: dir, dataDir: '/data/a', safeStorage: fakeStore, log: () => {} })!;
    expect(first).toHaveLength(32);
    const [file] = fs.readdirSync(dir);
    expect(fs.readFileSync(path.join(dir, file!)).includes(Buffer.from(first.toString('base64')))).toBe(false);
    expect(fs.statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    expect(desktopMasterKey({ userData: dir, dataDir: '/data/a', safeStorage: fakeStore, log: () => {} })!.equals(first)).toBe(true);
    expect(desktopMasterKey({ userData: dir, dataDir: '/data/b', safeStorage: fakeStore, log: () => {} })!.equals(first)).toBe(false);
  });

  it('without an OS store, leaves the key to the data folder and says so', () => {
    const lines: string[] = [];
    const key = desktopMasterKey({
      userData: userData(),
      dataDir: null,
      safeStorage: { ...fakeStore, isEncryptionAvailable: () => false },
      log: (l) => lines.push(l),
    });
    expect(key).toBeNull();
    expect(lines[0]).toMatch(/credential store is not available/);
  });
});
