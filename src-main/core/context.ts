import type { CallName, CallOutput, Me, ParsedInput } from '../../src-shared/contract/index.js';
import type { Permission } from '../../src-shared/roles.js';
import type { Actor } from './audit-log.js';
import type { DataLayer, WriteTx } from './data-layer.js';
import type { Store } from './db/store.js';
import type { Scope } from './scope.js';

/** A signed-in caller, resolved from the session token by the dispatcher. */
export interface Caller {
  readonly sessionId: string;
  readonly me: Me;
  readonly permissions: ReadonlySet<Permission>;
  readonly scope: Scope;
  readonly actor: Actor;
}

/**
 * Where a call came from: the client's address as the console's HTTP server
 * saw it, or 'local' for the desktop app's IPC, the CLI and tests. Sign-in
 * throttling counts per address, and sign-in audit entries name it.
 */
export interface ClientOrigin {
  readonly address: string;
}

export const LOCAL_ORIGIN: ClientOrigin = { address: 'local' };

export interface CallContext {
  readonly origin: ClientOrigin;
  readonly store: Store;
  readonly data: DataLayer;
  /** null only for public calls made without a session */
  readonly caller: Caller | null;
  readonly actor: Actor;
  write<T>(fn: (tx: WriteTx) => T): T;
}

export interface SignedInContext extends CallContext {
  readonly caller: Caller;
}

export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: SignedInContext) => CallOutput<N> | Promise<CallOutput<N>>;
export type PublicHandler<N extends CallName> = (input: ParsedInput<N>, ctx: CallContext) => CallOutput<N> | Promise<CallOutput<N>>;

/** Every call has exactly one handler: a missing one does not compile. */
export type Handlers = { [N in CallName]: Handler<N> | PublicHandler<N> };
