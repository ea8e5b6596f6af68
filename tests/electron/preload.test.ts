import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DpoBridge } from '../../shared/bridge';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    exposed: [] as Array<[string, unknown]>,
    ipcRenderer: {
      invoke: vi.fn(async () => ({ ok: true, value: 'pong' })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]),
  },
  ipcRenderer: electron.ipcRenderer,
}));

const emit = (...args: unknown[]) => {
  for (const listener of electron.listeners.get('dpo:event') ?? [])
    (listener as Listener)({ sender: 'ipc' }, ...args);
};

describe('preload', () => {
  let bridge: DpoBridge;

  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.length = 0;
    electron.listeners.clear();
    vi.clearAllMocks();
    await import('../../electron/preload/index');
    bridge = electron.exposed[0]![1] as DpoBridge;
  });

  it('exposes window.dpo with invoke, onEvent, onNavigate and the file dialogs only, never ipcRenderer', () => {
    expect(electron.exposed).toHaveLength(1);
    expect(electron.exposed[0]![0]).toBe('dpo');
    expect(Object.keys(bridge).sort()).toEqual([
      'invoke',
      'onEvent',
      'onNavigate',
      'pickExportFile',
      'pickImportFile',
      'showExportedFile',
    ]);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
  });

  it('invokes dpo:invoke with the channel and input and returns the envelope', async () => {
    await expect(bridge.invoke('app:info', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('dpo:invoke', 'app:info', {});
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('delivers only the payload of the named event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onEvent('job:progress', listener);
    const payload = { jobId: 'j', kind: 'import', done: 1, total: 2 };
    emit('job:progress', payload);
    emit('other:event', { nope: true });
    expect(listener.mock.calls).toEqual([[payload]]);
    unsubscribe();
    emit('job:progress', payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.listeners.get('dpo:event')?.size).toBe(0);
  });
});
