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

/** The ICO's controller template: contact rows on top, the header on row 9, columns A–AD. */
const ICO_HEADER = [
  'Business function',
  'Purpose of processing',
  'Name and contact details of joint controller (if applicable)',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Names of third countries or international organisations that personal data are transferred to (if applicable)',
  'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
  'Retention schedule (if possible)',
  'General description of technical and organisational security measures (if possible)',
  'Article 6 lawful basis for processing personal data',
  'Article 9 condition for processing special category data',
  'Legitimate interests for the processing (if applicable)',
  'Link to record of legitimate interests assessment (if applicable)',
  'Rights available to individuals',
  'Existence of automated decision-making, including profiling (if applicable)',
  'The source of the personal data (if applicable)',
  'Link to record of consent',
  'Location of personal data',
  'Data Protection Impact Assessment required?',
  'Data Protection Impact Assessment progress',
  'Link to Data Protection Impact Assessment',
  'Has a personal data breach occurred?',
  'Link to record of personal data breach',
  'Data Protection Act 2018 Schedule 1 Condition for processing',
  'GDPR Article 6 lawful basis for processing',
  'Link to retention and erasure policy document',
  'Is personal data retained and erased in accordance with the policy document?',
  'Reasons for not adhering to policy document (if applicable)',
];

const row = (values: Record<number, string>) => ICO_HEADER.map((_, i) => values[i] ?? '');

describe('importing a record of processing', () => {
  it('reads the ICO template as it comes: header on row 9, no name column, retention per category', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'ropa.xlsx');
    await writeXlsx(path, [
      {
        name: 'Template',
        rows: [
          ['Name', 'Example AS'],
          ['Address', 'Oslo'],
          ['Email', 'privacy@example.com'],
          ['Telephone', ''],
          ['Name and contact details of our Data Protection Officer', 'DPO'],
          ['Name and contact details of our Representative', ''],
          [],
          [],
          ICO_HEADER,
          row({
            0: 'Finance',
            1: 'Invoicing customers',
            3: 'Customers',
            4: 'Name; Address; Payment details',
            5: 'Accountants; Tax authority',
            6: 'https://contracts.example.com/billing',
            9: 'Invoices: 10 years (Bookkeeping Act); Payment details: 3 years',
            10: 'Access control, encryption at rest',
            11: 'Legal obligation',
            16: 'No',
          }),
          row({
            0: 'HR',
            1: 'Sick leave',
            3: 'Employees',
            4: 'Health data',
            11: 'Legal obligation',
            12: 'Employment',
          }),
          row({
            0: 'Marketing',
            1: 'Newsletter',
            3: 'Subscribers',
            11: 'Consent',
            9: '2 years after the last opening',
          }),
          row({ 0: 'IT', 1: 'Security logging', 11: 'Because we can' }),
        ],
      },
    ]);
    // Given as a vendor list, it is recognised for what it is.
    const asVendors = await ok(core, 'import:inspect', { source: { path } });
    expect(asVendors.looksLike).toMatchObject({ register: 'activities', title: 'Processing activities' });
    expect(asVendors.warnings[0]).toMatch(/reads as processing activities rather than vendors/);
    const inspected = await ok(core, 'import:inspect', { source: { path }, register: 'activities' });
    expect(inspected.headerRow).toBe(9);
    expect(inspected.looksLike).toBeNull();
    const mapped = Object.fromEntries(
      inspected.columns.filter((c) => c.field).map((c) => [c.header, c.field]),
    );
    expect(mapped).toMatchObject({
      'Business function': 'businessFunction',
      'Purpose of processing': 'purposes',
      'Name and contact details of joint controller (if applicable)': 'jointController',
      'Categories of individuals': 'dataSubjects',
      'Categories of personal data': 'dataCategories',
      'Categories of recipients': 'recipients',
      'Retention schedule (if possible)': 'retention',
      'General description of technical and organisational security measures (if possible)':
        'securityMeasures',
      'Article 6 lawful basis for processing personal data': 'lawfulBasis',
      'Article 9 condition for processing special category data': 'art9Condition',
      'Legitimate interests for the processing (if applicable)': 'legitimateInterests',
      'Link to record of legitimate interests assessment (if applicable)': 'liaReference',
      'Existence of automated decision-making, including profiling (if applicable)': 'automatedDecisions',
      'The source of the personal data (if applicable)': 'dataSource',
    });
    // A link to a contract is not a vendor's name.
    expect(mapped['Link to contract with processor']).toBeUndefined();
    expect(inspected.warnings.join(' ')).not.toMatch(/map one column to "Processing activity"/);

    const request = {
      source: { path },
      register: 'activities' as const,
      sheet: inspected.sheet,
      headerRow: inspected.headerRow,
      columns: inspected.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    };
    const preview = await ok(core, 'import:preview', request);
    // An Art 9 condition or a lawful basis that cannot be read is left empty (kept in the notes, said as a
    // warning); the activity is still recorded.
    expect(preview.counts).toMatchObject({ rows: 4, created: 4, invalid: 0 });
    expect(
      preview.issues
        .filter((i) => i.severity === 'warning' && /Left empty/.test(i.message))
        .map((i) => [i.row, i.field]),
    ).toEqual([
      [11, 'art9Condition'],
      [13, 'lawfulBasis'],
    ]);
    const done = await ok(core, 'import:commit', request);
    expect(done.created).toBe(4);
    const list = (await ok(core, 'activities:list', { sort: { key: 'name', direction: 'asc' } })).rows;
    expect(list.map((a) => a.name)).toContain('Security logging');
    expect(list.find((a) => a.name === 'Security logging')).toMatchObject({ lawfulBasis: null });
    const billing = list.find((a) => a.name === 'Invoicing customers')!;
    expect(billing).toMatchObject({
      businessFunction: 'Finance',
      purposes: ['Invoicing customers'],
      lawfulBasis: 'legal-obligation',
      dataCategories: ['Name', 'Address', 'Payment details'],
      recipients: ['Accountants', 'Tax authority'],
      automatedDecisions: false,
      sourceKind: 'import',
    });
    expect(billing.retention).toEqual([
      { category: 'Invoices', period: '10 years', basis: 'Bookkeeping Act' },
      { category: 'Payment details', period: '3 years', basis: null },
    ]);
    expect(list.find((a) => a.name === 'Newsletter')!.retention).toEqual([
      { category: 'All personal data', period: '2 years after the last opening', basis: null },
    ]);
  });

  it('reads a register kept in the CNIL’s words, and links vendors named in a cell', async () => {
    const { dir, core } = setup();
    await ok(core, 'vendors:create', { name: 'Zendesk, Inc.' });
    await ok(core, 'vendors:create', { name: 'Intercom R&D Unlimited Company' });
    const path = join(dir, 'registre.xlsx');
    await writeXlsx(path, [
      {
        name: 'Registre',
        rows: [
          [
            'Nom du traitement',
            'Finalités',
            'Base légale',
            'Catégories de personnes concernées',
            'Catégories de données',
            'Données sensibles',
            'Durées de conservation',
            'Destinataires',
            'Sous-traitants',
            'Mesures de sécurité',
          ],
          [
            'Support client',
            'Répondre aux demandes',
            'Exécution du contrat',
            'Clients',
            'Identité; Messages',
            '',
            'Tickets : 2 ans',
            'Service client',
            'Zendesk, Inc.; Intercom R&D Unlimited Company',
            'Contrôle d’accès',
          ],
        ],
      },
    ]);
    const inspected = await ok(core, 'import:inspect', { source: { path }, register: 'activities' });
    expect(inspected.columns.map((c) => c.field)).toEqual([
      'name',
      'purposes',
      'lawfulBasis',
      'dataSubjects',
      'dataCategories',
      'specialCategories',
      'retention',
      'recipients',
      'vendors',
      'securityMeasures',
    ]);
    const done = await ok(core, 'import:commit', {
      source: { path },
      register: 'activities',
      sheet: inspected.sheet,
      headerRow: inspected.headerRow,
      columns: inspected.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    });
    expect(done.created).toBe(1);
    const a = (await ok(core, 'activities:list', {})).rows[0]!;
    expect(a).toMatchObject({
      name: 'Support client',
      lawfulBasis: 'contract',
      vendorNames: ['Zendesk, Inc.', 'Intercom R&D Unlimited Company'],
      retention: [{ category: 'Tickets', period: '2 ans', basis: null }],
    });
  });
});
