import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { query } from './define.js';
import { mergeCalls } from './index.js';

const call = query({ access: 'public', summary: 'test', input: z.object({}), output: z.object({}) });

describe('the contract, merged from its domains', () => {
  it('keeps every call of every part', () => {
    expect(Object.keys(mergeCalls({ a: { 'a.one': call }, b: { 'b.one': call, 'b.two': call } }))).toEqual(['a.one', 'b.one', 'b.two']);
  });

  it('refuses a call name two parts declare, naming both', () => {
    expect(() => mergeCalls({ accounts: { 'users.list': call }, staff: { 'users.list': call } })).toThrow(
      'The call "users.list" is declared twice in the contract: by "accounts" and by "staff".',
    );
  });
});
