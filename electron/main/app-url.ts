import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const left = resolve(a);
  const right = resolve(b);
  // Windows and macOS file systems are case-insensitive by default, and file URLs may differ in case.
  return platform === 'linux' ? left === right : left.toLowerCase() === right.toLowerCase();
}

/**
 * Builds the test for "this URL is the app itself": the dev server's origin in development, else exactly the
 * built index.html over file:// (any query or fragment). Everything else is foreign: other files, other hosts.
 * @returns a predicate over URL strings
 */
export function createAppUrlMatcher(
  location: RendererLocation,
  platform: NodeJS.Platform = process.platform,
): (url: string) => boolean {
  const devOrigin = location.devServerUrl ? parse(location.devServerUrl)?.origin : undefined;
  if (location.devServerUrl && !devOrigin)
    throw new Error(`Invalid dev server URL: ${location.devServerUrl}`);
  return (url) => {
    const parsed = parse(url);
    if (!parsed) return false;
    if (devOrigin) return parsed.origin === devOrigin;
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
    parsed.search = '';
    parsed.hash = '';
    try {
      return samePath(fileURLToPath(parsed), location.indexFile, platform);
    } catch {
      return false;
    }
  };
}

/** Only https links leave the app, and only to the OS browser: no http, file, mailto or custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}
