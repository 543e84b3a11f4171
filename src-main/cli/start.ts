import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { installedElectronBinary } from '../electron/electron-binary.js';

/*
 * `npm start`: the desktop app when this machine has the Electron runtime,
 * otherwise the same station headless (it prints the console URL). Flags are
 * passed through, e.g. `npm start -- --data-dir D:\PX360`.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const flags = process.argv.slice(2);

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  // A terminal's Ctrl+C reaches the whole process group; a service manager's SIGTERM reaches only us, so pass it on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

const electron = installedElectronBinary(root);
if (electron !== null) {
  const built = spawnSync(process.execPath, [tsxCli, 'scripts/build-main.ts'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  // Inherited from an editor's terminal, ELECTRON_RUN_AS_NODE would start Electron as plain Node with no window.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
  run(electron, ['.', ...flags], env);
} else {
  console.log('Electron runtime not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); running the station headless.');
  run(process.execPath, ['--import', 'tsx', 'src-main/cli/station.ts', 'start', ...flags]);
}
