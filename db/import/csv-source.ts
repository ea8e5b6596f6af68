import chardet from 'chardet';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileProblem } from './detect';
import type { RowSource, SheetRow } from './row-source';

const SAMPLE_BYTES = 64 * 1024;

/** Single-byte Western encodings chardet cannot tell apart on a short sample; Excel writes windows-1252. */
const LATIN_FAMILY = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252', 'windows-1254', 'ISO-8859-9']);

export interface EncodingGuess {
  /** An iconv-lite encoding name. */
  encoding: string;
  /** How it was decided, for the inspect result. */
  reason: 'bom' | 'utf16-pattern' | 'valid-utf8' | 'detected' | 'default';
}

/**
 * Finds the text encoding of a CSV or TXT file from its first bytes: a byte-order mark (UTF-8, UTF-16 LE/BE as
 * Excel's "Unicode text" writes it); else the NUL-byte pattern of UTF-16 without a mark; else UTF-8 when the
 * bytes are valid UTF-8 (ASCII is); else chardet's guess when it is sure of a non-Western encoding; else
 * Windows-1252, what Excel on Windows writes in Western Europe (chardet cannot tell it from its ISO-8859
 * relatives on a short sample, and 1252 is their superset for printable characters).
 */
export function detectEncoding(sample: Buffer): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', reason: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', reason: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', reason: 'bom' };
  const n = Math.min(sample.length, 4096) & ~1;
  if (n >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (sample[i] === 0) evenZero++;
      if (sample[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05)
      return { encoding: 'utf-16le', reason: 'utf16-pattern' };
    if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05)
      return { encoding: 'utf-16be', reason: 'utf16-pattern' };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', reason: 'valid-utf8' };
  } catch {
    // Not UTF-8: fall through to detection.
  }
  const best = chardet.analyse(sample)[0];
  if (best && best.confidence >= 50 && !LATIN_FAMILY.has(best.name) && iconv.encodingExists(best.name)) {
    return { encoding: best.name, reason: 'detected' };
  }
  return { encoding: 'windows-1252', reason: 'default' };
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Finds the delimiter from the first records: the one that splits most records into the same number of
 * fields (counted outside quotes, so a quoted "Paris; Berlin" does not count). Excel's `sep=;` first line
 * wins outright. European Excel writes semicolons; "Unicode text" writes tabs.
 */
export function sniffDelimiter(text: string): string {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) return sep[1]!;
  const records: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < 60; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      quoted = !quoted;
    } else if ((ch === '\n' || ch === '\r') && !quoted) {
      if (cur.trim() !== '') records.push(cur);
      cur = '';
    } else {
      // Quoted text counts as one neutral character: delimiters inside quotes are data.
      cur += quoted ? '_' : ch;
    }
  }
  if (cur.trim() !== '' && records.length < 60) records.push(cur);
  let best: { d: string; score: number } = { d: ',', score: 0 };
  for (const d of DELIMITERS) {
    const counts = records.map((r) => r.split(d).length - 1);
    const tally = new Map<number, number>();
    for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, k] of tally)
      if (k > modeCount || (k === modeCount && c > mode)) [mode, modeCount] = [c, k];
    // Records that agree on the field count, weighted a little by how many fields they give.
    const score = modeCount * (1 + Math.log2(1 + mode) / 10);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

/**
 * True for a markdown table (a list copied from a web page or a README): most lines start with "|". Its rows are
 * read between the outer pipes, without the line under the header ("|---|:---:|").
 */
export function isPipeTable(text: string, delimiter: string): boolean {
  if (delimiter !== '|') return false;
  const lines = text
    .split(/\r?\n/, 200)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.filter((l) => l.startsWith('|')).length * 2 > lines.length;
}

const RULE_CELL = /^\s*:?-{3,}:?\s*$/;

/**
 * A markdown table's record as cells: the empty fields outside the outer pipes dropped, links and emphasis read
 * as their text. A cell's first link's address is noted in `links` (by 1-based column).
 */
function pipeCells(record: string[], links?: Map<number, string>): string[] {
  let cells = record;
  if (cells.length > 1 && cells[0]!.trim() === '') cells = cells.slice(1);
  if (cells.length > 1 && cells[cells.length - 1]!.trim() === '') cells = cells.slice(0, -1);
  if (cells.length > 0 && cells.every((c) => RULE_CELL.test(c))) return [];
  // Each pattern fails at once where it cannot match (no nested brackets or marks inside), so a long cell of
  // brackets or stars costs time in its length, not in its square.
  return cells.map((c, i) =>
    c
      .replace(/\[([^[\]]*)\]\(([^()]*)\)/g, (_m, text: string, target: string) => {
        // The address is the target's first word, without the angle brackets it may stand in; a title may
        // follow it ('[Stripe](https://stripe.com "Payments")').
        const url = (target.trim().split(/\s+/)[0] ?? '').replace(/^<(.*)>$/, '$1');
        if (links && !links.has(i + 1) && url !== '') links.set(i + 1, url);
        return text;
      })
      .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1')
      .trim(),
  );
}

/** The largest record accepted: a quote that is never closed would otherwise swallow the rest of the file. */
const MAX_RECORD_CHARS = 1_000_000;

/** Reads a CSV / TXT file as rows of text cells, streaming: memory stays flat whatever the file's size. */
export async function openCsvSource(path: string, fileName: string, size: number): Promise<RowSource> {
  const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
  const fh = await open(path, 'r');
  try {
    await fh.read(sample, 0, sample.length, 0);
  } finally {
    await fh.close();
  }
  const { encoding } = detectEncoding(sample);
  const text = iconv.decode(sample, encoding);
  const probe = text.slice(0, 8192);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point: text has almost none
  const controls = (probe.match(/[\u0000-\u0008\u000E-\u001F]/g) ?? []).length;
  if (controls > 0 && controls > probe.length * 0.01) {
    throw fileProblem(
      'not-text',
      `${fileName} is neither an Excel workbook nor a text (CSV) file. Save the list as .xlsx or .csv and import that.`,
    );
  }
  if (text.trim() === '') throw fileProblem('empty', `${fileName} has no rows.`);
  const delimiter = sniffDelimiter(text.replace(/^\uFEFF/, ''));
  // Excel's "sep=;" first line says which delimiter the file uses; it is not a row of the list.
  const sepLine = /^\uFEFF?sep=.\r?\n/i.test(text);
  const pipes = isPipeTable(text, delimiter);
  let bytesRead = 0;

  return {
    format: 'csv',
    fileSize: size,
    sheets: [],
    sheet: null,
    encoding,
    delimiter,
    hiddenColumns: new Set(),
    merges: [],
    progress: () => ({ done: bytesRead, total: size }),
    async *rows(): AsyncGenerator<SheetRow> {
      const file = createReadStream(path, { highWaterMark: 256 * 1024 });
      file.on('data', (c) => (bytesRead += c.length));
      const decoder = iconv.decodeStream(encoding);
      const parser = parse({
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: false,
        max_record_size: MAX_RECORD_CHARS,
      });
      file.on('error', (err) => parser.destroy(err));
      decoder.on('error', (err: Error) => parser.destroy(err));
      file.pipe(decoder).pipe(parser);
      let row = 0;
      let first = true;
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          if (first) {
            first = false;
            if (sepLine) continue;
          }
          row++;
          const links = pipes ? new Map<number, string>() : undefined;
          const fields = pipes ? pipeCells(record, links) : record;
          const cells = fields.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c) || null);
          yield links && links.size > 0 ? { row, cells, links } : { row, cells };
        }
      } catch (err) {
        const e = err as { code?: string; message: string };
        const where = `after row ${row}`;
        if (e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_MAX_RECORD_SIZE') {
          throw fileProblem(
            'corrupt',
            `${fileName} cannot be read ${where}: a quoted field is never closed.`,
          );
        }
        throw fileProblem('corrupt', `${fileName} cannot be read ${where}: ${e.message}`);
      } finally {
        file.destroy();
      }
    },
    close: async () => undefined,
  };
}
