import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { TotpEnrolment, TwoStepStatus } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import type { UserTotpTable, UsersTable } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import { SecretBox } from '../../core/keys.js';

/** RFC 6238 as every authenticator app reads it from an otpauth:// URI: SHA-1, 6 digits, 30 seconds. */
const PERIOD_S = 30;
const DIGITS = 6;
/** A code of the step before or after is accepted too: a phone clock a little off, a code typed as it turned. */
const WINDOW = 1;
const ISSUER = 'PX360';
/** 160 bits, the size RFC 4226 recommends for SHA-1 */
const SECRET_BYTES = 20;
export const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I: a code copied from paper is read back right. 32 symbols, 5 bits each. */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

type Account = Pick<UsersTable, 'id' | 'username' | 'hospital_id'>;

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD_S });
}

/** 80 random bits as XXXX-XXXX-XXXX-XXXX. */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 16; i += 1) code += RECOVERY_ALPHABET[Number((bits >> BigInt(75 - 5 * i)) & 31n)];
  return code.match(/.{4}/g)!.join('-');
}

/** What a person typed, as the code was made: case, spaces and dashes do not matter. */
function normalRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A recovery code is 80 random bits, so a plain SHA-256 keeps it as well as a
 * slow hash would (as session tokens are kept): nobody can try 2^80 of them.
 */
function recoveryHash(typed: string): string {
  return createHash('sha256')
    .update(`px360.recovery.${normalRecoveryCode(typed)}`)
    .digest('hex');
}

/**
 * Two-step sign-in of local accounts: the authenticator secret (pending until
 * a first code confirms it), the codes it accepts (each once), and the
 * recovery codes. Secrets and codes live in station-only tables and are never
 * written to the audit log or a log line; what happened is.
 */
export class TwoStep {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    /** authenticator secrets are kept sealed under the station's secrets key: a copy of the database alone cannot make codes */
    private readonly secrets: SecretBox,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The account's authenticator secret in the clear (base32). */
  private secretOf(row: UserTotpTable): string {
    return SecretBox.isSealed(row.secret) ? this.secrets.open(row.secret) : row.secret;
  }

  private row(userId: string): UserTotpTable | undefined {
    return this.store.first(this.store.db.selectFrom('user_totp').selectAll().where('user_id', '=', userId));
  }

  isEnrolled(userId: string): boolean {
    const confirmedAt = this.row(userId)?.confirmed_at;
    return confirmedAt !== undefined && confirmedAt !== null;
  }

  recoveryCodesLeft(userId: string): number {
    return this.store.statement('SELECT count(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck().get(userId) as number;
  }

  status(userId: string, required: boolean): TwoStepStatus {
    const row = this.row(userId);
    const enrolled = row !== undefined && row.confirmed_at !== null;
    return { enrolled, enrolledAt: row?.confirmed_at ?? null, recoveryCodesLeft: enrolled ? this.recoveryCodesLeft(userId) : 0, required };
  }

  /**
   * A new secret for the account, pending until `confirm`: shown once, as
   * text and as the otpauth:// URI a QR code carries. A pending one is
   * replaced; a confirmed one is refused (turn it off first).
   */
  begin(actor: Actor, account: Account): TotpEnrolment {
    if (this.isEnrolled(account.id)) throw new AppError('CONFLICT', 'error.totp_enrolled');
    const secret = new Secret({ size: SECRET_BYTES }).base32;
    this.data.write(actor, (tx) => {
      this.store
        .statement(
          'INSERT INTO user_totp (user_id, secret, confirmed_at, last_step, created_at) VALUES (?, ?, NULL, NULL, ?) ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at',
        )
        .run(account.id, this.secrets.seal(secret), tx.now);
      tx.record({ action: 'auth.totp_setup_started', entityType: 'users', entityId: account.id, hospitalId: account.hospital_id });
    });
    return { secret, uri: totpOf(secret, account.username).toString() };
  }

  /** The 30-second step whose code `code` is, for `secret`, if it is current (within the window) and newer than `after`. */
  private stepOf(secret: string, code: string, after: number | null): number | null {
    const timestamp = this.clock();
    const delta = TOTP.validate({
      token: code,
      secret: Secret.fromBase32(secret),
      algorithm: 'SHA1',
      digits: DIGITS,
      period: PERIOD_S,
      timestamp,
      window: WINDOW,
    });
    if (delta === null) return null;
    const step = TOTP.counter({ period: PERIOD_S, timestamp }) + delta;
    return after !== null && step <= after ? null : step;
  }

  /**
   * Confirms the pending secret with its first code: two-step sign-in is on,
   * and the account gets RECOVERY_CODE_COUNT recovery codes, answered here
   * once (only their hashes are kept). Null for a wrong code.
   */
  confirm(actor: Actor, account: Account, code: string): string[] | null {
    const row = this.row(account.id);
    if (!row || row.confirmed_at !== null) throw new AppError('CONFLICT', row ? 'error.totp_enrolled' : 'error.totp_not_started');
    const step = this.stepOf(this.secretOf(row), code, null);
    if (step === null) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    this.data.write(actor, (tx) => {
      this.store.statement('UPDATE user_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ?').run(tx.now, step, account.id);
      this.replaceRecoveryCodes(account.id, codes, tx.now);
      tx.record({
        action: 'auth.totp_enabled',
        entityType: 'users',
        entityId: account.id,
        hospitalId: account.hospital_id,
        after: { recoveryCodes: codes.length },
      });
    });
    return codes;
  }

  private replaceRecoveryCodes(userId: string, codes: readonly string[], at: string): void {
    this.store.statement('DELETE FROM user_recovery_codes WHERE user_id = ?').run(userId);
    const insert = this.store.statement('INSERT INTO user_recovery_codes (user_id, code_hash, used_at, created_at) VALUES (?, ?, NULL, ?)');
    for (const code of codes) insert.run(userId, recoveryHash(code), at);
  }

  /**
   * Checks a second-step code of an enrolled account and spends it: a TOTP
   * code's step cannot be used again (a code seen over a shoulder is
   * worthless once used), a recovery code is used up. Answers which it was, or null.
   */
  spend(userId: string, code: string): 'totp' | 'recovery_code' | null {
    const row = this.row(userId);
    if (!row || row.confirmed_at === null) return null;
    const typed = code.trim();
    return this.store.transaction(() => {
      if (/^\d{6}$/.test(typed)) {
        const step = this.stepOf(this.secretOf(row), typed, row.last_step);
        if (step === null) return null;
        // only a newer step moves it: two requests with the same code race here, one wins
        const moved = this.store
          .statement('UPDATE user_totp SET last_step = ? WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)')
          .run(step, userId, step);
        return moved.changes === 1 ? 'totp' : null;
      }
      const used = this.store
        .statement('UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
        .run(new Date(this.clock()).toISOString(), userId, recoveryHash(typed));
      return used.changes === 1 ? 'recovery_code' : null;
    });
  }

  /** Turns two-step sign-in off for the account (its secret and recovery codes go). Runs in the caller's audited transaction. */
  remove(userId: string): boolean {
    this.store.statement('DELETE FROM user_recovery_codes WHERE user_id = ?').run(userId);
    return this.store.statement('DELETE FROM user_totp WHERE user_id = ?').run(userId).changes > 0;
  }

  /** A wrong code, as a field error the console shows beside the code box. */
  static wrongCode(): AppError {
    return invalidField('code', 'field.totp_wrong');
  }
}
