/**
 * The data layer's promises, on a real SQLite file: one outbox message per
 * changed synced column with strictly increasing HLC stamps, all or nothing
 * per transaction, and one clock for two station cores sharing a data folder.
 * Two real processes writing at once are in test/integration/data-layer.test.ts.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHlc } from '../../src-shared/hlc.js';
import { derivedStamp } from './data-layer.js';
import { tableInfo, toJson } from '../../src-shared/tables/index.js';
import { type Actor, SYSTEM_ACTOR } from './audit-log.js';
import { StationCore } from './station.js';
import { DomainHarness, migratedStationFolder } from '../../test/harness/domain-harness.js';

const ACTOR: Actor = { id: null, name: 'data-layer-test' };

interface OutboxRow {
  seq: number;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: string | null;
}

let h: DomainHarness;
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
  h = await DomainHarness.open();
  core = h.core;
  hospitalId = core.data.write(
    ACTOR,
    (tx) => tx.insert('hospitals', { code: 'OLAYA', name_en: 'Olaya', name_ar: 'العليا', time_zone: 'Asia/Riyadh', active: 1 }).id,
  );
});

afterAll(() => h.close());

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

describe('two station cores on one data folder', () => {
  it('interleaved writes from two StationCores keep every stamp unique and increasing, and the chain verifies', async () => {
    const dir = await migratedStationFolder();
    const station = await StationCore.open(dir);
    const cli = await StationCore.open(dir);
    const entriesBefore = count('audit_log', station);
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
      expect(station.audit.verify()).toEqual({ ok: true, checked: entriesBefore + 40 + Math.ceil(40 / 3), firstBroken: null, anchor: null });
      expect(cli.audit.verify().ok).toBe(true);
    } finally {
      cli.close();
      station.close();
    }
  });
});

describe('a shared row (an id another place may have made)', () => {
  it('sends only its filled cells, so an empty one never erases what another station or the hub wrote', async () => {
    const h = await DomainHarness.open();
    try {
      const hospital = h.hospital('SHARED');
      const id = '0190a3c2-0000-8000-8000-000000000001';
      h.core.data.write(SYSTEM_ACTOR, (tx) =>
        tx.insertShared('survey_settings', {
          id,
          hospital_id: hospital.id,
          sending_enabled: 0,
          window_start_minute: 540,
          window_end_minute: 1260,
          fatigue_days: 30,
          expiry_days: 7,
          digits: 'latn',
          channels: toJson(['sms']),
          reminder_after_hours: 48,
          reminder_max: 1,
          link_base_url: null,
          message_texts: null,
        }),
      );
      const cells = JSON.parse(
        h.core.store.sqlite.prepare(`SELECT cells FROM sync_outbox WHERE tbl = 'survey_settings' AND row_id = ?`).pluck().get(id) as string,
      ) as [string, unknown, string][];
      const columns = cells.map(([column]) => column);
      expect(columns).toContain('window_start_minute');
      expect(columns).not.toContain('link_base_url');
      expect(columns).not.toContain('message_texts');
      expect(columns).not.toContain('deleted_at');
      expect(h.lastAudit(id)).toMatchObject({ action: 'survey_settings.create' });
    } finally {
      h.close();
    }
  });
});

describe('a derived row (an automatic effect every station makes alike)', () => {
  it('stamps its cells older than any edit, alike on every station but for the node, and never twice the same', () => {
    const stamps = new Set<string>();
    for (let row = 0; row < 2_000; row += 1)
      for (const column of ['status', 'owner_user_id', 'priority']) {
        const stamp = derivedStamp('px_actions', `row-${row}`, column, 'station-a');
        expect(parseHlc(stamp).wallMs).toBeLessThan(Date.UTC(1970, 0, 1));
        stamps.add(stamp);
      }
    expect(stamps.size).toBe(6_000);
    const a = parseHlc(derivedStamp('px_actions', 'x', 'status', 'station-a'));
    const b = parseHlc(derivedStamp('px_actions', 'x', 'status', 'station-b'));
    expect({ wallMs: a.wallMs, counter: a.counter }).toEqual({ wallMs: b.wallMs, counter: b.counter });
    expect(a.node).not.toBe(b.node);
  });

  it('is written and audited like any insert, and an edit of it is stamped after it', () => {
    const patient = newPatient('MRN-DERIVED-1');
    const id = '0190a3c2-0000-8000-8000-0000000000d1';
    core.data.write(ACTOR, (tx) => tx.insertDerived('patients', { ...patient, id }));
    core.data.write(ACTOR, (tx) => tx.update('patients', id, { name_en: 'Edited' }));
    const [created, edited] = outboxFor(id).filter((cell) => cell.col === 'name_en');
    expect(created!.hlc < edited!.hlc).toBe(true);
    expect(parseHlc(created!.hlc).wallMs).toBeLessThan(Date.UTC(1970, 0, 1));
    expect(h.lastAudit(id)).toMatchObject({ action: 'patients.update' });
  });
});
