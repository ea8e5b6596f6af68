import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Core } from '../../db/core';
import type { ProgressEventName } from '../../shared/contract';
import { toErrorShape, type Envelope } from '../../shared/errors';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  PICK_EXPORT_FILE_CHANNEL,
  PICK_IMPORT_FILE_CHANNEL,
  SHOW_EXPORTED_FILE_CHANNEL,
} from '../ipc-channels';

const PROGRESS_EVENT: ProgressEventName = 'job:progress';

export type TrustedSenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** The window fields the sender check needs; a BrowserWindow satisfies it. */
export interface TrustedWindow {
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'id' | 'mainFrame'>;
}

/**
 * Accepts IPC only from the top frame of our own window showing the app's own URL. Sub-frames, other windows,
 * and a page that navigated elsewhere are refused, as VS Code's validated IPC does.
 * @returns the check `registerIpc` runs before every call
 */
export function createTrustedSenderCheck(
  getWindow: () => TrustedWindow | null,
  isAppUrl: (url: string) => boolean,
): TrustedSenderCheck {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (event.sender.id !== win.webContents.id) return false;
    const top = win.webContents.mainFrame;
    if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
    return isAppUrl(frame.url);
  };
}

const forbidden: Envelope<unknown> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the DPO Workbench window.' },
};

/**
 * Serves `dpo:invoke(channel, input)` with `core.dispatch`, after the sender check. The core validates the
 * channel and the input; this adapter only refuses untrusted senders and never lets an exception cross.
 * @returns a function that removes the handler
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<Core, 'dispatch'>,
  isTrustedSender: TrustedSenderCheck,
): () => void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) return forbidden;
      if (typeof channel !== 'string') {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'The channel name must be text.' } };
      }
      try {
        return await core.dispatch(channel, input);
      } catch (err) {
        return { ok: false, error: toErrorShape(err) };
      }
    },
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/**
 * Forwards the core's progress events to the window as `dpo:event(name, payload)`. Events arriving while no
 * window is open are dropped: the job runs on, and there is no page to show them.
 * @returns the unsubscribe function
 */
export function forwardProgress(
  core: Pick<Core, 'onProgress'>,
  getTarget: () => Pick<WebContents, 'send' | 'isDestroyed'> | null,
): () => void {
  return core.onProgress((event) => {
    const target = getTarget();
    if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, PROGRESS_EVENT, event);
  });
}

export interface PickedFile {
  fileId: string;
  fileName: string;
  size: number;
}

/**
 * Serves `dpo:pick-import-file`: after the sender check, shows the native open dialog and hands the chosen
 * file to the core's import by id, so the page never learns the path. Null when the user cancels.
 * @returns a function that removes the handler
 */
export function registerFilePicker(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  pick: () => Promise<string | null>,
  register: (path: string) => PickedFile,
  isTrustedSender: TrustedSenderCheck,
): () => void {
  ipcMain.handle(PICK_IMPORT_FILE_CHANNEL, async (event): Promise<Envelope<PickedFile | null>> => {
    if (!isTrustedSender(event)) return forbidden as Envelope<PickedFile | null>;
    try {
      const path = await pick();
      return { ok: true, value: path === null ? null : register(path) };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  });
  return () => ipcMain.removeHandler(PICK_IMPORT_FILE_CHANNEL);
}

/**
 * Serves `dpo:pick-export-file` and `dpo:show-exported-file`: after the sender check, shows the native save
 * dialog (offering a name the page suggests, stripped of any folder) and registers the chosen place with the core
 * under an id, so `export:run` writes there without the page ever naming a path; and shows a file written there
 * in the file manager.
 * @returns a function that removes both handlers
 */
export function registerExportFiles(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  pick: (suggestedName: string) => Promise<string | null>,
  register: (path: string) => { saveId: string; fileName: string },
  show: (saveId: string) => void,
  isTrustedSender: TrustedSenderCheck,
): () => void {
  ipcMain.handle(PICK_EXPORT_FILE_CHANNEL, async (event, suggested: unknown) => {
    if (!isTrustedSender(event)) return forbidden;
    try {
      const name = String(suggested ?? 'export.xlsx')
        .replace(/^.*[\\/]/, '')
        .replace(/[^\w. -]/g, '_')
        .slice(0, 120);
      const path = await pick(name || 'export.xlsx');
      return { ok: true, value: path === null ? null : register(path) };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  });
  ipcMain.handle(SHOW_EXPORTED_FILE_CHANNEL, (event, saveId: unknown) => {
    if (!isTrustedSender(event)) return forbidden;
    try {
      show(String(saveId));
      return { ok: true, value: null };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  });
  return () => {
    ipcMain.removeHandler(PICK_EXPORT_FILE_CHANNEL);
    ipcMain.removeHandler(SHOW_EXPORTED_FILE_CHANNEL);
  };
}
