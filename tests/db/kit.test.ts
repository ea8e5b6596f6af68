import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAuditLog } from '../../db/audit';
import { quietJob } from '../../db/import/job-context';
import { runImport } from '../../db/import/run-import';
import { openDatabase, type Db } from '../../db/open';
import { createRegisters } from '../../db/registers';
import { defineRegister, derived, type BaseRecord, type Register } from '../../shared/kit/define';
import { exportColumns } from '../../shared/kit/export';
import { bool, choice, countries, date, labels, text } from '../../shared/kit/fields';
import { sourceFields } from '../../shared/kit/source';
import { sql, sqlLiteral } from '../../shared/kit/sql';
import { importProfile } from '../../shared/import/profile';
import { suggestMapping } from '../../shared/import/header-match';
import type { ImportRequestParsed } from '../../shared/import/types';
import { tempDir } from '../helpers/core';
import { writeXlsx } from './import/fixtures';

/**
 * A small register declared here and nowhere else: a list of IT systems. Everything below comes from the kit
 * with no other code: schemas, list with filters, sort, search and paging, audit and history, archive and
 * restore, the import, and the export columns. Only its table is written by hand, as a migration would be.
 */
const fields = {
  name: text({
    label: 'System',
    required: true,
    message: 'A system needs a name.',
    sort: true,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 200 },
    form: { section: 'main', wide: true },
    import: { synonyms: { exact: ['system', 'application'], phrases: ['system name', 'application name'] } },
  }),
  kind: choice({
    label: 'Kind',
    options: [
      { value: 'saas', label: 'Cloud service', color: 'blue', words: ['cloud', 'software as a service'] },
      { value: 'onprem', label: 'On premises', color: 'gray', words: ['on-premise', 'local'] },
    ],
    default: 'saas',
    sort: true,
    filter: { kind: 'choice' },
    fts: 'other',
    form: { section: 'main' },
    import: { synonyms: { exact: ['kind', 'type'], phrases: ['hosting type'] } },
  }),
  locations: countries({
    label: 'Locations',
    filter: { kind: 'country' },
    fts: 'other',
    countryTable: { table: 'system_countries', idColumn: 'system_id' },
    form: { section: 'main' },
    import: { synonyms: { exact: ['location', 'country'], phrases: ['data location'] }, many: true },
  }),
  owners: labels({
    label: 'Owners',
    fts: 'column',
    filter: { kind: 'text' },
    form: { section: 'main' },
    import: { synonyms: { exact: ['owner', 'owners'], phrases: ['system owner'] } },
  }),
  critical: bool({
    label: 'Business critical',
    filter: { kind: 'yes-no', yes: 'Critical', no: 'Not critical' },
    form: { section: 'main' },
    import: { synonyms: { phrases: ['business critical', 'critical'] } },
  }),
  reviewOn: date({
    label: 'Review on',
    sort: true,
    form: { section: 'main' },
    import: { synonyms: { phrases: ['review date', 'next review'] } },
  }),
  ...sourceFields('main'),
};

const systems = defineRegister({
  name: 'systems',
  entity: 'system',
  table: 'systems',
  ftsTable: 'system_fts',
  title: 'Systems',
  noun: { one: 'system', other: 'systems' },
  description: 'The IT systems that hold personal data.',
  fields,
  sections: [{ id: 'main', legend: 'The system', cols: 2 }],
  derived: {
    reviewDue: derived({
      label: 'Review due',
      schema: z.boolean(),
      compute: (s: BaseRecord<typeof fields>, env) => s.reviewOn !== null && s.reviewOn < env.today,
      export: 'Review due',
      filter: {
        kind: 'yes-no',
        key: 'reviewDue',
        column: 'reviewOn',
        sql: (due: boolean, env) =>
          due
            ? sql`r.review_on < ${sqlLiteral(env.today)}`
            : sql`NOT (r.review_on IS NOT NULL AND r.review_on < ${sqlLiteral(env.today)})`,
      },
    }),
  },
  identity: {
    fields: ['name'],
    column: 'name_key',
    key: (s) => s.name.toLowerCase(),
    same: 'same name',
  },
  titleOf: (s) => s.name,
  detailOf: (s) => s.kind,
  defaultSort: { key: 'name', direction: 'asc' },
}) as unknown as Register;

const TABLE = `
  CREATE TABLE systems (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, name_key TEXT NOT NULL,
    kind TEXT NOT NULL, locations TEXT NOT NULL DEFAULT '[]', owners TEXT NOT NULL DEFAULT '[]',
    critical INTEGER NOT NULL DEFAULT 0, review_on TEXT,
    source_kind TEXT NOT NULL, source_detail TEXT,
    import_id TEXT, search_extra TEXT NOT NULL DEFAULT '', archived_at TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX systems_active ON systems(id) WHERE archived_at IS NULL;
  CREATE INDEX systems_archived ON systems(id) WHERE archived_at IS NOT NULL;
  CREATE INDEX systems_name ON systems(name, id) WHERE archived_at IS NULL;
  CREATE INDEX systems_kind ON systems(kind, id) WHERE archived_at IS NULL;
  CREATE INDEX systems_review_on ON systems(review_on, id) WHERE archived_at IS NULL;
  CREATE INDEX systems_created_at ON systems(created_at, id) WHERE archived_at IS NULL;
  CREATE INDEX systems_updated_at ON systems(updated_at, id) WHERE archived_at IS NULL;
  CREATE TABLE system_countries (country TEXT NOT NULL, system_id INTEGER NOT NULL,
    PRIMARY KEY (country, system_id)) STRICT, WITHOUT ROWID;
  CREATE VIRTUAL TABLE system_fts USING fts5(name, owners, other, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2');
`;

let cleanup = () => {};
afterEach(() => cleanup());

function setup() {
  const t = tempDir();
  cleanup = t.cleanup;
  const { db } = openDatabase(join(t.dir, 'kit.sqlite'));
  db.exec(TABLE);
  const audit = createAuditLog(db);
  const repos = createRegisters(db, audit, { registers: [systems] });
  // Each change a second later than the one before, as a person would make them.
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const ctx = { actor: 'tester', now: () => new Date((clock += 1000)) };
  const repo = repos.repoOf('systems');
  const make = (input: Record<string, unknown>) => repo.create(systems.schemas.input.parse(input), ctx);
  return { db, dir: t.dir, audit, repo, ctx, make, close: () => db.close() };
}

const query = (q: Record<string, unknown> = {}) =>
  systems.schemas.query.parse(q) as Parameters<ReturnType<typeof setup>['repo']['list']>[0];

describe('a register declared on the kit', () => {
  it('validates input with the schema its fields give', () => {
    const r = systems.schemas.input.safeParse({ name: ' ', locations: ['Germany', 'Narnia'] });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'locations.1']));
    expect(systems.schemas.input.parse({ name: 'CRM', locations: ['Germany'] })).toMatchObject({
      kind: 'saas',
      locations: ['DE'],
      critical: false,
      reviewOn: null,
    });
  });

  it('lists, filters, sorts, searches and pages in SQL, with its derived fact and its twin', () => {
    const s = setup();
    try {
      s.make({
        name: 'CRM',
        kind: 'saas',
        locations: ['US', 'DE'],
        owners: ['Sales'],
        reviewOn: '2026-01-01',
      });
      s.make({ name: 'Payroll', kind: 'onprem', locations: ['FR'], owners: ['HR'], critical: true });
      s.make({
        name: 'Wiki',
        kind: 'saas',
        locations: ['IE'],
        owners: ['IT', 'Sales'],
        reviewOn: '2027-01-01',
      });
      const names = (q: Record<string, unknown>) => s.repo.list(query(q), s.ctx).rows.map((r) => r.name);
      expect(names({})).toEqual(['CRM', 'Payroll', 'Wiki']);
      expect(names({ sort: { key: 'name', direction: 'desc' } })).toEqual(['Wiki', 'Payroll', 'CRM']);
      expect(names({ sort: { key: 'reviewOn', direction: 'asc' } })).toEqual(['Payroll', 'CRM', 'Wiki']);
      expect(names({ filters: { kind: ['saas'] } })).toEqual(['CRM', 'Wiki']);
      expect(names({ filters: { locations: ['DE'] } })).toEqual(['CRM']);
      expect(names({ filters: { critical: true } })).toEqual(['Payroll']);
      expect(names({ filters: { reviewDue: true } })).toEqual(['CRM']);
      expect(names({ filters: { text: { owners: 'sales' } } })).toEqual(['CRM', 'Wiki']);
      expect(names({ search: 'germany' })).toEqual(['CRM']);
      expect(names({ search: 'cloud service' })).toEqual(['CRM', 'Wiki']);
      expect(names({ search: 'sales', filters: { locations: ['IE'] } })).toEqual(['Wiki']);
      const page = s.repo.list(query({ offset: 1, limit: 1 }), s.ctx);
      expect([page.total, page.rows.map((r) => r.name)]).toEqual([3, ['Payroll']]);
      expect(s.repo.list(query({}), s.ctx).rows[0]!.reviewDue).toBe(true);
    } finally {
      s.close();
    }
  });

  it('keeps a bounded number of prepared list statements, however many filter shapes and days it serves', () => {
    const s = setup();
    try {
      s.make({ name: 'CRM', locations: ['US'] });
      const codes = [
        'US',
        'DE',
        'FR',
        'IE',
        'NL',
        'GB',
        'IN',
        'JP',
        'BR',
        'CA',
        'SE',
        'PL',
        'ES',
        'IT',
        'PT',
        'AT',
      ];
      for (let i = 0; i < 300; i++) {
        const locations = codes.filter((_, j) => (i >> (j % 9)) & 1).slice(0, 4);
        s.repo.list(
          query({ filters: { locations: locations.length ? locations : ['US'], reviewDue: i % 2 === 0 } }),
          s.ctx,
        );
      }
      expect(s.repo.preparedStatements).toBeLessThanOrEqual(200);
    } finally {
      s.close();
    }
  });

  it('audits every change, keeps the history, archives and restores without deleting', () => {
    const s = setup();
    try {
      const crm = s.make({ name: 'CRM', owners: ['Sales'] });
      s.repo.update(
        crm.id,
        { ...s.repo.fieldsOf(crm), owners: ['Sales', 'Marketing'] },
        s.ctx,
        crm.updatedAt,
      );
      s.repo.archive(crm.id, s.ctx);
      expect(s.repo.list(query({}), s.ctx).total).toBe(0);
      expect(s.repo.list(query({ archived: 'only' }), s.ctx).total).toBe(1);
      s.repo.restore(crm.id, s.ctx);
      const history = s.audit.history('system', crm.id).map((e) => [e.action, e.field]);
      expect(history).toEqual([
        ['restore', 'archived'],
        ['archive', 'archived'],
        ['update', 'owners'],
        ['create', null],
      ]);
      expect(s.audit.verify().ok).toBe(true);
      expect(() => s.repo.update(crm.id, s.repo.fieldsOf(crm), s.ctx, crm.updatedAt)).toThrow(
        /changed elsewhere/,
      );
      expect(s.repo.duplicates({ name: 'crm' })).toEqual([{ id: crm.id, name: 'CRM', reason: 'same name' }]);
    } finally {
      s.close();
    }
  });

  it('imports a spreadsheet through its profile, matching headers from its own vocabulary', async () => {
    const s = setup();
    try {
      const profile = importProfile(systems);
      const suggested = suggestMapping(profile, [
        { column: 1, header: 'Application name', samples: ['CRM'] },
        { column: 2, header: 'Hosting type', samples: ['Cloud'] },
        { column: 3, header: 'Data location', samples: ['Germany'] },
        { column: 4, header: 'System owner', samples: ['Sales'] },
      ]);
      expect(suggested.map((x) => x.field)).toEqual(['name', 'kind', 'locations', 'owners']);
      const file = join(s.dir, 'systems.xlsx');
      await writeXlsx(file, [
        {
          name: 'Systems',
          rows: [
            ['Application name', 'Hosting type', 'Data location', 'System owner'],
            ['CRM', 'Cloud', 'Germany, USA', 'Sales'],
            ['Payroll', 'local', 'France', 'HR'],
            ['Broken', 'Mainframe', 'France', 'IT'],
          ],
        },
      ]);
      const request = {
        source: { path: file },
        register: 'systems',
        sheet: 'Systems',
        headerRow: 1,
        columns: suggested.map((x, i) => ({
          column: x.column,
          header: ['Application name', 'Hosting type', 'Data location', 'System owner'][i]!,
          field: x.field,
        })),
        options: { onDuplicate: 'skip', expandRegions: false, strict: true },
      } as unknown as ImportRequestParsed;
      const params = { path: file, fileName: 'systems.xlsx', request, actor: 'tester', now: new Date() };
      // All or nothing: the unreadable kind makes its row invalid, and nothing is written.
      await expect(runImport(s.db as Db, params, 'commit', quietJob)).rejects.toThrow(/all or nothing/);
      expect(s.repo.list(query({}), s.ctx).total).toBe(0);
      // By default the system is imported with its kind left at the default, and the cell kept and said.
      request.options.strict = false;
      const result = await runImport(s.db as Db, params, 'commit', quietJob);
      expect([result.created, result.invalidRows]).toEqual([3, 0]);
      expect(result.warnings[0]).toMatchObject({ row: 4, field: 'kind' });
      const rows = s.repo.list(query({}), s.ctx).rows;
      expect(rows.map((r) => [r.name, r.kind, r.locations, r.sourceKind])).toEqual([
        ['Broken', 'saas', ['FR'], 'import'],
        ['CRM', 'saas', ['DE', 'US'], 'import'],
        ['Payroll', 'onprem', ['FR'], 'import'],
      ]);
    } finally {
      s.close();
    }
  });

  it('exports each field under its header, enums as labels, lists joined, derived facts as their own columns', () => {
    const s = setup();
    try {
      const crm = s.make({
        name: 'CRM',
        locations: ['US', 'DE'],
        owners: ['Sales', 'IT'],
        reviewOn: '2026-01-01',
      });
      const columns = exportColumns(systems);
      expect(columns.map((c) => c.header)).toEqual([
        'ID',
        'System',
        'Kind',
        'Locations',
        'Owners',
        'Business critical',
        'Review on',
        'Source',
        'Source detail',
        'Review due',
        'Archived',
        'Added (UTC)',
        'Last changed (UTC)',
      ]);
      const row = Object.fromEntries(columns.map((c) => [c.header, c.value(crm)]));
      expect(row).toMatchObject({
        Kind: 'Cloud service',
        Locations: 'United States of America (US); Germany (DE)',
        Owners: 'Sales; IT',
        'Business critical': 'No',
        'Review on': '2026-01-01',
        'Review due': 'Yes',
      });
    } finally {
      s.close();
    }
  });
});
