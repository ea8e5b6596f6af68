import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRightsDeadline, type RightsDeadlineInput } from '../../shared/rules/rights-deadline';
import { browserAvailable, loadDemo, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;

/** A day relative to today where the browser is, as YYYY-MM-DD. */
async function day(offset: number): Promise<string> {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const p = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }, offset);
}

/** A day as the app shows it (the browser's locale). */
const shown = (iso: string) =>
  page.evaluate(
    (d) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(`${d}T00:00:00`)),
    iso,
  );

/** Types a date into a date field and leaves it, as a user does. */
async function typeDate(id: string, iso: string) {
  await page.locator(`#${id}`).fill(iso);
  await page.locator(`#${id}`).press('Tab');
}

async function saved(noun: RegExp) {
  await page.getByText(noun).first().waitFor();
}

/** The colour of the chip a text is in. */
const colour = (text: Locator) =>
  text.evaluate((el) => el.closest('[data-color]')?.getAttribute('data-color'));

const facts = () => page.getByRole('complementary', { name: 'Derived facts' });

/** The "Due …" line of the request's facts. */
async function dueShown(): Promise<string> {
  return (await facts().getByText(/^Due /).first().textContent())!.replace(/^Due /, '');
}

describe.runIf(run)('the registers a DPO opens under time pressure, in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    // The browser's clock is faked (the app's core keeps the real time): installed before the app loads.
    await page.clock.install();
    await page.reload();
    await loadDemo(page);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('records a request, pauses it, extends it, and the due date and its steps follow', async () => {
    const nav = page.getByRole('navigation', { name: 'Registers' });
    await nav.getByRole('link', { name: 'Rights requests' }).click();
    // The register opens on the open requests, overdue first.
    await page.getByText('Overdue by').first().waitFor();
    await page.getByRole('button', { name: 'New rights request' }).click();
    await page.getByRole('heading', { name: 'New rights request', level: 1 }).waitFor();
    const received = await day(-10);
    await page.locator('#request-reference').fill('DSAR-E2E-1');
    await page.locator('#request-type').click();
    await page.getByRole('option', { name: 'Access (Art 15)' }).click();
    await typeDate('request-receivedOn', received);
    await page.getByRole('button', { name: 'Save' }).click();
    await saved(/Rights request added/);
    await page.getByRole('heading', { name: 'DSAR-E2E-1', level: 1 }).waitFor();

    // The law and the holidays come from the organisation (Norway, from the demo); the date is the engine's.
    const base: RightsDeadlineInput = {
      jurisdiction: 'GDPR',
      country: 'NO',
      requestType: 'access',
      receivedOn: received,
    };
    const first = computeRightsDeadline(base);
    expect(await dueShown()).toBe(await shown(first.due));
    await facts().getByText('Public holidays of NO.').waitFor();
    const steps = facts().getByRole('list', { name: 'Deadline steps' });
    await steps.getByText(/Request received on/).waitFor();
    await app.shot('deadlines-01-request');

    // A pause while identity is checked, still open: the due date moves on by the days paused so far.
    const pauseFrom = await day(-8);
    await page.getByRole('button', { name: 'Add clock pause' }).click();
    await typeDate('request-pauses-0-from', pauseFrom);
    await page.locator('#request-pauses-0-reason').fill('Proof of identity asked for');
    await page.getByRole('button', { name: 'Save' }).click();
    await saved(/Your changes to DSAR-E2E-1 are saved/);
    const paused = computeRightsDeadline({
      ...base,
      pauses: [{ from: pauseFrom, to: await day(0) }],
    });
    await facts()
      .getByText(`Due ${await shown(paused.due)}`)
      .waitFor();
    expect(paused.due > first.due).toBe(true);
    await page
      .getByRole('banner')
      .getByText(/^Paused since/)
      .or(page.getByText(/^Paused since/).first())
      .first()
      .waitFor();
    await steps.getByText(/paus/i).first().waitFor();
    await app.shot('deadlines-02-paused');

    // The identity arrives: the pause ends; then the extension notice goes out with its reasons.
    const pauseTo = await day(-3);
    await typeDate('request-pauses-0-to', pauseTo);
    await typeDate('request-extensionNoticeOn', await day(-1));
    await page.locator('#request-extensionReason').fill('Data in many systems; complex request.');
    await page.getByRole('button', { name: 'Save' }).click();
    await saved(/Your changes to DSAR-E2E-1 are saved/);
    const extended = computeRightsDeadline({
      ...base,
      pauses: [{ from: pauseFrom, to: pauseTo }],
      extended: true,
    });
    await facts()
      .getByText(`Due ${await shown(extended.due)}`)
      .waitFor();
    expect(extended.due).toBe(extended.extendedDue);
    await steps.getByText(/Extension by up to 2 further months/).waitFor();
    await app.shot('deadlines-03-extended');

    // In the list, with its new due date.
    await nav.getByRole('link', { name: 'Rights requests' }).click();
    const row = page.getByRole('row', { name: /DSAR-E2E-1/ });
    await row.getByText(await shown(extended.due)).waitFor();
  });

  it('starts a breach clock that runs down in the browser, turns amber then red, and stops at the filing', async () => {
    const nav = page.getByRole('navigation', { name: 'Registers' });
    await nav.getByRole('link', { name: 'Breaches' }).click();
    await page.getByRole('button', { name: 'New breach' }).click();
    await page.getByRole('heading', { name: 'New breach', level: 1 }).waitFor();
    // Aware ten hours ago, on the hour, where the browser is.
    const aware = await page.evaluate(() => {
      const d = new Date(Date.now() - 10 * 3_600_000);
      d.setMinutes(0, 0, 0);
      const p = (x: number) => String(x).padStart(2, '0');
      return {
        iso: d.toISOString(),
        day: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
        time: `${p(d.getHours())}:00`,
      };
    });
    await page.locator('#breach-title').fill('Payroll file e-mailed to the wrong team');
    await typeDate('breach-awareAt', aware.day);
    await page.locator('#breach-awareAt-time').fill(aware.time);
    await page.getByRole('button', { name: 'Save' }).click();
    await saved(/Breach added/);
    await page.getByRole('heading', { name: 'Payroll file e-mailed to the wrong team', level: 1 }).waitFor();

    const chip = page
      .getByRole('main')
      .getByText(/ left$|^Overdue by|^Stopped|^Notified late/)
      .first();
    await expect.poll(async () => chip.textContent()).toMatch(/^(61|62) h \d\d min left$/);
    await facts()
      .getByText(/^Assess the risk to people now/)
      .waitFor();
    await app.shot('deadlines-04-breach-running');

    // 40 hours on, in the browser only: under 24 hours left, amber.
    await page.clock.fastForward('40:00:00');
    await expect.poll(async () => chip.textContent()).toMatch(/^(21|22) h \d\d min left$/);
    expect(await colour(chip)).toBe('yellow');
    await app.shot('deadlines-05-breach-amber');

    // 30 hours more: past the deadline, red.
    await page.clock.fastForward('30:00:00');
    await expect.poll(async () => chip.textContent()).toMatch(/^Overdue by \d+ h \d\d min$/);
    expect(await colour(chip)).toBe('red');
    await app.shot('deadlines-06-breach-overdue');

    // The notification is filed (now, in real time: within the 72 hours): the clock stops.
    const filed = await page.evaluate(() => {
      const d = new Date(Date.now() - 70 * 3_600_000 - 60_000);
      const p = (x: number) => String(x).padStart(2, '0');
      return {
        day: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
        time: `${p(d.getHours())}:${p(d.getMinutes())}`,
      };
    });
    await page.getByRole('button', { name: 'Add filing' }).click();
    await page.locator('#breach-filings-0-kind').click();
    await page.getByRole('option', { name: 'Initial notification' }).click();
    await page.locator('#breach-filings-0-authority').fill('Datatilsynet');
    await typeDate('breach-filings-0-filedAt', filed.day);
    await page.locator('#breach-filings-0-filedAt-time').fill(filed.time);
    await page.locator('#breach-filings-0-reference').fill('DT-2026-0042');
    await page.getByRole('button', { name: 'Save' }).click();
    await saved(/Your changes to Payroll file e-mailed to the wrong team are saved/);
    await expect.poll(async () => chip.textContent()).toBe('Stopped: notified');
    const timeline = facts()
      .getByRole('list', { name: 'Timeline' })
      .or(facts().getByLabel('Timeline'))
      .first();
    await timeline.getByText('Initial filing to Datatilsynet (ref. DT-2026-0042)').waitFor();
    await facts()
      .getByText(/Authority notified on/)
      .waitFor();
    await app.shot('deadlines-07-breach-filed');

    // Whatever the browser's clock says now, a stopped clock stays stopped.
    await page.clock.fastForward('24:00:00');
    await nav.getByRole('link', { name: 'Breaches' }).click();
    await page
      .getByRole('row', { name: /Payroll file e-mailed to the wrong team/ })
      .getByText('Stopped: notified')
      .waitFor();
    await app.shot('deadlines-08-breaches-list');
  });
});
