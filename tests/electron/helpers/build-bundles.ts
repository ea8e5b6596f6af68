import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the desktop bundles named in `targets` with the project's electron.vite.config.ts, in production mode,
 * into a fresh folder under the ignored .cache (inside the project, so the bundles find node_modules as out/
 * would). Returns that folder; each target lands in its own sub-folder.
 */
export async function buildDesktopBundles(
  targets: readonly ('main' | 'preload')[],
  prefix: string,
): Promise<string> {
  mkdirSync(join(root, '.cache'), { recursive: true });
  const out = mkdtempSync(join(root, '.cache', prefix));
  const previous = process.env.NODE_ENV_ELECTRON_VITE;
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  try {
    const { resolveConfig } = await import('electron-vite');
    const { build } = await import('vite');
    const resolved = await resolveConfig(
      { configFile: join(root, 'electron.vite.config.ts'), logLevel: 'silent' },
      'build',
      'production',
    );
    for (const target of targets) {
      const config = resolved.config?.[target];
      if (!config) throw new Error(`electron.vite.config.ts has no ${target} config`);
      await build({ ...config, logLevel: 'silent', build: { ...config.build, outDir: join(out, target) } });
    }
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV_ELECTRON_VITE;
    else process.env.NODE_ENV_ELECTRON_VITE = previous;
  }
  return out;
}
