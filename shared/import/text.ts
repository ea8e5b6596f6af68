import type { CellValue } from './types';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  bull: '•',
  middot: '·',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  szlig: 'ß',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
};

/** Decodes the HTML character references that published lists carry (`&amp;`, `&#39;`, `&#x2019;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const HTML_TAG = /<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi;
const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/**
 * Strips HTML fragments copied from web pages ("<p>Hosting<br/>Backups</p>"): block tags become line
 * breaks, other tags disappear, entities are decoded. Only text that looks like markup is touched, so
 * "a < b" survives.
 */
export function stripHtml(text: string): string {
  if (!/<\/?[a-z][a-z0-9]*\b[^<>]*>/i.test(text) && !/&(#x?[0-9a-f]+|[a-z]{2,8});/i.test(text)) return text;
  const withoutTags = text.replace(HTML_TAG, (_tag, name: string) =>
    BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : '',
  );
  return decodeEntities(withoutTags);
}

/** Printable ASCII, not starting or ending with a space, no double space, no markup or entity characters. */
const PLAIN = /^(?! )(?:[!-%'-;=?-~]|(?<! ) (?! ))*(?<! )$/;

/**
 * Cleans one cell's text: HTML removed, tabs, non-breaking and zero-width spaces made plain, runs of spaces
 * collapsed, each line trimmed, blank lines dropped. Keeps line breaks (lists use them); `singleLine` joins
 * the lines with a space for fields such as a name.
 */
export function cleanText(text: string, singleLine = false): string {
  // Most cells are plain printable ASCII with single spaces and no markup: nothing to clean. Checking that
  // first keeps a 100,000-row import from building and discarding millions of strings.
  if (PLAIN.test(text)) return text;
  const lines = stripHtml(text.normalize('NFC'))
    .replace(/[\u200B-\u200D\uFEFF\u00AD]/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\t\u00A0\u2007\u202F\u3000 ]+/g, ' ').trim())
    .filter((l) => l !== '');
  return lines.join(singleLine ? ' ' : '\n');
}

/** An ISO date `YYYY-MM-DD` of a Date, read in UTC (spreadsheet dates carry no time zone). */
export function isoDateOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** True when the cell holds nothing worth reading. */
export function isBlankCell(value: CellValue): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return cleanText(value) === '';
  return false;
}

/** The cell as display text: numbers as written, dates as ISO, booleans as Yes/No, errors as the error code. */
export function cellText(value: CellValue, singleLine = false): string {
  if (value === null) return '';
  if (typeof value === 'string') return cleanText(value, singleLine);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/:00\.000Z$/, 'Z');
  }
  return value.error;
}

/**
 * Splits a list cell into entries: line breaks, semicolons, bullets and pipes always separate; commas too
 * unless `commas` is false. Commas inside parentheses never split ("Cloud (AWS, Azure)").
 */
export function splitList(text: string, commas = true): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    const separator =
      ch === '\n' || ch === ';' || ch === '•' || ch === '|' || ch === '·' || (commas && ch === ',');
    if (separator && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.replace(/^[\s\-–*]+/, '').trim()).filter((s) => s !== '');
}

/** Lower-case, accents removed, punctuation turned into spaces: the form in which words are compared. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The signs that mark a footnote after a word, besides "*": superscript digits and daggers ("Acme¹", "Beta†"). */
export const FOOTNOTE_SIGNS = '¹²³⁴⁵⁶⁷⁸⁹⁰†‡';

/** Footnote marks after a company's name ("WorkOS, Inc.**", "Acme¹", "Beta GmbH†"): no name ends with one. */
const NAME_FOOTNOTE = new RegExp(`\\s*(?:\\*+|[${FOOTNOTE_SIGNS}]+)$`, 'u');
const ENDS_MARKED = new RegExp(`[*${FOOTNOTE_SIGNS}]$`, 'u');

/** A name cell without the footnote mark after it; null when it has none (the field's usual reader takes it). */
export function nameWithoutFootnote(text: string): { ok: true; value: string } | null {
  // A name this long is refused by its field anyway; the mark is looked for only where it can be.
  if (text.length > 400 || !ENDS_MARKED.test(text)) return null;
  const bare = text.replace(NAME_FOOTNOTE, '');
  return bare !== text && bare.trim() !== '' ? { ok: true, value: bare.trim() } : null;
}
