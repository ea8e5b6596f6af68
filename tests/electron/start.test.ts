import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { AppError } from '../../shared/errors';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const state = {
    calls: [] as string[],
    lock: true,
    isPackaged: true,
    paths: new Map<string, string>(),
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, Listener>(),
    menu: null as unknown,
    openCore: null as unknown as Mock<(...args: unknown[]) => unknown>,
  };
  class FakeWindow {
    listeners = new Map<string, Listener>();
    minimized = false;
    webContents = {
      id: 21,
      mainFrame: { processId: 5, routingId: 1, url: '', parent: null },
      send: vi.fn(),
      isDestroyed: () => false,
    };
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    maximize = vi.fn();
    constructor(public options: Record<string, unknown>) {
      state.windows.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    isMinimized = () => this.minimized;
    isMaximized = () => false;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1000, height: 700 });
    loadFile = vi.fn(async (path: string) => {
      this.webContents.mainFrame.url = `file://${path}`;
    });
    loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url;
    });
  }
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  const electron = {
    app: {
      on: (name: string, listener: Listener) => {
        appListeners.set(name, [...(appListeners.get(name) ?? []), listener]);
      },
      setName: vi.fn((name: string) => state.calls.push(`setName:${name}`)),
      setPath: vi.fn((key: string, value: string) => {
        state.paths.set(key, value);
        state.calls.push(`setPath:${key}`);
      }),
      getPath: (key: string) => state.paths.get(key) ?? '/nowhere',
      enableSandbox: vi.fn(() => state.calls.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => {
        state.calls.push('lock');
        return state.lock;
      }),
      get isPackaged() {
        return state.isPackaged;
      },
      getVersion: () => '0.1.0',
      whenReady: vi.fn(async () => undefined),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => state.ipcHandlers.delete(channel)),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn((menu: unknown) => (state.menu = menu)),
    },
    nativeTheme: { shouldUseDarkColors: false },
    Notification: { isSupported: () => false },
    screen: { getPrimaryDisplay: () => ({ workArea }), getAllDisplays: () => [{ workArea }] },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(async () => undefined), showItemInFolder: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
  const emitApp = (name: string, ...args: unknown[]) => {
    for (const listener of appListeners.get(name) ?? []) listener(...args);
  };
  const reset = () => {
    appListeners.clear();
    state.calls.length = 0;
    state.lock = true;
    state.isPackaged = true;
    state.paths.clear();
    state.windows.length = 0;
    state.ipcHandlers.clear();
    state.menu = null;
  };
  return { electron, state, emitApp, reset };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../db/core', () => ({ openCore: (...args: unknown[]) => fake.state.openCore(...args) }));

const core = {
  dispatch: vi.fn(async () => ({ ok: true, value: 'done' })),
  onProgress: vi.fn(() => () => {}),
  close: vi.fn(),
};

async function start(env: Record<string, string> = {}, argv: string[] = ['electron', '.']) {
  const { startApp } = await import('../../electron/main/start');
  startApp({
    env: { XDG_CONFIG_HOME: '/home/dpo/.config', ...env },
    argv,
    platform: 'linux',
    mainDir: '/opt/dpo/out/main',
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  fake.reset();
  fake.state.openCore = vi.fn((..._args: unknown[]) => core);
});

describe('startApp: single instance', () => {
  it('names the app and its userData folder before taking the lock', async () => {
    await start();
    expect(fake.state.calls.slice(0, 4)).toEqual([
      'setName:dpo-workbench',
      'setPath:userData',
      'enableSandbox',
      'lock',
    ]);
    expect(fake.state.paths.get('userData')).toBe('/home/dpo/.config/dpo-workbench');
  });

  it('quits a second instance without opening the database or a window', async () => {
    fake.state.lock = false;
    await start();
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.openCore).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('focuses the first window, restoring it, when a second instance starts', async () => {
    await start();
    const [win] = fake.state.windows;
    win!.minimized = true;
    fake.emitApp('second-instance', {}, ['electron', '.'], '/');
    expect(win!.restore).toHaveBeenCalled();
    expect(win!.show).toHaveBeenCalled();
    expect(win!.focus).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(1);
  });
});

describe('startApp: opening', () => {
  it('opens the core for the desktop door with the OS user and the resolved database', async () => {
    await start({ DPO_DB: '/data/dpo.sqlite' });
    expect(fake.state.openCore).toHaveBeenCalledWith({
      dbPath: '/data/dpo.sqlite',
      door: 'desktop',
      actor: expect.any(String),
      version: '0.1.0',
    });
  });

  it('opens one hardened window on the built renderer with the CommonJS preload', async () => {
    await start();
    expect(fake.state.windows).toHaveLength(1);
    const [win] = fake.state.windows;
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      preload: '/opt/dpo/out/preload/index.cjs',
    });
    expect(win!.loadURL).toHaveBeenCalledWith('app://workbench/index.html');
    expect(win!.loadFile).not.toHaveBeenCalled();
    // The app's origin is declared before the app is ready, and served from the built renderer folder.
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('installs the CSP, the request filter and the permission handlers on the session', async () => {
    await start();
    const session = fake.electron.session.defaultSession;
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('builds the application menu without reload or devtools in the installed app', async () => {
    await start();
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(fake.state.menu)).not.toContain('toggleDevTools');
  });

  it('loads the dev server only in an unpackaged app', async () => {
    fake.state.isPackaged = false;
    await start({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    const [win] = fake.state.windows;
    expect(win!.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    expect(win!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('hardens every web contents the app creates', async () => {
    await start();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.emitApp('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map(([name]) => name)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
  });
});

describe('startApp: IPC', () => {
  it('dispatches calls from the window main frame and refuses a sub-frame', async () => {
    await start();
    const handler = fake.state.ipcHandlers.get('dpo:invoke')!;
    const [win] = fake.state.windows;
    const frame = win!.webContents.mainFrame;
    const fromMain = { sender: { id: 21 }, senderFrame: frame };
    await expect(handler(fromMain, 'app:info', {})).resolves.toEqual({ ok: true, value: 'done' });
    expect(core.dispatch).toHaveBeenCalledWith('app:info', {});

    core.dispatch.mockClear();
    const fromChild = { sender: { id: 21 }, senderFrame: { ...frame, routingId: 9, parent: frame } };
    await expect(handler(fromChild, 'app:info', {})).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    const foreign = { sender: { id: 21 }, senderFrame: { ...frame, url: 'https://evil.example/' } };
    await expect(handler(foreign, 'app:info', {})).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('closes the core when the app quits', async () => {
    await start();
    fake.emitApp('will-quit');
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });
});

describe('startApp: database that cannot be opened', () => {
  it('shows the DB_FROM_FUTURE message and quits without a window', async () => {
    fake.state.openCore = vi.fn(() => {
      throw new AppError(
        'DB_FROM_FUTURE',
        'The database was written by a newer version; the file was left untouched.',
      );
    });
    await start({ DPO_DB: '/data/new.sqlite' });
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('newer'),
      expect.stringMatching(/left untouched[\s\S]*\/data\/new\.sqlite/),
    );
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('shows any other open error the same way', async () => {
    fake.state.openCore = vi.fn(() => {
      throw new Error('SQLITE_CANTOPEN: unable to open database file');
    });
    await start();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('cannot open'),
      expect.stringContaining('SQLITE_CANTOPEN'),
    );
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
  });
});
