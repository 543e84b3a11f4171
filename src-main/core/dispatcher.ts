import type { RpcResult } from '../../src-shared/bridge.js';
import { type CallDefinition, type CallName, contract, isCallName, valuesAt } from '../../src-shared/contract/index.js';
import { AppError, HTTP_STATUS, invalidField, validationError } from '../../src-shared/errors.js';
import { isWritePermission, type Permission } from '../../src-shared/roles.js';
import { type Actor } from './audit-log.js';
import type { AccountsService } from '../domains/accounts/service.js';
import { type CallContext, type Caller, type ClientOrigin, type Handlers, LOCAL_ORIGIN } from './context.js';
import type { DataLayer } from './data-layer.js';
import { OutOfScope } from './scope.js';
import type { Store } from './db/store.js';

export interface DispatcherDeps {
  readonly store: Store;
  readonly data: DataLayer;
  readonly accounts: AccountsService;
  readonly handlers: Handlers;
  readonly log: (line: string) => void;
}

/** The console before anyone has signed in (setup, login). */
const CONSOLE_ACTOR: Actor = { id: null, name: 'console' };

type AnyHandler = (input: unknown, ctx: CallContext) => unknown;

/**
 * Every call from every transport (IPC, loopback HTTP, tests) comes through
 * here, and here alone is decided who may do what: the session is resolved,
 * the permission checked (and the group scope, for a group-wide call), the
 * input validated, hospital/department ids in the input checked against the
 * caller's scope, and the output stripped to its schema so no column the
 * contract does not name (a password hash) leaves.
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async dispatch(name: string, rawInput: unknown, token: string | null, origin: ClientOrigin = LOCAL_ORIGIN): Promise<RpcResult> {
    return this.answer(name, () => {
      if (!isCallName(name)) throw new AppError('NOT_FOUND', 'error.unknown_call');
      return this.run(name, rawInput, token ? this.callerOf(token, contract[name].access === 'public') : null, origin);
    });
  }

  /**
   * The same call for a caller already resolved, with every rule but the
   * session lookup: the fast domain tests (test/harness) act as a role
   * without signing in through scrypt. Never reachable from a transport.
   */
  async dispatchAs(caller: Caller | null, name: string, rawInput: unknown, origin: ClientOrigin = LOCAL_ORIGIN): Promise<RpcResult> {
    return this.answer(name, () => {
      if (!isCallName(name)) throw new AppError('NOT_FOUND', 'error.unknown_call');
      return this.run(name, rawInput, caller, origin);
    });
  }

  private async answer(name: string, call: () => Promise<unknown>): Promise<RpcResult> {
    try {
      return { ok: true, data: await call() };
    } catch (error) {
      const appError = this.toAppError(error, name);
      return { ok: false, status: HTTP_STATUS[appError.code], body: appError.toBody() };
    }
  }

  private async run(name: CallName, rawInput: unknown, caller: Caller | null, origin: ClientOrigin): Promise<unknown> {
    const definition: CallDefinition = contract[name];
    // a sign-in step from an address that has failed too often is refused before its input costs a hash, or even a read
    if (definition.access === 'public') this.deps.accounts.admit(name, origin);
    if (definition.access !== 'public') {
      if (!caller) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
      if (definition.access !== 'session') this.authorize(caller, name, definition.access);
      if (definition.groupWide) this.requireGroupScope(caller, name);
    }
    // reportInput: so a field of the wrong type is told apart from a missing one
    const parsed = definition.input.safeParse(rawInput ?? {}, { reportInput: true });
    if (!parsed.success) throw validationError(parsed.error);
    if (caller) {
      try {
        this.checkScopeOfInput(caller, definition, parsed.data);
      } catch (error) {
        if (error instanceof AppError && error.code === 'FORBIDDEN') this.recordDenial(caller, { call: name, reason: error.key });
        throw error;
      }
    }

    const actor = caller?.actor ?? CONSOLE_ACTOR;
    const ctx: CallContext = { store: this.deps.store, data: this.deps.data, caller, actor, origin, write: (fn) => this.deps.data.write(actor, fn) };
    const handler = this.deps.handlers[name] as AnyHandler;
    try {
      return definition.output.parse(await handler(parsed.data, ctx));
    } catch (error) {
      if (caller && error instanceof OutOfScope) this.recordDenial(caller, { call: name, reason: 'error.out_of_scope' });
      else if (caller && error instanceof AppError && error.code === 'FORBIDDEN') this.recordDenial(caller, { call: name, reason: error.key });
      throw error;
    }
  }

  /** Every refusal of a signed-in caller is in the audit log: a PX office must see who probed what. */
  private recordDenial(caller: Caller, detail: { call: string; permission?: Permission; reason?: string }): void {
    this.deps.data.write(caller.actor, (tx) =>
      tx.record({ action: 'auth.denied', entityType: 'rpc', entityId: null, hospitalId: caller.me.user.hospitalId, after: detail }),
    );
  }

  /** A stale token on a public call (the login screen asking for status) is ignored, not refused. */
  private callerOf(token: string, isPublic: boolean): Caller | null {
    try {
      return this.deps.accounts.caller(token);
    } catch (error) {
      if (isPublic && error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    }
  }

  private authorize(caller: Caller, name: string, permission: Permission): void {
    // A viewer never writes, whatever permissions a tuned role row may carry.
    const allowed = caller.permissions.has(permission) && !(caller.me.role.code === 'viewer' && isWritePermission(permission));
    if (allowed) return;
    this.recordDenial(caller, { call: name, permission });
    throw new AppError('FORBIDDEN', 'error.forbidden');
  }

  /** A group-wide call answers about every hospital at once: a user placed in one hospital is refused, not given a narrowed answer. */
  private requireGroupScope(caller: Caller, name: string): void {
    if (caller.scope.isGroup) return;
    this.recordDenial(caller, { call: name, reason: 'error.group_only' });
    throw new AppError('FORBIDDEN', 'error.group_only');
  }

  /**
   * Every hospital and department the input names — the fields its contract
   * declares as hospitalRef / departmentRef, whatever they are called — must
   * be inside the caller's scope.
   */
  private checkScopeOfInput(caller: Caller, definition: CallDefinition, input: unknown): void {
    for (const field of definition.scoped) {
      for (const { value, at } of valuesAt(input, field.path)) {
        if (typeof value !== 'string') continue; // absent, or null: "none"
        if (field.kind === 'hospital') {
          if (!caller.scope.canSeeHospital(value)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
          continue;
        }
        const department = this.deps.store.statement('SELECT hospital_id FROM departments WHERE id = ?').get(value) as { hospital_id: string } | undefined;
        if (!department) throw invalidField(at, 'field.not_found');
        if (!caller.scope.canSeeDepartment(department.hospital_id, value)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
      }
    }
  }

  private toAppError(error: unknown, name: string): AppError {
    if (error instanceof AppError) return error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      this.deps.log(`call ${name}: constraint: ${(error as Error).message}`);
      return new AppError('CONFLICT', 'error.conflict');
    }
    if (code === 'SQLITE_BUSY') return new AppError('LOCKED', 'error.internal');
    this.deps.log(`call ${name} failed: ${(error as Error).stack ?? String(error)}`);
    return new AppError('INTERNAL', 'error.internal');
  }
}
