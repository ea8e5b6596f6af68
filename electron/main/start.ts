import { loadHolidayRules } from '../../shared/rules/holidays';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { NAVIGATE_CHANNEL } from '../ipc-channels';
import { startReminders } from './reminders';
import { CONTENT_SECURITY_POLICY } from './csp';
import { openCore } from '../../db/core';
import type { Core } from '../../db/core';
import { APP_NAME, appDataDir } from '../../db/paths';
import { createAppUrlMatcher, type RendererLocation } from './app-url';
import {
  createTrustedSenderCheck,
  forwardProgress,
  registerExportFiles,
  registerFilePicker,
  registerIpc,
} from './ipc';
import { desktopActor, devServerUrlFrom, resolveDbPath } from './launch-options';
import { aboutText, buildMenuTemplate, PRODUCT_NAME } from './menu';
import { createLocalRequestMatcher, hardenWebContents, installSecurity } from './security';
import { createMainWindow, focusWindow, loadRenderer } from './window';
import { clampToDisplays, readWindowState, trackWindowState, WINDOW_STATE_FILE } from './window-state';

/** The save dialog's file type for an export, by the name offered. */
function exportFilter(name: string): { name: string; extensions: string[] } {
  if (name.endsWith('.pdf')) return { name: 'PDF report', extensions: ['pdf'] };
  if (name.endsWith('.csv')) return { name: 'CSV', extensions: ['csv'] };
  if (name.endsWith('.ics')) return { name: 'iCalendar', extensions: ['ics'] };
  return { name: 'Excel workbook', extensions: ['xlsx'] };
}

export interface StartOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The folder of the bundled main script (out/main); the preload and renderer sit beside it. */
  mainDir?: string;
}

/**
 * Explains a failure to open the database. The core's message already says what happened to the file (a
 * database from a newer version is never written to); the dialog adds where the file is.
 * @returns the error dialog's title and body
 */
export function openFailureText(err: unknown, dbPath: string): { title: string; body: string } {
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const title =
    code === 'DB_FROM_FUTURE'
      ? `This database needs a newer ${PRODUCT_NAME}`
      : code === 'NOT_A_WORKBENCH_DB'
        ? `This file is not a ${PRODUCT_NAME} database`
        : `${PRODUCT_NAME} cannot open its database`;
  return { title, body: `${message}\n\nDatabase file:\n${dbPath}` };
}

/**
 * Runs the desktop door: one instance per user, one window, one core. Everything Electron-specific happens here;
 * the security pieces it wires are in security.ts and ipc.ts.
 */
export function startApp(options: StartOptions = {}): void {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const platform = options.platform ?? process.platform;
  const mainDir = options.mainDir ?? dirname(fileURLToPath(import.meta.url));

  // Before anything reads userData: the window state then sits beside the database in the folder the CLI
  // and the web door use, whatever productName the packager writes.
  app.setName(APP_NAME);
  app.setPath('userData', appDataDir(env, platform));
  app.enableSandbox();
  // The app's own origin must be declared before the app is ready (app-protocol.ts).
  registerAppScheme(protocol);

  // The second launch hands over to the first (which focuses its window) and never opens the database.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const location: RendererLocation = {
    devServerUrl: devServerUrlFrom(env, app.isPackaged),
    indexFile: join(mainDir, '..', 'renderer', 'index.html'),
  };
  const isDev = location.devServerUrl !== undefined;
  const isAppUrl = createAppUrlMatcher(location);
  const dbPath = resolveDbPath(argv, env);
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  let core: Core | null = null;
  let win: BrowserWindow | null = null;
  const cleanups: Array<() => void> = [];

  const openWindow = (): void => {
    const display = screen.getPrimaryDisplay();
    const bounds = clampToDisplays(
      readWindowState(stateFile),
      screen.getAllDisplays().map((d) => d.workArea),
      display.workArea,
    );
    const created = createMainWindow({
      BrowserWindow,
      preload: join(mainDir, '..', 'preload', 'index.cjs'),
      isDev,
      bounds,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff',
      platform,
    });
    win = created;
    trackWindowState(created, stateFile);
    created.on('closed', () => {
      if (win === created) win = null;
    });
    loadRenderer(created, location).catch((err: unknown) => {
      dialog.showErrorBox(
        `${PRODUCT_NAME} could not show its window`,
        err instanceof Error ? err.message : String(err),
      );
    });
  };

  const showAbout = (): void => {
    const text = aboutText(app.getVersion(), dbPath);
    const boxOptions = {
      type: 'info' as const,
      title: `About ${PRODUCT_NAME}`,
      ...text,
      buttons: ['OK', 'Show Database File'],
      defaultId: 0,
      cancelId: 0,
    };
    const shown = win ? dialog.showMessageBox(win, boxOptions) : dialog.showMessageBox(boxOptions);
    void shown.then(({ response }) => {
      if (response === 1) shell.showItemInFolder(dbPath);
    });
  };

  app.on('second-instance', () => {
    if (win) focusWindow(win);
    else if (core) openWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isAppUrl, openExternal: (url) => void shell.openExternal(url) });
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; elsewhere closing the window ends the app.
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win && core) openWindow();
  });
  app.on('will-quit', () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    core?.close();
    core = null;
  });

  void app
    .whenReady()
    .then(loadHolidayRules)
    .then(() => {
      installSecurity(session.defaultSession, {
        isLocalRequest: createLocalRequestMatcher(location),
      });
      if (!isDev) serveAppProtocol(protocol, dirname(location.indexFile), CONTENT_SECURITY_POLICY);
      try {
        core = openCore({ dbPath, door: 'desktop', actor: desktopActor(env), version: app.getVersion() });
      } catch (err) {
        const text = openFailureText(err, dbPath);
        dialog.showErrorBox(text.title, text.body);
        app.exit(1);
        return;
      }
      const opened = core;
      const trusted = createTrustedSenderCheck(() => win, isAppUrl);
      cleanups.push(
        registerIpc(ipcMain, opened, trusted),
        registerFilePicker(
          ipcMain,
          async () => {
            const options = {
              title: 'Choose a vendor list to import',
              properties: ['openFile' as const],
              filters: [{ name: 'Spreadsheets', extensions: ['xlsx', 'csv', 'txt', 'xls'] }],
            };
            const chosen = win
              ? await dialog.showOpenDialog(win, options)
              : await dialog.showOpenDialog(options);
            return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
          },
          (path) => opened.uploads.register(path, statSync(path).size),
          trusted,
        ),
        registerExportFiles(
          ipcMain,
          async (suggestedName) => {
            const options = {
              title: 'Save the export',
              defaultPath: join(app.getPath('documents'), suggestedName),
              filters: [exportFilter(suggestedName)],
            };
            const chosen = win
              ? await dialog.showSaveDialog(win, options)
              : await dialog.showSaveDialog(options);
            return chosen.canceled ? null : (chosen.filePath ?? null);
          },
          (path) => opened.uploads.registerSave(path),
          (saveId) => shell.showItemInFolder(opened.uploads.resolve(saveId, 'save').path),
          trusted,
        ),
        forwardProgress(core, () => win?.webContents ?? null),
        startReminders({
          core: opened,
          Notification,
          open: (path) => {
            if (win) {
              focusWindow(win);
              win.webContents.send(NAVIGATE_CHANNEL, path);
              return;
            }
            // The window was closed (macOS keeps the app): open it, then the path once the page has loaded.
            openWindow();
            const opened = win as BrowserWindow | null;
            opened?.webContents.once('did-finish-load', () =>
              opened.webContents.send(NAVIGATE_CHANNEL, path),
            );
          },
        }),
      );
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildMenuTemplate({ isDev, platform, onAbout: showAbout })),
      );
      openWindow();
    })
    .catch((err: unknown) => {
      dialog.showErrorBox(
        `${PRODUCT_NAME} could not start`,
        err instanceof Error ? err.message : String(err),
      );
      app.exit(1);
    });
}
