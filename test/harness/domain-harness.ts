import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract/index.js';
import type { ErrorBody } from '../../src-shared/errors.js';
import type { RoleCode } from '../../src-shared/roles.js';
import { NO_LOCAL_PASSWORD } from '../../src-shared/tables/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import type { Caller } from '../../src-main/core/context.js';
import type { DepartmentsTable, HospitalsTable } from '../../src-main/core/db/schema.js';
import { type CoreOptions, StationCore } from '../../src-main/core/station.js';
import { createDefaultRoles, roleByCode } from '../../src-main/domains/accounts/roles.js';

/**
 * Fast tests of business rules, beside the domain code: a migrated station
 * database on a real SQLite file, the station's real domains and dispatcher
 * (permissions, scope, validation, audit), and callers made for a role and a
 * place without signing in — no scrypt, no sockets. A test file opens one in
 * a few milliseconds (the migrated file is copied from a template made once
 * per process). What needs processes, sockets or the hub stays in
 * test/integration.
 */
export class CallFailed extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${status} ${body.error.code} ${body.error.key}`);
  }
}

let template: Promise<string> | null = null;

/** A station database migrated once per test process, with the built-in roles: copied for each harness. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-harness-template-'));
    const core = await StationCore.open(dir);
    createDefaultRoles(core.data, SYSTEM_ACTOR);
    core.close(); // checkpoints the WAL: the whole database is in station.sqlite
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'station.sqlite');
  })();
  return template;
}

export interface Placement {
  readonly hospitalId?: string | null;
  readonly departmentId?: string | null;
}

export class DomainHarness {
  private users = 0;

  private constructor(
    readonly core: StationCore,
    readonly dataDir: string,
  ) {}

  static async open(options: CoreOptions = {}): Promise<DomainHarness> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-harness-'));
    fs.copyFileSync(await migratedTemplate(), path.join(dataDir, 'station.sqlite'));
    return new DomainHarness(await StationCore.open(dataDir, () => {}, options), dataDir);
  }

  /** A hospital, written through the data layer as an admin would. */
  hospital(code: string, names: { nameEn?: string; nameAr?: string } = {}): HospitalsTable {
    return this.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('hospitals', {
        code,
        name_en: names.nameEn ?? `${code} Hospital`,
        name_ar: names.nameAr ?? `مستشفى ${code}`,
        time_zone: 'Asia/Riyadh',
        active: 1,
      }),
    );
  }

  department(hospitalId: string, code: string, parentId: string | null = null): DepartmentsTable {
    return this.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('departments', { hospital_id: hospitalId, parent_id: parentId, code, name_en: `${code} department`, name_ar: `قسم ${code}`, active: 1 }),
    );
  }

  /**
   * A signed-in caller of `role`, placed in a hospital and department (none:
   * group level), as the dispatcher would resolve it from a session. The user
   * exists in the database (the audit log names it) but cannot sign in.
   */
  as(role: RoleCode, place: Placement = {}): Caller {
    const roleRow = roleByCode(this.core.store, role);
    if (!roleRow) throw new Error(`no built-in role ${role}`);
    this.users += 1;
    const username = `${role.replaceAll('_', '.')}.${this.users}`;
    const row = this.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('users', {
        username,
        name_en: `Test ${role}`,
        name_ar: `مستخدم ${role}`,
        email: null,
        phone: null,
        preferred_language: 'en',
        role_id: roleRow.id,
        hospital_id: place.hospitalId ?? null,
        department_id: place.departmentId ?? null,
        active: 1,
        password_hash: NO_LOCAL_PASSWORD,
        password_changed_at: tx.now,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
      }),
    );
    const { me, permissions, scope } = this.core.accounts.me(row);
    const actor: Actor = { id: row.id, name: row.username };
    return { sessionId: `harness-${this.users}`, me, permissions, scope, actor };
  }

  /** A call through the dispatcher as `caller` (null: no session); the output, or CallFailed with status and body. */
  async call<N extends CallName>(caller: Caller | null, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const result = await this.core.dispatcher.dispatchAs(caller, name, input);
    if (!result.ok) throw new CallFailed(result.status, result.body);
    return result.data as CallOutput<N>;
  }

  /** The status a call answers with (200 on success). */
  async status(caller: Caller | null, name: string, input: unknown): Promise<number> {
    const result = await this.core.dispatcher.dispatchAs(caller, name, input);
    return result.ok ? 200 : result.status;
  }

  close(): void {
    this.core.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
