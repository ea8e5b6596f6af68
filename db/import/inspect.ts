import { judgeDateOrder, tallyDateOrder, type DateOrderTally } from '../../shared/import/dates';
import { presetKey, suggestMapping, VALUES_MUST_FIT } from '../../shared/import/header-match';
import {
  importProfile,
  lowerLabel,
  optionLabel,
  readsDates,
  unmappedRequired,
  type ImportProfile,
} from '../../shared/import/profile';
import { cellText, columnLetter } from '../../shared/import/text';
import {
  defaultScale,
  describeScale,
  headerScale,
  judgeScale,
  scaleName,
  wholeNumber,
} from '../../shared/import/scale';
import type { CellValue, ImportRegister, InspectResult } from '../../shared/import/types';
import { ImportRegisterNames, registerByName } from '../../shared/registers/index';
import { fileProblem } from './detect';
import {
  columnContext,
  bestHeaderRow,
  columnLabels,
  detectHeaderRow,
  headerLabel,
  HEADER_SEARCH_ROWS,
  headerTexts,
  isBlankRow,
  rowKind,
} from './header-row';
import type { JobContext } from './job-context';
import { openRowSource, type SheetRow } from './row-source';

/**
 * The importable register whose vocabulary the file's header rows read best in, when it recognises at least
 * three columns, every one its records need, and more than the register asked for.
 */
function otherRegister(
  asked: string,
  head: readonly SheetRow[],
): { register: ImportRegister; title: string; columns: number } | null {
  let best: { register: ImportRegister; title: string; columns: number } | null = null;
  for (const name of ImportRegisterNames) {
    if (name === asked) continue;
    const profile = importProfile(registerByName(name)!);
    const row = detectHeaderRow(profile, head);
    if (row === null) continue;
    const cells = head.find((r) => r.row === row)?.cells ?? [];
    const columns = cells.flatMap((v, i) => (cellText(v) === '' ? [] : [i + 1]));
    const suggested = suggestMapping(
      profile,
      columns.map((c) => ({ column: c, header: headerLabel(cells[c - 1] ?? null), samples: [] })),
    );
    const fields = suggested.map((x) => x.field);
    const filled = fields.filter(Boolean).length;
    if (filled < 3 || unmappedRequired(profile, fields).length > 0) continue;
    if (!best || filled > best.columns)
      best = { register: name as ImportRegister, title: profile.register.title, columns: filled };
  }
  return best;
}

export interface InspectParams {
  path: string;
  fileName: string;
  /** The register the file is for (its header vocabulary); vendors when absent. */
  register?: ImportRegister;
  sheet?: string | null;
  headerRow?: number | null;
  /** A saved preset's mapping (preset key → field), proposed instead of the suggestions. */
  preset?: Record<string, string | null> | null;
  /** Stop after this many data rows (the command line, which reads every row when it imports). */
  sampleRows?: number | null;
}

interface ColumnStats {
  nonEmpty: number;
  samples: string[];
  values: CellValue[];
  dates: DateOrderTally;
  /** The largest small whole number the column holds (a rating's scale), 0 when none. */
  maxNumber: number;
  /** The smallest whole number (0–999) the column holds; Infinity when none. */
  minNumber: number;
}

const SAMPLES = 5;
const FIT_VALUES = 30;
const BATCH = 500;

/**
 * Reads a whole sheet once to describe it for mapping: its sheets, the header row (found, or the one given),
 * each column's label, samples and suggested field, the date order each date column proves (it takes the whole
 * column: one 25/04/2024 settles every 03/04/2024 above it), and the number of data rows.
 */
export async function inspectFile(params: InspectParams, job: JobContext): Promise<InspectResult> {
  try {
    return await inspectSheet(params, job);
  } catch (err) {
    if (!(err instanceof WeakSheet)) throw err;
    // The first sheet is no list (a cover, instructions): the sheet whose header names most of this register's
    // fields is read instead, and the choice said.
    const profile = importProfile(registerByName(params.register ?? 'vendors')!);
    let best: { name: string; known: number } | null = null;
    for (const name of err.others) {
      const known = await headerStrength(params, name, profile);
      if (known > err.known && known > (best?.known ?? 0)) best = { name, known };
    }
    if (!best) return inspectSheet({ ...params, keepSheet: true }, job);
    const result = await inspectSheet({ ...params, sheet: best.name }, job);
    result.warnings.unshift(
      `Read from the sheet "${best.name}": the first sheet, "${err.sheet}", holds no list of ${profile.register.noun.other}. Choose another sheet if this is not the list.`,
    );
    return result;
  }
}

/** Raised when the first sheet, read by default, has no list on it while the workbook has other sheets. */
class WeakSheet extends Error {
  constructor(
    readonly sheet: string,
    readonly known: number,
    readonly others: string[],
  ) {
    super(`The sheet "${sheet}" has no list.`);
  }
}

/** How many header cells of a sheet's best header row name a field of the register. */
async function headerStrength(params: InspectParams, sheet: string, profile: ImportProfile): Promise<number> {
  const source = await openRowSource(params.path, params.fileName, sheet);
  try {
    const head: SheetRow[] = [];
    for await (const r of source.rows()) {
      if (r.row > HEADER_SEARCH_ROWS) break;
      head.push(r);
    }
    return bestHeaderRow(profile, head)?.known ?? 0;
  } finally {
    await source.close();
  }
}

/**
 * True when a sheet's best header row is no list's header: no cell names a field, or it is a lone cell (a cover's
 * title, "Sub-processor register"). A header of several columns naming one field ("Supplier | Spend |
 * Category") is a list's.
 */
function noListHeader(found: { row: number; known: number } | null, head: readonly SheetRow[]): boolean {
  if (!found || found.known === 0) return true;
  const cells = head.find((r) => r.row === found.row)?.cells ?? [];
  return cells.filter((v) => cellText(v) !== '').length < 2;
}

async function inspectSheet(
  params: InspectParams & { keepSheet?: boolean },
  job: JobContext,
): Promise<InspectResult> {
  const profile = importProfile(registerByName(params.register ?? 'vendors')!);
  const noun = profile.register.noun.one;
  const source = await openRowSource(params.path, params.fileName, params.sheet);
  try {
    const headSize = Math.max(HEADER_SEARCH_ROWS, params.headerRow ?? 0);
    const head: SheetRow[] = [];
    const stats = new Map<number, ColumnStats>();
    let headerRow: number | null = null;
    let rowCount = 0;
    let notes = 0;
    let sections = 0;
    let repeats = 0;
    let headerWidth = 0;
    /** The header row's texts, to know the headers again further down. */
    let header: string[] = [];
    let lastDataRow = 0;
    let read = 0;
    /** The file goes on past the sample read (`sampleRows`). */
    let sampled = false;
    let rowEstimate: number | null = null;

    const statsFor = (c: number) => {
      let s = stats.get(c);
      if (!s) {
        s = {
          nonEmpty: 0,
          samples: [],
          values: [],
          dates: { dayFirst: 0, monthFirst: 0, ambiguous: 0 },
          maxNumber: 0,
          minNumber: Infinity,
        };
        stats.set(c, s);
      }
      return s;
    };
    const take = (r: SheetRow) => {
      const kind = rowKind(r.cells, headerWidth, header)?.kind;
      if (kind === 'blank') return;
      if (kind === 'note') {
        notes++;
        return;
      }
      if (kind === 'header') {
        repeats++;
        return;
      }
      if (kind) {
        sections++;
        return;
      }
      rowCount++;
      lastDataRow = r.row;
      r.cells.forEach((v, i) => {
        if (v === null) return;
        const text = cellText(v, true);
        if (text === '') return;
        const s = statsFor(i + 1);
        s.nonEmpty++;
        if (s.samples.length < SAMPLES && !s.samples.includes(text)) s.samples.push(text.slice(0, 80));
        if (s.values.length < FIT_VALUES) s.values.push(v);
        tallyDateOrder(s.dates, v);
        const n = wholeNumber(v, text);
        if (n !== null) {
          if (n > s.maxNumber) s.maxNumber = n;
          if (n < s.minNumber) s.minNumber = n;
        }
      });
    };
    const decideHeader = () => {
      const found = bestHeaderRow(profile, head);
      // The first sheet of several, taken by default, with no list on it: the others are tried (inspectFile).
      const others = source.sheets.filter((x) => !x.hidden && x.name !== source.sheet).map((x) => x.name);
      if (
        !params.sheet &&
        !params.keepSheet &&
        params.headerRow == null &&
        source.sheet &&
        others.length > 0 &&
        noListHeader(found, head)
      )
        throw new WeakSheet(source.sheet, found?.known ?? 0, others);
      headerRow = params.headerRow ?? found?.row ?? null;
      if (headerRow === null) {
        const known = profile.fields
          .slice(0, 5)
          .map((f) => f.label)
          .join(', ');
        throw fileProblem(
          'no-header',
          `No header row found in the first ${HEADER_SEARCH_ROWS} rows${source.sheet ? ` of the sheet "${source.sheet}"` : ''}: none has a column name we know for ${profile.register.noun.other}, such as ${known}. Choose the header row yourself.`,
        );
      }
      const headerCells = head.find((r) => r.row === headerRow)?.cells ?? [];
      headerWidth = headerCells.filter((v) => cellText(v) !== '').length;
      header = headerTexts(headerCells);
      for (const r of head) if (r.row > headerRow) take(r);
    };

    for await (const r of source.rows()) {
      read++;
      if (headerRow === null) {
        if (r.row <= headSize) {
          head.push(r);
          continue;
        }
        decideHeader();
      }
      if (params.sampleRows && rowCount >= params.sampleRows) {
        sampled = true;
        // The rows the whole file holds, judged from the bytes the sample took (its sheet's XML for a workbook).
        const p = source.progress();
        rowEstimate = p.done > 0 && p.total > p.done ? Math.round((rowCount * p.total) / p.done) : null;
        break;
      }
      take(r);
      if (read % BATCH === 0) {
        job.checkCancelled();
        const p = source.progress();
        job.progress({ rows: read, total: null, percent: p.total ? (100 * p.done) / p.total : 0 });
      }
    }
    if (read === 0) {
      throw fileProblem(
        'empty',
        source.sheet ? `The sheet "${source.sheet}" is empty.` : `${params.fileName} has no rows.`,
      );
    }
    if (headerRow === null) decideHeader();
    const hr = headerRow as unknown as number;
    const headerCells = head.find((r) => r.row === hr)?.cells;
    if (!headerCells || isBlankRow(headerCells)) {
      throw fileProblem('no-header', `Row ${hr} is empty, so it cannot be the header row.`);
    }

    const rowsByNumber = new Map(head.map((r) => [r.row, r.cells]));
    const columnNumbers = new Set<number>(stats.keys());
    headerCells.forEach((v, i) => {
      if (cellText(v) !== '') columnNumbers.add(i + 1);
    });
    const columns = [...columnNumbers].sort((a, b) => a - b);
    const labels = columnLabels(columns, hr, rowsByNumber, source.merges);
    const context = columnContext(columns, hr, rowsByNumber, source.merges);
    const suggestions = suggestMapping(
      profile,
      columns.map((c) => ({
        column: c,
        header: labels.get(c)!,
        samples: stats.get(c)?.values ?? [],
        group: context.get(c)?.group ?? null,
        continues: context.get(c)?.continues ?? null,
      })),
    );

    const warnings: string[] = [];
    const within = sampled ? ` in the first ${rowCount.toLocaleString('en')} data rows` : '';
    if (hr > 1) warnings.push(`Rows 1–${hr - 1} above the header row ${hr} are not imported.`);
    if (notes > 0)
      warnings.push(
        `${notes} row${notes > 1 ? 's' : ''}${within} ${notes > 1 ? 'look' : 'looks'} like a note rather than ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} and will be skipped.`,
      );
    if (repeats > 0)
      warnings.push(
        `${repeats} row${repeats > 1 ? 's' : ''}${within} ${repeats > 1 ? 'repeat' : 'repeats'} the column headers, and will be skipped.`,
      );
    if (sections > 0)
      warnings.push(
        `${sections} row${sections > 1 ? 's' : ''}${within} ${sections > 1 ? 'head a section or give a total' : 'heads a section or gives a total'} rather than ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}, and will be skipped.`,
      );
    const result = columns.map((c, i) => {
      const s = stats.get(c);
      const header = labels.get(c)!;
      const suggestion = suggestions[i]!;
      const hidden = source.hiddenColumns.has(c);
      const fromPreset = params.preset ? params.preset[presetKey(header)] : undefined;
      // A hidden column is usually a helper or lookup column: shown, suggested, but not imported unless mapped.
      const field = fromPreset !== undefined ? fromPreset : hidden ? null : suggestion.field;
      const dateOrder = s ? judgeDateOrder(s.dates) : null;
      if (field && field === suggestion.field && suggestion.fit < VALUES_MUST_FIT && s?.samples[0]) {
        warnings.push(
          `Most values in "${header}" do not read as ${lowerLabel(profile.byName.get(field)!.label)} (such as "${s.samples[0]}"): check this column's mapping.`,
        );
      }
      const numbers = s && s.minNumber !== Infinity ? { min: s.minNumber, max: s.maxNumber } : null;
      const spec = field ? profile.byName.get(field) : undefined;
      const scale = spec?.scale ? judgeScale(spec, header, numbers) : null;
      if (spec?.scale && numbers) {
        // How a rating column's numbers will read is said, the usual 1–4 too: a 1–5 list whose vendors all
        // rate 4 or less looks like 1–4, and only the user knows.
        const off =
          scale && numbers.min < Math.min(scale.low, scale.high)
            ? ` A ${numbers.min} is off the scale: it is reported and left empty.`
            : '';
        // Vendor tiers often run the other way (Tier 1 the most critical); not guessed, but said.
        const tier =
          scale && scale.low < scale.high && /\btiers?\b/i.test(header)
            ? ` If Tier 1 is the most critical, choose ${scaleName({ low: scale.high, high: scale.low })}.`
            : '';
        warnings.push(
          scale
            ? `"${header}" is read on a ${scaleName(scale)} scale: ${describeScale(spec, scale)}. ${headerScale(header) ? 'The header says so' : `Its numbers run ${numbers.min}–${numbers.max}`}; choose another scale if the list uses one.${off}${tier}`
            : `"${header}" holds numbers up to ${numbers.max}, and no usual scale fits them: choose the scale, or the numbers past ${defaultScale(spec).high} are reported.`,
        );
      }
      if (hidden)
        warnings.push(
          `Column ${columnLetter(c)} ("${header}") is hidden in the workbook; it is ignored unless you map it.`,
        );
      if (readsDates(spec) && (dateOrder === 'ambiguous' || dateOrder === 'mixed')) {
        warnings.push(
          dateOrder === 'ambiguous'
            ? `The dates in "${header}" could be day-first or month-first (such as 03/04/2024): choose the order.`
            : `"${header}" mixes day-first and month-first dates: choose the order; dates that cannot be read that way are reported.`,
        );
      }
      return {
        column: c,
        letter: columnLetter(c),
        header,
        hidden,
        samples: s?.samples ?? [],
        nonEmpty: s?.nonEmpty ?? 0,
        suggested: suggestion.field,
        confidence: suggestion.confidence,
        field,
        dateOrder,
        ...(spec?.scale ? { scale } : {}),
        ...(numbers ? { numbers } : {}),
      };
    });
    const missing = unmappedRequired(
      profile,
      result.map((c) => c.field),
    );
    for (const f of missing) {
      warnings.push(
        `No column looks like the ${noun}'s ${lowerLabel(f.label)}: map one column to "${f.label}".`,
      );
    }
    // A value that stands for another field the mapping leaves without a column (a signing date for the DPA
    // status): said once for the file, as the rows will be read.
    for (const c of result) {
      const implies = c.field ? profile.byName.get(c.field)?.implies : undefined;
      if (!implies || result.some((o) => o.field === implies.field)) continue;
      const target = profile.register.fields[implies.field]!;
      const targetSpec = profile.byName.get(implies.field);
      const option = targetSpec ? optionLabel(targetSpec, implies.value) : implies.value;
      warnings.push(
        `No column gives the ${lowerLabel(target.label)}: a row with a value in "${c.header}" is imported as ${option}.`,
      );
    }
    // A cell that gives another field too ("Atlassian (Atlassian Pty Ltd)": the legal entity in brackets), where
    // no column gives that field: said once, with the first such cell.
    for (const c of result) {
      const spec = c.field ? profile.byName.get(c.field) : undefined;
      const values = stats.get(c.column)?.values;
      if (!spec?.read || !values) continue;
      for (const v of values) {
        const text = cellText(v, true);
        const read = spec.read(text);
        const gives =
          read?.ok && read.also
            ? Object.keys(read.also).filter((f) => !result.some((o) => o.field === f))
            : [];
        if (gives.length === 0) continue;
        const labels = gives.map((f) => lowerLabel(profile.register.fields[f]?.label ?? f));
        warnings.push(
          `Cells of "${c.header}" such as "${text.slice(0, 80)}" also give the ${labels.join(' and ')}: taken from them.`,
        );
        break;
      }
    }
    if (lastDataRow === 0) warnings.push('There are no data rows below the header.');
    // A file without what this register needs may be another register's list: say which, with what it fills.
    const looksLike = missing.length > 0 ? otherRegister(profile.register.name, head) : null;
    if (looksLike)
      warnings.unshift(
        `This file reads as ${looksLike.title.toLowerCase()} rather than ${profile.register.noun.other} (${looksLike.columns} columns recognised): import it into ${looksLike.title}.`,
      );
    return {
      fileName: params.fileName,
      fileSize: source.fileSize,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      sheets: source.sheets,
      sheet: source.sheet,
      headerRow: hr,
      headerDetected: params.headerRow == null,
      rowCount: sampled ? null : rowCount,
      ...(sampled && rowEstimate !== null ? { rowEstimate } : {}),
      columns: result,
      warnings,
      looksLike,
    };
  } finally {
    await source.close();
  }
}
