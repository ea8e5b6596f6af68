import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { DpoBridge } from '../../shared/bridge';
import type { ProgressEvent } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  NAVIGATE_CHANNEL,
  PICK_EXPORT_FILE_CHANNEL,
  PICK_IMPORT_FILE_CHANNEL,
  SHOW_EXPORTED_FILE_CHANNEL,
} from '../ipc-channels';

/**
 * Builds `window.dpo`: `invoke`, `onEvent`, `onNavigate`, `pickImportFile`, `pickExportFile` and `showExportedFile`, nothing else. The page never sees `ipcRenderer` or an IPC event
 * object (whose `sender` is `ipcRenderer`), only plain data.
 * @returns the bridge object to expose
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): DpoBridge {
  return {
    invoke: (channel, input) => ipc.invoke(INVOKE_CHANNEL, channel, input) as Promise<Envelope<unknown>>,
    pickImportFile: () =>
      ipc.invoke(PICK_IMPORT_FILE_CHANNEL) as ReturnType<NonNullable<DpoBridge['pickImportFile']>>,
    pickExportFile: (suggestedName) =>
      ipc.invoke(PICK_EXPORT_FILE_CHANNEL, String(suggestedName)) as ReturnType<
        NonNullable<DpoBridge['pickExportFile']>
      >,
    showExportedFile: (saveId) =>
      ipc.invoke(SHOW_EXPORTED_FILE_CHANNEL, String(saveId)) as ReturnType<
        NonNullable<DpoBridge['showExportedFile']>
      >,
    onNavigate: (listener) => {
      const handler = (_event: IpcRendererEvent, path: unknown): void => {
        if (typeof path === 'string') listener(path);
      };
      ipc.on(NAVIGATE_CHANNEL, handler);
      return () => {
        ipc.removeListener(NAVIGATE_CHANNEL, handler);
      };
    },
    onEvent: (name, listener) => {
      const handler = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
        if (eventName === name) listener(payload as ProgressEvent);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
}
