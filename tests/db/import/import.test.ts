import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../db/core';
import type { ProgressEvent } from '../../../shared/contract';
import type { ImportRequest } from '../../../shared/import/types';
import { ok, tempDir } from '../../helpers/core';
import { requestFrom, SUBPROCESSOR_ROWS, writeBigXlsx, writeCsv, writeXlsx } from './fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function setup(mode: 'worker' | 'inline' = 'inline') {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'w.sqlite');
  let now = new Date('2026-03-02T10:00:00Z');
  const core = openCore({
    dbPath,
    door: 'cli',
    actor: 'tester',
    now: () => now,
    checkOutput: true,
    importMode: mode,
  });
  cleanups.push(cleanup, () => core.close());
  return { dir, dbPath, core, setNow: (iso: string) => (now = new Date(iso)) };
}

async function inspectAndRequest(core: Core, path: string, extra: Partial<ImportRequest> = {}) {
  const inspected = await ok(core, 'import:inspect', { source: { path } });
  return requestFrom(path, inspected, extra);
}

const count = (core: Core, sql: string) => (core.db.prepare(sql).get() as { n: number }).n;

async function listFile(dir: string) {
  const path = join(dir, 'subprocessors.xlsx');
  await writeXlsx(path, [
    {
      name: 'Subprocessors',
      rows: [
        ['Our sub-processors'],
        ['Name of Subprocessor', 'Purpose', 'Location', 'Website'],
        ...SUBPROCESSOR_ROWS,
      ],
    },
  ]);
  return path;
}

describe('preview', () => {
  it('shows counts, mapped rows, each problem cell with row, field and reason, and duplicates, writing nothing', async () => {
    const { dir, core } = setup();
    await ok(core, 'vendors:create', { name: 'Globex Corporation' });
    const path = await listFile(dir);
    const request = await inspectAndRequest(core, path, { options: { onDuplicate: 'update' } });
    const before = count(core, 'SELECT count(*) AS n FROM audit_log');
    const p = await ok(core, 'import:preview', request);
    expect(p.counts).toMatchObject({ rows: 6, created: 4, updated: 1, merged: 1, skipped: 0, invalid: 0 });
    expect(p.sample[0]).toMatchObject({
      row: 3,
      action: 'create',
      values: {
        name: 'Acme Cloud, Inc.',
        services: ['Hosting', 'and backups'],
        processingCountries: ['US', 'DE', 'IS'],
      },
    });
    expect(p.sample.find((s) => s.row === 6)).toMatchObject({ action: 'merge', duplicateOfRow: 3 });
    expect(p.duplicates.map((d) => [d.name, d.rows, d.existing?.name ?? null])).toEqual([
      ['Acme Cloud, Inc.', [3, 6], null],
      ['Globex', [8], 'Globex Corporation'],
    ]);
    const warnings = p.issues.filter((i) => i.severity === 'warning');
    expect(warnings.map((w) => [w.row, w.field])).toEqual([
      [7, 'processingCountries'],
      [8, 'processingCountries'],
      [8, null],
    ]);
    // "Globex" gives no legal form, the register's "Globex Corporation" does: matched, and said.
    expect(warnings[2]!.message).toMatch(/^Taken as the same company as the register's Globex Corporation/);
    expect(p.regionRule).toMatch(/"EU" and "EEA" are flagged/);
    expect(count(core, 'SELECT count(*) AS n FROM audit_log')).toBe(before);
    expect(count(core, 'SELECT count(*) AS n FROM vendors')).toBe(1);
  });

  it('shows a row as the register will: a signed DPA past its expiry date as expired', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'dpas.csv');
    writeCsv(path, [
      ['Vendor', 'DPA status', 'DPA expiry date'],
      ['Acme', 'Signed', '2025-12-31'],
      ['Globex', 'Signed', '2027-12-31'],
    ]);
    const p = await ok(core, 'import:preview', await inspectAndRequest(core, path));
    expect(p.sample.map((r) => [r.values.dpaStatus, r.values.effectiveDpaStatus])).toEqual([
      ['signed', 'expired'],
      ['signed', 'signed'],
    ]);
  });

  it('reads formulas as the values Excel saved, and reports one saved without a value', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'formulas.xlsx');
    await writeXlsx(path, [
      {
        name: 'Vendors',
        rows: [
          ['Vendor', 'Country', 'Risk'],
          [{ formula: 'UPPER("acme")', result: 'ACME' }, { formula: 'B9', result: 'Germany' }, 'low'],
          ['Globex', 'US', { formula: 'C9' }],
        ],
      },
    ]);
    const p = await ok(core, 'import:preview', await inspectAndRequest(core, path));
    expect(p.sample[0]).toMatchObject({
      row: 2,
      action: 'create',
      values: { name: 'ACME', processingCountries: ['DE'] },
    });
    expect(p.issues).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'riskRating',
        message: expect.stringMatching(/formula whose value was never saved/),
      }),
    ]);
  });

  it('lists invalid cells and counts invalid rows', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'bad.csv');
    writeCsv(path, [
      ['Vendor', 'Country', 'DPA signed', 'Risk'],
      ['Good', 'DE', '2024-01-05', 'low'],
      ['Bad country', 'Narnia', '2024-01-05', 'low'],
      ['Bad date', 'FR', '31/02/2024', 'low'],
      ['', 'FR', '2024-01-05', 'high'],
    ]);
    // All or nothing (--strict): every unreadable cell makes its row invalid.
    const strict = await ok(
      core,
      'import:preview',
      await inspectAndRequest(core, path, {
        options: { onDuplicate: 'skip', expandRegions: false, strict: true },
      }),
    );
    expect(strict.counts).toMatchObject({ rows: 4, created: 1, invalid: 3 });
    expect(strict.issues.map((i) => [i.row, i.column, i.field])).toEqual([
      [3, 'Country', 'processingCountries'],
      [4, 'DPA signed', 'dpaSignedAt'],
      [5, 'Vendor', 'name'],
    ]);
    expect(strict.issues[0]!.message).toMatch(/Narnia/);
    // The first rows show an invalid row's unreadable cells as the file gave them, not blank.
    expect(strict.sample.filter((r) => r.action === 'invalid').map((r) => r.values)).toEqual([
      expect.objectContaining({ name: 'Bad country', processingCountries: 'Narnia' }),
      expect.objectContaining({ name: 'Bad date', dpaSignedAt: '31/02/2024' }),
      expect.objectContaining({ riskRating: 'high' }),
    ]);
    // By default a vendor with a name is imported; its unreadable cells are left empty, with a warning each.
    const p = await ok(core, 'import:preview', await inspectAndRequest(core, path));
    expect(p.counts).toMatchObject({ rows: 4, created: 3, invalid: 1 });
    expect(p.issues.map((i) => [i.row, i.column, i.field, i.severity])).toEqual([
      [5, 'Vendor', 'name', 'error'],
      [3, 'Country', 'processingCountries', 'warning'],
      [4, 'DPA signed', 'dpaSignedAt', 'warning'],
    ]);
    expect(p.issues[1]!.message).toMatch(/Narnia.*Left empty; the cell is kept in the notes\./);
  });
});

describe('commit and undo', () => {
  it('commits in one transaction with audit entries carrying the import id, then undoes it, audited', async () => {
    const { dir, core, setNow } = setup('worker');
    const existing = await ok(core, 'vendors:create', {
      name: 'Globex Corporation',
      riskRating: 'low',
      services: ['Billing'],
    });
    const path = await listFile(dir);
    const request = await inspectAndRequest(core, path, { options: { onDuplicate: 'update' } });
    const events: ProgressEvent[] = [];
    core.onProgress((e) => events.push(e));
    const r = await ok(core, 'import:commit', { ...request, jobId: 'job-commit-1' });
    expect(r).toMatchObject({
      rows: 6,
      created: 4,
      updated: 1,
      merged: 1,
      skipped: 0,
      invalidRows: 0,
      jobId: 'job-commit-1',
    });
    expect(r.mapping).toEqual({
      'Name of Subprocessor': 'name',
      Purpose: 'services',
      Location: 'processingCountries',
      Website: 'website',
    });

    const audit = core.db.prepare('SELECT DISTINCT import_id FROM audit_log WHERE id > 1').all() as {
      import_id: string;
    }[];
    expect(audit).toEqual([{ import_id: r.importId }]);
    const acme = (await ok(core, 'vendors:list', { search: 'acme' })).rows;
    expect(acme).toHaveLength(1);
    expect(acme[0]).toMatchObject({
      services: ['Hosting', 'and backups', 'Content delivery'],
      processingCountries: ['US', 'DE', 'IS'],
      sourceKind: 'import',
      sourceDetail: 'Imported from subprocessors.xlsx, sheet Subprocessors, row 3',
    });
    const globex = await ok(core, 'vendors:get', { id: existing.id });
    expect(globex.vendor.services).toEqual(['Billing', 'Payments']);
    expect(globex.vendor.notes).toBe('Location as listed in the file: Worldwide');
    expect(globex.vendor.sourceKind).toBe('manual');
    const list = await ok(core, 'import:list', {});
    expect(list.rows[0]).toMatchObject({
      id: r.importId,
      fileName: 'subprocessors.xlsx',
      created: 4,
      undoneAt: null,
    });
    expect(events.some((e) => e.jobId === 'job-commit-1' && e.kind === 'import:commit')).toBe(true);

    setNow('2026-03-03T09:00:00Z');
    const u = await ok(core, 'import:undo', { id: r.importId! });
    expect(u).toEqual({ importId: r.importId, register: 'vendors', removed: 4, reverted: 1 });
    expect((await ok(core, 'vendors:list', {})).total).toBe(1);
    const after = await ok(core, 'vendors:get', { id: existing.id });
    expect(after.vendor.services).toEqual(['Billing']);
    expect(after.vendor.notes).toBeNull();
    expect(after.history[0]).toMatchObject({ action: 'update', importId: r.importId });
    expect((await ok(core, 'import:list', {})).rows[0]!.undoneAt).toBe('2026-03-03T09:00:00.000Z');
    expect((await ok(core, 'audit:verify', {})).ok).toBe(true);
    const again = await core.dispatch('import:undo', { id: r.importId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('applies the duplicate policy: skip keeps the register and the first row; create makes each row a vendor', async () => {
    const skip = setup();
    await ok(skip.core, 'vendors:create', { name: 'Globex Corporation' });
    const path1 = await listFile(skip.dir);
    const r1 = await ok(skip.core, 'import:commit', await inspectAndRequest(skip.core, path1));
    expect(r1).toMatchObject({ created: 4, updated: 0, merged: 0, skipped: 2 });

    const create = setup();
    await ok(create.core, 'vendors:create', { name: 'Globex Corporation' });
    const path2 = await listFile(create.dir);
    const r2 = await ok(
      create.core,
      'import:commit',
      await inspectAndRequest(create.core, path2, { options: { onDuplicate: 'create' } }),
    );
    expect(r2).toMatchObject({ created: 6, skipped: 0 });
    expect((await ok(create.core, 'vendors:list', {})).total).toBe(7);
  });

  it('writes new vendors a batch at a time, yet each row sees the rows before it: duplicates across batches merge, and the log keeps the file order', async () => {
    const { dir, core } = setup();
    await ok(core, 'vendors:create', { name: 'Vendor 600 GmbH', services: ['Billing'] });
    const rows: string[][] = [['Vendor', 'Service', 'Location']];
    for (let i = 0; i < 700; i++) {
      // Every 29th row from 300 on names the vendor of a row 260 rows (a batch or more) before it.
      const n = i >= 300 && i % 29 === 0 ? i - 260 : i;
      rows.push([`Vendor ${n} GmbH`, `Service ${i}`, i % 2 ? 'Germany' : 'France']);
    }
    const path = join(dir, 'long.csv');
    writeCsv(path, rows);
    const r = await ok(
      core,
      'import:commit',
      await inspectAndRequest(core, path, { options: { onDuplicate: 'update' } }),
    );
    const repeats = rows.slice(1).filter((_, i) => i >= 300 && i % 29 === 0).length;
    expect(r).toMatchObject({ rows: 700, created: 700 - repeats - 1, merged: repeats, updated: 1 });
    const named = async (name: string) => {
      const found = core.db.prepare('SELECT id FROM vendors WHERE name = ?').all(name) as { id: number }[];
      expect(found).toHaveLength(1);
      return (await ok(core, 'vendors:get', { id: found[0]!.id })).vendor;
    };
    expect((await named('Vendor 59 GmbH')).services).toEqual(['Service 59', 'Service 319']);
    expect((await named('Vendor 600 GmbH')).services).toEqual(['Billing', 'Service 600']);
    expect((await ok(core, 'vendors:list', { search: 'service 699' })).total).toBe(1);
    // The log's entries follow the file: each vendor's creation, then a merge after the row it repeats.
    const created = core.db
      .prepare(
        "SELECT entity_id AS id FROM audit_log WHERE entity = 'vendor' AND action = 'create' ORDER BY id",
      )
      .all() as { id: number }[];
    const ids = created.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(
      (await ok(core, 'vendors:list', { filters: { processingCountry: ['FR'] } })).total,
    ).toBeGreaterThan(300);
    expect((await ok(core, 'audit:verify', {})).ok).toBe(true);
  });

  it('refuses to undo an import whose vendors were changed since, and changes nothing', async () => {
    const { dir, core } = setup();
    const path = await listFile(dir);
    const r = await ok(core, 'import:commit', await inspectAndRequest(core, path));
    const v = (await ok(core, 'vendors:list', { search: 'mailer' })).rows[0]!;
    await ok(core, 'vendors:archive', { id: v.id });
    const vendors = count(core, 'SELECT count(*) AS n FROM vendors');
    const audit = count(core, 'SELECT count(*) AS n FROM audit_log');
    const res = await core.dispatch('import:undo', { id: r.importId });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Mailer GmbH') },
    });
    expect(count(core, 'SELECT count(*) AS n FROM vendors')).toBe(vendors);
    expect(count(core, 'SELECT count(*) AS n FROM audit_log')).toBe(audit);
  });

  it('reads a date column by the order the user chose', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'dates.csv');
    writeCsv(
      path,
      [
        ['Vendor', 'Next review'],
        ['Acme', '03/04/2026'],
      ],
      { delimiter: ';' },
    );
    const request = await inspectAndRequest(core, path);
    // Without an order the date cannot be read: the vendor is still imported, the date left empty and said.
    const unset = await ok(core, 'import:preview', request);
    expect(unset.counts).toMatchObject({ invalid: 0, created: 1 });
    expect(unset.issues[0]).toMatchObject({ row: 2, field: 'nextReviewAt', severity: 'warning' });
    const columns = request.columns.map((c) =>
      c.field === 'nextReviewAt' ? { ...c, dateOrder: 'mdy' as const } : c,
    );
    await ok(core, 'import:commit', { ...request, columns });
    expect((await ok(core, 'vendors:list', {})).rows[0]!.nextReviewAt).toBe('2026-03-04');
  });

  it('refuses a file that changed since it was inspected, and a mapping with no name', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'x.csv');
    writeCsv(path, [
      ['Vendor', 'Country'],
      ['Acme', 'DE'],
    ]);
    const request = await inspectAndRequest(core, path);
    writeCsv(path, [
      ['Country', 'Vendor'],
      ['DE', 'Acme'],
    ]);
    expect(await core.dispatch('import:commit', request)).toMatchObject({
      ok: false,
      error: { details: { problem: 'changed' } },
    });
    const noName = { ...request, columns: request.columns.map((c) => ({ ...c, field: null })) };
    expect(await core.dispatch('import:preview', noName)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/Name/) },
    });
    expect(count(core, 'SELECT count(*) AS n FROM imports')).toBe(0);
  });

  it('reads paths only at the command line', async () => {
    const { dir, dbPath } = setup();
    const web = openCore({ dbPath, door: 'web', actor: 'w', importMode: 'inline' });
    cleanups.push(() => web.close());
    const path = await listFile(dir);
    expect(await web.dispatch('import:inspect', { source: { path } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('presets', () => {
  it('saves a mapping by header and proposes it for the next file of that shape', async () => {
    const { dir, core } = setup();
    const path = join(dir, 'p.csv');
    writeCsv(path, [
      ['Firm', 'Where', 'Notes'],
      ['Acme', 'DE', 'x'],
    ]);
    await ok(core, 'import:presets:save', {
      name: 'Procurement export',
      mapping: { Firm: 'name', Where: 'processingCountries', Notes: null },
    });
    expect((await ok(core, 'import:presets:list', {})).map((p) => p.name)).toEqual(['Procurement export']);
    const r = await ok(core, 'import:inspect', {
      source: { path },
      headerRow: 1,
      preset: 'procurement export',
    });
    expect(r.columns.map((c) => c.field)).toEqual(['name', 'processingCountries', null]);
    expect(await ok(core, 'import:presets:delete', { name: 'Procurement export' })).toEqual({
      deleted: true,
    });
    expect(
      await core.dispatch('import:inspect', { source: { path }, preset: 'Procurement export' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('long imports off the serving thread', () => {
  it('reports progress, and a cancel rolls everything back', async () => {
    const { dir, core, dbPath } = setup('worker');
    const path = join(dir, 'big.xlsx');
    await writeBigXlsx(path, ['Vendor', 'Purpose', 'Country'], 20_000, (i) => [
      `Vendor ${i}`,
      'Hosting',
      i % 2 ? 'DE' : 'US',
    ]);
    const inspected = await ok(core, 'import:inspect', { source: { path } });
    expect(inspected.rowCount).toBe(20_000);
    const events: ProgressEvent[] = [];
    let cancelled: Promise<unknown> | null = null;
    core.onProgress((e) => {
      events.push(e);
      if (e.jobId === 'job-cancel-1' && e.done > 2_000 && !cancelled)
        cancelled = core.dispatch('import:cancel', { jobId: 'job-cancel-1' });
    });
    const res = await core.dispatch('import:commit', {
      ...requestFrom(path, inspected),
      expectedRows: 20_000,
      jobId: 'job-cancel-1',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await cancelled).toMatchObject({ ok: true, value: { cancelled: true } });
    const mine = events.filter((e) => e.jobId === 'job-cancel-1');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.total === 20_000 && e.percent !== undefined && e.percent <= 100)).toBe(true);
    // A separate connection sees nothing of the cancelled import.
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM vendors').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    raw.close();

    // While an import is written, other writes are refused at once instead of waiting for the lock.
    const running = core.dispatch('import:commit', {
      ...requestFrom(path, inspected),
      jobId: 'job-commit-2',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await core.dispatch('vendors:create', { name: 'Mid-import' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await running).toMatchObject({ ok: true, value: { created: 20_000 } });
    expect((await ok(core, 'vendors:list', { limit: 1 })).total).toBe(20_000);
  }, 120_000);
});
