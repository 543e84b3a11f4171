import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE, deliverAdminToken } from './admin-token.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const dataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-admin-token-'));
  dirs.push(dir);
  return dir;
};

describe('the new admin token', () => {
  it('is shown on a terminal, and written nowhere', () => {
    const dir = dataDir();
    let shown = '';
    expect(deliverAdminToken('pxa_secret', dir, { isTTY: true, write: (text) => (shown += text) })).toEqual({ shownOn: 'terminal' });
    expect(shown).toContain('pxa_secret');
    expect(fs.existsSync(path.join(dir, ADMIN_TOKEN_FILE))).toBe(false);
  });

  it('without a terminal (a service), goes to a file only this account can read, and nothing is printed', () => {
    const dir = dataDir();
    let printed = '';
    // a file left from an earlier run, readable by others: its mode is put right
    fs.writeFileSync(path.join(dir, ADMIN_TOKEN_FILE), 'old', { mode: 0o644 });
    const delivery = deliverAdminToken('pxa_secret', dir, { isTTY: false, write: (text) => (printed += text) });
    expect(delivery).toEqual({ file: path.join(dir, ADMIN_TOKEN_FILE) });
    expect(printed).toBe('');
    expect(fs.readFileSync(path.join(dir, ADMIN_TOKEN_FILE), 'utf8')).toBe('pxa_secret\n');
    expect(fs.statSync(path.join(dir, ADMIN_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });
});
