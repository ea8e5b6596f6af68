import { MONTHS as MONTH_LABELS } from '../rules/calendar';
import type { CellValue, DateOrder } from './types';
import { foldText, isoDateOf } from './text';

/** The outcome of reading one date cell. */
export type DateParse =
  | { ok: true; value: string }
  | { ok: false; ambiguous: true; message: string }
  | { ok: false; ambiguous: false; message: string };

const MONTHS: Record<string, number> = {};
/** Month names in English, French and German, then Spanish, Italian, Dutch, Portuguese, the Nordic languages and Polish. */
const MONTH_NAMES: [number, string[]][] = [
  [
    1,
    [
      'january',
      'jan',
      'janvier',
      'janv',
      'januar',
      'jänner',
      'janner',
      'enero',
      'gennaio',
      'januari',
      'janeiro',
      'styczeń',
      'stycznia',
    ],
  ],
  [
    2,
    [
      'february',
      'feb',
      'fevrier',
      'fev',
      'fevr',
      'februar',
      'febrero',
      'febbraio',
      'februari',
      'fevereiro',
      'luty',
      'lutego',
    ],
  ],
  [
    3,
    ['march', 'mar', 'mars', 'marz', 'maerz', 'mrz', 'marzo', 'maart', 'março', 'marts', 'marzec', 'marca'],
  ],
  [4, ['april', 'apr', 'avril', 'avr', 'abril', 'aprile', 'kwiecień', 'kwietnia']],
  [5, ['may', 'mai', 'mayo', 'maggio', 'mei', 'maio', 'maj', 'maja']],
  [6, ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'junho', 'czerwiec', 'czerwca']],
  [7, ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'luglio', 'julho', 'lipiec', 'lipca']],
  [8, ['august', 'aug', 'aout', 'agosto', 'augustus', 'augusti', 'sierpień', 'sierpnia']],
  [
    9,
    [
      'september',
      'sep',
      'sept',
      'septembre',
      'septiembre',
      'setiembre',
      'settembre',
      'setembro',
      'wrzesień',
      'września',
    ],
  ],
  [
    10,
    [
      'october',
      'oct',
      'octobre',
      'oktober',
      'okt',
      'octubre',
      'ottobre',
      'outubro',
      'październik',
      'października',
    ],
  ],
  [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada']],
  [
    12,
    [
      'december',
      'dec',
      'decembre',
      'dezember',
      'dez',
      'diciembre',
      'dicembre',
      'dezembro',
      'desember',
      'grudzień',
      'grudnia',
    ],
  ],
];
for (const [n, names] of MONTH_NAMES) for (const name of names) MONTHS[foldText(name)] = n;

/** Excel's day zero in the 1900 date system (its 1900 leap-year bug makes serials from 61 on count from here). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials between 1 Jan 1950 and 31 Dec 2199: a plausible date in a register, not an amount or an id. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 109_573;

function build(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDateOf(date);
}

function fullYear(y: string): number {
  const n = Number(y);
  // Two-digit years: 00–49 are this century, 50–99 the last, as Excel reads them.
  if (y.length <= 2) return n < 50 ? 2000 + n : 1900 + n;
  return n;
}

/** Reads an Excel serial day number (1900 system) as a date, when it is a plausible one. */
export function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
  return isoDateOf(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000));
}

/** The two numbers of a `n/n/yyyy` date, for judging a column's order. */
export function numericDateParts(text: string): { first: number; second: number } | null {
  const m = /^\s*(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})(?:[ T].*)?$/.exec(text);
  if (!m) return null;
  return { first: Number(m[1]), second: Number(m[2]) };
}

/**
 * A date written inside a cell of words: ISO, day-first with dots, n/n/yyyy, and a written month
 * ("1 May 2023", "May 1st, 2023"). parseDateCell decides whether it is a real date; the forms are those it reads.
 */
export const DATE_IN_WORDS =
  /\b(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}(?:st|nd|rd|th|er)?\.?\s+\p{L}{3,}\.?\s+\d{4}|\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b/u;
/**
 * Reads one date cell into `YYYY-MM-DD`. Accepts xlsx date cells, Excel serial numbers, ISO dates (with or
 * without a time), `dd.mm.yyyy` (always day first, as German and French lists write it), `n/n/yyyy` and
 * `n-n-yyyy` (day or month first: decided by a value above 12, else by `order`, else reported as ambiguous),
 * and written months in English, French and German ("15 March 2024", "March 15, 2024", "15. März 2024").
 */
export function parseDateCell(value: CellValue, order?: DateOrder): DateParse {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, ambiguous: false, message: 'This is not a valid date.' }
      : { ok: true, value: isoDateOf(value) };
  }
  if (typeof value === 'number') {
    const iso = fromExcelSerial(value);
    return iso
      ? { ok: true, value: iso }
      : { ok: false, ambiguous: false, message: `${value} is not a date.` };
  }
  if (typeof value !== 'string') return { ok: false, ambiguous: false, message: 'This is not a date.' };
  const text = value.trim();
  const fail = {
    ok: false as const,
    ambiguous: false as const,
    message: `"${text}" is not a date we can read; use YYYY-MM-DD.`,
  };

  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    );
  if (m) {
    const iso = build(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { ok: true, value: iso } : { ...fail, message: `"${text}" is not a real date.` };
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const iso = fromExcelSerial(Number(text));
    if (iso) return { ok: true, value: iso };
  }
  m = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})(?:\s.*)?$/.exec(text);
  if (m) {
    const iso = build(fullYear(m[3]!), Number(m[2]), Number(m[1]));
    return iso ? { ok: true, value: iso } : { ...fail, message: `"${text}" is not a real date.` };
  }
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?)?$/i.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    const proves: DateOrder | undefined = a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : undefined;
    if (order && proves && proves !== order) {
      // The user said which order the column uses; a value that cannot be read that way is an error, not a
      // silent switch.
      return {
        ...fail,
        message: `"${text}" cannot be ${order === 'dmy' ? 'day' : 'month'} first as chosen for this column.`,
      };
    }
    const chosen: DateOrder | undefined = proves ?? order ?? (a === b ? 'dmy' : undefined);
    if (!chosen) {
      return {
        ok: false,
        ambiguous: true,
        message: `"${text}" could be ${a} ${monthName(b)} or ${b} ${monthName(a)}: choose the date order for this column.`,
      };
    }
    const iso = chosen === 'dmy' ? build(y, b, a) : build(y, a, b);
    return iso ? { ok: true, value: iso } : { ...fail, message: `"${text}" is not a real date.` };
  }
  // "31 de diciembre de 2024", "1 di luglio 2025": the linking words go.
  const words = foldText(text)
    .split(' ')
    .filter((w) => w !== 'de' && w !== 'di' && w !== 'del' && w !== 'of')
    // "December 31st, 2025", "7th April 2023", "1er janvier 2024": the day without its ordinal ending.
    .map((w) => w.replace(/^(\d{1,2})(?:st|nd|rd|th|er|e|o)$/, '$1'));
  // "15 march 2024" / "15 mars 2024" / "15 marz 2024"
  if (words.length === 3) {
    const [w0, w1, w2] = words as [string, string, string];
    if (/^\d{1,2}$/.test(w0) && MONTHS[w1] && /^\d{4}$/.test(w2)) {
      const iso = build(Number(w2), MONTHS[w1]!, Number(w0));
      if (iso) return { ok: true, value: iso };
    }
    if (MONTHS[w0] && /^\d{1,2}$/.test(w1) && /^\d{4}$/.test(w2)) {
      const iso = build(Number(w2), MONTHS[w0]!, Number(w1));
      if (iso) return { ok: true, value: iso };
    }
  }
  return fail;
}

function monthName(n: number): string {
  return MONTH_LABELS[n - 1] ?? String(n);
}

/** What a column's `n/n/yyyy` values prove about their order, tallied across the whole column. */
export interface DateOrderTally {
  dayFirst: number;
  monthFirst: number;
  ambiguous: number;
}

/** Adds one cell to a column's tally. */
export function tallyDateOrder(tally: DateOrderTally, value: CellValue): void {
  if (typeof value !== 'string') return;
  let parts = numericDateParts(value);
  // A date among words ("Signed 05/01/2023"), for a status column whose cells carry dates.
  if (!parts && value.length <= 300) {
    const m = /(?:^|\D)(\d{1,2})[/-](\d{1,2})[/-](?:\d{4}|\d{2})(?!\d)/.exec(value);
    if (m) parts = { first: Number(m[1]), second: Number(m[2]) };
  }
  if (!parts || /^\s*\d{1,2}\.\d{1,2}\./.test(value)) return;
  if (parts.first > 12 && parts.second <= 12) tally.dayFirst++;
  else if (parts.second > 12 && parts.first <= 12) tally.monthFirst++;
  else if (parts.first !== parts.second && parts.first <= 12 && parts.second <= 12) tally.ambiguous++;
}

/**
 * The date order a column's values show: proved by any value with a part above 12, "ambiguous" when all of
 * them could be read either way, "mixed" when some prove each order, null when the column holds no such dates.
 */
export function judgeDateOrder(t: DateOrderTally): 'dmy' | 'mdy' | 'ambiguous' | 'mixed' | null {
  if (t.dayFirst > 0 && t.monthFirst > 0) return 'mixed';
  if (t.dayFirst > 0) return 'dmy';
  if (t.monthFirst > 0) return 'mdy';
  return t.ambiguous > 0 ? 'ambiguous' : null;
}
