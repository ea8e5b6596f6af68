import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserAvailable, loadDemo, ROOT, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

/** The names in the vendor table, in order. */
async function tableNames(): Promise<string[]> {
  const grid = page.getByRole('grid', { name: 'Vendors' }).or(page.getByRole('table', { name: 'Vendors' }));
  await grid.waitFor();
  return grid.locator('[role="row"] [role="gridcell"]:first-child, tbody tr td:first-child').allInnerTexts();
}

async function expectToast(text: RegExp) {
  await page.getByText(text).first().waitFor({ timeout: 15_000 });
}

describe.runIf(run)('the vendor register in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('offers demo data on an empty register and loads it', async () => {
    await page.evaluate(() => (window.location.hash = '/vendors'));
    await page.getByRole('button', { name: 'Load demo data' }).waitFor();
    await app.shot('01-empty-register');
    await loadDemo(page);
    const names = await tableNames();
    expect(names).toContain('Zendesk');
    expect(names).toContain('OpenAI');
    await app.shot('02-register-with-demo-data');
  });

  it('creates a vendor through the form, refusing it first without a name', async () => {
    await page.getByRole('button', { name: 'New vendor' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('A vendor needs a name.').waitFor();
    await app.shot('03-new-vendor-validation');
    await page.getByLabel(/^Name/).fill('Acme Payments Ltd');
    const countries = page.getByRole('combobox', { name: 'Processing countries' });
    await countries.click();
    await countries.fill('Germ');
    await page.getByRole('option', { name: /Germany/ }).click();
    await countries.fill('United States');
    await page
      .getByRole('option', { name: /United States of America/ })
      .first()
      .click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/saved|created/i);
    await page.getByRole('heading', { name: 'Acme Payments Ltd' }).waitFor();
    await app.shot('04-new-vendor-saved');
  });

  it('edits the vendor and shows the change in its history', async () => {
    const services = page.getByRole('combobox', { name: 'Services and purposes' });
    await services.click();
    await services.fill('Card payments');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/saved/i);
    const history = page
      .getByRole('region', { name: 'Change history' })
      .or(page.locator('section', { has: page.getByRole('heading', { name: 'Change history' }) }));
    await history.first().getByText('Card payments').first().waitFor();
    await app.shot('05-vendor-edited-history');
  });

  it('archives the vendor after confirmation and restores it', async () => {
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await app.shot('06-archive-confirm');
    await dialog.getByRole('button', { name: /Archive/ }).click();
    await expectToast(/archived/i);
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    await app.shot('07-vendor-archived');
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Archive' }).waitFor();
    // Restored by the button, the archive toast and its Undo go away.
    await expect.poll(() => page.getByText('Vendor archived').count()).toBe(0);
    const history = page
      .locator('section', { has: page.getByRole('heading', { name: 'Change history' }) })
      .first();
    await history
      .getByText(/archived/i)
      .first()
      .waitFor();
    await history
      .getByText(/restored/i)
      .first()
      .waitFor();
    await app.shot('08-vendor-restored-history');
  });

  it('searches the register', async () => {
    await page.goto(app.url.replace(/#.*$/, '#/vendors'));
    const search = page
      .getByRole('textbox', { name: 'Search vendors' })
      .or(page.getByRole('searchbox', { name: 'Search vendors' }));
    await search.fill('acme');
    await page.getByText('1 vendor', { exact: false }).first().waitFor();
    expect(await tableNames()).toEqual(['Acme Payments Ltd']);
    await search.fill('analytics');
    await expect.poll(tableNames).toEqual(['Amplitude', 'Google']);
    await app.shot('09-search');
    await search.fill('');
  });

  it('filters the register by processing country', async () => {
    await page.getByRole('button', { name: /Filter processing countries/i }).click();
    const picker = page.getByRole('combobox', { name: /Processing countries is any of/ });
    await picker.click();
    await picker.fill('Germ');
    await page.getByRole('option', { name: /Germany/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(tableNames).toEqual(['Acme Payments Ltd']);
    await app.shot('10-filter-by-country');
  });

  it('finds any record from anywhere with Ctrl+K', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    const box = page
      .getByRole('textbox', { name: 'Search every register' })
      .or(page.getByPlaceholder('Search every register…'));
    await box.first().fill('intercom');
    await page
      .getByRole('button', { name: /Intercom/ })
      .first()
      .waitFor();
    await app.shot('11-global-search');
    await page
      .getByRole('button', { name: /Intercom/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Intercom' }).waitFor();
  });

  it('marks vendors whose location is unclear ("EU", "Worldwide"), counts them in the header and filters them', async () => {
    const file = join(app.dir, 'regions.csv');
    writeFileSync(
      file,
      'Name,Processing countries\nRegion Cloud,EU\nGlobe Support,Worldwide\nKnown Host,Germany\n',
    );
    execFileSync(process.execPath, [join(ROOT, 'bin', 'dpo.js'), 'import', file, '--db', app.dbPath], {
      env: { ...process.env, DPO_QUIET: '1' },
    });
    await page.evaluate(() => (window.location.hash = '/overview'));
    await page.evaluate(() => (window.location.hash = '/vendors'));
    const count = page.getByTestId('attention-location-unclear');
    await count.filter({ hasText: '2 with location unclear' }).waitFor();
    await count.click();
    await expect.poll(tableNames).toEqual(['Globe Support', 'Region Cloud']);
    expect(await page.locator('.grid-row').first().getByText('Location unclear').count()).toBe(1);
    await app.shot('12-location-unclear');
  });
});
