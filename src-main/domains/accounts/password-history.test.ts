import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/audit-log.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { PASSWORD_HISTORY } from './password-history.js';

/** A scrypt hash in the station's format at a tiny cost: verifyPassword reads the cost from the hash, so checks stay fast. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

let h: DomainHarness;
beforeAll(async () => {
  h = await DomainHarness.open();
});
afterAll(() => h.close());

describe('password history', () => {
  it(`refuses the last ${PASSWORD_HISTORY} passwords, and only those`, async () => {
    const userId = h.as('staff', { hospitalId: h.hospital('OLAYA').id }).me.user.id;
    const { history } = h.core.accounts;
    const passwords = Array.from({ length: PASSWORD_HISTORY + 2 }, (_, i) => `Amber-Cliff-Orchard-${i}`);
    h.core.data.write(SYSTEM_ACTOR, (tx) => {
      for (const password of passwords) history.remember(userId, cheapHash(password), tx.now);
    });
    const recent = await Promise.all(passwords.map((password) => history.isRecent(userId, password)));
    // the two oldest have been forgotten; the last five are refused
    expect(recent).toEqual([false, false, true, true, true, true, true]);
    expect(h.core.store.sqlite.prepare('SELECT count(*) FROM password_history WHERE user_id = ?').pluck().get(userId)).toBe(PASSWORD_HISTORY);
    expect(await history.isRecent(userId, 'Never-Used-Before-77')).toBe(false);
  });

  it('is one account’s: another account may use the same password', async () => {
    const one = h.as('nurse', { hospitalId: h.hospital('KHOBAR').id }).me.user.id;
    const two = h.as('nurse', { hospitalId: h.hospital('JEDDAH').id }).me.user.id;
    h.core.data.write(SYSTEM_ACTOR, (tx) => h.core.accounts.history.remember(one, cheapHash('Shared-Phrase-Garden-3'), tx.now));
    expect(await h.core.accounts.history.isRecent(one, 'Shared-Phrase-Garden-3')).toBe(true);
    expect(await h.core.accounts.history.isRecent(two, 'Shared-Phrase-Garden-3')).toBe(false);
  });
});
