import { describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../../src-shared/ids.js';
import { ROLE_CODES, type RoleCode } from '../../../src-shared/roles.js';
import { builtInRoleId } from './roles.js';

/**
 * The ids every station and the hub already hold for the built-in roles,
 * pasted once from builtInRoleId. A change of the derivation would give a
 * station eight new role rows that sync as strangers to the group's: this
 * table must fail first.
 */
const SHIPPED_ROLE_IDS: readonly (readonly [RoleCode, string])[] = [
  ['px_admin', '8d2c6416-b878-84d0-8dfe-d47629168065'],
  ['hospital_admin', '3a6be0ac-64ad-8a9b-b1ee-be8725702ddc'],
  ['department_manager', 'dfa85d74-873a-84ec-9d02-b73dff5cfd6a'],
  ['px_coordinator', '930158f3-416c-8e33-8cbf-c3198900c500'],
  ['physician', 'eb2ddbe3-d429-88dc-9324-9d065550ed28'],
  ['nurse', 'be7ecd3b-e9fc-8c79-ba6c-20ff5c303d04'],
  ['staff', 'c67638c9-d266-8f1b-8407-4bdc06f59821'],
  ['viewer', '8cb22c6c-069b-8e29-889a-37e94b893496'],
];

describe('built-in role ids', () => {
  it('cover every role code, once', () => {
    expect(SHIPPED_ROLE_IDS.map(([code]) => code)).toEqual([...ROLE_CODES]);
  });

  it.each(SHIPPED_ROLE_IDS)('%s keeps the id stations and the hub already hold', (code, id) => {
    expect(builtInRoleId(code)).toBe(id);
  });

  it('are distinct per role, and valid version 8 UUIDs', () => {
    const ids = ROLE_CODES.map(builtInRoleId);
    expect(new Set(ids).size).toBe(ROLE_CODES.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe('8');
      expect('89ab').toContain(id[19]);
    }
  });
});
