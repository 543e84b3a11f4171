import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or unpacked app) root: the folder with PX360's package.json. */
export function projectRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'px360') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function appVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

/** Where a station keeps its data when no --data-dir is given. */
export function defaultDataDir(): string {
  if (process.env.PX360_DATA_DIR) return process.env.PX360_DATA_DIR;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'PX360');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'PX360');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'px360');
}

/** The console bundle the headless station serves: PX360_CONSOLE_DIR, or dist/renderer (where `npm run build:renderer` writes it). */
export function consoleDir(root: string = projectRoot(), env: NodeJS.ProcessEnv = process.env): string {
  return env.PX360_CONSOLE_DIR ?? path.join(root, 'dist', 'renderer');
}
