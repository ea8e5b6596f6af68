import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { createAppUrlMatcher, isSafeExternalUrl } from '../../electron/main/app-url';
import { createLocalRequestMatcher } from '../../electron/main/security';

const indexFile = '/opt/dpo/out/renderer/index.html';
const indexUrl = pathToFileURL(indexFile).href;

describe('createAppUrlMatcher', () => {
  it("accepts only the app's index page on its own origin, with any query or fragment", () => {
    const isApp = createAppUrlMatcher({ indexFile });
    expect(isApp(APP_INDEX_URL)).toBe(true);
    expect(isApp(`${APP_INDEX_URL}#/vendors/3`)).toBe(true);
    expect(isApp(`${APP_INDEX_URL}?x=1`)).toBe(true);
    expect(isApp('app://workbench/other.html')).toBe(false);
    expect(isApp('app://evil/index.html')).toBe(false);
    expect(isApp(indexUrl)).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
    expect(isApp('http://localhost:5173/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });

  it('accepts only the dev server origin in development', () => {
    const isApp = createAppUrlMatcher({ indexFile, devServerUrl: 'http://localhost:5173/' });
    expect(isApp('http://localhost:5173/')).toBe(true);
    expect(isApp('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('http://127.0.0.1:5173/')).toBe(false);
    expect(isApp(APP_INDEX_URL)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('lets only plain https links out', () => {
    expect(isSafeExternalUrl('https://edpb.europa.eu/')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/')).toBe(false);
    expect(isSafeExternalUrl('file:///c:/windows/system32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('smb://share/x')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
    expect(isSafeExternalUrl('nonsense')).toBe(false);
  });
});

describe('createLocalRequestMatcher', () => {
  it("allows the app's own origin, inline data and nothing else: never file://", () => {
    const isLocal = createLocalRequestMatcher({ indexFile });
    expect(isLocal(APP_INDEX_URL)).toBe(true);
    expect(isLocal('app://workbench/assets/index-abc.js')).toBe(true);
    expect(isLocal('app://evil/x.js')).toBe(false);
    expect(isLocal(indexUrl)).toBe(false);
    expect(isLocal('file:///opt/dpo/out/main/index.js')).toBe(false);
    expect(isLocal('data:image/png;base64,AAAA')).toBe(true);
    expect(isLocal('https://fonts.googleapis.com/css')).toBe(false);
  });

  it('allows the dev server and its HMR websocket in development', () => {
    const isLocal = createLocalRequestMatcher({ indexFile, devServerUrl: 'http://localhost:5173' });
    expect(isLocal('http://localhost:5173/@vite/client')).toBe(true);
    expect(isLocal('ws://localhost:5173/?token=x')).toBe(true);
    expect(isLocal('http://localhost:8080/')).toBe(false);
    expect(isLocal('https://registry.npmjs.org/')).toBe(false);
  });
});
