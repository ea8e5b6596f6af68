import { parseCountryCell } from '../../shared/import/countries-cell';
import { headerCandidates } from '../../shared/import/header-match';
import { legalFormOf } from '../../shared/legal-name';
import type { ImportProfile } from '../../shared/import/profile';
import { cellText, columnLetter, foldText } from '../../shared/import/text';
import type { CellValue } from '../../shared/import/types';
import type { MergedRange, SheetRow } from './row-source';

/** How far down the header row is looked for (title blocks such as the ICO template's run to row 9). */
export const HEADER_SEARCH_ROWS = 50;

function isHeaderish(value: CellValue): boolean {
  if (typeof value !== 'string') return false;
  const t = cellText(value, true);
  return t !== '' && t.length <= 150 && !/^[\d\s.,/:%€$£-]+$/.test(t);
}

/**
 * Finds the header row among the first rows: the one with most cells that name a field we know, then most
 * text cells; title rows ("Sub-processors of Acme, updated May 2025"), blank rows and the ICO template's
 * controller block score below it. Returns null when no row has a single recognisable header.
 */
export function detectHeaderRow(profile: ImportProfile, rows: readonly SheetRow[]): number | null {
  return bestHeaderRow(profile, rows)?.row ?? null;
}

/** The header row detectHeaderRow finds, with how many of its cells name a field we know. */
export function bestHeaderRow(
  profile: ImportProfile,
  rows: readonly SheetRow[],
): { row: number; known: number } | null {
  let best: { row: number; score: number; known: number } | null = null;
  for (const r of rows) {
    if (r.row > HEADER_SEARCH_ROWS) break;
    let known = 0;
    let text = 0;
    let other = 0;
    for (const v of r.cells) {
      if (v === null || cellText(v) === '') continue;
      if (isHeaderish(v)) {
        text++;
        const top = headerCandidates(profile, cellText(v, true))[0];
        if (top && top.score >= 0.7) known++;
      } else other++;
    }
    if (known === 0) continue;
    const score = known * 10 + text - other * 3;
    if (!best || score > best.score) best = { row: r.row, score, known };
  }
  return best ? { row: best.row, known: best.known } : null;
}

// A footnote mark starts a note whatever follows it ("* Only for …"); a word must end where the word ends.
const NOTE_START =
  /^(?:[*†‡¹²³©]|(?:note|notes|nb|n\.b\.|source|sources|last updated|updated|as of|effective|disclaimer|copyright|remarque|hinweis|stand|quelle|mise à jour|dernière mise à jour)(?![\p{L}\p{N}]))/iu;

/** A single filled cell that starts like a footnote ("* Updated 1 May", "Source: …", "Stand: …") or reads as a sentence longer than a company name. */
function isNoteText(only: string): boolean {
  return NOTE_START.test(only) || (only.length > 80 && /\s/.test(only) && /[.:!?)]$/.test(only));
}

const TOTAL_START =
  /^(grand\s+)?(total|totals|subtotal|sub-total|sum|count|number of|sous-total|nombre de|nombre total|summe|gesamt|insgesamt|anzahl|zwischensumme)(?![\p{L}\p{N}])/iu;

/** Each cell's text, one line, by column (a header row's, as rowKind compares rows with it). */
export function headerTexts(cells: readonly CellValue[]): string[] {
  return cells.map((v) => cellText(v, true));
}

/** The text of a row's filled cells, one line each. */
export function filledTexts(cells: readonly CellValue[]): string[] {
  return headerTexts(cells).filter((t) => t !== '');
}

/** What a row below the header is when it is not a record. */
export type RowKind = 'blank' | 'note' | 'section' | 'total' | 'header';

/** A markdown heading on a line of its own, as a list pasted from a web page or a README has ("## Subsidiaries"). */
const HEADING = /^#{1,6}\s+\S/;
/**
 * A lone label that heads a group of a list: one ending in a colon ("European Union:", "These sub-processors are
 * located in the US:"), or naming the group in the plural ("Infrastructure sub-processors", "Our affiliates").
 */
const GROUP_LABEL =
  /:$|\b(?:sub-?processors|subprocessors|vendors|suppliers|providers|processors|affiliates|subsidiaries|third parties|sous-traitants|prestataires|fournisseurs|dienstleister|lieferanten|tochtergesellschaften)\b/i;

/**
 * What a row below the header is when it is not a record, with its filled cells' text (for the warning that
 * says it was skipped); null for a record. Each cell's text is read once:
 * - blank: every cell empty;
 * - note: a single filled cell that starts like a footnote ("* Updated 1 May", "Source: …", "Stand: …") or reads
 *   as a sentence longer than a company name;
 * - section: one upper-case label across an otherwise empty row ("IT SERVICES"), a markdown heading, or a label
 *   that heads a group ("European Union:", "Infrastructure sub-processors"), in a list of several columns;
 * - total: a total or a count ("Total", "Number of suppliers: 8", "Total : 9 fournisseurs") whose other cells
 *   hold nothing but numbers;
 * - header: the column headers again (a list pasted from several pages, or a second table under the first), when
 *   `header` gives the header row's texts: two or more cells, and at least half the filled ones, equal to the
 *   header above them.
 */
export function rowKind(
  cells: readonly CellValue[],
  columns: number,
  header?: readonly string[],
): { kind: RowKind; text: string } | null {
  // The first two filled cells decide for most rows: a record has two, its first is not a total's word, and
  // neither is its column's header.
  let first: string | null = null;
  let firstAt = -1;
  let second = -1;
  let secondText = '';
  for (let i = 0; i < cells.length; i++) {
    const t = cellText(cells[i]!, true);
    if (t === '') continue;
    if (first === null) {
      first = t;
      firstAt = i;
    } else {
      second = i;
      secondText = t;
      break;
    }
  }
  if (first === null) return { kind: 'blank', text: '' };
  if (second >= 0 && header && (header[firstAt] === first || header[second] === secondText)) {
    const texts = headerTexts(cells);
    const filled = texts.filter((t) => t !== '');
    const same = texts.reduce<number>((n, t, i) => (header[i] && t === header[i] ? n + 1 : n), 0);
    if (same >= 2 && same * 2 >= filled.length)
      return { kind: 'header', text: filled.join(' · ').slice(0, 200) };
  }
  if (second >= 0 && !TOTAL_START.test(first)) return null;
  const filled = filledTexts(cells);
  const text = filled.join(' · ').slice(0, 200);
  if (filled.length === 1 && isNoteText(first)) return { kind: 'note', text };
  if (TOTAL_START.test(first) && filled.slice(1).every((t) => /^[\d\s.,%€$£-]+$/.test(t)))
    return { kind: 'total', text };
  if (filled.length === 1 && HEADING.test(first)) return { kind: 'section', text };
  // (A count, "Number of sub-processors: 7", is a total above; and a company named so, "Acme Processors Ltd" with
  // only its name filled, is a record.)
  if (
    columns >= 2 &&
    filled.length === 1 &&
    first.length <= 120 &&
    GROUP_LABEL.test(first) &&
    legalFormOf(first) === null
  )
    return { kind: 'section', text };
  if (
    columns >= 2 &&
    filled.length === 1 &&
    first.length <= 60 &&
    /\p{Lu}.*\p{Lu}.*\p{Lu}/u.test(first) &&
    first === first.toLocaleUpperCase() &&
    !/\d/.test(first)
  )
    return { kind: 'section', text };
  return null;
}

/** A group's heading that names countries, in force for the rows below it. */
export interface GroupHeading {
  row: number;
  text: string;
  countries: string[];
}

/**
 * The heading in force after a row, as published lists state a location once per group ("These sub-processors
 * are located in the United States:", "Ireland:"): a section row starts a new one, with the countries it names;
 * the column headers again end it; any other row leaves it as it was. Only a heading that names countries and
 * nothing else gives any: one naming a region ("… located in the EU:") or anything unread gives none, so nothing
 * is guessed.
 */
export function headingAfter(
  current: GroupHeading | null,
  kind: { kind: RowKind; text: string } | null,
  row: number,
): GroupHeading | null {
  if (kind?.kind === 'header') return null;
  if (kind?.kind !== 'section') return current;
  const place =
    /\b(?:in|at)\s+([^:]{1,120}?):?\s*$/i.exec(kind.text)?.[1] ?? /^([^:]{1,120}):\s*$/.exec(kind.text)?.[1];
  if (!place) return null;
  const cell = parseCountryCell(place);
  return cell.countries.length > 0 && cell.regions.length === 0 && cell.unknown.length === 0
    ? { row, text: kind.text, countries: cell.countries }
    : null;
}

/** True when every cell is empty or blank. */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every(
    (v) => cellText(v) === '' && !(v !== null && typeof v === 'object' && !(v instanceof Date)),
  );
}

/** The longest header label kept; longer header cells are cut, with an ellipsis. */
const MAX_LABEL = 200;

/** A header cell's text as a label: one line, at most 200 characters. */
export function headerLabel(value: CellValue): string {
  const text = cellText(value, true);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/**
 * The label of each column: the header cell's text; for an empty header cell, the text of the merged range
 * covering it, else of the row just above when that row is a group-label row (a two-row header), else
 * "Column X". Repeats get " (2)", " (3)".
 */
export function columnLabels(
  columns: readonly number[],
  headerRow: number,
  rowsByNumber: ReadonlyMap<number, readonly CellValue[]>,
  merges: readonly MergedRange[],
): Map<number, string> {
  const header = rowsByNumber.get(headerRow) ?? [];
  const above = rowsByNumber.get(headerRow - 1) ?? [];
  const aboveIsGroupRow = above.filter((v) => cellText(v) !== '').length >= 2;
  const out = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const c of columns) {
    let label = headerLabel(header[c - 1] ?? null);
    if (!label) {
      const m = merges.find(
        (r) => r.top <= headerRow && headerRow <= r.bottom && r.left <= c && c <= r.right,
      );
      if (m) label = headerLabel(rowsByNumber.get(m.top)?.[m.left - 1] ?? null);
    }
    if (!label && aboveIsGroupRow) label = headerLabel(above[c - 1] ?? null);
    if (!label) label = `Column ${columnLetter(c)}`;
    const key = foldText(label);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    out.set(c, n > 1 ? `${label} (${n})` : label);
  }
  return out;
}

/**
 * What surrounds each column's header: the group label of a row of groups above it ("DPA" over "Status" and
 * "Signed", which gives those their meaning), and the column a header merged over two columns starts in
 * ("Sub-processor" over a brand and a legal entity).
 */
export function columnContext(
  columns: readonly number[],
  headerRow: number,
  rowsByNumber: ReadonlyMap<number, readonly CellValue[]>,
  merges: readonly MergedRange[],
): Map<number, { group: string | null; continues: number | null }> {
  const header = rowsByNumber.get(headerRow) ?? [];
  const above = rowsByNumber.get(headerRow - 1) ?? [];
  const groupOf = (c: number): string | null => {
    const own = headerLabel(above[c - 1] ?? null);
    if (own) return own;
    const m = merges.find(
      (r) => r.top === headerRow - 1 && r.bottom === headerRow - 1 && r.left <= c && c <= r.right,
    );
    return m ? headerLabel(rowsByNumber.get(m.top)?.[m.left - 1] ?? null) || null : null;
  };
  const groups = new Map(columns.map((c) => [c, groupOf(c)]));
  // A row of groups: at least two different labels above the header (a title above it is one label).
  const isGroupRow = new Set([...groups.values()].filter(Boolean)).size >= 2;
  const out = new Map<number, { group: string | null; continues: number | null }>();
  for (const c of columns) {
    const filled = headerLabel(header[c - 1] ?? null) !== '';
    const merge = filled ? undefined : merges.find((r) => r.top === headerRow && r.left < c && c <= r.right);
    out.set(c, { group: isGroupRow && filled ? groups.get(c)! : null, continues: merge ? merge.left : null });
  }
  return out;
}
