import type { z } from 'zod';
import type { Permission } from '../roles.js';
import { type ScopedField, scopedFieldsOf } from './scoped.js';

/**
 * Who may make a call: anyone (`public`, e.g. login), anyone signed in
 * (`session`, e.g. change my own password), or holders of a permission.
 */
export type Access = 'public' | 'session' | Permission;

export interface CallDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** queries never write; mutations run in one transaction and are audited */
  readonly kind: 'query' | 'mutation';
  readonly access: Access;
  /** the call answers about every hospital at once: only a caller whose scope is the whole group may make it */
  readonly groupWide?: boolean;
  readonly input: I;
  readonly output: O;
  readonly summary: string;
  /** the hospital and department ids in the input (hospitalRef, departmentRef), checked against the caller's scope by the dispatcher */
  readonly scoped: readonly ScopedField[];
}

type Declared<I extends z.ZodType, O extends z.ZodType> = Omit<CallDefinition<I, O>, 'kind' | 'scoped'>;

export function query<I extends z.ZodType, O extends z.ZodType>(def: Declared<I, O>): CallDefinition<I, O> {
  return { kind: 'query', ...def, scoped: scopedFieldsOf(def.input) };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(def: Declared<I, O>): CallDefinition<I, O> {
  return { kind: 'mutation', ...def, scoped: scopedFieldsOf(def.input) };
}
