import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Electron executable installed under `projectRoot`, or null when the
 * npm package is there without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 *
 * Deliberately does not `require('electron')`: since Electron 45 that call
 * tries to download the missing binary, which would turn "is it installed?"
 * into a network fetch. It reads the package's own path.txt instead.
 */
export function installedElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  let executable: string;
  try {
    executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (executable === '') return null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable) : path.join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}
