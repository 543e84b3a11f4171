import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type RpcResult } from '../../src-shared/bridge.js';
import { accountsContract } from '../../src-shared/contract/accounts.js';
import type { Language } from '../../src-shared/contract/common.js';
import { AppError, HTTP_STATUS, validationError } from '../../src-shared/errors.js';
import type { CoreSupervisor } from './core-supervisor.js';
import { isTrustedIpcSender, rpcRequestSchema } from './security.js';

export interface RpcRelayOptions {
  readonly getWindow: () => BrowserWindow | null;
  readonly core: CoreSupervisor;
  readonly log: (line: string) => void;
  /** the console saved a language for its user: the native menu follows it */
  readonly onLanguageChosen: (language: Language) => void;
}

function senderIsOurConsole(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (window === null || window.isDestroyed() || frame === null) return false;
  const main = window.webContents.mainFrame;
  const isOurMainFrame =
    event.sender === window.webContents && frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
  return isTrustedIpcSender({ isOurMainFrame, url: frame.url });
}

/**
 * The one IPC door to the station core. Main does not authorise calls (the
 * core's dispatcher does, from the session token); it only makes sure the
 * caller is our console page and the envelope has the right shape.
 */
export function registerRpcRelay(options: RpcRelayOptions): void {
  ipcMain.handle(IPC_CHANNELS.rpc, async (event, payload: unknown): Promise<RpcResult> => {
    if (!senderIsOurConsole(event, options.getWindow())) {
      options.log(`refused an rpc call from an untrusted frame (${event.senderFrame?.url.slice(0, 200) ?? 'gone'})`);
      return { ok: false, status: HTTP_STATUS.FORBIDDEN, body: new AppError('FORBIDDEN', 'error.forbidden').toBody() };
    }
    const request = rpcRequestSchema.safeParse(payload);
    if (!request.success) return { ok: false, status: HTTP_STATUS.VALIDATION, body: validationError(request.error).toBody() };

    const { name, input, token } = request.data;
    const result = await options.core.call(name, input, token);
    if (result.ok && name === 'auth.setLanguage') {
      const chosen = accountsContract['auth.setLanguage'].input.safeParse(input);
      if (chosen.success) options.onLanguageChosen(chosen.data.language);
    }
    return result;
  });
}
