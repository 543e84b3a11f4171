import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveStationKeys, headlessMasterKey, MASTER_KEY_FILE, newMasterKey, SecretBox } from './keys.js';
import { StationCore } from './station.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-keys-'));
  dirs.push(dir);
  return dir;
}
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('data at rest', () => {
  it('a new station folder is the station account’s only: the folder 0700, the database, WAL, SHM and key 0600', async () => {
    const dir = path.join(tempDir(), 'station');
    const core = await StationCore.open(dir);
    try {
      core.data.write({ id: null, name: 'test' }, (tx) => tx.record({ action: 'test.write', entityType: 'test', entityId: null }));
      expect(mode(dir)).toBe(0o700);
      for (const file of ['station.sqlite', 'station.sqlite-wal', 'station.sqlite-shm', MASTER_KEY_FILE]) expect(mode(path.join(dir, file)), file).toBe(0o600);
    } finally {
      core.close();
    }
  });

  it('a folder and files left readable by others are put right at start, with a warning', async () => {
    const dir = tempDir();
    (await StationCore.open(dir)).close();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'station.sqlite'), 0o644);
    fs.chmodSync(path.join(dir, MASTER_KEY_FILE), 0o644);
    const lines: string[] = [];
    const core = await StationCore.open(dir, (line) => lines.push(line));
    core.close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'station.sqlite'))).toBe(0o600);
    expect(mode(path.join(dir, MASTER_KEY_FILE))).toBe(0o600);
    expect(lines.filter((l) => l.startsWith('security: ')).length).toBe(3);
  });

  it('the hub token is stored sealed: the database alone does not hold a token that works', async () => {
    const dir = tempDir();
    const core = await StationCore.open(dir);
    try {
      core.sync.state.enrol({ hubUrl: 'https://hub.example', token: 'pxs_the-real-token', scope: { kind: 'group' } });
      const stored = core.store.sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'station_token'`).pluck().get() as string;
      expect(stored).not.toContain('pxs_the-real-token');
      expect(SecretBox.isSealed(stored)).toBe(true);
      expect(core.sync.state.enrolment()?.token).toBe('pxs_the-real-token');
    } finally {
      core.close();
    }
    // one stored in clear by an earlier version is sealed at the next start
    const reopened = await StationCore.open(dir);
    reopened.store.sqlite.prepare(`UPDATE sync_state SET value = 'pxs_clear' WHERE key = 'station_token'`).run();
    reopened.close();
    const again = await StationCore.open(dir);
    try {
      const stored = again.store.sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'station_token'`).pluck().get() as string;
      expect(SecretBox.isSealed(stored)).toBe(true);
      expect(again.sync.state.enrolment()?.token).toBe('pxs_clear');
    } finally {
      again.close();
    }
  });
});

describe('the station keys', () => {
  it('seal and open a secret; another key or an altered value does not open', () => {
    const box = new SecretBox(deriveStationKeys(newMasterKey()).secrets);
    const sealed = box.seal('hmac-secret-value');
    expect(sealed).not.toContain('hmac-secret-value');
    expect(box.open(sealed)).toBe('hmac-secret-value');
    expect(() => new SecretBox(deriveStationKeys(newMasterKey()).secrets).open(sealed)).toThrow();
    const altered = `${sealed.slice(0, -4)}AAAA`;
    expect(() => box.open(altered)).toThrow();
  });

  it('derive the same keys from the same master key, different ones per purpose', () => {
    const master = newMasterKey();
    const a = deriveStationKeys(master);
    const b = deriveStationKeys(Buffer.from(master));
    expect(a.signingPublicKey).toBe(b.signingPublicKey);
    expect(a.audit.equals(b.audit)).toBe(true);
    expect(a.audit.equals(a.secrets)).toBe(false);
  });

  it('refuse a key file that does not hold a key, naming it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, MASTER_KEY_FILE), 'not a key', { mode: 0o600 });
    expect(() => headlessMasterKey(dir, () => {})).toThrow(/does not hold a PX360 station key/);
  });
});
