import type { CallInput, Me, ParsedInput, Role, User } from '../../../src-shared/contract/index.js';
import { AppError, fieldError, invalidField } from '../../../src-shared/errors.js';
import type { Permission, RoleCode } from '../../../src-shared/roles.js';
import type { Caller } from '../../core/context.js';
import { activation, type DataLayer } from '../../core/data-layer.js';
import type { UsersTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import { matchesText } from '../../core/search.js';
import { Scope } from '../../core/scope.js';
import type { Actor } from '../../core/audit-log.js';
import { decoyHash, hashPassword, NO_LOCAL_PASSWORD, verifyPassword } from './passwords.js';
import { createDefaultRoles, roleByCode, roleById } from './roles.js';
import { SessionStore } from './sessions.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export function toUser(row: UsersTable, roleCode: RoleCode): User {
  return {
    id: row.id,
    username: row.username,
    nameEn: row.name_en,
    nameAr: row.name_ar,
    email: row.email,
    phone: row.phone,
    preferredLanguage: row.preferred_language,
    roleCode,
    hospitalId: row.hospital_id,
    departmentId: row.department_id,
    active: row.active === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface SessionGrant {
  token: string;
  expiresAt: string;
  me: Me;
}

type NewUser = ParsedInput<'users.create'>;

/** Sign-in, sessions and the people who use the console. */
export class AccountsService {
  readonly sessions: SessionStore;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {
    this.sessions = new SessionStore(store);
  }

  /**
   * Users who can sign in on this station. Users that arrived by sync carry
   * no credentials (src-main/sync/apply.ts): a station enrolled before its
   * first-run setup may hold many of them and still need its own first admin.
   */
  localUserCount(): number {
    return this.store.statement('SELECT count(*) FROM users WHERE password_hash <> ?').pluck().get(NO_LOCAL_PASSWORD) as number;
  }

  userRow(id: string): UsersTable | undefined {
    return this.store.first(this.store.db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  }

  private role(roleId: string): Role {
    const role = roleById(this.store, roleId);
    if (!role) throw new AppError('INTERNAL', 'error.roles_missing');
    return role;
  }

  user(row: UsersTable): User {
    return toUser(row, this.role(row.role_id).code);
  }

  me(row: UsersTable): { me: Me; permissions: Set<Permission>; scope: Scope } {
    const role = this.role(row.role_id);
    const scope = Scope.resolve(this.store, role.scope, row.hospital_id, row.department_id);
    return {
      me: {
        user: toUser(row, role.code),
        role,
        // an unplaced user is told their hospital scope with no hospital: they see nothing until placed
        scope: { kind: scope.kind, hospitalId: scope.isUnplaced ? null : scope.hospitalId, departmentId: scope.departmentId },
      },
      permissions: new Set(role.permissions),
      scope,
    };
  }

  /** The caller behind a bearer token: a live session of an active user. */
  caller(token: string): Caller {
    const session = this.sessions.resolve(token);
    const row = this.userRow(session.userId);
    if (!row || row.active !== 1) {
      this.sessions.end(session.sessionId);
      throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
    }
    const { me, permissions, scope } = this.me(row);
    return { sessionId: session.sessionId, me, permissions, scope, actor: { id: row.id, name: row.username } };
  }

  /**
   * Creates a user without any permission check: for first-run setup and the
   * `create-admin` command. Console calls go through `createUser`.
   */
  async insertUser(actor: Actor, input: NewUser): Promise<UsersTable> {
    const role = roleByCode(this.store, input.roleCode);
    if (!role) throw new AppError('CONFLICT', 'error.roles_missing');
    const passwordHash = await hashPassword(input.password);
    return this.data.write(actor, (tx) => {
      if (this.store.statement('SELECT 1 FROM users WHERE username = ?').get(input.username)) throw invalidField('username', 'field.taken');
      this.checkPlacement(input.roleCode, input.hospitalId ?? null, input.departmentId ?? null);
      return tx.insert('users', {
        username: input.username,
        name_en: input.nameEn,
        name_ar: input.nameAr,
        email: input.email ?? null,
        phone: input.phone ?? null,
        preferred_language: input.preferredLanguage,
        role_id: role.id,
        hospital_id: input.hospitalId ?? null,
        department_id: input.departmentId ?? null,
        active: 1,
        password_hash: passwordHash,
        password_changed_at: tx.now,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
      });
    });
  }

  /** A role's placement: who needs a hospital, who needs a department, and that they match. */
  private checkPlacement(roleCode: RoleCode, hospitalId: string | null, departmentId: string | null): void {
    if (hospitalId && !this.store.statement('SELECT 1 FROM hospitals WHERE id = ? AND deleted_at IS NULL').get(hospitalId)) {
      throw invalidField('hospitalId', 'field.not_found');
    }
    // placed where the role reaches: only a group role may be placed on the whole group
    if (!hospitalId && roleByCode(this.store, roleCode)?.scope !== 'group') throw invalidField('hospitalId', 'field.scope_required');
    if (roleCode === 'department_manager' && !departmentId) throw invalidField('departmentId', 'field.department_required');
    if (departmentId) {
      const department = this.store.statement('SELECT hospital_id FROM departments WHERE id = ? AND deleted_at IS NULL').get(departmentId) as
        { hospital_id: string } | undefined;
      if (!department) throw invalidField('departmentId', 'field.not_found');
      if (department.hospital_id !== hospitalId) throw invalidField('departmentId', 'error.hospital_mismatch');
    }
  }

  async setup(input: ParsedInput<'auth.setup'>, actor: Actor): Promise<SessionGrant> {
    if (this.localUserCount() > 0) throw new AppError('CONFLICT', 'error.setup_done');
    createDefaultRoles(this.data, actor);
    await this.insertUser(actor, { ...input, roleCode: 'px_admin', hospitalId: null, departmentId: null });
    return this.login({ username: input.username, password: input.password });
  }

  async login(input: CallInput<'auth.login'>): Promise<SessionGrant> {
    const username = input.username.trim().toLowerCase();
    const row = this.store.first(this.store.db.selectFrom('users').selectAll().where('username', '=', username).where('deleted_at', 'is', null));
    const attempt: Actor = { id: row?.id ?? null, name: username };
    const now = Date.now();
    const fail = (action: string, error: AppError): never => {
      this.data.write(attempt, (tx) => tx.record({ action, entityType: 'users', entityId: row?.id ?? null, hospitalId: row?.hospital_id ?? null }));
      throw error;
    };
    if (!row) {
      await verifyPassword(input.password, await decoyHash());
      return fail('auth.login_failed', new AppError('UNAUTHENTICATED', 'error.bad_credentials'));
    }
    if (row.locked_until && Date.parse(row.locked_until) > now) {
      return fail('auth.login_locked', new AppError('LOCKED', 'error.account_locked'));
    }
    const passwordOk = await verifyPassword(input.password, row.password_hash);
    // Other attempts may have failed, or locked the account, while this one was
    // hashing: count on the row as it is now, not as it was read above, or
    // guesses sent in parallel would all count as the first one.
    const current = this.store.statement('SELECT failed_attempts, locked_until FROM users WHERE id = ?').get(row.id) as Pick<
      UsersTable,
      'failed_attempts' | 'locked_until'
    >;
    if (current.locked_until && Date.parse(current.locked_until) > Date.now()) {
      return fail('auth.login_locked', new AppError('LOCKED', 'error.account_locked'));
    }
    if (!passwordOk) {
      const lock = this.data.write(attempt, (tx) => {
        const attempts = (this.store.statement('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(row.id) as number) + 1;
        const locks = attempts >= MAX_FAILED_ATTEMPTS;
        this.store
          .statement('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?')
          .run(locks ? 0 : attempts, locks ? new Date(now + LOCKOUT_MS).toISOString() : current.locked_until, row.id);
        tx.record({
          action: locks ? 'auth.account_locked' : 'auth.login_failed',
          entityType: 'users',
          entityId: row.id,
          hospitalId: row.hospital_id,
          after: { failedAttempts: attempts },
        });
        return locks;
      });
      throw lock ? new AppError('LOCKED', 'error.account_locked') : new AppError('UNAUTHENTICATED', 'error.bad_credentials');
    }
    if (row.active !== 1) return fail('auth.login_inactive', new AppError('FORBIDDEN', 'error.account_inactive'));
    const { me } = this.me(row);
    return this.data.write(attempt, (tx) => {
      this.store.statement('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(tx.now, row.id);
      const session = this.sessions.open(row.id, now);
      tx.record({ action: 'auth.login', entityType: 'users', entityId: row.id, hospitalId: row.hospital_id });
      return { ...session, me: { ...me, user: { ...me.user, lastLoginAt: tx.now, lockedUntil: null } } };
    });
  }

  logout(caller: Caller): void {
    this.data.write(caller.actor, (tx) => {
      this.sessions.end(caller.sessionId);
      tx.record({ action: 'auth.logout', entityType: 'users', entityId: caller.me.user.id, hospitalId: caller.me.user.hospitalId });
    });
  }

  async changePassword(caller: Caller, input: ParsedInput<'auth.changePassword'>): Promise<void> {
    const row = this.userRow(caller.me.user.id);
    if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) throw invalidField('currentPassword', 'field.password_wrong');
    await this.storePassword(caller.actor, row.id, input.newPassword, caller.sessionId, 'auth.password_changed');
  }

  async storePassword(actor: Actor, userId: string, password: string, keepSessionId: string | null, action: string): Promise<void> {
    const hash = await hashPassword(password);
    const hospitalId = this.userRow(userId)?.hospital_id ?? null;
    this.data.write(actor, (tx) => {
      this.store
        .statement('UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?')
        .run(hash, tx.now, userId);
      this.sessions.endAllFor(userId, keepSessionId);
      tx.record({ action, entityType: 'users', entityId: userId, hospitalId });
    });
  }

  setLanguage(caller: Caller, language: 'ar' | 'en'): void {
    this.data.write(caller.actor, (tx) => tx.update('users', caller.me.user.id, { preferred_language: language }));
  }

  // ---- managing users (console) -------------------------------------------

  /** A user the caller may see: same scope rules as any department-owned record. */
  visibleUser(caller: Caller, id: string): UsersTable {
    const row = this.userRow(id);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('users', row);
    return row;
  }

  /** Nobody hands out a role at or above their own level, except a PX Admin. */
  private checkRoleGrant(caller: Caller, roleCode: RoleCode): void {
    const target = roleByCode(this.store, roleCode);
    if (!target) throw new AppError('CONFLICT', 'error.roles_missing');
    if (caller.me.role.code !== 'px_admin' && target.level >= caller.me.role.level) {
      throw new AppError('FORBIDDEN', 'error.role_too_high', [fieldError('roleCode', 'error.role_too_high')]);
    }
  }

  private checkManageable(caller: Caller, row: UsersTable): void {
    const role = this.role(row.role_id);
    if (caller.me.role.code !== 'px_admin' && role.level >= caller.me.role.level) throw new AppError('FORBIDDEN', 'error.role_too_high');
  }

  private checkInScope(caller: Caller, hospitalId: string | null, departmentId: string | null): void {
    if (!caller.scope.canSeeDepartment(hospitalId, departmentId)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
  }

  async createUser(caller: Caller, input: NewUser): Promise<User> {
    this.checkRoleGrant(caller, input.roleCode);
    this.checkInScope(caller, input.hospitalId ?? null, input.departmentId ?? null);
    return this.user(await this.insertUser(caller.actor, input));
  }

  updateUser(caller: Caller, input: ParsedInput<'users.update'>): User {
    const row = this.visibleUser(caller, input.id);
    this.checkManageable(caller, row);
    const roleCode = input.roleCode ?? this.role(row.role_id).code;
    if (input.roleCode) this.checkRoleGrant(caller, input.roleCode);
    const hospitalId = input.hospitalId === undefined ? row.hospital_id : input.hospitalId;
    const departmentId = input.departmentId === undefined ? row.department_id : input.departmentId;
    this.checkInScope(caller, hospitalId, departmentId);
    this.checkPlacement(roleCode, hospitalId, departmentId);
    const updated = this.data.write(caller.actor, (tx) =>
      tx.update('users', row.id, {
        name_en: input.nameEn,
        name_ar: input.nameAr,
        email: input.email,
        phone: input.phone,
        preferred_language: input.preferredLanguage,
        role_id: input.roleCode ? roleByCode(this.store, input.roleCode)?.id : undefined,
        hospital_id: hospitalId,
        department_id: departmentId,
      }),
    );
    return this.user(updated);
  }

  setUserActive(caller: Caller, id: string, active: boolean): User {
    const row = this.visibleUser(caller, id);
    this.checkManageable(caller, row);
    if (!active && id === caller.me.user.id) throw new AppError('CONFLICT', 'error.self_deactivate');
    const updated = this.data.write(caller.actor, (tx) => {
      const next = tx.update('users', id, { active: active ? 1 : 0 }, activation('users', active));
      if (!active) this.sessions.endAllFor(id, null);
      return next;
    });
    return this.user(updated);
  }

  async resetPassword(caller: Caller, id: string, password: string): Promise<void> {
    const row = this.visibleUser(caller, id);
    this.checkManageable(caller, row);
    await this.storePassword(caller.actor, id, password, null, 'users.password_reset');
  }

  listUsers(caller: Caller, filter: ParsedInput<'users.list'>): { items: User[]; total: number } {
    let query = this.store.db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').where('users.deleted_at', 'is', null);
    query = caller.scope.narrow(query, 'users', filter.hospitalId);
    if (filter.roleCode) query = query.where('roles.code', '=', filter.roleCode);
    if (filter.active !== undefined) query = query.where('users.active', '=', filter.active ? 1 : 0);
    if (filter.q) {
      const q = filter.q;
      query = query.where((eb) => matchesText(eb, ['users.username', 'users.name_en', 'users.name_ar'], q));
    }
    const total = this.store.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
    const rows = this.store.all(
      query
        .selectAll('users')
        .select('roles.code as role_code')
        .orderBy('users.username')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
    );
    return { total, items: rows.map((row) => toUser(row, row.role_code as RoleCode)) };
  }
}
