/**
 * The station command line as an operator types it: demo data never lands
 * where real work happens.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { StationCore } from '../../src-main/core/station.js';
import { TEST_PASSWORD, tempDataDir } from '../fixtures/station.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function station(args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  const child = run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/cli/station.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (stdin !== undefined) {
    child.child.stdin?.write(stdin);
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, out: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

describe('seed-demo', () => {
  it('refuses a station that has users of its own, and changes nothing', async () => {
    const dir = tempDataDir('px360-cli-demo-');
    dirs.push(dir);
    expect((await station(['create-admin', '--data-dir', dir, '--username', 'real.admin', '--password-stdin'], TEST_PASSWORD)).code).toBe(0);
    const refused = await station(['seed-demo', '--data-dir', dir, '--patients', '10']);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('already has 1 user');
    const core = await StationCore.open(dir);
    try {
      expect(core.store.sqlite.prepare('SELECT count(*) FROM hospitals').pluck().get()).toBe(0);
    } finally {
      core.close();
    }
  });

  it('refuses a station enrolled with a hub', async () => {
    const dir = tempDataDir('px360-cli-demo-');
    dirs.push(dir);
    const core = await StationCore.open(dir);
    core.sync.state.enrol({ hubUrl: 'https://hub.example', token: 'pxs_token', scope: { kind: 'group' } });
    core.close();
    const refused = await station(['seed-demo', '--data-dir', dir, '--patients', '10']);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('enrolled with a hub');
  });
});
