import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'dpo-workbench';
export const DB_FILE_NAME = 'workbench.sqlite';

/**
 * The per-user app-data folder, computed as Electron's `app.getPath('userData')` does for an app named
 * `dpo-workbench`, so the desktop app, the web door and the CLI open the same file.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/** The database file: `DPO_DB` when set, else `workbench.sqlite` in the app-data folder. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return env.DPO_DB || join(appDataDir(env, platform), DB_FILE_NAME);
}
