import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

/** A published sub-processor list as European Excel saves it: BOM, semicolons, a title row above the header. */
const CSV =
  '\ufeffOur sub-processors (updated 2026);;;\n' +
  ';;;\n' +
  'Name of Subprocessor;Location of Processing;Purpose;Internal code\n' +
  'Zendesk, Inc.;United States, Germany;Customer support;Z-1\n' +
  'Acme Mail GmbH;Germany;Transactional e-mail;A-7\n' +
  'Globex Analytics;U.S./UK;Product analytics;G-2\n' +
  'Initech Hosting;Narnia;Hosting;I-9\n';

describe.runIf(run)('importing a vendor list in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('chooses a file, adjusts a mapping, previews, commits, shows the vendors and undoes', async () => {
    const file = join(app.dir, 'sub-processors.csv');
    writeFileSync(file, CSV);
    await page.getByRole('link', { name: 'Import / Export' }).click();
    await page.getByRole('heading', { name: 'Import vendors' }).waitFor();
    await app.shot('20-import-empty');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(file);
    const mappingTable = page.getByRole('table', { name: 'Column mapping' });
    await mappingTable.waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Field for Name of Subprocessor' }).inputValue())
      .toBe('Name');
    expect(await page.getByRole('combobox', { name: 'Field for Location of Processing' }).inputValue()).toBe(
      'Processing countries',
    );

    // Map the internal code column to the contract reference by hand.
    await page.getByRole('combobox', { name: 'Field for Internal code' }).click();
    await page.getByRole('option', { name: 'Contract reference' }).click();
    await app.shot('21-import-mapping');

    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByLabel('Preview');
    await preview.waitFor();
    await preview
      .getByText(/Narnia/)
      .first()
      .waitFor();
    await app.shot('22-import-preview');
    await expect.poll(() => preview.getByText('created: 3').count()).toBe(1);

    await preview.getByRole('button', { name: /Import 3 vendors/ }).click();
    await page.getByRole('status').getByText('Imported').waitFor();
    await app.shot('23-import-committed');
    await page.getByRole('button', { name: 'See the vendors' }).click();
    await page.getByText('Acme Mail GmbH').waitFor();
    await page.getByText('Globex Analytics').waitFor();
    await app.shot('24-imported-vendors');

    await page.getByRole('link', { name: 'Import / Export' }).click();
    await page.getByRole('table', { name: 'Earlier imports' }).getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
    await page.getByText('Import undone').waitFor();
    await page.getByRole('table', { name: 'Earlier imports' }).getByText('undone').waitFor();
    await app.shot('25-import-undone');
    await page.getByRole('link', { name: 'Vendors' }).click();
    await page.getByRole('button', { name: 'Load demo data' }).waitFor();
  });
});
