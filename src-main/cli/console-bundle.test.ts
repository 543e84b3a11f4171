import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBundleFacts, consoleBundleFacts, planConsoleBundle } from './console-bundle.js';

describe('what station start does about the console bundle', () => {
  const facts = (change: Partial<ConsoleBundleFacts>): ConsoleBundleFacts => ({
    dir: '/px360/dist/renderer',
    built: false,
    chosenByEnvironment: false,
    buildable: true,
    ...change,
  });

  it.each([
    ['a built bundle is served as it is', facts({ built: true }), 'serve'],
    ['a built bundle is served even where it could not be rebuilt', facts({ built: true, buildable: false }), 'serve'],
    ['a fresh clone builds it first', facts({}), 'build'],
    ['an installed app without it cannot build it', facts({ buildable: false }), 'refuse'],
    ['a missing PX360_CONSOLE_DIR bundle is not built elsewhere', facts({ chosenByEnvironment: true }), 'refuse'],
  ] as const)('%s', (_case, given, action) => {
    expect(planConsoleBundle(given).action).toBe(action);
  });

  it('says in one line what it does or why it cannot', () => {
    const build = planConsoleBundle(facts({}));
    expect(build).toEqual({ action: 'build', notice: expect.stringContaining('npm run build:renderer') });
    const refusal = planConsoleBundle(facts({ buildable: false }));
    expect(refusal).toEqual({ action: 'refuse', message: expect.stringMatching(/^[^\n]*missing from \/px360\/dist\/renderer[^\n]*--no-console\.$/) });
  });
});

describe('what start finds on disk', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  function folderWith(files: string[]): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-console-'));
    roots.push(root);
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
    }
    return root;
  }
  const CLONE = ['package.json', 'vite.config.ts', 'src-renderer/index.html', 'node_modules/vite/package.json'];

  it('a fresh clone: buildable, not built', () => {
    const root = folderWith(CLONE);
    expect(consoleBundleFacts(root, {})).toEqual({ dir: path.join(root, 'dist', 'renderer'), built: false, chosenByEnvironment: false, buildable: true });
  });

  it('a clone after a build: built', () => {
    expect(consoleBundleFacts(folderWith([...CLONE, 'dist/renderer/index.html']), {}).built).toBe(true);
  });

  it('an installed app (bundles only): not buildable', () => {
    expect(consoleBundleFacts(folderWith(['package.json', 'dist/main/station-cli.cjs']), {}).buildable).toBe(false);
  });

  it('a clone without its packages installed: not buildable', () => {
    expect(consoleBundleFacts(folderWith(CLONE.filter((file) => !file.startsWith('node_modules'))), {}).buildable).toBe(false);
  });

  it('PX360_CONSOLE_DIR: that folder, chosen by the environment', () => {
    const root = folderWith(CLONE);
    const elsewhere = folderWith(['index.html']);
    expect(consoleBundleFacts(root, { PX360_CONSOLE_DIR: elsewhere })).toMatchObject({ dir: elsewhere, built: true, chosenByEnvironment: true });
  });
});
