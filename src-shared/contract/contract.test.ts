import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optional } from './common.js';
import { query } from './define.js';
import { CALL_NAMES, contract, mergeCalls } from './index.js';
import { departmentRef, hospitalRef, scopedFieldsOf, valuesAt } from './scoped.js';

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

/** Every object key in a schema, with its path (`*` inside arrays). */
function fieldPaths(schema: z.ZodType, path: string[] = []): string[][] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [[...path, key], ...fieldPaths(child, [...path, key])]);
  }
  if (schema instanceof z.ZodArray) return fieldPaths(schema.element as z.ZodType, [...path, '*']);
  if (schema instanceof z.ZodPipe) return [...fieldPaths(schema.in as z.ZodType, path), ...fieldPaths(schema.out as z.ZodType, path)];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return fieldPaths(schema.unwrap() as z.ZodType, path);
  return [];
}

describe('scoped fields of the inputs', () => {
  it('are found wherever the schema puts them, whatever their name', () => {
    const input = z.strictObject({
      siteId: hospitalRef,
      ward: optional(departmentRef),
      moves: z.array(z.object({ to: departmentRef.nullable() })),
      other: z.string(),
    });
    expect(scopedFieldsOf(input)).toEqual([
      { path: ['siteId'], kind: 'hospital' },
      { path: ['ward'], kind: 'department' },
      { path: ['moves', '*', 'to'], kind: 'department' },
    ]);
    expect(valuesAt({ moves: [{ to: 'a' }, { to: null }, {}] }, ['moves', '*', 'to'])).toEqual([
      { value: 'a', at: 'moves.0.to' },
      { value: null, at: 'moves.1.to' },
    ]);
  });

  it.each(CALL_NAMES)('%s: a field named like a hospital or department id is declared scoped', (name) => {
    const definition = contract[name];
    const declared = new Set(definition.scoped.map((f) => f.path.join('.')));
    const named = fieldPaths(definition.input).filter((path) => /(^|[a-z])(hospital|department)Id$/i.test(path.at(-1)!));
    for (const path of named) expect(declared, `${name}: ${path.join('.')} must be a hospitalRef or departmentRef`).toContain(path.join('.'));
  });
});
