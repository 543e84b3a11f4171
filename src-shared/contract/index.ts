import type { z } from 'zod';
import { accountsContract } from './accounts.js';
import { auditContract } from './audit.js';
import { complaintsContract } from './complaints.js';
import { slaContract } from './sla.js';
import { actionsContract } from './actions.js';
import type { CallDefinition } from './define.js';
import { groupContract } from './group.js';
import { groupSettingsContract } from './group-settings.js';
import { integrationsContract } from './integrations.js';
import { jobsContract } from './jobs.js';
import { journeysContract } from './journeys.js';
import { organizationsContract } from './organizations.js';
import { surveysContract, surveysSendingContract } from './surveys.js';
import { syncContract } from './sync.js';
import { systemContract } from './system.js';
import { twoStepContract } from './two-step.js';

/**
 * Every call the console may make, by domain. The dispatcher, the HTTP
 * bridge, the Electron preload and the renderer's client are all typed from
 * this map. A call name given by two domains is an error when this module
 * loads (spreading the maps would silently keep the later one).
 */
export const CONTRACT_PARTS = {
  system: systemContract,
  accounts: accountsContract,
  twoStep: twoStepContract,
  groupSettings: groupSettingsContract,
  organizations: organizationsContract,
  audit: auditContract,
  integrations: integrationsContract,
  journeys: journeysContract,
  surveys: surveysContract,
  surveysSending: surveysSendingContract,
  complaints: complaintsContract,
  sla: slaContract,
  actions: actionsContract,
  sync: syncContract,
  group: groupContract,
  jobs: jobsContract,
} as const satisfies Record<string, Record<string, CallDefinition>>;

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;
type Merged<P> = UnionToIntersection<P[keyof P]>;

export function mergeCalls<P extends Readonly<Record<string, Readonly<Record<string, CallDefinition>>>>>(parts: P): Merged<P> {
  const merged: Record<string, CallDefinition> = {};
  const from = new Map<string, string>();
  for (const [part, calls] of Object.entries(parts)) {
    for (const [name, definition] of Object.entries(calls)) {
      const other = from.get(name);
      if (other !== undefined) throw new Error(`The call "${name}" is declared twice in the contract: by "${other}" and by "${part}".`);
      from.set(name, part);
      merged[name] = definition;
    }
  }
  return merged as Merged<P>;
}

export const contract = mergeCalls(CONTRACT_PARTS);

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
export * from './complaints.js';
export * from './sla.js';
export * from './actions.js';
export * from './define.js';
export * from './scoped.js';
export * from './group.js';
export * from './group-settings.js';
export * from './integrations.js';
export * from './jobs.js';
export * from './journeys.js';
export * from './organizations.js';
export * from './surveys.js';
export * from './sync.js';
export * from './system.js';
export * from './two-step.js';
export * from './attachments.js';
