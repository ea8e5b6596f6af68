import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, loadDemo, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

// The vendor's list as its web page shows it, copied with the header row: the chain the register starts from.
const FIRST_LIST = [
  'Sub-processor\tPurpose\tLocation',
  'Amazon Web Services, Inc.\tCloud hosting\tUnited States',
  'Mailgun Technologies, Inc.\tTransactional email\tUnited States',
  'Twilio Inc.\tSMS notifications\tUnited States',
].join('\n');

// The updated list the vendor announces, as the spreadsheet it links to: a title above the header, several
// countries in one cell, a footnote under the table.
const NEW_LIST = [
  'Zendesk sub-processors (updated),,',
  ',,',
  'Name of Subprocessor,Description of Processing,Location of Processing',
  '"Amazon Web Services, Inc.",Cloud hosting,"United States, Ireland"',
  'Twilio Inc.,SMS notifications,USA',
  'Infosys Limited,Second-line support,India',
  '* Infosys handles tickets escalated outside business hours.,,',
].join('\r\n');

async function openZendesk() {
  await page.evaluate(() => (window.location.hash = '/vendors'));
  await page.getByRole('link', { name: 'Zendesk', exact: true }).click();
  await page.getByRole('heading', { name: 'Zendesk', level: 1 }).waitFor();
}

async function startReview() {
  await page.getByRole('link', { name: 'Review a new sub-processor list' }).click();
  await page.getByRole('heading', { name: /Review a new sub-processor list: Zendesk/ }).waitFor();
}

async function accept() {
  await page.getByRole('button', { name: 'Accept and apply' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Accept and apply' }).click();
  await page.waitForFunction(() => /^#\/reviews\/\d+$/.test(window.location.hash));
}

describe.runIf(run)('reviewing a vendor’s new sub-processor list, in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await loadDemo(page);
    writeFileSync(join(app.dir, 'zendesk-subprocessors.csv'), NEW_LIST);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('builds the chain from the list pasted from the vendor’s page', async () => {
    await openZendesk();
    await startReview();
    await page.getByText('Paste a table').click();
    await page.getByRole('textbox', { name: 'The table, copied from the vendor’s page' }).fill(FIRST_LIST);
    await page.getByRole('button', { name: 'Compare with the register' }).click();
    await page.getByRole('region', { name: 'Added sub-processors' }).waitFor();
    expect(await page.getByText('3 added').isVisible()).toBe(true);
    await accept();
    await openZendesk();
    const chain = page.getByRole('list', { name: 'Sub-processor chain' });
    await chain.getByText('Mailgun Technologies, Inc.').waitFor();
    expect(await chain.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
  });

  it('compares the updated list: an addition, a removal, a country change, the deadline; then accepts', async () => {
    await startReview();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose the list…' }).click(),
    ]);
    await chooser.setFiles(join(app.dir, 'zendesk-subprocessors.csv'));
    await page.getByText('zendesk-subprocessors.csv').waitFor();
    await page.getByRole('button', { name: 'Compare with the register' }).click();

    const added = page.getByRole('region', { name: 'Added sub-processors' });
    await added.getByText('Infosys Limited').waitFor();
    await page
      .getByRole('region', { name: 'Removed sub-processors' })
      .getByText('Mailgun Technologies, Inc.')
      .waitFor();
    const changed = page.getByRole('region', { name: 'Changed sub-processors' });
    await changed.getByText('Amazon Web Services, Inc.').waitFor();
    await changed.getByText(/United States.* \(US\), Ireland \(IE\)/).waitFor();
    // India is new to the chain and outside the EEA, and nothing covers it.
    const transfers = page.getByRole('region', { name: 'New countries outside your area' });
    await transfers.getByText(/^India/).waitFor();
    await transfers.getByText('Gap').waitFor();
    // No objection period is recorded on the demo's Zendesk: the shortest usual one is counted, and said.
    const deadline = page.getByRole('region', { name: 'Objection deadline' });
    await deadline
      .getByText(/No objection period is recorded/)
      .first()
      .waitFor();
    await page.getByText('Show the 1 unchanged').waitFor();
    await app.shot('reviews-01-diff');

    await accept();
    await page.getByRole('heading', { name: /Zendesk: list of/ }).waitFor();
    await page.getByText(/Accepted on/).waitFor();
    await page.getByRole('table', { name: 'What changed' }).getByText('Infosys Limited').waitFor();
    await app.shot('reviews-02-accepted');

    await openZendesk();
    const chain = page.getByRole('list', { name: 'Sub-processor chain' });
    await chain.getByText('Infosys Limited').waitFor();
    await page
      .getByRole('link', { name: /^List of / })
      .first()
      .waitFor();
    await app.shot('reviews-03-vendor');
    // The removed sub-processor is offboarded, not deleted, and its history names the review.
    await chain.getByRole('link', { name: 'Mailgun Technologies, Inc.' }).click();
    await page.getByRole('heading', { name: 'Mailgun Technologies, Inc.', level: 1 }).waitFor();
    await page
      .getByText(/accepted in/)
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: /sub-processor list review \d+/ }).count()).toBeGreaterThan(
      0,
    );
    await app.shot('reviews-04-history');
  });
});
