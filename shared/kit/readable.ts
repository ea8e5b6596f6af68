import { countryName } from '../countries';
import type { Register } from './define';
import type { AnyField, RowsDecl } from './fields';

/** "United States of America (US)": the name a DPO reads, with the code a contract or import uses. */
export function countryLabel(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

export function countryList(codes: readonly string[]): string {
  return codes.map(countryLabel).join(', ');
}

export interface ReadableOptions {
  /** How a stored `YYYY-MM-DD` is shown (the UI uses the user's locale; text output keeps ISO). */
  date?: (iso: string) => string;
}

/**
 * A stored value as a DPO reads it (the change history, text output, exports): labels instead of codes, country
 * names, dates as the caller formats them, "Yes"/"No". Works for fields and derived facts of any register, by
 * their declaration.
 */
export function readableValue(
  reg: Register,
  name: string | null,
  value: unknown,
  options: ReadableOptions = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const field = name ? reg.fields[name] : undefined;
  const fact = name && !field ? reg.derived[name] : undefined;
  if (field) {
    const own = structuredValue(field, value);
    if (own !== null) return own;
  }
  const enumField =
    field?.kind === 'enum'
      ? field
      : fact?.display && typeof fact.display === 'object'
        ? reg.fields[fact.display.enumOf]
        : undefined;
  const countries = field?.kind === 'country' || field?.kind === 'countries' || fact?.display === 'countries';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => typeof v === 'string')) {
      return countries ? countryList(value as string[]) : (value as string[]).join(', ');
    }
    return value.map((v) => readableValue(reg, null, v, options)).join('; ');
  }
  if (typeof value === 'boolean') {
    if (field?.yesNo) return value ? field.yesNo.yes : field.yesNo.no;
    return value ? 'Yes' : 'No';
  }
  if (typeof value === 'number') {
    return field?.choices?.find((c) => c.value === value)?.label ?? String(value);
  }
  if (typeof value === 'string') {
    if (countries) return countryLabel(value);
    if (field?.kind === 'date' || fact?.display === 'date') return (options.date ?? ((d) => d))(value);
    if (enumField) return enumField.options?.find((o) => o.value === value)?.label ?? value;
    return value;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.status === 'string') {
      const reasons = Array.isArray(o.reasons)
        ? (o.reasons as { level?: string; text?: string }[])
            .filter((r) => r.level !== 'ok')
            .map((r) => r.text)
        : [];
      return reasons.length > 0 ? `${o.status}: ${reasons.join(' ')}` : o.status;
    }
    if (typeof o.country === 'string' && typeof o.covered === 'string') {
      return `${countryLabel(o.country)}: ${o.covered}`;
    }
  }
  return JSON.stringify(value);
}

/** Choices, linked ids, rows and structs as words; null for the other kinds. */
function structuredValue(field: AnyField, value: unknown): string | null {
  switch (field.kind) {
    case 'choices': {
      const list = value as string[];
      if (list.length === 0) return '—';
      return list.map((v) => field.options?.find((o) => o.value === v)?.label ?? v).join(', ');
    }
    case 'refs': {
      const list = value as number[];
      return list.length === 0 ? '—' : list.map((id) => `#${id}`).join(', ');
    }
    case 'rows': {
      const list = value as Record<string, unknown>[];
      return list.length === 0 ? '—' : list.map((e) => field.rows!.titleOf(e)).join('; ');
    }
    case 'struct':
      return field.describe ? field.describe(value) : JSON.stringify(value);
    default:
      return null;
  }
}

/**
 * What changed in a rows field, in words: "Added risk “X”; changed “Y” (likelihood 3 → 2); removed “Z”".
 * Entries are matched by title, then by position.
 */
export function rowsChange(decl: RowsDecl, before: unknown, after: unknown): string {
  const old = (Array.isArray(before) ? before : []) as Record<string, unknown>[];
  const now = (Array.isArray(after) ? after : []) as Record<string, unknown>[];
  const title = (e: Record<string, unknown>) => decl.titleOf(e);
  const parts: string[] = [];
  const oldByTitle = new Map(old.map((e) => [title(e), e]));
  const newTitles = new Set(now.map(title));
  for (const e of now) {
    const prior = oldByTitle.get(title(e));
    if (!prior) {
      parts.push(`added ${decl.noun.one} “${title(e)}”`);
      continue;
    }
    const changed = Object.entries(decl.fields)
      .filter(([k]) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(e[k] ?? null))
      .map(([k, f]) =>
        f.kind === 'rows' || f.kind === 'longText'
          ? f.label.toLowerCase()
          : `${f.label.toLowerCase()} ${String(prior[k] ?? '—')} → ${String(e[k] ?? '—')}`,
      );
    if (changed.length > 0) parts.push(`changed “${title(e)}” (${changed.join(', ')})`);
  }
  for (const e of old) if (!newTitles.has(title(e))) parts.push(`removed ${decl.noun.one} “${title(e)}”`);
  if (parts.length === 0 && old.map(title).join('\n') !== now.map(title).join('\n')) parts.push('reordered');
  const text = parts.join('; ') || 'no change';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
