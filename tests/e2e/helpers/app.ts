import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether Chromium is here. Under CI a missing browser is an error, never a silent skip; elsewhere the suite
 * is skipped with a message saying how to install it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(`Chromium is missing at ${CHROMIUM}; CI must install it (apt-get install chromium).`);
  console.warn(
    `Skipping end-to-end tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
  return false;
}

export interface RunningApp {
  url: string;
  dbPath: string;
  dir: string;
  browser: Browser;
  page: Page;
  /** Saves a screenshot under test-results/screenshots (git-ignored). */
  shot(name: string): Promise<void>;
  /** Runs the `dpo` command against the same database. */
  stop(): Promise<void>;
}

/** Starts `dpo serve` on a temporary database and opens its printed URL in headless Chromium. */
export async function startApp(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<RunningApp> {
  if (!existsSync(join(ROOT, 'out', 'web', 'index.html'))) {
    throw new Error('The web UI is not built: run `npm run build:web` first (npm run test:e2e does).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'dpo-e2e-'));
  const dbPath = join(dir, 'e2e.sqlite');
  const server: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'dpo.js'), 'serve', '--port', '0', '--db', dbPath],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DPO_QUIET: '1' },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`dpo serve did not start:\n${out}\n${err}`)), 60_000);
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    server.on('exit', (code) => reject(new Error(`dpo serve exited with ${code}:\n${out}\n${err}`)));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    dbPath,
    dir,
    browser,
    page,
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    stop: async () => {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(dir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`The page threw:\n${errors.join('\n')}`);
    },
  };
}

/** Clicks "Load demo data" on the empty register and waits for the vendors to be listed. */
export async function loadDemo(page: Page): Promise<void> {
  // The app opens on the Overview; the demo is loaded from the empty vendor register.
  await page.evaluate(() => (window.location.hash = '/vendors'));
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page
    .getByTestId('row-count')
    .filter({ hasText: /^14 vendors$/ })
    .waitFor();
}
