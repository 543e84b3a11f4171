import { z } from 'zod';
import { UUID_PATTERN } from '../ids.js';

/**
 * The ids in a call's input that place it in a hospital or a department.
 * The dispatcher checks each against the caller's scope before the handler
 * runs. A field is scoped because its schema says so (`hospitalRef`,
 * `departmentRef`), not because of its name, so a new area cannot leak
 * across hospitals by calling a field `siteId` (and contract.test.ts holds
 * every field named like a hospital or department id to being one).
 */
export type ScopeRefKind = 'hospital' | 'department';

const scopeRefs = z.registry<{ readonly scopeRef: ScopeRefKind }>();

/** The id of a hospital the call acts in or asks about. */
export const hospitalRef = z.string().regex(UUID_PATTERN).register(scopeRefs, { scopeRef: 'hospital' });
/** The id of a department the call acts in or asks about. */
export const departmentRef = z.string().regex(UUID_PATTERN).register(scopeRefs, { scopeRef: 'department' });

/** Where in an input a scoped id sits: object keys, `*` for every element of an array. */
export interface ScopedField {
  readonly path: readonly string[];
  readonly kind: ScopeRefKind;
}

/** Every field of an input schema that holds a hospital or department id, found once when the contract is defined. */
export function scopedFieldsOf(schema: z.ZodType): ScopedField[] {
  const found: ScopedField[] = [];
  // `within`: the schemas on the way here (a schema may appear in several places, never inside itself)
  const walk = (node: z.ZodType, path: readonly string[], within: ReadonlySet<z.ZodType>) => {
    if (within.has(node)) return;
    const seen = new Set(within).add(node);
    const kind = scopeRefs.get(node)?.scopeRef;
    if (kind) {
      found.push({ path, kind });
      return;
    }
    if (node instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(node.shape as Record<string, z.ZodType>)) walk(child, [...path, key], seen);
    } else if (node instanceof z.ZodArray) {
      walk(node.element as z.ZodType, [...path, '*'], seen);
    } else if (node instanceof z.ZodPipe) {
      walk(node.in as z.ZodType, path, seen);
      walk(node.out as z.ZodType, path, seen);
    } else if (node instanceof z.ZodUnion) {
      for (const option of node.options as readonly z.ZodType[]) walk(option, path, seen);
    } else if (
      node instanceof z.ZodOptional ||
      node instanceof z.ZodNullable ||
      node instanceof z.ZodDefault ||
      node instanceof z.ZodReadonly ||
      node instanceof z.ZodPrefault
    ) {
      walk(node.unwrap() as z.ZodType, path, seen);
    }
  };
  walk(schema, [], new Set());
  // one entry per place (a union may name the same field twice)
  return found.filter((f, i) => found.findIndex((g) => g.kind === f.kind && g.path.join('.') === f.path.join('.')) === i);
}

/** The values at a field's place in a parsed input: several for a field inside an array, none where it is absent. */
export function valuesAt(input: unknown, path: readonly string[]): { value: unknown; at: string }[] {
  let current: { value: unknown; at: string[] }[] = [{ value: input, at: [] }];
  for (const segment of path) {
    const next: { value: unknown; at: string[] }[] = [];
    for (const { value, at } of current) {
      if (segment === '*') {
        if (Array.isArray(value)) value.forEach((item, i) => next.push({ value: item, at: [...at, String(i)] }));
      } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) {
        next.push({ value: (value as Record<string, unknown>)[segment], at: [...at, segment] });
      }
    }
    current = next;
  }
  return current.map(({ value, at }) => ({ value, at: at.join('.') }));
}
