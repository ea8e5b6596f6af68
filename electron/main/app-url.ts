import { APP_HOST, APP_SCHEME } from './app-protocol';

/** Where the renderer comes from: the dev server while developing, else the built index.html. */
export interface RendererLocation {
  /** The electron-vite dev server URL; set only in development. */
  devServerUrl?: string | undefined;
  /** Absolute path of the built renderer's index.html. */
  indexFile: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Builds the test for "this URL is the app itself": the dev server's origin in development, else exactly the
 * app's index page on its own origin, `app://workbench/index.html` (any query or fragment). Everything else is
 * foreign: files, other hosts, other pages.
 * @returns a predicate over URL strings
 */
export function createAppUrlMatcher(location: RendererLocation): (url: string) => boolean {
  const devOrigin = location.devServerUrl ? parse(location.devServerUrl)?.origin : undefined;
  if (location.devServerUrl && !devOrigin)
    throw new Error(`Invalid dev server URL: ${location.devServerUrl}`);
  return (url) => {
    const parsed = parse(url);
    if (!parsed) return false;
    if (devOrigin) return parsed.origin === devOrigin;
    return (
      parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html'
    );
  };
}

/** Only https links leave the app, and only to the OS browser: no http, file, mailto or custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}
