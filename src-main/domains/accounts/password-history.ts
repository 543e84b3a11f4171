import type { Store } from '../../core/db/store.js';
import { verifyPassword } from './passwords.js';

/** How many of an account's latest passwords may not be set again (the current one among them). */
export const PASSWORD_HISTORY = 5;

/**
 * The latest passwords of each local account, as scrypt hashes in a table
 * that never leaves the station (src-shared/tables/accounts.ts).
 */
export class PasswordHistory {
  constructor(private readonly store: Store) {}

  /** Whether `password` is one of the account's last PASSWORD_HISTORY passwords: one hash check each, in the hashing queue. */
  async isRecent(userId: string, password: string): Promise<boolean> {
    const hashes = this.store
      .statement('SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY seq DESC LIMIT ?')
      .pluck()
      .all(userId, PASSWORD_HISTORY) as string[];
    for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
    return false;
  }

  /** Remembers a password just set, and forgets those older than the last PASSWORD_HISTORY. Runs in the transaction that sets it. */
  remember(userId: string, hash: string, at: string): void {
    this.store.statement('INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)').run(userId, hash, at);
    this.store
      .statement('DELETE FROM password_history WHERE user_id = ? AND seq NOT IN (SELECT seq FROM password_history WHERE user_id = ? ORDER BY seq DESC LIMIT ?)')
      .run(userId, userId, PASSWORD_HISTORY);
  }
}
