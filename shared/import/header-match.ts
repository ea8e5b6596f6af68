import { editDistance, legalFormOf } from '../legal-name';
import { parseCountryCell } from './countries-cell';
import { parseDateCell } from './dates';
import { cellText, foldText } from './text';
import type { ImportFieldSpec, ImportProfile } from './profile';
import { wordsBesideDate } from './row';
import { wholeNumber } from './scale';
import type { CellValue } from './types';
import { parseBoolean, parseInteger } from './values';

/** Filler words of headers in English, French and German ("Name of the Subprocessor", "Pays de traitement"). */
const STOPWORDS = new Set([
  'of',
  'the',
  'a',
  'an',
  'for',
  'to',
  'with',
  'by',
  'in',
  'is',
  'are',
  'if',
  'applicable',
  'possible',
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'l',
  'd',
  'et',
  'and',
  'und',
  'der',
  'die',
  'das',
  'den',
  'dem',
  'von',
  'vom',
  'zu',
  'zur',
  'zum',
  's',
]);

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** A header's words as compared: folded, filler words dropped, plurals made singular. */
export function headerWords(header: string): string[] {
  return foldText(header)
    .split(' ')
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .map(singular);
}

/** The key a mapping preset stores a header under, so "Location(s) " and "location(s)" are the same column. */
export function presetKey(header: string): string {
  return foldText(header.replace(/\s\(\d+\)$/, ''));
}

interface CompiledField {
  field: string;
  exact: string[];
  phrases: string[][];
  exclude: Set<string>;
  weak: string[];
}

const compiled = new WeakMap<ImportProfile, CompiledField[]>();

/** A profile's header vocabulary as word lists, made once per profile. */
function compile(profile: ImportProfile): CompiledField[] {
  let out = compiled.get(profile);
  if (out) return out;
  out = profile.fields.map((f) => {
    const s = f.synonyms;
    return {
      field: f.name,
      exact: [...(s.exact ?? []), ...s.phrases].map((p) => headerWords(p).join(' ')),
      phrases: s.phrases.map(headerWords).filter((w) => w.length > 0),
      exclude: new Set((s.exclude ?? []).flatMap(headerWords)),
      weak: (s.weak ?? []).map((p) => headerWords(p).join(' ')),
    };
  });
  compiled.set(profile, out);
  return out;
}

/** The score of a weak synonym: below a known header or a phrase covering most of one. */
const WEAK_SCORE = 0.75;

export interface HeaderCandidate {
  field: string;
  /** 1 for a known header word for word, less for a header that contains one or is a near miss. */
  score: number;
}

/**
 * Candidate fields for one header, best first: a known header word for word (1.0), a header that contains a
 * known phrase (0.55–0.95, more the more of the header it covers), or a near miss of a known header by a
 * typo or two (0.85). Generic words ("Name", "Type") match only alone; words such as "location" inside a
 * header stop it matching a field it is not about ("Subprocessor location" is not a name).
 */
export function headerCandidates(profile: ImportProfile, header: string): HeaderCandidate[] {
  const words = headerWords(header.replace(/\(([^)]*)\)/g, ' $1 '));
  const bare = headerWords(header.replace(/\([^)]*\)/g, ' '));
  const out: HeaderCandidate[] = [];
  for (const variant of words.join(' ') === bare.join(' ') ? [words] : [bare, words]) {
    if (variant.length === 0) continue;
    const joined = variant.join(' ');
    const set = new Set(variant);
    for (const c of compile(profile)) {
      let best = 0;
      if (c.exact.includes(joined)) best = 1;
      else if (c.weak.includes(joined)) best = WEAK_SCORE;
      const excluded = variant.some((w) => c.exclude.has(w));
      if (best < 1 && !excluded) {
        for (const p of c.phrases) {
          if (p.every((w) => set.has(w))) best = Math.max(best, 0.55 + 0.4 * (p.length / variant.length));
        }
        if (joined.length >= 6) {
          const allowed = joined.length >= 12 ? 2 : 1;
          for (const e of c.exact) {
            if (
              Math.abs(e.length - joined.length) <= allowed &&
              editDistance(e, joined, allowed) <= allowed
            ) {
              best = Math.max(best, 0.85);
            }
          }
        }
      }
      if (best > 0) {
        const prior = out.find((o) => o.field === c.field);
        if (prior) prior.score = Math.max(prior.score, best);
        else out.push({ field: c.field, score: Math.min(1, best) });
      }
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** A status with its date in one cell ("Signed 13/01/2023", "Expired (2024-12-31)") fits its field. */
function datedFits(spec: ImportFieldSpec, text: string): boolean {
  const words = wordsBesideDate(spec, text);
  return words?.date != null && words.value !== null;
}

/** A bare answer to a question ("Yes", "N", "Oui", "✓"): proves no field by itself. */
const BARE_ANSWER = /^(?:(yes|y|ja|oui|si|sí|true|wahr|vrai|x|✓|✔)|no|n|nein|non|false|falsch|faux|✗|✘)$/i;
const bareAnswer = (v: CellValue): 'yes' | 'no' | null => {
  const m = BARE_ANSWER.exec(cellText(v, true));
  return m ? (m[1] ? 'yes' : 'no') : null;
};

const isNumber = (v: CellValue) => wholeNumber(v, cellText(v, true)) !== null;

/** True when a cell's value reads as the field's kind (a date for a date field, yes/no for a flag...). */
export function valueFits(profile: ImportProfile, field: string, value: CellValue): boolean {
  const spec = profile.byName.get(field);
  if (!spec) return false;
  const own = spec.read?.(cellText(value, true));
  if (own) return own.ok;
  switch (spec.kind) {
    case 'bool':
      return parseBoolean(value).ok;
    case 'date': {
      const d = parseDateCell(value);
      return d.ok || d.ambiguous;
    }
    case 'enum':
      // A rating column of numbers reads on its own scale (scale.ts).
      if ((spec.scale !== undefined && isNumber(value)) || spec.enumRead!(value).ok) return true;
      return spec.dated !== undefined && datedFits(spec, cellText(value, true));
    case 'country':
    case 'countries': {
      const c = parseCountryCell(value);
      return c.unknown.length === 0 && c.countries.length + c.regions.length > 0;
    }
    case 'int':
      return parseInteger(value, spec.unit ?? 'days').ok;
    default:
      return cellText(value) !== '';
  }
}

export interface ColumnForMatching {
  column: number;
  header: string;
  /** Some non-empty values of the column, to check that they fit the suggested field. */
  samples: readonly CellValue[];
  /** The label of the group it stands under in a row of groups above the header ("DPA" over "Status"). */
  group?: string | null;
  /** The column whose header is merged over this one too ("Sub-processor" over a brand and a legal entity). */
  continues?: number | null;
}

export interface Suggestion {
  column: number;
  field: string | null;
  confidence: number;
  /** Share of the sample values that read as the field (1 when there were none). */
  fit: number;
}

/**
 * A header's candidates read with its group ("DPA" + "Status" is the DPA status): where the group and header
 * together name a field well, the header alone only backs that reading up.
 */
function groupedCandidates(profile: ImportProfile, col: ColumnForMatching): HeaderCandidate[] {
  const own = headerCandidates(profile, col.header);
  if (!col.group) return own;
  const grouped = headerCandidates(profile, `${col.group} ${col.header}`).filter((c) => c.score >= 0.9);
  if (grouped.length === 0) return own;
  const out = grouped.map((c) => ({ ...c }));
  for (const c of own)
    if (!out.some((o) => o.field === c.field))
      out.push({ field: c.field, score: Math.max(0, c.score - 0.2) });
  return out.sort((a, b) => b.score - a.score);
}

/** Below this share of sample values that read as the field, a header match is not trusted. */
export const VALUES_MUST_FIT = 0.6;

/** Kinds any text fits, so their values prove nothing. */
const FREE_TEXT = new Set(['text', 'longText', 'labels', 'refs']);
/** Kinds whose values prove a field: a closed set of words, countries. */
const PROVING = new Set(['enum', 'countries', 'country']);
/** How a field found by its values alone ranks beside header matches. */
const PROVEN_SCORE = 0.6;

/**
 * The one field a column's values prove: at least three values, nine in ten reading as that field's closed set of
 * words or as countries, and no other field as well proven (countries over one country when both read).
 */
export function provenField(
  profile: ImportProfile,
  samples: readonly CellValue[],
): { field: string; fit: number } | null {
  if (samples.length < 3) return null;
  // A yes or a no answers whatever the header asks: it proves no status, and is left out of an enum's count.
  // A number names no rating by itself: a column of counts does not prove a risk rating.
  const worded = samples.filter((v) => bareAnswer(v) === null);
  const fits = profile.fields
    .filter((f) => PROVING.has(f.kind))
    .map((f) => {
      const pool = f.kind === 'enum' ? worded : samples;
      const fitting = pool.filter((v) => valueFits(profile, f.name, v) && !(f.scale && isNumber(v)));
      return { field: f.name, kind: f.kind, fit: pool.length >= 3 ? fitting.length / pool.length : 0 };
    })
    .filter((f) => f.fit >= 0.9);
  if (fits.length === 0) return null;
  const lists = fits.filter((f) => f.kind === 'countries');
  const pick = lists.length === 1 ? lists : fits;
  if (pick.length !== 1) return null;
  return { field: pick[0]!.field, fit: pick[0]!.fit };
}

/** The column's sample values a suggestion weighs: its first 30 filled ones. */
const filledSamples = (col: ColumnForMatching) => col.samples.filter((v) => cellText(v) !== '').slice(0, 30);

/** The share of the samples that fit (1 when there are none: nothing contradicts the header). */
const shareFitting = (samples: readonly CellValue[], fits: (v: CellValue) => boolean) =>
  samples.length === 0 ? 1 : samples.filter(fits).length / samples.length;

/**
 * Suggests a field for each column from its header and its values. Values decide between candidates ("DPA
 * signed" holding dates is the signing date, holding yes/no the DPA status), and a header that only contains
 * or nearly matches a known one is dropped when its values do not read as that field. A header that is a
 * known one word for word keeps its field even then ("Country" full of misspelt places): its cells are then
 * reported one by one, which says more than a column silently left out. Fields that take one column go to the
 * best-matching column only.
 */
export function suggestMapping(profile: ImportProfile, columns: readonly ColumnForMatching[]): Suggestion[] {
  const pairs: { column: number; field: string; score: number; fit: number; data: number }[] = [];
  for (const col of columns) {
    const samples = filledSamples(col);
    const candidates = groupedCandidates(profile, col);
    // The values may overrule the header: a "Status" column full of DPA statuses, a question "In which countries
    // will personal data be stored?" full of countries. A field the values prove stands beside the header's.
    const proven = candidates.length > 0 || samples.length >= 3 ? provenField(profile, samples) : null;
    if (proven && !candidates.some((c) => c.field === proven.field))
      candidates.push({ field: proven.field, score: PROVEN_SCORE });
    for (const cand of candidates) {
      const kind = profile.byName.get(cand.field)?.kind;
      const rawFit = shareFitting(samples, (v) => valueFits(profile, cand.field, v));
      // Free text fits any value: where the values prove a field of their own, free text is the weaker reading.
      const fit =
        proven && proven.field !== cand.field && kind && FREE_TEXT.has(kind) ? Math.min(rawFit, 0.5) : rawFit;
      // A header word for word keeps its field against its values, but not a list field against a column of
      // yes and no: that is a question's answers ("Personal data processed?"), never the list.
      // ("None" throughout is an empty list, not an answer: some yes is needed.)
      const answers =
        kind === 'labels' &&
        samples.length >= 2 &&
        samples.every((v) => bareAnswer(v) !== null) &&
        samples.some((v) => bareAnswer(v) === 'yes');
      if (!answers && (fit >= VALUES_MUST_FIT || cand.score === 1))
        pairs.push({
          column: col.column,
          field: cand.field,
          score: cand.score,
          fit,
          data: samples.length > 0 ? 1 : 0,
        });
    }
  }
  const fits = (p: { fit: number }) => (p.fit >= VALUES_MUST_FIT ? 1 : 0);
  // Two columns for one field (the ICO template asks for the Art 6 basis twice): the one holding data wins, then
  // the better header, then the leftmost.
  pairs.sort((a, b) => fits(b) - fits(a) || b.data - a.data || b.score - a.score || a.column - b.column);
  const taken = new Set<string>();
  const chosen = new Map<number, Suggestion>();
  for (const p of pairs) {
    if (chosen.has(p.column)) continue;
    if (taken.has(p.field) && !profile.byName.get(p.field)!.many) continue;
    taken.add(p.field);
    chosen.set(p.column, {
      column: p.column,
      field: p.field,
      confidence: Number(p.score.toFixed(2)),
      fit: p.fit,
    });
  }
  // A header merged over two columns: the second takes the field its first one's field names for it (a
  // sub-processor's brand, then its legal entity), when nothing else took that field.
  for (const c of columns) {
    if (!c.continues) continue;
    const first = chosen.get(c.continues)?.field;
    const next = first ? profile.byName.get(first)?.next : undefined;
    if (!next || taken.has(next) || !profile.byName.has(next)) continue;
    taken.add(next);
    chosen.set(c.column, { column: c.column, field: next, confidence: 0.8, fit: 1 });
  }
  // Two columns headed as the one field that declares what a second column holds ("Subencargado" and "Empresa",
  // "Sub-processor" and "Company": the name, then the legal entity): the one left without a field holds that,
  // when nothing else took it and its values are company names that are not the other's over again.
  for (const p of pairs) {
    if (chosen.has(p.column) || p.fit < VALUES_MUST_FIT) continue;
    const next = profile.byName.get(p.field)?.next;
    const winner = [...chosen.values()].find((c) => c.field === p.field);
    if (!next || taken.has(next) || !profile.byName.has(next) || !winner) continue;
    const mine = filledSamples(columns.find((c) => c.column === p.column)!).map((v) => cellText(v));
    const theirs = filledSamples(columns.find((c) => c.column === winner.column)!).map((v) => cellText(v));
    // Company names, one at least with its legal form: not a business unit's "Organization".
    if (mine.every((v, i) => v === theirs[i]) || !mine.some((v) => legalFormOf(v) !== null)) continue;
    taken.add(next);
    chosen.set(p.column, { column: p.column, field: next, confidence: 0.6, fit: p.fit });
  }
  // A plainly headed column beside a more precisely headed one of the same field ("Country" beside "Location of
  // processing"): it holds the field the declaration names for it (where the company is), when its values fit.
  for (const spec of profile.fields) {
    const other = spec.beside ? profile.byName.get(spec.beside.field) : undefined;
    if (!spec.beside || !other || taken.has(other.name)) continue;
    const mine = columns.filter((c) => chosen.get(c.column)?.field === spec.name);
    const plain = new Set(spec.beside.headers.map((h) => headerWords(h).join(' ')));
    const isPlain = (c: ColumnForMatching) => plain.has(headerWords(c.header).join(' '));
    const col = mine.find(isPlain);
    if (!col || !mine.some((c) => !isPlain(c))) continue;
    // A cell naming several countries is a list of places, not where one company is.
    const fit = shareFitting(
      filledSamples(col),
      (v) =>
        valueFits(profile, other.name, v) &&
        (other.kind !== 'country' || parseCountryCell(v).countries.length <= 1),
    );
    if (fit < VALUES_MUST_FIT) continue;
    taken.add(other.name);
    chosen.set(col.column, { column: col.column, field: other.name, confidence: 0.7, fit });
  }
  return columns.map((c) => chosen.get(c.column) ?? { column: c.column, field: null, confidence: 0, fit: 0 });
}
