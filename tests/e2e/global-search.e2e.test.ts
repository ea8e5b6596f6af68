import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, loadDemo, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

const globalSearchBox = () =>
  page
    .getByRole('textbox', { name: 'Search every register' })
    .or(page.getByPlaceholder('Search every register…'))
    .first();

describe.runIf(run)('the global search in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await loadDemo(page);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps every letter typed straight after Ctrl+K', async () => {
    // The letters used to arrive before the search box had focus, and the first ones were lost; it was
    // intermittent, so one run proves little.
    for (let round = 0; round < 20; round += 1) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+k');
      await page.keyboard.type('google');
      await expect.poll(() => globalSearchBox().inputValue()).toBe('google');
    }
    await app.shot('global-search-typed');
  });

  it('takes Ctrl+K and the letters after it away from a focused field', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => globalSearchBox().count()).toBe(0);
    const vendorSearch = page
      .getByRole('searchbox', { name: 'Search vendors' })
      .or(page.getByRole('textbox', { name: 'Search vendors' }))
      .first();
    await vendorSearch.focus();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('intercom');
    await expect.poll(() => globalSearchBox().inputValue()).toBe('intercom');
    expect(await vendorSearch.inputValue()).toBe('');
    await page
      .getByRole('button', { name: /Intercom/ })
      .first()
      .waitFor();
  });

  it('says why a result matched, and keeps the register label in the row beside a long line', async () => {
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('customer content');
    await expect.poll(() => globalSearchBox().inputValue()).toBe('customer content');
    const why = page
      .getByTestId('search-why')
      .filter({ hasText: /^Services: .*customer content/ })
      .first();
    await why.waitFor();
    const box = (await page.locator('.mantine-Spotlight-content').boundingBox())!;
    const rows = page.locator('.mantine-Spotlight-action');
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      const label = (await rows.nth(i).locator('.mantine-Badge-root').last().boundingBox())!;
      expect(label.x + label.width).toBeLessThanOrEqual(box.x + box.width);
    }
    await app.shot('global-search-why');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
