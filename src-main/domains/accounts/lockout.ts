import type { UsersTable } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { SessionStore } from './sessions.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

type Account = Pick<UsersTable, 'id' | 'hospital_id'>;

/**
 * Failed attempts of one account, whatever checked them: a password at
 * sign-in or when changing it, a code of the second step or when turning
 * two-step sign-in off. The fifth in a row locks the account for 15 minutes
 * (counters stay on this station: src-shared/tables/accounts.ts).
 */
export class Lockout {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly sessions: SessionStore,
  ) {}

  /** Locked now, as the row is now (another attempt may have locked it while this one was hashing). */
  isLocked(userId: string, now = Date.now()): boolean {
    const lockedUntil = this.store.statement('SELECT locked_until FROM users WHERE id = ?').pluck().get(userId) as string | null | undefined;
    return typeof lockedUntil === 'string' && Date.parse(lockedUntil) > now;
  }

  /**
   * Counts one failure of `account`, audited as `action` (or as
   * auth.account_locked when it locks the account), with `detail`. Counted
   * on the row as it is now, in the audit entry's transaction, so guesses sent
   * in parallel all count. `endSessions`: a failure made from a session
   * (a wrong current password) ends every session of the account when it
   * locks it: that session may not be its owner's. Answers whether the account is now locked.
   */
  fail(actor: Actor, account: Account, action: string, detail: Record<string, unknown> = {}, endSessions = false): boolean {
    const now = Date.now();
    return this.data.write(actor, (tx) => {
      const attempts = (this.store.statement('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(account.id) as number) + 1;
      const locks = attempts >= MAX_FAILED_ATTEMPTS;
      if (locks) {
        this.store.statement('UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(new Date(now + LOCKOUT_MS).toISOString(), account.id);
        if (endSessions) this.sessions.endAllFor(account.id, null, now);
      } else {
        this.store.statement('UPDATE users SET failed_attempts = ? WHERE id = ?').run(attempts, account.id);
      }
      tx.record({
        action: locks ? 'auth.account_locked' : action,
        entityType: 'users',
        entityId: account.id,
        hospitalId: account.hospital_id,
        after: { ...detail, failedAttempts: attempts, ...(locks ? { lockedBy: action } : {}) },
      });
      return locks;
    });
  }

  /** A whole sign-in succeeded: the count starts again. Runs inside the caller's transaction. */
  clear(userId: string): void {
    this.store.statement('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(userId);
  }
}
