import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBPROCESSOR_ROWS, writeXlsx } from '../db/import/fixtures';
import { browserAvailable, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;
let file: string;

describe.runIf(run)('importing a vendor list in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    file = join(app.dir, 'Acme sub-processors.xlsx');
    await writeXlsx(file, [
      {
        name: 'Subprocessors',
        rows: [
          ['Acme sub-processors, updated 1 May 2025'],
          [],
          ['Name of Subprocessor', 'Purpose', 'Location of Processing', 'Contact', 'DPA signed'],
          // A section heading and a count, as colleagues' lists have them: skipped, and said.
          ['INFRASTRUCTURE'],
          ...SUBPROCESSOR_ROWS.map((r) => [...r, '01/02/2025']),
          // The same company as Mailer GmbH, or another? The name gives no legal form: the import asks.
          ['Mailer', 'Newsletters', 'Germany', null, '01/02/2025'],
          ['Number of sub-processors: 7'],
        ],
      },
    ]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('chooses a file: the header below the title is found and the columns are mapped', async () => {
    await page.getByRole('link', { name: 'Import / Export' }).click();
    await page.getByRole('heading', { name: 'Import / Export' }).waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose a spreadsheet…' }).click(),
    ]);
    await chooser.setFiles(file);
    await page.getByRole('table', { name: 'Column mapping' }).waitFor({ timeout: 60_000 });
    await page.getByText('7 data rows below the header in row 3').waitFor();
    const nameField = page.getByRole('combobox', {
      name: 'Vendor field for column A (Name of Subprocessor)',
    });
    expect(await nameField.inputValue()).toBe('Name');
    await app.shot('import-01-mapping');
  });

  it('adjusts the mapping and the date order, and previews', async () => {
    // "Contact" holds websites and e-mail addresses here: keep them as the website instead.
    await page.getByRole('combobox', { name: 'Vendor field for column D (Contact)' }).click();
    await page.getByRole('option', { name: 'Website', exact: true }).click();
    await page.getByRole('combobox', { name: 'Date order for column E (DPA signed)' }).click();
    await page.getByRole('option', { name: 'Day first (31/12/2025)' }).click();
    await page.locator('label', { hasText: 'Update existing' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('count-new').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-new').textContent()).toBe('5 new');
    expect(await page.getByTestId('count-merged').textContent()).toBe('2 merged');
    // "Mailer" was taken as "Mailer GmbH" on an unsure match: the import waits for an answer.
    await page.getByText('Same company? 1 row to answer before importing').waitFor();
    expect(await page.getByRole('button', { name: /^Import:/ }).isDisabled()).toBe(true);
    const question = page.getByRole('radiogroup', {
      name: 'Row 11: is Mailer the same company as row 6 (Mailer GmbH)?',
    });
    await app.shot('import-02a-question');
    await question.getByLabel('Different companies').check();
    await page.getByTestId('count-new').filter({ hasText: '6 new' }).waitFor({ timeout: 60_000 });
    await question.getByLabel('Same company').check();
    await page.getByTestId('count-new').filter({ hasText: '5 new' }).waitFor({ timeout: 60_000 });
    await page.getByText('Same company? Every row is answered').waitFor();
    await page.getByRole('tab', { name: /Flagged/ }).click();
    await page
      .getByRole('table', { name: 'Flagged cells' })
      .getByText(/"Worldwide" names no country/)
      .waitFor();
    await page
      .getByRole('table', { name: 'Flagged cells' })
      .getByText(/heads a section of the list/)
      .waitFor();
    await page
      .getByRole('table', { name: 'Flagged cells' })
      .getByText(/a total or a count/)
      .waitFor();
    await app.shot('import-02-preview');
  });

  it('imports with a progress bar, shows the vendors, and undoes the import', async () => {
    await page.getByRole('button', { name: 'Import: 5 new, 2 updated' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-result').innerText()).toBe(
      '5 new, 0 updated, 2 merged, 0 skipped, 0 invalid of 7 rows.',
    );
    await app.shot('import-03-done');

    await page.getByRole('link', { name: 'Open the vendor register' }).click();
    await page
      .getByTestId('row-count')
      .filter({ hasText: /^5 vendors$/ })
      .waitFor();
    const grid = page.getByRole('grid', { name: 'Vendors' });
    await grid.getByText('Acme Cloud, Inc.').waitFor();
    await grid.getByText('Support&Co Ltd').waitFor();
    await app.shot('import-04-vendors');

    await page.getByRole('link', { name: 'Import / Export' }).click();
    await page.getByRole('button', { name: 'Undo the import of Acme sub-processors.xlsx' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo the import' }).click();
    await page.getByText('5 vendors removed, 0 restored.').waitFor();
    await page.getByText(/^Undone/).waitFor();
    await app.shot('import-05-undone');

    await page.getByRole('link', { name: 'Vendors' }).click();
    await page.getByRole('button', { name: 'Load demo data' }).waitFor();
  });
});
