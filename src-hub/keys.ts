import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The hub's keys, derived from one 256-bit master key kept in the data
 * folder (`hub.key`, readable by the hub's account only), never in the
 * database: whoever reads a dump of the hub's PostgreSQL (a backup, a
 * replica, a DBA) can neither answer someone's survey nor read a provider's
 * credentials. Back it up apart from the database; every hub worker that
 * serves the same database needs the same file. Lost, the links already
 * sent stop working and the providers' settings must be entered again.
 */
export const HUB_KEY_FILE = 'hub.key';

export interface HubKeys {
  /** derives the tokens of the survey links the hub issues (src-shared/surveys/links.ts) */
  readonly surveyLinks: Buffer;
  /** seals the providers' settings (HubSecretBox) */
  readonly secrets: HubSecretBox;
  /** what Meta must present to subscribe the hub's WhatsApp webhook: shown to the administrator, kept nowhere */
  readonly whatsAppVerifyToken: string;
  /** the secret part of the address Unifonic posts its delivery receipts to (Unifonic signs nothing): shown to the administrator, kept nowhere */
  readonly unifonicReceiptPath: string;
  /** the secret part of the address an SMS gateway forwards patients' replies to: shown to the administrator, kept nowhere */
  readonly smsRepliesPath: string;
}

function derive(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `px360 hub ${label} v1`, 32));
}

export function deriveHubKeys(master: Buffer): HubKeys {
  if (master.length !== 32) throw new Error('The hub key must be 32 bytes.');
  return {
    surveyLinks: derive(master, 'survey-links'),
    secrets: new HubSecretBox(derive(master, 'secrets')),
    whatsAppVerifyToken: derive(master, 'whatsapp-verify-token').toString('base64url'),
    unifonicReceiptPath: derive(master, 'unifonic-receipts').toString('base64url'),
    smsRepliesPath: derive(master, 'sms-replies').toString('base64url'),
  };
}

/** The master key from `<dataDir>/hub.key`, made on first start (0600); a file others can read is narrowed. */
export function hubMasterKey(dataDir: string): Buffer {
  const file = path.join(dataDir, HUB_KEY_FILE);
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a PX360 hub key. Restore it from your backup, or move it away to start with a new key.`);
  return key;
}

const SEALED = 'px360h1:';

/** Settings sealed with AES-256-GCM: `px360h1:` + base64(iv | tag | ciphertext). Altered, or sealed under another key, they do not open. */
export class HubSecretBox {
  constructor(private readonly key: Buffer) {}

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SEALED}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The plain text, or null when it does not open here. */
  open(sealed: string): string | null {
    if (!sealed.startsWith(SEALED)) return null;
    try {
      const bytes = Buffer.from(sealed.slice(SEALED.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
