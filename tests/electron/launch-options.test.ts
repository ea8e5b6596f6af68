import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopActor, devServerUrlFrom, resolveDbPath } from '../../electron/main/launch-options';

describe('resolveDbPath', () => {
  const env = { XDG_CONFIG_HOME: '/home/dpo/.config', APPDATA: 'C:\\Users\\dpo\\AppData\\Roaming' };

  it('prefers --db PATH and --db=PATH on the command line', () => {
    expect(resolveDbPath(['electron', '.', '--db', '/data/a.sqlite'], { ...env, DPO_DB: '/x.sqlite' })).toBe(
      resolve('/data/a.sqlite'),
    );
    expect(resolveDbPath(['electron', '.', '--db=rel/b.sqlite'], env)).toBe(resolve('rel/b.sqlite'));
  });

  it('falls back to DPO_DB, then the per-user app-data folder', () => {
    expect(resolveDbPath(['electron', '.'], { ...env, DPO_DB: '/srv/c.sqlite' })).toBe(
      resolve('/srv/c.sqlite'),
    );
    const fallback = resolveDbPath(['electron', '.', '--db'], env);
    expect(fallback).toMatch(/dpo-workbench[\\/]workbench\.sqlite$/);
    if (process.platform === 'linux')
      expect(fallback).toBe(join('/home/dpo/.config', 'dpo-workbench', 'workbench.sqlite'));
  });
});

describe('devServerUrlFrom', () => {
  it('uses the dev server only when unpackaged and on loopback', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe(
      'http://localhost:5173',
    );
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe(
      'http://127.0.0.1:5173/',
    );
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeUndefined();
    expect(
      devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost.evil.example/' }, false),
    ).toBeUndefined();
    expect(devServerUrlFrom({}, false)).toBeUndefined();
  });
});

describe('desktopActor', () => {
  it('names the operating-system account', () => {
    expect(desktopActor({}).length).toBeGreaterThan(0);
  });
});
