import { accountsContract, systemContract, twoStepContract } from '../../../src-shared/contract/index.js';
import type { PublicHandler } from '../../core/context.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { appVersion } from '../../core/paths.js';
import { accountsHandlers, twoStepHandlers } from './handlers.js';
import { SYSTEM_ACTOR } from '../../core/audit-log.js';
import { createDefaultRoles, rolesReady } from './roles.js';
import { AccountsService, type SignInPolicy } from './service.js';
import { providePasswordWordLists } from '../../../src-shared/password-policy.js';
import { loadPasswordWordLists } from './word-lists.js';

export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

export interface AccountsDomainOptions {
  /** failed sign-in steps an address may make a minute (default FAILURES_PER_MINUTE) */
  readonly failuresPerMinute?: number | undefined;
}

/**
 * Accounts: roles, users, sign-in (passwords, two-step sign-in, lockout,
 * throttling) and sessions; and the station's public status (is first-run
 * setup needed?). `policy`: the group's sign-in settings (organizations).
 */
export function accountsDomain(base: StationBase, policy: SignInPolicy, options: AccountsDomainOptions = {}) {
  const accounts = new AccountsService(base.store, base.data, policy, {
    clock: base.clock,
    secrets: base.secrets,
    ...(options.failuresPerMinute ? { failuresPerMinute: options.failuresPerMinute } : {}),
  });
  // The built-in roles are code, the same on every station (see insertBuiltIn): they exist from the
  // first start, so a user who arrives by sync before anyone signs in here has a role to point at.
  createDefaultRoles(base.data, SYSTEM_ACTOR);
  // the password rule's word lists are read on the first password judged, not at start
  providePasswordWordLists(loadPasswordWordLists);
  return defineDomain({
    name: 'accounts',
    calls: { ...systemContract, ...accountsContract, ...twoStepContract },
    services: { accounts },
    handlers: {
      'system.status': (() => ({
        stationId: base.stationId,
        version: appVersion(),
        needsSetup: accounts.localUserCount() === 0,
        rolesReady: rolesReady(base.store),
        defaultTimeZone: DEFAULT_TIME_ZONE,
      })) satisfies PublicHandler<'system.status'>,
      ...accountsHandlers(accounts),
      ...twoStepHandlers(accounts),
    },
  });
}
