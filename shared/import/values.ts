import type { CellValue } from './types';
import { cellText, foldText } from './text';

/** A value read from a cell, or why it could not be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const TRUE_WORDS = new Set(
  [
    'yes',
    'y',
    'true',
    '1',
    'x',
    'oui',
    'o',
    'vrai',
    'ja',
    'j',
    'wahr',
    'si',
    'sí',
    'sì',
    'sim',
    'tak',
    'kyllä',
    'checked',
    'ok',
    'in place',
    'done',
  ].map(foldText),
);
const FALSE_WORDS = new Set(
  [
    'no',
    'n',
    'false',
    '0',
    'non',
    'faux',
    'nein',
    'falsch',
    'unchecked',
    'none',
    'not in place',
    'nee',
    'nej',
    'nei',
    'não',
    'nie',
    'ei',
  ].map(foldText),
);
/** Ticks and crosses as people type or paste them (✓ ✔ ☑ ✅ and ✗ ✘ ☐ ❌ ☒). */
const TICKS = /^[\u2713\u2714\u2611\u2705]$/u;
const CROSSES = /^[\u2717\u2718\u2610\u274C\u274E\u2612-]$/u;

/** Reads yes/no in English, French, German and the other languages of European registers, 1/0, TRUE/FALSE cells, and ticks (✓ ✔ ☑) or crosses (✗ ☐). */
export function parseBoolean(value: CellValue): Parsed<boolean> {
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number' && (value === 0 || value === 1)) return { ok: true, value: value === 1 };
  const text = cellText(value, true);
  if (TICKS.test(text)) return { ok: true, value: true };
  if (CROSSES.test(text)) return { ok: true, value: false };
  const folded = foldText(text);
  if (TRUE_WORDS.has(folded)) return { ok: true, value: true };
  if (FALSE_WORDS.has(folded)) return { ok: true, value: false };
  return { ok: false, message: `"${text}" is not yes or no.` };
}

/**
 * Reads a whole number, with an optional unit ("30 days", "72 h", "2 Tage"). `unit` converts days to hours
 * for fields counted in hours.
 */
export function parseInteger(value: CellValue, unit: 'days' | 'hours'): Parsed<number> {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { ok: true, value }
      : { ok: false, message: `${value} is not a whole number.` };
  }
  const text = cellText(value, true);
  const m = /^(\d{1,5})\s*([\p{L}.]*)$/u.exec(text);
  if (!m)
    return { ok: false, message: `"${text}" is not a number${unit === 'hours' ? ' of hours' : ' of days'}.` };
  const n = Number(m[1]);
  const word = foldText(m[2] ?? '');
  const isDays = /^(d|day|days|jour|jours|j|tag|tage|tagen)$/.test(word);
  const isHours = /^(h|hr|hrs|hour|hours|heure|heures|std|stunde|stunden)$/.test(word);
  if (word && !isDays && !isHours)
    return { ok: false, message: `"${text}": the unit "${m[2]}" is not days or hours.` };
  if (unit === 'hours') return { ok: true, value: isDays ? n * 24 : n };
  if (isHours)
    return n % 24 === 0
      ? { ok: true, value: n / 24 }
      : { ok: false, message: `"${text}" is not whole days.` };
  return { ok: true, value: n };
}

/** Words for each value of an enum field, folded; the first of each list is the value itself. */
export type EnumWords<T extends string> = Record<T, readonly string[]>;

/** Builds a reader for an enum field from its words in English, French and German. */
export function enumReader<T extends string>(
  words: EnumWords<T>,
  what: string,
): (value: CellValue) => Parsed<T> {
  // A word is looked up folded ("Signé" as "signe"); a sign, which folding empties (✓, ✗), as itself: folded, every
  // sign would be the same empty word, and a cross would read as whatever tick came last.
  const key = (text: string) => foldText(text) || text.trim();
  const lookup = new Map<string, T>();
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][]) {
    lookup.set(key(value), value);
    for (const w of list) lookup.set(key(w), value);
  }
  const allowed = Object.keys(words).join(', ');
  return (value) => {
    const text = cellText(value, true);
    const folded = key(text);
    const bare = text.replace(/\(.*?\)/g, '');
    const hit =
      (folded ? lookup.get(folded) : undefined) ?? (bare.trim() ? lookup.get(key(bare)) : undefined);
    return hit
      ? { ok: true, value: hit }
      : { ok: false, message: `"${text}" is not a ${what} we know (${allowed}).` };
  };
}
