import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import {
  hardenWebContents,
  installSecurity,
  secureWebPreferences,
  type HardenedContents,
  type SecuredSession,
} from '../../electron/main/security';

type Listener = (...args: unknown[]) => void;

function fakeSession() {
  const handlers: {
    beforeRequest?: Listener;
    headers?: Listener;
    permissionRequest?: Listener;
    permissionCheck?: (...args: unknown[]) => boolean;
  } = {};
  const session = {
    webRequest: {
      onBeforeRequest: (listener: Listener) => (handlers.beforeRequest = listener),
      onHeadersReceived: (listener: Listener) => (handlers.headers = listener),
    },
    setPermissionRequestHandler: (handler: Listener) => (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) =>
      (handlers.permissionCheck = handler),
  };
  return { session: session as unknown as SecuredSession & Session, handlers };
}

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  };
  const emit = (name: string, details: Record<string, unknown>) => {
    const event = { ...details, preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event, details.url);
    return event.preventDefault;
  };
  return {
    contents: contents as unknown as HardenedContents & WebContents,
    emit,
    open: (url: string) => openHandler!({ url }),
    input: (input: { type: string }) => listeners.get('input-event')!({}, input),
  };
}

const APP = 'app://workbench/index.html';
const isAppUrl = (url: string) => url.startsWith(APP);

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node and web security on', () => {
    const prefs = secureWebPreferences({
      preload: '/out/preload/index.cjs',
      isDev: false,
      platform: 'linux',
    });
    expect(prefs).toMatchObject({
      preload: '/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      spellcheck: false,
    });
  });

  it('allows devtools only in development', () => {
    expect(secureWebPreferences({ preload: 'p', isDev: true }).devTools).toBe(true);
  });
});

describe('installSecurity', () => {
  it('sets the CSP header on responses, replacing any the server sent', () => {
    const { session, handlers } = fakeSession();
    installSecurity(session, { isLocalRequest: () => true });
    const callback = vi.fn();
    handlers.headers!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] },
      },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['content-type']).toEqual(['text/html']);
  });

  it('cancels every request that leaves the app', () => {
    const { session, handlers } = fakeSession();
    installSecurity(session, { isLocalRequest: (url) => url.startsWith('file:///app/') });
    const local = vi.fn();
    const remote = vi.fn();
    handlers.beforeRequest!({ url: 'file:///app/out/renderer/assets/index.js' }, local);
    handlers.beforeRequest!({ url: 'https://telemetry.example/collect' }, remote);
    expect(local).toHaveBeenCalledWith({ cancel: false });
    expect(remote).toHaveBeenCalledWith({ cancel: true });
  });

  it('refuses every permission request and check', () => {
    const { session, handlers } = fakeSession();
    installSecurity(session, { isLocalRequest: () => true });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      handlers.permissionRequest!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.permissionCheck!(null, permission, APP, {})).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  const setup = () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    let clock = 10_000;
    hardenWebContents(fake.contents, { isAppUrl, openExternal, now: () => clock });
    /** The user clicks; `later` ms pass. */
    const click = (later = 0) => {
      fake.input({ type: 'mouseDown' });
      clock += later;
    };
    return { ...fake, openExternal, click, wait: (ms: number) => (clock += ms) };
  };

  it('prevents navigation to foreign URLs and lets the app navigate to itself', () => {
    const { emit, openExternal } = setup();
    expect(emit('will-navigate', { url: 'file:///etc/passwd' })).toHaveBeenCalled();
    expect(emit('will-navigate', { url: 'http://example.com/' })).toHaveBeenCalled();
    expect(emit('will-navigate', { url: `${APP}#/vendors` })).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('sends https links to the OS browser instead of navigating, right after a click only', () => {
    const { emit, openExternal, click, wait } = setup();
    // A page navigating on its own, with no click: prevented, and nothing opens.
    expect(emit('will-navigate', { url: 'https://edpb.europa.eu/' })).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
    click(200);
    expect(emit('will-navigate', { url: 'https://edpb.europa.eu/' })).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://edpb.europa.eu/');
    wait(5_000);
    emit('will-navigate', { url: 'https://edpb.europa.eu/later' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('prevents redirects and sub-frame navigation away from the app', () => {
    const { emit } = setup();
    expect(emit('will-redirect', { url: 'https://evil.example/' })).toHaveBeenCalled();
    expect(emit('will-redirect', { url: APP })).not.toHaveBeenCalled();
    expect(
      emit('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false }),
    ).toHaveBeenCalled();
  });

  it('prevents <webview> from attaching', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview', { url: APP })).toHaveBeenCalled();
  });

  it('denies every new window, opening only https URLs externally', () => {
    const { open, openExternal, click } = setup();
    click();
    expect(open('https://gdpr-info.eu/art-33-gdpr/')).toEqual({ action: 'deny' });
    expect(open('http://insecure.example/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open(APP)).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://gdpr-info.eu/art-33-gdpr/']]);
  });
});
