import type { z } from 'zod';
import { accountsContract } from './accounts.js';
import { auditContract } from './audit.js';
import type { CallDefinition } from './define.js';
import { groupContract } from './group.js';
import { integrationsContract } from './integrations.js';
import { journeysContract } from './journeys.js';
import { organizationsContract } from './organizations.js';
import { syncContract } from './sync.js';
import { systemContract } from './system.js';

/**
 * Every call the console may make. The dispatcher, the HTTP bridge, the
 * Electron preload and the renderer's client are all typed from this map.
 */
export const contract = {
  ...systemContract,
  ...accountsContract,
  ...organizationsContract,
  ...auditContract,
  ...integrationsContract,
  ...journeysContract,
  ...syncContract,
  ...groupContract,
} as const satisfies Record<string, CallDefinition>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(contract, name);
}

export * from './accounts.js';
export * from './audit.js';
export * from './common.js';
export * from './define.js';
export * from './group.js';
export * from './integrations.js';
export * from './journeys.js';
export * from './organizations.js';
export * from './sync.js';
export * from './system.js';
