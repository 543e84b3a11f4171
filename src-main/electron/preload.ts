import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, type MenuCommand, type Px360Bridge, type RpcResult } from '../../src-shared/bridge.js';

/*
 * Runs sandboxed: only 'electron' may be required at runtime (the build
 * checks this). The page gets two functions, never ipcRenderer itself, so a
 * script in the page cannot talk on any other channel.
 */

const MENU_COMMANDS: ReadonlySet<string> = new Set<MenuCommand>(['language:ar', 'language:en', 'lock', 'reload']);

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && MENU_COMMANDS.has(value);
}

const bridge: Px360Bridge = {
  transport: 'ipc',
  call(name: string, input: unknown, token: string | null): Promise<RpcResult> {
    // Main parsed the core's answer against the RpcResult schema before replying; re-parsing here would pull zod into the sandbox.
    return ipcRenderer.invoke(IPC_CHANNELS.rpc, { name, input, token }) as Promise<RpcResult>;
  },
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const relay = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(IPC_CHANNELS.menu, relay);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.menu, relay);
    };
  },
};

contextBridge.exposeInMainWorld('px360', bridge);
