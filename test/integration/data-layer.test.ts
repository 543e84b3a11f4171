/**
 * The data layer's promises, checked on a real SQLite file: one outbox message
 * per changed synced column with strictly increasing HLC stamps, all or
 * nothing per transaction, one clock across processes sharing a data folder,
 * an audit chain that exposes tampering, and a store that refuses a database
 * it does not understand without touching it.
 */
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../src-main/core/db/schema.js';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHlc } from '../../src-shared/hlc.js';
import { ROLE_CODES } from '../../src-shared/roles.js';
import { tableInfo, toJson } from '../../src-shared/tables/index.js';
import { Store, StoreOpenError } from '../../src-main/core/db/store.js';
import { StationCore } from '../../src-main/core/station.js';
import type { Actor } from '../../src-main/core/audit-log.js';
import { tempDataDir } from '../fixtures/station.js';

const ACTOR: Actor = { id: null, name: 'data-layer-test' };
const WRITER = fileURLToPath(new URL('../fixtures/writer-process.ts', import.meta.url));

interface OutboxRow {
  seq: number;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: string | null;
}

/** An audit_log row as stored. */
type AuditRow = Selectable<AuditLogTable>;

const dirs: string[] = [];
function freshDir(): string {
  const dir = tempDataDir('px360-data-layer-');
  dirs.push(dir);
  return dir;
}

let core: StationCore;
let hospitalId: string;

function sqlite(of: StationCore = core): BetterSqlite3.Database {
  return of.store.sqlite;
}

function count(table: string, of: StationCore = core): number {
  return sqlite(of).prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/** The row's sync messages, one per cell, read through the sync_messages view (`seq` is the write they belong to). */
function outboxFor(rowId: string, afterSeq = 0): OutboxRow[] {
  return sqlite()
    .prepare('SELECT change_seq AS seq, hlc, tbl, row_id, col, value FROM sync_messages WHERE row_id = ? AND change_seq > ? ORDER BY change_seq, cell')
    .all(rowId, afterSeq) as OutboxRow[];
}

function messageCount(of: StationCore = core): number {
  return sqlite(of).prepare('SELECT count(*) FROM sync_messages').pluck().get() as number;
}

function maxSeq(table: 'sync_outbox' | 'audit_log', of: StationCore = core): number {
  return sqlite(of).prepare(`SELECT coalesce(max(seq), 0) FROM ${table}`).pluck().get() as number;
}

function clock(of: StationCore = core): string | undefined {
  return sqlite(of).prepare('SELECT last_hlc FROM sync_clock WHERE id = 1').pluck().get() as string | undefined;
}

/** Every stamp after the one before it, as text (how the hub and SQLite sort them). */
function expectStrictlyIncreasing(stamps: readonly string[]): void {
  for (let i = 1; i < stamps.length; i += 1) {
    expect(stamps[i]! > stamps[i - 1]!, `${stamps[i - 1]} then ${stamps[i]}`).toBe(true);
  }
}

function newPatient(mrn: string) {
  return {
    hospital_id: hospitalId,
    mrn,
    national_id: null,
    name_en: 'Noura Al-Shehri',
    name_ar: 'نورة الشهري',
    phone: '+966501234567',
    email: null,
    preferred_language: 'ar' as const,
    birth_date: '1990-05-01',
    gender: 'F' as const,
    active: 1,
  };
}

beforeAll(async () => {
  core = await StationCore.open(freshDir());
  hospitalId = core.data.write(
    ACTOR,
    (tx) => tx.insert('hospitals', { code: 'OLAYA', name_en: 'Olaya', name_ar: 'العليا', time_zone: 'Asia/Riyadh', active: 1 }).id,
  );
});

afterAll(() => {
  core?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('change capture on insert', () => {
  it('writes one message per synced column, never name_search, with strictly increasing stamps, in the same transaction', () => {
    const outboxBefore = maxSeq('sync_outbox');
    const messagesBefore = messageCount();
    const auditBefore = maxSeq('audit_log');
    const clockBefore = clock();
    const row = core.data.write(ACTOR, (tx) => tx.insert('patients', newPatient('DL-1')));

    const messages = outboxFor(row.id);
    expect(messages.map((m) => m.col).sort()).toEqual([...tableInfo('patients').syncedColumns].sort());
    expect(messages.map((m) => m.col)).not.toContain('name_search');
    expect(messages.every((m) => m.tbl === 'patients')).toBe(true);
    // nothing else was written to the outbox: the write is one outbox entry carrying all its messages
    expect(messageCount()).toBe(messagesBefore + messages.length);
    expect(maxSeq('sync_outbox')).toBe(outboxBefore + 1);
    expect(messages.map((m) => m.seq)).toEqual(messages.map(() => outboxBefore + 1));
    const stamps = messages.map((m) => m.hlc);
    expectStrictlyIncreasing([clockBefore ?? '', ...stamps]);
    expect(new Set(stamps.map((s) => parseHlc(s).node))).toEqual(new Set([core.stationId]));
    expect(clock()).toBe(stamps.at(-1));
    // values are the row's, as JSON
    const byColumn = Object.fromEntries(messages.map((m) => [m.col, m.value === null ? null : (JSON.parse(m.value) as unknown)]));
    expect(byColumn).toMatchObject({ mrn: 'DL-1', name_ar: 'نورة الشهري', phone: '+966501234567', active: 1, deleted_at: null, hospital_id: hospitalId });
    // and exactly one audit entry
    expect(maxSeq('audit_log')).toBe(auditBefore + 1);
    const stored = sqlite().prepare('SELECT name_search FROM patients WHERE id = ?').pluck().get(row.id);
    expect(stored).toBe('noura al shehri نوره الشهري');
  });

  it('never captures credentials: a user row sends no password hash or lockout counters', () => {
    const roleId = sqlite().prepare(`SELECT id FROM roles WHERE code = 'viewer'`).pluck().get() as string | undefined;
    const role =
      roleId ??
      core.data.write(
        ACTOR,
        (tx) => tx.insert('roles', { code: 'viewer', name_en: 'Viewer', name_ar: 'مستعرض', level: 10, scope: 'hospital', permissions: toJson([]) }).id,
      );
    const user = core.data.write(ACTOR, (tx) =>
      tx.insert('users', {
        username: 'dl.user',
        name_en: 'DL',
        name_ar: 'د',
        email: null,
        phone: null,
        preferred_language: 'ar',
        role_id: role,
        hospital_id: hospitalId,
        department_id: null,
        active: 1,
        password_hash: 'scrypt$131072$8$1$c2FsdA==$a2V5',
        password_changed_at: new Date().toISOString(),
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
      }),
    );
    expect(
      outboxFor(user.id)
        .map((m) => m.col)
        .sort(),
    ).toEqual([...tableInfo('users').syncedColumns].sort());
    const everything = JSON.stringify(sqlite().prepare('SELECT * FROM sync_outbox WHERE row_id = ?').all(user.id));
    expect(everything).not.toContain('scrypt$');
    const audit = sqlite().prepare('SELECT after_json FROM audit_log WHERE entity_id = ?').pluck().get(user.id) as string;
    expect(audit).not.toContain('scrypt$');
    expect((JSON.parse(audit) as Record<string, unknown>).password_hash).toBe('[redacted]');
  });
});

describe('change capture on update', () => {
  it('writes messages only for the columns that changed (and updated_at)', () => {
    const row = core.data.write(ACTOR, (tx) => tx.insert('patients', newPatient('DL-2')));
    const from = maxSeq('sync_outbox');
    const messagesFrom = messageCount();
    const updated = core.data.write(ACTOR, (tx) =>
      tx.update('patients', row.id, { name_en: 'Noura Saad Al-Shehri', phone: '+966501234567', mrn: 'DL-2', email: undefined }),
    );
    const messages = outboxFor(row.id, from);
    expect(messages.map((m) => m.col).sort()).toEqual(['name_en', 'updated_at']);
    expect(JSON.parse(messages.find((m) => m.col === 'name_en')!.value!)).toBe('Noura Saad Al-Shehri');
    expect(messageCount()).toBe(messagesFrom + 2);
    expectStrictlyIncreasing([outboxFor(row.id).at(-3)!.hlc, ...messages.map((m) => m.hlc)]);
    // the derived search text followed, but is not sent
    expect(updated.name_search).toBe('noura saad al shehri نوره الشهري');
    const audit = sqlite().prepare('SELECT before_json, after_json FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1').get(row.id) as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(audit.before_json)).toEqual({ name_en: 'Noura Al-Shehri' });
    expect(JSON.parse(audit.after_json)).toEqual({ name_en: 'Noura Saad Al-Shehri' });
  });

  it('writes nothing at all for an edit that changes nothing', () => {
    const row = core.data.write(ACTOR, (tx) => tx.insert('patients', newPatient('DL-3')));
    const before = { outbox: count('sync_outbox'), audit: count('audit_log'), clock: clock() };
    const same = core.data.write(ACTOR, (tx) => tx.update('patients', row.id, { name_en: row.name_en, mrn: row.mrn, active: 1, phone: undefined }));
    expect({ outbox: count('sync_outbox'), audit: count('audit_log'), clock: clock() }).toEqual(before);
    expect(same.updated_at).toBe(row.updated_at);
    expect(sqlite().prepare('SELECT updated_at FROM patients WHERE id = ?').pluck().get(row.id)).toBe(row.updated_at);
  });
});

describe('all or nothing', () => {
  it('rolls back the row, its outbox messages, its audit entry and the clock when the command throws', () => {
    const existing = core.data.write(ACTOR, (tx) => tx.insert('patients', newPatient('DL-4')));
    const before = { patients: count('patients'), hospitals: count('hospitals'), outbox: count('sync_outbox'), audit: count('audit_log'), clock: clock() };
    expect(() =>
      core.data.write(ACTOR, (tx) => {
        tx.insert('patients', newPatient('DL-ROLLED-BACK'));
        tx.update('patients', existing.id, { name_en: 'Should not stick' });
        // a nested write joins the outer transaction, and falls with it
        core.data.write(ACTOR, (inner) => inner.insert('hospitals', { code: 'GHOST', name_en: 'Ghost', name_ar: 'شبح', time_zone: 'Asia/Riyadh', active: 1 }));
        tx.record({ action: 'test.note', entityType: 'test', entityId: null });
        throw new Error('the HIS connection dropped mid-command');
      }),
    ).toThrow('the HIS connection dropped mid-command');
    expect({ patients: count('patients'), hospitals: count('hospitals'), outbox: count('sync_outbox'), audit: count('audit_log'), clock: clock() }).toEqual(
      before,
    );
    expect(sqlite().prepare(`SELECT count(*) FROM patients WHERE mrn = 'DL-ROLLED-BACK'`).pluck().get()).toBe(0);
    expect(sqlite().prepare('SELECT name_en FROM patients WHERE id = ?').pluck().get(existing.id)).toBe('Noura Al-Shehri');
    expect(sqlite().inTransaction).toBe(false);

    // the next command works, stamps after everything committed, and the chain holds
    const next = core.data.write(ACTOR, (tx) => tx.insert('patients', newPatient('DL-5')));
    expectStrictlyIncreasing([before.clock ?? '', ...outboxFor(next.id).map((m) => m.hlc)]);
    expect(core.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('rolls back when SQLite itself refuses a statement (a unique index)', () => {
    const before = { patients: count('patients'), outbox: count('sync_outbox'), audit: count('audit_log') };
    expect(() =>
      core.data.write(ACTOR, (tx) => {
        tx.insert('patients', newPatient('DL-DUP'));
        tx.insert('patients', newPatient('DL-DUP'));
      }),
    ).toThrow(/UNIQUE/);
    expect({ patients: count('patients'), outbox: count('sync_outbox'), audit: count('audit_log') }).toEqual(before);
  });

  it('refuses a column the table does not have before touching SQL', () => {
    const before = count('sync_outbox');
    const injected = { ...newPatient('DL-6'), 'name_en) VALUES (1); --': 'x' };
    expect(() => core.data.write(ACTOR, (tx) => tx.insert('patients', injected))).toThrow(/has no column/);
    expect(count('sync_outbox')).toBe(before);
  });
});

/** The rows every station makes at its first start, each audited: the built-in roles and the group settings. */
const BUILT_IN_ROWS = ROLE_CODES.length + 1;

describe('two processes on one data folder', () => {
  it('interleaved writes from two StationCores keep every stamp unique and increasing, and the chain verifies', async () => {
    const dir = freshDir();
    const station = await StationCore.open(dir);
    const cli = await StationCore.open(dir);
    try {
      expect(cli.stationId).toBe(station.stationId);
      for (let i = 0; i < 40; i += 1) {
        const writer = i % 2 === 0 ? station : cli;
        writer.data.write({ id: null, name: i % 2 === 0 ? 'station' : 'cli' }, (tx) => {
          const row = tx.insert('hospitals', { code: `H-${i}`, name_en: `Hospital ${i}`, name_ar: 'مستشفى', time_zone: 'Asia/Riyadh', active: 1 });
          if (i % 3 === 0) tx.update('hospitals', row.id, { active: 0 });
        });
      }
      const stamps = sqlite(station).prepare('SELECT hlc FROM sync_messages ORDER BY change_seq, cell').pluck().all() as string[];
      expect(stamps.length).toBeGreaterThan(40 * 8);
      expect(new Set(stamps).size).toBe(stamps.length);
      expectStrictlyIncreasing(stamps);
      // and the built-in rows' creation at the first start: the roles, the group settings
      expect(station.audit.verify()).toEqual({ ok: true, checked: BUILT_IN_ROWS + 40 + Math.ceil(40 / 3), firstBroken: null });
      expect(cli.audit.verify().ok).toBe(true);
    } finally {
      cli.close();
      station.close();
    }
  });

  it('a real second process (the CLI) writing at the same time as the station loses nothing and breaks nothing', async () => {
    const dir = freshDir();
    const station = await StationCore.open(dir);
    const perSide = 150;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(perSide), 'CLI'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error(`writer exited before it was ready: ${stderr}`)));
      });
      child.stdin.write('go\n');
      for (let i = 0; i < perSide; i += 1) {
        station.data.write({ id: null, name: 'station' }, (tx) => {
          const row = tx.insert('hospitals', { code: `ST-${i}`, name_en: `Station hospital ${i}`, name_ar: 'مستشفى', time_zone: 'Asia/Riyadh', active: 1 });
          tx.update('hospitals', row.id, { name_en: `Station hospital ${i} (edited)` });
        });
        await sleep(1);
      }
      expect(await exited, stderr).toBe(0);

      expect(count('hospitals', station)).toBe(2 * perSide);
      const rows = sqlite(station).prepare('SELECT hlc, tbl FROM sync_messages ORDER BY change_seq, cell').all() as { hlc: string }[];
      const stamps = rows.map((r) => r.hlc);
      expect(stamps).toHaveLength(2 * perSide * (tableInfo('hospitals').syncedColumns.length + 2));
      expect(new Set(stamps).size).toBe(stamps.length);
      expectStrictlyIncreasing(stamps);
      // the two writers really did take turns, not one after the other
      const actors = sqlite(station).prepare('SELECT actor_name FROM audit_log ORDER BY seq').pluck().all() as string[];
      const switches = actors.filter((a, i) => i > 0 && a !== actors[i - 1]).length;
      expect(switches).toBeGreaterThan(10);
      expect(station.audit.verify()).toEqual({ ok: true, checked: BUILT_IN_ROWS + 4 * perSide, firstBroken: null });
    } finally {
      station.close();
    }
  }, 120_000);
});

describe('tampering with the audit log', () => {
  let pristine: Buffer;
  let entries: number;

  /** A closed station folder holding a copy of the pristine database. */
  function copyOfStation(): string {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'station.sqlite'), pristine);
    return dir;
  }

  /** Opens the file as someone with access to the disk would: no station code, just SQLite. */
  function tamper(dir: string, sql: (db: BetterSqlite3.Database) => void): void {
    const db = new BetterSqlite3(path.join(dir, 'station.sqlite'));
    try {
      sql(db);
    } finally {
      db.close();
    }
  }

  async function verify(dir: string) {
    const opened = await StationCore.open(dir);
    try {
      return opened.audit.verify();
    } finally {
      opened.close();
    }
  }

  beforeAll(async () => {
    const dir = freshDir();
    const station = await StationCore.open(dir);
    for (let i = 0; i < 10; i += 1) {
      station.data.write(ACTOR, (tx) =>
        tx.insert('hospitals', { code: `T-${i}`, name_en: `Hospital ${i}`, name_ar: 'مستشفى', time_zone: 'Asia/Riyadh', active: 1 }),
      );
    }
    entries = count('audit_log', station);
    station.close();
    pristine = fs.readFileSync(path.join(dir, 'station.sqlite'));
  });

  it('verifies the untouched copy', async () => {
    expect(await verify(copyOfStation())).toEqual({ ok: true, checked: entries, firstBroken: null });
  });

  it('is refused by the database itself while the triggers stand', () => {
    const dir = copyOfStation();
    tamper(dir, (db) => {
      expect(() => db.prepare(`UPDATE audit_log SET after_json = '{}' WHERE seq = 5`).run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
    });
  });

  it('reports an edited entry by its seq with hash_mismatch once the triggers are dropped', async () => {
    const dir = copyOfStation();
    tamper(dir, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      db.prepare(`UPDATE audit_log SET after_json = '{"code":"T-4","name_en":"Forged"}' WHERE seq = 5`).run();
    });
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 5, reason: 'hash_mismatch' });
    expect(result.checked).toBe(4);
  });

  it('reports an edit whose hash was recomputed: the next entry no longer links to it', async () => {
    const dir = copyOfStation();
    tamper(dir, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update;');
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = 5').get() as AuditRow;
      const forged: AuditRow = { ...row, actor_name: 'someone-else' };
      const hash = createHash('sha256')
        .update(
          JSON.stringify([
            forged.prev_hash,
            forged.id,
            forged.at,
            forged.station_id,
            forged.hospital_id,
            forged.actor_id,
            forged.actor_name,
            forged.action,
            forged.entity_type,
            forged.entity_id,
            forged.before_json,
            forged.after_json,
          ]),
        )
        .digest('hex');
      db.prepare('UPDATE audit_log SET actor_name = ?, hash = ? WHERE seq = 5').run(forged.actor_name, hash);
    });
    const result = await verify(dir);
    expect(result.firstBroken).toMatchObject({ seq: 6, reason: 'chain_broken' });
  });

  it('reports a deleted middle entry', async () => {
    const dir = copyOfStation();
    tamper(dir, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete;');
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    });
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 6, reason: 'sequence_gap' });
    expect(result.checked).toBe(4);
  });
});

describe('opening a database the station does not understand', () => {
  /** A migrated, closed station folder. */
  async function migratedFolder(): Promise<{ dir: string; file: string }> {
    const dir = freshDir();
    (await StationCore.open(dir)).close();
    return { dir, file: path.join(dir, 'station.sqlite') };
  }

  it('opens its own database again without complaint', async () => {
    const { file } = await migratedFolder();
    const store = await Store.open(file);
    store.close();
  });

  it('refuses a database with a migration this version does not ship, naming it, and leaves the file as it was', async () => {
    const { file } = await migratedFolder();
    const db = new BetterSqlite3(file);
    db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999-from-a-newer-px360', new Date().toISOString());
    db.close();
    const before = fs.readFileSync(file);
    const opening = Store.open(file);
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(/newer/);
    await expect(opening).rejects.toThrow(/9999-from-a-newer-px360/);
    expect(Buffer.compare(fs.readFileSync(file), before)).toBe(0);
  });

  it('refuses a database whose applied migrations differ from the shipped ones', async () => {
    const { file } = await migratedFolder();
    const db = new BetterSqlite3(file);
    db.prepare(`UPDATE kysely_migration SET name = '0001-someone-elses-fork' WHERE name = '0001-foundation'`).run();
    db.close();
    const before = fs.readFileSync(file);
    await expect(Store.open(file)).rejects.toBeInstanceOf(StoreOpenError);
    expect(Buffer.compare(fs.readFileSync(file), before)).toBe(0);
  });

  it('refuses a file of garbage bytes and leaves it untouched', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'station.sqlite');
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i += 1) garbage[i] = (i * 131 + 17) & 0xff;
    fs.writeFileSync(file, garbage);
    const opening = Store.open(file);
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(/left untouched/);
    expect(Buffer.compare(fs.readFileSync(file), garbage)).toBe(0);
    await expect(StationCore.open(dir)).rejects.toBeInstanceOf(StoreOpenError);
    expect(Buffer.compare(fs.readFileSync(file), garbage)).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['station.sqlite']);
  });

  it('refuses a real database whose pages were overwritten, and leaves it untouched', async () => {
    const { file } = await migratedFolder();
    const damaged = fs.readFileSync(file);
    for (let i = 4096; i < damaged.length; i += 1) damaged[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, damaged);
    await expect(Store.open(file)).rejects.toBeInstanceOf(StoreOpenError);
    expect(Buffer.compare(fs.readFileSync(file), damaged)).toBe(0);
    // and nothing was left beside it: no -wal or -shm from a connection still open
    expect(fs.readdirSync(path.dirname(file))).toEqual(['station.sqlite']);
  });
});
