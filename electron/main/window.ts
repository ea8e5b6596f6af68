import { APP_INDEX_URL } from './app-protocol';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './app-url';
import { PRODUCT_NAME } from './menu';
import { secureWebPreferences } from './security';
import { MIN_SIZE, type Rect } from './window-state';

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** Absolute path of the bundled CommonJS preload. */
  preload: string;
  isDev: boolean;
  bounds: Rect & { isMaximized: boolean };
  /** Painted before the first frame so a dark-theme user sees no white flash. */
  backgroundColor: string;
  platform?: NodeJS.Platform;
}

/**
 * Creates the main window with the hardened web preferences at the remembered bounds. It stays hidden until
 * the first paint is ready.
 * @returns the window; call `loadRenderer` next
 */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const { isMaximized, ...bounds } = deps.bounds;
  const win = new deps.BrowserWindow({
    ...bounds,
    minWidth: Math.min(MIN_SIZE.width, bounds.width),
    minHeight: Math.min(MIN_SIZE.height, bounds.height),
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: deps.backgroundColor,
    webPreferences: secureWebPreferences({
      preload: deps.preload,
      isDev: deps.isDev,
      platform: deps.platform ?? process.platform,
    }),
  });
  win.once('ready-to-show', () => {
    if (isMaximized) win.maximize();
    win.show();
  });
  return win;
}

/**
 * Loads the renderer: the dev server in development, else the built app from its own origin (app-protocol.ts).
 * @returns the load promise; it rejects when the page fails to load
 */
export function loadRenderer(win: Pick<BrowserWindow, 'loadURL'>, location: RendererLocation): Promise<void> {
  return win.loadURL(location.devServerUrl ?? APP_INDEX_URL);
}

/** Brings the window to the front, restoring it from the dock or taskbar first. */
export function focusWindow(win: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
