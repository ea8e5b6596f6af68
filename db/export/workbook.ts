import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Register } from '../../shared/kit/define';
import {
  exportColumns,
  looksLikeFormula,
  rowsSheets,
  sheetName,
  type ExportColumn,
  type ExportKind,
} from '../../shared/kit/export';
import { countryLabel } from '../../shared/kit/readable';
import { APP_VERSION } from '../../shared/version';
import type { JobContext } from '../import/job-context';
import {
  cellOf,
  letZipCatchUp,
  numFmtOf,
  rowFingerprint,
  widthOf,
  workbookWriter,
  writeBeside,
  type CellOut,
} from './cells';
import type { ExportSource } from './source';

/** The hidden sheet that lets the workbench recognise its own export when it comes back. */
export const META_SHEET = '_meta';
export const META_MARK = 'dpo-workbench-export';
export const META_VERSION = 1;
/** The hidden column holding each record's last-changed moment, to see a record changed since the export. */
export const VERSION_KEY = '_version';
const VERSION_HEADER = 'Version (do not edit)';
/** How many characters of id ranges go in one cell of the meta sheet. */
const IDS_PER_CELL = 30_000;

export interface WorkbookOptions {
  includeArchived: boolean;
  auditLog: boolean;
  /** The moment of the export; the cover shows it and the round trip compares records' changes with it. */
  now: Date;
  actor: string;
}

export interface ExportResult {
  file: string;
  sheets: Record<string, number>;
  bytes: number;
}

interface SheetColumn {
  key: string;
  header: string;
  kind: ExportKind;
  hidden?: boolean;
}

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;
type Sheet = ExcelJS.Worksheet;

/** A sheet with a bold frozen header row, an autofilter, widths by kind, wrapped long text and date formats. */
function startSheet(wb: Writer, name: string, columns: readonly SheetColumn[]): Sheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const styles = columns.map((c): Partial<ExcelJS.Style> => ({
    ...(numFmtOf(c.kind) ? { numFmt: numFmtOf(c.kind) } : {}),
    ...(c.kind === 'longText' ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
  }));
  columnStyles.set(ws, { plain: styles, text: styles.map((st) => ({ ...st, numFmt: '@' })) });
  ws.columns = columns.map((c, i) => ({
    key: c.key,
    width: widthOf(c.kind, c.header),
    hidden: c.hidden ?? false,
    style: styles[i]!,
  }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.commit();
  return ws;
}

/**
 * Each sheet's column styles, one object per column (and its text variant): every cell of a column is given the
 * same object, which exceljs recognises (a WeakMap) instead of building and looking up a style for each cell,
 * the largest cost of writing a big sheet.
 */
const columnStyles = new WeakMap<
  Sheet,
  { plain: Partial<ExcelJS.Style>[]; text: Partial<ExcelJS.Style>[] }
>();

/** Adds a row; a text that a spreadsheet would read as a formula is kept as text ("@"), never evaluated. */
function addRow(ws: Sheet, cells: readonly CellOut[]): void {
  const row = ws.addRow(cells as unknown[]);
  const styles = columnStyles.get(ws)!;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    const formula = typeof v === 'string' && looksLikeFormula(v);
    // Assigned whole, never changed through the cell: the object is shared by the column.
    row.getCell(i + 1).style = (formula ? styles.text[i] : styles.plain[i]) as ExcelJS.Style;
  }
  row.commit();
}

/** "1-5,7,9-12": ids in order as ranges, compact enough to keep every exported id in a few cells. */
export function idRanges(ids: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ids.length) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    parts.push(i === j ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIdRanges(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    if (!part) continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let k = a; k <= b && k - a < 10_000_000; k++) out.push(k);
  }
  return out;
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) {
    let end = Math.min(text.length, i + size);
    // Cut at a comma so no range is split between cells.
    if (end < text.length) {
      const comma = text.lastIndexOf(',', end);
      if (comma > i) end = comma + 1;
    }
    out.push(text.slice(i, end));
    i = end - size;
  }
  return out;
}

export interface RegisterSheetInfo {
  register: Register;
  sheet: string;
  columns: ExportColumn[];
  ids: number[];
}

/**
 * Writes the auditor workbook with exceljs's streaming writer: a cover sheet, one sheet per register (its
 * declaration's export columns), one sheet per rows field (a DPIA's risks, a breach's filings), the audit log,
 * and the hidden `_meta` sheet. The file is written beside its target and renamed when complete, so a cancel or
 * a failure never leaves a half-written workbook under the name asked for.
 */
export async function writeWorkbook(
  source: ExportSource,
  file: string,
  options: WorkbookOptions,
  job: JobContext,
): Promise<ExportResult> {
  const sheets: Record<string, number> = {};
  const counts = new Map(source.registers.map((r) => [r.name, source.count(r)]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0) + (options.auditLog ? source.audit.count : 0);
  let done = 0;
  const tick = (n: number) => {
    done += n;
    job.checkCancelled();
    job.progress({ rows: done, total, percent: total ? (100 * done) / total : 100 });
  };
  await writeBeside(file, async (partial) => {
    const book = workbookWriter(partial, options.now);
    const wb = book.wb;
    try {
      await writeSheets(wb, book.check);
      await book.commit();
      job.checkCancelled();
    } catch (err) {
      await book.abort();
      throw err;
    }
  });
  return { file, sheets, bytes: (await stat(file)).size };

  async function writeSheets(wb: Writer, check: () => void): Promise<void> {
    writeCover(wb, source, options, counts);
    const info: RegisterSheetInfo[] = [];
    for (const reg of source.registers) {
      const columns = exportColumns(reg);
      const name = sheetName(reg.title);
      const ws = startSheet(wb, name, [
        ...columns,
        { key: VERSION_KEY, header: VERSION_HEADER, kind: 'text', hidden: true },
      ]);
      const nested = rowsSheets(reg);
      const ids: number[] = [];
      // Entries of rows fields (a few per record) are kept and written after the register's sheet: a streaming
      // workbook writes one sheet after the other.
      const entries = nested.map(() => [] as CellOut[][]);
      let rows = 0;
      for (const batch of source.batches(reg)) {
        for (const r of batch) {
          ids.push(r.id);
          const cells = columns.map((c) => cellOf(c.kind, c.value(r)));
          // The record's last change and a fingerprint of the row as exported: the round trip tells a row
          // someone edited from one that is only older than the registers now.
          cells.push(`${r.updatedAt} ${rowFingerprint(columns, cells)}`);
          addRow(ws, cells);
          nested.forEach((n, i) => {
            for (const e of n.entries(r))
              entries[i]!.push(n.columns.map((c) => cellOf(c.kind, c.value(e, r))));
          });
        }
        rows += batch.length;
        tick(batch.length);
        check();
        await letZipCatchUp(ws);
      }
      ws.commit();
      sheets[name] = rows;
      info.push({ register: reg, sheet: name, columns, ids });
      nested.forEach((n, i) => {
        const sub = startSheet(wb, n.title, n.columns);
        for (const cells of entries[i]!) addRow(sub, cells);
        sub.commit();
        sheets[n.title] = entries[i]!.length;
      });
    }
    if (options.auditLog) sheets['Audit log'] = await writeAuditSheet(wb, source, tick);
    writeMeta(wb, options, info);
  }
}

function writeCover(
  wb: Writer,
  source: ExportSource,
  options: WorkbookOptions,
  counts: ReadonlyMap<string, number>,
): void {
  const ws = wb.addWorksheet('Cover');
  ws.columns = [
    { key: 'a', width: 34, style: { alignment: { vertical: 'top' } } },
    { key: 'b', width: 70, style: { alignment: { vertical: 'top', wrapText: true } } },
    { key: 'c', width: 14 },
  ];
  const org = source.organisation;
  const line = (label: string, value: CellOut, bold = false) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (bold) row.getCell(2).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss "UTC"';
    row.commit();
  };
  const title = ws.addRow(['Registers of processing, transfers and incidents']);
  title.font = { bold: true, size: 14 };
  title.commit();
  ws.addRow([]).commit();
  line('Organisation', org.name ?? 'Not set (Settings)', true);
  line('Established in', org.country ? countryLabel(org.country) : 'Not set (Settings)');
  line('Data Protection Officer', org.dpoContact ?? 'Not set (Settings)');
  line('Generated at', new Date(Math.floor(options.now.getTime() / 1000) * 1000));
  line('Generated by', options.actor);
  line('Application', `DPO Workbench ${APP_VERSION}`);
  line('Database schema version', source.schemaVersion);
  line(
    'Records included',
    options.includeArchived
      ? 'Current and archived records'
      : 'Current records only (archived records left out)',
  );
  line('Filters applied', 'None: every record of each register listed below');
  line(
    'Left out',
    "Data subjects' personal details (a requester's contact) are never exported; see them in the workbench.",
  );
  line('Dates and times', 'Days are date cells; moments are date-time cells in UTC (their headers say so).');
  ws.addRow([]).commit();
  const head = ws.addRow(['Register', 'Sheet', 'Records']);
  head.font = { bold: true };
  head.commit();
  for (const reg of source.registers) {
    ws.addRow([reg.title, sheetName(reg.title), counts.get(reg.name) ?? 0]).commit();
  }
  ws.addRow([]).commit();
  const audit = ws.addRow(['Audit log']);
  audit.font = { bold: true };
  audit.commit();
  line('Entries', source.audit.count);
  line('Last entry', source.audit.headId);
  line('Hash of the last entry (SHA-256)', source.audit.headHash ?? 'No entries yet');
  line(
    'How to check it later',
    'Each entry’s hash covers the entry and the hash before it. Later, `dpo audit verify` must pass and entry ' +
      `${source.audit.headId} must still carry this hash: then no entry up to it was altered, inserted or removed.`,
  );
  line(
    'Included as a sheet',
    options.auditLog ? 'Yes: the sheet "Audit log"' : 'No (left out when exported)',
  );
  ws.addRow([]).commit();
  line(
    'Editing and importing back',
    'Change cells or add rows in the register sheets and import this file back into the workbench: rows are ' +
      'matched by their ID, and every change is shown before it is written. Leave the ID column as it is; rows ' +
      'without an ID become new records. Risks, filings and other sheets of entries are read-only here.',
  );
  ws.commit();
}

async function writeAuditSheet(wb: Writer, source: ExportSource, tick: (n: number) => void): Promise<number> {
  const columns: SheetColumn[] = [
    { key: 'id', header: 'Entry', kind: 'number' },
    { key: 'at', header: 'At (UTC)', kind: 'instant' },
    { key: 'actor', header: 'By', kind: 'text' },
    { key: 'entity', header: 'Record kind', kind: 'text' },
    { key: 'entityId', header: 'Record ID', kind: 'number' },
    { key: 'action', header: 'Action', kind: 'text' },
    { key: 'field', header: 'Field', kind: 'text' },
    { key: 'old', header: 'Old value (JSON)', kind: 'longText' },
    { key: 'new', header: 'New value (JSON)', kind: 'longText' },
    { key: 'import', header: 'Import', kind: 'text' },
    { key: 'hash', header: 'Hash (SHA-256)', kind: 'text' },
  ];
  const ws = startSheet(wb, 'Audit log', columns);
  let n = 0;
  for (const batch of source.auditBatches()) {
    for (const e of batch) {
      addRow(ws, [
        e.id,
        cellOf('instant', e.at),
        cellOf('text', e.actor),
        e.entity,
        e.entity_id,
        e.action,
        e.field,
        cellOf('longText', e.old_value),
        cellOf('longText', e.new_value),
        e.import_id,
        e.hash,
      ]);
    }
    n += batch.length;
    tick(batch.length);
    await letZipCatchUp(ws);
  }
  ws.commit();
  return n;
}

function writeMeta(wb: Writer, options: WorkbookOptions, info: readonly RegisterSheetInfo[]): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ws.addRow([META_MARK, META_VERSION]).commit();
  ws.addRow(['exportedAt', options.now.toISOString()]).commit();
  ws.addRow(['includeArchived', options.includeArchived ? 'yes' : 'no']).commit();
  for (const s of info) {
    ws.addRow(['sheet', s.sheet, s.register.name]).commit();
    ws.addRow(['columns', s.sheet, ...s.columns.map((c) => c.key), VERSION_KEY]).commit();
    ws.addRow(['headers', s.sheet, ...s.columns.map((c) => c.header), VERSION_HEADER]).commit();
    for (const part of chunks(idRanges(s.ids), IDS_PER_CELL)) ws.addRow(['ids', s.sheet, part]).commit();
  }
  ws.commit();
}
