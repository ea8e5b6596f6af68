import { describe, expect, it } from 'vitest';
import {
  headerCandidates as candidatesFor,
  presetKey,
  suggestMapping as suggestFor,
  type ColumnForMatching,
} from '../../../shared/import/header-match';
import { importProfile } from '../../../shared/import/profile';
import {
  createRowMapper,
  mapRow,
  mergeFields,
  validateRow,
  type MappedColumn,
  type RowFields,
} from '../../../shared/import/row';
import type { CellValue } from '../../../shared/import/types';
import { registerByName } from '../../../shared/registers/index';
import { VendorInputSchema } from '../../../shared/domain/vendor';

// The import engine serves every register; these tests hold it to the vendor register's profile.
const profile = importProfile(registerByName('vendors')!);
type VendorImportField = string;
const headerCandidates = (h: string) => candidatesFor(profile, h);
const suggestMapping = (columns: ColumnForMatching[]) => suggestFor(profile, columns);
const mapVendorRow = (cells: CellValue[], columns: readonly MappedColumn[], o: { expandRegions: boolean }) =>
  mapRow(profile, cells, columns, o);
const validateVendorRow = (
  input: Record<string, unknown>,
  columns: readonly MappedColumn[],
  cells: CellValue[],
) => validateRow(profile, input, columns, cells);
const mergeVendorFields = (base: RowFields, incoming: RowFields, provided: string[]) =>
  mergeFields(profile, base, incoming, provided);

const top = (h: string) => headerCandidates(h)[0]?.field ?? null;

/** Each vocabulary of reference/register-templates.md: what a vendor import makes of its headers. */
const VOCABULARIES: Record<string, Record<string, VendorImportField | null>> = {
  'published sub-processor lists': {
    'Name of Subprocessor': 'name',
    'Sub-Processor': 'name',
    Subprocessor: 'name',
    Company: 'name',
    'Entity Name': 'name',
    Entity: 'name',
    Vendor: 'name',
    'Description of Processing': 'services',
    Purpose: 'services',
    'Purpose/Services': 'services',
    'Nature of Processing': 'services',
    'Processing Purpose': 'services',
    Service: 'services',
    'Location of Processing': 'processingCountries',
    Location: 'processingCountries',
    'Location(s)': 'processingCountries',
    Territories: 'processingCountries',
    Country: 'processingCountries',
    'Data Location': 'processingCountries',
    'Corporate Location': 'headquartersCountry',
    'Transfer mechanism': 'notes',
    Safeguards: 'notes',
    'Website & Contact Details': 'contact',
  },
  'French and German lists': {
    'Sous-traitant': 'name',
    Auftragsverarbeiter: 'name',
    Unterauftragsverarbeiter: 'name',
    Pays: 'processingCountries',
    Land: 'processingCountries',
    'Standort der Verarbeitung': 'processingCountries',
    Finalité: 'services',
    Zweck: 'services',
    Sitz: 'headquartersCountry',
    Risikostufe: 'riskRating',
  },
  'UK ICO record of processing (controller template)': {
    'Business function': null,
    'Purpose of processing': 'services',
    'Name and contact details of joint controller (if applicable)': null,
    'Categories of individuals': 'dataSubjectCategories',
    'Categories of personal data': 'dataCategories',
    'Categories of recipients': null,
    'Link to contract with processor': 'contractReference',
    'Names of third countries or international organisations that personal data are transferred to (if applicable)':
      'processingCountries',
    'Retention schedule (if possible)': null,
    'General description of technical and organisational security measures (if possible)': null,
    'Article 6 lawful basis for processing personal data': null,
    'Legitimate interests for the processing (if applicable)': null,
    'Rights available to individuals': null,
    'Link to record of consent': null,
    'Location of personal data': 'processingCountries',
    'Data Protection Impact Assessment required?': null,
    'Has a personal data breach occurred?': null,
    'GDPR Article 6 lawful basis for processing': null,
  },
  'CNIL registre': {
    "Nom de l'activité": null,
    'date de création': null,
    'responsable conjoint': null,
    'objectifs poursuivis': 'services',
    'catégories de personnes concernées': 'dataSubjectCategories',
    'catégories de données': 'dataCategories',
    'données sensibles': 'specialCategoryData',
    'durées de conservation': null,
    destinataires: null,
    'mesures de sécurité': null,
  },
  'CNPD worked example': {
    Finalité: 'services',
    'Catégories de personnes concernées': 'dataSubjectCategories',
    'Catégories de données traitées': 'dataCategories',
    'Catégories de destinataires': null,
    'Transferts vers des pays tiers': 'processingCountries',
    "Délais prévus pour l'effacement": null,
    'Mesures de sécurité': null,
  },
  'breach log and rights-request log (other registers: nothing is taken for a vendor)': {
    'What happened': null,
    'Discovered at': null,
    'Became aware at': null,
    'Risk assessment': null,
    'Date of request': null,
    'Type of request': null,
    'Identity confirmed': null,
    'Closure date': null,
  },
};

describe('header vocabulary', () => {
  for (const [name, headers] of Object.entries(VOCABULARIES)) {
    it(`maps the headers of ${name}`, () => {
      const got = Object.fromEntries(Object.keys(headers).map((h) => [h, top(h)]));
      expect(got).toEqual(headers);
    });
  }

  it('tolerates typos and stray punctuation', () => {
    expect(top('Subprocesor')).toBe('name');
    expect(top('  LOCATION(S) ')).toBe('processingCountries');
    expect(top('Sub-processor Name')).toBe('name');
  });

  it('keys presets so spacing, case and accents do not matter', () => {
    expect(presetKey('Pays de traitement ')).toBe(presetKey('PAYS DE TRAITEMENT'));
    expect(presetKey('Location (2)')).toBe(presetKey('location'));
  });
});

describe('suggested mapping', () => {
  it('checks the values: legal grounds are not a yes/no flag, dates are not a DPA status', () => {
    const s = suggestMapping([
      { column: 1, header: 'Vendor', samples: ['Acme'] },
      { column: 2, header: 'Sensitive data processed', samples: ['Art 9(2)(b)', 'Art 9(2)(h)'] },
      { column: 3, header: 'DPA signed', samples: [new Date('2024-01-01'), '2024-02-03'] },
      { column: 4, header: 'DPA signed (2)', samples: ['yes', 'no'] },
    ]);
    expect(s.map((x) => x.field)).toEqual(['name', null, 'dpaSignedAt', 'dpaStatus']);
  });

  it('keeps a header known word for word even when its values do not read, so each cell is reported', () => {
    const [country] = suggestMapping([{ column: 1, header: 'Country', samples: ['Narnia', 'Atlantis'] }]);
    expect(country).toMatchObject({ field: 'processingCountries', fit: 0 });
  });

  it('gives a one-column field to the best column only; lists take several', () => {
    const s = suggestMapping([
      { column: 1, header: 'Vendor', samples: [] },
      { column: 2, header: 'Vendor name', samples: [] },
      { column: 3, header: 'Processing location', samples: ['US'] },
      { column: 4, header: 'Data location', samples: ['DE'] },
    ]);
    expect(s.filter((x) => x.field === 'name')).toHaveLength(1);
    expect(s.filter((x) => x.field === 'processingCountries')).toHaveLength(2);
  });
});

const COLUMNS: MappedColumn[] = [
  { column: 1, header: 'Vendor', field: 'name' },
  { column: 2, header: 'Purpose', field: 'services' },
  { column: 3, header: 'Location', field: 'processingCountries' },
  { column: 4, header: 'Signed', field: 'dpaSignedAt' },
  { column: 5, header: 'Special', field: 'specialCategoryData' },
  { column: 6, header: 'Risk', field: 'riskRating' },
];

describe('a row mapped to a vendor', () => {
  it('reads each cell by its field and validates with the vendor schema', () => {
    const cells = [
      '  Acme&nbsp;Cloud ',
      '<p>Hosting</p><p>Backups</p>',
      'United States, Germany',
      '03.04.2024',
      '✓',
      'High',
    ];
    const r = mapVendorRow(cells, COLUMNS, { expandRegions: false });
    expect(r.issues).toEqual([]);
    const v = validateVendorRow(r.input, COLUMNS, cells);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.fields).toMatchObject({
      name: 'Acme Cloud',
      services: ['Hosting', 'Backups'],
      processingCountries: ['US', 'DE'],
      dpaSignedAt: '2024-04-03',
      specialCategoryData: true,
      riskRating: 'high',
    });
  });

  it('reads a name without the footnote mark after it', () => {
    for (const [cell, name] of [
      ['WorkOS, Inc.**', 'WorkOS, Inc.'],
      ['Acme Cloud¹', 'Acme Cloud'],
      ['Beta GmbH †', 'Beta GmbH'],
      ['C*Star Ltd', 'C*Star Ltd'],
    ]) {
      const r = mapVendorRow([cell!, null, null, null, null, null], COLUMNS, { expandRegions: false });
      expect(r.input.name).toBe(name);
    }
  });

  it('reads every row of one mapping alike, whether its column repeats its texts or never does', () => {
    const map = createRowMapper(profile, COLUMNS, { expandRegions: false });
    // Names never repeat (the column stops being remembered); countries and risks always do.
    for (let i = 0; i < 3_000; i++) {
      const r = map([`Vendor ${i} Ltd`, null, i % 2 ? 'Germany' : 'Narnia', null, null, 'High']);
      expect(r.input.name).toBe(`Vendor ${i} Ltd`);
      expect(r.input.riskRating).toBe('high');
      if (i % 2) expect(r.input.processingCountries).toEqual(['DE']);
      else expect(r.issues.map((x) => x.field)).toEqual(['processingCountries']);
    }
  });

  it('takes a DPA with a signing date as signed when the row gives no status, and never overrules one', () => {
    const withStatus: MappedColumn[] = [...COLUMNS, { column: 7, header: 'DPA', field: 'dpaStatus' }];
    const read = (signed: string | null, status: string | null) =>
      mapVendorRow(['Acme', null, null, signed, null, null, status], withStatus, { expandRegions: false });
    expect(
      mapVendorRow(['Acme', null, null, '2024-03-01'], COLUMNS, { expandRegions: false }).input,
    ).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: '2024-03-01' });
    expect(read('2024-03-01', null).input.dpaStatus).toBe('signed');
    // Not among the fields the row gives: an update leaves a stored status as it is.
    expect(read('2024-03-01', null).provided).not.toContain('dpaStatus');
    expect(read('2024-03-01', 'Expired').input.dpaStatus).toBe('expired');
    expect(read(null, null).input.dpaStatus).toBeUndefined();
    // A status that cannot be read is reported, not replaced by the date's reading.
    const unread = read('2024-03-01', 'perhaps');
    expect(unread.input.dpaStatus).toBeUndefined();
    expect(unread.issues.map((i) => i.field)).toEqual(['dpaStatus']);
    // A date that cannot be read implies nothing.
    expect(read('someday', null).input.dpaStatus).toBeUndefined();
  });

  it('reads a status and its date from one cell, and a column of the date its own wins', () => {
    const name: MappedColumn = { column: 1, header: 'Vendor', field: 'name' };
    const status: MappedColumn = { column: 2, header: 'DPA', field: 'dpaStatus' };
    const signed: MappedColumn = { column: 3, header: 'Signed', field: 'dpaSignedAt' };
    const cols = (order: 'status-first' | 'date-first'): MappedColumn[] =>
      order === 'status-first' ? [name, status, signed] : [name, signed, status];
    const o = { expandRegions: false };
    for (const order of ['status-first', 'date-first'] as const) {
      const r = mapVendorRow(['Acme', 'Signed 01.05.2023', '2023-06-30'], cols(order), o);
      expect(r.input).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: '2023-06-30' });
      const alone = mapVendorRow(['Acme', 'Signed 01.05.2023', null], cols(order), o);
      expect(alone.input).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: '2023-05-01' });
    }
    const read = (cell: string) => mapVendorRow(['Acme', cell, null], cols('status-first'), o);
    expect(read('Unterzeichnet am 15. März 2024').input).toMatchObject({ dpaSignedAt: '2024-03-15' });
    expect(read('Yes - signed').input).toMatchObject({ dpaStatus: 'signed' });
    expect(read('Yes - signed').issues).toEqual([]);
    // A negation is never read past; words that disagree read as nothing.
    expect(read('Not signed').input.dpaStatus).toBe('none');
    expect(read('Not yet signed').issues[0]).toMatchObject({ field: 'dpaStatus', severity: 'error' });
    expect(read('Signed expired').issues[0]).toMatchObject({ field: 'dpaStatus', severity: 'error' });
    expect(read('Expired 2022').issues[0]!.message).toMatch(/gives a year, not a date/);
    expect(read('Expired 2022').input).toMatchObject({
      dpaStatus: 'expired',
      notes: expect.stringMatching(/2022/),
    });
    // Words in brackets that say something else are said, the cell kept: never a quiet "Signed".
    for (const cell of ['Yes (expired 31.12.2022)', 'Yes (draft)', 'Yes (not countersigned)']) {
      const r = read(cell);
      expect(r.input).toMatchObject({ dpaStatus: 'signed', notes: `DPA as listed in the file: ${cell}` });
      expect(r.input.dpaSignedAt).toBeUndefined();
      expect(r.issues).toEqual([expect.objectContaining({ field: 'dpaStatus', severity: 'warning' })]);
    }
    // The end of a period is not the signing date: words that read as no status are said.
    for (const cell of ['Signed, valid until 31.12.2025', 'Valid (31.12.2025)']) {
      expect(read(cell).input.dpaSignedAt).toBeUndefined();
      expect(read(cell).issues[0]).toMatchObject({ field: 'dpaStatus' });
    }
    // A long cell is not read as words.
    expect(read(`Signed ${'é'.repeat(400)} 01.05.2023`).issues[0]).toMatchObject({ severity: 'error' });
  });

  it('reports each unreadable cell by column, field and reason', () => {
    const cells = ['Acme', null, 'Germany, Narnia', '03/04/2024', 'perhaps', 'spicy'];
    const r = mapVendorRow(cells, COLUMNS, { expandRegions: false });
    expect(r.issues.map((i) => [i.column, i.field, i.severity])).toEqual([
      ['Location', 'processingCountries', 'error'],
      ['Signed', 'dpaSignedAt', 'error'],
      ['Special', 'specialCategoryData', 'error'],
      ['Risk', 'riskRating', 'error'],
    ]);
    expect(r.issues[0]!.message).toContain('Narnia');
    expect(r.issues[1]!.message).toMatch(/3 April or 4 March|4 March or 3 April|choose the date order/);
  });

  it('flags regions, keeps the cell in the notes, and expands EU/EEA only when asked', () => {
    const flagged = mapVendorRow(['Acme', null, 'US/EU'], COLUMNS.slice(0, 3), { expandRegions: false });
    expect(flagged.input.processingCountries).toEqual(['US']);
    expect(flagged.issues).toHaveLength(1);
    expect(flagged.issues[0]).toMatchObject({ severity: 'warning', field: 'processingCountries' });
    expect(flagged.input.notes).toBe('Location as listed in the file: US/EU');

    const expanded = mapVendorRow(['Acme', null, 'US/EU'], COLUMNS.slice(0, 3), { expandRegions: true });
    expect(expanded.input.processingCountries as string[]).toHaveLength(28);
    expect(expanded.input.notes).toBeUndefined();

    const world = mapVendorRow(['Acme', null, 'Worldwide'], COLUMNS.slice(0, 3), { expandRegions: true });
    expect(world.input.processingCountries).toEqual([]);
    expect(world.issues[0]!.message).toMatch(/names no country/);
  });

  it('asks for a name when no column is mapped to it', () => {
    const v = validateVendorRow({}, [], []);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.issues[0]).toMatchObject({
        field: 'name',
        message: expect.stringMatching(/map a column to Name/),
      });
  });

  it('updates only the fields the row filled, adding to lists and never emptying', () => {
    const base = VendorInputSchema.parse({
      name: 'Acme',
      services: ['Hosting'],
      processingCountries: ['US'],
      riskRating: 'low',
      internalOwner: 'Dana',
    });
    const incoming = VendorInputSchema.parse({
      name: 'ACME',
      services: ['Backups'],
      processingCountries: ['DE'],
      riskRating: 'high',
    });
    const merged = mergeVendorFields(base, incoming, [
      'name',
      'services',
      'processingCountries',
      'riskRating',
    ]);
    expect(merged).toMatchObject({
      name: 'Acme',
      services: ['Hosting', 'Backups'],
      processingCountries: ['US', 'DE'],
      riskRating: 'high',
      internalOwner: 'Dana',
    });
  });
});
