import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src-main/demo/seed-demo.js';
import { common, root, targets } from './main-bundles.js';

describe('the packaged station CLI', () => {
  it('carries no demo data: not the demo seeder, its names, nor its published password', async () => {
    const cli = targets.find((t) => t.out === 'station-cli.cjs')!;
    const result = await build({
      ...common,
      ...cli.options,
      entryPoints: [path.join(root, cli.entry)],
      write: false,
      outfile: 'station-cli.cjs',
      sourcemap: false,
    });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((file) => file.startsWith('src-main/demo/'))).toEqual(['src-main/demo/absent.ts']);
    const text = result.outputFiles!.map((file) => file.text).join('');
    expect(text).not.toContain('DEMO_PASSWORD');
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).toContain('seed-demo is not part of this installation');
  }, 60_000);
});
