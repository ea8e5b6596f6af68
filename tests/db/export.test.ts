import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellOf } from '../../db/export/cells';
import { exportColumns } from '../../shared/kit/export';
import { registerByName } from '../../shared/registers/index';
import { ok, testCore } from '../helpers/core';
import { saveWithLibreOffice, sheetsToCsv, soffice } from '../helpers/office';

// One database for the whole file: the demo data, and vendors whose names a spreadsheet would read as formulas.
let t: ReturnType<typeof testCore>;
let workbook: string;
const FORMULA_NAMES = [
  '=HYPERLINK("http://evil.example","click")',
  '+1 555 0100 Ltd',
  '@SUM(A1:A9)',
  '-2+3 Corp',
];
const auditCount = () => (t.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const importCount = () => (t.core.db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;

async function exportTo(name: string, extra: Record<string, unknown> = {}) {
  return ok(t.core, 'export:run', { target: { path: join(t.dir, name) }, ...extra } as never);
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Edits a workbook as a colleague would: change cells with exceljs, then open and save it in LibreOffice. */
async function edit(file: string, name: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = await read(file);
  change(wb);
  const edited = join(t.dir, `edit-${name}`);
  await wb.xlsx.writeFile(edited);
  return soffice
    ? saveWithLibreOffice(edited, join(t.dir, `lo-${name.replace('.xlsx', '')}`), join(t.dir, 'lo-profile'))
    : edited;
}

/** The row of a sheet whose ID column holds `id`. */
function rowOf(ws: ExcelJS.Worksheet, id: number): ExcelJS.Row {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r);
  throw new Error(`No row with ID ${id}`);
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const row = ws.getRow(1);
  for (let c = 1; c <= row.cellCount; c++) if (row.getCell(c).value === header) return c;
  throw new Error(`No column ${header}`);
}

beforeAll(async () => {
  t = testCore('2026-12-01T10:00:00Z');
  await ok(t.core, 'settings:update', {
    organisation: { name: 'We Are Learning AS', country: 'NO' },
  } as never);
  await ok(t.core, 'demo:load', {});
  for (const name of FORMULA_NAMES) await ok(t.core, 'vendors:create', { name });
  workbook = (await exportTo('registers.xlsx')).file;
}, 60_000);

afterAll(() => t.close());

describe('the auditor workbook', () => {
  it('has a cover, one sheet per register and per kind of entry, the audit log and a hidden _meta sheet', async () => {
    const wb = await read(workbook);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Cover',
      'Vendors',
      'Transfers',
      'Processing activities',
      'Processing activity retention',
      'DPIAs',
      'DPIA risks to people',
      'Breaches',
      'Breach risk assessments',
      'Breach filings to authorities',
      'Rights requests',
      'Rights request clock pauses',
      'Sub-processor list reviews',
      'Sub-processor list changes',
      'Sub-processor new countries',
      'Sub-processor lists received',
      'Audit log',
      '_meta',
    ]);
    expect(wb.getWorksheet('_meta')!.state).toBe('veryHidden');
    const cover = wb.getWorksheet('Cover')!;
    const text = cover.getSheetValues().flat().map(String).join('\n');
    const head = t.core.db.prepare('SELECT last_id, last_hash FROM audit_head').get() as {
      last_id: number;
      last_hash: string;
    };
    expect(text).toContain('We Are Learning AS');
    expect(text).toContain(head.last_hash);
    expect(text).toContain('Current records only');
    expect(wb.getWorksheet('Audit log')!.rowCount).toBe(auditCount() + 1);
  });

  it('gives each sheet a bold frozen header, an autofilter, date cells and labels', async () => {
    const wb = await read(workbook);
    const ws = wb.getWorksheet('Vendors')!;
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const added = ws.getRow(2).getCell(columnOf(ws, 'Added (UTC)'));
    expect(added.value).toBeInstanceOf(Date);
    expect(added.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const role = ws.getRow(2).getCell(columnOf(ws, 'Role')).value;
    expect(['Sub-processor', 'Processor', 'Controller', 'Joint controller', 'Third party']).toContain(role);
    // The personal contact of a requester never leaves the workbench.
    const requests = wb.getWorksheet('Rights requests')!;
    expect(requests.getRow(1).values).not.toContain('Requester’s contact');
  });

  it('reads back with exceljs to the values the registers hold', async () => {
    const wb = await read(workbook);
    for (const name of ['vendors', 'transfers', 'activities', 'dpias', 'breaches', 'requests']) {
      const reg = registerByName(name)!;
      const columns = exportColumns(reg);
      const ws = wb.getWorksheet(reg.title)!;
      const repo = t.core.registers.repoOf(name);
      let row = 2;
      for (const batch of repo.batches(
        { includeArchived: false },
        { now: () => new Date('2026-12-01T10:00:00Z') },
      )) {
        for (const record of batch) {
          const values = ws.getRow(row++);
          columns.forEach((c, i) => {
            const want = cellOf(c.kind, c.value(record));
            const got = values.getCell(i + 1).value;
            expect({ sheet: reg.title, column: c.header, value: got ?? null }).toEqual({
              sheet: reg.title,
              column: c.header,
              value: want,
            });
          });
        }
      }
      expect(row - 1).toBe(ws.actualRowCount);
    }
  });

  it('keeps a name that looks like a formula as text, never a formula', async () => {
    const wb = await read(workbook);
    const ws = wb.getWorksheet('Vendors')!;
    const name = columnOf(ws, 'Name');
    const cells = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2).getCell(name));
    for (const formula of FORMULA_NAMES) {
      const cell = cells.find((c) => c.value === formula)!;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
    }
  });

  it.skipIf(!soffice)(
    'opens in LibreOffice without a repair: every sheet converts, formulas stay text',
    () => {
      const out = join(t.dir, 'csv-sheets');
      sheetsToCsv(workbook, out, join(t.dir, 'lo-profile'));
      const files = readdirSync(out).sort();
      expect(files).toContain('registers-Vendors.csv');
      expect(files).toContain('registers-Audit log.csv');
      expect(files).toHaveLength(18);
      const vendors = readFileSync(join(out, 'registers-Vendors.csv'), 'utf8');
      expect(vendors).toContain('"=HYPERLINK(""http://evil.example"",""click"")"');
      expect(vendors).toContain('@SUM(A1:A9)');
    },
  );
});

describe('CSV and the authorities’ layouts', () => {
  it('writes one register as CSV: BOM, the delimiter chosen, RFC 4180 quoting, formulas defused', async () => {
    const r = await exportTo('vendors.csv', { format: 'csv', registers: ['vendors'], delimiter: ';' });
    const text = readFileSync(r.file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]!.startsWith('ID;Name;Legal entity;Role')).toBe(true);
    expect(text).toContain(`;"'=HYPERLINK(""http://evil.example"",""click"")";`);
    expect(text).toContain(";'@SUM(A1:A9);");
    expect(r.sheets).toEqual({ Vendors: 14 + FORMULA_NAMES.length });
  });

  it('refuses a CSV of several registers, naming the field', async () => {
    const r = await t.core.dispatch('export:run', {
      format: 'csv',
      registers: ['vendors', 'transfers'],
      target: { path: join(t.dir, 'x.csv') },
    });
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && r.error.message).toContain('one register');
  });

  it('writes the ICO record of processing: its 30 headings in order on row 9, one row per activity', async () => {
    const r = await exportTo('ico.xlsx', { layout: 'ico-ropa' });
    const ws = (await read(r.file)).getWorksheet('Template')!;
    const headings = (ws.getRow(9).values as unknown[]).slice(1);
    expect(headings).toHaveLength(30);
    expect(headings[0]).toBe('Business function');
    expect(headings[1]).toBe('Purpose of processing');
    expect(headings[15]).toBe('Rights available to individuals');
    expect(headings[29]).toBe('Reasons for not adhering to policy document (if applicable)');
    expect(ws.getRow(1).getCell(2).value).toBe('We Are Learning AS');
    expect(r.sheets).toEqual({ Template: 8 });
    const rights = String(ws.getRow(10).getCell(16).value);
    expect(rights).toMatch(/^Access, rectification/);
  });

  it('writes the CNIL register in French', async () => {
    const r = await exportTo('cnil.xlsx', { layout: 'cnil' });
    const ws = (await read(r.file)).getWorksheet('Registre')!;
    expect(ws.getRow(1).getCell(1).value).toBe("Nom de l'activité de traitement");
    expect(r.sheets).toEqual({ Registre: 8 });
  });
});

describe('the round trip', () => {
  it('changes nothing for an untouched file saved again by LibreOffice', async () => {
    const before = { audit: auditCount(), imports: importCount() };
    const file = await edit(workbook, 'untouched.xlsx', () => undefined);
    const r = await ok(t.core, 'roundtrip:commit', { source: { path: file } });
    expect(r.changesTotal).toBe(0);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.sheets.every((s) => s.updated === 0 && s.created === 0 && s.missing.length === 0)).toBe(true);
    expect({ audit: auditCount(), imports: importCount() }).toEqual(before);
  });

  it('writes one edited cell as exactly one audit entry naming the import; a formula-looking name survives', async () => {
    const exported = (await exportTo('one-cell.xlsx')).file;
    const vendor = (await ok(t.core, 'vendors:list', { search: 'Azure' } as never)).rows[0]!;
    const file = await edit(exported, 'one-cell.xlsx', (wb) => {
      const ws = wb.getWorksheet('Vendors')!;
      rowOf(ws, vendor.id).getCell(columnOf(ws, 'Internal owner')).value = 'Marketing lead';
    });
    const preview = await ok(t.core, 'roundtrip:preview', { source: { path: file } });
    expect(preview.changes).toEqual([
      expect.objectContaining({
        sheet: 'Vendors',
        id: vendor.id,
        field: 'internalOwner',
        new: 'Marketing lead',
      }),
    ]);
    const before = auditCount();
    const r = await ok(t.core, 'roundtrip:commit', { source: { path: file } });
    expect(auditCount()).toBe(before + 1);
    const entry = t.core.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<
      string,
      unknown
    >;
    const importId = r.sheets.find((s) => s.sheet === 'Vendors')!.importId;
    expect(entry).toMatchObject({
      entity: 'vendor',
      entity_id: vendor.id,
      field: 'internalOwner',
      import_id: importId,
    });
    expect(JSON.parse(entry.new_value as string)).toBe('Marketing lead');
    const names = (await ok(t.core, 'vendors:list', { limit: 100 } as never)).rows.map((v) => v.name);
    for (const formula of FORMULA_NAMES) expect(names).toContain(formula);
  });

  it('adds new rows, reports deleted ones (archived only when asked), and can be undone', async () => {
    const exported = (await exportTo('rows.xlsx')).file;
    const list = (await ok(t.core, 'vendors:list', { limit: 100 } as never)).rows;
    const gone = list.find((v) => v.name === '-2+3 Corp')!;
    const file = await edit(exported, 'rows.xlsx', (wb) => {
      const ws = wb.getWorksheet('Vendors')!;
      ws.spliceRows(rowOf(ws, gone.id).number, 1);
      const row = ws.getRow(ws.rowCount + 1);
      row.getCell(columnOf(ws, 'Name')).value = 'Acme Analytics GmbH';
      row.getCell(columnOf(ws, 'Role')).value = 'Processor';
      row.getCell(columnOf(ws, 'Processing countries')).value = 'Germany (DE); France';
      row.commit();
    });
    const preview = await ok(t.core, 'roundtrip:preview', { source: { path: file } });
    const vendors = preview.sheets.find((s) => s.sheet === 'Vendors')!;
    expect(vendors).toMatchObject({
      created: 1,
      updated: 0,
      missing: [{ id: gone.id, title: '-2+3 Corp', archived: false }],
    });

    const r = await ok(t.core, 'roundtrip:commit', {
      source: { path: file },
      options: { archiveMissing: true },
    });
    const sheet = r.sheets.find((s) => s.sheet === 'Vendors')!;
    expect(sheet.missing[0]!.archived).toBe(true);
    const acme = (await ok(t.core, 'vendors:list', { search: 'Acme Analytics' } as never)).rows[0]!;
    expect((await ok(t.core, 'vendors:get', { id: acme.id })).vendor).toMatchObject({
      role: 'processor',
      processingCountries: ['DE', 'FR'],
    });
    expect((await ok(t.core, 'vendors:get', { id: gone.id })).vendor.archived).toBe(true);

    await ok(t.core, 'import:undo', { id: sheet.importId! });
    expect((await ok(t.core, 'vendors:get', { id: gone.id })).vendor.archived).toBe(false);
    expect((await ok(t.core, 'vendors:list', { search: 'Acme Analytics' } as never)).rows).toEqual([]);
  });

  it('refuses a row whose record changed in the workbench after the export, and names bad cells', async () => {
    const exported = (await exportTo('conflict.xlsx')).file;
    const [a, b] = (await ok(t.core, 'vendors:list', { limit: 2 } as never)).rows;
    t.setNow('2026-12-01T11:00:00Z');
    const stored = t.core.registers.repoOf('vendors').storedByIds([a!.id]).get(a!.id)!;
    await ok(t.core, 'vendors:update', {
      id: a!.id,
      values: { ...stored, notes: 'Changed in the workbench' },
    } as never);
    const file = await edit(exported, 'conflict.xlsx', (wb) => {
      const ws = wb.getWorksheet('Vendors')!;
      rowOf(ws, a!.id).getCell(columnOf(ws, 'Internal owner')).value = 'Someone';
      rowOf(ws, b!.id).getCell(columnOf(ws, 'Role')).value = 'Supplier of sorts';
    });
    const before = auditCount();
    const r = await ok(t.core, 'roundtrip:commit', { source: { path: file } });
    expect(auditCount()).toBe(before);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]!.message).toContain('changed in the workbench');
    expect(errors[1]).toMatchObject({ sheet: 'Vendors', column: 'Role' });
    expect(errors[1]!.message).toContain('"Supplier of sorts" is not one of');
    expect(errors[1]!.row).toBe(rowOf((await read(file)).getWorksheet('Vendors')!, b!.id).number);
  });

  it('says so when the file is not an export of the workbench', async () => {
    const r = await t.core.dispatch('roundtrip:preview', { source: { path: join(t.dir, 'ico.xlsx') } });
    expect(!r.ok && r.error.message).toContain('is not a workbook exported by the workbench');
  });

  it('keeps an untouched row untouched even when its record changed in the workbench since', async () => {
    const exported = (await exportTo('later.xlsx')).file;
    const [a] = (await ok(t.core, 'vendors:list', { limit: 1 } as never)).rows;
    const stored = t.core.registers.repoOf('vendors').storedByIds([a!.id]).get(a!.id)!;
    t.setNow('2026-12-01T12:00:00Z');
    await ok(t.core, 'vendors:update', {
      id: a!.id,
      values: { ...stored, notes: 'Edited after the export' },
    } as never);
    const file = await edit(exported, 'later.xlsx', () => undefined);
    const r = await ok(t.core, 'roundtrip:preview', { source: { path: file } });
    expect(r.changesTotal).toBe(0);
    expect(r.issues).toEqual([]);
  });

  it('lists every field a write would change, defaults included, and writes exactly those', async () => {
    // A breach recorded before the organisation had a time zone: writing it again fills the zone in.
    const [breach] = (await ok(t.core, 'breaches:list', { limit: 1 } as never)).rows;
    const repo = t.core.registers.repoOf('breaches');
    t.core.db.prepare('UPDATE breaches SET time_zone = NULL WHERE id = ?').run(breach!.id);
    expect(repo.storedByIds([breach!.id]).get(breach!.id)!.timeZone).toBeNull();
    await ok(t.core, 'settings:update', { organisation: { timeZone: 'Europe/Oslo' } } as never);
    const exported = (await exportTo('defaults.xlsx')).file;
    const file = await edit(exported, 'defaults.xlsx', (wb) => {
      const ws = wb.getWorksheet('Breaches')!;
      rowOf(ws, breach!.id).getCell(columnOf(ws, 'Lessons learned')).value = 'Rotate the keys.';
    });
    const preview = await ok(t.core, 'roundtrip:preview', { source: { path: file } });
    expect(preview.changes.map((c) => c.field).sort()).toEqual(['lessons', 'timeZone']);
    const before = auditCount();
    await ok(t.core, 'roundtrip:commit', { source: { path: file } });
    expect(auditCount() - before).toBe(preview.changesTotal);
  });

  it('refuses only the row a write refuses (a vendor made its own parent), and writes the rest', async () => {
    const exported = (await exportTo('parent.xlsx')).file;
    const [a, b] = (await ok(t.core, 'vendors:list', { limit: 2 } as never)).rows;
    const file = await edit(exported, 'parent.xlsx', (wb) => {
      const ws = wb.getWorksheet('Vendors')!;
      rowOf(ws, a!.id).getCell(columnOf(ws, 'Parent vendor')).value = a!.name;
      rowOf(ws, b!.id).getCell(columnOf(ws, 'Contract reference')).value = 'MSA-2026-07';
    });
    const r = await ok(t.core, 'roundtrip:commit', { source: { path: file } });
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: 'Vendors' });
    expect(errors[0]!.message).toMatch(/own parent/);
    expect((await ok(t.core, 'vendors:get', { id: b!.id })).vendor.contractReference).toBe('MSA-2026-07');
  });

  it('never archives a record whose ID was mistyped', async () => {
    const exported = (await exportTo('typo.xlsx')).file;
    const [a] = (await ok(t.core, 'vendors:list', { limit: 1 } as never)).rows;
    const file = await edit(exported, 'typo.xlsx', (wb) => {
      const ws = wb.getWorksheet('Vendors')!;
      rowOf(ws, a!.id).getCell(1).value = `${a!.id}a`;
    });
    const r = await ok(t.core, 'roundtrip:commit', {
      source: { path: file },
      options: { archiveMissing: true },
    });
    expect(r.sheets.find((s) => s.sheet === 'Vendors')!.missing).toEqual([]);
    expect((await ok(t.core, 'vendors:get', { id: a!.id })).vendor.archived).toBe(false);
  });
});

describe('where the file goes', () => {
  it('says so, promptly, when the folder does not exist, and leaves nothing behind', async () => {
    for (const format of ['xlsx', 'csv', 'pdf'] as const) {
      const target = join(t.dir, 'no-such-folder', `out.${format}`);
      const r = await t.core.dispatch('export:run', {
        format,
        registers: format === 'csv' ? ['vendors'] : [],
        target: { path: target },
      } as never);
      expect(!r.ok && r.error.code).toBe('VALIDATION');
      expect(!r.ok && r.error.message).toContain(
        `The folder ${join(t.dir, 'no-such-folder')} does not exist`,
      );
    }
  });
});
