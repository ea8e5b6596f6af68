import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, loadDemo, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

const REGISTERS = ['vendors', 'transfers', 'activities', 'dpias', 'breaches', 'requests'] as const;

async function open(path: string) {
  await page.evaluate((p) => (window.location.hash = p), path);
  await page.locator('h1').first().waitFor();
  await page.waitForTimeout(300);
}

/** The first record's path of a register, opened from its first row. */
async function firstRecordPath(register: string): Promise<string> {
  await open(`/${register}`);
  // Focus the first row and open it with Enter, as a keyboard user does (a double click would select text).
  await page.locator('.grid-row').first().click();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^#\/[a-z]+\/\d+$/.test(window.location.hash));
  return page.evaluate(() => window.location.hash.slice(1));
}

describe.runIf(run)('every register page at 1024×700 and 1440×900, light and dark', () => {
  const records = new Map<string, string>();
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await loadDemo(page);
    for (const r of REGISTERS) records.set(r, await firstRecordPath(r));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('fits a 1024-pixel window: no page wider than it, the toolbar wrapped, the facts beside the form', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    for (const r of REGISTERS) {
      await open(`/${r}`);
      const m = await page.evaluate(() => {
        const add = [...document.querySelectorAll('button')].find((b) => /^New /.test(b.textContent ?? ''));
        const count = document.querySelector('[data-testid="row-count"]')!.getBoundingClientRect();
        return {
          pageWidth: document.documentElement.scrollWidth,
          addRight: add!.getBoundingClientRect().right,
          countHeight: count.height,
        };
      });
      expect(m.pageWidth, r).toBeLessThanOrEqual(1024);
      expect(m.addRight, r).toBeLessThanOrEqual(1024);
      expect(m.countHeight, `${r}: the count on one line`).toBeLessThan(30);
      await open(records.get(r)!);
      const side = await page.locator('.record-side').boundingBox();
      const form = await page.locator('form').first().boundingBox();
      expect(side, r).not.toBeNull();
      // Beside the form, at the top of the page, not 1,750 px down.
      expect(side!.y, r).toBeLessThan(200);
      expect(side!.x, r).toBeGreaterThan(form!.x + form!.width - 1);
    }
  });

  it('shows the default columns of every register at 1440 wide without cutting the last ones', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const r of REGISTERS) {
      await open(`/${r}`);
      const m = await page.evaluate(() => {
        const grid = document.querySelector('.grid-scroll')!;
        return { scroll: grid.scrollWidth, client: grid.clientWidth };
      });
      expect(m.scroll, r).toBeLessThanOrEqual(m.client);
    }
  });

  it('takes screenshots of every register and record page, both sizes, both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [w, h] of [
        [1024, 700],
        [1440, 900],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        for (const r of REGISTERS) {
          await open(`/${r}`);
          await app.shot(`layout-${r}-${w}-${scheme}`);
          await open(records.get(r)!);
          await app.shot(`layout-${r}-record-${w}-${scheme}`);
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
