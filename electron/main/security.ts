import type { Session, WebContents, WebPreferences } from 'electron';
import { isSafeExternalUrl, type RendererLocation } from './app-url';
import { APP_HOST, APP_SCHEME } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * The renderer's web preferences: an isolated, sandboxed page with no Node, reaching the core only through the
 * preload's two functions. Devtools exist only in development.
 * @returns the preferences for the main window
 */
export function secureWebPreferences(options: {
  preload: string;
  isDev: boolean;
  platform?: NodeJS.Platform;
}): WebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.isDev,
    // Chromium fetches Hunspell dictionaries from Google on Windows and Linux; the app must not touch the network.
    // macOS spell-checks with the OS, offline.
    spellcheck: (options.platform ?? process.platform) === 'darwin',
  };
}

export type SecuredSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived' | 'onBeforeRequest'>;
};

/**
 * Builds the test for "this request stays inside the app": the dev server (http and its HMR websocket) in
 * development, else the app's own origin (app://workbench). Inline data and blobs are local by nature.
 * @returns a predicate over request URLs
 */
export function createLocalRequestMatcher(location: RendererLocation): (url: string) => boolean {
  const dev = location.devServerUrl ? new URL(location.devServerUrl) : null;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:')
      return true;
    if (dev) {
      return ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol) && parsed.host === dev.host;
    }
    // The app's own origin; which files it serves is the protocol handler's to decide (app-protocol.ts).
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  };
}

/**
 * Hardens a session: the CSP header on every response, every request outside the app cancelled (no network at
 * run time), and every permission (camera, notifications, geolocation, clipboard read…) refused.
 */
export function installSecurity(
  session: SecuredSession,
  options: { isLocalRequest: (url: string) => boolean; csp?: string },
): void {
  const csp = options.csp ?? CONTENT_SECURITY_POLICY;
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !options.isLocalRequest(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // A second CSP header from the dev server would be enforced too; ours is the one policy.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** How long after the user's last click or key press a link may still open in the OS browser. */
export const GESTURE_WINDOW_MS = 1_000;
const GESTURES = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'keyUp', 'char', 'gestureTap']);

/**
 * Locks a web contents to the app: navigation and redirects away from the app are prevented (https links go to
 * the OS browser instead, and only right after the user clicked or pressed a key: a page cannot open the browser
 * on its own), new windows are denied, and `<webview>` cannot attach.
 */
export function hardenWebContents(
  contents: HardenedContents,
  options: { isAppUrl: (url: string) => boolean; openExternal: (url: string) => void; now?: () => number },
): void {
  const now = options.now ?? (() => Date.now());
  let lastGesture = Number.NEGATIVE_INFINITY;
  contents.on('input-event', (_event, input) => {
    if (GESTURES.has(input.type)) lastGesture = now();
  });
  const leaveForBrowser = (url: string): void => {
    if (isSafeExternalUrl(url) && now() - lastGesture <= GESTURE_WINDOW_MS) options.openExternal(url);
  };
  contents.on('will-navigate', (event) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    leaveForBrowser(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The main frame is handled by will-navigate; this catches iframes, which the app never needs elsewhere.
    if (!event.isMainFrame && !options.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    leaveForBrowser(url);
    return { action: 'deny' };
  });
}
