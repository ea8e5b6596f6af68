import { open, stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { readZipDirectory, verifyZip, ZipDamaged, type ZipEntry } from './zip';

/** The largest file the import reads (issue 4): bigger ones are refused before anything is parsed. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Why a file was refused; the kinds are part of the error details so doors and tests can tell them apart. */
export type FileProblem =
  | 'missing'
  | 'empty'
  | 'too-large'
  | 'legacy-xls'
  | 'encrypted'
  | 'corrupt'
  | 'not-spreadsheet'
  | 'not-text'
  | 'no-header'
  | 'no-sheet'
  | 'changed';

/** A refusal of the whole file, with nothing written: VALIDATION with `details.problem`. */
export function fileProblem(problem: FileProblem, message: string): AppError {
  return new AppError('VALIDATION', message, { problem });
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export type Detected =
  { format: 'xlsx'; size: number; entries: ZipEntry[] } | { format: 'csv'; size: number };

async function fileContains(path: string, needles: Buffer[]): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    const overlap = 64;
    let pos = 0;
    let carry = Buffer.alloc(0);
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) return false;
      const view = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      if (needles.some((n) => view.includes(n))) return true;
      carry = view.subarray(Math.max(0, view.length - overlap));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

const damaged = (fileName: string, why: string) =>
  fileProblem(
    'corrupt',
    `${fileName} is damaged and cannot be read (${why}). Open it in Excel; if Excel repairs it, save the repaired copy as .xlsx and import that.`,
  );

/**
 * Decides how to read a file from its first bytes, not its name, and refuses clearly what cannot be read:
 * missing, empty or over 100 MB; an Excel 97–2003 workbook (.xls) or a password-protected one (both are
 * Compound File containers, D0 CF 11 E0); a damaged ZIP; a ZIP that is not an Excel workbook (.xlsb, .ods,
 * .docx). Everything else is read as delimited text.
 */
export async function detectFile(path: string, fileName: string): Promise<Detected> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    throw fileProblem('missing', `${fileName} was not found or is not a file.`);
  }
  if (size === 0) throw fileProblem('empty', `${fileName} is empty.`);
  if (size > MAX_IMPORT_BYTES) {
    throw fileProblem(
      'too-large',
      `${fileName} is ${(size / 1024 / 1024).toFixed(0)} MB; the import reads files up to 100 MB. Split the list, or remove columns and sheets you do not need.`,
    );
  }
  const head = Buffer.alloc(Math.min(size, 512));
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }

  if (head.subarray(0, 8).equals(CFB_MAGIC)) {
    if (await fileContains(path, [utf16('EncryptedPackage'), utf16('EncryptionInfo')])) {
      throw fileProblem(
        'encrypted',
        `${fileName} is protected with a password. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password), save it as .xlsx and import that copy.`,
      );
    }
    if (await fileContains(path, [utf16('Workbook'), utf16('Book')])) {
      throw fileProblem(
        'legacy-xls',
        `${fileName} is an Excel 97–2003 workbook (.xls). Open it in Excel and save it as "Excel Workbook (.xlsx)", then import that file.`,
      );
    }
    throw fileProblem('not-spreadsheet', `${fileName} is an old Office document, not a spreadsheet.`);
  }

  // A file of fewer than four bytes has no ZIP signature (and reads as text).
  const magic = head.length >= 4 ? head.readUInt32LE(0) : -1;
  if (magic === 0x04034b50 || magic === 0x06054b50) {
    let entries: ZipEntry[];
    try {
      entries = await readZipDirectory(path);
    } catch (err) {
      if (err instanceof ZipDamaged) throw damaged(fileName, err.message);
      throw err;
    }
    const names = new Set(entries.map((e) => e.name));
    if (!names.has('xl/workbook.xml')) {
      if (names.has('xl/workbook.bin')) {
        throw fileProblem(
          'not-spreadsheet',
          `${fileName} is an Excel binary workbook (.xlsb). Open it in Excel and save it as "Excel Workbook (.xlsx)", then import that file.`,
        );
      }
      if (names.has('mimetype') && names.has('content.xml')) {
        throw fileProblem(
          'not-spreadsheet',
          `${fileName} is an OpenDocument file (.ods). Save it as .xlsx (File › Save As › Excel 2007-365) and import that file.`,
        );
      }
      throw fileProblem('not-spreadsheet', `${fileName} is a ZIP archive but not an Excel workbook (.xlsx).`);
    }
    try {
      await verifyZip(path, entries);
    } catch (err) {
      if (err instanceof ZipDamaged) throw damaged(fileName, err.message);
      throw err;
    }
    return { format: 'xlsx', size, entries };
  }

  const start = head.toString('latin1').trimStart().slice(0, 400).toLowerCase();
  if (start.startsWith('%pdf'))
    throw fileProblem('not-spreadsheet', `${fileName} is a PDF, not a spreadsheet.`);
  if (start.startsWith('{\\rtf'))
    throw fileProblem('not-spreadsheet', `${fileName} is an RTF document, not a spreadsheet.`);
  if (
    start.includes('urn:schemas-microsoft-com:office:spreadsheet') ||
    /^<(!doctype html|html|table)\b/.test(start)
  ) {
    throw fileProblem(
      'not-spreadsheet',
      `${fileName} is a web page or an Excel 2003 XML file saved with a spreadsheet name. Open it in Excel and save it as "Excel Workbook (.xlsx)", then import that file.`,
    );
  }
  return { format: 'csv', size };
}

/**
 * Why a reader failed, in words fit for the user: a parser's own message ("Unclosed tag"), never a JavaScript
 * error from inside a library ("Cannot read properties of undefined"), which says nothing about the file.
 */
export function readerReason(err: unknown): string | null {
  if (err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError) return null;
  const line = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return line.trim() === '' ? null : line.slice(0, 200);
}
