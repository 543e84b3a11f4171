/**
 * The audit log is a hash chain a PX office can trust: the database refuses
 * edits and deletions while its triggers stand, and once someone with the
 * file drops them, verification names the first entry that was edited,
 * re-hashed or removed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './audit-log.js';
import type { AuditLogTable } from './db/schema.js';
import { StationCore } from './station.js';
import { migratedStationFolder } from '../../test/harness/domain-harness.js';

const ACTOR: Actor = { id: null, name: 'audit-log-test' };

/** An audit_log row as stored. */
type AuditRow = Selectable<AuditLogTable>;

const dirs: string[] = [];
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-audit-log-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function count(table: string, of: StationCore): number {
  return of.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

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
    const dir = await migratedStationFolder();
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
