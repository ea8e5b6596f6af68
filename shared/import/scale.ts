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

/** Words that name the top or the bottom of a scale in a header ("1 = high", "5 (lowest)"). */
const TOP =
  /^(?:high|highest|very high|critical|severe|max(?:imum)?|worst|élevé|eleve|très élevé|hoch|sehr hoch|kritisch|hohes?)$/;
const BOTTOM =
  /^(?:low|lowest|very low|minimal|min(?:imum)?|best|none|faible|bas|très faible|niedrig|gering|sehr niedrig)$/;

/** Reads a scale a header states: "1-5", "1 to 10", "(0–100)", "/5", "out of 10", "1 = high … 5 = low". */
export function headerScale(header: string): NumberScale | null {
  const h = header.toLowerCase().replace(/\s+/g, ' ');
  // Numbers given a meaning: "1 = low, 5 = high", "1 (highest) – 4 (lowest)", "5: critical".
  const meant = new Map<number, 'top' | 'bottom'>();
  for (const m of h.matchAll(/\b(\d{1,3})\s*(?:=|:|\(|-|–)\s*([a-zéè]+(?: [a-zéè]+)?)/g)) {
    const n = Number(m[1]);
    const words = m[2]!.trim();
    const first = words.split(' ')[0]!;
    if (TOP.test(words) || TOP.test(first)) meant.set(n, 'top');
    else if (BOTTOM.test(words) || BOTTOM.test(first)) meant.set(n, 'bottom');
  }
  const range = /\b([01])\s*(?:-|–|—|to|bis|à|a|\.\.)\s*(\d{1,3})\b/.exec(h);
  const outOf = /(?:\/|\bout of\b|\bsur\b|\bvon\b)\s*(\d{1,3})\b/.exec(h);
  let ends: [number, number] | null = null;
  if (range) ends = [Number(range[1]), Number(range[2])];
  else if (outOf) ends = [1, Number(outOf[1])];
  else if (meant.size === 2) {
    const [a, b] = [...meant.keys()].sort((x, y) => x - y) as [number, number];
    ends = [a, b];
  }
  if (!ends || ends[1] < 2 || ends[1] <= ends[0]) return null;
  const [lo, hi] = ends;
  // Which end is the top: "1 = high" or "5 = low" turns the scale round.
  const reversed = meant.get(lo) === 'top' || meant.get(hi) === 'bottom';
  return reversed ? { low: hi, high: lo } : { low: lo, high: hi };
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
  const from = numbers.min === 0 ? 0 : 1;
  for (const top of [from === 0 ? k - 1 : k, 5, 10]) {
    if (top > from && numbers.max <= top) return { low: from, high: top };
  }
  if (numbers.max <= 100 && /\b(?:score|points?|punkte|%|percent|pourcentage)\b|%/.test(header.toLowerCase()))
    return { low: 0, high: 100 };
  return null;
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
