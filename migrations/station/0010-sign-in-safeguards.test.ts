/**
 * 0010 on a station with users: every local account's current password is
 * remembered from the start (so it cannot be set again straight away), and an
 * account made on another station, which has no password here, has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/core/db/store.js';
import { openMigratedThrough, tempDatabaseFile } from './test-support.js';

const { file, remove } = tempDatabaseFile();
let store: Store;

const AT = '2026-10-04T09:00:00.000Z';
const USERS = [
  { id: 'u-local', username: 'local.admin', password_hash: 'scrypt$131072$8$1$c2FsdA==$a2V5', password_changed_at: '2026-09-01T08:00:00.000Z' },
  { id: 'u-remote', username: 'made.elsewhere', password_hash: '!', password_changed_at: AT },
];

beforeAll(async () => {
  const old = await openMigratedThrough(file, '0007-sync-quarantine');
  old.sqlite
    .prepare(
      `INSERT INTO roles (id, code, name_en, name_ar, level, scope, permissions, created_at, updated_at) VALUES ('r', 'px_admin', 'PX', 'PX', 100, 'group', '[]', ?, ?)`,
    )
    .run(AT, AT);
  const insert = old.sqlite.prepare(
    `INSERT INTO users (id, username, name_en, name_ar, role_id, password_hash, password_changed_at, created_at, updated_at)
     VALUES (@id, @username, 'Name', 'اسم', 'r', @password_hash, @password_changed_at, '${AT}', '${AT}')`,
  );
  for (const user of USERS) insert.run(user);
  old.close();
  store = await openMigratedThrough(file, '0010-sign-in-safeguards');
});

afterAll(() => {
  store.close();
  remove();
});

describe('migration 0010-sign-in-safeguards on a station with users', () => {
  it('remembers each local account’s current password, dated when it was set', () => {
    expect(store.sqlite.prepare('SELECT user_id, password_hash, created_at FROM password_history ORDER BY seq').all()).toEqual([
      { user_id: 'u-local', password_hash: USERS[0]!.password_hash, created_at: USERS[0]!.password_changed_at },
    ]);
  });

  it('starts with nobody using two-step sign-in, and no group settings row (each station makes its own at start)', () => {
    expect(store.sqlite.prepare('SELECT count(*) FROM user_totp').pluck().get()).toBe(0);
    expect(store.sqlite.prepare('SELECT count(*) FROM user_recovery_codes').pluck().get()).toBe(0);
    expect(store.sqlite.prepare('SELECT count(*) FROM group_settings').pluck().get()).toBe(0);
  });
});
