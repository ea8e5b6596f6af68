import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, focusWindow, loadRenderer } from '../../electron/main/window';

function fakeBrowserWindow() {
  const created: Array<{ options: BrowserWindowConstructorOptions; win: Record<string, unknown> }> = [];
  class Fake {
    readyToShow: (() => void) | undefined;
    maximize = vi.fn();
    show = vi.fn();
    constructor(options: BrowserWindowConstructorOptions) {
      created.push({ options, win: this as unknown as Record<string, unknown> });
    }
    once(name: string, listener: () => void) {
      if (name === 'ready-to-show') this.readyToShow = listener;
    }
  }
  return {
    Ctor: Fake as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow,
    created,
  };
}

describe('createMainWindow', () => {
  it('creates a hidden window at the given bounds with the secure preferences', () => {
    const { Ctor, created } = fakeBrowserWindow();
    createMainWindow({
      BrowserWindow: Ctor,
      preload: '/out/preload/index.cjs',
      isDev: false,
      bounds: { x: 10, y: 20, width: 1200, height: 800, isMaximized: false },
      backgroundColor: '#ffffff',
    });
    const { options } = created[0]!;
    expect(options).toMatchObject({
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
      show: false,
      title: 'DPO Workbench',
    });
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(options).not.toHaveProperty('isMaximized');
  });

  it('shows the window on first paint, maximized when it was', () => {
    const { Ctor, created } = fakeBrowserWindow();
    createMainWindow({
      BrowserWindow: Ctor,
      preload: 'p',
      isDev: false,
      bounds: { x: 0, y: 0, width: 1200, height: 800, isMaximized: true },
      backgroundColor: '#000000',
    });
    const win = created[0]!.win as unknown as {
      readyToShow: () => void;
      maximize: () => void;
      show: () => void;
    };
    expect(win.show).not.toHaveBeenCalled();
    win.readyToShow();
    expect(win.maximize).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
  });
});

describe('loadRenderer', () => {
  it('loads the app from its own origin in production and the dev server in development', async () => {
    const win = { loadURL: vi.fn(async () => {}) };
    await loadRenderer(win, { indexFile: '/out/renderer/index.html' });
    expect(win.loadURL).toHaveBeenCalledWith('app://workbench/index.html');
    await loadRenderer(win, { indexFile: '/out/renderer/index.html', devServerUrl: 'http://localhost:5173' });
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });
});

describe('focusWindow', () => {
  it('restores a minimized window before focusing it', () => {
    const win = { isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    focusWindow(win);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});
