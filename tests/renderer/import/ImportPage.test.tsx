import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { CommitResult, ImportRecord, InspectResult, PreviewResult } from '../../../shared/import/types';
import { installFakeCore, type FakeCore } from '../fake-core';
import { currentPath, renderApp } from '../render-app';

const FILE = { fileId: 'file-0123456789abcdef', fileName: 'subprocessors.xlsx', size: 20_480 };

const INSPECTED: InspectResult = {
  fileName: 'subprocessors.xlsx',
  fileSize: 20_480,
  format: 'xlsx',
  encoding: null,
  delimiter: null,
  sheets: [
    { name: 'Subprocessors', hidden: false },
    { name: 'Archive', hidden: false },
  ],
  sheet: 'Subprocessors',
  headerRow: 3,
  headerDetected: true,
  rowCount: 120,
  columns: [
    {
      column: 1,
      letter: 'A',
      header: 'Name of Subprocessor',
      hidden: false,
      samples: ['Acme Cloud, Inc.'],
      nonEmpty: 120,
      suggested: 'name',
      confidence: 1,
      field: 'name',
      dateOrder: null,
    },
    {
      column: 2,
      letter: 'B',
      header: 'Purpose',
      hidden: false,
      samples: ['Hosting'],
      nonEmpty: 118,
      suggested: 'services',
      confidence: 1,
      field: 'services',
      dateOrder: null,
    },
    {
      column: 3,
      letter: 'C',
      header: 'Location',
      hidden: false,
      samples: ['United States, Germany'],
      nonEmpty: 120,
      suggested: 'processingCountries',
      confidence: 1,
      field: 'processingCountries',
      dateOrder: null,
    },
    {
      column: 4,
      letter: 'D',
      header: 'Signed',
      hidden: false,
      samples: ['03/04/2024'],
      nonEmpty: 60,
      suggested: 'dpaSignedAt',
      confidence: 0.85,
      field: 'dpaSignedAt',
      dateOrder: 'ambiguous',
    },
    {
      column: 5,
      letter: 'E',
      header: 'Helper',
      hidden: true,
      samples: ['x'],
      nonEmpty: 120,
      suggested: null,
      confidence: 0,
      field: null,
      dateOrder: null,
    },
  ],
  warnings: ['Rows 1–2 above the header row 3 are not imported.'],
};

const PREVIEW: PreviewResult = {
  counts: { rows: 120, created: 110, updated: 3, merged: 2, skipped: 1, invalid: 4, warnings: 1 },
  issues: [
    {
      row: 17,
      column: 'Location',
      field: 'processingCountries',
      value: 'Narnia',
      message: '"Narnia" is not a country we recognise; use a name or an ISO code such as DE.',
      severity: 'error',
    },
    {
      row: 22,
      column: 'Location',
      field: 'processingCountries',
      value: 'Worldwide',
      message: '"Worldwide" names no country, so it was left out.',
      severity: 'warning',
    },
  ],
  issuesTotal: 5,
  duplicates: [
    {
      key: 'acme cloud',
      name: 'Acme Cloud, Inc.',
      rows: [4, 9],
      existing: null,
      outcome: 'Later rows are merged into the first.',
    },
  ],
  duplicatesTotal: 1,
  unsure: [],
  sample: [
    {
      row: 4,
      action: 'create',
      recordId: null,
      duplicateOfRow: null,
      values: {
        name: 'Acme Cloud, Inc.',
        dataCategories: ['Contact details'],
        processingCountries: ['US', 'DE'],
        dpaStatus: 'signed',
        dpaSignedAt: '2024-04-03',
        role: 'processor',
        website: 'https://acme.example',
      },
      // The name was a link to the vendor's site: its website, though no column maps to it.
      given: ['name', 'dataCategories', 'processingCountries', 'dpaSignedAt', 'website'],
    },
    {
      row: 5,
      action: 'create',
      recordId: null,
      duplicateOfRow: null,
      // Signed, and past its expiry: the register's DPA column shows the effective status.
      values: {
        name: 'Initech GmbH',
        dataCategories: [],
        processingCountries: ['DE'],
        dpaStatus: 'signed',
        effectiveDpaStatus: 'expired',
        dpaSignedAt: '2019-05-01',
        dpaExpiresAt: '2024-04-30',
        role: 'processor',
      },
      given: ['name', 'processingCountries', 'dpaSignedAt'],
    },
    {
      row: 17,
      action: 'invalid',
      recordId: null,
      duplicateOfRow: null,
      // A cell that could not be read comes as the file gave it.
      values: { name: 'Narnia Hosting', processingCountries: 'Narnia' },
      given: ['name', 'processingCountries'],
    },
  ],
  regionRule: 'Regions are not countries. "EU" and "EEA" are flagged.',
};

const COMMITTED: CommitResult = {
  importId: '7c1f3a52-3d1e-4a39-9a4e-1b0a8d2e9f10',
  jobId: 'x',
  rows: 120,
  created: 110,
  updated: 3,
  merged: 2,
  skipped: 1,
  invalid: [{ row: 17, field: 'processingCountries', message: 'Narnia' }],
  invalidRows: 4,
  invalidTotal: 4,
  warnings: [],
  mapping: {},
  duplicates: [],
  unsure: [],
};

/** The fake core with a desktop file picker and a progress stream the test drives. */
function setup() {
  const core = installFakeCore();
  const listeners = new Set<(e: ProgressEvent) => void>();
  core.bridge.pickImportFile = async () => ({ ok: true, value: FILE });
  core.bridge.onEvent = (_name, listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  core.override('import:inspect', () => INSPECTED);
  return { core, emit: (e: ProgressEvent) => listeners.forEach((l) => l(e)) };
}

async function chooseFile(core: FakeCore, user: ReturnType<typeof renderApp>['user']) {
  await user.click(screen.getByRole('button', { name: 'Choose a spreadsheet…' }));
  await screen.findByRole('table', { name: 'Column mapping' });
  expect(core.lastCallTo('import:inspect')).toMatchObject({ source: { fileId: FILE.fileId } });
}

describe('import page', () => {
  it('is in the navigation under Import / Export', async () => {
    setup();
    const { user } = renderApp('/vendors');
    await user.click(await screen.findByRole('link', { name: 'Import / Export' }));
    expect(await screen.findByRole('heading', { name: 'Import / Export' })).toBeTruthy();
    expect(currentPath()).toBe('/import');
  });

  it('maps, previews, imports and undoes a file', async () => {
    const { core } = setup();
    core.override('import:preview', () => PREVIEW);
    core.override('import:commit', () => COMMITTED);
    core.override('import:undo', ({ id }) => ({
      importId: id,
      register: 'vendors',
      removed: 110,
      reverted: 5,
    }));
    const { user } = renderApp('/import');
    await chooseFile(core, user);

    expect(screen.getByTestId('chosen-file').textContent).toContain('subprocessors.xlsx');
    expect(screen.getByText('Rows 1–2 above the header row 3 are not imported.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Column mapping' });
    expect(within(table).getByText('Hidden in the file')).toBeTruthy();
    expect(
      (
        screen.getByRole('combobox', {
          name: 'Vendor field for column A (Name of Subprocessor)',
        }) as HTMLInputElement
      ).value,
    ).toBe('Name');
    expect(
      (screen.getByRole('combobox', { name: 'Vendor field for column E (Helper)' }) as HTMLInputElement)
        .value,
    ).toBe('Ignore this column');

    // Change a mapping: the purpose column holds data categories in this file.
    await user.click(screen.getByRole('combobox', { name: 'Vendor field for column B (Purpose)' }));
    // The picker shows each field's one label from the register's declaration.
    await user.click(await screen.findByRole('option', { name: 'Personal data categories' }));
    // Ambiguous dates: import is held until the order is chosen.
    expect(screen.getByText(/Choose whether the dates in “Signed”/)).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Date order for column D (Signed)' }));
    await user.click(await screen.findByRole('option', { name: 'Day first (31/12/2025)' }));
    await user.click(screen.getByRole('radio', { name: 'Update existing' }));
    await user.click(screen.getByRole('checkbox', { name: /Expand “EU” and “EEA”/ }));

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByTestId('count-new')).toBeTruthy();
    expect(core.lastCallTo('import:preview')).toMatchObject({
      source: { fileId: FILE.fileId },
      sheet: 'Subprocessors',
      headerRow: 3,
      columns: [
        { column: 1, field: 'name' },
        { column: 2, field: 'dataCategories' },
        { column: 3, field: 'processingCountries' },
        { column: 4, field: 'dpaSignedAt', dateOrder: 'dmy' },
        { column: 5, field: null },
      ],
      options: { onDuplicate: 'update', expandRegions: true },
      expectedRows: 120,
    });
    expect(screen.getByTestId('count-invalid').textContent).toBe('4 invalid');
    const problems = screen.getByRole('table', { name: 'Invalid cells' });
    expect(within(problems).getByText('17')).toBeTruthy();
    expect(within(problems).getByText('Processing countries')).toBeTruthy();
    expect(within(problems).getByText(/Narnia" is not a country/)).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Duplicates (1)' }));
    expect(screen.getByRole('table', { name: 'Duplicates' }).textContent).toContain('4, 9');
    // The first rows show the fields the mapping fills, the status a signing date gives and what a cell gave
    // besides (a linked name's website), as the register shows them; not the defaults of fields no column gives
    // (the role).
    await user.click(screen.getByRole('tab', { name: 'First rows' }));
    const rows = screen.getByRole('table', { name: 'First rows as imported' });
    expect(
      within(rows)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Row',
      'Action',
      'Name',
      'Website',
      'Personal data categories',
      'Processing countries',
      'DPA status',
      'DPA signed on',
    ]);
    expect(within(rows).getByText('https://acme.example')).toBeTruthy();
    expect(within(rows).getByText('Signed')).toBeTruthy();
    expect(within(rows).getByText('Expired')).toBeTruthy();
    expect(within(rows).getByText('Narnia')).toBeTruthy();
    expect(within(rows).getByText('Contact details')).toBeTruthy();
    expect(within(rows).queryByText('Processor')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Import: 110 new, 5 updated' }));
    expect(await screen.findByTestId('import-result')).toBeTruthy();
    expect(screen.getByTestId('import-result').textContent).toBe(
      '110 new, 3 updated, 2 merged, 1 skipped, 4 invalid of 120 rows.',
    );
    expect(core.callsTo('import:commit')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Open the vendor register' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Undo this import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo the import of subprocessors.xlsx?' });
    await user.click(within(dialog).getByRole('button', { name: 'Undo the import' }));
    await waitFor(() => expect(core.lastCallTo('import:undo')).toMatchObject({ id: COMMITTED.importId }));
    await waitFor(() => expect(screen.queryByTestId('import-result')).toBeNull());
  });

  it('shows a progress bar with rows read, and cancels', async () => {
    const { core, emit } = setup();
    core.override('import:preview', () => PREVIEW);
    let reject: (err: unknown) => void = () => {};
    core.override('import:commit', () => new Promise<CommitResult>((_, r) => (reject = r)));
    core.override('import:cancel', ({ jobId }) => {
      reject(new AppError('CANCELLED', 'The import was cancelled; nothing was written.'));
      return { cancelled: jobId.length > 0 };
    });
    const { user } = renderApp('/import');
    await chooseFile(core, user);
    await user.click(screen.getByRole('combobox', { name: 'Date order for column D (Signed)' }));
    await user.click(await screen.findByRole('option', { name: 'Month first (12/31/2025)' }));
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await user.click(await screen.findByRole('button', { name: 'Import: 110 new, 5 updated' }));

    const status = await screen.findByRole('status');
    const jobId = core.lastCallTo('import:commit')!.jobId!;
    emit({ jobId, kind: 'import:commit', done: 60, total: 120, percent: 48.5 });
    emit({ jobId: 'someone-else', kind: 'import:commit', done: 1, total: 2, percent: 99 });
    await waitFor(() => expect(screen.getByTestId('job-rows').textContent).toBe('60 of 120 rows · 49%'));
    expect(within(status).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('48.5');

    await user.click(within(status).getByRole('button', { name: 'Cancel' }));
    expect(core.lastCallTo('import:cancel')).toEqual({ jobId });
    expect(await screen.findByText('Nothing was written.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  it('explains a refused file, and reads it again from the header row given', async () => {
    const { core } = setup();
    let calls = 0;
    core.override('import:inspect', (input) => {
      calls++;
      if (!input.headerRow) {
        throw new AppError('VALIDATION', 'No header row found in the first 50 rows.', {
          problem: 'no-header',
        });
      }
      return { ...INSPECTED, headerRow: input.headerRow, headerDetected: false };
    });
    const { user } = renderApp('/import');
    await user.click(screen.getByRole('button', { name: 'Choose a spreadsheet…' }));
    const alert = await screen.findByRole('alert', { name: 'The file cannot be imported as it is' });
    expect(alert.textContent).toContain('No header row found in the first 50 rows.');
    const input = within(alert).getByRole('textbox', { name: 'Header row' });
    await user.type(input, '4');
    await user.click(within(alert).getByRole('button', { name: 'Read from this row' }));
    await screen.findByRole('table', { name: 'Column mapping' });
    expect(calls).toBe(2);
    expect(core.lastCallTo('import:inspect')).toMatchObject({ headerRow: 4 });
  });

  it('saves the mapping as a preset and lists past imports with an undo', async () => {
    const { core } = setup();
    const record: ImportRecord = {
      id: 'imp-1',
      register: 'vendors',
      fileName: 'last-year.csv',
      sheet: null,
      headerRow: 1,
      mapping: {},
      options: { onDuplicate: 'skip', expandRegions: false },
      rows: 10,
      created: 9,
      updated: 0,
      merged: 0,
      skipped: 1,
      invalid: 0,
      actor: 'dana',
      createdAt: '2026-02-01T10:00:00.000Z',
      undoneAt: null,
      undoneBy: null,
    };
    core.override('import:list', ({ offset }) => ({ rows: [record], total: 1, offset }));
    core.override('import:presets:save', ({ name, mapping }) => ({
      name,
      register: 'vendors',
      mapping,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    }));
    core.override('import:undo', ({ id }) => ({
      importId: id,
      register: 'vendors',
      removed: 9,
      reverted: 0,
    }));
    const { user } = renderApp('/import');
    const history = await screen.findByRole('table', { name: 'Past imports' });
    expect(history.textContent).toContain('last-year.csv');
    expect(history.textContent).toContain('9 new, 0 updated, 0 merged, 1 skipped, 0 invalid');

    await chooseFile(core, user);
    await user.click(screen.getByRole('button', { name: 'Save mapping…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save this mapping' });
    await user.type(
      within(dialog).getByRole('textbox', { name: /Name of the mapping/ }),
      'Vendor portal export',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save mapping' }));
    await waitFor(() =>
      expect(core.lastCallTo('import:presets:save')).toEqual({
        register: 'vendors',
        name: 'Vendor portal export',
        mapping: {
          'Name of Subprocessor': 'name',
          Purpose: 'services',
          Location: 'processingCountries',
          Signed: 'dpaSignedAt',
          Helper: null,
        },
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Undo the import of last-year.csv' }));
    const confirm = await screen.findByRole('dialog', { name: 'Undo the import of last-year.csv?' });
    await user.click(within(confirm).getByRole('button', { name: 'Undo the import' }));
    await waitFor(() => expect(core.lastCallTo('import:undo')).toMatchObject({ id: 'imp-1' }));
  });
});

describe('export on the desktop', () => {
  it('asks where to save a PDF report, writes it there, and shows it in its folder', async () => {
    const { core } = setup();
    const saveId = 'save-0123456789abcdef';
    const picked: string[] = [];
    const shown: string[] = [];
    core.bridge.pickExportFile = async (name) => {
      picked.push(name);
      return { ok: true, value: { saveId, fileName: 'report.pdf' } };
    };
    core.bridge.showExportedFile = async (id) => {
      shown.push(id);
      return { ok: true, value: null };
    };
    core.override('export:run', () => ({
      file: '/home/dpo/Documents/report.pdf',
      sheets: { Vendors: 14, DPIAs: 1 },
      bytes: 81_920,
      downloadId: null,
    }));
    const { user } = renderApp('/import');
    await user.click(await screen.findByRole('radio', { name: /PDF report/ }));
    // A PDF covers the registers ticked; every one is, to start with.
    expect(screen.getByRole('checkbox', { name: 'Vendors' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const done = await screen.findByTestId('export-done');
    expect(picked[0]).toMatch(/^dpo-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(core.lastCallTo('export:run')).toMatchObject({
      format: 'pdf',
      layout: 'workbench',
      target: { saveId },
      includeArchived: false,
    });
    expect(done.textContent).toContain('report.pdf · 80 KB · Vendors 14, DPIAs 1');
    await user.click(within(done).getByRole('button', { name: 'Show in folder' }));
    expect(shown).toEqual([saveId]);
  });

  it('writes nothing when the save dialog is cancelled, and asks for one register as CSV', async () => {
    const { core } = setup();
    core.bridge.pickExportFile = async () => ({ ok: true, value: null });
    const { user } = renderApp('/import');
    await user.click(await screen.findByRole('radio', { name: /One register as CSV/ }));
    expect(screen.queryByRole('checkbox', { name: 'Vendors' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await waitFor(() => expect(core.callsTo('export:run')).toEqual([]));
    expect(screen.queryByTestId('export-done')).toBeNull();
  });
});
