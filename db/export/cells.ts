import { rename, rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { ExportKind } from '../../shared/kit/export';
import { looksLikeFormula } from '../../shared/kit/export';

/** Excel's limit on the characters of one cell; longer text is cut with a note (never silently). */
export const CELL_MAX = 32_767;
const CUT_NOTE = ' … [cut: the full text is in the workbench]';

export type CellOut = string | number | Date | null;

/** A day `YYYY-MM-DD` as the date cell a spreadsheet sorts and filters on (midnight UTC: no zone shift). */
function dayCell(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

/** A moment (ISO-8601 UTC) as a date-time cell in UTC, to the second. */
function momentCell(iso: string): Date | string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(Math.floor(t / 1000) * 1000);
}

/** The cell a value becomes in a workbook. */
export function cellOf(kind: ExportKind, value: string | number | null): CellOut {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (kind === 'date') return dayCell(value);
  if (kind === 'instant') return momentCell(value);
  return value.length > CELL_MAX ? value.slice(0, CELL_MAX - CUT_NOTE.length) + CUT_NOTE : value;
}

/** The number format of a column of this kind. */
export function numFmtOf(kind: ExportKind): string | undefined {
  if (kind === 'date') return 'yyyy-mm-dd';
  if (kind === 'instant') return 'yyyy-mm-dd hh:mm:ss';
  return undefined;
}

/** A starting width, in characters, for a column of this kind and header. */
export function widthOf(kind: ExportKind, header: string): number {
  const base =
    kind === 'longText' ? 48 : kind === 'date' ? 12 : kind === 'instant' ? 20 : kind === 'number' ? 10 : 22;
  return Math.min(60, Math.max(base, Math.min(header.length + 2, 30)));
}

/**
 * A text for a CSV file that no spreadsheet evaluates: one that would read as a formula or a command gets a
 * leading apostrophe (OWASP's advice for CSV injection; the import takes it off again).
 */
export function csvSafe(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** RFC 4180: quoted when it holds the delimiter, a quote or a line break; quotes doubled. */
export function csvField(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a file beside its target (`<file>.partial`) and moves it into place once complete, so a cancel or a
 * failure never leaves a half-written file under the name asked for.
 */
export async function writeBeside(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** exceljs's streaming writer for an export: styles on, strings inline (no table of shared strings to keep). */
export function workbookWriter(file: string, created: Date): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'DPO Workbench';
  wb.created = created;
  return wb;
}
