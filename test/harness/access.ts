import { type CallName, contract } from '../../src-shared/contract/index.js';
import { isWritePermission, type Permission, type RoleCode, roleDefinition } from '../../src-shared/roles.js';

/**
 * Who may make which call, as the contract (a call's `access`) and the
 * default roles (DEFAULT_ROLES) promise it — not as the code under test
 * decides. Shared by the fast matrix (src-main/core/rbac-matrix.test.ts) and
 * the one that signs in for real (test/integration/rbac-sessions.test.ts).
 */

/**
 * The calls whose answer depends on a real password or a real session
 * (setup, login, logout, change my password): their matrix signs in through
 * scrypt, in test/integration. Every other call is answered in the fast one.
 */
export const REAL_SESSION_CALLS = ['auth.setup', 'auth.login', 'auth.logout', 'auth.changePassword'] as const satisfies readonly CallName[];
export type RealSessionCall = (typeof REAL_SESSION_CALLS)[number];

export function holds(role: RoleCode, permission: Permission): boolean {
  return roleDefinition(role).permissions.includes(permission);
}

/**
 * The answer promised to a role placed in one hospital (the PX admin: the
 * whole group): null when allowed, else the refusal's key.
 */
export function expectedRefusal(name: CallName, role: RoleCode): 'error.forbidden' | 'error.group_only' | null {
  const { access, groupWide } = contract[name];
  if (access === 'public' || access === 'session') return null;
  // A viewer never writes, whatever its permission list says.
  if (role === 'viewer' && isWritePermission(access)) return 'error.forbidden';
  if (!holds(role, access)) return 'error.forbidden';
  if (groupWide && role !== 'px_admin') return 'error.group_only';
  return null;
}
