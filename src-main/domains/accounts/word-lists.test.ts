import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * A station that takes HIS events and syncs, and never sets a password, does
 * not hold the password rule's word lists (about 35 MB): they are read on the
 * first password judged. In a process of its own, as a station starts, since
 * a test process may have loaded them for other tests.
 */
describe('the password word lists', () => {
  it('are not loaded when the station starts, and are when it first judges a password', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-word-lists-'));
    const probe = `
      import { createRequire } from 'node:module';
      import { StationCore } from './src-main/core/station.ts';
      const require = createRequire(import.meta.url);
      const loaded = () => [...new Set(Object.keys(require.cache).map((file) => /@zxcvbn-ts[\\\\/](language-[a-z]+)/.exec(file)?.[1]).filter(Boolean))].sort();
      const core = await StationCore.open(process.argv[1], () => {});
      const atStart = loaded();
      const weak = await core.dispatch('auth.setup', { username: 'px.admin', password: 'password1234', nameEn: 'Admin', nameAr: 'مدير' }, null);
      const afterJudging = loaded();
      core.close();
      process.stdout.write(JSON.stringify({ atStart, afterJudging, refusal: weak.ok ? null : weak.body.error.fields }));
    `;
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe, dataDir], { cwd: ROOT });
      const seen = JSON.parse(stdout) as { atStart: string[]; afterJudging: string[]; refusal: unknown };
      expect(seen.atStart).toEqual([]);
      expect(seen.afterJudging).toEqual(['language-ar', 'language-common', 'language-en']);
      expect(seen.refusal).toEqual([expect.objectContaining({ path: 'password', key: 'field.password_common' })]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
