import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRequest, InspectResult } from '../../../shared/import/types';
import { dpoInProcess } from '../../helpers/cli';
import { requestFrom, writeXlsx } from './fixtures';
import { ok, testCore } from '../../helpers/core';

// A procurement supplier list as colleagues keep it: section headings between groups, a total and a count at
// the bottom, a DPA status nobody standardised, a date spelt out, a "Signed" with no signing date.
const SUPPLIERS = [
  'Supplier,DPA status,DPA signed,Country,Services',
  'IT SERVICES,,,,',
  'Acme Cloud Ltd,Ask Legal,,Ireland,Hosting',
  'Beta Backup GmbH,Signed,"December 31st, 2025",Germany,Backups',
  'Gamma Mail AS,Signed,,Norway,Email',
  'MARKETING,,,,',
  'Delta Ads Inc.,None,,Atlantis,Advertising',
  ',Signed,2025-01-01,France,Orphan row',
  'Total,,,,4',
  'Number of suppliers: 4,,,,',
].join('\n');

let t: ReturnType<typeof testCore>;
let file: string;

async function request(extra: Partial<ImportRequest['options']> = {}): Promise<ImportRequest> {
  const inspected = await ok(t.core, 'import:inspect', { source: { path: file } });
  return requestFrom(file, inspected, {
    options: { onDuplicate: 'skip', expandRegions: false, strict: false, ...extra },
  });
}

/** Commits a file of a core of its own as its inspection maps it: duplicates skipped, regions flagged, lenient. */
/** Each vendor's website, by name. */
const websites = async (c: ReturnType<typeof testCore>) =>
  Object.fromEntries((await ok(c.core, 'vendors:list', {})).rows.map((v) => [v.name, v.website]));

const commitAsInspected = (c: ReturnType<typeof testCore>, path: string, i: InspectResult) =>
  ok(
    c.core,
    'import:commit',
    requestFrom(path, i, { options: { onDuplicate: 'skip', expandRegions: false, strict: false } }),
  );

beforeAll(() => {
  t = testCore();
  file = join(t.dir, 'suppliers.csv');
  writeFileSync(file, SUPPLIERS);
});
afterAll(() => t.close());

describe('an import of a real supplier list', () => {
  it('skips section, total and count rows, and says so', async () => {
    const inspected = await ok(t.core, 'import:inspect', { source: { path: file } });
    expect(inspected.rowCount).toBe(5);
    expect(inspected.warnings.join('\n')).toMatch(/4 rows head a section or give a total/);
  });

  it('imports a vendor with a usable name although some cells cannot be read, and keeps those cells', async () => {
    const strict = await t.core.dispatch('import:commit', await request({ strict: true }));
    expect(!strict.ok && strict.error).toMatchObject({ code: 'VALIDATION' });
    expect(!strict.ok && strict.error.message).toMatch(/Nothing was imported \(all or nothing\)/);
    expect((await ok(t.core, 'vendors:list', {})).total).toBe(0);

    const r = await ok(t.core, 'import:commit', await request());
    expect(r).toMatchObject({ rows: 5, created: 4, invalidRows: 1 });
    expect(r.invalid).toEqual([expect.objectContaining({ row: 8, field: 'name' })]);
    const byName = async (name: string) => {
      const list = await ok(t.core, 'vendors:list', { search: name });
      return list.rows.find((v) => v.name === name)!;
    };
    const acme = await byName('Acme Cloud Ltd');
    expect(acme).toMatchObject({ dpaStatus: 'none', processingCountries: ['IE'] });
    expect(acme.notes).toMatch(/DPA status \(not read\): Ask Legal/);
    // "Signed" without a date is signed, its date not known: never a false "No DPA".
    const gamma = await byName('Gamma Mail AS');
    expect(gamma).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: null, processingCountries: ['NO'] });
    expect(gamma.notes).toBeNull();
    const delta = await byName('Delta Ads Inc.');
    expect(delta.processingCountries).toEqual([]);
    expect(delta.notes).toMatch(/Country \(not read\): Atlantis/);
    const said = r.warnings.map((w) => `${w.row} ${w.field} ${w.message}`).join('\n');
    expect(said).toMatch(/^3 dpaStatus .*Left empty; the cell is kept in the notes\./m);
    expect(said).not.toMatch(/^5 /m);
    expect(said).toMatch(/^7 processingCountries .*Atlantis.*Left empty/m);
    expect(said).toMatch(/^2 .*heads a section/m);
    expect(said).toMatch(/^9 .*total or a count/m);
  });

  it('reads a status with its date in one cell: the date where that status keeps it, never guessed', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'dated.csv');
      writeFileSync(
        path,
        [
          'Supplier,DPA,Country',
          'Epsilon Pay BV,Signed on 1 May 2023,Netherlands',
          'Zeta Chat Oy,Expired (2024-12-31),Finland',
          'Eta Docs SL,Yes - signed 12/03/2023,Spain',
          'Theta Print Ltd,Included in T&Cs,Ireland',
          'Iota HR AB,Draft 2023-01-01,Sweden',
        ].join('\n'),
      );
      const r = await commitAsInspected(c, path, await ok(c.core, 'import:inspect', { source: { path } }));
      expect(r).toMatchObject({ created: 5, invalidRows: 0 });
      const rows = (await ok(c.core, 'vendors:list', {})).rows;
      const of = (name: string) => rows.find((v) => v.name === name)!;
      expect(of('Epsilon Pay BV')).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: '2023-05-01' });
      expect(of('Zeta Chat Oy')).toMatchObject({ dpaStatus: 'expired', dpaExpiresAt: '2024-12-31' });
      expect(of('Theta Print Ltd')).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: null });
      expect(of('Eta Docs SL')).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: null });
      expect(of('Eta Docs SL').notes).toBe('DPA as listed in the file: Yes - signed 12/03/2023');
      expect(of('Iota HR AB')).toMatchObject({ dpaStatus: 'draft', dpaSignedAt: null });
      const said = r.warnings.map((w) => `${w.row} ${w.message}`).join('\n');
      expect(said).toMatch(/^4 .*could be 12 March or 3 December.*the date was not taken/m);
      expect(said).toMatch(/^6 .*DPA status "Draft" has no date of its own/m);
    } finally {
      c.close();
    }
  });

  it('reads the dates of a status column in the order its cells prove, or the one chosen', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'ordered.csv');
      writeFileSync(
        path,
        [
          'Supplier,DPA,Country',
          'Kappa Mail AS,Signed 05/01/2023,Norway',
          'Lambda CRM BV,Signed 25/01/2023,Netherlands',
        ].join('\n'),
      );
      const inspected = await ok(c.core, 'import:inspect', { source: { path } });
      expect(inspected.columns[1]).toMatchObject({ field: 'dpaStatus', dateOrder: 'dmy' });
      // Statuses with their dates read as statuses: no doubt cast on the mapping.
      expect(inspected.warnings.join(' ')).not.toContain('Most values');
      // As the mapping sends it: the order the column proved.
      const proven = requestFrom(path, inspected, {
        options: { onDuplicate: 'skip', expandRegions: false, strict: false },
      });
      proven.columns[1]!.dateOrder = 'dmy';
      await ok(c.core, 'import:commit', proven);
      const rows = (await ok(c.core, 'vendors:list', {})).rows;
      expect(rows.find((v) => v.name === 'Kappa Mail AS')).toMatchObject({ dpaSignedAt: '2023-01-05' });
      // Dates that read either way: the order is asked for, like a date column's, and the chosen one is used.
      const unsure = join(c.dir, 'unsure.csv');
      writeFileSync(unsure, 'Supplier,DPA,Country\nMu Docs SL,Signed 05/01/2023,Spain\n');
      const asked = await ok(c.core, 'import:inspect', { source: { path: unsure } });
      expect(asked.columns[1]!.dateOrder).toBe('ambiguous');
      expect(asked.warnings.join(' ')).toContain('The dates in "DPA" could be day-first or month-first');
      const request = requestFrom(unsure, asked, {
        options: { onDuplicate: 'skip', expandRegions: false, strict: false },
      });
      request.columns = request.columns.map((col) =>
        col.field === 'dpaStatus' ? { ...col, dateOrder: 'mdy' } : col,
      );
      await ok(c.core, 'import:commit', request);
      const mu = (await ok(c.core, 'vendors:list', { search: 'Mu Docs' })).rows[0]!;
      expect(mu).toMatchObject({ dpaStatus: 'signed', dpaSignedAt: '2023-05-01' });
    } finally {
      c.close();
    }
  });

  it('reads the legal entity a name gives in brackets, and keeps two entities of one brand apart', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'brands.csv');
      writeFileSync(
        path,
        [
          'Sub-processor,Purpose,Location',
          'Atlassian (Atlassian Pty Ltd),Ticketing,Australia',
          'Atlassian (Atlassian B.V.),Ticketing,Netherlands',
          '"Zendesk, Inc. (Zendesk)",Support,United States',
          '"Cloudflare, Inc. (CDN)",Delivery,United States',
        ].join('\n'),
      );
      const inspected = await ok(c.core, 'import:inspect', { source: { path } });
      expect(inspected.warnings).toContain(
        'Cells of "Sub-processor" such as "Atlassian (Atlassian Pty Ltd)" also give the legal entity: taken from them.',
      );
      const r = await commitAsInspected(c, path, inspected);
      expect(r).toMatchObject({ created: 4, merged: 0 });
      const rows = (await ok(c.core, 'vendors:list', {})).rows.map((v) => [v.name, v.legalEntity]);
      expect(rows).toEqual(
        expect.arrayContaining([
          ['Atlassian', 'Atlassian Pty Ltd'],
          ['Atlassian', 'Atlassian B.V.'],
          ['Zendesk', 'Zendesk, Inc.'],
          ['Cloudflare, Inc. (CDN)', null],
        ]),
      );
    } finally {
      c.close();
    }
  });

  it('takes a vendor’s website from the link on its name, in a workbook or a table pasted from a web page', async () => {
    const c = testCore();
    try {
      const xlsx = join(c.dir, 'linked.xlsx');
      await writeXlsx(xlsx, [
        {
          name: 'Subprocessors',
          rows: [
            ['Sub-processor', 'Location', 'Privacy policy'],
            [
              { text: 'Zendesk, Inc.', hyperlink: 'https://www.zendesk.com/' },
              'United States',
              { text: 'Policy', hyperlink: 'https://www.zendesk.com/company/privacy/' },
            ],
            [{ text: 'Twilio Inc.', hyperlink: 'https://www.twilio.com/' }, 'United States', null],
            [{ text: 'Acme Ltd', hyperlink: 'mailto:dpo@acme.example' }, 'Ireland', null],
            [
              { text: 'Müller GmbH', hyperlink: 'https://müller.example/datenschutzerklärung' },
              'Germany',
              null,
            ],
            // A register linking each vendor to its DPA on a file share: not a website.
            [
              { text: 'Omega AS', hyperlink: 'https://acme.sharepoint.com/sites/legal/DPA-Omega.pdf' },
              'Norway',
              null,
            ],
            // An address shown in the cell is kept; its link is a mail filter's wrapper.
            [
              'Sigma BV',
              'Netherlands',
              {
                text: 'https://sigma.example/',
                hyperlink:
                  'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fsigma.example%2F',
              },
            ],
          ],
        },
      ]);
      await commitAsInspected(c, xlsx, await ok(c.core, 'import:inspect', { source: { path: xlsx } }));
      const md = join(c.dir, 'pasted.md');
      writeFileSync(
        md,
        [
          '| Sub-processor | Location |',
          '|---|---|',
          '| [Stripe, Inc.](https://stripe.com) | United States |',
          '| Hetzner Online GmbH | Germany |',
          '| [Mollie B.V.](<https://www.mollie.com/> "Mollie payments") | Netherlands |',
        ].join('\n'),
      );
      await commitAsInspected(c, md, await ok(c.core, 'import:inspect', { source: { path: md } }));
      expect(await websites(c)).toEqual({
        // The column labelling its link gives the link's address, and wins over the name's link.
        'Zendesk, Inc.': 'https://www.zendesk.com/company/privacy/',
        'Twilio Inc.': 'https://www.twilio.com/',
        // Only web addresses.
        'Acme Ltd': null,
        'Müller GmbH': 'https://müller.example/datenschutzerklärung',
        'Omega AS': null,
        'Sigma BV': 'https://sigma.example/',
        'Stripe, Inc.': 'https://stripe.com',
        'Hetzner Online GmbH': null,
        'Mollie B.V.': 'https://www.mollie.com/',
      });
    } finally {
      c.close();
    }
  });

  it('takes a website from a =HYPERLINK() formula on the name, written in it or in a cell of its row', async () => {
    const c = testCore();
    try {
      const xlsx = join(c.dir, 'formulas.xlsx');
      await writeXlsx(xlsx, [
        {
          name: 'Vendors',
          rows: [
            ['Vendor', 'Country', 'Ref'],
            [
              { formula: 'HYPERLINK("https://www.atlassian.com/","Atlassian")', result: 'Atlassian' },
              'Australia',
              null,
            ],
            [{ formula: 'HYPERLINK(C3,"Slack")', result: 'Slack' }, 'United States', 'https://slack.com/'],
            // Another row's cell, an address the formula builds, and a file on a share: none is taken.
            [{ formula: 'HYPERLINK(C2,"Miro")', result: 'Miro' }, 'Netherlands', null],
            [
              { formula: 'HYPERLINK("https://"&C5,"Notion")', result: 'Notion' },
              'United States',
              'notion.so',
            ],
            [
              {
                formula: 'HYPERLINK("https://acme.sharepoint.com/sites/legal/DPA-Okta.pdf","Okta")',
                result: 'Okta',
              },
              'United States',
              null,
            ],
          ],
        },
      ]);
      const inspected = await ok(c.core, 'import:inspect', { source: { path: xlsx } });
      const request = requestFrom(xlsx, inspected);
      request.columns = request.columns.map((col) => (col.header === 'Ref' ? { ...col, field: null } : col));
      await ok(c.core, 'import:commit', request);
      expect(await websites(c)).toEqual({
        Atlassian: 'https://www.atlassian.com/',
        Slack: 'https://slack.com/',
        Miro: null,
        Notion: null,
        Okta: null,
      });
    } finally {
      c.close();
    }
  });

  it('records no import when the file changes nothing, and says so', async () => {
    const before = (await ok(t.core, 'import:list', { limit: 50 })).rows.length;
    const again = await ok(t.core, 'import:commit', await request());
    expect(again).toMatchObject({ importId: null, created: 0, skipped: 4 });
    expect(again.duplicates).toHaveLength(4);
    expect((await ok(t.core, 'import:list', { limit: 50 })).rows.length).toBe(before);
  });
});

describe('dpo import says what it did', () => {
  it('exits 4 when rows were left out, and 0 with "Nothing changed" on the same file again', async () => {
    const db = join(t.dir, 'cli.sqlite');
    const first = await dpoInProcess('import', file, '--db', db);
    expect(first.code).toBe(4);
    expect(first.stderr).toMatch(/1 of 5 rows were left out/);
    expect(first.stdout).toMatch(/note: 4 rows head a section or give a total/);
    expect(first.stdout).toMatch(/row 7, processingCountries: .*Atlantis/);
    // Again: the four vendors are there already, the orphan row still has no name: nothing could be imported.
    const again = await dpoInProcess('import', file, '--json', '--db', db);
    expect(again.code).toBe(1);
    const json = JSON.parse(again.stdout) as {
      importId: string | null;
      duplicates: unknown[];
      inspection: unknown;
    };
    expect(json.importId).toBeNull();
    expect(json.duplicates).toHaveLength(4);
    expect(json.inspection).toMatchObject({ headerRow: 1 });
    const clean = join(t.dir, 'clean.csv');
    writeFileSync(clean, 'Name,Country\nOmega Ltd,France\n');
    expect((await dpoInProcess('import', clean, '--db', db)).code).toBe(0);
    const same = await dpoInProcess('import', clean, '--db', db);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/Nothing changed/);
  });
});

describe('two legal entities of one group', () => {
  it('are two vendors, in the file and against the register; a name without its legal form is matched and said', async () => {
    const c = testCore();
    try {
      await ok(c.core, 'vendors:create', { name: 'Slack Technologies, LLC', processingCountries: ['US'] });
      const path = join(c.dir, 'entities.csv');
      writeFileSync(
        path,
        [
          'Vendor,Legal entity,Country',
          'Atlassian Pty Ltd,,Australia',
          'Atlassian B.V.,,Netherlands',
          'Zendesk,,United States',
          'Zendesk Inc.,,United States',
          'Slack Technologies Limited,,Ireland',
          'Amazon Web Services,Amazon Web Services EMEA SARL,Luxembourg',
          'Amazon Web Services,"Amazon Web Services, Inc.",United States',
        ].join('\n'),
      );
      const inspected = await ok(c.core, 'import:inspect', { source: { path } });
      const r = await ok(
        c.core,
        'import:commit',
        requestFrom(path, inspected, {
          options: { onDuplicate: 'skip', expandRegions: false, strict: false },
        }),
      );
      expect(r).toMatchObject({ rows: 7, created: 6, skipped: 1 });
      const names = (await ok(c.core, 'vendors:list', { limit: 50 })).rows.map((v) => v.name).sort();
      expect(names).toEqual([
        'Amazon Web Services',
        'Amazon Web Services',
        'Atlassian B.V.',
        'Atlassian Pty Ltd',
        'Slack Technologies Limited',
        'Slack Technologies, LLC',
        'Zendesk',
      ]);
      const said = r.warnings.map((w) => `${w.row} ${w.message}`).join('\n');
      expect(said).toMatch(/^3 Not merged with row 2 \(Atlassian Pty Ltd\): different legal forms/m);
      expect(said).toMatch(/^5 Taken as the same company as row 4 \(Zendesk\)/m);
      expect(said).toMatch(
        /^6 Not merged with the register's Slack Technologies, LLC: different legal forms/m,
      );
      expect(said).toMatch(/^8 Not merged with row 7 \(Amazon Web Services\): different legal entities/m);
    } finally {
      c.close();
    }
  });
});

describe('an unsure duplicate', () => {
  it('is asked about in the preview and the result, and kept apart when the user says it is another company', async () => {
    const c = testCore();
    try {
      await ok(c.core, 'vendors:create', { name: 'Globex Corporation', processingCountries: ['US'] });
      const path = join(c.dir, 'unsure.csv');
      writeFileSync(
        path,
        ['Vendor,Country', 'Globex,United States', 'Initech,Germany', 'Initech GmbH,Germany'].join('\n'),
      );
      const inspected = await ok(c.core, 'import:inspect', { source: { path } });
      const request = (apart: number[]) =>
        requestFrom(path, inspected, {
          options: { onDuplicate: 'skip', expandRegions: false, strict: false, apart },
        });
      const asked = await ok(c.core, 'import:preview', request([]));
      expect(asked.unsure).toEqual([
        {
          row: 2,
          name: 'Globex',
          sameAs: "the register's Globex Corporation",
          reason: 'one name gives a legal form, the other none',
        },
        {
          row: 4,
          name: 'Initech GmbH',
          sameAs: 'row 3 (Initech)',
          reason: 'one name gives a legal form, the other none',
        },
      ]);
      expect(asked.counts).toMatchObject({ created: 1, skipped: 2 });
      // Row 2 is another company; row 4 is the same as row 3.
      const answered = await ok(c.core, 'import:preview', request([2]));
      expect(answered.unsure.map((q) => q.row)).toEqual([4]);
      expect(answered.counts).toMatchObject({ created: 2, skipped: 1 });
      const r = await ok(c.core, 'import:commit', request([2]));
      expect(r).toMatchObject({ created: 2, skipped: 1 });
      expect(r.unsure.map((q) => q.row)).toEqual([4]);
      expect(r.warnings.map((w) => `${w.row} ${w.message}`).join('\n')).toMatch(
        /^2 Not merged with the register's Globex Corporation: you said they are different companies/m,
      );
      const names = (await ok(c.core, 'vendors:list', { limit: 50 })).rows.map((v) => v.name).sort();
      expect(names).toEqual(['Globex', 'Globex Corporation', 'Initech']);
      // At the command line: the question is printed with the option that answers it.
      const db = join(c.dir, 'cli-unsure.sqlite');
      const asking = await dpoInProcess('import', path, '--dry-run', '--db', db);
      expect(asking.stdout).toMatch(
        /Same company\? \(1\):\n {2}row 4, Initech GmbH: taken as row 3 \(Initech\)/,
      );
      expect(asking.stdout).toMatch(/import with --apart 4 /);
      const apart = await dpoInProcess('import', path, '--apart', '4', '--json', '--db', db);
      expect(apart.code).toBe(0);
      expect(JSON.parse(apart.stdout)).toMatchObject({ created: 3, unsure: [] });
      expect((await dpoInProcess('import', path, '--apart', 'x', '--db', db)).code).toBe(2);
    } finally {
      c.close();
    }
  });
});

describe('headers in two rows', () => {
  it('reads a header under its group, and a header merged over two columns as the name and the legal entity', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'grouped.xlsx');
      await writeXlsx(path, [
        {
          name: 'Suppliers',
          rows: [
            ['Vendor', null, null, 'DPA', null, 'Where'],
            ['Sub-processor', null, 'Status', 'Status', 'Signed', 'Location'],
            ['Acme', 'Acme Cloud Ltd', 'Active', 'Signed', '2025-01-31', 'USA'],
            ['Beta', 'Beta Backup GmbH', 'Active', 'Requested', null, 'Germany'],
          ],
          merges: ['A1:C1', 'D1:E1', 'A2:B2'],
        },
      ]);
      const i = await ok(c.core, 'import:inspect', { source: { path } });
      expect(i.headerRow).toBe(2);
      expect(i.columns.map((x) => x.field)).toEqual([
        'name',
        'legalEntity',
        'status',
        'dpaStatus',
        'dpaSignedAt',
        'processingCountries',
      ]);
    } finally {
      c.close();
    }
  });
});

describe('a list pasted from a web page as a markdown table', () => {
  it('reads the cells between the pipes, skips the rule, a heading and a second table’s header, and unwraps links', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'subprocessors.txt');
      writeFileSync(
        path,
        [
          '## Subprocessors',
          '',
          '| Name of Subprocessor | Description of Processing | Location of Processing | Corporate Location |',
          '|:---|:---|:---|:---|',
          '| [Automattic](https://automattic.com) | Blogging service | United States | United States |',
          '| **Braintree (PayPal)** | Payment processing | United States | United States |',
          '| Zendesk | Customer support | EU (Frankfurt) | United States |',
          '',
          '## Subsidiaries',
          '',
          '|Name of Subsidiary|Description of Processing|Location of Processing|Corporate Location|',
          '|---|---|---|---|',
          '|Example B.V.|Customer support|Netherlands|Netherlands|',
        ].join('\n'),
      );
      const i = await ok(c.core, 'import:inspect', { source: { path } });
      expect(i.headerRow).toBe(3);
      expect(i.columns.map((x) => x.field)).toEqual([
        'name',
        'services',
        'processingCountries',
        'headquartersCountry',
      ]);
      expect(i.warnings.join('\n')).toMatch(/1 row repeats the column headers/);
      const r = await commitAsInspected(c, path, i);
      expect(r).toMatchObject({ created: 4, invalidRows: 0 });
      const said = r.warnings.map((w) => `${w.row} ${w.message}`).join('\n');
      expect(said).toMatch(/^9 This row heads a section/m);
      expect(said).toMatch(/^11 This row repeats the column headers/m);
      const names = (await ok(c.core, 'vendors:list', {})).rows.map((v) => v.name).sort();
      expect(names).toEqual(['Automattic', 'Braintree (PayPal)', 'Example B.V.', 'Zendesk']);
      const zendesk = (await ok(c.core, 'vendors:list', { search: 'Zendesk' })).rows[0]!;
      expect(zendesk).toMatchObject({ processingCountries: ['DE'], headquartersCountry: 'US' });
    } finally {
      c.close();
    }
  });

  it('skips the labels that head each group of a published list, not a company with only its name', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'groups.csv');
      writeFileSync(
        path,
        [
          'Sub-processor,Purpose,Location',
          'Infrastructure sub-processors,,',
          'Amazon Web Services Inc.,Hosting,United States',
          'European Union:,,',
          'Hetzner Online GmbH,Hosting,Germany',
          'Acme Processors Ltd,,',
          'Number of sub-processors: 3,,',
        ].join('\n'),
      );
      const i = await ok(c.core, 'import:inspect', { source: { path } });
      expect(i.rowCount).toBe(3);
      const r = await commitAsInspected(c, path, i);
      expect(r).toMatchObject({ created: 3, invalidRows: 0 });
      expect(r.warnings.map((w) => `${w.row} ${w.message}`)).toEqual([
        '2 This row heads a section of the list, not a vendor; it was skipped.',
        '4 This row heads a section of the list, not a vendor; it was skipped.',
        '7 This row is a total or a count, not a record; it was skipped.',
      ]);
    } finally {
      c.close();
    }
  });

  it('gives the rows of a group the countries its heading names, when they name none, and says so', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'by-place.csv');
      writeFileSync(
        path,
        [
          'Sub-processor,Purpose,Location',
          'These sub-processors are located in the United States:,,',
          'Acme Cloud Inc.,Hosting,',
          'Beta Mail GmbH,Email,Germany',
          'European Union:,,',
          'Gamma Analytics SAS,Analytics,',
          'Ireland:,,',
          'Delta Support Ltd,Support,',
        ].join('\n'),
      );
      const i = await ok(c.core, 'import:inspect', { source: { path } });
      const r = await commitAsInspected(c, path, i);
      expect(r).toMatchObject({ created: 4, invalidRows: 0 });
      const where = Object.fromEntries(
        (await ok(c.core, 'vendors:list', {})).rows.map((v) => [v.name, v.processingCountries]),
      );
      // A row's own location wins; a heading naming a region gives nothing (nothing is guessed).
      expect(where).toEqual({
        'Acme Cloud Inc.': ['US'],
        'Beta Mail GmbH': ['DE'],
        'Gamma Analytics SAS': [],
        'Delta Support Ltd': ['IE'],
      });
      const said = r.warnings.map((w) => `${w.row} ${w.message}`).join('\n');
      expect(said).toMatch(/^3 Processing countries taken from the heading in row 2\.$/m);
      expect(said).toMatch(/^8 Processing countries taken from the heading in row 7\.$/m);
      expect(r.warnings).not.toContainEqual(
        expect.objectContaining({ row: 4, field: 'processingCountries' }),
      );
    } finally {
      c.close();
    }
  });

  it('skips a header repeated down a CSV (a list pasted from several pages)', async () => {
    const c = testCore();
    try {
      const path = join(c.dir, 'pages.csv');
      writeFileSync(
        path,
        [
          'Vendor,Country,Service',
          'Acme,Ireland,Hosting',
          'Vendor,Country,Service',
          'Beta,Germany,Email',
        ].join('\n'),
      );
      const i = await ok(c.core, 'import:inspect', { source: { path } });
      expect(i.rowCount).toBe(2);
      const r = await commitAsInspected(c, path, i);
      expect(r).toMatchObject({ created: 2, invalidRows: 0 });
      expect(r.warnings).toEqual([
        expect.objectContaining({ row: 3, message: expect.stringMatching(/repeats the column headers/) }),
      ]);
    } finally {
      c.close();
    }
  });
});
