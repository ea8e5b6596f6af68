import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktopBundles, root } from './helpers/build-bundles';

// Electron itself cannot run here, so this builds the real main and preload bundles with the project's
// electron.vite.config.ts and starts the main bundle under Node with a stub `electron` module. It catches what
// unit tests cannot: a dependency that does not load from the ESM bundle, a preload that is not one CommonJS
// file, a wrong path between out/main, out/preload and out/renderer.
let out: string;

beforeAll(async () => {
  out = await buildDesktopBundles(['main', 'preload'], 'desktop-bundle-');
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('desktop bundles', () => {
  it('emits the preload as one CommonJS file that requires nothing but electron', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect([...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual([
      'electron',
    ]);
    expect(preload).toContain('exposeInMainWorld("dpo"');
  });

  it('starts the main bundle: hardened window, one IPC handler, a working core, strangers refused', () => {
    const config = join(out, 'config');
    const stdout = execFileSync(
      process.execPath,
      [join(root, 'tests/electron/fixtures/run-bundle.mjs'), join(out, 'main', 'index.js')],
      {
        cwd: root,
        env: {
          ...process.env,
          XDG_CONFIG_HOME: config,
          APPDATA: config,
          HOME: join(out, 'home'),
          DPO_DB: '',
          DPO_QUIET: '1',
        },
        encoding: 'utf8',
      },
    );
    const result = JSON.parse(stdout) as {
      calls: unknown[][];
      webPreferences: Record<string, unknown> | null;
      appInfo: { ok: boolean; value?: { door: string; dbPath: string } };
      unknown: { ok: boolean; error?: { code: string } };
      foreign: { ok: boolean; error?: { code: string } };
    };
    const calls = result.calls.map((call) => call[0]);
    expect(calls).not.toContain('showErrorBox');
    expect(calls).toEqual(
      expect.arrayContaining([
        'registerSchemesAsPrivileged',
        'protocol.handle',
        'onHeadersReceived',
        'setPermissionRequestHandler',
        'loadURL',
      ]),
    );
    expect(result.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(result.webPreferences?.preload).toBe(join(out, 'preload', 'index.cjs'));
    // The built app is loaded from its own origin, never over file://.
    expect(result.calls.find((call) => call[0] === 'loadURL')?.[1]).toBe('app://workbench/index.html');
    expect(calls).not.toContain('loadFile');
    expect(result.appInfo).toMatchObject({ ok: true, value: { door: 'desktop' } });
    expect(result.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(result.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync(result.appInfo.value!.dbPath)).toBe(true);
    expect(result.appInfo.value!.dbPath.startsWith(out)).toBe(true);
  }, 60_000);
});
