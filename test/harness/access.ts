import type BetterSqlite3 from 'better-sqlite3';
import { expect } from 'vitest';
import type { RpcResult } from '../../src-shared/bridge.js';
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

/** The newest entry of a station's audit log, as a refusal leaves it. */
export interface AuditTail {
  seq: number;
  action: string;
  actor_id: string | null;
  after_json: string | null;
}

export function lastAuditRow(sqlite: BetterSqlite3.Database): AuditTail | undefined {
  return sqlite.prepare('SELECT seq, action, actor_id, after_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditTail | undefined;
}

/**
 * One cell of a matrix answered as promised: allowed — 200, or the answer
 * its sample names when 200 is impossible by design — with no password hash
 * in what the caller reads; or refused with 403 and the promised key, the
 * refusal itself audited (auth.denied, by the caller, naming the call) and
 * the only thing written.
 */
export function expectCellAnswer(
  name: CallName,
  refusal: ReturnType<typeof expectedRefusal>,
  result: RpcResult,
  audit: { before: AuditTail | undefined; after: AuditTail | undefined; actorId: string },
  allowedAnswer?: { readonly status: number; readonly key: string },
): void {
  if (refusal === null) {
    if (allowedAnswer) {
      expect(result.ok ? 200 : result.status).toBe(allowedAnswer.status);
      expect(result.ok ? null : result.body.error.key).toBe(allowedAnswer.key);
    } else {
      expect(result.ok, result.ok ? '' : JSON.stringify(result.body)).toBe(true);
      if (result.ok) expect(JSON.stringify(result.data)).not.toContain('scrypt$');
    }
    return;
  }
  expect(result.ok ? 200 : result.status, result.ok ? 'the call succeeded' : JSON.stringify(result.body)).toBe(403);
  expect(result.ok ? null : result.body.error.key).toBe(refusal);
  const { before, after } = audit;
  expect(after?.seq).toBe((before?.seq ?? 0) + 1);
  expect(after?.action).toBe('auth.denied');
  expect(after?.actor_id).toBe(audit.actorId);
  const detail = refusal === 'error.group_only' ? { reason: refusal } : { permission: contract[name].access };
  expect(JSON.parse(after?.after_json ?? '{}')).toEqual({ call: name, ...detail });
}
