import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The station's keys, all derived from one 256-bit master key that is never
 * stored in the database: whoever copies station.sqlite (a backup, a shared
 * folder, another account on the PC) gets no usable secret from it, and
 * cannot forge the audit chain.
 *
 * Where the master key lives:
 * - the desktop app: in the OS credential store, through Electron's
 *   safeStorage (DPAPI on Windows, the keyring on Linux); main decrypts
 *   `station.key.protected` and hands the key to the core process
 *   (src-main/electron/station-key.ts);
 * - headless: `station.key` beside the database, readable by the station's
 *   account only (0600). Back it up apart from the data: without it the
 *   station's sealed secrets (hub token, HMAC secrets) must be issued again.
 */
export const MASTER_KEY_FILE = 'station.key';

export interface StationKeys {
  /** seals stored secrets (SecretBox) */
  readonly secrets: Buffer;
  /** keys each link of the audit chain (HMAC-SHA256) */
  readonly audit: Buffer;
  /** signs the audit checkpoints anchored at the hub (Ed25519) */
  readonly signing: KeyObject;
  /** its public half, SPKI DER in base64: what the hub checks the checkpoints with */
  readonly signingPublicKey: string;
  /** derives the tokens of the survey links this station issues (src-shared/surveys/links.ts) */
  readonly surveyLinks: Buffer;
}

function derive(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `px360 station ${label} v1`, 32));
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410)
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function deriveStationKeys(master: Buffer): StationKeys {
  if (master.length !== 32) throw new Error('The station key must be 32 bytes.');
  const signing = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, derive(master, 'audit-signing')]), format: 'der', type: 'pkcs8' });
  return {
    secrets: derive(master, 'secrets'),
    audit: derive(master, 'audit-chain'),
    signing,
    signingPublicKey: createPublicKey(signing).export({ format: 'der', type: 'spki' }).toString('base64'),
    surveyLinks: derive(master, 'survey-links'),
  };
}

export function newMasterKey(): Buffer {
  return randomBytes(32);
}

/**
 * The headless station's master key: read from `station.key` in the data
 * folder, made on first start (0600). A key file others can read is put
 * right, with a warning in the log.
 */
export function headlessMasterKey(dataDir: string, log: (line: string) => void): Buffer {
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, `${newMasterKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  restrictMode(file, 0o600, log);
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a PX360 station key. Restore it from your backup, or move it away to start with a new key.`);
  return key;
}

/** Narrows a file's or folder's mode to `mode` when others could read it, and says so. */
export function restrictMode(target: string, mode: number, log: (line: string) => void): void {
  if (process.platform === 'win32' || !fs.existsSync(target)) return; // NTFS: the profile folder's ACL protects it
  const current = fs.statSync(target).mode & 0o777;
  if ((current & ~mode) === 0) return;
  fs.chmodSync(target, mode);
  log(`security: ${target} was readable by other accounts (mode ${current.toString(8)}); set to ${mode.toString(8)}`);
}

const SEALED = 'px360s1:';

/**
 * Secrets kept in the database (the hub token, HMAC secrets, provider
 * credentials, TOTP secrets) sealed with AES-256-GCM under the station's
 * secrets key: `px360s1:` + base64(iv | tag | ciphertext). A value sealed
 * on another station, or altered, does not open.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {}

  static isSealed(value: string): boolean {
    return value.startsWith(SEALED);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SEALED}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error('not a sealed secret');
    const bytes = Buffer.from(sealed.slice(SEALED.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
