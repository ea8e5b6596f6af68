// Spreadsheets made by the tests themselves, in the shapes real vendor lists arrive in.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import type { ImportRequest, InspectResult } from '../../../shared/import/types';

export type Cell =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; result?: unknown }
  | { text: string; hyperlink: string };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** 1-based columns to hide. */
  hiddenColumns?: number[];
  /** Ranges such as "A3:A4". */
  merges?: string[];
  state?: 'visible' | 'hidden';
}

/** Writes an .xlsx with exceljs's ordinary (in-memory) writer: fine for small fixtures. */
export async function writeXlsx(path: string, sheets: SheetSpec[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    for (const r of s.rows) ws.addRow(r.map((c) => (c === null ? undefined : c)));
    for (const c of s.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(path);
}

/** Writes a large .xlsx with exceljs's streaming writer (the in-memory one needs gigabytes at 100k rows). */
export async function writeBigXlsx(
  path: string,
  header: string[],
  rowCount: number,
  row: (i: number) => Cell[],
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('Subprocessors');
  ws.addRow(header).commit();
  for (let i = 0; i < rowCount; i++) ws.addRow(row(i)).commit();
  await wb.commit();
}

function csvField(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CsvOptions {
  delimiter?: string;
  encoding?: 'utf8' | 'utf16le' | 'utf16be' | 'win1252';
  bom?: boolean;
  eol?: string;
  sepLine?: boolean;
}

/** Writes delimited text the way Excel and other tools save it: delimiter, encoding, byte-order mark, line ends. */
export function writeCsv(path: string, rows: (string | null)[][], options: CsvOptions = {}): Buffer {
  const d = options.delimiter ?? ',';
  const eol = options.eol ?? '\r\n';
  const text =
    (options.sepLine ? `sep=${d}${eol}` : '') +
    rows.map((r) => r.map((v) => csvField(v ?? '', d)).join(d)).join(eol) +
    eol;
  const encoding = options.encoding ?? 'utf8';
  const body = iconv.encode(text, encoding, { addBOM: false });
  const bom =
    options.bom === true
      ? encoding === 'utf8'
        ? Buffer.from([0xef, 0xbb, 0xbf])
        : encoding === 'utf16le'
          ? Buffer.from([0xff, 0xfe])
          : encoding === 'utf16be'
            ? Buffer.from([0xfe, 0xff])
            : Buffer.alloc(0)
      : Buffer.alloc(0);
  const out = Buffer.concat([bom, body]);
  writeFileSync(path, out);
  return out;
}

/**
 * A Compound File Binary container (what Excel 97–2003 .xls files and password-protected .xlsx files are),
 * with directory entries named as in those files. Only the parts the detector reads are real.
 */
export function cfbFile(streamNames: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const dir = Buffer.alloc(512);
  ['Root Entry', ...streamNames].slice(0, 4).forEach((name, i) => {
    const n = Buffer.from(`${name}\u0000`, 'utf16le');
    n.copy(dir, i * 128);
    dir.writeUInt16LE(n.length, i * 128 + 64);
    dir[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir, Buffer.alloc(1024)]);
}

/** A small seeded random number generator, so every corrupted file can be made again from its seed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** A realistic published sub-processor list, with the mess real ones have. */
export const SUBPROCESSOR_ROWS: Cell[][] = [
  ['Acme Cloud, Inc.', 'Hosting <br/>and backups', 'United States, Germany, Iceland', 'https://acme.example'],
  ['Mailer GmbH', 'E-mail\tdelivery', 'Deutschland', 'privacy@mailer.example'],
  ['Support&amp;Co Ltd', '<p>Customer support</p>', 'UK', null],
  ['Acme Cloud Inc', 'Content delivery', 'U.S.', null],
  ['Analytics SAS', 'Product analytics', 'US/EU', null],
  ['Globex', 'Payments', 'Worldwide', null],
];

/**
 * The same workbook with the references (`r`) of its rows and cells taken out, as some generators write it (the
 * format allows it): each row then follows the one before, each cell the one before it in its row.
 */
export async function withoutCellRefs(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/(<row\b[^>]*?) r="\d+"/g, '$1').replace(/(<c\b[^>]*?) r="[A-Z]+\d+"/g, '$1'));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** An import request for a file as inspect read it: its sheet, header row and proposed mapping. */
export function requestFrom(
  path: string,
  inspected: InspectResult,
  extra: Partial<ImportRequest> = {},
): ImportRequest {
  return {
    source: { path },
    sheet: inspected.sheet,
    headerRow: inspected.headerRow,
    columns: inspected.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    ...extra,
  };
}
