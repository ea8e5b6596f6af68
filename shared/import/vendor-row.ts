import { VendorInputSchema, type VendorFields } from '../domain/vendor';
import { parseCountryCell, regionCountries } from './countries-cell';
import { parseDateCell } from './dates';
import { cellText, splitList } from './text';
import type { CellValue, DateOrder, ImportIssue, VendorImportField } from './types';
import { parseBoolean, parseInteger } from './values';
import { ENUM_READERS, VENDOR_FIELD_SPECS } from './vendor-fields';

/** A column the user mapped to a field. */
export interface MappedColumn {
  column: number;
  header: string;
  field: VendorImportField;
  dateOrder?: DateOrder;
}

export interface RowOptions {
  /** Expand "EU" / "EEA" to their member states (REGION_RULE); otherwise they are flagged. */
  expandRegions: boolean;
}

/** A cell-level problem before the row number is known. */
export type CellIssue = Omit<ImportIssue, 'row'>;

export interface MappedVendorRow {
  /** What goes to VendorInputSchema. */
  input: Record<string, unknown>;
  /** Fields for which the row had a value: only these change when the row updates an existing vendor. */
  provided: VendorImportField[];
  issues: CellIssue[];
}

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

/**
 * Turns one spreadsheet row into a vendor input: each mapped cell read as its field's kind (lists split,
 * countries and regions read, dates, yes/no, enums and numbers parsed), with every cell that cannot be read
 * reported by column, field and reason. The result still goes through VendorInputSchema (`validateVendorRow`).
 */
export function mapVendorRow(
  cells: readonly CellValue[],
  columns: readonly MappedColumn[],
  options: RowOptions,
): MappedVendorRow {
  const input: Record<string, unknown> = {};
  const provided = new Set<VendorImportField>();
  const issues: CellIssue[] = [];
  const notes: string[] = [];
  const notesColumns = columns.filter((c) => c.field === 'notes').length;

  for (const col of columns) {
    const raw = cells[col.column - 1] ?? null;
    const spec = VENDOR_FIELD_SPECS[col.field];
    const text = cellText(raw);
    const isError = raw !== null && typeof raw === 'object' && !(raw instanceof Date);
    if (text === '' && !isError) continue;
    const issue = (message: string, severity: 'error' | 'warning' = 'error') =>
      issues.push({
        column: col.header,
        field: col.field,
        value: text.slice(0, 200) || null,
        message,
        severity,
      });
    if (isError) {
      issue(
        raw.error
          ? `The cell holds the spreadsheet error ${raw.error}, saved by a formula.`
          : 'The cell holds a formula whose value was never saved; open the file in Excel, save it, and import it again.',
      );
      continue;
    }
    const f = col.field;
    switch (spec.kind) {
      case 'text': {
        if (input[f] === undefined) input[f] = cellText(raw, true);
        break;
      }
      case 'longText': {
        if (f === 'notes') notes.push(notesColumns > 1 ? `${col.header}: ${text}` : text);
        else input[f] = input[f] === undefined ? text : `${String(input[f])}\n${text}`;
        break;
      }
      case 'list': {
        const entries = listEntries(text, spec.commas ?? true);
        if (!entries) {
          issue(
            `An entry is longer than ${MAX_LABEL} characters; map this column to Notes instead, or shorten it.`,
          );
          continue;
        }
        input[f] = [...((input[f] as string[] | undefined) ?? []), ...entries];
        break;
      }
      case 'countries': {
        const cell = parseCountryCell(raw);
        const list = [...((input[f] as string[] | undefined) ?? []), ...cell.countries];
        for (const u of cell.unknown)
          issue(`"${u}" is not a country we recognise; use a name or an ISO code such as DE.`);
        let flagged = false;
        for (const r of cell.regions) {
          const expanded = options.expandRegions ? regionCountries(r.kind) : null;
          if (expanded) {
            list.push(...expanded);
            issue(
              `"${r.text}" was expanded to the ${expanded.length} ${r.kind === 'eu' ? 'EU member states' : 'EEA countries'}.`,
              'warning',
            );
          } else {
            flagged = true;
            issue(
              r.kind === 'unbounded'
                ? `"${r.text}" names no country, so it was left out; ask the vendor which countries it means. The cell is kept in the notes.`
                : `"${r.text}" is a region, not a country, so it was left out; choose to expand EU and EEA to add the member states. The cell is kept in the notes.`,
              'warning',
            );
          }
        }
        if (flagged) notes.push(`${col.header} as listed in the file: ${text}`);
        input[f] = list;
        break;
      }
      case 'country': {
        const cell = parseCountryCell(raw);
        if (cell.unknown.length > 0)
          issue(`"${cell.unknown[0]}" is not a country we recognise; use a name or an ISO code such as DE.`);
        else if (cell.regions.length > 0)
          issue(`A headquarters is in one country, not in "${cell.regions[0]!.text}".`);
        else if (cell.countries.length > 1)
          issue(`Give one country here, not ${cell.countries.length} (${cell.countries.join(', ')}).`);
        else input[f] = cell.countries[0];
        break;
      }
      case 'date': {
        const d = parseDateCell(raw, col.dateOrder);
        if (d.ok) input[f] = d.value;
        else issue(d.message);
        break;
      }
      case 'boolean': {
        const b = parseBoolean(raw);
        if (b.ok) input[f] = b.value;
        else issue(b.message);
        break;
      }
      case 'enum': {
        const e = ENUM_READERS[f as keyof typeof ENUM_READERS](raw);
        if (e.ok) input[f] = e.value;
        else issue(e.message);
        break;
      }
      case 'days':
      case 'hours': {
        const n = parseInteger(raw, spec.kind);
        if (n.ok) input[f] = n.value;
        else issue(n.message);
        break;
      }
    }
    if (input[f] !== undefined || (f === 'notes' && notes.length > 0)) provided.add(f);
  }
  if (notes.length > 0) {
    input.notes = notes.join('\n');
    provided.add('notes');
  }
  return { input, provided: [...provided], issues };
}

export type ValidatedVendorRow = { ok: true; fields: VendorFields } | { ok: false; issues: CellIssue[] };

/** Validates a mapped row with the same schema the form and every door use. */
export function validateVendorRow(
  input: Record<string, unknown>,
  columns: readonly MappedColumn[],
  cells: readonly CellValue[],
): ValidatedVendorRow {
  const parsed = VendorInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      const field = i.path.length > 0 ? String(i.path[0]) : null;
      const col = columns.find((c) => c.field === field);
      const value = col ? cellText(cells[col.column - 1] ?? null).slice(0, 200) : null;
      const message = field === 'name' && !col ? 'A vendor needs a name: map a column to Name.' : i.message;
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

const LIST_FIELDS = new Set<VendorImportField>(
  (Object.keys(VENDOR_FIELD_SPECS) as VendorImportField[]).filter((f) => {
    const k = VENDOR_FIELD_SPECS[f].kind;
    return k === 'list' || k === 'countries';
  }),
);

/**
 * What a row does to a vendor it updates: only the fields the row filled change, never the name; lists (services, countries,
 * categories...) gain the row's entries and lose none; notes gain the row's text. An import never empties a
 * field, so updating with a thinner file loses nothing.
 */
export function mergeVendorFields(
  base: VendorFields,
  incoming: VendorFields,
  provided: readonly VendorImportField[],
): VendorFields {
  const out: Record<string, unknown> = { ...base };
  for (const f of provided) {
    // The rows matched on the normalised legal name, so the names differ only in form ("Globex" and
    // "Globex Corporation"): the vendor keeps the name it has.
    if (f === 'name') continue;
    if (LIST_FIELDS.has(f)) {
      out[f] = [...new Set([...(base[f] as string[]), ...(incoming[f] as string[])])];
    } else if (f === 'notes') {
      const a = base.notes ?? '';
      const b = incoming.notes ?? '';
      out.notes = a.includes(b) ? a || null : a ? `${a}\n${b}` : b;
    } else {
      out[f] = incoming[f];
    }
  }
  return out as VendorFields;
}
