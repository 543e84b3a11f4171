import { AppError } from '../../../src-shared/errors.js';
import { RateLimiter } from '../../../src-shared/rate-limit.js';
import type { Actor } from '../../core/audit-log.js';
import type { ClientOrigin } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';

/** Failed sign-in steps an address may make a minute on average (in a burst: one minute's worth). */
export const FAILURES_PER_MINUTE = 10;

/** The calls that check a password or a code (so cost a hash, or guess): refused to an address over its budget before they are read. */
export const GUARDED_CALLS: ReadonlySet<string> = new Set(['auth.setup', 'auth.login', 'auth.verifyTotp', 'auth.confirmTotpEnrolment']);

const ANONYMOUS: Actor = { id: null, name: 'console' };

export interface SignInGuardOptions {
  readonly failuresPerMinute?: number;
  readonly clock: () => number;
}

/**
 * Throttles failed sign-in steps per client address: the console's HTTP
 * server gives the client's address; the desktop app's IPC, the CLI and
 * tests are 'local'. The per-account lockout stops guesses at one account;
 * this stops one address guessing across many (password spraying) and
 * spending the station's hashing on it. A refused address is told so (429,
 * error.login_throttled) without its attempt being hashed or even read.
 *
 * Refusals are audited once per address and minute, with how many came in
 * that minute: a flood must not become a flood of audit writes.
 */
export class SignInGuard {
  private readonly failures = new RateLimiter();
  /** per reason and address: the minute of its last audited refusal, and refusals since (that one included) */
  private readonly refusals = new Map<string, { minute: number; count: number }>();
  private readonly perMinute: number;

  constructor(
    private readonly data: DataLayer,
    private readonly options: SignInGuardOptions,
  ) {
    this.perMinute = options.failuresPerMinute ?? FAILURES_PER_MINUTE;
  }

  /** Refuses a guarded call from an address that has used up its failures. */
  admit(call: string, origin: ClientOrigin): void {
    if (!GUARDED_CALLS.has(call)) return;
    const now = this.options.clock();
    if (this.failures.allows(origin.address, this.perMinute, 1, now)) return;
    this.recordRefusal('throttled', call, origin);
    throw new AppError('RATE_LIMITED', 'error.login_throttled');
  }

  /** A failed step from this address: a wrong password or code, an unknown user, setup probed after it was done. */
  failed(origin: ClientOrigin): void {
    const now = this.options.clock();
    this.failures.take(origin.address, this.perMinute, 1, now);
    if (this.refusals.size > 1000) this.forgetOld(now);
  }

  /** A sign-in step refused before it was checked: throttled here, or the station too busy hashing (error.busy). */
  recordRefusal(reason: 'throttled' | 'busy', call: string, origin: ClientOrigin): void {
    const minute = Math.floor(this.options.clock() / 60_000);
    const key = `${reason} ${origin.address}`;
    const last = this.refusals.get(key);
    if (last && last.minute === minute) {
      last.count += 1;
      return;
    }
    this.refusals.set(key, { minute, count: 1 });
    this.data.write(ANONYMOUS, (tx) =>
      tx.record({
        action: 'auth.sign_in_refused',
        entityType: 'rpc',
        entityId: null,
        hospitalId: null,
        // refusals of this address not audited one by one since its last entry (at most one entry a minute)
        after: { reason, call, address: origin.address, unrecordedSinceLastEntry: last ? last.count - 1 : 0 },
      }),
    );
  }

  private forgetOld(now: number): void {
    const minute = Math.floor(now / 60_000);
    for (const [address, entry] of this.refusals) if (entry.minute < minute) this.refusals.delete(address);
    this.failures.prune(this.perMinute, now);
  }
}
