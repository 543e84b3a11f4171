import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors.js';
import { uuidv7 } from '../../../src-shared/ids.js';
import type { Store } from '../../core/db/store.js';

/** A session ends after 30 idle minutes, and after 12 hours whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface OpenSession {
  readonly sessionId: string;
  readonly userId: string;
}

/** Sessions live in the station database, so a CLI and the console share them and a restart keeps them. */
export class SessionStore {
  constructor(private readonly store: Store) {}

  /** Must run inside the login transaction. */
  open(userId: string, now = Date.now()): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now + ABSOLUTE_TIMEOUT_MS).toISOString();
    const at = new Date(now).toISOString();
    this.store
      .statement('INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(uuidv7(now), tokenHash(token), userId, at, at, expiresAt);
    return { token, expiresAt };
  }

  /** The live session behind a bearer token, or a 401. */
  resolve(token: string, now = Date.now()): OpenSession {
    const row = this.store.first(this.store.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)));
    if (!row || row.ended_at) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
    const idleFor = now - Date.parse(row.last_seen_at);
    if (Date.parse(row.expires_at) <= now || idleFor > IDLE_TIMEOUT_MS) {
      this.end(row.id, now);
      throw new AppError('UNAUTHENTICATED', 'error.session_expired');
    }
    if (idleFor > TOUCH_EVERY_MS) {
      this.store.statement('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(new Date(now).toISOString(), row.id);
    }
    return { sessionId: row.id, userId: row.user_id };
  }

  end(sessionId: string, now = Date.now()): void {
    this.store.statement('UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(new Date(now).toISOString(), sessionId);
  }

  endAllFor(userId: string, exceptSessionId: string | null, now = Date.now()): void {
    this.store
      .statement('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL AND id IS NOT ?')
      .run(new Date(now).toISOString(), userId, exceptSessionId);
  }
}
