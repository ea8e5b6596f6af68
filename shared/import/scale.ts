import type { ImportFieldSpec } from './profile';
import { optionLabel } from './profile';
import type { NumberScale } from './types';

/**
 * Ratings given as numbers. A register's ordered enum (a risk rating: Low, Medium, High, Critical) reads a column
 * of numbers on the column's own scale: lists rate on 1–3, 1–4, 1–5 or 1–10, some with 1 as the highest. The
 * scale comes from the header ("Risk (1-5)", "Risk score /10", "1 = high") or, failing that, from the values; a
 * scale that neither gives is not guessed (numbers past the register's own 1–4 are reported).
 */

/** The numbers a column holds: its smallest and largest whole number (0–999), or null when it holds none. */
export interface NumberRange {
  min: number;
  max: number;
}

/** Words that put a number at the top or the bottom of a scale in a header ("1 = high", "5 (lowest)"). */
const TOP =
  /\b(?:high|highest|critical|most critical|severe|max|maximum|worst|most|élevé|eleve|hoch|höchste|kritisch)\b/;
const BOTTOM = /\b(?:low|lowest|least|min|minimal|minimum|none|faible|bas|niedrig|gering|niedrigste)\b/;

/** Which end each number a header explains stands at: "1 = low, 5 = high", "high=1", "1 (highest) – 3 (lowest)". */
function meanings(h: string): Map<number, 'top' | 'bottom'> {
  const out = new Map<number, 'top' | 'bottom'>();
  const put = (n: number, words: string) => {
    const top = TOP.test(words);
    const bottom = BOTTOM.test(words);
    if (top !== bottom) out.set(n, top ? 'top' : 'bottom');
  };
  for (const m of h.matchAll(/(?<![\d/.])(\d{1,3})\s*(?:=|:|\(|-|–|is|being)\s*((?:[a-zéèöü]+ ?){1,3})/g))
    put(Number(m[1]), m[2]!);
  for (const m of h.matchAll(/([a-zéèöü]+(?: [a-zéèöü]+)?)\s*(?:=|:)\s*(\d{1,3})(?![\d/.])/g))
    if (!out.has(Number(m[2]))) put(Number(m[2]), m[1]!);
  return out;
}

/** The ends a header states: "1-5", "1 to 10", "(0–100)", "/5", "out of 10"; or the numbers it explains. */
function statedEnds(h: string, meant: Map<number, 'top' | 'bottom'>): [number, number] | null {
  // Not a date ("as at 1-12-2024", "31/12/2024") nor a year ("FY2024/25").
  const range = /(?<![\d/.-])([01])\s*(?:-|–|—|to|bis|à|a|\.\.)\s*(\d{1,3})(?!\d|\s*[-/.]\s*\d)/.exec(h);
  const outOf = /(?:(?<![\d/.])\/|\bout of\b|\bsur\b|\bvon\b)\s*(\d{1,3})(?![\d/.])/.exec(h);
  if (range) return [Number(range[1]), Number(range[2])];
  if (outOf) return [1, Number(outOf[1])];
  if (meant.size >= 2) {
    const ns = [...meant.keys()];
    return [Math.min(...ns), Math.max(...ns)];
  }
  return null;
}

/**
 * Whether a header puts its scale's top at its smallest number ("1 = high", "1 = most critical", "low=5"), at its
 * largest, or says nothing of it (null).
 */
function statedTopIsSmallest(
  meant: Map<number, 'top' | 'bottom'>,
  ends: [number, number] | null,
): boolean | null {
  const tops = [...meant].filter(([, w]) => w === 'top').map(([n]) => n);
  const bottoms = [...meant].filter(([, w]) => w === 'bottom').map(([n]) => n);
  if (tops.length > 0 && bottoms.length > 0) return Math.min(...tops) < Math.min(...bottoms);
  const [lo, hi] = ends ?? [1, 1];
  const near = (n: number) => (n - lo <= hi - n ? 'small' : 'large');
  if (tops.length > 0) return near(Math.min(...tops)) === 'small';
  if (bottoms.length > 0) return near(Math.max(...bottoms)) === 'large';
  return null;
}

/** Reads the scale a header states ("Risk (1-5)", "/10", "1 = high … 5 = low"), the right way up; null if none. */
export function headerScale(header: string): NumberScale | null {
  const h = header.toLowerCase().replace(/\s+/g, ' ');
  const meant = meanings(h);
  const ends = statedEnds(h, meant);
  if (!ends || ends[1] < 2 || ends[1] <= ends[0]) return null;
  const [lo, hi] = ends;
  return statedTopIsSmallest(meant, ends) ? { low: hi, high: lo } : { low: lo, high: hi };
}

/** A header that says which end is the top without giving the ends ("Risk ranking (1 = highest risk)"). */
function headerTopIsSmallest(header: string, ends: [number, number]): boolean | null {
  const h = header.toLowerCase().replace(/\s+/g, ' ');
  return statedTopIsSmallest(meanings(h), ends);
}

/** The scale read when nothing says otherwise: 1 for the lowest value, up to one number per value. */
export function defaultScale(spec: ImportFieldSpec): NumberScale {
  return { low: 1, high: spec.scale!.length };
}

/**
 * The scale of a column mapped to an ordered enum: the header's, else the smallest usual scale its numbers fit
 * (1–4 for a four-value rating, then 1–5, 1–10; from 0 when a 0 appears). Null when the column holds no numbers,
 * or numbers no usual scale holds and the header does not say (0–100 only when the header says it is a score).
 */
export function judgeScale(
  spec: ImportFieldSpec,
  header: string,
  numbers: NumberRange | null,
): NumberScale | null {
  if (!spec.scale) return null;
  const stated = headerScale(header);
  if (stated) return stated;
  if (!numbers) return null;
  const k = spec.scale.length;
  // A 0 is not taken to start the scale: lists write it for "not rated", and it is reported, not read as Low.
  const score = /\b(?:score|points?|punkte|percent|pourcentage)\b|%/.test(header.toLowerCase());
  let top: number | null = null;
  for (const t of score ? [k, 5, 10, 25, 100] : [k, 5, 10]) {
    if (numbers.max <= t) {
      top = t;
      break;
    }
  }
  if (top === null) return null;
  const from = top === 100 ? 0 : 1;
  return headerTopIsSmallest(header, [from, top]) ? { low: top, high: from } : { low: from, high: top };
}

/** Where a whole number falls on a scale: the enum value, or null when it is off the scale. */
export function onScale(spec: ImportFieldSpec, scale: NumberScale, n: number): string | null {
  const values = spec.scale!;
  const k = values.length;
  const { low, high } = scale;
  const p = (n - low) / (high - low);
  if (!(p >= 0 && p <= 1)) return null;
  const points = Math.abs(high - low) + 1;
  // A scale with no more points than values reads one value per point, from the lowest ("1 Low, 2 Medium,
  // 3 High" on 1–3); a longer one is cut into equal bands (1–5: 1–2 Low, 3 Medium, 4 High, 5 Critical).
  const i = points <= k ? Math.abs(n - low) : Math.max(0, Math.ceil(p * k) - 1);
  return values[Math.min(i, k - 1)]!;
}

/** "1–2 Low, 3 Medium, 4 High, 5 Critical": what each number of a scale reads as, in increasing numbers. */
export function describeScale(spec: ImportFieldSpec, scale: NumberScale): string {
  const lo = Math.min(scale.low, scale.high);
  const hi = Math.max(scale.low, scale.high);
  const bands: { from: number; to: number; value: string }[] = [];
  for (let n = lo; n <= hi; n++) {
    const v = onScale(spec, scale, n)!;
    const last = bands[bands.length - 1];
    if (last && last.value === v) last.to = n;
    else bands.push({ from: n, to: n, value: v });
  }
  return bands
    .map((b) => `${b.from === b.to ? b.from : `${b.from}–${b.to}`} ${optionLabel(spec, b.value)}`)
    .join(', ');
}

/** "1–5" or "5–1 (1 highest)": a scale as the command line and the mapping name it. */
export function scaleName(scale: NumberScale): string {
  return scale.low < scale.high
    ? `${scale.low}–${scale.high}`
    : `${scale.high}–${scale.low}, ${scale.high} highest`;
}

/** `--scale 1-5` / `5-1`: the lowest number, then the highest. */
export function parseScale(text: string): NumberScale | null {
  const m = /^\s*(\d{1,3})\s*(?:-|–|to|:)\s*(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const low = Number(m[1]);
  const high = Number(m[2]);
  return low === high ? null : { low, high };
}

/** A cell's whole number on a scale (3, "3", " 4 "), or null when the cell is not one. */
export function wholeNumber(raw: unknown, text: string): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw < 1000 ? raw : null;
  return /^\d{1,3}$/.test(text) ? Number(text) : null;
}
