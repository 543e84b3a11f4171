import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The slice of Electron's safeStorage used here; a fake stands in for it in tests. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop station's master key (src-main/core/keys.ts), kept in the OS
 * credential store through Electron's safeStorage (DPAPI for the signed-in
 * Windows user; the Secret Service keyring on Linux): the file in the
 * profile folder is useless to another account or on another computer. One
 * key per data folder. Null when the OS offers no protected storage (a Linux
 * session without a keyring): the core then keeps station.key in the data
 * folder (0600) and the log says so.
 */
export function desktopMasterKey(options: {
  userData: string;
  dataDir: string | null;
  safeStorage: SafeStorageLike;
  log: (line: string) => void;
}): Buffer | null {
  if (!options.safeStorage.isEncryptionAvailable()) {
    options.log('security: the OS credential store is not available; the station key is kept in the data folder (readable by this account only)');
    return null;
  }
  const name = options.dataDir === null ? 'default' : createHash('sha256').update(path.resolve(options.dataDir)).digest('hex').slice(0, 16);
  const file = path.join(options.userData, `station-key-${name}.protected`);
  if (fs.existsSync(file)) {
    const key = Buffer.from(options.safeStorage.decryptString(fs.readFileSync(file)), 'base64');
    if (key.length === 32) return key;
    throw new Error(`${file} does not hold a PX360 station key.`);
  }
  const key = randomBytes(32);
  fs.mkdirSync(options.userData, { recursive: true });
  fs.writeFileSync(file, options.safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  return key;
}
