import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { defaultDbPath } from '../../db/paths';

/**
 * The database this launch opens: `--db PATH` (or `--db=PATH`) on the command line, else `DPO_DB`, else
 * `workbench.sqlite` in the per-user app-data folder, the same file the CLI and the web door open.
 * @returns an absolute path
 */
export function resolveDbPath(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--db=') && arg.length > 5) return resolve(arg.slice(5));
    const next = argv[i + 1];
    if (arg === '--db' && next && !next.startsWith('--')) return resolve(next);
  }
  return resolve(defaultDbPath(env));
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL, honoured only in an unpackaged app and only on this machine's loopback
 * interface, so an environment variable can never point an installed app at a remote page.
 * @returns the URL, or undefined to load the built files
 */
export function devServerUrlFrom(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? raw : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name the audit log records for changes made in the desktop app: the operating-system account.
 * @returns a non-empty name
 */
export function desktopActor(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // Some accounts (containers, directory users without a passwd entry) have no local user record.
  }
  return env.USER || env.USERNAME || 'desktop user';
}
