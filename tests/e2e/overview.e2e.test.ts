import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

const overviewHeading = () => page.getByRole('heading', { name: 'Overview', level: 1 });
const rowCount = () => page.getByTestId('row-count');

/** Clicks a link of the Overview, checks the register it opens and its filtered count, and goes Back. */
async function openAndReturn(link: string, hash: RegExp, count: RegExp, shot: string) {
  await page.getByRole('link', { name: link, exact: true }).first().click();
  await page.waitForFunction((re) => new RegExp(re).test(window.location.hash), hash.source);
  await rowCount().filter({ hasText: count }).waitFor();
  await app.shot(shot);
  await page.goBack();
  await overviewHeading().waitFor();
  expect(await page.evaluate(() => window.location.hash)).toBe('#/overview');
}

describe.runIf(run)('the Overview: what needs the DPO now, in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('opens first, empty, with the ways to fill the registers; the demo fills it', async () => {
    await overviewHeading().waitFor();
    await page.getByText('Nothing to oversee yet').waitFor();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('link', { name: '1 requests overdue' }).waitFor();
    // The demo's running breach clock (aware 30 hours ago) is listed with the time left.
    await page.getByText(/4[12] h \d+ min left/).waitFor();
    await app.shot('overview-01-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('overview-02-dark');
    await page.setViewportSize({ width: 1024, height: 700 });
    await app.shot('overview-03-dark-1024');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('opens the filtered register from three figures, and Back returns to the Overview', async () => {
    await openAndReturn(
      '1 requests overdue',
      /^#\/requests\?state=overdue$/,
      /^1 rights request match$/,
      'overview-04-requests-overdue',
    );
    await openAndReturn(
      '1 acknowledgements owed',
      /^#\/requests\?ack=due%2Clate$/,
      /^1 rights request match$/,
      'overview-05-acks',
    );
    await openAndReturn(
      'Vendors with transfer gaps: 2',
      /^#\/vendors\?transferGaps=yes$/,
      /^2 vendors match$/,
      'overview-06-gaps',
    );
    // A chart's legend entry opens its segment: the transfers with a warning.
    await openAndReturn(
      'Warning: 4',
      /^#\/transfers\?validity=warning$/,
      /^4 transfers match$/,
      'overview-07-transfers',
    );
  });

  it('keeps the filter in the register’s address: changing it there changes the address', async () => {
    await page.getByRole('link', { name: '1 requests overdue' }).click();
    await rowCount()
      .filter({ hasText: /^1 rights request match$/ })
      .waitFor();
    await page.getByRole('button', { name: /Clear (filter|\d+ filters)/ }).click();
    await page.waitForFunction(() => window.location.hash === '#/requests');
    await rowCount()
      .filter({ hasText: /^5 rights requests$/ })
      .waitFor();
    await page.goBack();
    await overviewHeading().waitFor();
  });

  it('shows every deadline as an agenda and a month, and exports them as an iCalendar file', async () => {
    await page.getByRole('link', { name: 'Deadlines', exact: true }).click();
    await page.getByRole('heading', { name: /^Late \(6\)$/ }).waitFor();
    await page.getByText('Acknowledgement due', { exact: true }).first().waitFor();
    await app.shot('overview-08-agenda');
    await page.getByText('Month', { exact: true }).click();
    await page.getByRole('table', { name: /^Deadlines in / }).waitFor();
    await app.shot('overview-09-month');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export calendar (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^deadlines-\d{4}-\d{2}-\d{2}\.ics$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('UID:requests-4-request-due@dpo-workbench');
    // A record opens from the calendar.
    await page.getByText('Agenda', { exact: true }).click();
    await page
      .getByRole('link', { name: /Rights request due: CCPA-DEMO-4/ })
      .first()
      .click();
    await page.waitForFunction(() => window.location.hash === '#/requests/4');
  });

  it('gives the reminders as a banner in the browser; dismissed, they stay away', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.reload();
    const banner = page.getByTestId('reminder-banner');
    await banner.getByText('1 rights request is overdue').waitFor();
    await app.shot('overview-10-reminders');
    await banner.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await banner.waitFor({ state: 'detached' });
    await page.reload();
    await overviewHeading().waitFor();
    await page.waitForTimeout(500);
    expect(await banner.count()).toBe(0);
  });
});
