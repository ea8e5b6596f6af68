import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  createTrustedSenderCheck,
  forwardProgress,
  registerExportFiles,
  registerFilePicker,
  registerIpc,
  type TrustedWindow,
} from '../../electron/main/ipc';
import type { ProgressEvent } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Envelope<unknown>>;

const APP = 'file:///opt/dpo/out/renderer/index.html';
const isAppUrl = (url: string) => url.split('#')[0] === APP;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  return { ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, handlers };
}

interface Frame {
  processId: number;
  routingId: number;
  url: string;
  parent: unknown;
}
const mainFrame: Frame = { processId: 4, routingId: 1, url: APP, parent: null };
function fakeWindow(overrides: Partial<{ destroyed: boolean }> = {}): TrustedWindow {
  return {
    isDestroyed: () => overrides.destroyed ?? false,
    webContents: { id: 10, mainFrame } as unknown as TrustedWindow['webContents'],
  };
}

function event(
  frame: (Partial<typeof mainFrame> & { parent?: unknown }) | null,
  senderId = 10,
): IpcMainInvokeEvent {
  return {
    sender: { id: senderId },
    senderFrame: frame === null ? null : { ...mainFrame, ...frame },
  } as unknown as IpcMainInvokeEvent;
}

describe('createTrustedSenderCheck', () => {
  const check = createTrustedSenderCheck(() => fakeWindow(), isAppUrl);

  it('trusts the top frame of our window showing the app', () => {
    expect(check(event({}))).toBe(true);
    expect(check(event({ url: `${APP}#/vendors` }))).toBe(true);
  });

  it('refuses sub-frames, foreign origins, other web contents and missing frames', () => {
    expect(check(event({ parent: mainFrame, routingId: 2 }))).toBe(false);
    expect(check(event({ parent: mainFrame }))).toBe(false);
    expect(check(event({ routingId: 2 }))).toBe(false);
    expect(check(event({ url: 'https://evil.example/' }))).toBe(false);
    expect(check(event({ url: 'file:///tmp/evil.html' }))).toBe(false);
    expect(check(event({}, 11))).toBe(false);
    expect(check(event(null))).toBe(false);
  });

  it('refuses everything when the window is gone', () => {
    expect(createTrustedSenderCheck(() => null, isAppUrl)(event({}))).toBe(false);
    expect(createTrustedSenderCheck(() => fakeWindow({ destroyed: true }), isAppUrl)(event({}))).toBe(false);
  });
});

describe('registerIpc', () => {
  const setup = (
    trusted: boolean,
    dispatch = vi.fn(async () => ({ ok: true, value: 42 }) as Envelope<unknown>),
  ) => {
    const { ipcMain, handlers } = fakeIpcMain();
    const remove = registerIpc(ipcMain, { dispatch }, () => trusted);
    const handler = handlers.get('dpo:invoke');
    if (!handler) throw new Error('dpo:invoke not registered');
    return { handler, dispatch, remove, handlers };
  };

  it('registers exactly one handler, dpo:invoke, and removes it', () => {
    const { handlers, remove } = setup(true);
    expect([...handlers.keys()]).toEqual(['dpo:invoke']);
    remove();
    expect(handlers.size).toBe(0);
  });

  it('dispatches calls from the trusted main frame to the core', async () => {
    const { handler, dispatch } = setup(true);
    await expect(handler(event({}), 'vendors:get', { id: 3 })).resolves.toEqual({ ok: true, value: 42 });
    expect(dispatch).toHaveBeenCalledWith('vendors:get', { id: 3 });
  });

  it('answers FORBIDDEN to an untrusted sender without running any handler', async () => {
    const { handler, dispatch } = setup(false);
    const result = await handler(event({ parent: mainFrame }), 'vendors:archive', { id: 3 });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes unknown channel names to the core, which answers UNKNOWN_CHANNEL', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'no' },
    }));
    const { handler } = setup(true, dispatch);
    await expect(handler(event({}), 'fs:readFile', {})).resolves.toMatchObject({
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(dispatch).toHaveBeenCalledWith('fs:readFile', {});
  });

  it('refuses a channel that is not text before the core sees it', async () => {
    const { handler, dispatch } = setup(true);
    const result = await handler(event({}), { toString: () => 'vendors:list' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an INTERNAL envelope without its stack', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => {
      throw new Error('SQLITE_CORRUPT at /secret/path');
    });
    const { handler } = setup(true, dispatch);
    const result = await handler(event({}), 'vendors:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
  });
});

describe('forwardProgress', () => {
  it('sends progress events to the window as dpo:event(name, payload) and unsubscribes', () => {
    let listener: ((e: ProgressEvent) => void) | undefined;
    const unsubscribe = vi.fn();
    const core = {
      onProgress: (l: (e: ProgressEvent) => void) => {
        listener = l;
        return unsubscribe;
      },
    };
    const target = { send: vi.fn(), isDestroyed: () => false } as unknown as WebContents;
    const stop = forwardProgress(core, () => target);
    const payload = { jobId: 'j1', kind: 'import', done: 5, total: 10 };
    listener!(payload);
    expect(target.send).toHaveBeenCalledWith('dpo:event', 'job:progress', payload);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('drops events when there is no live window', () => {
    let listener: ((e: ProgressEvent) => void) | undefined;
    const core = {
      onProgress: (l: (e: ProgressEvent) => void) => {
        listener = l;
        return () => {};
      },
    };
    const dead = { send: vi.fn(), isDestroyed: () => true } as unknown as WebContents;
    forwardProgress(core, () => dead);
    listener!({ jobId: 'j', kind: 'k', done: 0, total: null });
    expect(dead.send).not.toHaveBeenCalled();
    forwardProgress(core, () => null);
    expect(() => listener!({ jobId: 'j', kind: 'k', done: 0, total: null })).not.toThrow();
  });
});

describe('registerFilePicker', () => {
  const trusted = () => true;
  const untrusted = () => false;
  const anyEvent = {} as IpcMainInvokeEvent;

  it('shows the dialog and hands the chosen file to the core by id, never its path', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const register = vi.fn((path: string) => ({
      fileId: 'f'.repeat(24),
      fileName: path.split('/').pop()!,
      size: 42,
    }));
    const remove = registerFilePicker(
      ipcMain,
      async () => '/home/dpo/Downloads/subs.xlsx',
      register,
      trusted,
    );
    const answer = await handlers.get('dpo:pick-import-file')!(anyEvent);
    expect(answer).toEqual({ ok: true, value: { fileId: 'f'.repeat(24), fileName: 'subs.xlsx', size: 42 } });
    expect(JSON.stringify(answer)).not.toContain('/home/dpo');
    remove();
    expect(handlers.has('dpo:pick-import-file')).toBe(false);
  });

  it('answers null when the user cancels, and refuses strangers without showing a dialog', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const pick = vi.fn(async () => null);
    registerFilePicker(ipcMain, pick, vi.fn(), trusted);
    expect(await handlers.get('dpo:pick-import-file')!(anyEvent)).toEqual({ ok: true, value: null });
    const other = fakeIpcMain();
    const pick2 = vi.fn(async () => '/x.csv');
    registerFilePicker(other.ipcMain, pick2, vi.fn(), untrusted);
    expect((await other.handlers.get('dpo:pick-import-file')!(anyEvent)).ok).toBe(false);
    expect(pick2).not.toHaveBeenCalled();
  });
});

describe('registerExportFiles', () => {
  const anyEvent = {} as IpcMainInvokeEvent;

  it('offers the suggested name without any folder, registers the chosen place by id, and shows it', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const pick = vi.fn(async (name: string) => `/home/dpo/Documents/${name}`);
    const register = vi.fn((path: string) => ({ saveId: 's'.repeat(24), fileName: path.split('/').pop()! }));
    const show = vi.fn();
    const remove = registerExportFiles(ipcMain, pick, register, show, () => true);
    const answer = await handlers.get('dpo:pick-export-file')!(anyEvent, '../../etc/dpo-registers.xlsx');
    expect(pick).toHaveBeenCalledWith('dpo-registers.xlsx');
    expect(answer).toEqual({ ok: true, value: { saveId: 's'.repeat(24), fileName: 'dpo-registers.xlsx' } });
    expect(JSON.stringify(answer)).not.toContain('/home/dpo');
    expect(await handlers.get('dpo:show-exported-file')!(anyEvent, 's'.repeat(24))).toEqual({
      ok: true,
      value: null,
    });
    expect(show).toHaveBeenCalledWith('s'.repeat(24));
    remove();
    expect(handlers.size).toBe(0);
  });

  it('answers null when the user cancels, and refuses strangers without a dialog', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerExportFiles(
      ipcMain,
      async () => null,
      vi.fn(),
      vi.fn(),
      () => true,
    );
    expect(await handlers.get('dpo:pick-export-file')!(anyEvent, 'x.pdf')).toEqual({ ok: true, value: null });
    const other = fakeIpcMain();
    const pick = vi.fn(async () => '/x.pdf');
    const show = vi.fn();
    registerExportFiles(other.ipcMain, pick, vi.fn(), show, () => false);
    expect((await other.handlers.get('dpo:pick-export-file')!(anyEvent, 'x.pdf')).ok).toBe(false);
    expect((await other.handlers.get('dpo:show-exported-file')!(anyEvent, 'id')).ok).toBe(false);
    expect(pick).not.toHaveBeenCalled();
    expect(show).not.toHaveBeenCalled();
  });
});
