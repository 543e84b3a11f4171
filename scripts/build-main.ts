import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { assertPreloadIsSandboxSafe, common, outDir, root, targets } from './main-bundles.js';

/*
 * Bundles the Node side of PX360 into dist/main as CommonJS: the Electron
 * main process, its sandboxed preload, the station core's utilityProcess
 * entry, and the headless station CLI. Native and optional modules stay
 * external and are loaded from node_modules (unpacked from the asar).
 */

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
