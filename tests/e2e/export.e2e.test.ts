import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, loadDemo, startApp, type RunningApp } from './helpers/app';

const run = browserAvailable();
let app: RunningApp;
let page: Page;
let exported: string;

describe.runIf(run)('exporting for an auditor, and bringing an edited workbook back', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.getByRole('link', { name: 'Vendors' }).first().click();
    await loadDemo(page);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('exports the registers as a workbook, downloaded by the browser', async () => {
    await page.getByRole('link', { name: 'Import / Export' }).click();
    await page.getByRole('heading', { name: 'Export', exact: true }).scrollIntoViewIfNeeded();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export…' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dpo-registers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    exported = join(app.dir, download.suggestedFilename());
    await download.saveAs(exported);
    await page.getByTestId('export-done').waitFor();
    expect(await page.getByTestId('export-done').innerText()).toContain('Vendors 14');
    await page.getByTestId('export-done').scrollIntoViewIfNeeded();
    await app.shot('export-01-done');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    expect(wb.getWorksheet('Vendors')!.actualRowCount).toBe(15);
  });

  it('brings back the workbook with one cell changed: the change is shown, then written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const ws = wb.getWorksheet('Vendors')!;
    const owner = (ws.getRow(1).values as unknown[]).indexOf('Internal owner');
    ws.getRow(2).getCell(owner).value = 'Head of IT';
    const edited = join(app.dir, 'registers edited.xlsx');
    await wb.xlsx.writeFile(edited);

    await page.evaluate(() => window.scrollTo(0, 0));
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose a spreadsheet…' }).click(),
    ]);
    await chooser.setFiles(edited);
    await page.getByRole('button', { name: 'Review the changes' }).click();
    const changes = page.getByRole('table', { name: 'Changes' });
    await changes.waitFor({ timeout: 60_000 });
    expect(await changes.locator('tbody tr').count()).toBe(1);
    expect(await changes.locator('tbody tr').innerText()).toContain('Head of IT');
    await app.shot('export-02-roundtrip-preview');
    await page.getByRole('button', { name: 'Write 1 change' }).click();
    await page.getByText('Changes written').waitFor({ timeout: 60_000 });
    // Row 2 of the sheet is vendor 1 (the sheet is in ID order).
    await page.evaluate(() => (window.location.hash = '#/vendors/1'));
    await page.getByText('Head of IT').first().waitFor();
    await app.shot('export-03-vendor-changed');
  });
});
