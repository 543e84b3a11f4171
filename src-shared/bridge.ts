import type { ErrorBody } from './errors.js';

/**
 * How the console reaches the station core. In the desktop app the preload
 * script exposes `window.px360` (over IPC, sender-checked); in headless mode
 * the console uses `POST /rpc/<name>` on loopback. Both answer in this shape.
 */
export type RpcResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly status: number; readonly body: ErrorBody };

export interface Px360Bridge {
  readonly transport: 'ipc';
  call(name: string, input: unknown, token: string | null): Promise<RpcResult>;
  /** the app's locale menu asks the console to switch language */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export type MenuCommand = 'language:ar' | 'language:en' | 'lock' | 'reload';

export const IPC_CHANNELS = {
  rpc: 'px360:rpc',
  menu: 'px360:menu',
} as const;
