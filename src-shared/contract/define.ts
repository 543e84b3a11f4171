import type { z } from 'zod';
import type { Permission } from '../roles.js';

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
}

export function query<I extends z.ZodType, O extends z.ZodType>(def: Omit<CallDefinition<I, O>, 'kind'>): CallDefinition<I, O> {
  return { kind: 'query', ...def };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(def: Omit<CallDefinition<I, O>, 'kind'>): CallDefinition<I, O> {
  return { kind: 'mutation', ...def };
}
