import { createHash } from 'node:crypto';
import { RateLimiter } from '../../src-shared/rate-limit.js';

/** Failed authentications an address may make a minute (bad tokens, bad enrolment codes). */
export const FAILED_AUTH_PER_MINUTE = 30;
/** Failed attempts with one and the same credential a minute (a revoked station retrying, a pasted wrong token). */
export const FAILED_AUTH_PER_CREDENTIAL_PER_MINUTE = 10;

/**
 * Counts failed authentications per address and per presented credential.
 * Only failures are counted and only failures are throttled: the caller asks
 * after a credential failed, so a valid token is never refused because of
 * someone else's guesses from the same address (a hospital's NAT or proxy
 * makes that every one of its stations). Credentials are kept as a short
 * hash, never as typed.
 */
export class Throttle {
  private readonly addresses = new RateLimiter();
  private readonly credentials = new RateLimiter();

  /** Records a failure; false when the address or the credential is past its limit (answer 429, not 401). */
  fail(address: string, credential: string | null, now = Date.now()): boolean {
    const byAddress = this.addresses.take(address, FAILED_AUTH_PER_MINUTE, 1, now);
    const byCredential = credential === null || this.credentials.take(keyOf(credential), FAILED_AUTH_PER_CREDENTIAL_PER_MINUTE, 1, now);
    return byAddress && byCredential;
  }

  prune(now = Date.now()): void {
    this.addresses.prune(FAILED_AUTH_PER_MINUTE, now);
    this.credentials.prune(FAILED_AUTH_PER_CREDENTIAL_PER_MINUTE, now);
  }
}

function keyOf(credential: string): string {
  return createHash('sha256').update(credential).digest('base64url').slice(0, 22);
}
