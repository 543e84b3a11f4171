import type { Permission, ScopeKind } from '../roles.js';
import type { Generated } from 'kysely';
import { defineTable, type Json, local, nullable, secret, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** Roles, the people who sign in to the console, and their sessions. */

export interface RolesTable extends RecordColumns {
  code: string;
  name_en: string;
  name_ar: string;
  level: number;
  scope: ScopeKind;
  permissions: Json<Permission[]>;
}

export interface UsersTable extends RecordColumns {
  username: string;
  name_en: string;
  name_ar: string;
  email: string | null;
  phone: string | null;
  preferred_language: 'ar' | 'en';
  role_id: string;
  /** null: a group-level user (the central team) */
  hospital_id: string | null;
  department_id: string | null;
  active: number;
  password_hash: string;
  password_changed_at: string;
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

/** The last passwords of a local account (scrypt hashes): none of the last 5 is set again. */
export interface PasswordHistoryTable {
  seq: Generated<number>;
  user_id: string;
  password_hash: string;
  created_at: string;
}

/** A user's authenticator (TOTP): pending until a first code confirms it. */
export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: string | null;
  /** the newest 30-second step whose code was accepted: each code is good once */
  last_step: number | null;
  created_at: string;
}

/** Single-use recovery codes of a user with an authenticator, kept as hashes. */
export interface UserRecoveryCodesTable {
  seq: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/**
 * The password hash of a user who cannot sign in on this station: one made
 * on another station (credentials never travel) until someone sets a
 * password here. No scrypt hash ever equals it.
 */
export const NO_LOCAL_PASSWORD = '!';

const roles = defineTable<RolesTable>()({
  name: 'roles',
  domain: 'accounts',
  sync: 'group',
  scope: 'group',
  keyField: 'code',
  label: { en: 'Role', ar: 'دور' },
  columns: {
    ...ID,
    code: synced(LABEL.code),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    level: synced({ en: 'Level', ar: 'المستوى' }),
    scope: synced({ en: 'Scope', ar: 'النطاق' }),
    permissions: synced({ en: 'Permissions', ar: 'الصلاحيات' }),
    ...RECORD_TIMES,
  },
});

const users = defineTable<UsersTable>()({
  name: 'users',
  domain: 'accounts',
  sync: 'hospital',
  scope: 'department',
  hospitalColumn: 'hospital_id',
  departmentColumn: 'department_id',
  keyField: 'username',
  label: { en: 'User', ar: 'مستخدم' },
  groupOverview: 7,
  columns: {
    ...ID,
    username: synced({ en: 'Username', ar: 'اسم المستخدم' }),
    name_en: synced(LABEL.nameEn),
    name_ar: synced(LABEL.nameAr),
    email: nullable(synced(LABEL.email)),
    phone: nullable(synced(LABEL.phone)),
    preferred_language: synced(LABEL.language),
    role_id: synced({ en: 'Role', ar: 'الدور' }, 'roles'),
    hospital_id: nullable(synced(LABEL.hospital, 'hospitals')),
    department_id: nullable(synced(LABEL.department, 'departments')),
    active: synced(LABEL.active),
    // credentials and lockout counters never leave the station
    password_hash: secret,
    password_changed_at: local(),
    failed_attempts: local(),
    locked_until: nullable(local()),
    last_login_at: nullable(local()),
    ...RECORD_TIMES,
  },
  remoteInsertDefaults: (now) => ({ password_hash: NO_LOCAL_PASSWORD, password_changed_at: now }),
});

const sessions = defineTable<SessionsTable>()({
  name: 'sessions',
  domain: 'accounts',
  sync: 'none',
  scope: 'station',
  columns: {
    ...ID,
    token_hash: secret,
    user_id: local(undefined, 'users'),
    created_at: local(),
    last_seen_at: local(),
    expires_at: local(),
    ended_at: nullable(local()),
  },
});

// Credentials: station-only bookkeeping the accounts domain writes itself, auditing
// what happened (never the values). They never travel: a user signs in where
// their credentials were set, as with passwords.
const passwordHistory = defineTable<PasswordHistoryTable>()({
  name: 'password_history',
  domain: 'accounts',
  sync: 'none',
  scope: 'station',
  columns: { seq: local(), user_id: local(undefined, 'users'), password_hash: secret, created_at: local() },
});

const userTotp = defineTable<UserTotpTable>()({
  name: 'user_totp',
  domain: 'accounts',
  sync: 'none',
  scope: 'station',
  columns: { user_id: local(undefined, 'users'), secret, confirmed_at: nullable(local()), last_step: nullable(local()), created_at: local() },
});

const userRecoveryCodes = defineTable<UserRecoveryCodesTable>()({
  name: 'user_recovery_codes',
  domain: 'accounts',
  sync: 'none',
  scope: 'station',
  columns: { seq: local(), user_id: local(undefined, 'users'), code_hash: secret, used_at: nullable(local()), created_at: local() },
});

export const accountsTables = [roles, users, sessions, passwordHistory, userTotp, userRecoveryCodes] as const;
