import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../db/import/fixtures';
import { browserAvailable, loadDemo, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

async function expectToast(text: RegExp) {
  await page.getByText(text).first().waitFor({ timeout: 15_000 });
}

/** The verdict chip beside the record's title. */
const headerValidity = () => page.locator('.page-toolbar .status-chip').first();

async function choose(label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe.runIf(run)('the transfer register in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows a vendor’s transfer gap and records the transfer that closes it', async () => {
    await loadDemo(page);
    await page.getByRole('grid', { name: 'Vendors' }).getByText('OpenAI', { exact: true }).click();
    await page.getByRole('heading', { name: 'OpenAI', level: 1 }).waitFor();
    const third = page.getByRole('list', { name: 'Third countries' });
    await third.getByText('Needs a transfer mechanism').waitFor();
    await app.shot('transfers-01-vendor-gap');

    await page.getByRole('button', { name: 'Record a transfer to United States of America (US)' }).click();
    await page.getByRole('heading', { name: 'New transfer', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Importer', exact: true }).inputValue())
      .toBe('OpenAI');
    expect(await page.getByRole('combobox', { name: 'Destination country', exact: true }).inputValue()).toBe(
      'United States of America (US)',
    );
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/Transfer added/);
    await page.getByRole('heading', { name: 'OpenAI → United States of America', level: 1 }).waitFor();
    await expect.poll(() => headerValidity().innerText()).toBe('Invalid');
    await app.shot('transfers-02-created-invalid');
  });

  it('changes its verdict as the mechanism changes, with the reasons and their rules', async () => {
    await choose('Transfer mechanism', 'EU SCCs (2021/914)');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/Transfer saved/);
    await expect.poll(() => headerValidity().innerText()).toBe('Warning');
    const why = page.getByRole('list', { name: 'Why' });
    await why.getByText(/record which module/).waitFor();
    await why
      .getByText(/Decision \(EU\) 2021\/914/)
      .first()
      .waitFor();

    await choose('SCC module', /Module Two/);
    await choose('Transfer impact assessment', 'Done');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => headerValidity().innerText()).toBe('Valid');
    await why.getByText(/Transfer impact assessment done/).waitFor();
    await app.shot('transfers-03-valid-with-reasons');

    // The vendor's gap is closed by the transfer, and the vendor lists it.
    await page.getByRole('link', { name: 'OpenAI' }).first().click();
    await page.getByRole('heading', { name: 'OpenAI', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Transfers to this vendor' }).getByText('Valid').waitFor();
    const third = page.getByRole('list', { name: 'Third countries' });
    await third.getByRole('link', { name: 'EU SCCs (2021/914), module 2' }).waitFor();
    expect(await third.getByText('Needs a transfer mechanism').count()).toBe(0);
  });

  it('imports a transfer sheet, matching importers to vendors by name', async () => {
    const file = join(app.dir, 'Transfer register.xlsx');
    await writeXlsx(file, [
      {
        name: 'Transfers',
        rows: [
          ['Sub-processor', 'Country', 'Transfer mechanism', 'TIA'],
          ['Slack', 'United States', 'Standard Contractual Clauses (Module 2)', 'Yes'],
          ['YouTube', 'USA', 'EU-U.S. DPF', 'n/a'],
          ['Nobody Ltd', 'USA', 'SCCs 2021', ''],
        ],
      },
    ]);
    await page.getByRole('link', { name: 'Import / Export' }).click();
    await page
      .getByRole('radiogroup', { name: 'Import into' })
      .locator('label', { hasText: /^Transfers$/ })
      .click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose a spreadsheet…' }).click(),
    ]);
    await chooser.setFiles(file);
    await page.getByRole('table', { name: 'Column mapping' }).waitFor({ timeout: 60_000 });
    expect(
      await page
        .getByRole('combobox', { name: 'Transfer field for column C (Transfer mechanism)' })
        .inputValue(),
    ).toBe('Transfer mechanism');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('count-new').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-new').textContent()).toBe('2 new');
    await page
      .getByRole('table', { name: 'Invalid cells' })
      .getByText('No vendor is named "Nobody Ltd".')
      .waitFor();
    await app.shot('transfers-04-import-preview');
    await page.getByRole('button', { name: 'Import: 2 new, 0 updated' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Open the transfer register' }).click();
    await page
      .getByTestId('row-count')
      .filter({ hasText: /^7 transfers$/ })
      .waitFor();
    await app.shot('transfers-05-register');
  });

  it('filters the register by validity, and archives a transfer with its history', async () => {
    await page.getByRole('button', { name: 'Filter Validity' }).click();
    await page.getByRole('checkbox', { name: 'Invalid' }).click();
    await page.keyboard.press('Escape');
    const grid = page.getByRole('grid', { name: 'Transfers' });
    await page.getByText('1 transfer match').waitFor();
    await grid.getByText('YouTube').click();
    await page.getByRole('heading', { name: 'YouTube → United States of America', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Archive' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Archive/ })
      .click();
    await expectToast(/Transfer archived/);
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Change history' }) });
    await history.getByText('Archived').first().waitFor();
    await app.shot('transfers-06-archived');
  });

  it('lists the vendors with transfer gaps', async () => {
    await page.getByRole('link', { name: 'Vendors', exact: true }).click();
    await page.getByRole('button', { name: 'Filter Outside EEA' }).click();
    await page.locator('label', { hasText: 'Has transfer gaps' }).click();
    await page.keyboard.press('Escape');
    // YouTube's transfer was archived, so its gap is open again; OpenAI's and Slack's are closed.
    await page.getByText(/1 vendor match/).waitFor();
    await page.getByRole('grid', { name: 'Vendors' }).getByText('YouTube').waitFor();
    await app.shot('transfers-07-vendors-with-gaps');
  });

  it('judges the transfers under the Swiss FADP once the organisation is in Switzerland, and keeps the deadline readings', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const org = page.locator('section', { has: page.getByRole('heading', { name: 'Your organisation' }) });
    await org.getByRole('combobox', { name: 'Established in' }).fill('Switzerland');
    await page
      .getByRole('option', { name: /Switzerland/ })
      .first()
      .click();
    await org.getByRole('button', { name: 'Save' }).click();
    await expectToast(/The organisation is saved/);

    const deadlines = page.locator('section', {
      has: page.getByRole('heading', { name: 'Rights requests and deadlines' }),
    });
    await deadlines.getByRole('radio', { name: 'Use the later reading' }).check();
    await deadlines.getByRole('checkbox', { name: /Small processing agent/ }).check();
    await deadlines.getByRole('button', { name: 'Save' }).click();
    await expectToast(/The deadline settings are saved/);
    await app.shot('transfers-08-settings');
    await page.reload();
    await page.getByRole('heading', { name: 'Rights requests and deadlines' }).waitFor();
    await expect
      .poll(() => deadlines.getByRole('radio', { name: 'Use the later reading' }).isChecked())
      .toBe(true);

    // A new transfer is exported from Switzerland: judged under the FADP, with the FDPIC's SCC adaptations.
    await page.getByRole('link', { name: 'Transfers', exact: true }).click();
    await page.getByRole('button', { name: 'New transfer' }).click();
    await page.getByRole('heading', { name: 'New transfer', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Importer', exact: true }).fill('Zendesk');
    await page.getByRole('option', { name: 'Zendesk' }).first().click();
    await page.getByRole('combobox', { name: 'Destination country', exact: true }).fill('India');
    await page.getByRole('option', { name: /India/ }).first().click();
    await choose('Transfer mechanism', 'EU SCCs (2021/914)');
    await choose('SCC module', /Module Two/);
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/Transfer added/);
    await page.getByText('Judged under the Swiss FADP.').waitFor();
    await page
      .getByRole('list', { name: 'Why' })
      .getByText(/FDPIC as competent authority/)
      .waitFor();
    await app.shot('transfers-09-swiss-regime');
  });
});
