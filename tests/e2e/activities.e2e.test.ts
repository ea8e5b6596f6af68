import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, loadDemo, SCREENSHOTS, startApp, type RunningApp } from './helpers/app';
import { join } from 'node:path';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

async function expectToast(text: RegExp) {
  await page.getByText(text).first().waitFor({ timeout: 15_000 });
}

/** Picks an option in the Mantine select whose input has this id. */
async function pick(id: string, option: string | RegExp) {
  await page.locator(`#${id}`).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Adds a record to a multiple picker by typing its name. */
async function addLink(id: string, name: string) {
  await page.locator(`#${id}`).fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

const art36 = () => page.getByText('Prior consultation required (Art 36)').first();

describe.runIf(run)('a processing activity and its DPIA in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await loadDemo(page);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('records an activity with two vendors and shows its third countries and transfer gap', async () => {
    await page.getByRole('link', { name: 'Processing activities', exact: true }).click();
    await page.getByRole('button', { name: 'New processing activity' }).click();
    await page.getByRole('heading', { name: 'New processing activity', level: 1 }).waitFor();
    await page.locator('#activity-name').fill('Webinar recordings');
    await pick('activity-lawfulBasis', 'Legitimate interests');
    await addLink('activity-vendors', 'OpenAI');
    await addLink('activity-vendors', 'Zendesk');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/Processing activity added/);
    await page.getByRole('heading', { name: 'Webinar recordings', level: 1 }).waitFor();
    const facts = page.getByRole('complementary', { name: 'Derived facts' });
    await facts.getByText('United States of America (US)').first().waitFor();
    await facts.getByText('Transfer gaps: US').waitFor();
    // OpenAI has no transfer record; Zendesk's covers it.
    const chain = facts.getByRole('list', { name: 'Vendors and their transfers' });
    await chain.getByText('Needs a transfer mechanism').waitFor();
    await chain.getByText('Transfer record').waitFor();
    await app.shot('activities-01-gap');
  });

  it('screens the activity and starts a DPIA carrying the screening over', async () => {
    await page.getByRole('checkbox', { name: 'Data processed on a large scale' }).check();
    await page
      .getByRole('checkbox', { name: 'Innovative use or new technological or organisational solutions' })
      .check();
    await page.getByText('DPIA likely required').first().waitFor();
    await page
      .getByRole('list', { name: 'Screening steps' })
      .getByText(/2 of 9 criteria met/)
      .waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/Processing activity saved/);
    await page.getByText('DPIA needed, none linked').waitFor();
    await app.shot('activities-02-screened');

    await page.getByRole('button', { name: 'Start a DPIA' }).click();
    await page.getByRole('heading', { name: 'New DPIA', level: 1 }).waitFor();
    expect(await page.locator('#dpia-title').inputValue()).toBe('DPIA: Webinar recordings');
    expect(await page.getByRole('checkbox', { name: 'Data processed on a large scale' }).isChecked()).toBe(
      true,
    );
    await expect
      .poll(() => page.locator('#dpia-activities').locator('..').locator('..').innerText())
      .toContain('Webinar recordings');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/DPIA added/);
    await page.getByRole('heading', { name: 'DPIA: Webinar recordings', level: 1 }).waitFor();
  });

  it('adds three risks with measures; the map and the Art 36 flag follow the ratings after measures', async () => {
    const risks = [
      ['Recordings shared beyond attendees', '3 Significant', '4 Maximum'],
      ['Transcripts kept too long', '3 Significant', '2 Limited'],
      ['Model provider keeps the audio', '2 Limited', '3 Significant'],
    ] as const;
    for (const [i, [title, likelihood, severity]] of risks.entries()) {
      await page.getByRole('button', { name: 'Add risk' }).click();
      await page.locator(`#dpia-risks-${i}-title`).fill(title);
      await pick(`dpia-risks-${i}-likelihood`, likelihood);
      await pick(`dpia-risks-${i}-severity`, severity);
      await page
        .getByRole('listitem', { name: new RegExp(title) })
        .getByRole('button', { name: 'Add measure' })
        .click();
      await page.locator(`#dpia-risks-${i}-measures-0-measure`).fill(`Measure for risk ${i + 1}`);
      await page.locator(`#dpia-risks-${i}-measures-0-owner`).fill('IT');
    }
    const map = page.getByRole('img', { name: /Risk map/ }).first();
    await map.waitFor();
    // Risk 1 is high before any measure: until rated after measures, the inherent level stands.
    await art36().waitFor();
    await pick('dpia-risks-0-residualLikelihood', '3 Significant');
    await pick('dpia-risks-0-residualSeverity', '3 Significant');
    await art36().waitFor();
    await app.shot('activities-03-art36');
    await pick('dpia-risks-0-residualLikelihood', '1 Negligible');
    await expect.poll(() => art36().isVisible()).toBe(false);
    await pick('dpia-risks-0-residualSeverity', '2 Limited');
    await page
      .getByRole('list', { name: 'Risks on the map' })
      .getByText(/Recordings shared beyond attendees/)
      .waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(/DPIA saved/);
    const facts = page.getByRole('complementary', { name: 'Derived facts' });
    await facts.getByText('Medium').first().waitFor();
    await facts.getByText('Measure for risk 1').waitFor();
    await map.scrollIntoViewIfNeeded();
    await app.shot('activities-04-risk-map');
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Change history' }) });
    await history.getByText(/Risks to people: Added risk “Recordings shared beyond attendees”/).waitFor();
  });

  it('shows the DPIA on the activity, and the risk map in the dark theme', async () => {
    await page
      .getByRole('complementary', { name: 'Derived facts' })
      .getByRole('link', { name: 'Webinar recordings' })
      .click();
    await page.getByRole('heading', { name: 'Webinar recordings', level: 1 }).waitFor();
    await page
      .getByRole('complementary', { name: 'Derived facts' })
      .getByText('DPIA: Webinar recordings')
      .waitFor();
    expect(await page.getByText('DPIA needed, none linked').count()).toBe(0);

    const dark = await app.browser.newContext({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'dark',
    });
    const darkPage = await dark.newPage();
    await darkPage.goto(app.url);
    await darkPage.evaluate(() => (location.hash = '#/dpias/2'));
    await darkPage.getByRole('heading', { name: 'DPIA: Webinar recordings', level: 1 }).waitFor();
    await darkPage
      .getByRole('img', { name: /Risk map/ })
      .first()
      .scrollIntoViewIfNeeded();
    await darkPage.screenshot({ path: join(SCREENSHOTS, 'activities-05-risk-map-dark.png') });
    await dark.close();
  });
});
