import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { NO_LOCAL_PASSWORD } from '../../../src-shared/tables/index.js';
import { HashQueue } from './hash-queue.js';

/**
 * scrypt at OWASP's recommended parameters (N=2^17, r=8, p=1: 128 MiB per
 * hash). Hashing runs on libuv's thread pool, so a login never blocks the
 * station's event loop (the HIS listener keeps answering meanwhile).
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

/**
 * The process's hashing capacity, shared by every sign-in, password change
 * and reset (one station per process; the pool is the process's). Two at
 * once on the two-core office PCs the station runs on leaves a core, and
 * two of the pool's four threads, to everything else; 32 in line is about
 * five seconds of waiting at worst, past which a sign-in is told to try
 * again (test/bench/login-load.bench.ts measures it).
 */
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE_LIMIT = 32;
export const hashing = new HashQueue(HASH_CONCURRENCY, HASH_QUEUE_LIMIT);

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return hashing.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

// the hash of a user who cannot sign in here (arrived by sync): verifyPassword never accepts it
export { NO_LOCAL_PASSWORD };

/** A password of this station (a user made elsewhere has none: NO_LOCAL_PASSWORD). */
export function isLocalHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS.N, PARAMS.r, PARAMS.p);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Checks `password` against `stored`, taking a whole hash's time even when
 * there is nothing to check it against (no such user, or a user with no
 * password on this station), so the time of an answer does not tell which.
 */
export async function verifyInConstantTime(password: string, stored: string | null): Promise<boolean> {
  if (stored !== null && isLocalHash(stored)) return verifyPassword(password, stored);
  await verifyPassword(password, await decoyHash());
  return false;
}

/** A hash that never matches, verified against when there is nothing to verify against. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  if (!decoy) {
    const made = hashPassword(randomBytes(18).toString('base64'));
    // refused (the queue was full) or failed: the next caller makes it again
    made.catch(() => {
      if (decoy === made) decoy = null;
    });
    decoy = made;
  }
  return decoy;
}
