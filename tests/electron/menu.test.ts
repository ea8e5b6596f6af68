import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutText, buildMenuTemplate } from '../../electron/main/menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
const menu = (template: MenuItemConstructorOptions[], label: string) => {
  const found = template.find((item) => item.label === label);
  if (!found) throw new Error(`no ${label} menu`);
  return found;
};
const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];

describe('buildMenuTemplate', () => {
  it('builds File, Edit, View, Window and Help', () => {
    const template = buildMenuTemplate({ isDev: false, platform: 'win32', onAbout: () => {} });
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(roles(submenu(menu(template, '&File')))).toEqual(['quit']);
    expect(roles(submenu(menu(template, '&Edit')))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
    expect(menu(template, '&Window').role).toBe('windowMenu');
  });

  it('offers zoom always, and reload and devtools only in development', () => {
    const prod = roles(
      submenu(menu(buildMenuTemplate({ isDev: false, platform: 'linux', onAbout: () => {} }), '&View')),
    );
    const dev = roles(
      submenu(menu(buildMenuTemplate({ isDev: true, platform: 'linux', onAbout: () => {} }), '&View')),
    );
    expect(prod).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('forceReload');
    expect(prod).not.toContain('toggleDevTools');
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn']));
  });

  it('shows About from Help, and from the app menu on macOS', () => {
    const onAbout = vi.fn();
    const template = buildMenuTemplate({ isDev: false, platform: 'darwin', onAbout });
    expect(template[0]!.label).toBe('DPO Workbench');
    expect(roles(submenu(template[0]!))).toContain('quit');
    const about = submenu(menu(template, '&Help')).find((item) => item.label?.startsWith('About'));
    (about!.click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
  });
});

describe('aboutText', () => {
  it('shows the version and the database path', () => {
    const text = aboutText('0.1.0', '/home/dpo/.config/dpo-workbench/workbench.sqlite');
    expect(text.message).toContain('0.1.0');
    expect(text.detail).toContain('/home/dpo/.config/dpo-workbench/workbench.sqlite');
  });
});
