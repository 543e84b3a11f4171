// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * Sign-in safeguards (issue 9, item 9):
 * - password_history: the last passwords of each local account (scrypt hashes),
 *   so none of the last 5 is set again. Seeded with every current local
 *   password, so the rule holds from the first change after the upgrade.
 * - user_totp and user_recovery_codes: two-step sign-in. A TOTP secret is
 *   the station's to check codes with; a recovery code is kept as a hash.
 * - group_settings: the group's own settings, synced to every station and
 *   changed only by the central team; one row, made identically by every
 *   station (src-main/domains/organizations/group-settings.ts).
 * Everything but group_settings stays on this station: credentials never travel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE password_history (
       seq INTEGER PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id),
       password_hash TEXT NOT NULL,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX password_history_user ON password_history (user_id, seq)`,
    // '!' is the hash of an account made on another station: no password here to remember
    `INSERT INTO password_history (user_id, password_hash, created_at)
       SELECT id, password_hash, password_changed_at FROM users WHERE password_hash <> '!'`,
    `CREATE TABLE user_totp (
       user_id TEXT PRIMARY KEY REFERENCES users (id),
       secret TEXT NOT NULL,
       -- null while the authenticator app is being set up: the secret does not count until a first code confirms it
       confirmed_at TEXT,
       -- the newest 30-second step whose code was accepted: a code is good once
       last_step INTEGER,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TABLE user_recovery_codes (
       seq INTEGER PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id),
       code_hash TEXT NOT NULL,
       used_at TEXT,
       created_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id)`,
    `CREATE TABLE group_settings (
       id TEXT PRIMARY KEY,
       require_admin_totp INTEGER NOT NULL DEFAULT 0,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
