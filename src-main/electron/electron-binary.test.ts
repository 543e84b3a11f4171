import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installedElectronBinary } from './electron-binary.js';

let project = '';
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'px360-electron-'));
  writeFileSync(path.join(project, 'package.json'), '{"name":"fixture"}');
});
afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

function installPackage(options: { pathTxt?: string; binary?: boolean }): string {
  const dir = path.join(project, 'node_modules', 'electron');
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"electron","main":"index.js"}');
  // index.js would download the binary if required; the lookup must never load it
  writeFileSync(path.join(dir, 'index.js'), 'throw new Error("required electron/index.js");');
  if (options.pathTxt !== undefined) writeFileSync(path.join(dir, 'path.txt'), options.pathTxt);
  if (options.binary) writeFileSync(path.join(dir, 'dist', options.pathTxt ?? 'electron'), '');
  return dir;
}

describe('installedElectronBinary', () => {
  it('is null without the electron package', () => {
    expect(installedElectronBinary(project, {})).toBeNull();
  });

  it('is null when the package was installed without its binary', () => {
    installPackage({});
    expect(installedElectronBinary(project, {})).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    installPackage({ pathTxt: 'electron' });
    expect(installedElectronBinary(project, {})).toBeNull();
  });

  it('finds the binary named by path.txt', () => {
    const dir = installPackage({ pathTxt: 'electron', binary: true });
    expect(installedElectronBinary(project, {})).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    installPackage({ pathTxt: 'electron' });
    const override = path.join(project, 'custom-electron');
    mkdirSync(override);
    writeFileSync(path.join(override, 'electron'), '');
    expect(installedElectronBinary(project, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
  });
});
