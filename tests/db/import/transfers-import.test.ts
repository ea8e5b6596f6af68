import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, testCore } from '../../helpers/core';
import { writeXlsx } from './fixtures';

let cleanup = () => {};
afterEach(() => cleanup());

function setup() {
  const t = testCore();
  cleanup = t.close;
  return t;
}

const HEADER = ['Sub-processor', 'Country', 'Transfer mechanism', 'Date signed', 'TIA', 'Notes'];

describe('importing a transfer list', () => {
  it('maps the usual headers, matches importers to vendors by name, reads mechanism words and reports the rest', async () => {
    const { dir, core } = setup();
    await ok(core, 'settings:update', { organisation: { name: 'Example AS', country: 'NO' } });
    for (const name of [
      'Zendesk, Inc.',
      'Intercom R&D Unlimited Company',
      'Acme Analytics',
      'Big Cloud Ltd',
      'Helpdesk Co',
    ])
      await ok(core, 'vendors:create', { name });
    const path = join(dir, 'transfers.xlsx');
    await writeXlsx(path, [
      {
        name: 'Transfers',
        rows: [
          ['International transfers register'],
          HEADER,
          ['Zendesk Inc', 'USA', 'Standard Contractual Clauses (Module 2)', '2024-03-01', 'Yes', ''],
          ['Intercom R&D Unlimited Company', 'United States', 'EU-U.S. DPF', '', 'n/a', ''],
          ['Acme Analytics', 'Japan', 'Adequacy decision', '', '', ''],
          ['Big Cloud Ltd', 'India', 'BCR', '', 'No', 'Group BCR-P approved by the CNIL'],
          ['Helpdesk Co', 'Canada', 'SCCs', '', '', ''],
          ['Unknown Vendor GmbH', 'US', 'SCCs 2021', '', '', ''],
          ['Acme Analytics', 'Brazil', 'Pinky promise', '', '', ''],
        ],
      },
    ]);
    const inspected = await ok(core, 'import:inspect', { source: { path }, register: 'transfers' });
    expect(inspected.headerRow).toBe(2);
    expect(inspected.columns.map((c) => c.field)).toEqual([
      'importer',
      'destinationCountry',
      'mechanism',
      'signedOn',
      'tia',
      'notes',
    ]);
    const request = {
      source: { path },
      register: 'transfers' as const,
      sheet: inspected.sheet,
      headerRow: inspected.headerRow,
      columns: inspected.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    };
    const preview = await ok(core, 'import:preview', request);
    // The importer is essential: a row naming no known vendor is invalid. A mechanism that cannot be read is left
    // empty (the transfer then reads as invalid until it is given), the cell kept in the notes.
    expect(preview.counts).toMatchObject({ rows: 7, created: 6, invalid: 1 });
    const errors = preview.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [8, 'importer', 'No vendor is named "Unknown Vendor GmbH".'],
    ]);
    const warnings = preview.issues.filter((i) => i.severity === 'warning');
    expect(warnings.map((w) => [w.row, w.field])).toEqual([
      [7, 'mechanism'],
      [9, 'mechanism'],
    ]);
    expect(warnings[0]!.message).toMatch(/version of the clauses is not given/);
    expect(warnings[1]!.message).toMatch(/^"Pinky promise" is not a transfer mechanism we know.*Left empty/);
    // The first rows name the importer as the register shows it, not by its record number.
    const first = preview.sample.find((r) => r.action === 'create')!;
    expect(typeof first.values.importer).toBe('number');
    expect(first.values.importerName).toEqual(expect.any(String));

    const committed = await ok(core, 'import:commit', request);
    expect([committed.created, committed.invalidRows]).toEqual([6, 1]);
    const rows = (await ok(core, 'transfers:list', { limit: 50, sort: { key: 'createdAt' } })).rows;
    expect(
      rows.map((t) => [
        t.importerName,
        t.destinationCountry,
        t.mechanism,
        t.sccModule,
        t.tia,
        t.validity.status,
      ]),
    ).toEqual([
      ['Zendesk, Inc.', 'US', 'scc-2021', 2, 'done', 'valid'],
      ['Intercom R&D Unlimited Company', 'US', 'dpf', null, 'not-required', 'invalid'],
      ['Acme Analytics', 'JP', 'adequacy', null, null, 'warning'],
      ['Big Cloud Ltd', 'IN', 'bcr', null, 'missing', 'warning'],
      ['Helpdesk Co', 'CA', 'scc-2021', null, null, 'warning'],
      // Brazil: covered by the adequacy decision the reference data holds, so no tool is needed.
      ['Acme Analytics', 'BR', 'none', null, null, 'valid'],
    ]);
    expect(rows.every((t) => t.exporterCountry === 'NO' && t.sourceKind === 'import')).toBe(true);

    const undone = await ok(core, 'import:undo', { id: committed.importId! });
    expect(undone).toMatchObject({ register: 'transfers', removed: 6 });
    expect((await ok(core, 'transfers:list', {})).total).toBe(0);
  });

  it('refuses a mapping without the importer, naming the field', async () => {
    const { dir, core } = setup();
    const path = join(dir, 't.xlsx');
    await writeXlsx(path, [{ name: 'T', rows: [['Country'], ['US']] }]);
    const r = await core.dispatch('import:preview', {
      source: { path },
      register: 'transfers',
      headerRow: 1,
      columns: [{ column: 1, header: 'Country', field: 'destinationCountry' }],
    });
    expect(!r.ok && r.error.message).toBe('Map one column to Importer: a transfer needs an importer.');
    const wrong = await core.dispatch('import:preview', {
      source: { path },
      register: 'transfers',
      headerRow: 1,
      columns: [{ column: 1, header: 'Country', field: 'processingCountries' }],
    });
    expect(!wrong.ok && wrong.error.message).toMatch(
      /"processingCountries" is not a field of the transfer import/,
    );
  });
});

describe('transfer imports and the organisation’s defaults', () => {
  it('an undo puts back an empty exporter country, even after the organisation got one', async () => {
    const { dir, core } = setup();
    const v = await ok(core, 'vendors:create', { name: 'Acme Cloud' });
    const before = await ok(core, 'transfers:create', {
      importer: v.id,
      destinationCountry: 'US',
      mechanism: 'scc-2021',
      sccModule: 2,
    });
    expect(before.exporterCountry).toBeNull();
    await ok(core, 'settings:update', { organisation: { name: 'Example AS', country: 'DE' } });
    const path = join(dir, 't.xlsx');
    await writeXlsx(path, [
      {
        name: 'T',
        rows: [
          ['Importer', 'Country', 'Notes'],
          ['Acme Cloud', 'US', 'from the sheet'],
        ],
      },
    ]);
    const done = await ok(core, 'import:commit', {
      source: { path },
      register: 'transfers',
      sheet: null,
      headerRow: 1,
      columns: [
        { column: 1, header: 'Importer', field: 'importer' },
        { column: 2, header: 'Country', field: 'destinationCountry' },
        { column: 3, header: 'Notes', field: 'notes' },
      ],
      options: { onDuplicate: 'update', expandRegions: false },
    });
    const merged = (await ok(core, 'transfers:get', { id: before.id })).transfer;
    expect(merged).toMatchObject({ notes: 'from the sheet', exporterCountry: 'DE' });
    await ok(core, 'import:undo', { id: done.importId! });
    const undone = (await ok(core, 'transfers:get', { id: before.id })).transfer;
    expect(undone).toMatchObject({ notes: null, exporterCountry: null });
  });

  it('reports a row whose importer and exporter are the same vendor, and imports the rest', async () => {
    const { dir, core } = setup();
    await ok(core, 'settings:update', { organisation: { name: 'Example AS', country: 'DE' } });
    await ok(core, 'vendors:create', { name: 'Acme Cloud' });
    await ok(core, 'vendors:create', { name: 'Other Co' });
    const path = join(dir, 't.xlsx');
    await writeXlsx(path, [
      {
        name: 'T',
        rows: [
          ['Importer', 'Country', 'Exporter'],
          ['Other Co', 'US', ''],
          ['Acme Cloud', 'US', 'Acme Cloud, Inc.'],
        ],
      },
    ]);
    const request = {
      source: { path },
      register: 'transfers' as const,
      sheet: null,
      headerRow: 1,
      columns: [
        { column: 1, header: 'Importer', field: 'importer' },
        { column: 2, header: 'Country', field: 'destinationCountry' },
        { column: 3, header: 'Exporter', field: 'exporter' },
      ],
    };
    const preview = await ok(core, 'import:preview', request);
    expect(preview.counts).toMatchObject({ created: 1, invalid: 1 });
    expect(preview.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 3,
          field: 'importer',
          message: 'The importer cannot also be the exporter.',
        }),
      ]),
    );
    const done = await ok(core, 'import:commit', request);
    expect(done).toMatchObject({ created: 1, invalidRows: 1 });
    expect(done.invalid).toEqual([
      { row: 3, field: 'importer', message: 'The importer cannot also be the exporter.' },
    ]);
  });

  it('names duplicate rows by the importer’s name, and an archived importer as archived', async () => {
    const { dir, core } = setup();
    await ok(core, 'settings:update', { organisation: { name: 'Example AS', country: 'DE' } });
    await ok(core, 'vendors:create', { name: 'Zendesk, Inc.' });
    const old = await ok(core, 'vendors:create', { name: 'Old Host Ltd' });
    await ok(core, 'vendors:archive', { id: old.id });
    const path = join(dir, 't.xlsx');
    await writeXlsx(path, [
      {
        name: 'T',
        rows: [
          ['Importer', 'Country'],
          ['Zendesk, Inc.', 'US'],
          ['Zendesk', 'US'],
          ['Old Host Ltd', 'US'],
        ],
      },
    ]);
    const preview = await ok(core, 'import:preview', {
      source: { path },
      register: 'transfers',
      sheet: null,
      headerRow: 1,
      columns: [
        { column: 1, header: 'Importer', field: 'importer' },
        { column: 2, header: 'Country', field: 'destinationCountry' },
      ],
    });
    expect(preview.duplicates.map((d) => d.name)).toEqual(['Zendesk, Inc. → United States of America']);
    expect(preview.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 4,
          field: 'importer',
          message: expect.stringMatching(
            /^The vendor named "Old Host Ltd" is archived \(id \d+\); restore it/,
          ),
        }),
      ]),
    );
  });
});
