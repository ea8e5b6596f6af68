import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectFile } from '../../../db/import/inspect';
import { quietJob } from '../../../db/import/job-context';
import { tempDir } from '../../helpers/core';
import { SUBPROCESSOR_ROWS, writeCsv, writeXlsx } from './fixtures';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const inspect = (file: string, extra: { sheet?: string; headerRow?: number } = {}) =>
  inspectFile({ path: join(dir, file), fileName: file, ...extra }, quietJob);

describe('inspecting a workbook', () => {
  it('finds the header below title rows and blank rows, and counts data rows without trailing notes', async () => {
    await writeXlsx(join(dir, 'list.xlsx'), [
      {
        name: 'Subprocessors',
        rows: [
          ['Acme Corp — sub-processors (updated 1 May 2025)'],
          [],
          [
            'Name of Subprocessor',
            'Description of Processing',
            'Location of Processing',
            'Website & Contact Details',
          ],
          ...SUBPROCESSOR_ROWS.slice(0, 3),
          [],
          SUBPROCESSOR_ROWS[3]!,
          [],
          ['* This list is updated when we add a sub-processor; subscribe to be told in advance.'],
        ],
      },
    ]);
    const r = await inspect('list.xlsx');
    expect(r.headerRow).toBe(3);
    expect(r.headerDetected).toBe(true);
    expect(r.rowCount).toBe(4);
    expect(r.columns.map((c) => [c.letter, c.header, c.field])).toEqual([
      ['A', 'Name of Subprocessor', 'name'],
      ['B', 'Description of Processing', 'services'],
      ['C', 'Location of Processing', 'processingCountries'],
      ['D', 'Website & Contact Details', 'contact'],
    ]);
    expect(r.columns[2]!.samples[0]).toBe('United States, Germany, Iceland');
    expect(r.warnings.join(' ')).toMatch(/Rows 1–2 above the header/);
    expect(r.warnings.join(' ')).toMatch(/1 row looks like a note/);
  });

  it('finds the ICO template header at row 9 under the controller block', async () => {
    const block = [
      ['Name', 'Example Ltd'],
      ['Address', '1 High Street'],
      ['Email', 'dpo@example.com'],
      ['Telephone', '0100 000'],
      ['Name of DPO', 'Jo Bloggs'],
      ['Representative', 'n/a'],
      [],
      [],
    ];
    const header = [
      'Business function',
      'Purpose of processing',
      'Categories of individuals',
      'Categories of personal data',
      'Categories of recipients',
      'Link to contract with processor',
      'Location of personal data',
    ];
    await writeXlsx(join(dir, 'ico.xlsx'), [
      {
        name: 'Template',
        rows: [...block, header, ['Finance', 'Payroll', 'Staff', 'Bank details', 'HMRC', 'https://c', 'UK']],
      },
    ]);
    const r = await inspect('ico.xlsx');
    expect(r.headerRow).toBe(9);
    expect(r.columns.map((c) => c.field)).toEqual([
      null,
      'services',
      'dataSubjectCategories',
      'dataCategories',
      null,
      'contractReference',
      'processingCountries',
    ]);
    expect(r.warnings.join(' ')).toMatch(/No column looks like the vendor's name/);
  });

  it('labels merged and two-row headers, ignores hidden columns unless mapped, and reads cached formula values', async () => {
    await writeXlsx(join(dir, 'merged.xlsx'), [
      {
        name: 'Vendors',
        rows: [
          ['Vendor', 'Processing', null, 'Helper'],
          [null, 'Purpose', 'Country', null],
          ['Acme', 'Hosting', 'DE', { formula: 'LEN(A3)', result: 4 }],
          [{ formula: 'UPPER("globex")', result: 'GLOBEX' }, 'Payments', 'US', 1],
        ],
        merges: ['A1:A2', 'B1:C1'],
        hiddenColumns: [4],
      },
    ]);
    const r = await inspect('merged.xlsx');
    expect(r.headerRow).toBe(2);
    expect(r.columns.map((c) => [c.header, c.field, c.hidden])).toEqual([
      ['Vendor', 'name', false],
      ['Purpose', 'services', false],
      ['Country', 'processingCountries', false],
      ['Helper', null, true],
    ]);
    expect(r.columns[0]!.samples).toEqual(['Acme', 'GLOBEX']);
    expect(r.warnings.join(' ')).toMatch(/Column D \("Helper"\) is hidden/);
  });

  it('lists every sheet, reads the first visible one, and the one asked for', async () => {
    await writeXlsx(join(dir, 'sheets.xlsx'), [
      { name: 'Lookup', rows: [['x']], state: 'hidden' },
      {
        name: 'EU vendors',
        rows: [
          ['Vendor', 'Country'],
          ['Acme', 'DE'],
        ],
      },
      {
        name: 'US vendors',
        rows: [
          ['Vendor', 'Country'],
          ['Globex', 'US'],
          ['Initech', 'US'],
        ],
      },
    ]);
    const first = await inspect('sheets.xlsx');
    expect(first.sheets).toEqual([
      { name: 'Lookup', hidden: true },
      { name: 'EU vendors', hidden: false },
      { name: 'US vendors', hidden: false },
    ]);
    expect([first.sheet, first.rowCount]).toEqual(['EU vendors', 1]);
    const us = await inspect('sheets.xlsx', { sheet: 'US vendors' });
    expect([us.sheet, us.rowCount]).toEqual(['US vendors', 2]);
    await expect(inspect('sheets.xlsx', { sheet: 'Nope' })).rejects.toMatchObject({
      details: { problem: 'no-sheet' },
      message: expect.stringContaining('"EU vendors"'),
    });
  });

  it('reads the list from a later sheet when the first one is a cover or instructions, and says so', async () => {
    await writeXlsx(join(dir, 'cover.xlsx'), [
      {
        name: 'Instructions',
        rows: [
          ['Sub-processor register'],
          ['Fill in one row per sub-processor on the next sheet.'],
          ['Owner: Legal'],
        ],
      },
      {
        name: 'Changes',
        rows: [
          ['Date', 'Change'],
          ['2025-01-01', 'Created'],
        ],
      },
      {
        name: 'Sub-processors',
        rows: [
          ['Sub-processor', 'Purpose', 'Location'],
          ['Acme Cloud Ltd', 'Hosting', 'Ireland'],
          ['Beta Mail GmbH', 'Email', 'Germany'],
        ],
      },
    ]);
    const i = await inspect('cover.xlsx');
    expect([i.sheet, i.headerRow, i.rowCount]).toEqual(['Sub-processors', 1, 2]);
    expect(i.warnings[0]).toMatch(
      /Read from the sheet "Sub-processors": the first sheet, "Instructions", holds no list/,
    );
    // Asked for, the first sheet is read as it is.
    const asked = await inspect('cover.xlsx', { sheet: 'Instructions' });
    expect(asked.sheet).toBe('Instructions');
    // A first sheet whose header names one field among others is a list: it stays, whatever the other sheets.
    await writeXlsx(join(dir, 'spend.xlsx'), [
      {
        name: 'Spend',
        rows: [
          ['Supplier', 'Spend', 'Category'],
          ['Acme Cloud Ltd', '12000', 'IT'],
        ],
      },
      {
        name: 'Contacts',
        rows: [
          ['Name', 'Email', 'Country'],
          ['Ann', 'ann@acme.example', 'Ireland'],
        ],
      },
    ]);
    expect((await inspect('spend.xlsx')).sheet).toBe('Spend');
  });

  it('reads a sheet of a workbook stored with its workbook part last, every time, even forty at once', async () => {
    // exceljs stores xl/workbook.xml last; its streaming reader could then parse a sheet before the workbook
    // ("Cannot read properties of undefined (reading 'sheets')", exceljs issue 3064), more often on a busy machine.
    await writeXlsx(join(dir, 'sheets.xlsx'), [
      {
        name: 'EU vendors',
        rows: [
          ['Vendor', 'Country'],
          ['Acme', 'DE'],
        ],
      },
      {
        name: 'US vendors',
        rows: [
          ['Vendor', 'Country'],
          ['Globex', 'US'],
          ['Initech', 'US'],
        ],
      },
    ]);
    const reads = await Promise.allSettled(
      Array.from({ length: 40 }, () => inspect('sheets.xlsx', { sheet: 'US vendors' })),
    );
    expect(reads.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(reads.map((r) => (r as PromiseFulfilledResult<{ rowCount: number }>).value.rowCount)).toEqual(
      Array(40).fill(2),
    );
  });

  it('judges date order over the whole column', async () => {
    const rows: (string | null)[][] = [['Vendor', 'DPA signed', 'Next review']];
    for (let i = 0; i < 300; i++) rows.push([`V${i}`, '03/04/2024', '05/06/2025']);
    rows.push(['Late', '25/04/2024', '05/06/2025']);
    writeCsv(join(dir, 'dates.csv'), rows);
    const r = await inspect('dates.csv');
    expect(r.columns.map((c) => [c.field, c.dateOrder])).toEqual([
      ['name', null],
      ['dpaSignedAt', 'dmy'],
      ['nextReviewAt', 'ambiguous'],
    ]);
    expect(r.warnings.join(' ')).toMatch(/"Next review" could be day-first or month-first/);
  });

  it('refuses a sheet with no recognisable header, and accepts the header row given', async () => {
    writeCsv(join(dir, 'odd.csv'), [
      ['Firma X', 'Quux'],
      ['Acme', 'DE'],
    ]);
    await expect(inspect('odd.csv')).rejects.toMatchObject({ details: { problem: 'no-header' } });
    const r = await inspect('odd.csv', { headerRow: 1 });
    expect(r.headerDetected).toBe(false);
    expect(r.columns.map((c) => c.header)).toEqual(['Firma X', 'Quux']);
  });

  it('reads only a sample when asked (the command line), in a workbook and a CSV, and says the count is open', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`Vendor ${i} GmbH`, i % 50 === 0 ? null : 'Germany']);
    const withSection = [['Name', 'Country'], ['HOSTING'], ...rows];
    await writeXlsx(join(dir, 'long.xlsx'), [{ name: 'Vendors', rows: withSection }]);
    writeCsv(join(dir, 'long.csv'), withSection);
    for (const file of ['long.xlsx', 'long.csv']) {
      const sampled = await inspectFile({ path: join(dir, file), fileName: file, sampleRows: 100 }, quietJob);
      expect(sampled.rowCount).toBeNull();
      expect(sampled.columns.map((c) => c.field)).toEqual(['name', 'processingCountries']);
      expect(sampled.warnings).toContain(
        '1 row in the first 100 data rows heads a section or gives a total rather than a vendor, and will be skipped.',
      );
      const whole = await inspect(file);
      expect(whole.rowCount).toBe(400);
    }
  });

  it('says once that a signing date stands for the DPA status when no column gives the status', async () => {
    writeCsv(join(dir, 'signed.csv'), [
      ['Vendor', 'DPA signed'],
      ['Acme Ltd', '2024-03-01'],
    ]);
    const r = await inspect('signed.csv');
    expect(r.warnings).toContain(
      'No column gives the DPA status: a row with a value in "DPA signed" is imported as Signed.',
    );
    writeCsv(join(dir, 'both.csv'), [
      ['Vendor', 'DPA status', 'DPA signed'],
      ['Acme Ltd', 'Signed', '2024-03-01'],
    ]);
    expect((await inspect('both.csv')).warnings.join(' ')).not.toContain('No column gives');
  });

  it('reads a rating column of numbers on the scale its header or values give, and says how', async () => {
    writeCsv(join(dir, 'scale.csv'), [
      ['Vendor', 'Risk'],
      ['Acme Ltd', '3'],
      ['Beta Ltd', '5'],
    ]);
    const five = await inspect('scale.csv');
    expect(five.columns[1]).toMatchObject({
      field: 'riskRating',
      scale: { low: 1, high: 5 },
      numbers: { min: 3, max: 5 },
    });
    expect(five.warnings).toContain(
      '"Risk" is read on a 1–5 scale: 1–2 Low, 3 Medium, 4 High, 5 Critical. Its numbers run 3–5; choose another scale if the list uses one.',
    );
    // The header's scale wins over the values', and may put 1 at the top.
    writeCsv(join(dir, 'stated.csv'), [
      ['Vendor', 'Risk (1 = high, 5 = low)'],
      ['Acme Ltd', '1'],
      ['Beta Ltd', '2'],
    ]);
    const stated = await inspect('stated.csv');
    expect(stated.columns[1]!.scale).toEqual({ low: 5, high: 1 });
    expect(stated.warnings.join(' ')).toContain('1 Critical, 2 High, 3 Medium, 4–5 Low. The header says so');
    // Words and small numbers: the register's own 1–4, said so the user can choose another.
    writeCsv(join(dir, 'fits.csv'), [
      ['Vendor', 'Risk'],
      ['Acme Ltd', '3'],
      ['Beta Ltd', 'High'],
    ]);
    const fits = await inspect('fits.csv');
    expect(fits.columns[1]!.scale).toEqual({ low: 1, high: 4 });
    expect(fits.warnings.join(' ')).toContain(
      '"Risk" is read on a 1–4 scale: 1 Low, 2 Medium, 3 High, 4 Critical.',
    );
    // Numbers no usual scale holds, and a header that does not say: not guessed.
    writeCsv(join(dir, 'wide.csv'), [
      ['Vendor', 'Risk'],
      ['Acme Ltd', '12'],
      ['Beta Ltd', '40'],
    ]);
    const wide = await inspect('wide.csv');
    expect(wide.columns[1]!.scale).toBeNull();
    expect(wide.warnings).toContain(
      '"Risk" holds numbers up to 40, and no usual scale fits them: choose the scale, or the numbers past 4 are reported.',
    );
    // A column with no numbers says nothing of scales.
    writeCsv(join(dir, 'words.csv'), [
      ['Vendor', 'Risk'],
      ['Acme Ltd', 'Low'],
    ]);
    expect((await inspect('words.csv')).warnings.join(' ')).not.toContain('scale');
  });

  it('names repeated headers apart', async () => {
    writeCsv(join(dir, 'rep.csv'), [
      ['Vendor', 'Location', 'Location'],
      ['Acme', 'DE', 'FR'],
    ]);
    const r = await inspect('rep.csv');
    expect(r.columns.map((c) => c.header)).toEqual(['Vendor', 'Location', 'Location (2)']);
    expect(r.columns.map((c) => c.field)).toEqual(['name', 'processingCountries', 'processingCountries']);
  });
});
