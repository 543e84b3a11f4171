/**
 * The audit log is a hash chain a PX office can trust: the database refuses
 * edits and deletions while its triggers stand, and once someone with the
 * file drops them, verification names the first entry that was edited,
 * re-hashed or removed — and, since each link is also sealed with a key the
 * database does not hold, a chain recomputed from the edit on is found too.
 * (Cutting off the newest entries leaves a valid chain: the hub's anchored
 * checkpoint finds that, test/integration/audit-anchor.test.ts.)
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
import { MASTER_KEY_FILE } from './keys.js';
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
  let key: Buffer;
  let entries: number;

  /** A closed station folder holding a copy of the pristine database, and its key unless `withKey` is false. */
  function copyOfStation(withKey = true): string {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'station.sqlite'), pristine);
    if (withKey) fs.writeFileSync(path.join(dir, MASTER_KEY_FILE), key, { mode: 0o600 });
    return dir;
  }

  /** The plain hash of an entry, as anyone reading the source can compute it. */
  function plainHash(row: AuditRow): string {
    return createHash('sha256')
      .update(
        JSON.stringify([
          row.prev_hash,
          row.id,
          row.at,
          row.station_id,
          row.hospital_id,
          row.actor_id,
          row.actor_name,
          row.action,
          row.entity_type,
          row.entity_id,
          row.before_json,
          row.after_json,
        ]),
      )
      .digest('hex');
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
    key = fs.readFileSync(path.join(dir, MASTER_KEY_FILE));
  });

  it('verifies the untouched copy', async () => {
    expect(await verify(copyOfStation())).toEqual({ ok: true, checked: entries, firstBroken: null, anchor: null });
  });

  it('finds a chain recomputed from a forged entry onwards, which the plain hashes alone would pass', async () => {
    const dir = copyOfStation();
    tamper(dir, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update;');
      // the probe's forgery: edit entry 5, then recompute every hash after it so the plain chain links again
      const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= 5 ORDER BY seq').all() as AuditRow[];
      let prev = (db.prepare('SELECT hash FROM audit_log WHERE seq = 4').pluck().get() as string) ?? '';
      const update = db.prepare('UPDATE audit_log SET actor_name = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      for (const row of rows) {
        const forged: AuditRow = { ...row, prev_hash: prev, actor_name: row.seq === 5 ? 'someone-else' : row.actor_name };
        prev = plainHash(forged);
        update.run(forged.actor_name, forged.prev_hash, prev, row.seq);
      }
    });
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 5, reason: 'mac_mismatch' });
    expect(result.checked).toBe(4);
  });

  it('does not verify without the station key: a copy of the file alone cannot be sealed again', async () => {
    const result = await verify(copyOfStation(false));
    expect(result.firstBroken).toMatchObject({ seq: 1, reason: 'mac_mismatch' });
  });

  it('seals entries written before the chain was keyed once, at start, as far as their hashes chain', async () => {
    const unkeyed = copyOfStation();
    tamper(unkeyed, (db) => {
      // as a database written before migration 0008: no seals
      db.exec('DROP TRIGGER audit_log_no_update; UPDATE audit_log SET mac = NULL;');
    });
    expect(await verify(unkeyed)).toMatchObject({ ok: true, checked: entries });

    const brokenThenUnkeyed = copyOfStation();
    tamper(brokenThenUnkeyed, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update; UPDATE audit_log SET mac = NULL;');
      db.prepare(`UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 5`).run();
    });
    // the broken entry and those after it are not sealed: verification still names where it breaks
    const result = await verify(brokenThenUnkeyed);
    expect(result.firstBroken).toMatchObject({ seq: 5, reason: 'hash_mismatch' });
    tamper(brokenThenUnkeyed, (db) => expect(db.prepare('SELECT count(*) FROM audit_log WHERE mac IS NULL').pluck().get()).toBe(entries - 4));
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
      db.prepare('UPDATE audit_log SET actor_name = ?, hash = ? WHERE seq = 5').run(forged.actor_name, plainHash(forged));
    });
    const result = await verify(dir);
    // its own seal no longer matches its new hash, before the next entry's link is even looked at
    expect(result.firstBroken).toMatchObject({ seq: 5, reason: 'mac_mismatch' });
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
