import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { RpcResult } from '../../src-shared/bridge.js';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract/index.js';
import { type ErrorBody, validationError } from '../../src-shared/errors.js';
import { type EventAccepted, type HisEvent, hisEventSchema } from '../../src-shared/his-events.js';
import { MESSAGES, type MessageKey } from '../../src-shared/messages.js';
import type { RoleCode } from '../../src-shared/roles.js';
import { NO_LOCAL_PASSWORD } from '../../src-shared/tables/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import type { Caller } from '../../src-main/core/context.js';
import type { Database, DepartmentsTable, HospitalsTable } from '../../src-main/core/db/schema.js';
import { subscriberJobName } from '../../src-main/core/domain-events.js';
import { MASTER_KEY_FILE } from '../../src-main/core/keys.js';
import { type CoreOptions, StationCore } from '../../src-main/core/station.js';
import { createDefaultRoles, roleByCode } from '../../src-main/domains/accounts/roles.js';
import { intakeItemFromJson } from '../../src-main/domains/integrations/intake.js';

/**
 * Fast tests of business rules, beside the domain code: a migrated station
 * database on a real SQLite file, the station's real domains and dispatcher
 * (permissions, scope, validation, audit), and callers made for a role and a
 * place without signing in — no scrypt, no sockets. A test file opens one in
 * a few milliseconds (the migrated file is copied from a template made once
 * per test process, which the unit tier shares between files). A caller is
 * read again on every call, as a session is. What needs processes, sockets,
 * real sign-ins or the hub stays in test/integration.
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
/** Folders left for the end of the test process: the template, and copies handed out. */
const removeAtExit: string[] = [];
process.once('exit', () => {
  for (const dir of removeAtExit) fs.rmSync(dir, { recursive: true, force: true });
});

/** A station folder migrated once per test process, with the built-in roles: its database and key copied for each harness. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-harness-template-'));
    const core = await StationCore.open(dir);
    createDefaultRoles(core.data, SYSTEM_ACTOR);
    core.close(); // checkpoints the WAL: the whole database is in station.sqlite
    removeAtExit.push(dir);
    return dir;
  })();
  return template;
}

/** Copies the template's database and its key (the audit chain is sealed with it) into `dataDir`. */
async function copyTemplate(dataDir: string): Promise<void> {
  const from = await migratedTemplate();
  for (const file of ['station.sqlite', MASTER_KEY_FILE]) fs.copyFileSync(path.join(from, file), path.join(dataDir, file));
}

/**
 * A fresh folder holding a closed copy of the migrated template (built-in
 * roles included), for tests that open, share or damage the file themselves.
 * Removed when the test process exits.
 */
export async function migratedStationFolder(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-harness-copy-'));
  await copyTemplate(dataDir);
  removeAtExit.push(dataDir);
  return dataDir;
}

export interface Placement {
  readonly hospitalId?: string | null;
  readonly departmentId?: string | null;
  /** the name the audit log shows (default: made from the role) */
  readonly username?: string;
}

/** A scrypt hash no password matches: a user who signs in on this station (two-step sign-in, password history) without the cost of hashing one. */
const UNGUESSABLE_LOCAL_PASSWORD = 'scrypt$1024$8$1$c2FsdA==$a2V5';

/** A refused call as the console receives it. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly key: string;
  /** what the person is told, in both languages */
  readonly message: ErrorBody['error']['message'];
  readonly fields: NonNullable<ErrorBody['error']['fields']>;
}

/** An audit entry about one record, its before and after parsed. */
export interface AuditEntry {
  readonly action: string;
  readonly hospitalId: string | null;
  readonly actor: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

interface AuditRow {
  action: string;
  hospital_id: string | null;
  actor_name: string;
  before_json: string | null;
  after_json: string | null;
}

export class DomainHarness {
  private users = 0;

  private constructor(
    readonly core: StationCore,
    readonly dataDir: string,
  ) {}

  static async open(options: CoreOptions = {}): Promise<DomainHarness> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-harness-'));
    await copyTemplate(dataDir);
    const core = await StationCore.open(dataDir, () => {}, options);
    // A throwaway file needs no fsync per commit (FULL costs ~20 ms a write on
    // a busy disk); what a transaction writes, and when it is visible, is unchanged.
    core.store.sqlite.pragma('synchronous = OFF');
    return new DomainHarness(core, dataDir);
  }

  /**
   * A station migrated from nothing rather than copied from the shared
   * template: for what each station makes for itself at its first start
   * (built-in rows), which a copy would only inherit.
   */
  static async openFromScratch(options: CoreOptions = {}): Promise<DomainHarness> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-harness-scratch-'));
    const core = await StationCore.open(dataDir, () => {}, options);
    core.store.sqlite.pragma('synchronous = OFF');
    return new DomainHarness(core, dataDir);
  }

  /** Runs `body` on this station as if it were enrolled with a hub for one hospital (a hospital's station), then not enrolled again. */
  async asHospitalStation<T>(hospital: HospitalsTable, body: () => Promise<T>): Promise<T> {
    this.core.sync.state.enrol({
      hubUrl: 'https://hub.example',
      token: 'station-token',
      scope: { kind: 'hospital', hospitalId: hospital.id, hospitalCode: hospital.code },
    });
    try {
      return await body();
    } finally {
      this.core.store.sqlite.prepare('DELETE FROM sync_state').run();
    }
  }

  /** The same station closed and opened again, as after a restart (this harness is spent; callers made on it still work). */
  async reopen(options: CoreOptions = {}): Promise<DomainHarness> {
    this.core.close();
    const core = await StationCore.open(this.dataDir, () => {}, options);
    core.store.sqlite.pragma('synchronous = OFF');
    return new DomainHarness(core, this.dataDir);
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
    const username = place.username ?? `${role.replaceAll('_', '.')}.${this.users}`;
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

  /** Makes `caller` a user with a local password (harness users have none), as two-step sign-in needs. */
  withLocalPassword(caller: Caller): Caller {
    this.core.store.sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(UNGUESSABLE_LOCAL_PASSWORD, caller.me.user.id);
    return caller;
  }

  /**
   * The call as the dispatcher answers it for `caller` (null: no session).
   * The caller is read again from the database first, as a session token is
   * resolved on every call: a tuned role, a new department in a manager's
   * subtree or a deactivation counts from the next call on.
   */
  dispatch(caller: Caller | null, name: string, input: unknown): Promise<RpcResult> {
    return this.core.dispatcher.dispatchAs(caller && this.current(caller), name, input);
  }

  /** A call through the dispatcher as `caller`; the output, or CallFailed with status and body. */
  async call<N extends CallName>(caller: Caller | null, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const result = await this.dispatch(caller, name, input);
    if (!result.ok) throw new CallFailed(result.status, result.body);
    return result.data as CallOutput<N>;
  }

  /** The refusal a call answers with; throws if the call succeeded. */
  async failure(caller: Caller | null, name: string, input: unknown): Promise<Refusal> {
    const result = await this.dispatch(caller, name, input);
    if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.data)}`);
    const { code, key, message, fields } = result.body.error;
    return { status: result.status, code, key, message, fields: fields ?? [] };
  }

  /** The status a call answers with (200 on success). */
  async status(caller: Caller | null, name: string, input: unknown): Promise<number> {
    const result = await this.dispatch(caller, name, input);
    return result.ok ? 200 : result.status;
  }

  /** The caller as its user row stands now; null once the user is gone or inactive (a session would end). */
  private current(caller: Caller): Caller | null {
    const row = this.core.accounts.userRow(caller.me.user.id);
    if (!row || row.active !== 1) return null;
    return { ...caller, ...this.core.accounts.me(row) };
  }

  /** The newest audit entry about one record (or the newest of all, a denial for one). */
  lastAudit(entityId?: string): AuditEntry {
    const row = (
      entityId === undefined
        ? this.core.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get()
        : this.core.store.sqlite.prepare('SELECT * FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1').get(entityId)
    ) as AuditRow | undefined;
    if (!row) throw new Error(`no audit entry for ${entityId ?? 'any record'}`);
    const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);
    return { action: row.action, hospitalId: row.hospital_id, actor: row.actor_name, before: parse(row.before_json), after: parse(row.after_json) };
  }

  /** How many rows a table holds. */
  count(table: keyof Database): number {
    return this.core.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }

  /**
   * A HIS event made durable as the JSON listener would after its checks
   * (token, signature, schema): waiting for the processor, not yet processed.
   */
  /** An event as the JSON listener takes it: checked against the event schema (a refusal throws with its field errors), then made durable. */
  async receive(event: HisEvent): Promise<EventAccepted> {
    const parsed = hisEventSchema.safeParse(event);
    if (!parsed.success) throw new Error(`refused at intake: ${JSON.stringify(validationError(parsed.error).toBody().error.fields)}`);
    return this.core.intake.submit(intakeItemFromJson(parsed.data, JSON.stringify(event)));
  }

  /** Runs a subscriber until it has delivered every event of its types (one run stops at its time budget, and a slow machine reaches it). */
  async deliver(subscriber: string): Promise<void> {
    const lag = () => this.core.events.status().find((s) => s.name === subscriber)?.lag ?? 0;
    for (let runs = 0; runs === 0 || lag() > 0; runs += 1) {
      if (runs > 1_000) throw new Error(`${subscriber} is stuck: ${JSON.stringify(this.core.events.status().find((s) => s.name === subscriber))}`);
      await this.core.scheduler.runNow(subscriberJobName(subscriber));
    }
  }

  close(): void {
    this.core.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const ARABIC = /[\u0600-\u06FF]/;

/** A 400 naming one field, with the message in both languages as the message table spells it. */
export function expectFieldError(refusal: Refusal, path: string, key: MessageKey): void {
  expect(refusal.status).toBe(400);
  expect(refusal.key).toBe('error.validation');
  const field = refusal.fields.find((f) => f.path === path);
  expect(field, `${path} in ${JSON.stringify(refusal.fields)}`).toBeDefined();
  expect(field?.key).toBe(key);
  expect(field?.message.en).toBe(MESSAGES[key].en);
  expect(field?.message.ar).toBe(MESSAGES[key].ar);
  expect(field?.message.en).toMatch(/[A-Za-z]/);
  expect(field?.message.ar).toMatch(ARABIC);
}
