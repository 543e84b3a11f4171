import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { consoleDir, projectRoot } from '../core/paths.js';

/*
 * `station start` serves the console from a built bundle. `npm start` builds
 * it every time; `npm run station -- start` on a fresh clone found none and
 * answered every page with "the console is not built". Now start builds it
 * when it is missing and can be built, and says so plainly when it cannot.
 */

/** What start knows about the console bundle before serving it. */
export interface ConsoleBundleFacts {
  /** the folder the console is served from */
  readonly dir: string;
  /** its index.html is there */
  readonly built: boolean;
  /** PX360_CONSOLE_DIR chose the folder: a build writes dist/renderer, not there */
  readonly chosenByEnvironment: boolean;
  /** the console's sources and Vite are here: a clone, not an installed app */
  readonly buildable: boolean;
}

export type ConsoleBundlePlan =
  { readonly action: 'serve' } | { readonly action: 'build'; readonly notice: string } | { readonly action: 'refuse'; readonly message: string };

export function planConsoleBundle(facts: ConsoleBundleFacts): ConsoleBundlePlan {
  if (facts.built) return { action: 'serve' };
  if (facts.chosenByEnvironment) {
    return {
      action: 'refuse',
      message: `No console in ${facts.dir} (PX360_CONSOLE_DIR): build it there or unset PX360_CONSOLE_DIR, or start with --no-console.`,
    };
  }
  if (!facts.buildable) {
    return {
      action: 'refuse',
      message: `The console bundle is missing from ${facts.dir} and cannot be built here (no console sources or Vite): reinstall PX360, or start with --no-console.`,
    };
  }
  return { action: 'build', notice: 'The console is not built yet: building it now (npm run build:renderer)…' };
}

export function consoleBundleFacts(root: string = projectRoot(), env: NodeJS.ProcessEnv = process.env): ConsoleBundleFacts {
  const dir = consoleDir(root, env);
  return {
    dir,
    built: fs.existsSync(path.join(dir, 'index.html')),
    chosenByEnvironment: env.PX360_CONSOLE_DIR !== undefined,
    buildable: ['vite.config.ts', 'src-renderer/index.html', 'node_modules/vite/package.json'].every((file) => fs.existsSync(path.join(root, file))),
  };
}

/** `npm run build:renderer` in `root`, its output shown; true when it succeeded. */
export function buildConsole(root: string = projectRoot()): boolean {
  const args = ['run', '--silent', 'build:renderer'];
  // run through npm: the npm that started us when there is one (its script runner is a JS file), else the one on PATH
  const npm = process.env.npm_execpath;
  const run = npm
    ? spawnSync(process.execPath, [npm, ...args], { cwd: root, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return run.status === 0;
}
