import { createHash, randomBytes } from 'node:crypto';
import { type CallInput, type Me, type Session, type SignIn, USERNAME_PATTERN } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import type { UsersTable } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import type { ClientOrigin } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import type { Lockout } from './lockout.js';
import { verifyInConstantTime } from './passwords.js';
import type { SessionStore } from './sessions.js';
import type { SignInGuard } from './sign-in-guard.js';
import { TwoStep } from './two-step.js';

/** How long the second step may take after a right password. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes one challenge takes before the password must be given again (each also counts toward the lockout). */
const CHALLENGE_ATTEMPTS = 3;
/** Challenges held at once: a flood of right passwords cannot grow the map without bound. */
const MAX_CHALLENGES = 10_000;

/**
 * What the audit log says was typed in the username box when it names no
 * account here. Only an account's own username is ever written: what else
 * people type there is, often enough, their password (a passphrase such as
 * "saffron-ledger-kettle-41" is shaped like a username too).
 */
export const NOT_A_USERNAME = '[not a username]';
export const UNKNOWN_USERNAME = '[unknown username]';

interface Challenge {
  readonly userId: string;
  readonly kind: 'totp' | 'totp_enrolment';
  readonly expiresAt: number;
  attemptsLeft: number;
}

/**
 * The second step's challenges: random tokens kept (by hash) in memory for
 * five minutes. Not sessions: they open nothing but the second step, and a
 * restart simply asks for the password again.
 */
class Challenges {
  private readonly live = new Map<string, Challenge>();

  issue(userId: string, kind: Challenge['kind'], now: number): { challenge: string; expiresAt: string } {
    for (const [key, entry] of this.live) if (entry.userId === userId || entry.expiresAt <= now) this.live.delete(key);
    if (this.live.size >= MAX_CHALLENGES) throw new AppError('BUSY', 'error.busy');
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = now + CHALLENGE_TTL_MS;
    this.live.set(hash(challenge), { userId, kind, expiresAt, attemptsLeft: CHALLENGE_ATTEMPTS });
    return { challenge, expiresAt: new Date(expiresAt).toISOString() };
  }

  find(challenge: string, kind: Challenge['kind'], now: number): Challenge | null {
    const key = hash(challenge);
    const entry = this.live.get(key);
    if (!entry || entry.kind !== kind) return null;
    if (entry.expiresAt <= now) {
      this.live.delete(key);
      return null;
    }
    return entry;
  }

  spend(challenge: string): void {
    this.live.delete(hash(challenge));
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SignInDeps {
  readonly store: Store;
  readonly data: DataLayer;
  readonly sessions: SessionStore;
  readonly lockout: Lockout;
  readonly twoStep: TwoStep;
  readonly guard: SignInGuard;
  /** who the account is, as a session shows it */
  readonly me: (row: UsersTable) => { me: Me };
  /** the group requires two-step sign-in of this account's role */
  readonly requiresTwoStep: (row: UsersTable) => boolean;
}

/**
 * Signing in: the password, then (for an account with an authenticator, or
 * whose role the group requires to have one) the second step.
 *
 * Every refusal before a session says the same thing (401,
 * error.bad_credentials), after the same work (one hash): an unknown
 * username, a deactivated or locked account and a wrong password cannot be
 * told apart from outside, nor whether a deactivated account's password was
 * right. The audit log tells them apart, with the client's address.
 */
export class SignInService {
  private readonly challenges = new Challenges();

  constructor(private readonly deps: SignInDeps) {}

  private get store(): Store {
    return this.deps.store;
  }

  async login(input: CallInput<'auth.login'>, origin: ClientOrigin): Promise<SignIn> {
    const typed = input.username.trim().toLowerCase();
    const isUsername = USERNAME_PATTERN.test(typed);
    // a string that cannot be a username is not looked up, and not written anywhere: it may be a password typed in the wrong box
    const row = isUsername
      ? this.store.first(this.store.db.selectFrom('users').selectAll().where('username', '=', typed).where('deleted_at', 'is', null))
      : undefined;
    const attempted = isUsername ? UNKNOWN_USERNAME : NOT_A_USERNAME;
    const actor: Actor = row ? { id: row.id, name: row.username } : { id: null, name: attempted };
    let passwordOk: boolean;
    try {
      passwordOk = await verifyInConstantTime(input.password, row?.password_hash ?? null);
    } catch (error) {
      if (error instanceof AppError && error.code === 'BUSY') this.deps.guard.recordRefusal('busy', 'auth.login', origin);
      throw error;
    }
    if (!row) return this.refuse(actor, 'auth.login_failed', null, origin, { attempted });
    // as the row is now: other attempts may have locked it while this one was hashing
    if (this.deps.lockout.isLocked(row.id)) return this.refuse(actor, 'auth.login_locked', row, origin);
    if (!passwordOk) {
      this.deps.lockout.fail(actor, row, 'auth.login_failed', { address: origin.address });
      this.deps.guard.failed(origin);
      throw new AppError('UNAUTHENTICATED', 'error.bad_credentials');
    }
    if (row.active !== 1) return this.refuse(actor, 'auth.login_inactive', row, origin);

    const now = Date.now();
    if (this.deps.twoStep.isEnrolled(row.id)) {
      const issued = this.challenges.issue(row.id, 'totp', now);
      this.record(actor, 'auth.login_second_step', row, origin);
      return { step: 'totp', ...issued };
    }
    if (this.deps.requiresTwoStep(row)) {
      const issued = this.challenges.issue(row.id, 'totp_enrolment', now);
      const enrolment = this.deps.twoStep.begin(actor, row);
      this.record(actor, 'auth.login_second_step', row, origin, { setUp: true });
      return { step: 'totp_enrolment', ...issued, enrolment };
    }
    return { step: 'signed_in', ...this.openSession(actor, row, origin) };
  }

  /** The second step: a code of the account's authenticator, or one of its recovery codes. */
  verifyTotp(input: CallInput<'auth.verifyTotp'>, origin: ClientOrigin): Session {
    const { actor, row, challenge } = this.challengeOf(input.challenge, 'totp', origin);
    const method = this.deps.twoStep.spend(row.id, input.code);
    if (!method) return this.wrongCode(actor, row, input.challenge, challenge, origin);
    this.challenges.spend(input.challenge);
    const detail = method === 'recovery_code' ? { secondStep: method, recoveryCodesLeft: this.deps.twoStep.recoveryCodesLeft(row.id) } : { secondStep: method };
    return this.openSession(actor, row, origin, detail);
  }

  /** The second step of an account the group requires to have an authenticator: its first code turns it on. */
  confirmEnrolment(input: CallInput<'auth.confirmTotpEnrolment'>, origin: ClientOrigin): Session & { recoveryCodes: string[] } {
    const { actor, row, challenge } = this.challengeOf(input.challenge, 'totp_enrolment', origin);
    const recoveryCodes = this.deps.twoStep.confirm(actor, row, input.code);
    if (!recoveryCodes) return this.wrongCode(actor, row, input.challenge, challenge, origin);
    this.challenges.spend(input.challenge);
    return { ...this.openSession(actor, row, origin, { secondStep: 'totp_setup' }), recoveryCodes };
  }

  private challengeOf(token: string, kind: Challenge['kind'], origin: ClientOrigin): { actor: Actor; row: UsersTable; challenge: Challenge } {
    const challenge = this.challenges.find(token, kind, Date.now());
    const row = challenge
      ? this.store.first(this.store.db.selectFrom('users').selectAll().where('id', '=', challenge.userId).where('deleted_at', 'is', null))
      : undefined;
    if (!challenge || !row || row.active !== 1 || this.deps.lockout.isLocked(row.id)) {
      this.challenges.spend(token);
      const actor: Actor = row ? { id: row.id, name: row.username } : { id: null, name: 'console' };
      this.record(actor, 'auth.second_step_refused', row ?? null, origin, { reason: challenge ? 'account' : 'unknown_challenge' });
      this.deps.guard.failed(origin);
      throw new AppError('UNAUTHENTICATED', 'error.sign_in_step_expired');
    }
    return { actor: { id: row.id, name: row.username }, row, challenge };
  }

  /** A wrong second-step code: it counts toward the lockout, and a challenge takes only a few. */
  private wrongCode(actor: Actor, row: UsersTable, token: string, challenge: Challenge, origin: ClientOrigin): never {
    this.deps.guard.failed(origin);
    // whoever types codes here knows the password: at the fifth failure every session of the account ends too
    const locked = this.deps.lockout.fail(actor, row, 'auth.totp_failed', { address: origin.address }, true);
    challenge.attemptsLeft -= 1;
    if (locked || challenge.attemptsLeft <= 0) {
      this.challenges.spend(token);
      throw new AppError('UNAUTHENTICATED', locked ? 'error.account_locked' : 'error.sign_in_step_expired');
    }
    throw TwoStep.wrongCode();
  }

  /** A refusal that is not a wrong password of a real account: audited as `action`, answered as one. */
  private refuse(actor: Actor, action: string, row: UsersTable | null, origin: ClientOrigin, detail: Record<string, unknown> = {}): never {
    this.record(actor, action, row, origin, detail);
    this.deps.guard.failed(origin);
    throw new AppError('UNAUTHENTICATED', 'error.bad_credentials');
  }

  private record(actor: Actor, action: string, row: UsersTable | null, origin: ClientOrigin, detail: Record<string, unknown> = {}): void {
    this.deps.data.write(actor, (tx) =>
      tx.record({
        action,
        entityType: 'users',
        entityId: row?.id ?? null,
        hospitalId: row?.hospital_id ?? null,
        after: { address: origin.address, ...detail },
      }),
    );
  }

  private openSession(actor: Actor, row: UsersTable, origin: ClientOrigin, detail: Record<string, unknown> = {}): Session {
    const { me } = this.deps.me(row);
    return this.deps.data.write(actor, (tx) => {
      this.deps.lockout.clear(row.id);
      this.store.statement('UPDATE users SET last_login_at = ? WHERE id = ?').run(tx.now, row.id);
      const session = this.deps.sessions.open(row.id, Date.now());
      tx.record({ action: 'auth.login', entityType: 'users', entityId: row.id, hospitalId: row.hospital_id, after: { address: origin.address, ...detail } });
      return { ...session, me: { ...me, user: { ...me.user, lastLoginAt: tx.now, lockedUntil: null } } };
    });
  }
}
