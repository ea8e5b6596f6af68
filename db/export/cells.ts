import { accessSync, constants, createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import type { CellValue } from '../../shared/import/types';
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
  checkFolder(file);
  const partial = `${file}.partial`;
  try {
    await write(partial);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** Refuses, in words, a file that cannot be written where asked: no such folder, or one that is read-only. */
export function checkFolder(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AppError(
      'VALIDATION',
      `The folder ${folder} does not exist; choose another place for the file.`,
      {
        path: folder,
      },
    );
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new AppError(
      'VALIDATION',
      `The folder ${folder} cannot be written to; choose another place for the file.`,
      {
        path: folder,
      },
    );
  }
}

/** A write failure of the file itself (the disk full, the file removed), as the user reads it. */
function writeFailure(file: string, err: Error): AppError {
  return new AppError(
    'VALIDATION',
    `${basename(file).replace(/\.partial$/, '')} could not be written (${err.message}).`,
    {
      path: file,
    },
  );
}

/**
 * exceljs's streaming writer for an export (styles on, strings inline), writing to a file stream of our own: a
 * failure of the file is reported instead of leaving the writer waiting forever, and `abort` closes the file
 * before it is removed (an open file cannot be deleted on Windows).
 */
export function workbookWriter(file: string, created: Date) {
  const out = createWriteStream(file);
  let failure: AppError | null = null;
  out.on('error', (err) => (failure = writeFailure(file, err)));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'DPO Workbench';
  wb.created = created;
  const check = () => {
    if (failure) throw failure;
  };
  return {
    wb,
    /** Throws the file's failure, if it had one; called between batches. */
    check,
    async commit(): Promise<void> {
      check();
      await new Promise<void>((resolve, reject) => {
        out.once('error', () => reject(failure));
        wb.commit().then(() => resolve(), reject);
      });
      check();
    },
    async abort(): Promise<void> {
      if (out.closed) return;
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    },
  };
}
export type ExportWorkbook = ReturnType<typeof workbookWriter>;

/** A cell read back as text: line ends made one, trimmed; numbers as written, dates as ISO. */
export const textOf = (v: CellValue): string => {
  if (v === null) return '';
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (v instanceof Date) return v.toISOString();
  return v.error;
};

/**
 * What a cell compares as, written or read back: the text a DPO sees, days as ISO dates, moments to the second.
 * A cell a spreadsheet program saved again unchanged compares equal to the cell the export wrote.
 */
export function comparable(kind: ExportKind, v: CellValue | CellOut | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    if (kind === 'date') return v.toISOString().slice(0, 10);
    return new Date(Math.round(v.getTime() / 1000) * 1000).toISOString();
  }
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && 'error' in v) return v.error;
  const text = textOf(v as CellValue);
  if (kind === 'instant' || kind === 'date') {
    const t = Date.parse(text);
    if (!Number.isNaN(t) && /^\d{4}-\d{2}-\d{2}/.test(text)) {
      return kind === 'date' && text.length === 10 ? text : new Date(t).toISOString();
    }
  }
  return text;
}

/** A short fingerprint of a row's cells as they compare: the same row saved again unchanged gives the same. */
export function rowFingerprint(
  columns: readonly { kind: ExportKind }[],
  cells: readonly (CellValue | CellOut | undefined)[],
): string {
  const hash = createHash('sha256');
  columns.forEach((c, i) => hash.update(`${comparable(c.kind, cells[i])}\u0001`));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Lets the sheet's XML already written reach the zip before more is added. exceljs hands each filled buffer to
 * the compressor without waiting, so a writer that never yields keeps the whole sheet in memory (hundreds of MB
 * for 100,000 rows); waiting for the compressor's backpressure keeps memory flat, and the compression then runs
 * on libuv's threads while the next rows are built.
 */
export async function letZipCatchUp(ws: ExcelJS.Worksheet): Promise<void> {
  const pipes = (ws as unknown as { stream?: { pipes?: NodeJS.WritableStream[] } }).stream?.pipes ?? [];
  for (const p of pipes) {
    // exceljs's zip library uses readable-stream 2, whose streams predate `writableNeedDrain`.
    const w = p as NodeJS.WritableStream & {
      writableNeedDrain?: boolean;
      _writableState?: { needDrain?: boolean };
    };
    if (w.writableNeedDrain ?? w._writableState?.needDrain) {
      await new Promise<void>((resolve) => w.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
}
