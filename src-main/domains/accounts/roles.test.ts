import { describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../../src-shared/ids.js';
import { ROLE_CODES } from '../../../src-shared/roles.js';
import { builtInRoleId } from './roles.js';

describe('built-in role ids', () => {
  it('are the same on every station, distinct per role, and valid UUIDs', () => {
    const ids = ROLE_CODES.map(builtInRoleId);
    expect(new Set(ids).size).toBe(ROLE_CODES.length);
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
    expect(builtInRoleId('px_admin')).toBe(builtInRoleId('px_admin'));
    expect(builtInRoleId('viewer')[14]).toBe('8');
  });
});
