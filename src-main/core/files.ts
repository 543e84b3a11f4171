import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Attachment contents in the data folder, each named by the SHA-256 of its
 * bytes (`attachments/<2 hex>/<sha256>`), readable by this account only as
 * the database is. A content is written once whatever adds it again, made
 * durable before anything points at it (written aside, flushed, renamed,
 * the folder flushed), and checked against its name when read: a file
 * damaged on disk reads as missing, never as another content.
 */
export class FileStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'attachments');
  }

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Stores `bytes` under their hash (computed here) and returns it. */
  put(bytes: Uint8Array): string {
    const sha256 = sha256Hex(bytes);
    const file = this.pathOf(sha256);
    // held already, intact: nothing to write (a damaged copy is written over)
    if (this.get(sha256) !== null) return sha256;
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.part`);
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    syncFolder(dir);
    return sha256;
  }

  /** The content, or null when it is not here or no longer matches its hash. */
  get(sha256: string): Buffer | null {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return sha256Hex(bytes) === sha256 ? bytes : null;
  }

  /** Removes a content (a file taken off every record that held it). */
  remove(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }
}

/** Makes a rename in `dir` durable; a file system that cannot open folders (Windows) skips it. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on some platforms: the rename is as durable as they make it
  } finally {
    fs.closeSync(fd);
  }
}
