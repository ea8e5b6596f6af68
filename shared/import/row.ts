import { parseCountryCell, regionCountries } from './countries-cell';
import { DATE_IN_WORDS, parseDateCell } from './dates';
import { lowerLabel, optionLabel, type ImportFieldSpec, type ImportProfile } from './profile';
import { cellText, splitList } from './text';
import { defaultScale, onScale, scaleName, wholeNumber } from './scale';
import type { CellValue, DateOrder, ImportIssue, NumberScale } from './types';
import { parseBoolean, parseInteger } from './values';

/** A column the user mapped to a field. */
export interface MappedColumn {
  column: number;
  header: string;
  field: string;
  dateOrder?: DateOrder;
  /** Ordered enums: the scale a column of numbers reads on (a risk rating on 1–5); the field's own otherwise. */
  scale?: NumberScale;
}

/** A record's fields by name, as a row gives them. */
export type RowFields = Record<string, unknown>;

export interface RowOptions {
  /** Expand "EU" / "EEA" to their member states (REGION_RULE); otherwise they are flagged. */
  expandRegions: boolean;
  /** The only fields the caller keeps (a sub-processor list: the name, countries, services); all when absent. */
  only?: readonly string[];
}

/** A cell-level problem before the row number is known. */
export type CellIssue = Omit<ImportIssue, 'row'>;

export interface MappedRow {
  /** What goes to the register's input schema. */
  input: Record<string, unknown>;
  /** Fields for which the row had a value: only these change when the row updates an existing record. */
  provided: string[];
  issues: CellIssue[];
}

/**
 * A link to a document or a file share rather than a site (a DPO's register linking each vendor to its DPA on
 * SharePoint): not the vendor's website.
 */
function isDocumentLink(url: string): boolean {
  return (
    /^https?:\/\/[^/]*(?:sharepoint\.com|onedrive\.live\.com|1drv\.ms|drive\.google\.com|docs\.google\.com|dropbox\.com|box\.com|confluence|atlassian\.net\/wiki)/i.test(
      url,
    ) || /\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|zip)(?:[?#]|$)/i.test(url)
  );
}

/** Fields whose cells add entries to a list: several columns (or rows of a duplicate) accumulate. */
const LIST_KINDS = new Set(['labels', 'countries', 'choices', 'refs']);

/** The longest entry a label list takes (LabelListSchema). */
const MAX_LABEL = 200;

function listEntries(text: string, commas: boolean): string[] | null {
  const out: string[] = [];
  for (const entry of splitList(text, commas)) {
    if (entry.length <= MAX_LABEL) out.push(entry);
    else {
      const parts = splitList(entry, true);
      if (parts.some((p) => p.length > MAX_LABEL)) return null;
      out.push(...parts);
    }
  }
  return out;
}

/** What one cell gives its field: a value (entries to add, for lists), other fields, problems, notes text. */
interface CellOutcome {
  value?: unknown;
  also?: Record<string, unknown>;
  /** The value instead of a split into `also` (CellRead.whole). */
  whole?: unknown;
  /** Places a countries cell gave that name no country (kept, where the register has a field for them). */
  unclear?: string[];
  issues: { message: string; severity: 'error' | 'warning' }[];
  note?: string;
}

const error = (message: string): CellOutcome => ({ issues: [{ message, severity: 'error' }] });

/** Reads one non-empty cell as its column's field. Pure: the same cell in the same column gives the same outcome. */
function readCell(
  spec: ImportFieldSpec,
  col: MappedColumn,
  raw: CellValue,
  text: string,
  options: RowOptions,
): CellOutcome {
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) {
    return error(
      raw.error
        ? `The cell holds the spreadsheet error ${raw.error}, saved by a formula.`
        : 'The cell holds a formula whose value was never saved; open the file in Excel, save it, and import it again.',
    );
  }
  const own = spec.read?.(cellText(raw, true));
  if (own) {
    if (!own.ok) return error(own.message);
    return {
      value: own.value,
      also: own.also,
      whole: own.whole,
      issues: own.warning ? [{ message: own.warning, severity: 'warning' }] : [],
    };
  }
  switch (spec.kind) {
    case 'text':
    case 'ref':
    case 'instant':
      return { value: cellText(raw, true), issues: [] };
    case 'longText':
      return { value: text, issues: [] };
    case 'labels': {
      const entries = listEntries(text, spec.commas ?? true);
      return entries
        ? { value: entries, issues: [] }
        : error(
            `An entry is longer than ${MAX_LABEL} characters; map this column to Notes instead, or shorten it.`,
          );
    }
    case 'countries': {
      const cell = parseCountryCell(raw);
      const out: CellOutcome = { value: [...cell.countries], issues: [] };
      for (const u of cell.unknown) {
        out.issues.push({
          message: `"${u}" is not a country we recognise; use a name or an ISO code such as DE.`,
          severity: 'error',
        });
      }
      let flagged = false;
      for (const r of cell.regions) {
        const expanded = options.expandRegions ? regionCountries(r.kind) : null;
        if (expanded) {
          (out.value as string[]).push(...expanded);
          out.issues.push({
            message: `"${r.text}" was expanded to the ${expanded.length} ${r.kind === 'eu' ? 'EU member states' : 'EEA countries'}.`,
            severity: 'warning',
          });
        } else {
          flagged = true;
          out.issues.push({
            message:
              r.kind === 'unbounded'
                ? `"${r.text}" names no country, so it was left out; ask the vendor which countries it means. The cell is kept in the notes.`
                : `"${r.text}" is a region, not a country, so it was left out; choose to expand EU and EEA to add the member states. The cell is kept in the notes.`,
            severity: 'warning',
          });
        }
      }
      if (flagged) {
        out.note = keptNote(col, text);
        out.unclear = cell.regions
          .filter((r) => !(options.expandRegions && regionCountries(r.kind)))
          .map((r) => r.text);
      }
      return out;
    }
    case 'country': {
      const cell = parseCountryCell(raw);
      if (cell.unknown.length > 0)
        return error(
          `"${cell.unknown[0]}" is not a country we recognise; use a name or an ISO code such as DE.`,
        );
      if (cell.regions.length > 0)
        return error(`${spec.label} is one country, not "${cell.regions[0]!.text}".`);
      if (cell.countries.length > 1) {
        return error(`Give one country here, not ${cell.countries.length} (${cell.countries.join(', ')}).`);
      }
      return { value: cell.countries[0], issues: [] };
    }
    case 'date': {
      const d = parseDateCell(raw, col.dateOrder);
      return d.ok ? { value: d.value, issues: [] } : error(d.message);
    }
    case 'bool': {
      const b = parseBoolean(raw);
      if (b.ok) return { value: b.value, issues: [] };
      // A yes or no with words after it ("Yes - health data", "No (planned for 2026)"): the yes or no is read,
      // the words said and kept in the notes.
      // Not a placeholder ("Yes/No", "N/A"), a word joined by a hyphen ("Non-EU", "Non-standard clause"), nor two
      // answers ("Yes - No").
      const lead =
        text.length <= MAX_WORDS_CELL
          ? /^(\p{L}{1,5})(?:\s+[-–—]\s+|\s*[,;:]\s+|\s*\(\s*)(\S.*)$/u.exec(text)
          : null;
      const first = lead ? parseBoolean(lead[1]!) : null;
      if (!first?.ok || parseBoolean(lead![2]!.replace(/\)\s*$/, '')).ok) return error(b.message);
      return {
        value: first.value,
        issues: [
          {
            message: `"${text.slice(0, 200)}" has words beside the ${first.value ? 'yes' : 'no'}. ${spec.label} was read as ${first.value ? 'Yes' : 'No'}; the cell is kept in the notes.`,
            severity: 'warning',
          },
        ],
        note: keptNote(col, text),
      };
    }
    case 'enum': {
      // A number in a rating column reads on the column's scale (scale.ts).
      const n = spec.scale ? wholeNumber(raw, text) : null;
      if (n !== null) {
        const scale = col.scale ?? defaultScale(spec);
        const v = onScale(spec, scale, n);
        return v !== null
          ? { value: v, issues: [] }
          : error(
              `${n} is off the ${scaleName(scale)} scale ${lowerLabel(spec.label)} is read on: choose the column's scale.`,
            );
      }
      // A cell of a field whose values carry dates, with digits or brackets in it ("Signed (2023-05-01)",
      // "Yes (expired 31.12.2022)"), is read as words and a date first; read without its brackets, it is said.
      if (spec.dated && /[\d([]/.test(text)) {
        const dated = enumInWords(spec, col, text);
        if (dated) return dated;
        const e = spec.enumRead!(raw);
        if (!e.ok) return error(e.message);
        return unplaced(spec, col, text, e.value, 'has words beside the status that were not read');
      }
      const e = spec.enumRead!(raw);
      if (e.ok) return { value: e.value, issues: [] };
      return enumInWords(spec, col, text) ?? error(e.message);
    }
    case 'choices': {
      const values: string[] = [];
      for (const entry of splitList(text, spec.commas ?? true)) {
        const e = spec.enumRead!(entry);
        if (!e.ok) return error(e.message);
        values.push(e.value);
      }
      return { value: values, issues: [] };
    }
    case 'refs':
      // Names of records: a company's name may hold a comma, so only semicolons and lines separate them.
      return { value: splitList(text, spec.commas ?? false), issues: [] };
    case 'rows':
    case 'struct':
      return error(`${spec.label} cannot be read from one cell.`);
    case 'int': {
      const n = parseInteger(raw, spec.unit ?? 'days');
      if (!n.ok) return error(n.message);
      if ((spec.min !== undefined && n.value < spec.min) || (spec.max !== undefined && n.value > spec.max)) {
        return error(`${n.value} is outside ${spec.min}–${spec.max} for ${spec.label.toLowerCase()}.`);
      }
      return { value: n.value, issues: [] };
    }
  }
}

/** The longest cell read as words and a date. */
const MAX_WORDS_CELL = 300;
/** What joins a value and its date ("Signed on 1 May 2023", "Signé le 01/05/2023", "Expired: 2024"). */
const DATE_JOINERS =
  /[-–—:;,/()[\]]|\b(?:on|since|as of|from|dated|le|depuis|am|seit|vom|el|desde|il|dal|op|sinds|den|dnia|em|(?:19|20)\d{2})\b/giu;
/** A year standing alone ("Expired 2022"). */
const YEAR = /\b(?:19|20)\d{2}\b/;

/**
 * An enum cell its reader does not know whole, read again as words: joining signs and words go ("Yes - signed"),
 * and, where the register says which field a value's date belongs in (`dated`), a date beside the value goes
 * there ("Signed 01/05/2023", "Expired (2024-12-31)"). A date it cannot place (beside another value, a year
 * alone, or in an unclear order) is not taken, and the cell is kept in the notes. Null when the words read as
 * no value.
 */
function enumInWords(spec: ImportFieldSpec, col: MappedColumn, text: string): CellOutcome | null {
  const words = wordsBesideDate(spec, text);
  if (!words?.value) return null;
  const { value, date: m, rest } = words;
  const year = spec.dated && YEAR.test(rest);
  if (!m && !year) return { value, issues: [] };
  const target = spec.dated![value];
  const date = m ? parseDateCell(m[1]!, col.dateOrder) : null;
  if (target && date?.ok && !year) return { value, also: { [target]: date.value }, issues: [] };
  const why = !m
    ? 'gives a year, not a date'
    : year
      ? 'gives more than one date or year'
      : !target
        ? `gives a date, but ${lowerLabel(spec.label)} "${optionLabel(spec, value)}" has no date of its own`
        : date && !date.ok && date.ambiguous
          ? `gives a date whose order is unclear (${date.message.replace(/: choose.*$/, '')})`
          : 'gives a date that cannot be read';
  return unplaced(spec, col, text, value, `${why}; the date was not taken`);
}

/**
 * A cell's words beside the date they may give, for a field whose values carry dates (`dated`): the date found
 * ("Signed 13/01/2023", "Expired (2024-12-31)"), the text without it, and the value the remaining words read as
 * once what joins them to the date is gone (null when they read as none). Null for a cell too long to be a
 * status. The inspection (header-match.ts) and the row reader both read a dated status so.
 */
export function wordsBesideDate(
  spec: ImportFieldSpec,
  text: string,
): { date: RegExpExecArray | null; rest: string; value: string | null } | null {
  // A status is a few words: a long cell is not read as words (and the patterns never scan it).
  if (text.length > MAX_WORDS_CELL) return null;
  const date = spec.dated ? DATE_IN_WORDS.exec(text) : null;
  const rest = date ? text.replace(date[0], ' ') : text;
  return { date, rest, value: readWords(spec, rest.replace(DATE_JOINERS, ' ').replace(/\s+/g, ' ').trim()) };
}

/** A value read from part of a cell: the rest is said in a warning, and the cell kept in the notes. */
function unplaced(
  spec: ImportFieldSpec,
  col: MappedColumn,
  text: string,
  value: string,
  why: string,
): CellOutcome {
  return {
    value,
    issues: [
      {
        message: `"${text.slice(0, 200)}" ${why}. ${spec.label} was read as ${optionLabel(spec, value)}; the cell is kept in the notes.`,
        severity: 'warning',
      },
    ],
    note: keptNote(col, text),
  };
}

/** The line a cell read only in part leaves in the record's notes, word for word. */
function keptNote(col: MappedColumn, text: string): string {
  return `${col.header} as listed in the file: ${text}`;
}

/**
 * The value words give: read whole, or word by word when every word reads as the same value ("Yes signed").
 * A word that reads as nothing ("not signed") gives nothing, so a negation is never read past.
 */
function readWords(spec: ImportFieldSpec, words: string): string | null {
  const whole = spec.enumRead!(words);
  if (whole.ok) return whole.value;
  const each = words.split(' ').map((w) => spec.enumRead!(w));
  const values = new Set(each.map((r) => (r.ok ? r.value : null)));
  return values.size === 1 && !values.has(null) ? [...values][0]! : null;
}

/** Distinct texts remembered per column: lists repeat the same countries, categories and words. */
const MEMO_PER_COLUMN = 20_000;
/**
 * A column whose texts rarely repeat (names, legal entities, websites) is not remembered: after this many
 * texts, a column that met fewer than one text in four again forgets them, so a 100,000-row list does not hold
 * 20,000 outcomes per unique column in memory for nothing.
 */
const MEMO_TRIAL = 2_000;
const MEMO_MIN_REPEAT = 0.25;

/** A column's remembered outcomes, and how often a text came again. */
interface Memo {
  outcomes: Map<string, RememberedOutcome> | null;
  looks: number;
  hits: number;
}

/** One outcome as remembered: one shape for every entry. */
interface RememberedOutcome extends CellOutcome {
  text: string;
}

const remembered = (o: CellOutcome, text: string): RememberedOutcome => ({
  value: o.value,
  also: o.also,
  whole: o.whole,
  unclear: o.unclear,
  issues: o.issues,
  note: o.note,
  text,
});

/**
 * Builds the reader of rows for one mapping. It remembers each column's outcome for text it has already read,
 * so a 100,000-row list with a few hundred distinct country cells parses each of them once. The register's
 * `notes` field, when it has one, gathers every notes column and what a region cell said.
 */
export function createRowMapper(
  profile: ImportProfile,
  columns: readonly MappedColumn[],
  options: RowOptions,
) {
  const memos: Memo[] = columns.map(() => ({ outcomes: new Map(), looks: 0, hits: 0 }));
  const specs = columns.map((c) => {
    const spec = profile.byName.get(c.field);
    if (!spec) throw new Error(`${c.field} is not a field the ${profile.register.noun.one} import knows.`);
    return spec;
  });
  const hasNotes = profile.byName.has('notes');
  const hasUnclear = profile.register.fields.unclearLocations !== undefined;
  const mappedFields = new Set(columns.map((c) => c.field));
  const fallbacks = profile.fields.filter(
    (f) => f.fallback && !mappedFields.has(f.name) && mappedFields.has(f.fallback),
  );
  const notesColumns = columns.filter((c) => c.field === 'notes').length;
  const implying = profile.fields.filter((f) => f.implies && mappedFields.has(f.name));
  /** Fields a split cell leaves to their own column, or that the caller does not keep (CellRead.whole). */
  const readWhole = new Set([
    ...mappedFields,
    ...(options.only ? profile.fields.map((f) => f.name).filter((n) => !options.only!.includes(n)) : []),
  ]);

  /** Columns whose cells' links give a field (a vendor's name linked to its website). */
  const linking = columns.some((c) => profile.byName.get(c.field)?.link);

  return function map(cells: readonly CellValue[], links?: ReadonlyMap<number, string>): MappedRow {
    const input: Record<string, unknown> = {};
    const provided = new Set<string>();
    const issues: CellIssue[] = [];
    const notes: string[] = [];
    /** Fields another column's cell gave ("Signed 01/05/2023" gives the signing date): a column of their own wins. */
    let fromOthers: Set<string> | undefined;
    columns.forEach((col, i) => {
      const raw = cells[col.column - 1] ?? null;
      if (raw === null || raw === '') return;
      const memo = typeof raw === 'string' ? memos[i]!.outcomes : null;
      // A value met before in this column is read once (its text too: cleaning is most of a cell's cost).
      let outcome: RememberedOutcome | undefined = memo?.get(raw as string);
      if (memo) noteLook(memos[i]!, outcome !== undefined);
      const text = outcome ? outcome.text : cellText(raw);
      const isError = typeof raw === 'object' && !(raw instanceof Date);
      if (text === '' && !isError) return;
      const spec = specs[i]!;
      if (!outcome) {
        outcome = remembered(readCell(spec, col, raw, text, options), text);
        if (memo && memo.size < MEMO_PER_COLUMN) memo.set(raw as string, outcome);
      }
      for (const issue of outcome.issues) {
        issues.push({ column: col.header, field: col.field, value: text.slice(0, 200) || null, ...issue });
      }
      if (outcome.note && hasNotes) notes.push(outcome.note);
      if (outcome.unclear && hasUnclear) {
        input.unclearLocations = [
          ...((input.unclearLocations as string[] | undefined) ?? []),
          ...outcome.unclear,
        ];
        provided.add('unclearLocations');
      }
      if (outcome.value === undefined) return;
      const f = col.field;
      // A split cell whose other part has a column of its own, or is not kept, is read whole.
      if (outcome.whole !== undefined && Object.keys(outcome.also ?? {}).some((o) => readWhole.has(o)))
        outcome = { ...outcome, value: outcome.whole, also: undefined };
      for (const [other, v] of Object.entries(outcome.also ?? {})) {
        if (input[other] === undefined) {
          input[other] = v;
          provided.add(other);
          (fromOthers ??= new Set()).add(other);
        }
      }
      if (f === 'notes') notes.push(notesColumns > 1 ? `${col.header}: ${text}` : text);
      else if (LIST_KINDS.has(spec.kind) || (spec.kind === 'rows' && Array.isArray(outcome.value))) {
        input[f] = [...((input[f] as unknown[] | undefined) ?? []), ...(outcome.value as unknown[])];
      } else if (spec.kind === 'longText') {
        input[f] = input[f] === undefined ? outcome.value : `${String(input[f])}\n${String(outcome.value)}`;
      } else if (input[f] === undefined || fromOthers?.delete(f)) input[f] = outcome.value;
      if (f !== 'notes') provided.add(f);
      // A link on the cell: its address, to the field the declaration names; a column of that field's own wins,
      // unless the column is that field's and its cell only labels the link ("Privacy policy").
      const url = linking && links ? links.get(col.column) : undefined;
      const to = url !== undefined ? spec.link : undefined;
      if (to && url!.length <= 500 && /^https?:\/\/\S+$/i.test(url!)) {
        // A cell that shows an address keeps it (its link may be a mail filter's wrapper).
        if (to === f) {
          if (!/^(?:https?:\/\/|www\.)/i.test(text)) input[f] = url;
        } else if (input[to] === undefined && !isDocumentLink(url!)) {
          input[to] = url;
          provided.add(to);
          (fromOthers ??= new Set()).add(to);
        }
      }
    });
    if (notes.length > 0) {
      input.notes = notes.join('\n');
      provided.add('notes');
    }
    for (const f of implying) {
      const { field, value } = f.implies!;
      if (!given(input[f.name]) || given(input[field]) || issues.some((i) => i.field === field)) continue;
      // Not counted among the fields the row gives: on an update, a stored status stays as it is.
      input[field] = value;
    }
    for (const f of fallbacks) {
      if (input[f.name] !== undefined) continue;
      const from = input[f.fallback!];
      const value = Array.isArray(from) ? from[0] : from;
      if (value !== undefined && value !== null && value !== '') input[f.name] = value;
    }
    return { input, provided: [...provided], issues };
  };
}

/** True for a value a row gave: not missing, not empty, not an empty list. */
export function given(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Counts a look-up in a column's memo; a column whose texts rarely repeat stops being remembered. */
function noteLook(memo: Memo, hit: boolean): void {
  memo.looks++;
  if (hit) memo.hits++;
  if (memo.looks === MEMO_TRIAL && memo.hits < MEMO_TRIAL * MEMO_MIN_REPEAT) memo.outcomes = null;
}

/** Reads one spreadsheet row with a mapping (see createRowMapper); for a single row. */
export function mapRow(
  profile: ImportProfile,
  cells: readonly CellValue[],
  columns: readonly MappedColumn[],
  options: RowOptions,
): MappedRow {
  return createRowMapper(profile, columns, options)(cells);
}

export type ValidatedRow = { ok: true; fields: RowFields } | { ok: false; issues: CellIssue[] };

/** Validates a mapped row with the same schema the form and every door use. */
export function validateRow(
  profile: ImportProfile,
  input: Record<string, unknown>,
  columns: readonly MappedColumn[],
  cells: readonly CellValue[],
): ValidatedRow {
  const parsed = profile.register.schemas.input.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      const field = i.path.length > 0 ? String(i.path[0]) : null;
      const col = columns.find((c) => c.field === field);
      const value = col ? cellText(cells[col.column - 1] ?? null).slice(0, 200) : null;
      const spec = field ? profile.byName.get(field) : undefined;
      const message =
        spec && !col && profile.required.includes(spec)
          ? `${i.message.replace(/\.$/, '')}: map a column to ${spec.label}.`
          : i.message;
      return {
        column: col?.header ?? null,
        field,
        value: value || null,
        message,
        severity: 'error' as const,
      };
    }),
  };
}

/**
 * What a row does to a record it updates: only the fields the row filled change, never the identity (the name);
 * lists (services, countries, categories...) gain the row's entries and lose none; notes gain the row's text.
 * An import never empties a field, so updating with a thinner file loses nothing.
 */
export function mergeFields(
  profile: ImportProfile,
  base: RowFields,
  incoming: RowFields,
  provided: readonly string[],
): RowFields {
  const out: RowFields = { ...base };
  for (const f of provided) {
    const spec = profile.byName.get(f);
    if (!spec || spec.merge === 'keep') continue;
    if (spec.merge === 'union') {
      // Entries compare by value: labels and ids as they are, structured entries (rows) by their JSON.
      const seen = new Map<string, unknown>();
      for (const v of [
        ...((base[f] as unknown[] | null) ?? []),
        ...((incoming[f] as unknown[] | null) ?? []),
      ]) {
        const key = typeof v === 'object' ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
        if (!seen.has(key)) seen.set(key, v);
      }
      out[f] = [...seen.values()];
    } else if (spec.merge === 'append') {
      const a = (base[f] as string | null) ?? '';
      const b = (incoming[f] as string | null) ?? '';
      out[f] = a.includes(b) ? a || null : a ? `${a}\n${b}` : b;
    } else {
      out[f] = incoming[f];
    }
  }
  return out;
}
