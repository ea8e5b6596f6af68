import type { MenuItemConstructorOptions } from 'electron';

export const PRODUCT_NAME = 'DPO Workbench';

export interface MenuOptions {
  isDev: boolean;
  platform: NodeJS.Platform;
  onAbout: () => void;
}

/**
 * The application menu. Reload and devtools exist only in development: in the field a reload would drop
 * unsaved form input and devtools would let anyone script the core.
 * @returns the template for `Menu.buildFromTemplate`
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = {
    label: `About ${PRODUCT_NAME}`,
    click: () => options.onAbout(),
  };
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, sep]
    : [];

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: PRODUCT_NAME,
      submenu: [
        about,
        sep,
        { role: 'services' },
        sep,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        sep,
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        sep,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        sep,
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    { label: '&Help', role: 'help', submenu: [about] },
  );
  return template;
}

/**
 * The About box text: the version, and where the database lives so the DPO can back it up or find it for IT.
 * @returns the dialog's message and detail
 */
export function aboutText(version: string, dbPath: string): { message: string; detail: string } {
  return { message: `${PRODUCT_NAME} ${version}`, detail: `Database file:\n${dbPath}` };
}
