import type { CallInput, Me, ParsedInput, Role, SignIn, TotpEnrolment, TwoStepStatus, User } from '../../../src-shared/contract/index.js';
import { AppError, fieldError, invalidField } from '../../../src-shared/errors.js';
import { judgePassword } from '../../../src-shared/password-policy.js';
import type { Permission, RoleCode } from '../../../src-shared/roles.js';
import type { Caller, ClientOrigin } from '../../core/context.js';
import { activation, type DataLayer } from '../../core/data-layer.js';
import type { UsersTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import type { SecretBox } from '../../core/keys.js';
import { matchesText } from '../../core/search.js';
import { Scope } from '../../core/scope.js';
import type { Actor } from '../../core/audit-log.js';
import { Lockout } from './lockout.js';
import { PasswordHistory } from './password-history.js';
import { hashPassword, NO_LOCAL_PASSWORD, verifyPassword } from './passwords.js';
import { createDefaultRoles, roleByCode, roleById } from './roles.js';
import { SessionStore } from './sessions.js';
import { SignInGuard } from './sign-in-guard.js';
import { SignInService } from './sign-in.js';
import { TwoStep } from './two-step.js';

export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from './lockout.js';

/** The roles whose two-step sign-in the group may require (NCA ECC: MFA for privileged access). */
export const ADMIN_ROLES: readonly RoleCode[] = ['px_admin', 'hospital_admin'];

/** What the accounts domain reads of the group's settings (src-main/domains/organizations/group-settings.ts). */
export interface SignInPolicy {
  requireAdminTotp(): boolean;
}

export interface AccountsOptions {
  /** failed sign-in steps an address may make a minute (tests sign in from one address far more often than people do) */
  readonly failuresPerMinute?: number;
  readonly clock: () => number;
  /** seals the authenticator secrets */
  readonly secrets: SecretBox;
}

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

type NewUser = ParsedInput<'users.create'>;

/** Sign-in, sessions and the people who use the console. */
export class AccountsService {
  readonly sessions: SessionStore;
  readonly lockout: Lockout;
  readonly history: PasswordHistory;
  readonly twoStep: TwoStep;
  readonly guard: SignInGuard;
  readonly signIn: SignInService;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly policy: SignInPolicy,
    options: AccountsOptions,
  ) {
    this.sessions = new SessionStore(store);
    this.lockout = new Lockout(store, data, this.sessions);
    this.history = new PasswordHistory(store);
    this.twoStep = new TwoStep(store, data, options.secrets, options.clock);
    this.guard = new SignInGuard(data, { clock: options.clock, ...(options.failuresPerMinute ? { failuresPerMinute: options.failuresPerMinute } : {}) });
    this.signIn = new SignInService({
      store,
      data,
      sessions: this.sessions,
      lockout: this.lockout,
      twoStep: this.twoStep,
      guard: this.guard,
      me: (row) => this.me(row),
      requiresTwoStep: (row) => this.requiresTwoStep(row),
    });
  }

  /** Before a public call is read: a sign-in step from an address over its failure budget is refused (src-main/core/dispatcher.ts). */
  admit(call: string, origin: ClientOrigin): void {
    this.guard.admit(call, origin);
  }

  /** The group requires an authenticator of this account's role. */
  requiresTwoStep(row: UsersTable): boolean {
    return this.policy.requireAdminTotp() && ADMIN_ROLES.includes(this.role(row.role_id).code);
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
      const row = tx.insert('users', {
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
      this.history.remember(row.id, passwordHash, tx.now);
      return row;
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

  async setup(input: ParsedInput<'auth.setup'>, actor: Actor, origin: ClientOrigin): Promise<SignIn> {
    if (this.localUserCount() > 0) {
      // after the first admin exists, setup is only ever probed: refused like a failed sign-in, and throttled with them
      this.data.write(actor, (tx) =>
        tx.record({ action: 'auth.setup_refused', entityType: 'rpc', entityId: null, hospitalId: null, after: { address: origin.address } }),
      );
      this.guard.failed(origin);
      throw new AppError('CONFLICT', 'error.setup_done');
    }
    createDefaultRoles(this.data, actor);
    await this.insertUser(actor, { ...input, roleCode: 'px_admin', hospitalId: null, departmentId: null });
    return this.signIn.login({ username: input.username, password: input.password }, origin);
  }

  login(input: CallInput<'auth.login'>, origin: ClientOrigin): Promise<SignIn> {
    return this.signIn.login(input, origin);
  }

  logout(caller: Caller): void {
    this.data.write(caller.actor, (tx) => {
      this.sessions.end(caller.sessionId);
      tx.record({ action: 'auth.logout', entityType: 'users', entityId: caller.me.user.id, hospitalId: caller.me.user.hospitalId });
    });
  }

  /**
   * A wrong current password counts toward the lockout like a failed sign-in
   * (a session left open must not become a way to guess the password), and
   * the fifth ends every session of the account.
   */
  async changePassword(caller: Caller, input: ParsedInput<'auth.changePassword'>): Promise<void> {
    const row = this.userRow(caller.me.user.id);
    if (!row) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
    if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
      if (this.lockout.fail(caller.actor, row, 'auth.password_change_failed', { reason: 'field.password_wrong' }, true)) {
        throw new AppError('UNAUTHENTICATED', 'error.account_locked');
      }
      throw invalidField('currentPassword', 'field.password_wrong');
    }
    await this.storePassword(caller.actor, row, input.newPassword, 'newPassword', caller.sessionId, 'auth.password_changed');
  }

  /**
   * Sets a password after the rules the contract cannot check alone: the
   * owner's own words (username, names, email) and the last 5 passwords. A
   * refusal is audited (never the password) and changes nothing.
   */
  async storePassword(actor: Actor, row: UsersTable, password: string, field: string, keepSessionId: string | null, action: string): Promise<void> {
    const refuse = (key: 'field.password_reused' | NonNullable<ReturnType<typeof judgePassword>['problem']>): never => {
      this.data.write(actor, (tx) =>
        tx.record({ action: `${action}_refused`, entityType: 'users', entityId: row.id, hospitalId: row.hospital_id, after: { reason: key } }),
      );
      throw invalidField(field, key);
    };
    const verdict = judgePassword(password, { username: row.username, nameEn: row.name_en, nameAr: row.name_ar, email: row.email });
    if (verdict.problem) refuse(verdict.problem);
    if (await this.history.isRecent(row.id, password)) refuse('field.password_reused');
    const hash = await hashPassword(password);
    this.data.write(actor, (tx) => {
      this.store
        .statement('UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?')
        .run(hash, tx.now, row.id);
      this.history.remember(row.id, hash, tx.now);
      this.sessions.endAllFor(row.id, keepSessionId);
      tx.record({ action, entityType: 'users', entityId: row.id, hospitalId: row.hospital_id });
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
    await this.storePassword(caller.actor, row, password, 'newPassword', null, 'users.password_reset');
  }

  // ---- two-step sign-in -----------------------------------------------------

  totpStatus(caller: Caller): TwoStepStatus {
    const row = this.ownRow(caller);
    return this.twoStep.status(row.id, this.requiresTwoStep(row));
  }

  beginTotp(caller: Caller): TotpEnrolment {
    const row = this.ownRow(caller);
    // an account made on another station signs in there: an authenticator here would guard nothing
    if (row.password_hash === NO_LOCAL_PASSWORD) throw new AppError('CONFLICT', 'error.totp_no_local_password');
    return this.twoStep.begin(caller.actor, row);
  }

  confirmTotp(caller: Caller, code: string): string[] {
    const row = this.ownRow(caller);
    const codes = this.twoStep.confirm(caller.actor, row, code);
    if (codes) return codes;
    // a typo while setting up is not a guess at anything: audited, not counted
    this.data.write(caller.actor, (tx) =>
      tx.record({
        action: 'auth.totp_setup_failed',
        entityType: 'users',
        entityId: row.id,
        hospitalId: row.hospital_id,
        after: { reason: 'field.totp_wrong' },
      }),
    );
    throw TwoStep.wrongCode();
  }

  /** Off, with a current code or a recovery code; wrong codes count toward the lockout, as a wrong current password does. */
  disableTotp(caller: Caller, code: string): void {
    const row = this.ownRow(caller);
    if (!this.twoStep.isEnrolled(row.id)) throw new AppError('CONFLICT', 'error.totp_not_enrolled');
    if (!this.twoStep.spend(row.id, code)) {
      if (this.lockout.fail(caller.actor, row, 'auth.totp_disable_failed', { reason: 'field.totp_wrong' }, true)) {
        throw new AppError('UNAUTHENTICATED', 'error.account_locked');
      }
      throw TwoStep.wrongCode();
    }
    this.data.write(caller.actor, (tx) => {
      this.twoStep.remove(row.id);
      tx.record({ action: 'auth.totp_disabled', entityType: 'users', entityId: row.id, hospitalId: row.hospital_id });
    });
  }

  /** An admin turns off the two-step sign-in of someone who lost their phone and recovery codes. */
  resetTotp(caller: Caller, id: string): void {
    const row = this.visibleUser(caller, id);
    this.checkManageable(caller, row);
    this.data.write(caller.actor, (tx) => {
      const removed = this.twoStep.remove(row.id);
      tx.record({ action: 'users.totp_reset', entityType: 'users', entityId: row.id, hospitalId: row.hospital_id, after: { removed } });
    });
  }

  private ownRow(caller: Caller): UsersTable {
    const row = this.userRow(caller.me.user.id);
    if (!row) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
    return row;
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
