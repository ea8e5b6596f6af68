import type { Register } from './define';
import type { AnyField, RowField, RowsDecl } from './fields';
import { lowerLabel } from '../import/profile';
import { countryLabel, readableValue } from './readable';

/**
 * How a cell is written: `date` a day (a date cell), `instant` a moment (a date-time cell in UTC), `number`,
 * `longText` (wrapped, wide) or `text`.
 */
export type ExportKind = 'date' | 'instant' | 'number' | 'text' | 'longText';

/** One column of a register's export: its header, and the cell each record gives it. */
export interface ExportColumn {
  key: string;
  header: string;
  /** Dates stay ISO `YYYY-MM-DD` and moments ISO-8601 UTC (a workbook writer makes them date cells). */
  kind: ExportKind;
  value: (record: Record<string, unknown>) => string | number | null;
  /**
   * The field an edited cell changes when the file comes back (the round trip); absent for the id, derived facts
   * and what only the workbench edits (risks, filings, a screening: they have their own sheets or forms).
   */
  field?: string;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const joined = (list: readonly string[]) => (list.length > 0 ? list.join('; ') : null);

/**
 * The columns a register exports, from its declaration: the record's id, each field with an export header (enums
 * as their labels, lists joined with "; ", countries as names with the code, references as the referred title,
 * moments in UTC), then each derived fact as its own clearly named column. A data subject's personal fields (a
 * requester's contact) are never exported. A register added later exports with no new code.
 */
export function exportColumns(reg: Register): ExportColumn[] {
  const out: ExportColumn[] = [{ key: 'id', header: 'ID', kind: 'number', value: (r) => r.id as number }];
  for (const { name, field } of reg.fieldList) {
    if (field.export === false || field.personal || field.rows?.sheet) continue;
    const header = field.export ?? field.label;
    const { kind, value } = fieldCell(reg, name, field);
    out.push({
      key: name,
      header: kind === 'instant' && !/\(UTC\)$/.test(header) ? `${header} (UTC)` : header,
      kind,
      value,
      // Risks, filings and a screening are edited in the workbench, never from a cell.
      ...(field.kind !== 'rows' && field.kind !== 'struct' ? { field: name } : {}),
    });
  }
  for (const [name, fact] of Object.entries(reg.derived)) {
    if (fact.export === false || fact.export === undefined) continue;
    out.push({
      key: name,
      header: fact.export,
      kind: fact.display === 'date' ? 'date' : 'text',
      value:
        fact.display === 'date'
          ? (r) => (r[name] as string | null) ?? null
          : (r) => readableOrNull(reg, name, r[name]),
    });
  }
  out.push(
    { key: 'archived', header: 'Archived', kind: 'text', value: (r) => (r.archived ? 'Yes' : 'No') },
    { key: 'createdAt', header: 'Added (UTC)', kind: 'instant', value: (r) => r.createdAt as string },
    { key: 'updatedAt', header: 'Last changed (UTC)', kind: 'instant', value: (r) => r.updatedAt as string },
  );
  return out;
}

/** A value in words for a cell, or an empty cell where a DPO would read "—". */
export function readableOrNull(reg: Register, name: string, value: unknown): string | null {
  const text = readableValue(reg, name, value);
  return text === '—' ? null : text;
}

/** How a field of each kind is written to a cell: its kind of cell, and the value a record gives it. */
function fieldCell(reg: Register, name: string, field: AnyField): Pick<ExportColumn, 'kind' | 'value'> {
  const raw = (r: Record<string, unknown>) => (r[name] as string | number | null | undefined) ?? null;
  switch (field.kind) {
    case 'date':
      return { kind: 'date', value: raw };
    case 'instant':
      return { kind: 'instant', value: raw };
    case 'ref':
      return { kind: 'text', value: (r) => (r[field.ref!.nameKey] as string | null) ?? null };
    case 'refs':
      return {
        kind: 'text',
        value: (r) =>
          joined(
            ((r[field.refs!.nameKey] as (string | null)[] | undefined) ?? []).filter(
              (n): n is string => n !== null,
            ),
          ),
      };
    case 'choices':
      return {
        kind: 'text',
        value: (r) =>
          joined(
            ((r[name] as string[] | undefined) ?? []).map(
              (v) => field.options?.find((o) => o.value === v)?.label ?? v,
            ),
          ),
      };
    case 'rows':
    case 'struct':
      return { kind: 'longText', value: (r) => readableOrNull(reg, name, r[name]) };
    case 'int':
      if (!field.choices) return { kind: 'number', value: raw };
      break;
    default:
      break;
  }
  return {
    kind: field.kind === 'longText' ? 'longText' : 'text',
    value: (r) => {
      const value = r[name];
      if (Array.isArray(value)) {
        const list = value as string[];
        return joined(field.kind === 'countries' ? list.map(countryLabel) : list);
      }
      return readableOrNull(reg, name, value);
    },
  };
}

/** One column of a rows sheet (a DPIA's risks): the cell each entry gives it, beside its record's. */
export interface RowsExportColumn {
  key: string;
  header: string;
  kind: ExportKind;
  value: (entry: Record<string, unknown>, record: Record<string, unknown>) => string | number | null;
}

/** The entries of a rows field, exported as a sheet of their own: one line per entry under its record. */
export interface RowsSheet {
  /** The rows field. */
  field: string;
  /** "DPIA risks to people", cut to the 31 characters a sheet name may have. */
  title: string;
  columns: RowsExportColumn[];
  entries: (record: Record<string, unknown>) => readonly Record<string, unknown>[];
}

function rowFieldCell(f: RowField, v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  switch (f.kind) {
    case 'int':
      return f.choices?.find((c) => c.value === v)?.label ?? (v as number);
    case 'enum':
      return f.options.find((o) => o.value === v)?.label ?? String(v);
    case 'rows': {
      const list = v as Record<string, unknown>[];
      return joined(list.map((e) => f.rows.titleOf(e)));
    }
    default:
      return typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v);
  }
}

const rowKind = (f: RowField): ExportKind =>
  f.kind === 'date'
    ? 'date'
    : f.kind === 'instant'
      ? 'instant'
      : f.kind === 'int' && !f.choices
        ? 'number'
        : f.kind === 'longText' || f.kind === 'rows'
          ? 'longText'
          : 'text';

/** A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters. */
export function sheetName(text: string): string {
  const clean = text
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= 31 ? clean : `${clean.slice(0, 30).trimEnd()}…`;
}

/** The rows fields of a register (a DPIA's risks, a breach's filings), each exported as its own sheet. */
export function rowsSheets(reg: Register): RowsSheet[] {
  const out: RowsSheet[] = [];
  for (const { name, field } of reg.fieldList) {
    if (field.kind !== 'rows' || field.export === false || field.personal) continue;
    const decl: RowsDecl = field.rows!;
    const derived = Object.keys(decl.derivedSchema ?? {});
    const columns: RowsExportColumn[] = [
      {
        key: 'recordId',
        header: `${capitalised(reg.noun.one)} ID`,
        kind: 'number',
        value: (_e, r) => r.id as number,
      },
      {
        key: 'record',
        header: reg.fields[reg.identity.fields[0]!]?.label ?? reg.noun.one,
        kind: 'text',
        value: (_e, r) => reg.titleOf(r as never),
      },
      ...Object.entries(decl.fields).map(([k, f]) => ({
        key: k,
        header: f.kind === 'instant' ? `${f.label} (UTC)` : f.label,
        kind: rowKind(f),
        value: (e: Record<string, unknown>) => rowFieldCell(f, e[k]),
      })),
      ...derived
        .filter((k) => !(k in decl.fields))
        .map((k) => ({
          key: k,
          header:
            decl.derivedLabels?.[k] ?? k.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
          kind: 'text' as const,
          value: (e: Record<string, unknown>) => {
            const v = e[k];
            return v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
          },
        })),
    ];
    out.push({
      field: name,
      title: sheetName(decl.sheet ?? `${capitalised(reg.noun.one)} ${lowerLabel(field.label)}`),
      columns,
      entries: (r) => (r[name] as Record<string, unknown>[] | undefined) ?? [],
    });
  }
  return out;
}

/**
 * True when a spreadsheet would read the text as a formula or a command (OWASP "CSV injection": `=`, `+`, `-`,
 * `@`, a tab or a carriage return first). Such cells are written as text and never evaluated.
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}
