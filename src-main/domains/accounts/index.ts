import { accountsContract, systemContract } from '../../../src-shared/contract/index.js';
import type { PublicHandler } from '../../core/context.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { appVersion } from '../../core/paths.js';
import { accountsHandlers } from './handlers.js';
import { SYSTEM_ACTOR } from '../../core/audit-log.js';
import { createDefaultRoles, rolesReady } from './roles.js';
import { AccountsService } from './service.js';

export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

/** Accounts: roles, users, sign-in and sessions; and the station's public status (is first-run setup needed?). */
export function accountsDomain(base: StationBase) {
  const accounts = new AccountsService(base.store, base.data);
  // The built-in roles are code, the same on every station (see insertBuiltIn): they exist from the
  // first start, so a user who arrives by sync before anyone signs in here has a role to point at.
  createDefaultRoles(base.data, SYSTEM_ACTOR);
  return defineDomain({
    name: 'accounts',
    calls: { ...systemContract, ...accountsContract },
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
    },
  });
}
