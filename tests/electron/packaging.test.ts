import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The installers are built on a machine with internet (the Electron binary is downloaded then); here the
// configuration is checked as data: the fuses that close the ways into a shipped app, and what it packs.
const ROOT = join(import.meta.dirname, '..', '..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as Record<
  string,
  unknown
>;

describe('the desktop installers', () => {
  it('set the Electron fuses: no Node mode, no NODE_OPTIONS or inspector, encrypted cookies, asar checked', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // The app is served from app://, so file:// needs none of its old privileges.
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('build for Windows, macOS and Linux, packing the built app and the native module', () => {
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['win', 'mac', 'linux']));
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
    // The web door's build is not part of the desktop app.
    expect((config.files as string[]).some((f) => f.includes('out/web'))).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      version: string;
    };
    expect(pkg.main).toBe('./out/main/index.js');
  });

  it('say the same version as the app', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { APP_VERSION } = await import('../../shared/version');
    expect(APP_VERSION).toBe(pkg.version);
  });
});
