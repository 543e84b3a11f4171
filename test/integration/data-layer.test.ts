/**
 * A real second process (the CLI) writing to the station's data folder while
 * the station writes: nothing lost, every stamp unique and increasing, the
 * audit chain whole. The data layer's other promises are checked beside it
 * (src-main/core/data-layer.test.ts, audit-log.test.ts, db/store.test.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../src-shared/roles.js';
import { tableInfo } from '../../src-shared/tables/index.js';
import { StationCore } from '../../src-main/core/station.js';
import { tempDataDir } from '../fixtures/station.js';

const WRITER = fileURLToPath(new URL('../fixtures/writer-process.ts', import.meta.url));

const dirs: string[] = [];
function freshDir(): string {
  const dir = tempDataDir('px360-data-layer-');
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function count(table: string, of: StationCore): number {
  return of.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/** Every stamp after the one before it, as text (how the hub and SQLite sort them). */
function expectStrictlyIncreasing(stamps: readonly string[]): void {
  for (let i = 1; i < stamps.length; i += 1) {
    expect(stamps[i]! > stamps[i - 1]!, `${stamps[i - 1]} then ${stamps[i]}`).toBe(true);
  }
}

describe('two processes on one data folder', () => {
  it('a real second process (the CLI) writing at the same time as the station loses nothing and breaks nothing', async () => {
    const dir = freshDir();
    const station = await StationCore.open(dir);
    const perSide = 150;
    // what every station writes at its first start (built-in roles, group settings, the shipped survey templates)
    const builtIn = station.audit.verify().checked;
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
      const rows = station.store.sqlite.prepare('SELECT hlc, tbl FROM sync_messages ORDER BY change_seq, cell').all() as { hlc: string }[];
      const stamps = rows.map((r) => r.hlc);
      expect(stamps).toHaveLength(2 * perSide * (tableInfo('hospitals').syncedColumns.length + 2));
      expect(new Set(stamps).size).toBe(stamps.length);
      expectStrictlyIncreasing(stamps);
      // the two writers really did take turns, not one after the other
      const actors = station.store.sqlite.prepare('SELECT actor_name FROM audit_log ORDER BY seq').pluck().all() as string[];
      const switches = actors.filter((a, i) => i > 0 && a !== actors[i - 1]).length;
      expect(switches).toBeGreaterThan(10);
      expect(builtIn).toBeGreaterThanOrEqual(ROLE_CODES.length + 1);
      expect(station.audit.verify()).toEqual({ ok: true, checked: builtIn + 4 * perSide, firstBroken: null, anchor: null });
    } finally {
      station.close();
    }
  }, 120_000);
});
