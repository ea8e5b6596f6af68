import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import type { CellValue } from '../../shared/import/types';
import { decodeEntities } from '../../shared/import/text';
import { fileProblem, readerReason } from './detect';
import type { MergedRange, RowSource, SheetRow } from './row-source';
import { readEntry, streamEntry, ZipDamaged, type ZipEntry } from './zip';

interface SheetInfo {
  name: string;
  hidden: boolean;
  /** The N of xl/worksheets/sheetN.xml, which is how exceljs's streaming reader names what it reads. */
  fileNo: string | null;
  entry: ZipEntry | null;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = decodeEntities(m[2]!);
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*'([^']*)'/g)) out[m[1]!] = decodeEntities(m[2]!);
  return out;
}

/** Sheet names, visibility and files from xl/workbook.xml and its relationships. */
async function readSheets(path: string, entries: ZipEntry[]): Promise<SheetInfo[]> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbook = (await readEntry(path, byName.get('xl/workbook.xml')!)).toString('utf8');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? (await readEntry(path, relsEntry)).toString('utf8') : '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target);
  }
  const sheets: SheetInfo[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rid ? targets.get(rid) : undefined;
    // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml").
    const entryName = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : null;
    const fileNo = entryName ? (/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entryName)?.[1] ?? null) : null;
    sheets.push({
      name: a.name ?? `Sheet${sheets.length + 1}`,
      hidden: a.state === 'hidden' || a.state === 'veryHidden',
      fileNo,
      entry: entryName ? (byName.get(entryName) ?? null) : null,
    });
  }
  return sheets;
}

/** The most hyperlinks kept from one sheet (one per row of the largest list, several columns over). */
const MAX_LINKS = 1_000_000;

/** A sheet's web hyperlinks: the address by cell (row × 16,384 + column), and the columns that have any. */
interface SheetLinks {
  at: Map<number, string>;
  columns: Set<number>;
}

/** Each tag of a streamed XML part, its text read as UTF-8 across chunk boundaries. */
async function eachTag(
  path: string,
  entry: ZipEntry,
  pattern: RegExp,
  onTag: (tag: string) => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  await streamEntry(path, entry, (chunk) => {
    const text = carry + decoder.write(chunk);
    for (const m of text.matchAll(pattern)) onTag(m[0]);
    const cut = text.lastIndexOf('>');
    carry = text.slice(cut + 1).slice(-8000);
  });
}

/**
 * A copy of a string read out of a larger text. A piece of a string can keep the whole text it was cut from in
 * memory; the addresses are kept for the whole read, and the text they come from is megabytes long.
 */
const copied = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/**
 * A sheet's web hyperlinks. A workbook lists them after its rows (`<hyperlink ref="A2" r:id="rId1"/>`, the
 * address in the sheet's relationships), so the sheet is read once beforehand for them; only when its
 * relationships hold an external web link, so a sheet without one costs nothing. Both parts are streamed: a list
 * of 100,000 linked names has relationships of some 17 MB.
 */
async function readHyperlinks(
  path: string,
  entries: readonly ZipEntry[],
  sheetEntry: ZipEntry | null,
): Promise<SheetLinks | null> {
  if (!sheetEntry) return null;
  const slash = sheetEntry.name.lastIndexOf('/');
  const relsName = `${sheetEntry.name.slice(0, slash)}/_rels/${sheetEntry.name.slice(slash + 1)}.rels`;
  const relsEntry = entries.find((e) => e.name === relsName);
  if (!relsEntry) return null;
  const targets = new Map<string, string>();
  await eachTag(path, relsEntry, /<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => {
    const a = attributes(tag);
    if (a.Id && a.Target && /\/hyperlink$/.test(a.Type ?? '') && /^https?:\/\//i.test(a.Target))
      targets.set(copied(a.Id), copied(a.Target));
  });
  if (targets.size === 0) return null;
  const links: SheetLinks = { at: new Map(), columns: new Set() };
  await eachTag(path, sheetEntry, /<(?:\w+:)?hyperlink\b[^>]*>/g, (tag) => {
    const a = attributes(tag);
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const url = rid ? targets.get(rid) : undefined;
    const [first, last] = (a.ref ?? '').split(':');
    const from = first ? decodeRef(first) : null;
    const to = last ? decodeRef(last) : from;
    if (!url || !from || !to) return;
    for (let r = from.row; r <= to.row && links.at.size < MAX_LINKS; r++) {
      for (let c = from.col; c <= Math.min(to.col, from.col + 50); c++) {
        links.at.set(r * 16_384 + c, url);
        links.columns.add(c);
      }
    }
  });
  return links;
}

/** `HYPERLINK("address", …)` or `HYPERLINK(D2, …)`: the address as text, or the cell giving it. */
const HYPERLINK_FORMULA = /^\s*=?\s*HYPERLINK\s*\(\s*(?:"((?:[^"]|"")*)"|\$?([A-Z]{1,3})\$?(\d+)\s*[,;)])/i;

/**
 * The web address a `=HYPERLINK()` formula links its cell to (a list kept in Excel often links its names so):
 * an address written in the formula, or one in another cell of the same row. Null for anything else (an address
 * built by the formula, a cell on another row).
 */
function formulaLink(v: ExcelValue, row: number, values: readonly ExcelValue[]): string | null {
  if (v === null || typeof v !== 'object' || !('formula' in v)) return null;
  const m = HYPERLINK_FORMULA.exec(String((v as { formula?: unknown }).formula ?? ''));
  if (!m) return null;
  let url: string | null = null;
  if (m[1] !== undefined) url = m[1].replace(/""/g, '"');
  else if (Number(m[3]) === row) {
    const c = toCellValue(values[decodeRef(`${m[2]}1`)?.col ?? 0] ?? null);
    url = typeof c === 'string' ? c : null;
  }
  url = url?.trim() ?? null;
  return url && /^https?:\/\/\S+$/i.test(url) ? url : null;
}

/** A row's links by column, or undefined when it has none. */
function rowLinks(links: SheetLinks, row: number): Map<number, string> | undefined {
  let out: Map<number, string> | undefined;
  for (const c of links.columns) {
    const url = links.at.get(row * 16_384 + c);
    if (url !== undefined) (out ??= new Map()).set(c, url);
  }
  return out;
}

/** Reads `A1` into a 1-based row and column. */
function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

type ExcelValue = ExcelJS.CellValue | undefined;

/**
 * An exceljs cell value as the import sees it. A formula gives the value Excel saved with it (never evaluated
 * here); a formula saved without a value gives `{error: ''}`; rich text is joined; a hyperlink gives its text.
 */
export function toCellValue(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelValue }).result;
      if (result === undefined || result === null) return { error: '' };
      return toCellValue(result);
    }
    if ('error' in v) return { error: String(v.error) };
    if ('text' in v) return toCellValue((v as { text: ExcelValue }).text);
  }
  return null;
}

/** The parts of a workbook exceljs's streaming reader needs before any sheet: relationships, sheets, strings, styles. */
const WORKBOOK_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/** exceljs's streaming reader, as far as the parts it parses before sheets are concerned. */
interface PrimeableReader {
  sharedStrings?: unknown[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
}

/**
 * Reads the workbook's own parts into exceljs's streaming reader before it streams the file, from the ZIP's
 * central directory (each part checked against its CRC), then has the reader skip them when it meets them.
 * In one streaming pass the reader meets them in stored order, and exceljs stores xl/workbook.xml last: the
 * sheets were then parked in temporary files and, on a busy machine, parsed before the workbook was read
 * (exceljs issue 3064, "Cannot read properties of undefined (reading 'sheets')", the styles lost with it).
 * Primed, every sheet is read as it streams past, with the workbook, its strings and its styles known.
 */
async function primeReader(
  reader: PrimeableReader,
  path: string,
  entries: readonly ZipEntry[],
): Promise<void> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const feed = async (name: string, parse: (stream: NodeJS.ReadableStream) => Promise<void>) => {
    const entry = byName.get(name);
    if (!entry) return false;
    const pass = new PassThrough();
    const feeding = streamEntry(path, entry, async (chunk) => {
      if (!pass.write(chunk)) await once(pass, 'drain');
    }).then(
      () => pass.end(),
      (err: unknown) => pass.destroy(err as Error),
    );
    await Promise.all([parse(pass), feeding]);
    return true;
  };
  await feed(WORKBOOK_PARTS[0]!, (s) => reader._parseRels(s));
  await feed(WORKBOOK_PARTS[1]!, (s) => reader._parseWorkbook(s));
  const strings = await feed(WORKBOOK_PARTS[2]!, async (s) => {
    for await (const _ of reader._parseSharedStrings(s)) {
      // cached by the reader, not emitted
    }
  });
  // A workbook with its strings inline has no table of them: an empty one lets the sheets be read at once.
  if (!strings) reader.sharedStrings = [];
  await feed(WORKBOOK_PARTS[3]!, (s) => reader._parseStyles(s));
  // Met again in the stream: skipped (the reader drains each part it does not read).
  reader._parseRels = async () => undefined;
  reader._parseWorkbook = async () => undefined;
  reader._parseSharedStrings = async function* () {
    // already read
  };
  reader._parseStyles = async () => undefined;
}

/** "A", "B", … "AA": a column letter from its 1-based number. */
function columnLetters(n: number): string {
  let out = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

/**
 * Gives rows and cells the references (`r`) that some generators leave out, which the format allows: a row
 * without one follows the row before it, a cell without one the cell before it in its row. exceljs needs them.
 * Works on whole tags; `tail` is what follows the last complete tag of a chunk and waits for the next.
 */
export function createRefFiller() {
  let row = 0;
  let col = 0;
  return (text: string): string =>
    text.replace(
      /<(\/?)((?:\w+:)?)(row|c)\b([^>]*?)(\/?)>/g,
      (tag, close: string, ns: string, name: string, attrs: string, selfClose: string) => {
        if (close) return tag;
        const r = /\sr="([^"]*)"/.exec(attrs)?.[1];
        if (name === 'row') {
          row = r ? Number(r) || row + 1 : row + 1;
          col = 0;
          return r ? tag : `<${ns}row r="${row}"${attrs}${selfClose}>`;
        }
        if (r) {
          const ref = decodeRef(r);
          col = ref ? ref.col : col + 1;
          return tag;
        }
        col++;
        return `<${ns}c r="${columnLetters(col)}${row}"${attrs}${selfClose}>`;
      },
    );
}

/**
 * Reads one sheet of an .xlsx with exceljs's streaming reader, so memory stays flat. The sheet's XML is
 * watched as it streams past for what exceljs does not keep: hidden columns (`<col hidden>`, before the rows)
 * and merged ranges (`<mergeCell>`, after them). The archive was checked whole (directory and checksums) by
 * detectFile first, so exceljs never sees a truncated or altered stream.
 */
export async function openXlsxSource(
  path: string,
  fileName: string,
  fileSize: number,
  entries: ZipEntry[],
  wanted: string | null,
  /** Read the sheet's web hyperlinks too (an import whose mapping takes them). */
  withLinks = false,
): Promise<RowSource> {
  let sheets: SheetInfo[];
  try {
    sheets = await readSheets(path, entries);
  } catch (err) {
    if (err instanceof ZipDamaged)
      throw fileProblem('corrupt', `${fileName} is damaged and cannot be read (${err.message}).`);
    throw err;
  }
  const readable = sheets.filter((s) => s.fileNo !== null && s.entry !== null);
  if (readable.length === 0) throw fileProblem('no-sheet', `${fileName} has no worksheet to read.`);
  const list = sheets.map((s) => ({ name: s.name, hidden: s.hidden }));
  let chosen: SheetInfo | undefined;
  if (wanted !== null) {
    chosen =
      readable.find((s) => s.name === wanted) ??
      readable.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!chosen) {
      throw fileProblem(
        'no-sheet',
        `${fileName} has no sheet named "${wanted}". Its sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
      );
    }
  } else {
    chosen = readable.find((s) => !s.hidden) ?? readable[0]!;
  }
  const sheet = chosen;
  const total = sheet.entry!.size;
  let done = 0;
  const hiddenColumns = new Set<number>();
  const merges: MergedRange[] = [];

  /**
   * Passes the sheet's XML through while noting hidden columns and merged ranges; when its first row or cell
   * has no reference (`r`), every row and cell is given one on the way (createRefFiller).
   */
  async function* watch(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
    let carry = '';
    let inRows = false;
    let afterRows = false;
    let fill: ((text: string) => string) | null | undefined;
    let held = '';
    for await (const raw of chunks) {
      done += raw.length;
      let chunk = raw;
      if (fill === undefined) {
        // Decided once the first row and its first cell (or the end of the rows) have streamed past.
        const text = held + (typeof raw === 'string' ? raw : raw.toString('latin1'));
        const rowTag = /<(?:\w+:)?row\b[^>]*>/.exec(text);
        const cellTag = rowTag ? /<(?:\w+:)?c\b[^>]*>/.exec(text.slice(rowTag.index)) : null;
        const ended = /<\/(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\b[^>]*\/>/.test(text);
        const hasRef = (tag: string) => /\sr="/.test(tag);
        if (rowTag && !hasRef(rowTag[0])) fill = createRefFiller();
        else if (cellTag) fill = hasRef(cellTag[0]) ? null : createRefFiller();
        else if (ended) fill = null;
        if (fill === undefined) {
          held = text;
          continue;
        }
        chunk = Buffer.from(text, 'latin1');
        held = '';
      }
      if (fill) {
        // Tags are rewritten whole: what follows the last '>' waits for the next chunk.
        const text = held + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
        const cut = text.lastIndexOf('>') + 1;
        held = text.slice(cut);
        chunk = Buffer.from(fill(text.slice(0, cut)), 'latin1');
      }
      const text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
      if (!inRows && !afterRows) {
        for (const m of text.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
          const a = attributes(m[0]);
          if (a.hidden === '1' || a.hidden === 'true') {
            const min = Number(a.min);
            const max = Math.min(Number(a.max), min + 16_384);
            for (let c = min; c <= max; c++) if (Number.isInteger(c) && c > 0) hiddenColumns.add(c);
          }
        }
        if (/<(?:\w+:)?sheetData\b/.test(text)) inRows = true;
      }
      if (inRows && /<\/(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\b[^>]*\/>/.test(text)) {
        inRows = false;
        afterRows = true;
      }
      if (afterRows) {
        for (const m of text.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
          const [a, b] = (attributes(m[0]).ref ?? '').split(':');
          const from = a ? decodeRef(a) : null;
          const to = b ? decodeRef(b) : from;
          if (from && to) merges.push({ top: from.row, left: from.col, bottom: to.row, right: to.col });
        }
      }
      // Keep the tail for a tag cut between chunks, but never count a tag twice: cut at the last '>'.
      const cut = text.lastIndexOf('>');
      carry = text.slice(cut + 1).slice(-2000);
      yield chunk;
    }
    if (held) yield Buffer.from(fill ? fill(held) : held, 'latin1');
  }

  let reader: ExcelJS.stream.xlsx.WorkbookReader | null = null;
  return {
    format: 'xlsx',
    fileSize,
    sheets: list,
    sheet: sheet.name,
    encoding: null,
    delimiter: null,
    hiddenColumns,
    merges,
    progress: () => ({ done, total }),
    async *rows(): AsyncGenerator<SheetRow> {
      const wb = new ExcelJS.stream.xlsx.WorkbookReader(path, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'cache',
        entries: 'emit',
      });
      reader = wb;
      let links: SheetLinks | null = null;
      try {
        if (withLinks) links = await readHyperlinks(path, entries, sheet.entry);
        await primeReader(wb as unknown as PrimeableReader, path, entries);
      } catch (err) {
        if (err instanceof ZipDamaged) {
          throw fileProblem('corrupt', `${fileName} is damaged and cannot be read (${err.message}).`);
        }
        throw err;
      }
      let currentFileNo: string | null = null;
      // The typings omit that the reader is an EventEmitter; its 'entry' event names each part as it starts.
      (wb as unknown as import('node:events').EventEmitter).on(
        'entry',
        (e: { type: string; id?: string }) => {
          if (e.type === 'worksheet') currentFileNo = e.id ?? null;
        },
      );
      let found = false;
      try {
        for await (const ws of wb) {
          if (currentFileNo !== sheet.fileNo) {
            // Read past another sheet's XML unparsed. Skipping it unread is not safe: when the shared strings
            // come after the sheets (LibreOffice writes them so), exceljs parks each sheet in a temporary file,
            // opens it, and deletes it once the consumer moves on, so an unread sheet's file vanishes before
            // its stream opens and the process dies of an uncaught ENOENT.
            for await (const _chunk of (ws as unknown as { iterator: AsyncIterable<unknown> }).iterator) {
              // nothing to keep
            }
            continue;
          }
          found = true;
          const wsr = ws as unknown as { iterator: AsyncIterable<Buffer | string> };
          wsr.iterator = watch(wsr.iterator);
          for await (const r of ws) {
            const values = r.values as ExcelValue[];
            const cells: CellValue[] = [];
            let formulas: Map<number, string> | undefined;
            for (let c = 1; c < values.length; c++) {
              cells.push(toCellValue(values[c]));
              const url = withLinks ? formulaLink(values[c], r.number, values) : null;
              if (url) (formulas ??= new Map()).set(c, url);
            }
            let onRow = links ? rowLinks(links, r.number) : undefined;
            // A cell's own hyperlink comes before the formula's (Excel shows and follows that one).
            if (formulas) onRow = new Map([...formulas, ...(onRow ?? [])]);
            yield onRow ? { row: r.number, cells, links: onRow } : { row: r.number, cells };
          }
          break;
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        const reason = readerReason(err);
        throw fileProblem(
          'corrupt',
          `${fileName} cannot be read: the sheet "${sheet.name}" is damaged${reason ? ` (${reason})` : ''}. Open it in Excel or LibreOffice and save it again, then import that copy.`,
        );
      } finally {
        (wb as unknown as { stream?: { destroy(): void } }).stream?.destroy();
      }
      if (!found)
        throw fileProblem(
          'corrupt',
          `${fileName}: the sheet "${sheet.name}" could not be found in the file.`,
        );
    },
    async close() {
      (reader as unknown as { stream?: { destroy(): void } } | null)?.stream?.destroy();
    },
  };
}
